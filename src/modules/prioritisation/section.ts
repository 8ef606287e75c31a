/** How prioritisation shows on the core's process pages: a public section and a staff link. */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { isOpen, type ProcessView } from "../participation/processes.js";
import { registerProcessAdminLink, registerProcessSection } from "../participation/sections.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { PrioritisationSection, type MethodSummary } from "./views/section.js";

const COMPONENT = { approval: "approval_voting", budget: "budgeting", pairwise: "pairwise" } as const;

export async function methodSummaries(db: Executor, process: ProcessView, today: LocalDate): Promise<MethodSummary[]> {
  const m = process.municipalityId;
  const r = await sql<{ approval_items: string | number; budget_items: string | number; pairwise_items: string | number; approval: string | number; budget: string | number; pairwise: string | number }>`
    select (select count(*) from prioritisation_items where municipality_id = ${m} and process_id = ${process.id} and 'approval' = any(methods)) as approval_items,
           (select count(*) from prioritisation_items where municipality_id = ${m} and process_id = ${process.id} and 'budget' = any(methods)) as budget_items,
           (select count(*) from prioritisation_items where municipality_id = ${m} and process_id = ${process.id} and 'pairwise' = any(methods)) as pairwise_items,
           (select count(*) from approval_ballots where municipality_id = ${m} and process_id = ${process.id}) as approval,
           (select count(*) from budget_ballots where municipality_id = ${m} and process_id = ${process.id}) as budget,
           (select count(distinct participant_id) from pairwise_comparisons where municipality_id = ${m} and process_id = ${process.id}) as pairwise`.execute(db);
  const row = r.rows[0]!;
  return (["approval", "budget", "pairwise"] as const)
    .map((method) => ({ method, items: Number(row[`${method}_items`]), participants: Number(row[method]), open: isOpen(process, COMPONENT[method], today) }))
    .filter((s) => s.items > 0);
}

export function registerPrioritisationSections(): void {
  registerProcessSection({
    id: "prioritisation",
    order: 40,
    async render(ctx, { services, process, today }) {
      const methods = await methodSummaries(services.db, process, today);
      return methods.length ? PrioritisationSection({ ctx, process, methods }) : null;
    },
  });
  registerProcessAdminLink({
    id: "prioritisation",
    order: 40,
    label: (ctx) => ctx.t("prioritisation:admin.link"),
    href: (m, p) => `/${m}/admin/participa/${p}/priorizacion`,
  });
}
