/**
 * The compliance index: on a given date each obligation is "al día" when the record of its latest
 * due period exists (on time when published on or before the due date, late otherwise) and
 * "vencida" when that due date passed with no record. A department's index is the weighted share
 * of its obligations that are al día; the municipality's is the same share over all of them.
 */
import type { Executor } from "../../platform/db/database.js";
import { localDateTimeAt, toDayNumber, type LocalDate } from "../../platform/calendar/dates.js";
import { dueDate, latestDuePeriod } from "./obligations-periods.js";
import type { UpdatePeriod } from "./obligations-tables.js";

export type ObligationStatus = "on_time" | "late" | "overdue";
export type Light = "verde" | "amarillo" | "rojo";

export interface ObligationForIndex {
  id: number;
  article: string;
  fraction: string;
  title: string;
  departmentId: number | null;
  departmentName: string | null;
  officialName: string | null;
  officialTitle: string | null;
  updatePeriod: UpdatePeriod;
  weight: number;
  dueDays: number;
}

export interface ObligationState extends ObligationForIndex {
  period: string;
  due: LocalDate;
  status: ObligationStatus;
  publishedOn: LocalDate | null;
  /** Days after the due date: of publication when late, until `on` when overdue; 0 on time. */
  daysLate: number;
}

export interface DepartmentIndex {
  departmentId: number | null;
  departmentName: string | null;
  index: number;
  light: Light;
  obligations: number;
  upToDate: number;
}

export interface ComplianceReport {
  on: LocalDate;
  index: number;
  light: Light;
  departments: DepartmentIndex[];
  overdue: ObligationState[];
  states: ObligationState[];
}

export interface Thresholds {
  green: number;
  yellow: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { green: 90, yellow: 70 };

export function lightFor(index: number, t: Thresholds): Light {
  return index >= t.green ? "verde" : index >= t.yellow ? "amarillo" : "rojo";
}

/** The state of one obligation on `on`, given the local publication dates of its records by period. */
export function obligationState(o: ObligationForIndex, published: Map<string, LocalDate>, on: LocalDate): ObligationState {
  const period = latestDuePeriod(o.updatePeriod, o.dueDays, on);
  const due = dueDate(period, o.dueDays);
  const publishedOn = published.get(period.name) ?? null;
  if (publishedOn === null) return { ...o, period: period.name, due, status: "overdue", publishedOn, daysLate: toDayNumber(on) - toDayNumber(due) };
  const late = publishedOn > due;
  return { ...o, period: period.name, due, status: late ? "late" : "on_time", publishedOn, daysLate: late ? toDayNumber(publishedOn) - toDayNumber(due) : 0 };
}

/** Weighted share (0–100, one decimal) of states that are al día. An empty set counts as 100. */
export function weightedIndex(states: ObligationState[]): number {
  const total = states.reduce((sum, s) => sum + s.weight, 0);
  if (total === 0) return 100;
  const upToDate = states.filter((s) => s.status !== "overdue").reduce((sum, s) => sum + s.weight, 0);
  return Math.round((1000 * upToDate) / total) / 10;
}

export function buildReport(states: ObligationState[], on: LocalDate, thresholds: Thresholds): ComplianceReport {
  const groups = new Map<number | null, ObligationState[]>();
  for (const s of states) groups.set(s.departmentId, [...(groups.get(s.departmentId) ?? []), s]);
  const departments = [...groups.values()].map((list): DepartmentIndex => {
    const index = weightedIndex(list);
    return {
      departmentId: list[0]!.departmentId,
      departmentName: list[0]!.departmentName,
      index,
      light: lightFor(index, thresholds),
      obligations: list.length,
      upToDate: list.filter((s) => s.status !== "overdue").length,
    };
  });
  departments.sort((a, b) => a.index - b.index || (a.departmentName ?? "").localeCompare(b.departmentName ?? "", "es"));
  const index = weightedIndex(states);
  const overdue = states.filter((s) => s.status === "overdue").sort((a, b) => b.daysLate - a.daysLate);
  return { on, index, light: lightFor(index, thresholds), departments, overdue, states };
}

export async function loadThresholds(db: Executor, municipalityId: number): Promise<Thresholds> {
  const row = await db.selectFrom("obligation_settings").select(["green_min", "yellow_min"]).where("municipality_id", "=", municipalityId).executeTakeFirst();
  return row ? { green: Number(row.green_min), yellow: Number(row.yellow_min) } : DEFAULT_THRESHOLDS;
}

export async function loadObligationsForIndex(db: Executor, municipalityId: number): Promise<ObligationForIndex[]> {
  const rows = await db
    .selectFrom("obligations as o")
    .leftJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "o.municipality_id").onRef("d.id", "=", "o.department_id"))
    .select(["o.id", "o.article", "o.fraction", "o.title", "o.department_id", "d.name as department_name", "o.official_name", "o.official_title", "o.update_period", "o.weight", "o.due_days"])
    .where("o.municipality_id", "=", municipalityId)
    .orderBy("o.article")
    .orderBy("o.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    article: r.article,
    fraction: r.fraction,
    title: r.title,
    departmentId: r.department_id,
    departmentName: r.department_name,
    officialName: r.official_name,
    officialTitle: r.official_title,
    updatePeriod: r.update_period,
    weight: r.weight,
    dueDays: r.due_days,
  }));
}

/** Local publication date of every record, by obligation and period. */
export async function loadPublicationDates(db: Executor, municipalityId: number, timeZone: string, obligationId?: number): Promise<Map<number, Map<string, LocalDate>>> {
  let query = db.selectFrom("obligation_records").select(["obligation_id", "period", "published_at"]).where("municipality_id", "=", municipalityId);
  if (obligationId !== undefined) query = query.where("obligation_id", "=", obligationId);
  const byObligation = new Map<number, Map<string, LocalDate>>();
  for (const r of await query.execute()) {
    const map = byObligation.get(r.obligation_id) ?? new Map<string, LocalDate>();
    map.set(r.period, localDateTimeAt(new Date(r.published_at), timeZone).date);
    byObligation.set(r.obligation_id, map);
  }
  return byObligation;
}

/** The semáforo of a municipality on a date (its local today by default). */
export async function complianceReport(db: Executor, municipality: { id: number; timeZone: string }, on?: LocalDate): Promise<ComplianceReport> {
  const date = on ?? localDateTimeAt(new Date(), municipality.timeZone).date;
  const [obligations, published, thresholds] = await Promise.all([
    loadObligationsForIndex(db, municipality.id),
    loadPublicationDates(db, municipality.id, municipality.timeZone),
    loadThresholds(db, municipality.id),
  ]);
  const states = obligations.map((o) => obligationState(o, published.get(o.id) ?? new Map(), date));
  return buildReport(states, date, thresholds);
}
