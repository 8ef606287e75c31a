/** Read models of obligations: one obligation's page, its history of periods, a record's file. */
import type { Executor } from "../../platform/db/database.js";
import { localDateTimeAt, toDayNumber, type LocalDate } from "../../platform/calendar/dates.js";
import { loadObligationsForIndex, type ObligationForIndex } from "./compliance.js";
import { dueDate, duePeriods } from "./obligations-periods.js";
import type { RecordFileType } from "./obligations-tables.js";

export interface ObligationDetail extends ObligationForIndex {
  legalReference: string;
  note: string | null;
}

export async function findObligation(db: Executor, municipalityId: number, id: number): Promise<ObligationDetail | null> {
  const base = (await loadObligationsForIndex(db, municipalityId)).find((o) => o.id === id);
  if (!base) return null;
  const row = await db.selectFrom("obligations").select(["legal_reference", "note"]).where("municipality_id", "=", municipalityId).where("id", "=", id).executeTakeFirstOrThrow();
  return { ...base, legalReference: row.legal_reference, note: row.note };
}

export interface HistoryRow {
  period: string;
  due: LocalDate;
  publishedOn: LocalDate | null;
  publishedBy: string | null;
  status: "on_time" | "late" | "overdue";
  daysLate: number;
  fileType: RecordFileType | null;
  link: string | null;
  note: string;
}

/** The last `count` due periods of an obligation, newest first: who published, when, how late. */
export async function obligationHistory(db: Executor, municipality: { id: number; timeZone: string }, obligation: ObligationForIndex, on: LocalDate, count = 8): Promise<HistoryRow[]> {
  const records = await db
    .selectFrom("obligation_records")
    .select(["period", "published_at", "published_by_label", "file_type", "link", "note"])
    .where("municipality_id", "=", municipality.id)
    .where("obligation_id", "=", obligation.id)
    .execute();
  const byPeriod = new Map(records.map((r) => [r.period, r]));
  return duePeriods(obligation.updatePeriod, obligation.dueDays, on, count).map((p): HistoryRow => {
    const due = dueDate(p, obligation.dueDays);
    const r = byPeriod.get(p.name);
    if (!r) return { period: p.name, due, publishedOn: null, publishedBy: null, status: "overdue", daysLate: toDayNumber(on) - toDayNumber(due), fileType: null, link: null, note: "" };
    const publishedOn = localDateTimeAt(new Date(r.published_at), municipality.timeZone).date;
    const late = publishedOn > due;
    return { period: p.name, due, publishedOn, publishedBy: r.published_by_label, status: late ? "late" : "on_time", daysLate: late ? toDayNumber(publishedOn) - toDayNumber(due) : 0, fileType: r.file_type, link: r.link, note: r.note };
  });
}

export async function recordFile(db: Executor, municipalityId: number, obligationId: number, period: string): Promise<{ key: string; type: RecordFileType } | null> {
  const row = await db
    .selectFrom("obligation_records")
    .select(["file_key", "file_type"])
    .where("municipality_id", "=", municipalityId)
    .where("obligation_id", "=", obligationId)
    .where("period", "=", period)
    .executeTakeFirst();
  return row?.file_key && row.file_type ? { key: row.file_key, type: row.file_type } : null;
}

export async function listDepartments(db: Executor, municipalityId: number): Promise<{ id: number; name: string }[]> {
  return db.selectFrom("departments").select(["id", "name"]).where("municipality_id", "=", municipalityId).where("active", "=", true).orderBy("name").execute();
}
