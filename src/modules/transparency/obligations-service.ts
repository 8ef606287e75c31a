/** Operations on obligations: publish a period's record, assign the responsible department and official. */
import { recordAudit, type AuditBy } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { Storage } from "../../platform/storage.js";
import { detectRecordFileType, MAX_RECORD_BYTES } from "./obligations-files.js";
import { isPeriodName } from "./obligations-periods.js";
import type { UpdatePeriod } from "./obligations-tables.js";

/** Bad input, with the form field it concerns and a Spanish message. */
export class ObligationInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly status = 422,
  ) {
    super(message);
  }
}

export interface ObligationRef {
  id: number;
  municipalityId: number;
  departmentId: number | null;
  updatePeriod: UpdatePeriod;
}

export async function findObligationRef(db: Executor, municipalityId: number, id: number): Promise<ObligationRef | null> {
  const row = await db.selectFrom("obligations").select(["id", "department_id", "update_period"]).where("municipality_id", "=", municipalityId).where("id", "=", id).executeTakeFirst();
  return row ? { id: row.id, municipalityId, departmentId: row.department_id, updatePeriod: row.update_period } : null;
}

export interface PublishInput {
  period: string;
  file: Buffer | null;
  link: string;
  note: string;
}

function checkLink(link: string): string | null {
  if (link === "") return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new ObligationInputError("link", "La liga no es una dirección web válida.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ObligationInputError("link", "La liga debe empezar con https:// o http://.");
  if (link.length > 1000) throw new ObligationInputError("link", "La liga es demasiado larga.");
  return url.toString();
}

/**
 * Publishes the record of one period. The file's type is read from its bytes before anything is
 * stored; a period is published once (a correction is a new note, not a silent replacement).
 */
export async function publishRecord(trx: Executor, storage: Storage, obligation: ObligationRef, input: PublishInput, by: AuditBy & { userId: number | null }): Promise<{ period: string }> {
  const period = input.period.trim();
  if (!isPeriodName(obligation.updatePeriod, period)) throw new ObligationInputError("period", `El periodo "${period}" no corresponde a la periodicidad de esta obligación (ej. 2026-Q3, 2026-03, 2026-S1, 2026).`);
  const link = checkLink(input.link.trim());
  const file = input.file && input.file.length > 0 ? input.file : null;
  if (!file && !link) throw new ObligationInputError("file", "Adjunte un archivo (CSV, PDF o XLSX) o escriba una liga.");
  let fileType = null;
  if (file) {
    if (file.length > MAX_RECORD_BYTES) throw new ObligationInputError("file", "El archivo pesa más de 10 MB.");
    fileType = detectRecordFileType(file);
    if (!fileType) throw new ObligationInputError("file", "Tipo de archivo no permitido: solo se aceptan CSV, PDF o XLSX (se revisa el contenido, no el nombre).");
  }
  const existing = await trx
    .selectFrom("obligation_records")
    .select("period")
    .where("municipality_id", "=", obligation.municipalityId)
    .where("obligation_id", "=", obligation.id)
    .where("period", "=", period)
    .executeTakeFirst();
  if (existing) throw new ObligationInputError("period", `El periodo ${period} ya está publicado.`);
  const fileKey = file ? `obligations/${obligation.municipalityId}/${obligation.id}/${period.toLowerCase()}.${fileType}` : null;
  await trx
    .insertInto("obligation_records")
    .values({
      municipality_id: obligation.municipalityId,
      obligation_id: obligation.id,
      period,
      published_at: new Date(),
      published_by: by.userId,
      published_by_label: by.label ?? (by.actor.kind === "user" ? by.actor.displayName : "sistema"),
      file_key: fileKey,
      file_type: fileType,
      file_bytes: file ? file.length : null,
      link,
      note: input.note.trim().slice(0, 2000),
    })
    .execute();
  await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId: obligation.municipalityId, action: "obligations.record.publish", subjectType: "obligation", subjectId: obligation.id, details: { period, fileType, link } });
  // Stored last: a failed insert leaves no file behind; a failed write aborts the transaction.
  if (file && fileKey) await storage.put(fileKey, file);
  return { period };
}

export interface ResponsibleInput {
  departmentId: number | null;
  officialName: string;
  officialTitle: string;
  /** As typed; "" keeps the current value. */
  weight?: string;
  dueDays?: string;
}

function wholeNumber(field: string, value: string | undefined, min: number, max: number, message: string): number | undefined {
  const v = (value ?? "").trim();
  if (v === "") return undefined;
  if (!/^\d{1,3}$/.test(v) || Number(v) < min || Number(v) > max) throw new ObligationInputError(field, message);
  return Number(v);
}

export async function assignResponsible(trx: Executor, obligation: ObligationRef, input: ResponsibleInput, by: AuditBy): Promise<void> {
  if (input.departmentId !== null) {
    const dept = await trx.selectFrom("departments").select("id").where("municipality_id", "=", obligation.municipalityId).where("id", "=", input.departmentId).executeTakeFirst();
    if (!dept) throw new ObligationInputError("department", "El área responsable no existe en este municipio.");
  }
  const name = input.officialName.trim();
  const title = input.officialTitle.trim();
  if (name.length > 200) throw new ObligationInputError("officialName", "El nombre es demasiado largo (máximo 200 caracteres).");
  if (title.length > 200) throw new ObligationInputError("officialTitle", "El cargo es demasiado largo (máximo 200 caracteres).");
  const weight = wholeNumber("weight", input.weight, 1, 100, "El peso debe ser un número entero de 1 a 100.");
  const dueDays = wholeNumber("dueDays", input.dueDays, 0, 365, "El plazo debe ser un número entero de 0 a 365 días naturales.");
  await trx
    .updateTable("obligations")
    .set({ department_id: input.departmentId, official_name: name || null, official_title: title || null, ...(weight !== undefined ? { weight } : {}), ...(dueDays !== undefined ? { due_days: dueDays } : {}), updated_at: new Date() })
    .where("municipality_id", "=", obligation.municipalityId)
    .where("id", "=", obligation.id)
    .execute();
  await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId: obligation.municipalityId, action: "obligations.responsible.assign", subjectType: "obligation", subjectId: obligation.id, details: { departmentId: input.departmentId, officialName: name, officialTitle: title, weight, dueDays } });
}
