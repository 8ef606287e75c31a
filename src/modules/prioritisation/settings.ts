/** Per process: how many items an approval ballot may approve, and the participatory budget. */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Db, Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { ParticipationInputError } from "../participation/errors.js";
import "./tables.js";

export interface PrioritisationSettings {
  approvalLimit: number;
  /** Whole pesos; null until staff set it (budget voting cannot open without it). */
  budgetTotal: number | null;
}

export const DEFAULT_APPROVAL_LIMIT = 3;
export const MAX_PESOS = 2_000_000_000;

export async function loadSettings(db: Executor, municipalityId: number, processId: number): Promise<PrioritisationSettings> {
  const row = await db
    .selectFrom("prioritisation_settings")
    .select(["approval_limit", "budget_total"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .executeTakeFirst();
  return { approvalLimit: row?.approval_limit ?? DEFAULT_APPROVAL_LIMIT, budgetTotal: row?.budget_total ?? null };
}

/** "1,250,000", "$1 250 000.00" or "1250000" → 1250000; null when it is not a whole amount of pesos. */
export function parsePesos(value: unknown): number | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).trim().replace(/^\$\s*/, "").replace(/[\s,]/g, "").replace(/\.00?$/, "");
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= MAX_PESOS ? n : null;
}

function parseLimit(value: unknown): number | null {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!/^\d{1,3}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= 100 ? n : null;
}

/**
 * Change the approval limit and the budget. Once ballots of a method exist its rule is fixed:
 * changing it would turn valid ballots invalid or change what people agreed to.
 */
export async function saveSettings(db: Db, municipalityId: number, actor: Actor, processId: number, input: Record<string, unknown>): Promise<PrioritisationSettings> {
  const errors: { field: string; message: string }[] = [];
  const approvalLimit = parseLimit(input.approvalLimit);
  if (approvalLimit === null) errors.push({ field: "approvalLimit", message: "Indique cuántos elementos puede aprobar cada persona: un número entero del 1 al 100." });
  const rawBudget = typeof input.budgetTotal === "string" ? input.budgetTotal.trim() : input.budgetTotal;
  const budgetTotal = rawBudget === "" || rawBudget === undefined || rawBudget === null ? null : parsePesos(rawBudget);
  if (budgetTotal === null && !(rawBudget === "" || rawBudget === undefined || rawBudget === null)) {
    errors.push({ field: "budgetTotal", message: "Indique el presupuesto en pesos, sin centavos (por ejemplo 5,000,000)." });
  }
  if (errors.length) throw new ParticipationInputError(errors);
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom("participatory_processes").select("id").where("municipality_id", "=", municipalityId).where("id", "=", processId).forUpdate().executeTakeFirstOrThrow();
    const before = await loadSettings(trx, municipalityId, processId);
    const ballots = async (table: "approval_ballots" | "budget_ballots") =>
      (await trx.selectFrom(table).select("participant_id").where("municipality_id", "=", municipalityId).where("process_id", "=", processId).limit(1).executeTakeFirst()) !== undefined;
    if (approvalLimit !== before.approvalLimit && (await ballots("approval_ballots"))) {
      throw new HttpProblem(409, "Ya hay votos por aprobación en este proceso: el número de elementos que cada persona puede aprobar ya no puede cambiar.");
    }
    if (budgetTotal !== before.budgetTotal && (await ballots("budget_ballots"))) {
      throw new HttpProblem(409, "Ya hay votos del presupuesto participativo en este proceso: el presupuesto ya no puede cambiar.");
    }
    await trx
      .insertInto("prioritisation_settings")
      .values({ municipality_id: municipalityId, process_id: processId, approval_limit: approvalLimit!, budget_total: budgetTotal })
      .onConflict((oc) => oc.columns(["municipality_id", "process_id"]).doUpdateSet({ approval_limit: approvalLimit!, budget_total: budgetTotal, updated_at: sql`now()` }))
      .execute();
    await recordAudit(trx, {
      actor,
      municipalityId,
      action: "prioritisation.settings.update",
      subjectType: "participatory_process",
      subjectId: processId,
      details: { approvalLimit: { from: before.approvalLimit, to: approvalLimit }, budgetTotal: { from: before.budgetTotal, to: budgetTotal } },
    });
    return { approvalLimit: approvalLimit!, budgetTotal };
  });
}
