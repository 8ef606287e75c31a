/**
 * Business days for legal deadlines: weekends, statutory rest days and a municipality's días
 * inhábiles are not business days. Pure: no database, no clock.
 */
import { addDays, isLocalDate, localDateTimeAt, toDayNumber, weekday, yearOf, type LocalDate } from "./dates.js";
import { statutoryHolidays } from "./holidays.js";

/** Office hours end at 18:00 unless a municipality sets another cut-off. */
export const DEFAULT_CUTOFF_HOUR = 18;

/** Far enough for any legal deadline; stops a runaway loop on a calendar with no business days. */
const MAX_SEARCH_DAYS = 3660;

export class BusinessCalendar {
  private readonly extra: Set<LocalDate>;
  private readonly statutoryByYear = new Map<number, Set<LocalDate>>();

  /** @param nonWorkingDays extra non-business dates (a municipality's días inhábiles, expanded). */
  constructor(
    nonWorkingDays: Iterable<LocalDate> = [],
    private readonly holidaysOf: (year: number) => { date: LocalDate }[] = statutoryHolidays,
  ) {
    this.extra = new Set(nonWorkingDays);
  }

  private check(date: LocalDate): void {
    if (!isLocalDate(date)) throw new RangeError(`Fecha inválida: "${date}" (use AAAA-MM-DD)`);
  }

  isStatutoryHoliday(date: LocalDate): boolean {
    const year = yearOf(date);
    let set = this.statutoryByYear.get(year);
    if (!set) {
      set = new Set(this.holidaysOf(year).map((h) => h.date));
      this.statutoryByYear.set(year, set);
    }
    return set.has(date);
  }

  isBusinessDay(date: LocalDate): boolean {
    this.check(date);
    const wd = weekday(date);
    return wd !== 0 && wd !== 6 && !this.isStatutoryHoliday(date) && !this.extra.has(date);
  }

  /** The first business day strictly after `date`. */
  nextBusinessDay(date: LocalDate): LocalDate {
    this.check(date);
    let d = date;
    for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
      d = addDays(d, 1);
      if (this.isBusinessDay(d)) return d;
    }
    throw new RangeError(`No hay días hábiles en los ${MAX_SEARCH_DAYS} días posteriores a ${date}`);
  }

  /** The day `date` if it is a business day, else the next one. */
  businessDayOnOrAfter(date: LocalDate): LocalDate {
    return this.isBusinessDay(date) ? date : this.nextBusinessDay(date);
  }

  /**
   * The n-th business day after `date` (counting starts the day after, as legal terms do):
   * addBusinessDays(Monday, 1) is Tuesday. n = 0 returns `date` unchanged.
   */
  addBusinessDays(date: LocalDate, n: number): LocalDate {
    this.check(date);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`El número de días hábiles debe ser un entero ≥ 0 (se recibió ${n})`);
    let d = date;
    for (let i = 0; i < n; i++) d = this.nextBusinessDay(d);
    return d;
  }

  /**
   * Business days d with a < d ≤ b: the days elapsed from `a` to `b`, so that
   * businessDaysBetween(a, addBusinessDays(a, n)) = n. Negative when b is before a.
   */
  businessDaysBetween(a: LocalDate, b: LocalDate): number {
    this.check(a);
    this.check(b);
    if (toDayNumber(b) < toDayNumber(a)) return -this.businessDaysBetween(b, a);
    let count = 0;
    for (let d = addDays(a, 1); toDayNumber(d) <= toDayNumber(b); d = addDays(d, 1)) if (this.isBusinessDay(d)) count++;
    return count;
  }

  /**
   * The local date a submission made at `instant` counts as received: its date in the
   * municipality's time zone, or the next business day when that date is not a business day
   * or the submission came at or after the cut-off hour (e.g. 18 or 14.5 for 14:30).
   */
  effectiveReceiptDate(instant: Date, timeZone: string, cutoffHour: number = DEFAULT_CUTOFF_HOUR): LocalDate {
    if (Number.isNaN(instant.getTime())) throw new RangeError("Instante inválido");
    const local = localDateTimeAt(instant, timeZone);
    const minutes = local.hour * 60 + local.minute + local.second / 60;
    if (!this.isBusinessDay(local.date) || minutes >= cutoffHour * 60) return this.nextBusinessDay(local.date);
    return local.date;
  }
}
