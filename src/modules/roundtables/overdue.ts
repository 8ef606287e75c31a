/**
 * When a roundtable agreement is overdue, counted in the municipality's business days: a due
 * date that falls on a weekend, rest day or día inhábil moves to the next business day (as legal
 * terms do), and an agreement is overdue once a whole business day has passed after that day.
 */
import type { BusinessCalendar } from "../../platform/calendar/business-days.js";
import { addDays, type LocalDate } from "../../platform/calendar/dates.js";
import type { AgreementStatus } from "./tables.js";

export const OPEN_STATUSES: AgreementStatus[] = ["pendiente", "en_curso"];

/** Business days elapsed since the (effective) due date; 0 when not yet late. */
export function businessDaysLate(calendar: BusinessCalendar, dueOn: LocalDate, today: LocalDate): number {
  const effective = calendar.businessDayOnOrAfter(dueOn);
  return Math.max(0, calendar.businessDaysBetween(effective, today));
}

export function isOverdue(calendar: BusinessCalendar, agreement: { status: AgreementStatus; dueOn: LocalDate | null }, today: LocalDate): boolean {
  return agreement.dueOn !== null && OPEN_STATUSES.includes(agreement.status) && businessDaysLate(calendar, agreement.dueOn, today) >= 1;
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
