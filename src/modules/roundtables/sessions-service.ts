/**
 * Operations on roundtable sessions: schedule and edit (date, time, place or online link, ordered
 * agenda), attendance of member organisations, minutes (draft → published) and files. Each one
 * transaction, audited.
 */
import crypto from "node:crypto";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import { instantAtLocal } from "../../platform/calendar/dates.js";
import type { Actor } from "../../platform/policy.js";
import type { Storage } from "../../platform/storage.js";
import { processPhoto } from "../requests/photos.js";
import { Checker, RoundtableInputError } from "./inputs.js";
import { detectSessionFileType, MAX_SESSION_FILE_BYTES } from "./files.js";
import type { RoundtableRef } from "./roundtables-service.js";

export const MAX_AGENDA_ITEMS = 30;

export interface SessionRef {
  municipalityId: number;
  roundtableId: number;
  id: number;
}

export interface SessionInput {
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  onlineUrl: string;
  /** One agenda item per line, in order. */
  agenda: string;
  cancelled?: boolean;
}

const userId = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

function checkSession(input: SessionInput, timeZone: string) {
  const c = new Checker();
  const title = c.text("title", input.title, { label: "el título", max: 200 });
  const date = c.date("date", input.date, { label: "la fecha", required: true });
  const start = c.time("startTime", input.startTime, "la hora de inicio");
  const end = c.time("endTime", input.endTime, "la hora de término");
  const place = c.text("place", input.place, { label: "el lugar", max: 300 });
  const onlineUrl = c.url("onlineUrl", input.onlineUrl, "la liga de la sesión en línea");
  if (place === "" && onlineUrl === null && !c.errors.some((e) => e.field === "onlineUrl")) c.fail("place", "Escriba el lugar de la sesión o la liga para conectarse en línea.");
  const agenda = input.agenda
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/^\s*(\d+[.)]|[-*•])\s*/, "").trim())
    .filter(Boolean);
  if (agenda.length > MAX_AGENDA_ITEMS) c.fail("agenda", `El orden del día admite hasta ${MAX_AGENDA_ITEMS} puntos.`);
  const long = agenda.find((a) => a.length > 300 || a.length < 2);
  if (long) c.fail("agenda", `Cada punto del orden del día debe tener de 2 a 300 caracteres («${long.slice(0, 40)}…»).`);
  let startsAt: Date | null = null;
  let endsAt: Date | null = null;
  if (date && start && end) {
    startsAt = instantAtLocal(date, { ...start, second: 0 }, timeZone);
    endsAt = instantAtLocal(date, { ...end, second: 0 }, timeZone);
    if (endsAt <= startsAt) c.fail("endTime", "La hora de término debe ser posterior a la de inicio.");
  }
  c.done();
  return { title, startsAt: startsAt!, endsAt: endsAt!, place, onlineUrl, agenda };
}

async function writeAgenda(trx: Executor, session: SessionRef, agenda: string[]): Promise<void> {
  await trx.deleteFrom("roundtable_agenda_items").where("municipality_id", "=", session.municipalityId).where("session_id", "=", session.id).execute();
  if (agenda.length) {
    await trx
      .insertInto("roundtable_agenda_items")
      .values(agenda.map((title, i) => ({ municipality_id: session.municipalityId, session_id: session.id, position: i + 1, title })))
      .execute();
  }
}

export async function createSession(trx: Executor, roundtable: RoundtableRef, timeZone: string, input: SessionInput, actor: Actor): Promise<SessionRef> {
  const v = checkSession(input, timeZone);
  const row = await trx
    .insertInto("roundtable_sessions")
    .values({ municipality_id: roundtable.municipalityId, roundtable_id: roundtable.id, title: v.title, starts_at: v.startsAt, ends_at: v.endsAt, place: v.place, online_url: v.onlineUrl })
    .returning("id")
    .executeTakeFirstOrThrow();
  const session = { municipalityId: roundtable.municipalityId, roundtableId: roundtable.id, id: row.id };
  await writeAgenda(trx, session, v.agenda);
  await recordAudit(trx, {
    actor,
    municipalityId: roundtable.municipalityId,
    action: "roundtables.session.create",
    subjectType: "roundtable_session",
    subjectId: row.id,
    details: { roundtableId: roundtable.id, startsAt: v.startsAt.toISOString(), place: v.place, onlineUrl: v.onlineUrl, agendaItems: v.agenda.length },
  });
  return session;
}

export async function updateSession(trx: Executor, session: SessionRef, timeZone: string, input: SessionInput, actor: Actor): Promise<void> {
  const v = checkSession(input, timeZone);
  await trx
    .updateTable("roundtable_sessions")
    .set({ title: v.title, starts_at: v.startsAt, ends_at: v.endsAt, place: v.place, online_url: v.onlineUrl, cancelled: input.cancelled ?? false, updated_at: new Date() })
    .where("municipality_id", "=", session.municipalityId)
    .where("id", "=", session.id)
    .execute();
  await writeAgenda(trx, session, v.agenda);
  await recordAudit(trx, {
    actor,
    municipalityId: session.municipalityId,
    action: "roundtables.session.update",
    subjectType: "roundtable_session",
    subjectId: session.id,
    details: { startsAt: v.startsAt.toISOString(), place: v.place, onlineUrl: v.onlineUrl, cancelled: input.cancelled ?? false, agendaItems: v.agenda.length },
  });
}

/** The organisations present: exactly `memberIds` (each must belong to the session's roundtable). */
export async function setAttendance(trx: Executor, session: SessionRef, memberIds: number[], actor: Actor): Promise<void> {
  const unique = [...new Set(memberIds)];
  if (unique.length) {
    const found = await trx
      .selectFrom("roundtable_members")
      .select("id")
      .where("municipality_id", "=", session.municipalityId)
      .where("roundtable_id", "=", session.roundtableId)
      .where("id", "in", unique)
      .execute();
    if (found.length !== unique.length) throw RoundtableInputError.single("attendance", "Alguna organización marcada no es integrante de esta mesa.");
  }
  await trx.deleteFrom("roundtable_attendance").where("municipality_id", "=", session.municipalityId).where("session_id", "=", session.id).execute();
  if (unique.length) {
    await trx
      .insertInto("roundtable_attendance")
      .values(unique.map((member_id) => ({ municipality_id: session.municipalityId, session_id: session.id, member_id })))
      .execute();
  }
  await recordAudit(trx, { actor, municipalityId: session.municipalityId, action: "roundtables.session.attendance", subjectType: "roundtable_session", subjectId: session.id, details: { memberIds: unique } });
}

/** Saves the minutes; `publish` makes them public (false keeps or turns them back into a draft). */
export async function saveMinutes(trx: Executor, session: SessionRef, minutes: string, publish: boolean, actor: Actor): Promise<void> {
  const c = new Checker();
  const text = c.text("minutes", minutes, { label: "el acta", max: 50000 });
  if (publish && text === "") c.fail("minutes", "Escriba el acta antes de publicarla.");
  c.done();
  const current = await trx.selectFrom("roundtable_sessions").select("minutes_published_at").where("municipality_id", "=", session.municipalityId).where("id", "=", session.id).executeTakeFirstOrThrow();
  await trx
    .updateTable("roundtable_sessions")
    .set({ minutes: text, minutes_published_at: publish ? (current.minutes_published_at ?? new Date()) : null, updated_at: new Date() })
    .where("municipality_id", "=", session.municipalityId)
    .where("id", "=", session.id)
    .execute();
  await recordAudit(trx, { actor, municipalityId: session.municipalityId, action: publish ? "roundtables.minutes.publish" : "roundtables.minutes.draft", subjectType: "roundtable_session", subjectId: session.id, details: { length: text.length } });
}

/**
 * Adds a document or photo. The type is read from the bytes; photos are re-encoded as JPEG
 * (dropping EXIF/GPS metadata) with a thumbnail. Files are written last, after the rows.
 */
export async function addSessionFile(trx: Executor, storage: Storage, session: SessionRef, input: { title: string; data: Buffer | null }, actor: Actor): Promise<number> {
  const c = new Checker();
  const title = c.text("title", input.title, { label: "el título del archivo", min: 2, max: 200 });
  const data = input.data && input.data.length > 0 ? input.data : null;
  if (!data) c.fail("file", "Elija el archivo que quiere subir.");
  else if (data.length > MAX_SESSION_FILE_BYTES) c.fail("file", `El archivo pesa más de ${MAX_SESSION_FILE_BYTES / 1024 / 1024} MB.`);
  const detected = data && data.length <= MAX_SESSION_FILE_BYTES ? detectSessionFileType(data) : null;
  if (data && data.length <= MAX_SESSION_FILE_BYTES && !detected) c.fail("file", "Tipo de archivo no permitido: se aceptan PDF, Word (DOCX), OpenDocument (ODT), Excel (XLSX), CSV o fotos JPEG/PNG (se revisa el contenido, no el nombre).");
  c.done();
  let bytes = data!;
  let thumbnail: Buffer | null = null;
  let fileType = detected!;
  if (fileType === "jpeg" || fileType === "png") {
    try {
      const photo = await processPhoto(bytes, "file");
      bytes = photo.image;
      thumbnail = photo.thumbnail;
      fileType = "jpeg";
    } catch (error) {
      const message = error instanceof Error ? error.message : "No se pudo leer la foto.";
      throw RoundtableInputError.single("file", message);
    }
  }
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const row = await trx
    .insertInto("roundtable_session_files")
    .values({ municipality_id: session.municipalityId, session_id: session.id, title, file_key: "pendiente", file_type: fileType, file_bytes: bytes.length, sha256, uploaded_by: userId(actor) })
    .returning("id")
    .executeTakeFirstOrThrow();
  const base = `roundtables/${session.municipalityId}/${session.id}/${row.id}`;
  const fileKey = `${base}.${fileType}`;
  const thumbnailKey = thumbnail ? `${base}-miniatura.jpeg` : null;
  await trx.updateTable("roundtable_session_files").set({ file_key: fileKey, thumbnail_key: thumbnailKey }).where("municipality_id", "=", session.municipalityId).where("id", "=", row.id).execute();
  await recordAudit(trx, { actor, municipalityId: session.municipalityId, action: "roundtables.session.file.add", subjectType: "roundtable_session", subjectId: session.id, details: { fileId: row.id, title, fileType, bytes: bytes.length, sha256 } });
  await storage.put(fileKey, bytes);
  if (thumbnail && thumbnailKey) await storage.put(thumbnailKey, thumbnail);
  return row.id;
}

/** Removes a file's row; returns the storage keys to delete once the transaction has committed. */
export async function removeSessionFile(trx: Executor, session: SessionRef, fileId: number, actor: Actor): Promise<string[]> {
  const row = await trx
    .deleteFrom("roundtable_session_files")
    .where("municipality_id", "=", session.municipalityId)
    .where("session_id", "=", session.id)
    .where("id", "=", fileId)
    .returning(["file_key", "thumbnail_key", "title", "sha256"])
    .executeTakeFirst();
  if (!row) throw RoundtableInputError.single("file", "El archivo no existe.", 404);
  await recordAudit(trx, { actor, municipalityId: session.municipalityId, action: "roundtables.session.file.remove", subjectType: "roundtable_session", subjectId: session.id, details: { fileId, title: row.title, sha256: row.sha256 } });
  return [row.file_key, ...(row.thumbnail_key ? [row.thumbnail_key] : [])];
}
