/**
 * Participatory processes: loading them with their phases, what is open today, the route guards
 * every component module uses, and the staff operations on a process and its phases (one
 * transaction each, audited).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Db, Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { authorizeInMunicipality, municipalityOr404 } from "../../platform/http/tenant.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { isLocalDate, localDateTimeAt, toDayNumber, type LocalDate } from "../../platform/calendar/dates.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { ParticipationInputError } from "./errors.js";
import { canManageParticipation, PARTICIPATION } from "./policy.js";
import { COMPONENTS, PROCESS_STATUSES, type Component, type ProcessStatus } from "./tables.js";

export interface PhaseView {
  id: number;
  position: number;
  title: string;
  description: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  components: Component[];
}

export interface ProcessView {
  municipalityId: number;
  id: number;
  slug: string;
  title: string;
  summary: string;
  description: string;
  status: ProcessStatus;
  phases: PhaseView[];
}

/** Words a process slug cannot be: they are fixed paths under /:slug/participa/. */
export const RESERVED_PROCESS_SLUGS = ["confirmar", "nuevo", "admin"];
export const MAX_PHASES = 20;

const COMPONENT_LABELS: Record<Component, string> = {
  consultations: "consultas",
  proposals: "propuestas",
  supports: "apoyos a propuestas",
  comments: "comentarios",
  approval_voting: "votación por aprobación",
  budgeting: "presupuesto participativo",
  pairwise: "comparación por pares",
  roundtables: "mesas de trabajo",
};

export function componentLabel(component: Component): string {
  return COMPONENT_LABELS[component];
}

async function phasesOf(db: Executor, municipalityId: number, processId: number): Promise<PhaseView[]> {
  const rows = await db
    .selectFrom("process_phases")
    .select(["id", "position", "title", "description", "components", sql<string>`starts_on::text`.as("starts_on"), sql<string>`ends_on::text`.as("ends_on")])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    title: r.title,
    description: r.description,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    components: COMPONENTS.filter((c) => (r.components as string[]).includes(c)),
  }));
}

type ProcessRow = { id: number; slug: string; title: string; summary: string; description: string; status: ProcessStatus };

async function toView(db: Executor, municipalityId: number, row: ProcessRow | undefined): Promise<ProcessView | null> {
  if (!row) return null;
  return { municipalityId, id: row.id, slug: row.slug, title: row.title, summary: row.summary, description: row.description, status: row.status, phases: await phasesOf(db, municipalityId, row.id) };
}

const PROCESS_COLUMNS = ["id", "slug", "title", "summary", "description", "status"] as const;

export async function loadProcess(db: Executor, municipalityId: number, slug: string): Promise<ProcessView | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const row = await db.selectFrom("participatory_processes").select(PROCESS_COLUMNS).where("municipality_id", "=", municipalityId).where("slug", "=", slug).executeTakeFirst();
  return toView(db, municipalityId, row);
}

export async function loadProcessById(db: Executor, municipalityId: number, id: number): Promise<ProcessView | null> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2147483647) return null;
  const row = await db.selectFrom("participatory_processes").select(PROCESS_COLUMNS).where("municipality_id", "=", municipalityId).where("id", "=", id).executeTakeFirst();
  return toView(db, municipalityId, row);
}

/** Today's date on the municipality's wall clock. */
export function todayIn(timeZone: string, now: Date = new Date()): LocalDate {
  return localDateTimeAt(now, timeZone).date;
}

/** The phase whose dates include today, or null (before the first, between or after the last). */
export function currentPhase(process: ProcessView, today: LocalDate): PhaseView | null {
  return process.phases.find((p) => p.startsOn <= today && today <= p.endsOn) ?? null;
}

/** The next phase to start after today, or null. */
export function nextPhase(process: ProcessView, today: LocalDate): PhaseView | null {
  return process.phases.find((p) => p.startsOn > today) ?? null;
}

/** Published and the current phase opens the component. */
export function isOpen(process: ProcessView, component: Component, today: LocalDate): boolean {
  if (process.status !== "published") return false;
  return currentPhase(process, today)?.components.includes(component) ?? false;
}

/** Throws HttpProblem 422 (Spanish) when the component is not open in the process today. */
export function assertOpen(process: ProcessView, component: Component, today: LocalDate): void {
  if (isOpen(process, component, today)) return;
  const label = componentLabel(component);
  if (process.status === "closed") throw new HttpProblem(422, `Esta etapa del proceso no admite ${label}: el proceso «${process.title}» ya concluyó.`);
  if (process.status === "draft") throw new HttpProblem(422, `Esta etapa del proceso no admite ${label}: el proceso aún no se publica.`);
  const phase = currentPhase(process, today);
  const opening = process.phases.find((p) => p.startsOn > today && p.components.includes(component));
  const when = opening ? ` Se abren en la etapa «${opening.title}», del ${opening.startsOn} al ${opening.endsOn}.` : "";
  throw new HttpProblem(422, phase ? `Esta etapa del proceso no admite ${label} (etapa actual: «${phase.title}»).${when}` : `Esta etapa del proceso no admite ${label}: hoy no hay ninguna etapa en curso.${when}`);
}

/** For public routes with :slug and :process — 404 when missing, a draft (unless the actor manages participation) or another municipality's. */
export async function publicProcessOr404(request: FastifyRequest, services: Services): Promise<{ municipality: ActiveMunicipality; process: ProcessView }> {
  const municipality = await municipalityOr404(services.db, request);
  const { process: slug } = request.params as { process?: string };
  const process = slug ? await loadProcess(services.db, municipality.id, slug) : null;
  if (!process || (process.status === "draft" && !canManageParticipation(request.actor, municipality.id))) {
    throw new HttpProblem(404, request.t("errors.notFound"));
  }
  return { municipality, process };
}

/** For staff routes with :slug and :process: 404/403 like authorizeInMunicipality with PARTICIPATION.manage; null when the reply is a redirect to sign in. */
export async function managedProcessOr404(
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
): Promise<{ municipality: ActiveMunicipality; process: ProcessView } | null> {
  const municipality = await authorizeInMunicipality(services.db, request, reply, PARTICIPATION.manage);
  if (!municipality) return null;
  const { process: slug } = request.params as { process?: string };
  const process = slug ? await loadProcess(services.db, municipality.id, slug) : null;
  if (!process) throw new HttpProblem(404, request.t("errors.notFound"));
  return { municipality, process };
}

// ——— Staff operations ———

export interface ProcessInput {
  slug: string;
  title: string;
  summary?: string;
  description?: string;
}

export interface PhaseInput {
  title: string;
  description?: string;
  startsOn: string;
  endsOn: string;
  components: string[];
}

function clean(value: unknown): string {
  return typeof value === "string" ? value.replace(/\r\n/g, "\n").trim() : "";
}

function checkProcessInput(input: ProcessInput): { slug: string; title: string; summary: string; description: string } {
  const errors: { field: string; message: string }[] = [];
  const slug = clean(input.slug).toLowerCase();
  const title = clean(input.title);
  const summary = clean(input.summary);
  const description = clean(input.description);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80) {
    errors.push({ field: "slug", message: "La dirección del proceso solo lleva minúsculas sin acentos, números y guiones (ej. plan-accion-2026), hasta 80 caracteres." });
  } else if (RESERVED_PROCESS_SLUGS.includes(slug)) {
    errors.push({ field: "slug", message: `La dirección «${slug}» está reservada; elija otra.` });
  }
  if (title.length < 3 || title.length > 200) errors.push({ field: "title", message: "El título debe tener entre 3 y 200 caracteres." });
  if (summary.length > 600) errors.push({ field: "summary", message: "El resumen admite hasta 600 caracteres." });
  if (description.length > 20000) errors.push({ field: "description", message: "La descripción admite hasta 20,000 caracteres." });
  if (errors.length) throw new ParticipationInputError(errors);
  return { slug, title, summary, description };
}

async function assertSlugFree(db: Executor, municipalityId: number, slug: string, exceptId: number | null): Promise<void> {
  let q = db.selectFrom("participatory_processes").select("id").where("municipality_id", "=", municipalityId).where("slug", "=", slug);
  if (exceptId !== null) q = q.where("id", "<>", exceptId);
  if (await q.executeTakeFirst()) throw ParticipationInputError.single("slug", `Ya existe un proceso con la dirección «${slug}».`);
}

export function checkPhaseInput(input: PhaseInput): { title: string; description: string; startsOn: LocalDate; endsOn: LocalDate; components: Component[] } {
  const errors: { field: string; message: string }[] = [];
  const title = clean(input.title);
  const description = clean(input.description);
  const startsOn = clean(input.startsOn);
  const endsOn = clean(input.endsOn);
  const raw = (Array.isArray(input.components) ? input.components : [input.components]).filter((c): c is string => typeof c === "string" && c !== "");
  if (title.length < 2 || title.length > 120) errors.push({ field: "title", message: "El nombre de la etapa debe tener entre 2 y 120 caracteres." });
  if (description.length > 4000) errors.push({ field: "description", message: "La descripción de la etapa admite hasta 4,000 caracteres." });
  if (!isLocalDate(startsOn)) errors.push({ field: "startsOn", message: "Escriba la fecha de inicio como AAAA-MM-DD." });
  if (!isLocalDate(endsOn)) errors.push({ field: "endsOn", message: "Escriba la fecha de término como AAAA-MM-DD." });
  if (isLocalDate(startsOn) && isLocalDate(endsOn) && endsOn < startsOn) errors.push({ field: "endsOn", message: "La etapa no puede terminar antes de empezar." });
  const unknown = raw.filter((c) => !(COMPONENTS as readonly string[]).includes(c));
  if (unknown.length) errors.push({ field: "components", message: "Uno de los componentes elegidos no existe." });
  if (errors.length) throw new ParticipationInputError(errors);
  return { title, description, startsOn, endsOn, components: COMPONENTS.filter((c) => raw.includes(c)) };
}

function assertNoOverlap(phases: { id: number; title: string; startsOn: LocalDate; endsOn: LocalDate }[], candidate: { startsOn: LocalDate; endsOn: LocalDate }, exceptId: number | null): void {
  for (const p of phases) {
    if (p.id === exceptId) continue;
    if (candidate.startsOn <= p.endsOn && candidate.endsOn >= p.startsOn) {
      throw ParticipationInputError.single("startsOn", `Las fechas se traslapan con la etapa «${p.title}» (del ${p.startsOn} al ${p.endsOn}). Las etapas de un proceso no pueden coincidir.`);
    }
  }
}

/** Positions follow the dates (phases never overlap). A new phase is inserted at 50; the others move to 26… first, so (process, position) stays unique at every step. */
async function renumberPhases(trx: Executor, municipalityId: number, processId: number): Promise<void> {
  const phases = await trx
    .selectFrom("process_phases")
    .select(["id", "position"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .orderBy("starts_on")
    .orderBy("id")
    .execute();
  if (phases.every((p, i) => p.position === i + 1)) return;
  await trx.updateTable("process_phases").set({ position: sql`position + 25` }).where("municipality_id", "=", municipalityId).where("process_id", "=", processId).where("position", "<=", 25).execute();
  for (const [i, p] of phases.entries()) {
    await trx.updateTable("process_phases").set({ position: i + 1 }).where("municipality_id", "=", municipalityId).where("id", "=", p.id).execute();
  }
}

async function touch(trx: Executor, municipalityId: number, processId: number): Promise<void> {
  await trx.updateTable("participatory_processes").set({ updated_at: sql`now()` }).where("municipality_id", "=", municipalityId).where("id", "=", processId).execute();
}

async function lockProcess(trx: Executor, municipalityId: number, processId: number): Promise<ProcessRow> {
  const row = await trx.selectFrom("participatory_processes").select(PROCESS_COLUMNS).where("municipality_id", "=", municipalityId).where("id", "=", processId).forUpdate().executeTakeFirst();
  if (!row) throw new HttpProblem(404, "El proceso no existe.");
  return row;
}

async function insertPhase(trx: Executor, municipalityId: number, processId: number, phase: ReturnType<typeof checkPhaseInput>): Promise<number> {
  const existing = await phasesOf(trx, municipalityId, processId);
  if (existing.length >= MAX_PHASES) throw ParticipationInputError.single("title", `Un proceso tiene como máximo ${MAX_PHASES} etapas.`);
  assertNoOverlap(existing, phase, null);
  const { id } = await trx
    .insertInto("process_phases")
    .values({ municipality_id: municipalityId, process_id: processId, position: 50, title: phase.title, description: phase.description, starts_on: phase.startsOn, ends_on: phase.endsOn, components: sql`${sql.val(phase.components)}::text[]` as unknown as Component[] })
    .returning("id")
    .executeTakeFirstOrThrow();
  await renumberPhases(trx, municipalityId, processId);
  return id;
}

/** A new process (draft unless told), optionally with its phases. */
export async function createProcess(
  db: Db,
  municipalityId: number,
  actor: Actor,
  input: ProcessInput & { status?: ProcessStatus; phases?: PhaseInput[] },
): Promise<ProcessView> {
  const values = checkProcessInput(input);
  const phases = (input.phases ?? []).map(checkPhaseInput);
  const status = input.status ?? "draft";
  if (!PROCESS_STATUSES.includes(status)) throw ParticipationInputError.single("status", "Estado no válido.");
  if (status !== "draft" && phases.length === 0) throw ParticipationInputError.single("status", "Para publicar un proceso, agregue primero al menos una etapa.");
  const id = await db.transaction().execute(async (trx) => {
    await assertSlugFree(trx, municipalityId, values.slug, null);
    const { id } = await trx
      .insertInto("participatory_processes")
      .values({ municipality_id: municipalityId, ...values, status, created_by: actor.kind === "user" ? actor.userId : null })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const phase of phases) await insertPhase(trx, municipalityId, id, phase);
    await recordAudit(trx, { actor, municipalityId, action: "participation.process.create", subjectType: "participatory_process", subjectId: id, details: { slug: values.slug, title: values.title, status, phases: phases.map((p) => ({ title: p.title, startsOn: p.startsOn, endsOn: p.endsOn, components: p.components })) } });
    return id;
  });
  return (await loadProcessById(db, municipalityId, id))!;
}

export async function updateProcess(db: Db, municipalityId: number, actor: Actor, processId: number, input: ProcessInput): Promise<ProcessView> {
  const values = checkProcessInput(input);
  await db.transaction().execute(async (trx) => {
    const before = await lockProcess(trx, municipalityId, processId);
    await assertSlugFree(trx, municipalityId, values.slug, processId);
    await trx.updateTable("participatory_processes").set({ ...values, updated_at: sql`now()` }).where("municipality_id", "=", municipalityId).where("id", "=", processId).execute();
    await recordAudit(trx, { actor, municipalityId, action: "participation.process.update", subjectType: "participatory_process", subjectId: processId, details: { from: { slug: before.slug, title: before.title }, to: { slug: values.slug, title: values.title } } });
  });
  return (await loadProcessById(db, municipalityId, processId))!;
}

/** draft → published → closed (a closed process can be reopened; a published one returned to draft). Publishing needs a phase. */
export async function setProcessStatus(db: Db, municipalityId: number, actor: Actor, processId: number, status: ProcessStatus): Promise<ProcessView> {
  if (!PROCESS_STATUSES.includes(status)) throw ParticipationInputError.single("status", "Estado no válido.");
  await db.transaction().execute(async (trx) => {
    const before = await lockProcess(trx, municipalityId, processId);
    if (before.status === status) return;
    if (before.status === "draft" && status === "closed") throw ParticipationInputError.single("status", "Un borrador no puede cerrarse: publíquelo primero.");
    if (status === "published") {
      const count = await trx.selectFrom("process_phases").select((eb) => eb.fn.countAll<string>().as("n")).where("municipality_id", "=", municipalityId).where("process_id", "=", processId).executeTakeFirstOrThrow();
      if (Number(count.n) === 0) throw ParticipationInputError.single("status", "Para publicar un proceso, agregue primero al menos una etapa.");
    }
    await trx.updateTable("participatory_processes").set({ status, updated_at: sql`now()` }).where("municipality_id", "=", municipalityId).where("id", "=", processId).execute();
    await recordAudit(trx, { actor, municipalityId, action: "participation.process.status", subjectType: "participatory_process", subjectId: processId, details: { from: before.status, to: status } });
  });
  return (await loadProcessById(db, municipalityId, processId))!;
}

export async function addPhase(db: Db, municipalityId: number, actor: Actor, processId: number, input: PhaseInput): Promise<PhaseView> {
  const phase = checkPhaseInput(input);
  const id = await db.transaction().execute(async (trx) => {
    await lockProcess(trx, municipalityId, processId);
    const id = await insertPhase(trx, municipalityId, processId, phase);
    await touch(trx, municipalityId, processId);
    await recordAudit(trx, { actor, municipalityId, action: "participation.phase.add", subjectType: "process_phase", subjectId: id, details: { processId, ...phase } });
    return id;
  });
  return (await phasesOf(db, municipalityId, processId)).find((p) => p.id === id)!;
}

export async function updatePhase(db: Db, municipalityId: number, actor: Actor, processId: number, phaseId: number, input: PhaseInput): Promise<PhaseView> {
  const phase = checkPhaseInput(input);
  await db.transaction().execute(async (trx) => {
    await lockProcess(trx, municipalityId, processId);
    const existing = await phasesOf(trx, municipalityId, processId);
    const before = existing.find((p) => p.id === phaseId);
    if (!before) throw new HttpProblem(404, "La etapa no existe.");
    assertNoOverlap(existing, phase, phaseId);
    await trx
      .updateTable("process_phases")
      .set({ title: phase.title, description: phase.description, starts_on: phase.startsOn, ends_on: phase.endsOn, components: sql`${sql.val(phase.components)}::text[]` as unknown as Component[] })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", phaseId)
      .execute();
    await renumberPhases(trx, municipalityId, processId);
    await touch(trx, municipalityId, processId);
    await recordAudit(trx, { actor, municipalityId, action: "participation.phase.update", subjectType: "process_phase", subjectId: phaseId, details: { processId, from: { title: before.title, startsOn: before.startsOn, endsOn: before.endsOn, components: before.components }, to: phase } });
  });
  return (await phasesOf(db, municipalityId, processId)).find((p) => p.id === phaseId)!;
}

export async function deletePhase(db: Db, municipalityId: number, actor: Actor, processId: number, phaseId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const process = await lockProcess(trx, municipalityId, processId);
    const existing = await phasesOf(trx, municipalityId, processId);
    const before = existing.find((p) => p.id === phaseId);
    if (!before) throw new HttpProblem(404, "La etapa no existe.");
    if (process.status !== "draft" && existing.length === 1) throw ParticipationInputError.single("phase", "Un proceso publicado necesita al menos una etapa.");
    await trx.deleteFrom("process_phases").where("municipality_id", "=", municipalityId).where("id", "=", phaseId).execute();
    await renumberPhases(trx, municipalityId, processId);
    await touch(trx, municipalityId, processId);
    await recordAudit(trx, { actor, municipalityId, action: "participation.phase.delete", subjectType: "process_phase", subjectId: phaseId, details: { processId, title: before.title, startsOn: before.startsOn, endsOn: before.endsOn } });
  });
}

/** Days from today to a date (negative when past), for "faltan N días". */
export function daysUntil(today: LocalDate, date: LocalDate): number {
  return toDayNumber(date) - toDayNumber(today);
}
