/**
 * Operations on a commitment's milestones: the milestone plan saved as a whole set (weights add
 * up to 100, due dates inside the commitment's period), a milestone's status, and evidence links.
 * Every change is a row of the milestone's public history (plan_milestone_events) plus an audit
 * entry, in the caller's transaction. Files are in evidence.ts.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { todayIn } from "../participation/processes.js";
import { lockCommitment } from "./commitments-service.js";
import { PlanInputError } from "./errors.js";
import { actorUserId, Checker, spanishDate, spanishPeriod } from "./staff-inputs.js";
import { MILESTONE_STATUSES, type MilestoneEventKind, type MilestoneStatus } from "./tables.js";

export const MAX_MILESTONES = 40;

export interface MilestonePlanRow {
  id?: number;
  deliverable: string;
  description: string;
  dueOn: string;
  weight: number;
  responsible: string;
}

const STATUS_WORDS: Record<MilestoneStatus, string> = { pendiente: "pendiente", en_curso: "en curso", completado: "completado", cancelado: "cancelado" };

export async function recordMilestoneEvent(
  trx: Executor,
  municipalityId: number,
  actor: Actor,
  milestoneId: number,
  event: { kind: MilestoneEventKind; from?: string | null; to?: string | null; note?: string },
): Promise<void> {
  await trx
    .insertInto("plan_milestone_events")
    .values({ municipality_id: municipalityId, milestone_id: milestoneId, kind: event.kind, from_value: event.from ?? null, to_value: event.to ?? null, note: event.note ?? "", by_user_id: actorUserId(actor) })
    .execute();
}

function checkRows(rows: MilestonePlanRow[]) {
  const c = new Checker();
  if (!Array.isArray(rows) || rows.length === 0) c.fail("rows", "El plan de hitos necesita al menos un hito.");
  else if (rows.length > MAX_MILESTONES) c.fail("rows", `Un compromiso admite hasta ${MAX_MILESTONES} hitos.`);
  c.done();
  const checked = rows.map((r, i) => {
    const n = i + 1;
    const weight = r.weight;
    if (!Number.isInteger(weight) || weight < 1 || weight > 100) c.fail(`weight-${i}`, `El peso del hito ${n} debe ser un número entero de 1 a 100.`);
    if (r.id !== undefined && (!Number.isSafeInteger(r.id) || r.id < 1)) c.fail(`deliverable-${i}`, `El hito ${n} no pertenece a este compromiso.`);
    return {
      id: r.id,
      deliverable: c.line(`deliverable-${i}`, r.deliverable, { label: `el entregable del hito ${n}`, min: 3, max: 300 }),
      description: c.text(`description-${i}`, r.description, { label: `la descripción del hito ${n}`, max: 4000 }),
      dueOn: c.date(`dueOn-${i}`, r.dueOn, `la fecha de entrega del hito ${n}`),
      weight,
      responsible: c.line(`responsible-${i}`, r.responsible, { label: `la unidad responsable del hito ${n}`, max: 200 }),
    };
  });
  const ids = checked.flatMap((r) => (r.id !== undefined ? [r.id] : []));
  if (new Set(ids).size !== ids.length) c.fail("rows", "Un mismo hito aparece dos veces en el plan.");
  if (checked.every((r) => Number.isInteger(r.weight))) {
    const sum = checked.reduce((s, r) => s + r.weight, 0);
    if (sum !== 100) c.fail("weights", `Los pesos de los hitos suman ${sum}; deben sumar 100.`);
  }
  c.done();
  return checked.map((r) => ({ ...r, dueOn: r.dueOn! }));
}

/**
 * Saves the commitment's whole milestone plan. Rows with an id update that milestone (a new due
 * date is a 'fecha' event with from → to), rows without one are created ('creado'); milestones
 * left out are deleted unless they have evidence or were completed. Returns the ids in row order.
 */
export async function saveMilestonePlan(trx: Executor, municipalityId: number, actor: Actor, commitmentId: number, rows: MilestonePlanRow[]): Promise<number[]> {
  const checked = checkRows(rows);
  const commitment = await lockCommitment(trx, municipalityId, commitmentId);
  if (commitment.withdrawn_at) throw PlanInputError.single("rows", `El compromiso ${commitment.number} está retirado: su plan de hitos ya no cambia.`);
  const c = new Checker();
  checked.forEach((r, i) => {
    if (r.dueOn < commitment.starts_on || r.dueOn > commitment.ends_on) {
      c.fail(`dueOn-${i}`, `La fecha de entrega del hito ${i + 1} (${spanishDate(r.dueOn)}) debe estar dentro del periodo del compromiso (${spanishPeriod(commitment.starts_on, commitment.ends_on)}).`);
    }
  });
  const existing = await trx
    .selectFrom("plan_milestones as m")
    .select([
      "m.id", "m.deliverable", "m.description", "m.weight", "m.responsible", "m.status", "m.position", sql<string>`m.due_on::text`.as("due_on"),
      (eb) => eb.selectFrom("plan_milestone_evidence as e").select((e) => e.fn.countAll<string>().as("n")).whereRef("e.municipality_id", "=", "m.municipality_id").whereRef("e.milestone_id", "=", "m.id").as("evidence"),
    ])
    .where("m.municipality_id", "=", municipalityId)
    .where("m.commitment_id", "=", commitmentId)
    .execute();
  const byId = new Map(existing.map((m) => [m.id, m]));
  checked.forEach((r, i) => {
    if (r.id !== undefined && !byId.has(r.id)) c.fail(`deliverable-${i}`, `El hito ${i + 1} no pertenece a este compromiso.`);
  });
  const kept = new Set(checked.flatMap((r) => (r.id !== undefined ? [r.id] : [])));
  const removed = existing.filter((m) => !kept.has(m.id));
  for (const m of removed) {
    if (Number(m.evidence ?? 0) > 0 || m.status === "completado") {
      c.fail("rows", `El hito «${m.deliverable}» tiene evidencias o está completado: no se puede quitar del plan (si ya no se hará, cámbielo a cancelado).`);
    }
  }
  c.done();

  if (removed.length) await trx.deleteFrom("plan_milestones").where("municipality_id", "=", municipalityId).where("id", "in", removed.map((m) => m.id)).execute();
  const ids: number[] = [];
  const now = new Date();
  for (const [i, r] of checked.entries()) {
    const columns = { position: i + 1, deliverable: r.deliverable, description: r.description, due_on: r.dueOn, weight: r.weight, responsible: r.responsible };
    const before = r.id !== undefined ? byId.get(r.id) : undefined;
    if (!before) {
      const row = await trx.insertInto("plan_milestones").values({ municipality_id: municipalityId, commitment_id: commitmentId, ...columns }).returning("id").executeTakeFirstOrThrow();
      await recordMilestoneEvent(trx, municipalityId, actor, row.id, { kind: "creado", to: r.dueOn, note: `Peso ${r.weight}.` });
      ids.push(row.id);
      continue;
    }
    const same = before.position === columns.position && before.deliverable === r.deliverable && before.description === r.description
      && before.due_on === r.dueOn && before.weight === r.weight && before.responsible === r.responsible;
    if (!same) await trx.updateTable("plan_milestones").set({ ...columns, updated_at: now }).where("municipality_id", "=", municipalityId).where("id", "=", before.id).execute();
    if (before.due_on !== r.dueOn) await recordMilestoneEvent(trx, municipalityId, actor, before.id, { kind: "fecha", from: before.due_on, to: r.dueOn });
    const edited = [
      before.deliverable !== r.deliverable && "entregable",
      before.description !== r.description && "descripción",
      before.weight !== r.weight && `peso (${before.weight} → ${r.weight})`,
      before.responsible !== r.responsible && "unidad responsable",
    ].filter((x): x is string => typeof x === "string");
    if (edited.length) await recordMilestoneEvent(trx, municipalityId, actor, before.id, { kind: "editado", note: `Cambió: ${edited.join(", ")}.` });
    ids.push(before.id);
  }
  await recordAudit(trx, {
    actor, municipalityId, action: "plans.milestones.save", subjectType: "plan_commitment", subjectId: commitmentId,
    details: {
      number: commitment.number,
      milestones: checked.map((r, i) => ({ id: ids[i], dueOn: r.dueOn, weight: r.weight })),
      created: ids.filter((id) => !byId.has(id)),
      deleted: removed.map((m) => m.id),
    },
  });
  return ids;
}

/** A milestone's row for a write with its commitment's facts, locked; 404 when not this municipality's. */
export async function lockMilestone(trx: Executor, municipalityId: number, milestoneId: number) {
  const row = await trx
    .selectFrom("plan_milestones as m")
    .innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "m.municipality_id").onRef("c.id", "=", "m.commitment_id"))
    .select(["m.id", "m.commitment_id", "m.deliverable", "m.status", "c.number", "c.withdrawn_at", sql<string>`m.due_on::text`.as("due_on"), sql<string | null>`m.completed_on::text`.as("completed_on")])
    .where("m.municipality_id", "=", municipalityId)
    .where("m.id", "=", milestoneId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new HttpProblem(404, "El hito no existe en este municipio.");
  return row;
}

async function municipalityToday(trx: Executor, municipalityId: number): Promise<string> {
  const m = await trx.selectFrom("municipalities").select("time_zone").where("id", "=", municipalityId).executeTakeFirstOrThrow();
  return todayIn(m.time_zone);
}

/**
 * Changes a milestone's status. Completing needs at least one evidence and records the date of
 * delivery (`on`, by default today in the municipality; never in the future); cancelling needs the
 * reason in `note`, since it takes the milestone's weight out of the commitment's progress.
 */
export async function setMilestoneStatus(trx: Executor, municipalityId: number, actor: Actor, milestoneId: number, status: MilestoneStatus, note: string, on?: string): Promise<void> {
  const c = new Checker();
  c.oneOf("status", status, MILESTONE_STATUSES, "Elija el estado del hito: pendiente, en curso, completado o cancelado.");
  const text = c.text("note", note ?? "", { label: "la nota", max: 2000 });
  if (status === "cancelado" && text === "") c.fail("note", "Explique por qué se cancela el hito: la nota es pública y el hito deja de contar en el avance.");
  const completedOn = status === "completado" && on !== undefined && on.trim() !== "" ? c.date("completedOn", on, "la fecha de entrega") : null;
  c.done();
  const milestone = await lockMilestone(trx, municipalityId, milestoneId);
  if (milestone.withdrawn_at) throw PlanInputError.single("status", `El compromiso ${milestone.number} está retirado: sus hitos ya no cambian de estado.`);
  if (milestone.status === status) throw PlanInputError.single("status", `El hito ya está ${STATUS_WORDS[status]}.`);
  let deliveredOn: string | null = null;
  if (status === "completado") {
    const today = await municipalityToday(trx, municipalityId);
    deliveredOn = completedOn ?? today;
    if (deliveredOn > today) throw PlanInputError.single("completedOn", "La fecha de entrega no puede ser posterior a hoy.");
    const evidence = await trx.selectFrom("plan_milestone_evidence").select("id").where("municipality_id", "=", municipalityId).where("milestone_id", "=", milestoneId).executeTakeFirst();
    if (!evidence) throw PlanInputError.single("status", "Para marcar el hito como completado, agregue primero al menos una evidencia (un archivo o un enlace).");
  }
  await trx.updateTable("plan_milestones").set({ status, completed_on: deliveredOn, updated_at: new Date() }).where("municipality_id", "=", municipalityId).where("id", "=", milestoneId).execute();
  const when = deliveredOn ? `Entregado el ${spanishDate(deliveredOn)}.` : "";
  await recordMilestoneEvent(trx, municipalityId, actor, milestoneId, { kind: "estado", from: milestone.status, to: status, note: [when, text].filter(Boolean).join(" ") });
  await recordAudit(trx, {
    actor, municipalityId, action: "plans.milestone.status", subjectType: "plan_milestone", subjectId: milestoneId,
    details: { commitmentId: milestone.commitment_id, from: milestone.status, to: status, completedOn: deliveredOn, note: text },
  });
}

/** Title of a piece of evidence, checked the same way for links and files. */
export function checkEvidenceTitle(c: Checker, title: string): string {
  return c.line("title", title, { label: "el título de la evidencia", min: 2, max: 200 });
}

/** Evidence may be added while the milestone's commitment is not withdrawn. */
export async function milestoneAcceptingEvidence(trx: Executor, municipalityId: number, milestoneId: number) {
  const milestone = await lockMilestone(trx, municipalityId, milestoneId);
  if (milestone.withdrawn_at) throw PlanInputError.single("title", `El compromiso ${milestone.number} está retirado: ya no recibe evidencias.`);
  return milestone;
}

export async function addEvidenceLink(trx: Executor, municipalityId: number, actor: Actor, milestoneId: number, input: { title: string; url: string }): Promise<number> {
  const c = new Checker();
  const title = checkEvidenceTitle(c, input.title);
  const url = c.url("url", input.url, "la dirección del enlace");
  c.done();
  await milestoneAcceptingEvidence(trx, municipalityId, milestoneId);
  const row = await trx
    .insertInto("plan_milestone_evidence")
    .values({ municipality_id: municipalityId, milestone_id: milestoneId, title, url, added_by: actorUserId(actor) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordMilestoneEvent(trx, municipalityId, actor, milestoneId, { kind: "evidencia", to: title, note: url! });
  await recordAudit(trx, { actor, municipalityId, action: "plans.evidence.link", subjectType: "plan_milestone", subjectId: milestoneId, details: { evidenceId: row.id, title, url } });
  return row.id;
}
