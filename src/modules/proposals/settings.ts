/**
 * Per-process settings of proposals kept by the participation team: the support threshold that
 * moves a proposal to evaluation, and the process's own list of categories.
 */
import type { Executor } from "../../platform/db/database.js";
import type { Db } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { ProposalInputError } from "./errors.js";

export const DEFAULT_SUPPORT_THRESHOLD = 50;

export interface ProposalCategory {
  id: number;
  name: string;
}

export async function supportThreshold(db: Executor, municipalityId: number, processId: number): Promise<number> {
  const row = await db
    .selectFrom("proposal_settings")
    .select("support_threshold")
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .executeTakeFirst();
  return row?.support_threshold ?? DEFAULT_SUPPORT_THRESHOLD;
}

export async function setSupportThreshold(db: Db, municipalityId: number, processId: number, actor: Actor, text: string): Promise<number> {
  const value = Number(text.trim());
  if (!/^\d{1,7}$/.test(text.trim()) || !Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw ProposalInputError.single("threshold", "El umbral de apoyos debe ser un número entero entre 1 y 1,000,000.");
  }
  return db.transaction().execute(async (trx) => {
    const before = await supportThreshold(trx, municipalityId, processId);
    await trx
      .insertInto("proposal_settings")
      .values({ municipality_id: municipalityId, process_id: processId, support_threshold: value })
      .onConflict((oc) => oc.columns(["municipality_id", "process_id"]).doUpdateSet({ support_threshold: value }))
      .execute();
    await recordAudit(trx, { actor, municipalityId, action: "proposals.threshold.set", subjectType: "participatory_process", subjectId: processId, details: { from: before, to: value } });
    return value;
  });
}

export async function listCategories(db: Executor, municipalityId: number, processId: number): Promise<ProposalCategory[]> {
  return db
    .selectFrom("proposal_categories")
    .select(["id", "name"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export async function addCategory(db: Db, municipalityId: number, processId: number, actor: Actor, text: string): Promise<ProposalCategory> {
  const name = text.trim().replace(/\s+/g, " ");
  if (name.length < 2 || name.length > 80) throw ProposalInputError.single("category", "El nombre de la categoría debe tener entre 2 y 80 caracteres.");
  return db.transaction().execute(async (trx) => {
    const existing = await listCategories(trx, municipalityId, processId);
    if (existing.some((c) => c.name.toLocaleLowerCase("es-MX") === name.toLocaleLowerCase("es-MX"))) {
      throw ProposalInputError.single("category", `La categoría "${name}" ya existe en este proceso.`);
    }
    const row = await trx
      .insertInto("proposal_categories")
      .values({ municipality_id: municipalityId, process_id: processId, name })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, municipalityId, action: "proposals.category.add", subjectType: "proposal_category", subjectId: row.id, details: { processId, name } });
    return row;
  });
}

/** Proposals of a removed category keep no category (they are not lost). */
export async function removeCategory(db: Db, municipalityId: number, processId: number, actor: Actor, categoryId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("proposal_categories")
      .select(["id", "name"])
      .where("municipality_id", "=", municipalityId)
      .where("process_id", "=", processId)
      .where("id", "=", categoryId)
      .executeTakeFirst();
    if (!row) throw ProposalInputError.single("category", "La categoría no existe en este proceso.", 404);
    const moved = await trx
      .updateTable("proposals")
      .set({ category_id: null })
      .where("municipality_id", "=", municipalityId)
      .where("category_id", "=", categoryId)
      .executeTakeFirst();
    await trx.deleteFrom("proposal_categories").where("municipality_id", "=", municipalityId).where("id", "=", categoryId).execute();
    await recordAudit(trx, {
      actor, municipalityId, action: "proposals.category.remove", subjectType: "proposal_category", subjectId: categoryId,
      details: { processId, name: row.name, proposalsUncategorised: Number(moved.numUpdatedRows) },
    });
  });
}
