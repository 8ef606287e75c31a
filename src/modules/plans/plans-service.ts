/**
 * Operations on action plans and their team (government and civil society). Each runs inside the
 * caller's transaction, checks its input (PlanInputError: Spanish messages, 422, nothing stored)
 * and writes an audit entry. Who may call them is the route's question (PLANS.manage); the demo
 * and the OGP importer call them directly.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { loadProcessById } from "../participation/processes.js";
import { PlanInputError } from "./errors.js";
import { actorUserId, Checker, spanishDate, spanishPeriod } from "./staff-inputs.js";
import { PLAN_STATUSES, TEAM_SECTORS, type PlanStatus, type TeamSector } from "./tables.js";

/** Words the plan URLs use below /planes (mis-hitos, intermunicipales, suscripcion): never a plan's slug. */
export const RESERVED_PLAN_SLUGS = ["mis-hitos", "intermunicipales", "suscripcion", "nuevo"];

export interface PlanInput {
  slug: string;
  title: string;
  description: string;
  startsOn: string;
  endsOn: string;
  status: PlanStatus;
  processId: number | null;
  sourceReference: string;
  published: boolean;
}

export interface TeamMemberInput {
  sector: TeamSector;
  organisation: string;
  role: string;
  personName: string;
  namePublic: boolean;
}

/** A plan's row for a write, locked so commitment numbers and period checks see one state. */
export interface LockedPlan {
  id: number;
  slug: string;
  title: string;
  startsOn: string;
  endsOn: string;
}

export async function lockPlan(trx: Executor, municipalityId: number, planId: number): Promise<LockedPlan> {
  const row = await trx
    .selectFrom("action_plans")
    .select(["id", "slug", "title", sql<string>`starts_on::text`.as("starts_on"), sql<string>`ends_on::text`.as("ends_on")])
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", planId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new HttpProblem(404, "El plan de acción no existe en este municipio.");
  return { id: row.id, slug: row.slug, title: row.title, startsOn: row.starts_on, endsOn: row.ends_on };
}

function checkPlan(input: PlanInput) {
  const c = new Checker();
  const slug = (input.slug ?? "").trim().toLowerCase();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80) {
    c.fail("slug", "La dirección corta solo admite minúsculas sin acentos, números y guiones entre palabras (p. ej. plan-2026-2027), hasta 80 caracteres.");
  } else if (RESERVED_PLAN_SLUGS.includes(slug)) {
    c.fail("slug", `«${slug}» es una palabra reservada de las direcciones de los planes: elija otra dirección corta.`);
  }
  const v = {
    slug,
    title: c.line("title", input.title, { label: "el título del plan", min: 5, max: 200 }),
    description: c.text("description", input.description, { label: "la descripción", max: 8000 }),
    startsOn: c.date("startsOn", input.startsOn, "la fecha de inicio del plan"),
    endsOn: c.date("endsOn", input.endsOn, "la fecha de término del plan"),
    status: c.oneOf("status", input.status, PLAN_STATUSES, "Elija el estado del plan: cocreación, implementación o finalizado."),
    sourceReference: c.line("sourceReference", input.sourceReference, { label: "la referencia de origen", max: 500 }),
    processId: input.processId,
    published: input.published === true,
  };
  if (v.startsOn && v.endsOn && v.endsOn <= v.startsOn) c.fail("endsOn", "La fecha de término del plan debe ser posterior a la de inicio.");
  if (v.processId !== null && (!Number.isSafeInteger(v.processId) || v.processId < 1)) c.fail("processId", "El proceso participativo elegido no existe en este municipio.");
  c.done();
  return v as typeof v & { startsOn: string; endsOn: string };
}

async function checkPlanReferences(trx: Executor, municipalityId: number, v: ReturnType<typeof checkPlan>, exceptPlanId: number | null): Promise<void> {
  let taken = trx.selectFrom("action_plans").select("id").where("municipality_id", "=", municipalityId).where("slug", "=", v.slug);
  if (exceptPlanId !== null) taken = taken.where("id", "<>", exceptPlanId);
  const c = new Checker();
  if (await taken.executeTakeFirst()) c.fail("slug", `Ya hay un plan con la dirección corta «${v.slug}» en este municipio.`);
  if (v.processId !== null && !(await loadProcessById(trx, municipalityId, v.processId))) c.fail("processId", "El proceso participativo elegido no existe en este municipio.");
  c.done();
}

const planColumns = (v: ReturnType<typeof checkPlan>) => ({
  slug: v.slug,
  title: v.title,
  description: v.description,
  starts_on: v.startsOn,
  ends_on: v.endsOn,
  status: v.status,
  process_id: v.processId,
  source_reference: v.sourceReference,
  published: v.published,
});

export async function createPlan(trx: Executor, municipalityId: number, actor: Actor, input: PlanInput): Promise<{ id: number; slug: string }> {
  const v = checkPlan(input);
  await checkPlanReferences(trx, municipalityId, v, null);
  const row = await trx
    .insertInto("action_plans")
    .values({ municipality_id: municipalityId, ...planColumns(v), created_by: actorUserId(actor) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actor, municipalityId, action: "plans.plan.create", subjectType: "action_plan", subjectId: row.id,
    details: { slug: v.slug, title: v.title, startsOn: v.startsOn, endsOn: v.endsOn, status: v.status, processId: v.processId, published: v.published },
  });
  return { id: row.id, slug: v.slug };
}

export async function updatePlan(trx: Executor, municipalityId: number, actor: Actor, planId: number, input: PlanInput): Promise<void> {
  const v = checkPlan(input);
  const current = await trx
    .selectFrom("action_plans")
    .select(["slug", "title", "description", "status", "process_id", "source_reference", "published", sql<string>`starts_on::text`.as("from_on"), sql<string>`ends_on::text`.as("to_on")])
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", planId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw new HttpProblem(404, "El plan de acción no existe en este municipio.");
  await checkPlanReferences(trx, municipalityId, v, planId);
  // A shorter period may not leave a commitment outside it: its dates change first.
  const outside = await trx
    .selectFrom("plan_commitments")
    .select(["number", "title", sql<string>`starts_on::text`.as("starts_on"), sql<string>`ends_on::text`.as("ends_on")])
    .where("municipality_id", "=", municipalityId)
    .where("plan_id", "=", planId)
    .where((eb) => eb.or([eb("starts_on", "<", v.startsOn), eb("ends_on", ">", v.endsOn)]))
    .orderBy("number")
    .executeTakeFirst();
  if (outside) {
    throw PlanInputError.single(
      outside.starts_on < v.startsOn ? "startsOn" : "endsOn",
      `El compromiso ${outside.number} («${outside.title}») va del ${spanishPeriod(outside.starts_on, outside.ends_on)} y quedaría fuera del periodo del plan (${spanishDate(v.startsOn)} al ${spanishDate(v.endsOn)}): cambie primero sus fechas.`,
    );
  }
  await trx.updateTable("action_plans").set({ ...planColumns(v), updated_at: new Date() }).where("municipality_id", "=", municipalityId).where("id", "=", planId).execute();
  const before: Record<string, unknown> = {
    slug: current.slug, title: current.title, description: current.description, startsOn: current.from_on, endsOn: current.to_on, status: current.status,
    processId: current.process_id, sourceReference: current.source_reference, published: current.published,
  };
  const after: Record<string, unknown> = { ...v };
  const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
  await recordAudit(trx, {
    actor, municipalityId, action: "plans.plan.update", subjectType: "action_plan", subjectId: planId,
    details: { changed, slug: v.slug, startsOn: v.startsOn, endsOn: v.endsOn, status: v.status, published: v.published },
  });
}

function checkTeamMember(input: TeamMemberInput) {
  const c = new Checker();
  const v = {
    sector: c.oneOf("sector", input.sector, TEAM_SECTORS, "Elija el sector: gobierno o sociedad civil."),
    organisation: c.line("organisation", input.organisation, { label: "el nombre de la organización o dependencia", min: 2, max: 200 }),
    role: c.line("role", input.role, { label: "el cargo o papel en el equipo", max: 160 }),
    personName: c.line("personName", input.personName, { label: "el nombre de la persona", max: 160 }),
    namePublic: input.namePublic === true,
  };
  if (v.namePublic && v.personName === "") c.fail("personName", "Para publicar el nombre de la persona, escríbalo.");
  c.done();
  return v;
}

export async function addTeamMember(trx: Executor, municipalityId: number, actor: Actor, planId: number, input: TeamMemberInput): Promise<number> {
  const v = checkTeamMember(input);
  await lockPlan(trx, municipalityId, planId);
  const last = await trx.selectFrom("action_plan_team").select((eb) => eb.fn.max("position").as("p")).where("municipality_id", "=", municipalityId).where("plan_id", "=", planId).executeTakeFirst();
  const row = await trx
    .insertInto("action_plan_team")
    .values({
      municipality_id: municipalityId, plan_id: planId, sector: v.sector, organisation: v.organisation, role: v.role,
      person_name: v.personName, name_public: v.namePublic, position: Number(last?.p ?? 0) + 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // The person's name stays out of the log: the row holds it, and only staff pages show it.
  await recordAudit(trx, {
    actor, municipalityId, action: "plans.team.add", subjectType: "action_plan", subjectId: planId,
    details: { memberId: row.id, sector: v.sector, organisation: v.organisation, role: v.role, namePublic: v.namePublic },
  });
  return row.id;
}

export async function removeTeamMember(trx: Executor, municipalityId: number, actor: Actor, planId: number, memberId: number): Promise<void> {
  const gone = await trx
    .deleteFrom("action_plan_team")
    .where("municipality_id", "=", municipalityId)
    .where("plan_id", "=", planId)
    .where("id", "=", memberId)
    .returning(["organisation", "sector"])
    .executeTakeFirst();
  if (!gone) throw new HttpProblem(404, "La persona u organización no forma parte del equipo de este plan.");
  await recordAudit(trx, { actor, municipalityId, action: "plans.team.remove", subjectType: "action_plan", subjectId: planId, details: { memberId, organisation: gone.organisation, sector: gone.sector } });
}
