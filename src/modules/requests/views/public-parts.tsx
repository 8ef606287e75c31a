/** Pieces shared by the public request pages: dates in the town's time zone, status labels, request tables, the subscribe form. */
import type { PageContext } from "../../../platform/views/context.js";
import { Form, TextField, Button, Table, Pagination, type FieldErrors, type PageInfo } from "../../../platform/views/components.js";
import type { PublicRequest } from "../presenters.js";

export function formatDate(iso: string | Date, timeZone: string, withTime = true): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat("es-MX", { dateStyle: "medium", ...(withTime ? { timeStyle: "short" } : {}), timeZone }).format(d);
}

/** A duration for people: hours below two days, days (one decimal) above. */
export function formatDuration(ctx: PageContext, hours: number): string {
  if (hours < 48) return ctx.t("reqPublic:duration.hours", { count: Math.max(0, Math.round(hours * 10) / 10) });
  const days = Math.round((hours / 24) * 10) / 10;
  return ctx.t("reqPublic:duration.days", { count: days });
}

export function statusLabel(ctx: PageContext, status: string): string {
  return ctx.t(`reqPublic:status.${status}`);
}

export function folioUrl(slug: string, folio: string): string {
  return `/${slug}/solicitudes/${folio}`;
}

export function RequestTable({ ctx, slug, timeZone, rows, caption, info, param }: { ctx: PageContext; slug: string; timeZone: string; rows: PublicRequest[]; caption: string; info?: PageInfo; param?: string }) {
  const t = ctx.t;
  return (
    <>
      <Table
        caption={caption}
        rows={rows}
        empty={t("reqPublic:list.empty")}
        columns={[
          { header: t("reqPublic:columns.folio"), cell: (r) => <a href={folioUrl(slug, r.folio)}>{r.folio}</a> },
          { header: t("reqPublic:columns.service"), cell: (r) => r.service.name },
          { header: t("reqPublic:columns.status"), cell: (r) => statusLabel(ctx, r.status) },
          { header: t("reqPublic:columns.colonia"), cell: (r) => r.colonia?.name ?? "" },
          { header: t("reqPublic:columns.created"), cell: (r) => formatDate(r.createdAt, timeZone, false) },
          { header: t("reqPublic:columns.supporters"), cell: (r) => String(r.supporters), numeric: true },
        ]}
      />
      {info && <Pagination ctx={ctx} info={info} param={param} label={param ? `${t("pagination.label")}: ${caption}` : undefined} />}
    </>
  );
}

export function SubscribeForm({ ctx, action, lead, errors, email }: { ctx: PageContext; action: string; lead: string; errors?: FieldErrors; email?: string }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="seguir">
      <h2 id="seguir">{t("reqPublic:subscribe.title")}</h2>
      <p>{lead}</p>
      <Form ctx={ctx} action={action} errors={errors}>
        <TextField ctx={ctx} name="email" type="email" label={t("reqPublic:subscribe.email")} value={email} error={errors?.email} autocomplete="email" inputmode="email" required />
        <Button>{t("reqPublic:subscribe.button")}</Button>
      </Form>
    </section>
  );
}

export function FeedLinks({ ctx, base, csv, geojson }: { ctx: PageContext; base: string; csv: string; geojson: string }) {
  const t = ctx.t;
  return (
    <>
      <h2>{t("reqPublic:colonia.feeds")}</h2>
      <ul>
        <li>
          <a href={`${base}/feed.rss`} type="application/rss+xml">{t("reqPublic:colonia.rss")}</a>
        </li>
        <li>
          <a href={`${base}/feed.atom`} type="application/atom+xml">{t("reqPublic:colonia.atom")}</a>
        </li>
      </ul>
      <h2>{t("reqPublic:colonia.openData")}</h2>
      <ul>
        <li>
          <a href={csv} type="text/csv">{t("reqPublic:colonia.csv")}</a>
        </li>
        <li>
          <a href={geojson} type="application/geo+json">{t("reqPublic:colonia.geojson")}</a>
        </li>
      </ul>
    </>
  );
}
