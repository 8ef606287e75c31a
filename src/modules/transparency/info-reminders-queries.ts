/** The business days each request of the staff list is overdue. */
import type { Executor } from "../../platform/db/database.js";
import type { BusinessCalendar } from "../../platform/calendar/business-days.js";
import { loadCalendar } from "../../platform/calendar/queries.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { RequestRow } from "./info-queries.js";
import { effectiveDue, isOverdue } from "./info-presenters.js";

/** Business days a request is overdue on `today` (null when it is not overdue). */
export function businessDaysOverdue(row: RequestRow, today: LocalDate, calendar: BusinessCalendar): number | null {
  return isOverdue(row, today) ? calendar.businessDaysBetween(effectiveDue(row), today) : null;
}

/** The staff list's rows with their overdue flag and business days overdue (on the municipality's calendar). */
export async function staffListRows(db: Executor, municipalityId: number, rows: RequestRow[], today: LocalDate): Promise<{ row: RequestRow; overdue: boolean; daysOverdue: number | null }[]> {
  const calendar = await loadCalendar(db, municipalityId);
  return rows.map((row) => ({ row, overdue: isOverdue(row, today), daysOverdue: businessDaysOverdue(row, today, calendar) }));
}
