/** Pieces shared by the brigade pages: labels, the period in words, the counts and the tallies. */
import type { ComponentChildren } from "preact";
import { Breadcrumbs, Table } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import { longDate } from "../../plans/views/staff-parts.js";
import type { BrigadeCounts } from "../brigade-summary.js";
import type { BrigadeRow, RouteStop } from "../brigade-queries.js";
import type { BrigadeStatus } from "../tables.js";
import { adminBrigadesPath, brigadesPath } from "../urls.js";

export const statusLabel = (ctx: PageContext, s: BrigadeStatus) => ctx.t(`brigades:status.${s}`);
export const period = (ctx: PageContext, from: string, to: string) => ctx.t("brigades:period", { from: longDate(ctx, from), to: longDate(ctx, to) });
export { longDate };

/** Administración › Brigadas › …items */
export function AdminCrumbs({ ctx, items }: { ctx: PageContext; items: { href?: string; label: string }[] }) {
  const m = ctx.municipality!.slug;
  return <Breadcrumbs items={[{ href: `/${m}/admin`, label: ctx.t("brigades:crumbs.admin") }, { href: adminBrigadesPath(m), label: ctx.t("brigades:admin.title") }, ...items]} />;
}

/** Inicio › Brigadas en colonias › …items */
export function PublicCrumbs({ ctx, items }: { ctx: PageContext; items: { href?: string; label: string }[] }) {
  const m = ctx.municipality!;
  return <Breadcrumbs items={[{ href: `/${m.slug}`, label: m.name }, { href: brigadesPath(m.slug), label: ctx.t("brigades:public.title") }, ...items]} />;
}

/** Households visited and records by kind, as figures. */
export function Counts({ ctx, counts }: { ctx: PageContext; counts: BrigadeCounts }) {
  const t = ctx.t;
  const items: [string, number][] = [
    [t("brigades:counts.households"), counts.households],
    [t("brigades:counts.requests"), counts.byKind.solicitud],
    [t("brigades:counts.proposals"), counts.byKind.propuesta],
    [t("brigades:counts.visits"), counts.byKind.visita],
  ];
  return (
    <dl class="stats">
      {items.map(([label, n]) => (
        <div>
          <dt>{label}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A tally (requests by service, records by colonia…) as a two-column table. */
export function TallyTable({ ctx, caption, header, rows, empty }: { ctx: PageContext; caption: string; header: string; rows: { label: string | null; count: number }[]; empty: string }) {
  return (
    <Table<{ label: string | null; count: number }>
      caption={caption}
      empty={empty}
      rows={rows}
      columns={[
        { header, cell: (r) => r.label ?? ctx.t("brigades:counts.none") },
        { header: ctx.t("brigades:counts.records"), cell: (r) => r.count, numeric: true },
      ]}
    />
  );
}

/** The route as a table: colonia and day (and an action column for staff). */
export function RouteTable({ ctx, rows, action }: { ctx: PageContext; rows: RouteStop[]; action?: (s: RouteStop) => ComponentChildren }) {
  const t = ctx.t;
  return (
    <Table<RouteStop>
      caption={t("brigades:route.caption")}
      empty={t("brigades:route.none")}
      rows={rows}
      columns={[
        { header: t("brigades:route.colonia"), cell: (s) => s.colonia },
        { header: t("brigades:route.day"), cell: (s) => longDate(ctx, s.visitOn) },
        ...(action ? [{ header: t("brigades:route.action"), cell: action }] : []),
      ]}
    />
  );
}

/** A list of brigades: name (linked), period, status. */
export function BrigadesTable({ ctx, caption, empty, rows, href }: { ctx: PageContext; caption: string; empty: string; rows: BrigadeRow[]; href: (slug: string) => string }) {
  const t = ctx.t;
  return (
    <Table<BrigadeRow>
      caption={caption}
      empty={empty}
      rows={rows}
      columns={[
        { header: t("brigades:fields.name"), cell: (b) => <a href={href(b.slug)}>{b.name}</a> },
        { header: t("brigades:fields.period"), cell: (b) => period(ctx, b.startsOn, b.endsOn) },
        { header: t("brigades:fields.status"), cell: (b) => statusLabel(ctx, b.status) },
      ]}
    />
  );
}
