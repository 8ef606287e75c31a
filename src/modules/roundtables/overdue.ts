/**
 * When a roundtable agreement is overdue: open (pending or under way) and at least one whole
 * business day past its due date (platform/calendar/overdue.ts).
 */
import type { BusinessCalendar } from "../../platform/calendar/business-days.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { businessDaysLate, overdueCutoff } from "../../platform/calendar/overdue.js";
import type { AgreementStatus } from "./tables.js";

export { businessDaysLate, overdueCutoff };

export const OPEN_STATUSES: AgreementStatus[] = ["pendiente", "en_curso"];

export function isOverdue(calendar: BusinessCalendar, agreement: { status: AgreementStatus; dueOn: LocalDate | null }, today: LocalDate): boolean {
  return agreement.dueOn !== null && OPEN_STATUSES.includes(agreement.status) && businessDaysLate(calendar, agreement.dueOn, today) >= 1;
}
