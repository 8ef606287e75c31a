/** A colonia's request microsite, and the same view for the whole municipality (the summary page). */
import type { PageContext } from "../../../platform/views/context.js";
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Table, type FieldErrors } from "../../../platform/views/components.js";
import type { PagedRequests, PublicActivity, RequestCounts, ServiceMedian } from "../queries-public.js";
import { FeedLinks, folioUrl, formatDate, formatDuration, RequestTable, statusLabel, SubscribeForm } from "./public-parts.js";

export interface MicrositeProps {
  ctx: PageContext;
  municipality: { slug: string; name: string; timeZone: string };
  /** null: the municipality-wide summary. */
  colonia: { slug: string; name: string } | null;
  counts: RequestCounts;
  medians: ServiceMedian[];
  open: PagedRequests;
  closed: PagedRequests;
  activity: PublicActivity[];
  subscribeErrors?: FieldErrors;
  subscribeEmail?: string;
}

function activityText(ctx: PageContext, a: PublicActivity): string {
  const vars = { folio: a.folio, service: a.serviceName, status: statusLabel(ctx, a.to ?? ""), to: a.to };
  return ctx.t(`reqPublic:feed.${a.kind}`, vars);
}

export function MicrositePage({ ctx, municipality: m, colonia, counts, medians, open, closed, activity, subscribeErrors, subscribeEmail }: MicrositeProps) {
  const t = ctx.t;
  const title = colonia ? t("reqPublic:colonia.title", { colonia: colonia.name }) : t("reqPublic:colonia.summaryTitle", { municipality: m.name });
  const base = colonia ? `/${m.slug}/colonias/${colonia.slug}/solicitudes` : `/${m.slug}/solicitudes`;
  const dataQuery = colonia ? `?colonia=${colonia.slug}` : "";
  const crumbs = colonia
    ? [{ href: `/${m.slug}`, label: m.name }, { href: `/${m.slug}/colonias`, label: t("territory:colonias.title") }, { href: `/${m.slug}/colonias/${colonia.slug}`, label: colonia.name }, { label: t("reqPublic:nav") }]
    : [{ href: `/${m.slug}`, label: m.name }, { href: `/${m.slug}/solicitudes`, label: t("reqPublic:list.title") }, { label: t("reqPublic:list.summary") }];
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs items={crumbs} />
      <h1>{title}</h1>
      <h2>{t("reqPublic:colonia.counts")}</h2>
      <dl class="stats">
        <dt>{t("reqPublic:colonia.open")}</dt>
        <dd>{counts.open}</dd>
        <dt>{t("reqPublic:colonia.attended")}</dt>
        <dd>{counts.attended}</dd>
        <dt>{t("reqPublic:colonia.total")}</dt>
        <dd>{counts.total}</dd>
      </dl>
      <h2>{t("reqPublic:colonia.medianTitle")}</h2>
      <p class="hint">{t("reqPublic:colonia.medianHint")}</p>
      <Table
        caption={t("reqPublic:colonia.medianCaption")}
        rows={medians}
        empty={t("reqPublic:colonia.medianEmpty")}
        columns={[
          { header: t("reqPublic:columns.service"), cell: (s) => s.serviceName },
          { header: t("reqPublic:columns.attended"), cell: (s) => String(s.attended), numeric: true },
          { header: t("reqPublic:columns.median"), cell: (s) => formatDuration(ctx, s.medianHours), numeric: true },
        ]}
      />
      <h2>{t("reqPublic:colonia.openTitle")}</h2>
      <RequestTable ctx={ctx} slug={m.slug} timeZone={m.timeZone} rows={open.rows} caption={t("reqPublic:colonia.openTitle")} info={open} param="abiertas" />
      <h2>{t("reqPublic:colonia.closedTitle")}</h2>
      <RequestTable ctx={ctx} slug={m.slug} timeZone={m.timeZone} rows={closed.rows} caption={t("reqPublic:colonia.closedTitle")} info={closed} param="cerradas" />
      <h2>{t("reqPublic:colonia.activity")}</h2>
      {activity.length === 0 ? (
        <p class="empty">{t("reqPublic:colonia.noActivity")}</p>
      ) : (
        <ul class="activity">
          {activity.map((a) => (
            <li>
              <time dateTime={a.at.toISOString()}>{formatDate(a.at, m.timeZone)}</time> — <a href={folioUrl(m.slug, a.folio)}>{activityText(ctx, a)}</a>
            </li>
          ))}
        </ul>
      )}
      <FeedLinks ctx={ctx} base={base} csv={`/${m.slug}/datos/solicitudes.csv${dataQuery}`} geojson={`/${m.slug}/datos/solicitudes.geojson${dataQuery}`} />
      <p>
        <a href={`/${m.slug}/solicitudes${dataQuery}`}>{t("reqPublic:colonia.allRequests")}</a>
      </p>
      {colonia && (
        <SubscribeForm ctx={ctx} action={`${base}/suscripcion`} lead={t("reqPublic:subscribe.coloniaLead")} errors={subscribeErrors} email={subscribeEmail} />
      )}
    </Layout>
  );
}

export { activityText };
