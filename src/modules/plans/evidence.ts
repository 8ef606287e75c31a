/**
 * Evidence files of milestones: the type read from the bytes (platform/documents.ts), photos
 * re-encoded without their metadata (a phone's GPS position never reaches a public download), the
 * row, its history event and audit entry in one transaction, and the file stored last — removed
 * again if the transaction fails, so a refused or failed upload leaves neither row nor file.
 * Also the one query and the one reply that serve a stored evidence file.
 */
import crypto from "node:crypto";
import type { FastifyReply } from "fastify";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import { ACCEPTED_DOCUMENTS_LABEL, cleanFileName, contentDisposition, detectDocumentType, DOCUMENT_CONTENT_TYPES, MAX_DOCUMENT_BYTES, sha256 } from "../../platform/documents.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { processPhoto } from "../requests/photos.js";
import { PlanInputError } from "./errors.js";
import { checkEvidenceTitle, milestoneAcceptingEvidence, recordMilestoneEvent } from "./milestones-service.js";
import { actorUserId, Checker } from "./staff-inputs.js";
import type { EvidenceFileType } from "./tables.js";

/** The public address of an evidence file (served only while its plan is published, or to staff). */
export const evidenceDownloadPath = (municipalitySlug: string, planSlug: string, evidenceId: number) => `/${municipalitySlug}/planes/${planSlug}/evidencias/${evidenceId}`;

/** Reads and checks the upload before any row is written: a bad file costs nothing. */
async function checkEvidenceFile(title: string, fileName: string, data: Buffer) {
  const c = new Checker();
  const cleanTitle = checkEvidenceTitle(c, title);
  let type: EvidenceFileType | null = null;
  if (!data || data.length === 0) c.fail("file", "Elija el archivo de la evidencia (el archivo está vacío).");
  else if (data.length > MAX_DOCUMENT_BYTES) c.fail("file", `El archivo pesa más de ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB, el máximo permitido.`);
  else {
    type = detectDocumentType(data);
    if (!type) c.fail("file", `Tipo de archivo no permitido: solo se aceptan ${ACCEPTED_DOCUMENTS_LABEL} (se revisa el contenido del archivo, no su nombre).`);
  }
  c.done();
  let bytes = data;
  let fileType = type!;
  let name = fileName;
  if (fileType === "jpeg" || fileType === "png") {
    try {
      bytes = (await processPhoto(data, "file")).image;
    } catch (error) {
      throw PlanInputError.single("file", error instanceof Error ? error.message : "No se pudo leer la foto.");
    }
    // Re-encoded as JPEG: the name keeps its stem and takes the new extension.
    if (fileType === "png") name = name.replace(/\.png$/i, "");
    fileType = "jpeg";
  }
  return { title: cleanTitle, bytes, fileType, fileName: cleanFileName(name, fileType, "evidencia") };
}

export async function addEvidenceFile(services: Services, municipalityId: number, actor: Actor, milestoneId: number, input: { title: string; fileName: string; data: Buffer }): Promise<number> {
  const file = await checkEvidenceFile(input.title, input.fileName, input.data);
  const digest = sha256(file.bytes);
  const fileKey = `plans/${municipalityId}/${milestoneId}/${crypto.randomUUID()}.${file.fileType === "jpeg" ? "jpg" : file.fileType}`;
  let stored = false;
  try {
    return await services.db.transaction().execute(async (trx) => {
      await milestoneAcceptingEvidence(trx, municipalityId, milestoneId);
      const row = await trx
        .insertInto("plan_milestone_evidence")
        .values({
          municipality_id: municipalityId, milestone_id: milestoneId, title: file.title, file_key: fileKey, file_type: file.fileType,
          file_name: file.fileName, file_bytes: file.bytes.length, sha256: digest, added_by: actorUserId(actor),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordMilestoneEvent(trx, municipalityId, actor, milestoneId, { kind: "evidencia", to: file.title, note: file.fileName });
      await recordAudit(trx, {
        actor, municipalityId, action: "plans.evidence.file", subjectType: "plan_milestone", subjectId: milestoneId,
        details: { evidenceId: row.id, title: file.title, fileName: file.fileName, fileType: file.fileType, bytes: file.bytes.length, sha256: digest },
      });
      // Last inside the transaction: a failed insert never leaves a file behind. Marked before
      // the write, so a write that fails halfway is cleaned up too.
      stored = true;
      await services.storage.put(fileKey, file.bytes);
      return row.id;
    });
  } catch (error) {
    if (stored) await services.storage.delete(fileKey).catch(() => undefined);
    throw error;
  }
}

export interface EvidenceFile {
  id: number;
  fileKey: string;
  fileType: EvidenceFileType;
  fileName: string;
}

/** A stored evidence file of one of the plan's milestones (links have no file: undefined). */
export async function findEvidenceFile(db: Executor, municipalityId: number, planId: number, evidenceId: number): Promise<EvidenceFile | undefined> {
  const row = await db
    .selectFrom("plan_milestone_evidence as e")
    .innerJoin("plan_milestones as m", (j) => j.onRef("m.municipality_id", "=", "e.municipality_id").onRef("m.id", "=", "e.milestone_id"))
    .innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "m.municipality_id").onRef("c.id", "=", "m.commitment_id"))
    .select(["e.id", "e.file_key", "e.file_type", "e.file_name"])
    .where("e.municipality_id", "=", municipalityId)
    .where("e.id", "=", evidenceId)
    .where("c.plan_id", "=", planId)
    .where("e.file_key", "is not", null)
    .executeTakeFirst();
  if (!row || !row.file_key || !row.file_type) return undefined;
  return { id: row.id, fileKey: row.file_key, fileType: row.file_type, fileName: row.file_name ?? `evidencia-${row.id}` };
}

/** Sends the file as a download that the browser never renders in the site's origin. */
export async function sendEvidenceFile(reply: FastifyReply, services: Services, file: EvidenceFile, notFound: string): Promise<FastifyReply> {
  const data = await services.storage.get(file.fileKey);
  if (!data) throw new HttpProblem(404, notFound);
  return reply
    .header("content-type", DOCUMENT_CONTENT_TYPES[file.fileType])
    .header("content-disposition", contentDisposition(file.fileName))
    .header("content-length", String(data.length))
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("cache-control", "private, max-age=300")
    .send(data);
}
