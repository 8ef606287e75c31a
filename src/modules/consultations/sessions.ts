/**
 * In-person sessions of a process: place, date, colonia, attendance by sector and by sex
 * (aggregated counts, never names), minutes and photos. Photos go through the requests module's
 * pipeline (type read from the bytes, re-encoded, every EXIF/GPS block dropped).
 */
import crypto from "node:crypto";
import type { Db } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { isLocalDate } from "../../platform/calendar/dates.js";
import { ParticipationInputError } from "../participation/errors.js";
import type { ProcessView } from "../participation/processes.js";
import { findColoniaBySlug } from "../territory/queries.js";
import { processPhoto } from "../requests/photos.js";
import { ATTENDANCE_SECTORS, ATTENDANCE_SEXES, type AttendanceSector, type AttendanceSex } from "./tables.js";

export const MAX_SESSION_PHOTOS = 12;

/** The session form as typed (strings), so the page can show it again. */
export interface SessionForm {
  title: string;
  place: string;
  heldOn: string;
  colonia: string;
  minutes: string;
  attendance: Record<AttendanceSector | AttendanceSex, string>;
}

export const EMPTY_SESSION: SessionForm = {
  title: "",
  place: "",
  heldOn: "",
  colonia: "",
  minutes: "",
  attendance: Object.fromEntries([...ATTENDANCE_SECTORS, ...ATTENDANCE_SEXES].map((k) => [k, "0"])) as SessionForm["attendance"],
};

export function sessionFormFrom(body: unknown): SessionForm {
  const b = (body ?? {}) as Record<string, unknown>;
  const s = (k: string, max: number) => (typeof b[k] === "string" ? (b[k] as string).slice(0, max) : "");
  return {
    title: s("title", 300),
    place: s("place", 400),
    heldOn: s("heldOn", 20).trim(),
    colonia: s("colonia", 130).trim(),
    minutes: s("minutes", 60000),
    attendance: Object.fromEntries([...ATTENDANCE_SECTORS, ...ATTENDANCE_SEXES].map((k) => [k, s(`attendance_${k}`, 10).trim() || "0"])) as SessionForm["attendance"],
  };
}

async function checkSession(db: Db, municipalityId: number, form: SessionForm) {
  const errors: { field: string; message: string }[] = [];
  const title = form.title.trim();
  const place = form.place.trim();
  const minutes = form.minutes.replace(/\r\n/g, "\n").trim();
  if (title.length < 3 || title.length > 200) errors.push({ field: "title", message: "El nombre de la sesión debe tener entre 3 y 200 caracteres." });
  if (place.length < 3 || place.length > 300) errors.push({ field: "place", message: "El lugar debe tener entre 3 y 300 caracteres." });
  if (!isLocalDate(form.heldOn)) errors.push({ field: "heldOn", message: "Escriba la fecha de la sesión como AAAA-MM-DD." });
  if (minutes.length > 50000) errors.push({ field: "minutes", message: "La minuta debe tener como máximo 50 000 caracteres." });
  let coloniaId: number | null = null;
  if (form.colonia) {
    const colonia = await findColoniaBySlug(db, municipalityId, form.colonia);
    if (!colonia) errors.push({ field: "colonia", message: "Elija una colonia del municipio." });
    else coloniaId = colonia.id;
  }
  const counts = {} as Record<AttendanceSector | AttendanceSex, number>;
  for (const k of [...ATTENDANCE_SECTORS, ...ATTENDANCE_SEXES]) {
    const v = form.attendance[k];
    if (!/^\d{1,6}$/.test(v) || Number(v) > 100000) errors.push({ field: `attendance_${k}`, message: "Escriba un número entero de personas (0 o más)." });
    else counts[k] = Number(v);
  }
  if (errors.length === 0) {
    const bySector = ATTENDANCE_SECTORS.reduce((a, k) => a + counts[k], 0);
    const bySex = ATTENDANCE_SEXES.reduce((a, k) => a + counts[k], 0);
    if (bySex > 0 && bySex !== bySector) {
      errors.push({ field: "attendance_women", message: `La asistencia por sexo suma ${bySex} y por sector ${bySector}: deben coincidir (o deje en 0 la asistencia por sexo).` });
    }
  }
  if (errors.length) throw new ParticipationInputError(errors);
  return {
    title, place, held_on: form.heldOn, colonia_id: coloniaId, minutes,
    attendance_gobierno: counts.gobierno, attendance_sociedad_civil: counts.sociedad_civil, attendance_empresarial: counts.empresarial,
    attendance_academia: counts.academia, attendance_ciudadania: counts.ciudadania,
    attendance_women: counts.women, attendance_men: counts.men, attendance_other: counts.other,
  };
}

export async function createSession(db: Db, process: ProcessView, actor: Actor, form: SessionForm): Promise<number> {
  const values = await checkSession(db, process.municipalityId, form);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("consultation_sessions")
      .values({ municipality_id: process.municipalityId, process_id: process.id, ...values, created_by: actor.kind === "user" ? actor.userId : null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, municipalityId: process.municipalityId, action: "consultation.session.create", subjectType: "consultation_session", subjectId: row.id, details: { process: process.slug, title: values.title, heldOn: values.held_on } });
    return row.id;
  });
}

export async function updateSession(db: Db, process: ProcessView, sessionId: number, actor: Actor, form: SessionForm): Promise<void> {
  const values = await checkSession(db, process.municipalityId, form);
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("consultation_sessions")
      .set({ ...values, updated_at: new Date() })
      .where("municipality_id", "=", process.municipalityId)
      .where("process_id", "=", process.id)
      .where("id", "=", sessionId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw ParticipationInputError.single("session", "La sesión no existe.", 404);
    await recordAudit(trx, { actor, municipalityId: process.municipalityId, action: "consultation.session.update", subjectType: "consultation_session", subjectId: sessionId, details: { title: values.title, heldOn: values.held_on } });
  });
}

/** Add a photo (cleaned of EXIF) with the description that is its alternative text. */
export async function addSessionPhoto(services: Services, municipalityId: number, sessionId: number, actor: Actor, file: Buffer, description: string): Promise<number> {
  const { db, storage } = services;
  const text = description.trim();
  if (text.length < 3 || text.length > 300) throw ParticipationInputError.single("description", "Describa la foto en 3 a 300 caracteres (es el texto alternativo para quien no la ve).");
  const photo = await processPhoto(file, "photo").catch((error: { errors?: { message: string }[]; message: string }) => {
    throw ParticipationInputError.single("photo", error.errors?.[0]?.message ?? error.message);
  });
  const base = `consultations/${municipalityId}/${crypto.randomUUID()}`;
  await storage.put(`${base}.jpg`, photo.image);
  await storage.put(`${base}-min.jpg`, photo.thumbnail);
  try {
    return await db.transaction().execute(async (trx) => {
      const session = await trx.selectFrom("consultation_sessions").select("id").where("municipality_id", "=", municipalityId).where("id", "=", sessionId).forUpdate().executeTakeFirst();
      if (!session) throw ParticipationInputError.single("session", "La sesión no existe.", 404);
      const n = await trx.selectFrom("consultation_session_photos").select((eb) => eb.fn.countAll<string>().as("n")).where("municipality_id", "=", municipalityId).where("session_id", "=", sessionId).executeTakeFirstOrThrow();
      if (Number(n.n) >= MAX_SESSION_PHOTOS) throw ParticipationInputError.single("photo", `Una sesión admite hasta ${MAX_SESSION_PHOTOS} fotos.`);
      const row = await trx
        .insertInto("consultation_session_photos")
        .values({ municipality_id: municipalityId, session_id: sessionId, storage_key: `${base}.jpg`, thumbnail_key: `${base}-min.jpg`, description: text, width: photo.width, height: photo.height, bytes: photo.image.length })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actor, municipalityId, action: "consultation.session.photo", subjectType: "consultation_session", subjectId: sessionId, details: { photo: row.id, bytes: photo.image.length } });
      return row.id;
    });
  } catch (error) {
    await storage.delete(`${base}.jpg`);
    await storage.delete(`${base}-min.jpg`);
    throw error;
  }
}
