/**
 * Public statistics of access-to-information requests (never ARCO): requests per month over the
 * last 12 months, share answered on time (on or before the due date in force, the extended one
 * when the Comité approved an extension), median business days from receipt to answer on the
 * municipality's business calendar, and the same figures by department.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { loadCalendar } from "../../platform/calendar/queries.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { ANSWERED_STATUSES, type InfoStatus } from "./info-tables.js";

export interface AnswerFigures {
  received: number;
  answered: number;
  onTime: number;
  /** Percentage answered on time among the answered ones; null when nothing was answered. */
  onTimePercent: number | null;
  /** Median business days from receipt to answer; null when nothing was answered. */
  medianBusinessDays: number | null;
}

export interface ArchiveStatistics {
  months: { month: string; received: number; answered: number }[];
  overall: AnswerFigures;
  departments: ({ id: number; name: string } & AnswerFigures)[];
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface StatRow {
  id: number;
  status: InfoStatus;
  received_on: string;
  answered_on: string | null;
  due: string;
}

function figures(rows: StatRow[], days: Map<number, number>): AnswerFigures {
  const answered = rows.filter((r) => ANSWERED_STATUSES.includes(r.status) && r.answered_on !== null);
  const onTime = answered.filter((r) => r.answered_on! <= r.due).length;
  return {
    received: rows.length,
    answered: answered.length,
    onTime,
    onTimePercent: answered.length === 0 ? null : Math.round((onTime / answered.length) * 1000) / 10,
    medianBusinessDays: median(answered.map((r) => days.get(r.id)!)),
  };
}

/** The twelve months ending with `today`'s month, oldest first, as "AAAA-MM". */
export function lastTwelveMonths(today: LocalDate): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    out.unshift(`${y}-${String(m).padStart(2, "0")}`);
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
  }
  return out;
}

export async function archiveStatistics(db: Executor, municipalityId: number, today: LocalDate): Promise<ArchiveStatistics> {
  const [rows, turns, departments, calendar] = await Promise.all([
    db
      .selectFrom("information_requests")
      .select([
        "id", "status",
        sql<string>`received_on::text`.as("received_on"),
        sql<string | null>`answered_on::text`.as("answered_on"),
        sql<string>`coalesce(extended_due_on, due_on)::text`.as("due"),
      ])
      .where("municipality_id", "=", municipalityId)
      .where("kind", "=", "information")
      .execute(),
    db
      .selectFrom("information_request_turns as t")
      .innerJoin("information_requests as r", (j) => j.onRef("r.municipality_id", "=", "t.municipality_id").onRef("r.id", "=", "t.request_id"))
      .select(["t.request_id", "t.department_id"])
      .where("t.municipality_id", "=", municipalityId)
      .where("r.kind", "=", "information")
      .execute(),
    db.selectFrom("departments").select(["id", "name"]).where("municipality_id", "=", municipalityId).orderBy("name").execute(),
    loadCalendar(db, municipalityId),
  ]);
  const all: StatRow[] = rows.map((r) => ({ ...r, id: Number(r.id), status: r.status as InfoStatus }));
  const days = new Map<number, number>();
  for (const r of all) if (r.answered_on !== null) days.set(r.id, calendar.businessDaysBetween(r.received_on as LocalDate, r.answered_on as LocalDate));

  const months = lastTwelveMonths(today).map((month) => ({
    month,
    received: all.filter((r) => r.received_on.startsWith(month)).length,
    answered: all.filter((r) => ANSWERED_STATUSES.includes(r.status) && r.answered_on?.startsWith(month)).length,
  }));

  const byId = new Map(all.map((r) => [r.id, r]));
  const perDepartment = new Map<number, StatRow[]>();
  for (const t of turns) {
    const r = byId.get(Number(t.request_id));
    if (!r) continue;
    const list = perDepartment.get(t.department_id) ?? [];
    list.push(r);
    perDepartment.set(t.department_id, list);
  }
  return {
    months,
    overall: figures(all, days),
    departments: departments
      .filter((d) => perDepartment.has(d.id))
      .map((d) => ({ id: d.id, name: d.name, ...figures(perDepartment.get(d.id)!, days) })),
  };
}
