/**
 * Staff operations on open hearings: schedule (one session, or the same weekday for N weeks in one
 * transaction), edit, open, cancel, and close with the public summary and the commitments made.
 * Each runs inside the caller's transaction, is audited, and announces the change on the bus
 * (the room's public screen listens).
 */
import { recordAudit } from "../../platform/audit/audit.js";
import { publish } from "../../platform/bus.js";
import { addDays, instantAtLocal, type LocalDate } from "../../platform/calendar/dates.js";
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { ChannelInputError } from "./errors.js";
import { HearingChecker } from "./hearing-inputs.js";
import { turnCounts } from "./hearing-queries.js";
import type { HearingStatus } from "./tables.js";

export const HEARINGS_TOPIC = "hearings.changed";
export const MAX_REPEAT_WEEKS = 26;
export const MAX_OFFICIALS = 30;
export const MAX_COMMITMENTS = 50;

export interface HearingInput {
  title: string;
  slug: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  /** An office id from the select, or "" for a free place. */
  officeId: string;
  place: string;
  /** One per line. */
  officials: string;
  capacity: string;
  onlineCapacity: string;
  /** How many weekly sessions to schedule (creation only); "" or "1" for one. */
  repeatWeeks?: string;
}

export interface HearingRef {
  municipalityId: number;
  id: number;
}

const userId = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

/** Tell the screen and the staff room that a hearing changed (inside the writing transaction). */
export async function announceHearing(trx: Executor, hearing: HearingRef, kind: string): Promise<void> {
  await publish(trx, { topic: HEARINGS_TOPIC, municipalityId: hearing.municipalityId, data: { hearingId: hearing.id, kind } });
}

async function checkHearing(trx: Executor, municipalityId: number, timeZone: string, input: HearingInput, creating: boolean) {
  const c = new HearingChecker();
  const title = c.text("title", input.title, { label: "el título", min: 5, max: 200 });
  const slug = input.slug.trim().toLowerCase();
  const weeks = creating && input.repeatWeeks?.trim() ? c.integer("repeatWeeks", input.repeatWeeks, { label: "el número de semanas", min: 1, max: MAX_REPEAT_WEEKS }) : 1;
  const maxSlug = weeks > 1 ? 69 : 80;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > maxSlug) {
    c.fail("slug", `La dirección corta solo admite minúsculas sin acentos, números y guiones entre palabras (p. ej. miercoles-abierto), hasta ${maxSlug} caracteres.`);
  }
  const description = c.text("description", input.description, { label: "la descripción", max: 4000 });
  const date = c.date("date", input.date, "la fecha");
  const start = c.time("startTime", input.startTime, "la hora de inicio");
  const end = c.time("endTime", input.endTime, "la hora de término");
  if (start && end && end.hour * 60 + end.minute <= start.hour * 60 + start.minute) c.fail("endTime", "La hora de término debe ser posterior a la de inicio.");
  let place = c.text("place", input.place, { label: "el lugar", max: 300 });
  let officeId: number | null = null;
  if (input.officeId.trim() !== "") {
    const office = /^\d{1,9}$/.test(input.officeId.trim())
      ? await trx.selectFrom("service_offices").select(["id", "name", "address"]).where("municipality_id", "=", municipalityId).where("id", "=", Number(input.officeId)).executeTakeFirst()
      : undefined;
    if (!office) c.fail("officeId", "La oficina elegida no existe en este municipio.");
    else {
      officeId = office.id;
      if (place === "") place = `${office.name}, ${office.address}`.slice(0, 300);
    }
  }
  if (place.length < 3 && !c.errors.some((e) => e.field === "place" || e.field === "officeId")) c.fail("place", "Escriba el lugar de la audiencia (al menos 3 caracteres) o elija una oficina.");
  const officials = c.lines("officials", input.officials, { label: "los servidores públicos presentes", maxItems: MAX_OFFICIALS, max: 200 });
  const capacity = c.integer("capacity", input.capacity, { label: "el cupo", min: 1, max: 5000 });
  const onlineCapacity = c.integer("onlineCapacity", input.onlineCapacity, { label: "el cupo en línea", min: 0, max: 5000 });
  if (!c.errors.some((e) => e.field === "capacity" || e.field === "onlineCapacity") && onlineCapacity > capacity) {
    c.fail("onlineCapacity", `Los turnos en línea (${onlineCapacity}) no pueden ser más que el cupo total (${capacity}).`);
  }
  c.done();
  const dates: LocalDate[] = Array.from({ length: weeks }, (_, i) => addDays(date!, 7 * i));
  const sessions = dates.map((d) => ({
    date: d,
    slug: weeks > 1 ? `${slug}-${d}` : slug,
    startsAt: instantAtLocal(d, { ...start!, second: 0 }, timeZone),
    endsAt: instantAtLocal(d, { ...end!, second: 0 }, timeZone),
  }));
  return { title, description, place, officeId, officials, capacity, onlineCapacity, sessions };
}

async function assertSlugsFree(trx: Executor, municipalityId: number, slugs: string[], exceptId: number | null): Promise<void> {
  let taken = trx.selectFrom("hearings").select("slug").where("municipality_id", "=", municipalityId).where("slug", "in", slugs);
  if (exceptId !== null) taken = taken.where("id", "<>", exceptId);
  const row = await taken.executeTakeFirst();
  if (row) throw ChannelInputError.single("slug", `Ya hay una audiencia con la dirección corta «${row.slug}» en este municipio: elija otra.`);
}

/** Schedule one hearing, or one per week for N weeks (slugs then end in the date). Returns the slugs. */
export async function scheduleHearings(trx: Executor, municipality: { id: number; timeZone: string }, input: HearingInput, actor: Actor): Promise<string[]> {
  const v = await checkHearing(trx, municipality.id, municipality.timeZone, input, true);
  await assertSlugsFree(trx, municipality.id, v.sessions.map((s) => s.slug), null);
  const rows = await trx
    .insertInto("hearings")
    .values(
      v.sessions.map((s) => ({
        municipality_id: municipality.id,
        slug: s.slug,
        title: v.title,
        description: v.description,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        office_id: v.officeId,
        place: v.place,
        officials: JSON.stringify(v.officials),
        capacity: v.capacity,
        online_capacity: v.onlineCapacity,
        commitments: JSON.stringify([]),
        created_by: userId(actor),
      })),
    )
    .returning(["id", "slug"])
    .execute();
  for (const [i, row] of rows.entries()) {
    await recordAudit(trx, {
      actor,
      municipalityId: municipality.id,
      action: "hearings.schedule",
      subjectType: "hearing",
      subjectId: row.id,
      details: { slug: row.slug, startsAt: v.sessions[i]!.startsAt.toISOString(), place: v.place, capacity: v.capacity, onlineCapacity: v.onlineCapacity, weeks: v.sessions.length },
    });
    await announceHearing(trx, { municipalityId: municipality.id, id: row.id }, "scheduled");
  }
  return rows.map((r) => r.slug);
}

/** Lock the hearing row: every change to its turns or status goes through here first. */
export async function lockHearing(trx: Executor, hearing: HearingRef) {
  const row = await trx
    .selectFrom("hearings")
    .select(["id", "status", "capacity", "online_capacity", "starts_at", "current_turn", "title", "slug"])
    .where("municipality_id", "=", hearing.municipalityId)
    .where("id", "=", hearing.id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw ChannelInputError.single("general", "La audiencia no existe.", 404);
  return row;
}

export async function updateHearing(trx: Executor, municipality: { id: number; timeZone: string }, hearing: HearingRef, input: HearingInput, actor: Actor): Promise<string> {
  const current = await lockHearing(trx, hearing);
  if (current.status === "concluida" || current.status === "cancelada") {
    throw ChannelInputError.single("general", "Una audiencia concluida o cancelada ya no se puede modificar.", 409);
  }
  const v = await checkHearing(trx, municipality.id, municipality.timeZone, { ...input, repeatWeeks: "" }, false);
  const session = v.sessions[0]!;
  await assertSlugsFree(trx, municipality.id, [session.slug], hearing.id);
  const given = await turnCounts(trx, hearing.municipalityId, hearing.id);
  const c = new HearingChecker();
  if (v.capacity < given.taken) c.fail("capacity", `Ya se dieron ${given.taken} turnos: el cupo no puede ser menor.`);
  if (v.onlineCapacity < given.online) c.fail("onlineCapacity", `Ya se dieron ${given.online} turnos en línea: el cupo en línea no puede ser menor.`);
  c.done();
  await trx
    .updateTable("hearings")
    .set({
      slug: session.slug,
      title: v.title,
      description: v.description,
      starts_at: session.startsAt,
      ends_at: session.endsAt,
      office_id: v.officeId,
      place: v.place,
      officials: JSON.stringify(v.officials),
      capacity: v.capacity,
      online_capacity: v.onlineCapacity,
      updated_at: new Date(),
    })
    .where("municipality_id", "=", hearing.municipalityId)
    .where("id", "=", hearing.id)
    .execute();
  await recordAudit(trx, {
    actor,
    municipalityId: hearing.municipalityId,
    action: "hearings.update",
    subjectType: "hearing",
    subjectId: hearing.id,
    details: { slug: session.slug, startsAt: session.startsAt.toISOString(), place: v.place, capacity: v.capacity, onlineCapacity: v.onlineCapacity },
  });
  await announceHearing(trx, hearing, "updated");
  return session.slug;
}

const TRANSITIONS: Record<"abrir" | "cancelar", { from: HearingStatus[]; to: HearingStatus; refused: string }> = {
  abrir: { from: ["programada"], to: "en_curso", refused: "Solo una audiencia programada se puede abrir." },
  cancelar: { from: ["programada", "en_curso"], to: "cancelada", refused: "Una audiencia concluida o ya cancelada no se puede cancelar." },
};

/** Open the session (turns can be called) or cancel it (its waiting turns are cancelled with it). */
export async function changeHearingStatus(trx: Executor, hearing: HearingRef, action: "abrir" | "cancelar", actor: Actor, now = new Date()): Promise<void> {
  const rule = TRANSITIONS[action];
  const current = await lockHearing(trx, hearing);
  if (!rule.from.includes(current.status)) throw ChannelInputError.single("general", rule.refused, 409);
  await trx.updateTable("hearings").set({ status: rule.to, updated_at: now }).where("municipality_id", "=", hearing.municipalityId).where("id", "=", hearing.id).execute();
  if (rule.to === "cancelada") {
    await trx
      .updateTable("hearing_turns")
      .set({ status: "cancelado" })
      .where("municipality_id", "=", hearing.municipalityId)
      .where("hearing_id", "=", hearing.id)
      .where("status", "in", ["en_espera", "llamado"])
      .execute();
  }
  await recordAudit(trx, { actor, municipalityId: hearing.municipalityId, action: `hearings.${action}`, subjectType: "hearing", subjectId: hearing.id, details: { from: current.status, to: rule.to } });
  await announceHearing(trx, hearing, "status");
}

/**
 * Conclude the session with its public summary and commitments (or correct them once concluded).
 * Turns still waiting are marked ausente; the one being heard, atendido.
 */
export async function closeHearing(trx: Executor, hearing: HearingRef, input: { summary: string; commitments: string }, actor: Actor, now = new Date()): Promise<void> {
  const current = await lockHearing(trx, hearing);
  if (current.status === "cancelada") throw ChannelInputError.single("general", "Una audiencia cancelada no tiene resumen.", 409);
  if (current.status === "programada") throw ChannelInputError.single("general", "Abra la audiencia antes de concluirla.", 409);
  const c = new HearingChecker();
  const summary = c.text("summary", input.summary, { label: "el resumen", min: 10, max: 8000 });
  const commitments = c.lines("commitments", input.commitments, { label: "los compromisos", maxItems: MAX_COMMITMENTS, min: 5, max: 500 });
  c.done();
  const closing = current.status !== "concluida";
  if (closing) {
    const turns = trx.updateTable("hearing_turns").where("municipality_id", "=", hearing.municipalityId).where("hearing_id", "=", hearing.id);
    await turns.set({ status: "atendido", attended_at: now }).where("status", "=", "llamado").execute();
    await turns.set({ status: "ausente" }).where("status", "=", "en_espera").execute();
  }
  await trx
    .updateTable("hearings")
    .set({ status: "concluida", summary, commitments: JSON.stringify(commitments), updated_at: now, ...(closing ? { closed_at: now } : {}) })
    .where("municipality_id", "=", hearing.municipalityId)
    .where("id", "=", hearing.id)
    .execute();
  await recordAudit(trx, {
    actor,
    municipalityId: hearing.municipalityId,
    action: closing ? "hearings.close" : "hearings.summary",
    subjectType: "hearing",
    subjectId: hearing.id,
    details: { from: current.status, summaryLength: summary.length, commitments: commitments.length },
  });
  await announceHearing(trx, hearing, "status");
}
