/** The staff dashboard by channel and colonia: filters (GET, no JavaScript), then one table per breakdown. */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Form, Pagination, SelectField, Table, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { ActiveMunicipality } from "../../territory/queries.js";
import type { Channel } from "../../requests/tables.js";
import type { ProposalChannel } from "../../proposals/tables.js";
import { PROPOSAL_CHANNELS, REQUEST_CHANNELS, type ChannelFigures, type ColoniaChannelRow, type ProcessChannelRow } from "../stats-queries.js";
import { channelStatsCsvPath, channelStatsPath } from "../urls.js";

export interface StatsFilterValues {
  desde: string;
  hasta: string;
  servicio: string;
}

export interface StatsFigures {
  byChannel: { rows: ChannelFigures[]; total: Omit<ChannelFigures, "channel"> };
  assistedByChannel: { channel: Channel; assisted: number }[];
  assistedByOffice: { office: string | null; assisted: number }[];
  colonias: { rows: ColoniaChannelRow[]; info: PageInfo };
  proposals: { rows: ProcessChannelRow[]; info: PageInfo };
}

export interface StatsPageProps {
  ctx: PageContext;
  municipality: ActiveMunicipality;
  values: StatsFilterValues;
  errors: Record<string, string>;
  services: { code: string; name: string }[];
  /** Null when the filters have mistakes. */
  figures: StatsFigures | null;
  /** The filters as a query string ("" or "?desde=…"), for the CSV link. */
  query: string;
}

function decimal(ctx: PageContext, n: number): string {
  return new Intl.NumberFormat(ctx.locale === "en" ? "en" : "es-MX", { maximumFractionDigits: 1 }).format(n);
}

function Filters({ ctx, municipality: m, values, errors, services }: Pick<StatsPageProps, "ctx" | "municipality" | "values" | "errors" | "services">) {
  const t = ctx.t;
  return (
    <Form ctx={ctx} action={channelStatsPath(m.slug)} method="get" errors={errors} class="search-form">
      <h2 id="filtros-titulo" style="flex-basis:100%;margin:0">
        {t("channelStats:stats.filters")}
      </h2>
      <TextField ctx={ctx} name="desde" type="date" label={t("channelStats:stats.from")} hint={t("channelStats:stats.dateHint")} value={values.desde} error={errors.desde} />
      <TextField ctx={ctx} name="hasta" type="date" label={t("channelStats:stats.to")} hint={t("channelStats:stats.dateHint")} value={values.hasta} error={errors.hasta} />
      <SelectField
        ctx={ctx}
        name="servicio"
        label={t("channelStats:stats.service")}
        value={values.servicio}
        error={errors.servicio}
        placeholder={t("channelStats:stats.anyService")}
        options={services.map((s) => ({ value: s.code, label: s.name }))}
      />
      <button type="submit" class="button button-primary">
        {t("channelStats:stats.apply")}
      </button>
      <a href={channelStatsPath(m.slug)}>{t("channelStats:stats.clear")}</a>
    </Form>
  );
}

function ChannelTable({ ctx, figures }: { ctx: PageContext; figures: StatsFigures["byChannel"] }) {
  const t = ctx.t;
  const none = t("channelStats:stats.none");
  const cells = (f: Omit<ChannelFigures, "channel">) => (
    <>
      <td class="num">{f.received}</td>
      <td class="num">{f.open}</td>
      <td class="num">{f.attended}</td>
      <td class="num">{f.onTimePercent === null ? none : `${f.onTime} (${t("channelStats:stats.percent", { value: decimal(ctx, f.onTimePercent) })})`}</td>
      <td class="num">{f.medianBusinessDays === null ? none : decimal(ctx, f.medianBusinessDays)}</td>
    </>
  );
  const caption = t("channelStats:stats.byChannel.caption");
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table id="por-canal">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("channelStats:stats.byChannel.channel")}</th>
            <th scope="col" class="num">{t("channelStats:stats.byChannel.received")}</th>
            <th scope="col" class="num">{t("channelStats:stats.byChannel.open")}</th>
            <th scope="col" class="num">{t("channelStats:stats.byChannel.attended")}</th>
            <th scope="col" class="num">{t("channelStats:stats.byChannel.onTime")}</th>
            <th scope="col" class="num">{t("channelStats:stats.byChannel.median")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.rows.map((f) => (
            <tr data-canal={f.channel}>
              <th scope="row">{t(`channels:channel.${f.channel}`)}</th>
              {cells(f)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-canal="total">
            <th scope="row">{t("channelStats:stats.total")}</th>
            {cells(figures.total)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Figures({ ctx, figures: f, query, slug }: { ctx: PageContext; figures: StatsFigures; query: string; slug: string }) {
  const t = ctx.t;
  const channelLabel = (c: Channel | ProposalChannel) => t(`channels:channel.${c}`);
  return (
    <>
      <h2>{t("channelStats:stats.byChannel.title")}</h2>
      <ChannelTable ctx={ctx} figures={f.byChannel} />
      <p class="hint">{t("channelStats:stats.byChannel.note")}</p>

      <h2>{t("channelStats:stats.assisted.title")}</h2>
      {f.assistedByChannel.length === 0 ? (
        <p class="empty">{t("channelStats:stats.assisted.empty")}</p>
      ) : (
        <>
          <Table
            caption={t("channelStats:stats.assisted.byChannel")}
            rows={f.assistedByChannel}
            empty={t("channelStats:stats.assisted.empty")}
            columns={[
              { header: t("channelStats:stats.byChannel.channel"), cell: (r) => channelLabel(r.channel) },
              { header: t("channelStats:stats.assisted.count"), cell: (r) => r.assisted, numeric: true },
            ]}
          />
          <Table
            caption={t("channelStats:stats.assisted.byOffice")}
            rows={f.assistedByOffice}
            empty={t("channelStats:stats.assisted.empty")}
            columns={[
              { header: t("channelStats:stats.assisted.office"), cell: (r) => r.office ?? t("channelStats:stats.assisted.noOffice") },
              { header: t("channelStats:stats.assisted.count"), cell: (r) => r.assisted, numeric: true },
            ]}
          />
        </>
      )}

      <h2 id="por-colonia">{t("channelStats:stats.colonias.title")}</h2>
      <p>
        <a href={`${channelStatsCsvPath(slug)}${query}`} download>
          {t("channelStats:stats.csv")}
        </a>
      </p>
      <Table
        caption={t("channelStats:stats.colonias.caption")}
        rows={f.colonias.rows}
        empty={t("channelStats:stats.colonias.empty")}
        columns={[
          { header: t("channelStats:stats.colonias.colonia"), cell: (r) => r.colonia ?? t("channelStats:stats.colonias.none") },
          { header: t("channelStats:stats.total"), cell: (r) => r.total, numeric: true },
          ...REQUEST_CHANNELS.map((c) => ({ header: channelLabel(c), cell: (r: ColoniaChannelRow) => r.byChannel[c], numeric: true })),
        ]}
      />
      <Pagination ctx={ctx} info={f.colonias.info} label={t("channelStats:stats.colonias.pagination")} />

      <h2>{t("channelStats:stats.proposals.title")}</h2>
      <p class="hint">{t("channelStats:stats.proposals.note")}</p>
      <Table
        caption={t("channelStats:stats.proposals.caption")}
        rows={f.proposals.rows}
        empty={t("channelStats:stats.proposals.empty")}
        columns={[
          { header: t("channelStats:stats.proposals.process"), cell: (r) => r.process.title },
          { header: t("channelStats:stats.total"), cell: (r) => r.total, numeric: true },
          ...PROPOSAL_CHANNELS.map((c) => ({ header: channelLabel(c), cell: (r: ProcessChannelRow) => r.byChannel[c], numeric: true })),
        ]}
      />
      <Pagination ctx={ctx} info={f.proposals.info} param="pagina_propuestas" label={t("channelStats:stats.proposals.pagination")} />
    </>
  );
}

export function ChannelStatsPage(props: StatsPageProps) {
  const { ctx, municipality: m, figures, query } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t("channelStats:stats.title")}>
      <Breadcrumbs items={[{ href: `/${m.slug}/admin`, label: t("nav.admin") }, { label: t("channelStats:stats.title") }]} />
      <h1>{t("channelStats:stats.title")}</h1>
      <p class="lead">{t("channelStats:stats.lead")}</p>
      <Filters {...props} />
      {figures ? <Figures ctx={ctx} figures={figures} query={query} slug={m.slug} /> : <p class="empty">{t("channelStats:stats.fix")}</p>}
    </Layout>
  );
}
