/**
 * Business days from receipt to attention, counted in SQL with the municipality's calendar: the
 * platform calendar (weekends, statutory rest days, the municipality's días inhábiles) says which
 * dates are not business days over the span the requests cover, and SQL counts the other dates
 * between a request's received_on and the local date it was attended — so medians stay an
 * aggregate in the database, and the rule of what a business day is stays in one place.
 */
import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { eachDate, isLocalDate } from "../../platform/calendar/dates.js";
import { loadCalendar } from "../../platform/calendar/queries.js";

/** Requests count as attended when attended, or closed without an attended date (as the public colonia medians do). */
export const ATTENDED_SQL = sql<boolean>`(r.status in ('atendida', 'cerrada') and coalesce(r.attended_at, r.closed_at) is not null)`;

/**
 * The non-business dates from the earliest receipt to the latest attention of the municipality's
 * requests, as a PostgreSQL date[] literal ('{}' when nothing was attended yet).
 */
export async function nonBusinessDates(db: Executor, municipality: { id: number; timeZone: string }): Promise<string> {
  const span = await sql<{ first: string | null; last: string | null }>`
    select min(r.received_on)::text as first,
           max((coalesce(r.attended_at, r.closed_at) at time zone ${municipality.timeZone})::date)::text as last
      from service_requests r
     where r.municipality_id = ${municipality.id} and ${ATTENDED_SQL}`.execute(db);
  const { first, last } = span.rows[0] ?? { first: null, last: null };
  if (!isLocalDate(first) || !isLocalDate(last) || last < first) return "{}";
  const calendar = await loadCalendar(db, municipality.id);
  return `{${eachDate(first, last).filter((d) => !calendar.isBusinessDay(d)).join(",")}}`;
}

/**
 * Business days d with received_on < d ≤ the local date of attention (businessDaysBetween's
 * rule): 0 when attended the day it counts as received; null for requests not attended. Reads
 * the alias `r` (service_requests).
 */
export function businessDaysToAttend(timeZone: string, nonBusiness: string): RawBuilder<number | null> {
  return sql<number | null>`case when ${ATTENDED_SQL} then (
    select count(*)::int
      from generate_series((r.received_on + 1)::timestamp, (coalesce(r.attended_at, r.closed_at) at time zone ${timeZone})::date::timestamp, interval '1 day') as g(day)
     where not (g.day::date = any(${nonBusiness}::date[]))
  ) end`;
}
