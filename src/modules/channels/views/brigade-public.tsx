/**
 * Public pages of brigades: the list of those under way or concluded, and one brigade — its route,
 * the households visited, the requests by service with their public folios, the proposals
 * gathered. Nothing about the members or the residents.
 */
import { Layout } from "../../../platform/views/layout.js";
import { Pagination, Table, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PublicBrigadeFolio } from "../brigade-public-queries.js";
import type { BrigadeRow, RouteStop } from "../brigade-queries.js";
import type { BrigadeCounts } from "../brigade-summary.js";
import * as u from "../urls.js";
import { BrigadesTable, Counts, period, PublicCrumbs, RouteTable, statusLabel, TallyTable } from "./brigade-parts.js";

export function PublicBrigadesPage({ ctx, brigades, info }: { ctx: PageContext; brigades: BrigadeRow[]; info: PageInfo }) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("brigades:public.title")}>
      <PublicCrumbs ctx={ctx} items={[]} />
      <h1>{t("brigades:public.title")}</h1>
      <p class="lead">{t("brigades:public.lead")}</p>
      <BrigadesTable ctx={ctx} caption={t("brigades:public.caption")} empty={t("brigades:public.none")} rows={brigades} href={(slug) => u.brigadePath(m, slug)} />
      <Pagination ctx={ctx} info={info} />
      <p>
        {t("brigades:public.members")} <a href={u.brigadeAppPath(m)}>{t("brigades:public.appLink")}</a>
      </p>
    </Layout>
  );
}

export interface PublicBrigadeProps {
  ctx: PageContext;
  brigade: BrigadeRow;
  counts: BrigadeCounts;
  route: RouteStop[];
  routeInfo: PageInfo;
  folios: PublicBrigadeFolio[];
  foliosInfo: PageInfo;
}

export function PublicBrigadePage(p: PublicBrigadeProps) {
  const { ctx, brigade, counts } = p;
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={brigade.name}>
      <PublicCrumbs ctx={ctx} items={[{ label: brigade.name }]} />
      <h1>{brigade.name}</h1>
      <dl class="facts">
        <dt>{t("brigades:fields.status")}</dt>
        <dd>{statusLabel(ctx, brigade.status)}</dd>
        <dt>{t("brigades:fields.period")}</dt>
        <dd>{period(ctx, brigade.startsOn, brigade.endsOn)}</dd>
      </dl>
      {brigade.description && <p class="description">{brigade.description}</p>}

      <section aria-labelledby="resultados">
        <h2 id="resultados">{t("brigades:public.results")}</h2>
        <Counts ctx={ctx} counts={counts} />
        <TallyTable ctx={ctx} caption={t("brigades:summary.byService")} header={t("brigades:summary.service")} rows={counts.byService} empty={t("brigades:summary.noRequests")} />
      </section>

      <section aria-labelledby="ruta">
        <h2 id="ruta">{t("brigades:route.title")}</h2>
        <RouteTable ctx={ctx} rows={p.route} />
        <Pagination ctx={ctx} info={p.routeInfo} param="ruta" label={t("brigades:route.title")} />
      </section>

      <section aria-labelledby="folios">
        <h2 id="folios">{t("brigades:public.folios")}</h2>
        <p class="hint">{t("brigades:public.foliosLead")}</p>
        <Table<PublicBrigadeFolio>
          caption={t("brigades:public.foliosCaption")}
          empty={t("brigades:summary.noRequests")}
          rows={p.folios}
          columns={[
            { header: t("brigades:followUp.folio"), cell: (f) => <a href={u.requestFolioPath(m, f.folio)}>{f.folio}</a> },
            { header: t("brigades:summary.service"), cell: (f) => f.service },
            { header: t("brigades:route.colonia"), cell: (f) => f.colonia ?? t("brigades:counts.none") },
          ]}
        />
        <Pagination ctx={ctx} info={p.foliosInfo} param="folios" label={t("brigades:public.folios")} />
      </section>
    </Layout>
  );
}
