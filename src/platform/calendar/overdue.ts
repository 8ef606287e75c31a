/**
 * When something due on a date is late, counted in the municipality's business days: a due date
 * that falls on a weekend, rest day or día inhábil moves to the next business day (as legal terms
 * do), and the thing is overdue once a whole business day has passed after that day. Shared by
 * every module with due dates (roundtable agreements, action-plan milestones).
 */
import type { BusinessCalendar } from "./business-days.js";
import { addDays, type LocalDate } from "./dates.js";

/** Business days elapsed since the (effective) due date; 0 when not yet late. */
export function businessDaysLate(calendar: BusinessCalendar, dueOn: LocalDate, today: LocalDate): number {
  const effective = calendar.businessDayOnOrAfter(dueOn);
  return Math.max(0, calendar.businessDaysBetween(effective, today));
}

function businessDayOnOrBefore(calendar: BusinessCalendar, date: LocalDate): LocalDate {
  let d = date;
  for (let i = 0; i < 3660 && !calendar.isBusinessDay(d); i++) d = addDays(d, -1);
  return d;
}

/**
 * The latest due date that is overdue today, so lists can filter in SQL (due_on <= cutoff):
 * the business day before the last business day on or before today. (Overdue ⟺ some business
 * day b with effective(due) < b ≤ today ⟺ effective(due) is before that last business day.)
 */
export function overdueCutoff(calendar: BusinessCalendar, today: LocalDate): LocalDate {
  const last = businessDayOnOrBefore(calendar, today);
  return businessDayOnOrBefore(calendar, addDays(last, -1));
}
