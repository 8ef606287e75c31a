/** Pieces shared by the proposal pages: labels, the card of a proposal, the breadcrumbs of a process. */
import type { PageContext } from "../../../platform/views/context.js";
import { Breadcrumbs } from "../../../platform/views/components.js";
import type { PublicProposal } from "../queries.js";

export interface ProcessRef {
  slug: string;
  title: string;
}

export const processBase = (ctx: PageContext, p: ProcessRef) => `/${ctx.municipality!.slug}/participa/${p.slug}`;
export const proposalsBase = (ctx: PageContext, p: ProcessRef) => `${processBase(ctx, p)}/propuestas`;

export function ProcessCrumbs({ ctx, process, items }: { ctx: PageContext; process: ProcessRef; items: { href?: string; label: string }[] }) {
  const m = ctx.municipality!;
  return (
    <Breadcrumbs
      items={[
        { href: `/${m.slug}`, label: m.name },
        { href: `/${m.slug}/participa`, label: ctx.t("proposals:crumbs.participation") },
        { href: processBase(ctx, process), label: process.title },
        ...items,
      ]}
    />
  );
}

/** The staff pages of a process's proposals. */
export const proposalsAdminBase = (ctx: PageContext, p: ProcessRef) => `/${ctx.municipality!.slug}/admin/participa/${p.slug}/propuestas`;

export function StaffCrumbs({ ctx, process, items }: { ctx: PageContext; process: ProcessRef; items: { href?: string; label: string }[] }) {
  const m = ctx.municipality!;
  return (
    <Breadcrumbs
      items={[
        { href: `/${m.slug}/admin/participa`, label: ctx.t("proposals:staff.crumb") },
        { href: `/${m.slug}/admin/participa/${process.slug}`, label: process.title },
        ...items,
      ]}
    />
  );
}

export function formatDate(ctx: PageContext, iso: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat(ctx.locale === "en" ? "en-US" : "es-MX", { dateStyle: "medium", timeZone }).format(new Date(iso));
}

export function StatusLabel({ ctx, status }: { ctx: PageContext; status: string }) {
  return <span class={`status status-${status}`}>{ctx.t(`proposals:status.${status}`)}</span>;
}

export function ProposalCard({ ctx, process, p, timeZone }: { ctx: PageContext; process: ProcessRef; p: PublicProposal; timeZone: string }) {
  const t = ctx.t;
  const href = `${proposalsBase(ctx, process)}/${p.number}`;
  return (
    <li class="card">
      <h3>
        <a href={href}>{p.title ?? t("proposals:hiddenTitle", { folio: p.folio })}</a>
      </h3>
      <p class="folio">
        {p.folio} · {t(`proposals:kind.${p.kind}`)} · <StatusLabel ctx={ctx} status={p.status} />
        {p.channel !== "online" && <> · {t(`channels:channel.${p.channel}`)}</>}
      </p>
      <p>
        {t("proposals:card.supports", { count: p.supports })} · {t("proposals:card.comments", { count: p.comments })}
        {p.colonia && <> · {p.colonia.name}</>}
        {p.category && <> · {p.category}</>}
      </p>
      <p class="hint">
        {t("proposals:card.by")} · {formatDate(ctx, p.createdAt, timeZone)}
        {p.answer !== null && <> · {t("proposals:card.answered")}</>}
      </p>
    </li>
  );
}
