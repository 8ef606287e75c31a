/** The people behind a process (government and civil society) and its document repository. */
import crypto from "node:crypto";
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Db, Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import type { Storage } from "../../platform/storage.js";
import { ParticipationInputError } from "./errors.js";
import { SECTORS, type DocumentType, type Sector } from "./tables.js";
import { detectDocumentType, DOCUMENT_CONTENT_TYPES, MAX_DOCUMENT_BYTES } from "../../platform/documents.js";

export const SECTOR_LABELS: Record<Sector, string> = {
  gobierno: "Gobierno municipal",
  sociedad_civil: "Sociedad civil organizada",
  empresarial: "Sector empresarial",
  academia: "Academia",
  ciudadania: "Ciudadanía",
};

export interface MemberView {
  id: number;
  name: string;
  organisation: string;
  sector: Sector;
  role: string;
  position: number;
}

export interface MemberInput {
  name: string;
  organisation?: string;
  sector: string;
  role?: string;
}

const clean = (v: unknown) => (typeof v === "string" ? v.replace(/\s+/g, " ").trim() : "");

function checkMember(input: MemberInput): { name: string; organisation: string; sector: Sector; role: string } {
  const errors: { field: string; message: string }[] = [];
  const name = clean(input.name);
  const organisation = clean(input.organisation);
  const role = clean(input.role);
  if (name.length < 2 || name.length > 160) errors.push({ field: "name", message: "El nombre debe tener entre 2 y 160 caracteres." });
  if (organisation.length > 200) errors.push({ field: "organisation", message: "La organización admite hasta 200 caracteres." });
  if (role.length > 160) errors.push({ field: "role", message: "El cargo o papel admite hasta 160 caracteres." });
  if (!(SECTORS as readonly string[]).includes(input.sector)) errors.push({ field: "sector", message: "Elija el sector." });
  if (errors.length) throw new ParticipationInputError(errors);
  return { name, organisation, sector: input.sector as Sector, role };
}

export async function listMembers(db: Executor, municipalityId: number, processId: number): Promise<MemberView[]> {
  return db
    .selectFrom("process_members")
    .select(["id", "name", "organisation", "sector", "role", "position"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

async function assertProcess(trx: Executor, municipalityId: number, processId: number): Promise<void> {
  const row = await trx.selectFrom("participatory_processes").select("id").where("municipality_id", "=", municipalityId).where("id", "=", processId).forUpdate().executeTakeFirst();
  if (!row) throw new HttpProblem(404, "El proceso no existe.");
}

export const MAX_MEMBERS = 200;

export async function addMember(db: Db, municipalityId: number, actor: Actor, processId: number, input: MemberInput): Promise<number> {
  const member = checkMember(input);
  return db.transaction().execute(async (trx) => {
    await assertProcess(trx, municipalityId, processId);
    const { n, last } = await trx
      .selectFrom("process_members")
      .select([(eb) => eb.fn.countAll<string>().as("n"), (eb) => eb.fn.max("position").as("last")])
      .where("municipality_id", "=", municipalityId)
      .where("process_id", "=", processId)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_MEMBERS) throw ParticipationInputError.single("name", `Un proceso tiene como máximo ${MAX_MEMBERS} integrantes.`);
    const { id } = await trx
      .insertInto("process_members")
      .values({ municipality_id: municipalityId, process_id: processId, ...member, position: Number(last ?? 0) + 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, municipalityId, action: "participation.member.add", subjectType: "process_member", subjectId: id, details: { processId, ...member } });
    return id;
  });
}

export async function updateMember(db: Db, municipalityId: number, actor: Actor, processId: number, memberId: number, input: MemberInput): Promise<void> {
  const member = checkMember(input);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("process_members").select(["name", "organisation", "sector", "role"]).where("municipality_id", "=", municipalityId).where("process_id", "=", processId).where("id", "=", memberId).forUpdate().executeTakeFirst();
    if (!before) throw new HttpProblem(404, "La persona integrante no existe.");
    await trx.updateTable("process_members").set(member).where("municipality_id", "=", municipalityId).where("id", "=", memberId).execute();
    await recordAudit(trx, { actor, municipalityId, action: "participation.member.update", subjectType: "process_member", subjectId: memberId, details: { processId, from: before, to: member } });
  });
}

export async function removeMember(db: Db, municipalityId: number, actor: Actor, processId: number, memberId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom("process_members").where("municipality_id", "=", municipalityId).where("process_id", "=", processId).where("id", "=", memberId).returning(["name", "sector"]).executeTakeFirst();
    if (!gone) throw new HttpProblem(404, "La persona integrante no existe.");
    await recordAudit(trx, { actor, municipalityId, action: "participation.member.remove", subjectType: "process_member", subjectId: memberId, details: { processId, ...gone } });
  });
}

// ——— Documents ———

// Type checks, limits and content types are the platform's (src/platform/documents.ts).
export { detectDocumentType, DOCUMENT_CONTENT_TYPES, MAX_DOCUMENT_BYTES };

export interface DocumentView {
  id: number;
  title: string;
  fileName: string;
  fileType: DocumentType;
  fileBytes: number;
  uploadedAt: Date;
}

export async function listDocuments(db: Executor, municipalityId: number, processId: number): Promise<DocumentView[]> {
  const rows = await db
    .selectFrom("process_documents")
    .select(["id", "title", "file_name", "file_type", "file_bytes", "uploaded_at"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .orderBy("uploaded_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, fileName: r.file_name, fileType: r.file_type, fileBytes: r.file_bytes, uploadedAt: new Date(r.uploaded_at as unknown as string) }));
}

export async function findDocument(db: Executor, municipalityId: number, processId: number, id: number) {
  return db
    .selectFrom("process_documents")
    .select(["id", "title", "file_key", "file_name", "file_type"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("id", "=", id)
    .executeTakeFirst();
}

function fileBaseName(title: string): string {
  const base = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return base || "documento";
}

/** Store an uploaded document: checked by content and size first; nothing is stored when refused. */
export async function addDocument(db: Db, storage: Storage, municipalityId: number, actor: Actor, processId: number, input: { title: string; data: Buffer | null }): Promise<number> {
  const errors: { field: string; message: string }[] = [];
  const title = clean(input.title);
  if (title.length < 2 || title.length > 200) errors.push({ field: "title", message: "El título del documento debe tener entre 2 y 200 caracteres." });
  const data = input.data;
  let fileType: DocumentType | null = null;
  if (!data || data.length === 0) errors.push({ field: "file", message: "Adjunte el archivo del documento." });
  else if (data.length > MAX_DOCUMENT_BYTES) errors.push({ field: "file", message: "El archivo pesa más de 10 MB." });
  else {
    fileType = detectDocumentType(data);
    if (!fileType) errors.push({ field: "file", message: "Tipo de archivo no permitido: solo PDF, XLSX, CSV, DOCX, ODT, PNG o JPEG (se revisa el contenido, no el nombre)." });
  }
  if (errors.length) throw new ParticipationInputError(errors);
  const sha256 = crypto.createHash("sha256").update(data!).digest("hex");
  const key = `participation/${municipalityId}/${processId}/${sha256}.${fileType}`;
  const id = await db.transaction().execute(async (trx) => {
    await assertProcess(trx, municipalityId, processId);
    const { id } = await trx
      .insertInto("process_documents")
      .values({ municipality_id: municipalityId, process_id: processId, title, file_key: key, file_name: `${fileBaseName(title)}.${fileType === "jpeg" ? "jpg" : fileType}`, file_type: fileType!, file_bytes: data!.length, sha256, uploaded_by: actor.kind === "user" ? actor.userId : null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, municipalityId, action: "participation.document.add", subjectType: "process_document", subjectId: id, details: { processId, title, fileType, bytes: data!.length, sha256 } });
    // Content-addressed key: storing the same bytes twice writes the same file; written last so a refused transaction leaves nothing.
    await storage.put(key, data!);
    return id;
  });
  return id;
}

export async function removeDocument(db: Db, storage: Storage, municipalityId: number, actor: Actor, processId: number, documentId: number): Promise<void> {
  const key = await db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom("process_documents").where("municipality_id", "=", municipalityId).where("process_id", "=", processId).where("id", "=", documentId).returning(["title", "file_key", "sha256"]).executeTakeFirst();
    if (!gone) throw new HttpProblem(404, "El documento no existe.");
    await recordAudit(trx, { actor, municipalityId, action: "participation.document.remove", subjectType: "process_document", subjectId: documentId, details: { processId, title: gone.title, sha256: gone.sha256 } });
    const others = await trx.selectFrom("process_documents").select("id").where("file_key", "=", gone.file_key).executeTakeFirst();
    return others ? null : gone.file_key;
  });
  if (key) await storage.delete(key);
}

/** Published and closed processes of a municipality, newest first, with paging. */
export async function listPublicProcesses(db: Executor, municipalityId: number, page: number, perPage: number, includeDrafts = false) {
  let q = db.selectFrom("participatory_processes").where("municipality_id", "=", municipalityId);
  if (!includeDrafts) q = q.where("status", "in", ["published", "closed"]);
  const { n } = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select(["id", "slug", "title", "summary", "status"])
    .orderBy(sql`case status when 'published' then 0 when 'draft' then 1 else 2 end`)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { total: Number(n), rows };
}
