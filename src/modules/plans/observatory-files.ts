/**
 * Files of observatory reports. The type is read from the bytes (platform/documents.ts): PDF,
 * DOCX, XLSX, ODT, CSV tables, PNG or JPEG; anything else is refused with nothing stored. Photos
 * are re-encoded as JPEG, which drops EXIF metadata (GPS positions, camera serials) before they can
 * become public. The row and the audit entry commit with the file written last; a failure rolls
 * the row back.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import { ACCEPTED_DOCUMENTS_LABEL, cleanFileName, detectDocumentType, MAX_DOCUMENT_BYTES, sha256 } from "../../platform/documents.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { processPhoto } from "../requests/photos.js";
import { PlanInputError } from "./errors.js";
import { FormChecker } from "./review-checks.js";
import type { EvidenceFileType } from "./tables.js";

export const MAX_FILES_PER_REPORT = 20;

export async function addReportFile(
  services: Services, municipalityId: number, actor: Actor, reportId: number,
  input: { title: string; fileName: string; data: Buffer },
): Promise<number> {
  return services.db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom("observatory_reports").select(["observatory_id"])
      .where("municipality_id", "=", municipalityId).where("id", "=", reportId).executeTakeFirst();
    if (!report) throw new HttpProblem(404, "El informe no existe.");
    const c = new FormChecker();
    const title = c.text("fileTitle", input.title, { label: "el título del archivo", min: 2, max: 200 });
    const data = input.data.length > 0 ? input.data : null;
    let type: EvidenceFileType | null = null;
    if (!data) c.fail("file", "Elija el archivo que quiere subir.");
    else if (data.length > MAX_DOCUMENT_BYTES) c.fail("file", `El archivo pesa más de ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`);
    else if (!(type = detectDocumentType(data))) c.fail("file", `Tipo de archivo no permitido: se aceptan ${ACCEPTED_DOCUMENTS_LABEL} (se revisa el contenido, no el nombre).`);
    const count = await trx.selectFrom("observatory_report_files").select((eb) => eb.fn.countAll<string>().as("n"))
      .where("municipality_id", "=", municipalityId).where("report_id", "=", reportId).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_FILES_PER_REPORT) c.fail("file", `Un informe admite hasta ${MAX_FILES_PER_REPORT} archivos.`);
    c.done();
    let bytes = data!;
    if (type === "jpeg" || type === "png") {
      try {
        bytes = (await processPhoto(bytes, "file")).image;
        type = "jpeg";
      } catch (error) {
        throw PlanInputError.single("file", error instanceof Error ? error.message : "No se pudo leer la imagen.");
      }
    }
    const fileType = type!;
    const fileName = cleanFileName(input.fileName, fileType, "archivo");
    const digest = sha256(bytes);
    const row = await trx
      .insertInto("observatory_report_files")
      .values({ municipality_id: municipalityId, report_id: reportId, title, file_key: "pendiente", file_type: fileType, file_name: fileName, file_bytes: bytes.length, sha256: digest })
      .returning("id")
      .executeTakeFirstOrThrow();
    const fileKey = `plans/observatorios/${municipalityId}/${reportId}/${row.id}.${fileType}`;
    await trx.updateTable("observatory_report_files").set({ file_key: fileKey }).where("municipality_id", "=", municipalityId).where("id", "=", row.id).execute();
    await recordAudit(trx, {
      actor, municipalityId, action: "plans.observatory.report.file.add", subjectType: "observatory_report", subjectId: reportId,
      details: { observatoryId: report.observatory_id, fileId: row.id, title, fileType, bytes: bytes.length, sha256: digest },
    });
    await services.storage.put(fileKey, bytes);
    return row.id;
  });
}

/** Removes a file's row; returns its storage key, to delete once the transaction has committed. */
export async function removeReportFile(trx: Executor, municipalityId: number, actor: Actor, reportId: number, fileId: number): Promise<string> {
  const row = await trx.deleteFrom("observatory_report_files")
    .where("municipality_id", "=", municipalityId).where("report_id", "=", reportId).where("id", "=", fileId)
    .returning(["file_key", "title", "sha256"]).executeTakeFirst();
  if (!row) throw new HttpProblem(404, "El archivo no existe.");
  await recordAudit(trx, { actor, municipalityId, action: "plans.observatory.report.file.remove", subjectType: "observatory_report", subjectId: reportId, details: { fileId, title: row.title, sha256: row.sha256 } });
  return row.file_key;
}

export async function findReportFile(db: Executor, municipalityId: number, reportId: number, fileId: number) {
  return db.selectFrom("observatory_report_files").select(["file_key", "file_type", "file_name"])
    .where("municipality_id", "=", municipalityId).where("report_id", "=", reportId).where("id", "=", fileId).executeTakeFirst();
}
