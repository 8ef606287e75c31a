/** Pieces shared by the prioritisation pages: breadcrumbs to the process, item facts, money. */
import { Breadcrumbs } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { ProcessView } from "../../participation/processes.js";
import type { ItemView } from "../items.js";

export type MethodPath = "votaciones" | "presupuesto" | "comparaciones";

export const methodPaths = { approval: "votaciones", budget: "presupuesto", pairwise: "comparaciones" } as const;

import { pesos } from "../budget.js";
export { pesos };
export const percent = (v: number) => `${v.toLocaleString("es-MX", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;

export function processBase(ctx: PageContext, process: ProcessView): string {
  return `/${ctx.municipality!.slug}/participa/${process.slug}`;
}

export function ProcessCrumbs({ ctx, process, trail }: { ctx: PageContext; process: ProcessView; trail: { href?: string; label: string }[] }) {
  const slug = ctx.municipality!.slug;
  return (
    <Breadcrumbs
      items={[{ href: `/${slug}/participa`, label: ctx.t("prioritisation:processes") }, { href: processBase(ctx, process), label: process.title }, ...trail]}
    />
  );
}

/** Colonia, cost and the proposal an item comes from, as a short line under its title. */
export function ItemFacts({ ctx, process, item, showCost }: { ctx: PageContext; process: ProcessView; item: ItemView; showCost?: boolean }) {
  const facts = [
    item.colonia ? <span>{ctx.t("prioritisation:colonia")}: {item.colonia.name}</span> : null,
    showCost && item.cost !== null ? <span>{ctx.t("prioritisation:cost")}: {pesos(item.cost)}</span> : null,
    item.proposalId !== null ? (
      <a href={`${processBase(ctx, process)}/propuestas/${item.proposalId}`}>{ctx.t("prioritisation:fromProposal", { id: item.proposalId })}</a>
    ) : null,
  ].filter((f) => f !== null);
  if (facts.length === 0) return null;
  return (
    <p class="item-facts">
      {facts.map((f, i) => (
        <>
          {i > 0 && " · "}
          {f}
        </>
      ))}
    </p>
  );
}
