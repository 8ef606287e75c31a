/**
 * Operations on a plan's commitments (the OGP Local template): create, edit, withdraw, and adopt a
 * draft commitment the proposals module made from accepted proposals. Each runs inside the
 * caller's transaction, checks its input (PlanInputError, 422, nothing stored) and is audited.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { adoptCommitmentDraft, listCommitmentDrafts } from "../proposals/commitments.js";
import { PlanInputError } from "./errors.js";
import { lockPlan, type LockedPlan } from "./plans-service.js";
import { actorUserId, Checker, spanishDate, spanishPeriod } from "./staff-inputs.js";

export const MAX_COLONIAS = 2000;
export const MAX_COLEADS = 10;
const MAX_PROPOSALS = 50;

/** The OGP Local template's fields of a commitment, as written and as read back (staff-queries.ts). */
export interface CommitmentFields {
  title: string;
  problem: string;
  statusQuo: string;
  description: string;
  howItSolves: string;
  relevance: { transparency: boolean; accountability: boolean; participation: boolean };
  leadDepartmentId: number | null;
  leadOfficial: string;
  startsOn: string;
  endsOn: string;
  wholeMunicipality: boolean;
}

export interface CommitmentInput extends CommitmentFields {
  coloniaIds: number[];
  coleads: { organisation: string; observatoryId: number | null }[];
  proposalIds?: number[];
}

const isId = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= 2147483647;

function checkCommitment(input: CommitmentInput) {
  const c = new Checker();
  const v = {
    title: c.line("title", input.title, { label: "el título del compromiso", min: 5, max: 300 }),
    problem: c.text("problem", input.problem, { label: "el problema", max: 8000 }),
    statusQuo: c.text("statusQuo", input.statusQuo, { label: "la situación actual", max: 8000 }),
    description: c.text("description", input.description, { label: "la descripción del compromiso", max: 12000 }),
    howItSolves: c.text("howItSolves", input.howItSolves, { label: "cómo contribuye a resolver el problema", max: 8000 }),
    relevance: { transparency: input.relevance?.transparency === true, accountability: input.relevance?.accountability === true, participation: input.relevance?.participation === true },
    leadDepartmentId: input.leadDepartmentId,
    leadOfficial: c.line("leadOfficial", input.leadOfficial, { label: "la persona funcionaria responsable", max: 200 }),
    startsOn: c.date("startsOn", input.startsOn, "la fecha de inicio del compromiso"),
    endsOn: c.date("endsOn", input.endsOn, "la fecha de término del compromiso"),
    wholeMunicipality: input.wholeMunicipality === true,
    coloniaIds: input.wholeMunicipality ? [] : [...new Set(input.coloniaIds ?? [])],
    coleads: [] as { organisation: string; observatoryId: number | null }[],
    proposalIds: input.proposalIds === undefined ? undefined : [...new Set(input.proposalIds)],
  };
  const r = v.relevance;
  if (!r.transparency && !r.accountability && !r.participation) {
    c.fail("relevance", "Marque al menos un valor de gobierno abierto: transparencia, rendición de cuentas o participación ciudadana.");
  }
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) c.fail("endsOn", "La fecha de término del compromiso no puede ser anterior a la de inicio.");
  if (v.leadDepartmentId !== null && !isId(v.leadDepartmentId)) c.fail("leadDepartmentId", "La dependencia responsable elegida no existe en este municipio.");
  if (!v.wholeMunicipality && v.coloniaIds.length === 0) c.fail("colonias", "Elija al menos una colonia o marque «Todo el municipio».");
  if (v.coloniaIds.length > MAX_COLONIAS) c.fail("colonias", `Elija hasta ${MAX_COLONIAS} colonias, o marque «Todo el municipio».`);
  if (v.coloniaIds.some((id) => !isId(id))) c.fail("colonias", "Alguna de las colonias elegidas no existe en este municipio.");
  const coleads = (input.coleads ?? []).filter((x) => (x.organisation ?? "").trim() !== "" || x.observatoryId !== null);
  if (coleads.length > MAX_COLEADS) c.fail("coleads", `Un compromiso admite hasta ${MAX_COLEADS} organizaciones corresponsables.`);
  for (const [i, x] of coleads.entries()) {
    if (x.observatoryId !== null && !isId(x.observatoryId)) c.fail("coleads", "El observatorio elegido no está registrado en este municipio.");
    const organisation = (x.organisation ?? "").replace(/\s+/g, " ").trim();
    // An observatory without a typed name is named after the observatory (filled in below).
    if (organisation !== "" || x.observatoryId === null) c.line(`colead-${i}`, organisation, { label: "el nombre de la organización corresponsable", min: 2, max: 200 });
    v.coleads.push({ organisation, observatoryId: x.observatoryId });
  }
  if (v.proposalIds && (v.proposalIds.length > MAX_PROPOSALS || v.proposalIds.some((id) => !isId(id)))) c.fail("proposals", "Las propuestas de origen no son válidas.");
  c.done();
  return v as typeof v & { startsOn: string; endsOn: string };
}

type CheckedCommitment = ReturnType<typeof checkCommitment>;

/** Dates inside the plan's period; department, colonias and observatories of this municipality. */
async function checkReferences(trx: Executor, municipalityId: number, plan: LockedPlan, v: CheckedCommitment): Promise<void> {
  const c = new Checker();
  if (v.startsOn < plan.startsOn || v.endsOn > plan.endsOn) {
    const message = `Las fechas del compromiso deben estar dentro del periodo del plan (${spanishPeriod(plan.startsOn, plan.endsOn)}).`;
    c.fail(v.startsOn < plan.startsOn ? "startsOn" : "endsOn", message);
  }
  if (v.leadDepartmentId !== null) {
    const d = await trx.selectFrom("departments").select("id").where("municipality_id", "=", municipalityId).where("id", "=", v.leadDepartmentId).where("active", "=", true).executeTakeFirst();
    if (!d) c.fail("leadDepartmentId", "La dependencia responsable elegida no existe en este municipio.");
  }
  if (v.coloniaIds.length) {
    const found = await trx.selectFrom("colonias").select("id").where("municipality_id", "=", municipalityId).where("id", "in", v.coloniaIds).execute();
    if (found.length !== v.coloniaIds.length) c.fail("colonias", "Alguna de las colonias elegidas no existe en este municipio.");
  }
  const observatoryIds = [...new Set(v.coleads.flatMap((x) => (x.observatoryId !== null ? [x.observatoryId] : [])))];
  if (observatoryIds.length) {
    const found = await trx.selectFrom("observatories").select(["id", "name"]).where("municipality_id", "=", municipalityId).where("id", "in", observatoryIds).execute();
    if (found.length !== observatoryIds.length) c.fail("coleads", "El observatorio elegido no está registrado en este municipio.");
    for (const x of v.coleads) if (x.organisation === "" && x.observatoryId !== null) x.organisation = found.find((o) => o.id === x.observatoryId)?.name ?? "";
  }
  c.done();
}

function commitmentColumns(v: CheckedCommitment) {
  return {
    title: v.title,
    problem: v.problem,
    status_quo: v.statusQuo,
    description: v.description,
    how_it_solves: v.howItSolves,
    relevant_transparency: v.relevance.transparency,
    relevant_accountability: v.relevance.accountability,
    relevant_participation: v.relevance.participation,
    lead_department_id: v.leadDepartmentId,
    lead_official: v.leadOfficial,
    starts_on: v.startsOn,
    ends_on: v.endsOn,
    whole_municipality: v.wholeMunicipality,
  };
}

/** Replaces the commitment's colonias, co-leads and (when given) source proposals. */
async function writeLinks(trx: Executor, municipalityId: number, commitmentId: number, v: CheckedCommitment): Promise<void> {
  await trx.deleteFrom("plan_commitment_colonias").where("municipality_id", "=", municipalityId).where("commitment_id", "=", commitmentId).execute();
  if (v.coloniaIds.length) await trx.insertInto("plan_commitment_colonias").values(v.coloniaIds.map((colonia_id) => ({ municipality_id: municipalityId, commitment_id: commitmentId, colonia_id }))).execute();
  await trx.deleteFrom("plan_commitment_coleads").where("municipality_id", "=", municipalityId).where("commitment_id", "=", commitmentId).execute();
  if (v.coleads.length) {
    await trx.insertInto("plan_commitment_coleads").values(v.coleads.map((x) => ({ municipality_id: municipalityId, commitment_id: commitmentId, organisation: x.organisation, observatory_id: x.observatoryId }))).execute();
  }
  if (v.proposalIds !== undefined) {
    await trx.deleteFrom("plan_commitment_proposals").where("municipality_id", "=", municipalityId).where("commitment_id", "=", commitmentId).execute();
    if (v.proposalIds.length) await trx.insertInto("plan_commitment_proposals").values(v.proposalIds.map((proposal_id) => ({ municipality_id: municipalityId, commitment_id: commitmentId, proposal_id }))).execute();
  }
}

async function insertCommitment(trx: Executor, municipalityId: number, actor: Actor, plan: LockedPlan, v: CheckedCommitment, sourceDraftId: number | null): Promise<{ id: number; number: number }> {
  await checkReferences(trx, municipalityId, plan, v);
  // The plan row is locked (lockPlan), so two commitments created at once cannot take one number.
  const last = await trx.selectFrom("plan_commitments").select((eb) => eb.fn.max("number").as("n")).where("municipality_id", "=", municipalityId).where("plan_id", "=", plan.id).executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const row = await trx
    .insertInto("plan_commitments")
    .values({ municipality_id: municipalityId, plan_id: plan.id, number, ...commitmentColumns(v), source_draft_id: sourceDraftId, created_by: actorUserId(actor) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeLinks(trx, municipalityId, row.id, v);
  await recordAudit(trx, {
    actor, municipalityId, action: "plans.commitment.create", subjectType: "plan_commitment", subjectId: row.id,
    details: { planId: plan.id, number, title: v.title, leadDepartmentId: v.leadDepartmentId, startsOn: v.startsOn, endsOn: v.endsOn, colonias: v.coloniaIds.length, coleads: v.coleads.length, sourceDraftId },
  });
  return { id: row.id, number };
}

export async function createCommitment(trx: Executor, municipalityId: number, actor: Actor, planId: number, input: CommitmentInput): Promise<{ id: number; number: number }> {
  const v = checkCommitment(input);
  const plan = await lockPlan(trx, municipalityId, planId);
  return insertCommitment(trx, municipalityId, actor, plan, v, null);
}

/** A commitment's row for a write, locked; 404 when it is not this municipality's. */
export async function lockCommitment(trx: Executor, municipalityId: number, commitmentId: number) {
  const row = await trx
    .selectFrom("plan_commitments")
    .select(["id", "plan_id", "number", "title", "withdrawn_at", "lead_department_id", sql<string>`starts_on::text`.as("starts_on"), sql<string>`ends_on::text`.as("ends_on")])
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", commitmentId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new HttpProblem(404, "El compromiso no existe en este municipio.");
  return row;
}

export async function updateCommitment(trx: Executor, municipalityId: number, actor: Actor, commitmentId: number, input: CommitmentInput): Promise<void> {
  const v = checkCommitment(input);
  const current = await lockCommitment(trx, municipalityId, commitmentId);
  if (current.withdrawn_at) throw PlanInputError.single("general", `El compromiso ${current.number} está retirado: ya no se edita.`);
  const plan = await lockPlan(trx, municipalityId, current.plan_id);
  await checkReferences(trx, municipalityId, plan, v);
  // New dates may not leave a milestone outside them: its due date changes first.
  const stranded = await trx
    .selectFrom("plan_milestones")
    .select(["deliverable", sql<string>`due_on::text`.as("due_on")])
    .where("municipality_id", "=", municipalityId)
    .where("commitment_id", "=", commitmentId)
    .where((eb) => eb.or([eb("due_on", "<", v.startsOn), eb("due_on", ">", v.endsOn)]))
    .orderBy("due_on")
    .executeTakeFirst();
  if (stranded) {
    throw PlanInputError.single(
      stranded.due_on < v.startsOn ? "startsOn" : "endsOn",
      `El hito «${stranded.deliverable}» vence el ${spanishDate(stranded.due_on)} y quedaría fuera de las nuevas fechas del compromiso: cambie primero su fecha en el plan de hitos.`,
    );
  }
  await trx.updateTable("plan_commitments").set({ ...commitmentColumns(v), updated_at: new Date() }).where("municipality_id", "=", municipalityId).where("id", "=", commitmentId).execute();
  await writeLinks(trx, municipalityId, commitmentId, v);
  await recordAudit(trx, {
    actor, municipalityId, action: "plans.commitment.update", subjectType: "plan_commitment", subjectId: commitmentId,
    details: { number: current.number, title: v.title, leadDepartmentId: v.leadDepartmentId, startsOn: v.startsOn, endsOn: v.endsOn, colonias: v.coloniaIds.length, coleads: v.coleads.length },
  });
}

/** Withdrawn commitments stay visible with their reason; their progress stops counting. */
export async function withdrawCommitment(trx: Executor, municipalityId: number, actor: Actor, commitmentId: number, reason: string): Promise<void> {
  const c = new Checker();
  const text = c.text("reason", reason, { label: "el motivo del retiro", min: 10, max: 2000 });
  c.done();
  const current = await lockCommitment(trx, municipalityId, commitmentId);
  if (current.withdrawn_at) throw PlanInputError.single("reason", `El compromiso ${current.number} ya está retirado.`);
  await trx.updateTable("plan_commitments").set({ withdrawn_at: new Date(), withdrawn_reason: text, updated_at: new Date() }).where("municipality_id", "=", municipalityId).where("id", "=", commitmentId).execute();
  await recordAudit(trx, { actor, municipalityId, action: "plans.commitment.withdraw", subjectType: "plan_commitment", subjectId: commitmentId, details: { number: current.number, reason: text } });
}

/**
 * Adopts the proposals module's draft `draftId` as the plan's next commitment: its OGP fields,
 * colonias and source proposals, the plan's period as its dates, source_draft_id set, and the
 * draft marked adopted ("plan:<slug>#<number>") in the same transaction.
 */
export async function adoptDraftAsCommitment(trx: Executor, municipalityId: number, actor: Actor, planId: number, draftId: number): Promise<{ id: number; number: number }> {
  const plan = await lockPlan(trx, municipalityId, planId);
  const draft = (await listCommitmentDrafts(trx, municipalityId)).find((d) => d.id === draftId);
  if (!draft) throw new HttpProblem(404, "El borrador de compromiso no existe en este municipio.");
  if (draft.status === "adopted") throw PlanInputError.single("general", `El borrador «${draft.title}» ya se adoptó (${draft.adoptedByPlanRef}).`, 409);
  const v = checkCommitment({
    title: draft.title, problem: draft.problem, statusQuo: draft.statusQuo, description: draft.description, howItSolves: draft.howItSolves,
    relevance: draft.relevance, leadDepartmentId: draft.leadDepartment?.id ?? null, leadOfficial: "",
    startsOn: plan.startsOn, endsOn: plan.endsOn, wholeMunicipality: draft.wholeMunicipality, coloniaIds: draft.colonias.map((x) => x.id),
    coleads: [], proposalIds: draft.sourceProposals.map((p) => p.id),
  });
  const created = await insertCommitment(trx, municipalityId, actor, plan, v, draft.id);
  await adoptCommitmentDraft(trx, municipalityId, draft.id, `plan:${plan.slug}#${created.number}`, { actor });
  return created;
}
