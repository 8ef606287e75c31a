/**
 * Update periods of an obligation: their names ("2026-Q3"), last day and due date. Due dates are
 * `due_days` natural days after the period's last day (the SNT lineamientos give 30).
 */
import { addDays, localDate, type LocalDate } from "../../platform/calendar/dates.js";
import type { UpdatePeriod } from "./obligations-tables.js";

export interface Period {
  name: string;
  lastDay: LocalDate;
}

function lastDayOfMonth(year: number, month: number): LocalDate {
  return localDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

/** Months per period; information that changes "when it changes" is still checked every quarter. */
function monthsOf(kind: UpdatePeriod): number {
  switch (kind) {
    case "monthly":
      return 1;
    case "quarterly":
    case "when_changes":
      return 3;
    case "semiannual":
      return 6;
    case "yearly":
      return 12;
    case "triennial":
      return 36;
  }
}

/** The period of `kind` that contains the given month (1-12). */
export function periodContaining(kind: UpdatePeriod, year: number, month: number): Period {
  const months = monthsOf(kind);
  if (months === 36) {
    // Three-year blocks 2024–2026, 2027–2029… (municipal terms differ by state: adjust per obligation when needed).
    const start = year - (((year - 2024) % 3) + 3) % 3;
    return { name: `${start}-${start + 2}`, lastDay: localDate(start + 2, 12, 31) };
  }
  const index = Math.floor((month - 1) / months); // 0-based block in the year
  const endMonth = (index + 1) * months;
  const lastDay = lastDayOfMonth(year, endMonth);
  if (months === 1) return { name: `${year}-${String(month).padStart(2, "0")}`, lastDay };
  if (months === 3) return { name: `${year}-Q${index + 1}`, lastDay };
  if (months === 6) return { name: `${year}-S${index + 1}`, lastDay };
  return { name: String(year), lastDay };
}

/** The period just before `period`. */
export function previousPeriod(kind: UpdatePeriod, period: Period): Period {
  const [y, m] = period.lastDay.split("-").map(Number) as [number, number];
  const months = monthsOf(kind);
  let month = m - months;
  let year = y;
  while (month < 1) {
    month += 12;
    year -= 1;
  }
  return periodContaining(kind, year, month);
}

export function dueDate(period: Period, dueDays: number): LocalDate {
  return addDays(period.lastDay, dueDays);
}

/** The latest period whose due date is on or before `on`: the one a record must exist for. */
export function latestDuePeriod(kind: UpdatePeriod, dueDays: number, on: LocalDate): Period {
  const [y, m] = on.split("-").map(Number) as [number, number];
  let period = periodContaining(kind, y, m);
  while (dueDate(period, dueDays) > on) period = previousPeriod(kind, period);
  return period;
}

/** The last `count` due periods, newest first (the history page). */
export function duePeriods(kind: UpdatePeriod, dueDays: number, on: LocalDate, count: number): Period[] {
  const list: Period[] = [];
  let period = latestDuePeriod(kind, dueDays, on);
  for (let i = 0; i < count; i++) {
    list.push(period);
    period = previousPeriod(kind, period);
  }
  return list;
}

/** Whether a period name is well formed for an update period ("2026-Q3" for quarterly…). */
export function isPeriodName(kind: UpdatePeriod, name: string): boolean {
  const m = /^(\d{4})/.exec(name);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 2015 || year > 2100) return false;
  for (let month = 1; month <= 12; month++) if (periodContaining(kind, year, month).name === name) return true;
  return false;
}
