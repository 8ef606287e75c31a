import { sql } from "kysely";
import type { Executor } from "../db/database.js";
import { BusinessCalendar, DEFAULT_CUTOFF_HOUR } from "./business-days.js";
import { eachDate, localDate, type LocalDate } from "./dates.js";
import "./tables.js";

export interface NonWorkingDays {
  id: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
  reason: string;
  officialNotice: string;
  noticeUrl: string | null;
  createdByLabel: string;
}

/** A municipality's días inhábiles, by start date; with `year`, only ranges touching that year. */
export async function listNonWorkingDays(db: Executor, municipalityId: number, options: { year?: number } = {}): Promise<NonWorkingDays[]> {
  let query = db
    .selectFrom("municipal_non_working_days")
    .select([
      "id",
      sql<string>`starts_on::text`.as("starts_on"),
      sql<string>`ends_on::text`.as("ends_on"),
      "reason",
      "official_notice",
      "notice_url",
      "created_by_label",
    ])
    .where("municipality_id", "=", municipalityId);
  if (options.year !== undefined) {
    query = query
      .where("starts_on", "<=", localDate(options.year, 12, 31))
      .where("ends_on", ">=", localDate(options.year, 1, 1));
  }
  const rows = await query.orderBy("starts_on").orderBy("id").execute();
  return rows.map((r) => ({
    id: Number(r.id),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    reason: r.reason,
    officialNotice: r.official_notice,
    noticeUrl: r.notice_url,
    createdByLabel: r.created_by_label,
  }));
}

interface CacheEntry {
  fingerprint: string;
  calendar: BusinessCalendar;
}
const cache = new Map<number, CacheEntry>();

/** Forget cached calendars (one municipality, or all). */
export function clearCalendarCache(municipalityId?: number): void {
  if (municipalityId === undefined) cache.clear();
  else cache.delete(municipalityId);
}

/**
 * The business calendar of one municipality: statutory rest days plus its días inhábiles.
 * The built calendar is cached; a one-row index-only check (count, last id, last insert) tells
 * whether the days changed, so other processes' additions and emptied test databases are seen
 * at once.
 */
export async function loadCalendar(db: Executor, municipalityId: number): Promise<BusinessCalendar> {
  const probe = await db
    .selectFrom("municipal_non_working_days")
    .select([
      sql<string>`count(*)::text`.as("n"),
      sql<string>`coalesce(max(id), 0)::text`.as("last_id"),
      sql<string>`coalesce(max(created_at)::text, '')`.as("last_at"),
    ])
    .where("municipality_id", "=", municipalityId)
    .executeTakeFirstOrThrow();
  const fingerprint = `${probe.n}|${probe.last_id}|${probe.last_at}`;
  const cached = cache.get(municipalityId);
  if (cached && cached.fingerprint === fingerprint) return cached.calendar;
  const ranges = await listNonWorkingDays(db, municipalityId);
  const calendar = new BusinessCalendar(ranges.flatMap((r) => eachDate(r.startsOn, r.endsOn)));
  cache.set(municipalityId, { fingerprint, calendar });
  return calendar;
}

export interface CalendarSettings {
  timeZone: string;
  /** Local hour (fractional for minutes: 14.5 = 14:30) at and after which submissions count the next business day. */
  cutoffHour: number;
  /** "HH:MM" */
  cutoffTime: string;
}

export async function loadCalendarSettings(db: Executor, municipalityId: number): Promise<CalendarSettings> {
  const row = await db
    .selectFrom("municipalities as m")
    .leftJoin("calendar_settings as c", "c.municipality_id", "m.id")
    .select(["m.time_zone", sql<string | null>`to_char(c.cutoff_time, 'HH24:MI')`.as("cutoff")])
    .where("m.id", "=", municipalityId)
    .executeTakeFirst();
  if (!row) throw new RangeError(`No existe el municipio ${municipalityId}`);
  const cutoffTime = row.cutoff ?? `${String(DEFAULT_CUTOFF_HOUR).padStart(2, "0")}:00`;
  const [h, m] = cutoffTime.split(":").map(Number) as [number, number];
  return { timeZone: row.time_zone, cutoffTime, cutoffHour: h + m / 60 };
}

export interface Deadline {
  /** The date the submission counts as received (time zone and cut-off applied). */
  receivedOn: LocalDate;
  /** The last day of the term: `businessDays` business days after receivedOn. */
  dueOn: LocalDate;
}

/** A legal term in business days for a submission made at `receivedAt` in this municipality. */
export async function businessDeadline(db: Executor, municipalityId: number, receivedAt: Date, businessDays: number): Promise<Deadline> {
  const calendar = await loadCalendar(db, municipalityId);
  const settings = await loadCalendarSettings(db, municipalityId);
  const receivedOn = calendar.effectiveReceiptDate(receivedAt, settings.timeZone, settings.cutoffHour);
  return { receivedOn, dueOn: calendar.addBusinessDays(receivedOn, businessDays) };
}
