/** The staff list's "Vencidas" filter and the business days each request is overdue. */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { BusinessCalendar } from "../../platform/calendar/business-days.js";
import { loadCalendar } from "../../platform/calendar/queries.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { loadRequestRow, type RequestRow, type StaffListFilter } from "./info-queries.js";
import { effectiveDue, isOverdue } from "./info-presenters.js";
import { OPEN_STATUSES } from "./info-tables.js";

/**
 * Open requests whose due date in force is before `today`, the longest overdue first, with the
 * same visibility as the staff list (ARCO only for the unit, department staff only their turns).
 */
export async function listOverdueRequests(db: Executor, municipalityId: number, f: StaffListFilter, today: LocalDate): Promise<{ rows: RequestRow[]; total: number }> {
  let q = db
    .selectFrom("information_requests as r")
    .where("r.municipality_id", "=", municipalityId)
    .where("r.status", "in", [...OPEN_STATUSES])
    .where(sql<boolean>`coalesce(r.extended_due_on, r.due_on) < ${today}::date`);
  if (!f.includeArco) q = q.where("r.kind", "=", "information");
  if (f.departmentIds !== null) {
    const ids = f.departmentIds.length > 0 ? f.departmentIds : [-1];
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("information_request_turns as t")
          .select("t.request_id")
          .whereRef("t.municipality_id", "=", "r.municipality_id")
          .whereRef("t.request_id", "=", "r.id")
          .where("t.department_id", "in", ids),
      ),
    );
  }
  const [page, count] = await Promise.all([
    q.select("r.folio").orderBy(sql`coalesce(r.extended_due_on, r.due_on)`).orderBy("r.id").limit(f.limit).offset(f.offset).execute(),
    q.select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const rows = await Promise.all(page.map((p) => loadRequestRow(db, municipalityId, p.folio)));
  return { rows: rows.filter((r) => r !== null), total: Number(count.n) };
}

/** Business days a request is overdue on `today` (null when it is not overdue). */
export function businessDaysOverdue(row: RequestRow, today: LocalDate, calendar: BusinessCalendar): number | null {
  return isOverdue(row, today) ? calendar.businessDaysBetween(effectiveDue(row), today) : null;
}

/** The staff list's rows with their overdue flag and business days overdue (on the municipality's calendar). */
export async function staffListRows(db: Executor, municipalityId: number, rows: RequestRow[], today: LocalDate): Promise<{ row: RequestRow; overdue: boolean; daysOverdue: number | null }[]> {
  const calendar = await loadCalendar(db, municipalityId);
  return rows.map((row) => ({ row, overdue: isOverdue(row, today), daysOverdue: businessDaysOverdue(row, today, calendar) }));
}
