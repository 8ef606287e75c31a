/**
 * Staff operations on brigades: create and edit a brigade, its route (colonia + day) and its
 * members (accounts added by e-mail, coordinador or brigadista). Each runs inside the caller's
 * transaction, checks its input (ChannelInputError: Spanish messages per field, nothing stored)
 * and writes an audit entry. Who may call them is the route's question (CHANNELS.manage).
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { normalizeEmail } from "../accounts/queries.js";
import { loadProcessById } from "../participation/processes.js";
import { actorUserId, Checker, spanishDate, spanishPeriod } from "../plans/staff-inputs.js";
import { ChannelInputError } from "./errors.js";
import { BRIGADE_ROLES, BRIGADE_STATUSES, type BrigadeRole, type BrigadeStatus } from "./tables.js";

export interface BrigadeInput {
  slug: string;
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  status: BrigadeStatus | string;
  /** null: no process; NaN: a choice that is not an id (refused). */
  processId: number | null;
}

/** The checker's messages as the channels' error (422), when there are any. */
function done(c: Checker): void {
  if (c.errors.length) throw new ChannelInputError(c.errors);
}

function checkBrigade(input: BrigadeInput) {
  const c = new Checker();
  const slug = (input.slug ?? "").trim().toLowerCase();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80) {
    c.fail("slug", "La dirección corta solo admite minúsculas sin acentos, números y guiones entre palabras (p. ej. centro-mayo), hasta 80 caracteres.");
  }
  const v = {
    slug,
    name: c.line("name", input.name, { label: "el nombre de la brigada", min: 3, max: 200 }),
    description: c.text("description", input.description, { label: "la descripción", max: 4000 }),
    startsOn: c.date("startsOn", input.startsOn, "la fecha de inicio"),
    endsOn: c.date("endsOn", input.endsOn, "la fecha de término"),
    status: c.oneOf("status", String(input.status ?? ""), BRIGADE_STATUSES, "Elija el estado: planeada, activa o concluida."),
    processId: input.processId,
  };
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) c.fail("endsOn", "La fecha de término no puede ser anterior a la de inicio.");
  if (v.processId !== null && (!Number.isSafeInteger(v.processId) || v.processId < 1)) c.fail("processId", "El proceso participativo elegido no existe en este municipio.");
  done(c);
  return v as typeof v & { startsOn: string; endsOn: string };
}

async function checkReferences(trx: Executor, municipalityId: number, v: ReturnType<typeof checkBrigade>, brigadeId: number | null): Promise<void> {
  const c = new Checker();
  let taken = trx.selectFrom("brigades").select("id").where("municipality_id", "=", municipalityId).where("slug", "=", v.slug);
  if (brigadeId !== null) taken = taken.where("id", "<>", brigadeId);
  if (await taken.executeTakeFirst()) c.fail("slug", `Ya hay una brigada con la dirección corta «${v.slug}» en este municipio.`);
  if (v.processId !== null && !(await loadProcessById(trx, municipalityId, v.processId))) c.fail("processId", "El proceso participativo elegido no existe en este municipio.");
  if (brigadeId !== null) {
    const outside = await trx
      .selectFrom("brigade_stops")
      .select(sql<string>`min(visit_on)::text`.as("first"))
      .where("municipality_id", "=", municipalityId)
      .where("brigade_id", "=", brigadeId)
      .where((eb) => eb.or([eb("visit_on", "<", v.startsOn), eb("visit_on", ">", v.endsOn)]))
      .executeTakeFirst();
    if (outside?.first) c.fail("startsOn", `La ruta tiene visitas fuera de las nuevas fechas (la primera, el ${spanishDate(outside.first)}): quítelas de la ruta o elija otras fechas.`);
  }
  done(c);
}

export async function createBrigade(trx: Executor, municipalityId: number, actor: Actor, input: BrigadeInput): Promise<{ id: number; slug: string }> {
  const v = checkBrigade(input);
  await checkReferences(trx, municipalityId, v, null);
  const row = await trx
    .insertInto("brigades")
    .values({ municipality_id: municipalityId, slug: v.slug, name: v.name, description: v.description, starts_on: v.startsOn, ends_on: v.endsOn, status: v.status, process_id: v.processId, created_by: actorUserId(actor) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { actor, municipalityId, action: "brigades.create", subjectType: "brigade", subjectId: row.id, details: { slug: v.slug, name: v.name, startsOn: v.startsOn, endsOn: v.endsOn, status: v.status, processId: v.processId } });
  return { id: row.id, slug: v.slug };
}

export async function updateBrigade(trx: Executor, municipalityId: number, actor: Actor, brigadeId: number, input: BrigadeInput): Promise<{ slug: string }> {
  const v = checkBrigade(input);
  await lockBrigade(trx, municipalityId, brigadeId);
  await checkReferences(trx, municipalityId, v, brigadeId);
  await trx
    .updateTable("brigades")
    .set({ slug: v.slug, name: v.name, description: v.description, starts_on: v.startsOn, ends_on: v.endsOn, status: v.status, process_id: v.processId, updated_at: sql`now()` })
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", brigadeId)
    .execute();
  await recordAudit(trx, { actor, municipalityId, action: "brigades.update", subjectType: "brigade", subjectId: brigadeId, details: { slug: v.slug, name: v.name, startsOn: v.startsOn, endsOn: v.endsOn, status: v.status, processId: v.processId } });
  return { slug: v.slug };
}

async function lockBrigade(trx: Executor, municipalityId: number, brigadeId: number): Promise<{ startsOn: string; endsOn: string }> {
  const row = await trx
    .selectFrom("brigades")
    .select([sql<string>`starts_on::text`.as("starts_on"), sql<string>`ends_on::text`.as("ends_on")])
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", brigadeId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new HttpProblem(404, "La brigada no existe en este municipio.");
  return { startsOn: row.starts_on, endsOn: row.ends_on };
}

/** A stop of the route; the colonia by its id (a renamed colonia keeps it), the day within the brigade's dates. */
export async function addStop(trx: Executor, municipalityId: number, actor: Actor, brigadeId: number, input: { coloniaId: number | null; visitOn: string }): Promise<void> {
  const period = await lockBrigade(trx, municipalityId, brigadeId);
  const c = new Checker();
  const colonia = input.coloniaId === null || !Number.isSafeInteger(input.coloniaId)
    ? null
    : await trx.selectFrom("colonias").select(["id", "name"]).where("municipality_id", "=", municipalityId).where("id", "=", input.coloniaId).executeTakeFirst();
  if (!colonia) c.fail("coloniaId", "Elija una colonia del municipio.");
  const visitOn = c.date("visitOn", input.visitOn, "el día de la visita");
  if (visitOn && (visitOn < period.startsOn || visitOn > period.endsOn)) {
    c.fail("visitOn", `El día de la visita debe caer dentro de la brigada, del ${spanishPeriod(period.startsOn, period.endsOn)}.`);
  }
  done(c);
  const inserted = await trx
    .insertInto("brigade_stops")
    .values({ municipality_id: municipalityId, brigade_id: brigadeId, colonia_id: colonia!.id, visit_on: visitOn! })
    .onConflict((oc) => oc.doNothing())
    .returning("colonia_id")
    .executeTakeFirst();
  if (!inserted) throw ChannelInputError.single("coloniaId", `La colonia ${colonia!.name} ya está en la ruta el ${spanishDate(visitOn!)}.`);
  await recordAudit(trx, { actor, municipalityId, action: "brigades.stop.add", subjectType: "brigade", subjectId: brigadeId, details: { coloniaId: colonia!.id, visitOn } });
}

export async function removeStop(trx: Executor, municipalityId: number, actor: Actor, brigadeId: number, stop: { coloniaId: number; visitOn: string }): Promise<void> {
  await lockBrigade(trx, municipalityId, brigadeId);
  const gone = await trx
    .deleteFrom("brigade_stops")
    .where("municipality_id", "=", municipalityId)
    .where("brigade_id", "=", brigadeId)
    .where("colonia_id", "=", stop.coloniaId)
    .where(sql<boolean>`visit_on::text = ${stop.visitOn}`)
    .returning("colonia_id")
    .executeTakeFirst();
  if (!gone) throw new HttpProblem(404, "Esa visita ya no está en la ruta.");
  await recordAudit(trx, { actor, municipalityId, action: "brigades.stop.remove", subjectType: "brigade", subjectId: brigadeId, details: stop });
}

/** Adds the account with that e-mail as a member, or changes its role when it already is one. */
export async function saveMember(trx: Executor, municipalityId: number, actor: Actor, brigadeId: number, input: { email: string; role: BrigadeRole | string }): Promise<{ added: boolean }> {
  await lockBrigade(trx, municipalityId, brigadeId);
  const c = new Checker();
  const email = normalizeEmail(input.email ?? "");
  if (!email) c.fail("email", "Escriba el correo de la cuenta de la persona.");
  const role = c.oneOf("role", String(input.role ?? ""), BRIGADE_ROLES, "Elija el papel: coordinador o brigadista.");
  done(c);
  const user = await trx.selectFrom("users").select(["id", "disabled_at"]).where("email", "=", email).executeTakeFirst();
  if (!user || user.disabled_at) {
    throw ChannelInputError.single("email", `No hay ninguna cuenta activa con el correo ${email}. Pida a la persona que cree su cuenta en /registro y vuelva a intentarlo.`);
  }
  const before = await trx.selectFrom("brigade_members").select("role").where("municipality_id", "=", municipalityId).where("brigade_id", "=", brigadeId).where("user_id", "=", user.id).executeTakeFirst();
  await trx
    .insertInto("brigade_members")
    .values({ municipality_id: municipalityId, brigade_id: brigadeId, user_id: user.id, role })
    .onConflict((oc) => oc.columns(["municipality_id", "brigade_id", "user_id"]).doUpdateSet({ role }))
    .execute();
  await recordAudit(trx, { actor, municipalityId, action: before ? "brigades.member.role" : "brigades.member.add", subjectType: "brigade", subjectId: brigadeId, details: { userId: user.id, role, previousRole: before?.role ?? null } });
  return { added: !before };
}

export async function removeMember(trx: Executor, municipalityId: number, actor: Actor, brigadeId: number, userId: number): Promise<void> {
  await lockBrigade(trx, municipalityId, brigadeId);
  const gone = await trx.deleteFrom("brigade_members").where("municipality_id", "=", municipalityId).where("brigade_id", "=", brigadeId).where("user_id", "=", userId).returning("role").executeTakeFirst();
  if (!gone) throw new HttpProblem(404, "La persona ya no es integrante de la brigada.");
  await recordAudit(trx, { actor, municipalityId, action: "brigades.member.remove", subjectType: "brigade", subjectId: brigadeId, details: { userId, role: gone.role } });
}
