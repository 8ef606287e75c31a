/**
 * Files attached to information requests and the turned departments' contributions to the
 * answer. Each upload is one transaction with its history row and audit entry; files reach the
 * storage only after every row is written, and are removed again if the transaction fails, so a
 * refused or failed upload leaves neither a row nor a file behind.
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import type { Db, Trx } from "../../platform/db/database.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/policy.js";
import type { Storage } from "../../platform/storage.js";
import { localDateTimeAt } from "../../platform/calendar/dates.js";
import { InfoRequestError } from "./info-service.js";
import { loadRequestRow, type RequestRow } from "./info-queries.js";
import { ANSWERED_STATUSES, OPEN_STATUSES } from "./info-tables.js";
import { countAttachments, findAttachment } from "./info-attachments-queries.js";
import type { AttachmentType } from "./info-attachments-tables.js";
import {
  ACCEPTED_TYPES_LABEL, cleanFileName, detectAttachmentType, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_REQUEST, MAX_FILES_PER_UPLOAD, sha256,
} from "./info-attachments-files.js";

/** A file as it arrived: its bytes and, when the browser sent it, its name. */
export interface Upload {
  data: Buffer;
  name: string | null;
}

/** A file whose type was read from its bytes. */
export interface CheckedUpload {
  data: Buffer;
  type: AttachmentType;
  name: string | null;
  sha256: string;
}

const fail = (message: string, field = "file"): never => {
  throw new InfoRequestError(message, field);
};

/** Checks every file before anything is written; the first bad one refuses the whole submission. */
export function checkUploads(files: Upload[], required: boolean): CheckedUpload[] {
  if (files.length === 0 && required) fail("Elija al menos un archivo.");
  if (files.length > MAX_FILES_PER_UPLOAD) fail(`Puede adjuntar hasta ${MAX_FILES_PER_UPLOAD} archivos a la vez.`);
  return files.map((f, i) => {
    const which = f.name ? `«${f.name.slice(0, 120)}»` : files.length > 1 ? `número ${i + 1}` : "";
    const label = which ? `El archivo ${which}` : "El archivo";
    if (f.data.length === 0) fail(`${label} está vacío.`);
    if (f.data.length > MAX_ATTACHMENT_BYTES) fail(`${label} pesa más de 10 MB, el máximo permitido.`);
    const type = detectAttachmentType(f.data);
    if (!type) fail(`${label} no es de un tipo permitido: solo se aceptan ${ACCEPTED_TYPES_LABEL} (se revisa el contenido del archivo, no su nombre).`);
    return { data: f.data, type: type!, name: f.name, sha256: sha256(f.data) };
  });
}

type Put = (key: string, data: Buffer) => Promise<void>;

/**
 * Runs `work`, giving it a way to store files; if `work` fails (a refused step, a failed
 * commit), the files it stored are deleted again.
 */
export async function withStoredFiles<T>(storage: Storage | undefined, work: (put: Put) => Promise<T>): Promise<T> {
  const written: string[] = [];
  try {
    return await work(async (key, data) => {
      if (!storage) throw new Error("Se intentó guardar un archivo sin almacenamiento");
      written.push(key);
      await storage.put(key, data);
    });
  } catch (error) {
    if (storage) await Promise.allSettled(written.map((key) => storage.delete(key)));
    throw error;
  }
}

export interface AttachTarget {
  request: Pick<RequestRow, "municipality_id" | "id" | "folio">;
  eventId: number;
  departmentId: number | null;
  publicVersion: boolean;
  actor: Actor;
}

export interface StoredAttachment {
  id: number;
  fileName: string;
  fileType: AttachmentType;
  byteSize: number;
  sha256: string;
}

/**
 * Inserts the attachment rows of one history event and then stores their files (last: a failed
 * insert leaves no file). Runs inside the caller's transaction.
 */
export async function storeAttachments(trx: Trx, put: Put, target: AttachTarget, files: CheckedUpload[]): Promise<StoredAttachment[]> {
  if (files.length === 0) return [];
  const { municipality_id: municipalityId, id: requestId, folio } = target.request;
  const existing = await countAttachments(trx, municipalityId, requestId);
  if (existing + files.length > MAX_ATTACHMENTS_PER_REQUEST) fail(`Una solicitud admite hasta ${MAX_ATTACHMENTS_PER_REQUEST} anexos; ya tiene ${existing}.`);
  const rows = files.map((f, i) => ({
    municipality_id: municipalityId,
    request_id: requestId,
    event_id: target.eventId,
    department_id: target.departmentId,
    file_key: `transparency/requests/${municipalityId}/${requestId}/${crypto.randomUUID()}.${f.type === "jpeg" ? "jpg" : f.type}`,
    file_name: cleanFileName(f.name, f.type, `${folio}-anexo-${existing + i + 1}`),
    file_type: f.type,
    byte_size: f.data.length,
    sha256: f.sha256,
    public_version: target.departmentId === null && target.publicVersion,
    uploaded_by: target.actor.kind === "user" ? target.actor.userId : null,
  }));
  const ids = await trx.insertInto("information_request_attachments").values(rows).returning("id").execute();
  for (const [i, row] of rows.entries()) await put(row.file_key, files[i]!.data);
  return rows.map((r, i) => ({ id: Number(ids[i]!.id), fileName: r.file_name, fileType: r.file_type, byteSize: r.byte_size, sha256: r.sha256 }));
}

export interface Municipality {
  id: number;
  timeZone: string;
}

async function lockedRequest(trx: Trx, municipalityId: number, folio: string): Promise<RequestRow> {
  await sql`select 1 from information_requests where municipality_id = ${municipalityId} and folio = ${folio} for update`.execute(trx);
  const r = await loadRequestRow(trx, municipalityId, folio);
  if (!r) fail("La solicitud no existe.", "file");
  return r!;
}

async function historyRow(trx: Trx, r: RequestRow, actor: Actor, step: string, legalDate: string, note: string | null, isPublic: boolean): Promise<number> {
  const row = await trx
    .insertInto("information_request_events")
    .values({ municipality_id: r.municipality_id, request_id: r.id, step, status: r.status, legal_date: legalDate, note, public: isPublic, actor_user_id: actor.kind === "user" ? actor.userId : null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const fileDetails = (stored: StoredAttachment[]) => stored.map((s) => ({ id: s.id, name: s.fileName, type: s.fileType, bytes: s.byteSize, sha256: s.sha256 }));

/**
 * The transparency unit attaches files to a request on their own (not with a step). The history
 * row is public only when an answered information request receives a versión pública.
 */
export async function addAttachments(db: Db, storage: Storage, m: Municipality, actor: Actor, folio: string, input: { files: CheckedUpload[]; publicVersion: boolean }): Promise<StoredAttachment[]> {
  if (input.files.length === 0) fail("Elija al menos un archivo.");
  return withStoredFiles(storage, (put) =>
    db.transaction().execute(async (trx) => {
      const r = await lockedRequest(trx, m.id, folio);
      const publicVersion = input.publicVersion && r.kind === "information";
      const isPublic = publicVersion && ANSWERED_STATUSES.includes(r.status);
      // The history lists the files through their event_id, each audience seeing only what it may.
      const eventId = await historyRow(trx, r, actor, "attachment", localDateTimeAt(new Date(), m.timeZone).date, null, isPublic);
      const stored = await storeAttachments(trx, put, { request: r, eventId, departmentId: null, publicVersion, actor }, input.files);
      await recordAudit(trx, {
        actor, municipalityId: m.id, action: "transparency.request.attach", subjectType: "information_request", subjectId: folio, details: { publicVersion, files: fileDetails(stored) },
      });
      return stored;
    }),
  );
}

/**
 * A turned department records (or rewrites) its part of the answer, with files. Closed once the
 * request is concluded. Never public: the unit decides what of it reaches the answer.
 */
export async function saveContribution(db: Db, storage: Storage, m: Municipality, actor: Actor, folio: string, departmentId: number, input: { text: string; files: CheckedUpload[] }): Promise<{ updated: boolean }> {
  const text = input.text.trim();
  return withStoredFiles(storage, (put) =>
    db.transaction().execute(async (trx) => {
      const r = await lockedRequest(trx, m.id, folio);
      if (!OPEN_STATUSES.includes(r.status) && r.status !== "prevenida") fail("La solicitud ya fue concluida: las aportaciones de las áreas están cerradas.", "contribution");
      const turn = await trx
        .selectFrom("information_request_turns as t")
        .innerJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "t.municipality_id").onRef("d.id", "=", "t.department_id"))
        .select("d.name")
        .where("t.municipality_id", "=", m.id)
        .where("t.request_id", "=", r.id)
        .where("t.department_id", "=", departmentId)
        .executeTakeFirst();
      if (!turn) fail("La solicitud no fue turnada a esta área.", "department");
      if (text.length === 0) fail("Escriba la aportación del área.", "contribution");
      if (text.length > 10000) fail("La aportación no puede exceder 10000 caracteres.", "contribution");
      const previous = await trx
        .selectFrom("information_request_contributions")
        .select("body")
        .where("municipality_id", "=", m.id)
        .where("request_id", "=", r.id)
        .where("department_id", "=", departmentId)
        .executeTakeFirst();
      const userId = actor.kind === "user" ? actor.userId : null;
      await trx
        .insertInto("information_request_contributions")
        .values({ municipality_id: m.id, request_id: r.id, department_id: departmentId, body: text, contributed_by: userId })
        .onConflict((oc) => oc.columns(["municipality_id", "request_id", "department_id"]).doUpdateSet({ body: text, contributed_by: userId, updated_at: sql`now()` }))
        .execute();
      const eventId = await historyRow(trx, r, actor, "contribution", localDateTimeAt(new Date(), m.timeZone).date, turn!.name, false);
      const stored = await storeAttachments(trx, put, { request: r, eventId, departmentId, publicVersion: false, actor }, input.files);
      await recordAudit(trx, {
        actor, municipalityId: m.id, action: "transparency.request.contribute", subjectType: "information_request", subjectId: folio,
        details: { departmentId, updated: previous !== undefined, changedText: previous?.body !== text, files: fileDetails(stored) },
      });
      return { updated: previous !== undefined };
    }),
  );
}

/**
 * The unit delivers a department's file as a versión pública of its own: a copy attached by the
 * unit (the department's file stays internal), public once the information request is answered.
 */
export async function adoptDepartmentFile(db: Db, storage: Storage, m: Municipality, actor: Actor, folio: string, attachmentId: number): Promise<StoredAttachment> {
  return withStoredFiles(storage, (put) =>
    db.transaction().execute(async (trx) => {
      const r = await lockedRequest(trx, m.id, folio);
      if (r.kind !== "information") fail("Los anexos de una solicitud ARCO nunca se publican.");
      const source = await findAttachment(trx, m.id, r.id, attachmentId);
      if (!source || source.departmentId === null) fail("Solo los archivos de las áreas pueden entregarse como versión pública desde aquí.");
      const data = await storage.get(source!.fileKey);
      if (!data) fail("El archivo del área ya no está disponible.");
      const already = await trx
        .selectFrom("information_request_attachments")
        .select("id")
        .where("municipality_id", "=", m.id)
        .where("request_id", "=", r.id)
        .where("department_id", "is", null)
        .where("public_version", "=", true)
        .where("sha256", "=", source!.sha256)
        .executeTakeFirst();
      if (already) fail(`«${source!.fileName}» ya se entregó como versión pública.`);
      const eventId = await historyRow(trx, r, actor, "attachment", localDateTimeAt(new Date(), m.timeZone).date, null, ANSWERED_STATUSES.includes(r.status));
      const file: CheckedUpload = { data: data!, type: source!.fileType, name: source!.fileName, sha256: source!.sha256 };
      const [stored] = await storeAttachments(trx, put, { request: r, eventId, departmentId: null, publicVersion: true, actor }, [file]);
      await recordAudit(trx, {
        actor, municipalityId: m.id, action: "transparency.request.attach", subjectType: "information_request", subjectId: folio,
        details: { publicVersion: true, fromAttachment: source!.id, departmentId: source!.departmentId, files: fileDetails([stored!]) },
      });
      return stored!;
    }),
  );
}
