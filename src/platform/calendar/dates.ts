/**
 * Local calendar dates as `YYYY-MM-DD` strings. Arithmetic is on day numbers (days since
 * 1970-01-01 in the proleptic Gregorian calendar), never on 24-hour periods of an instant.
 */
export type LocalDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== "string") return false;
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function assertLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`Fecha inválida: "${value}" (use AAAA-MM-DD)`);
  return value;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function toDayNumber(date: LocalDate): number {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`Fecha inválida: "${date}"`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

export function fromDayNumber(day: number): LocalDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function localDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = toDayNumber(from), end = toDayNumber(to); d <= end; d++) out.push(fromDayNumber(d));
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a time zone (IANA name). */
export function localDateTimeAt(instant: Date, timeZone: string): { date: LocalDate; hour: number; minute: number; second: number } {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: localDate(Number(parts.year), Number(parts.month), Number(parts.day)),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Intl accepts the name: a real IANA time zone. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a local wall-clock time happens in a time zone, e.g. the end of a due day
 * (23:59:59.999 local). Found by correcting a UTC guess with the zone's offset twice, which
 * also settles days when the offset changes (daylight saving, where a zone still has it).
 */
export function instantAtLocal(date: LocalDate, time: { hour: number; minute: number; second: number; ms?: number }, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wanted = Date.UTC(y, m - 1, d, time.hour, time.minute, time.second, time.ms ?? 0);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const local = localDateTimeAt(new Date(guess), timeZone);
    const [ly, lm, ld] = local.date.split("-").map(Number) as [number, number, number];
    const seen = Date.UTC(ly, lm - 1, ld, local.hour, local.minute, local.second, time.ms ?? 0);
    guess += wanted - seen;
  }
  return new Date(guess);
}

const SPANISH_WEEKDAYS = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"];

/** "martes 2026-11-17": a date with its Spanish weekday, for command-line output. */
export function withSpanishWeekday(date: LocalDate): string {
  return `${SPANISH_WEEKDAYS[weekday(date)]} ${date}`;
}
