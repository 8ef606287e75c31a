/**
 * Dates as OGP's commitment sheet writes them. The sheet was typed by many hands over thirteen
 * years, so one column holds "1/1/2024", "31/12/2014", "1/1/19", "July 2014", "2012",
 * "Quarter 1 2014", "IV quarter of 2021", "NA", "Ongoing", spreadsheet serial numbers ("43525")
 * and years that a spreadsheet turned into dates of 1905 ("7/15/1905" is serial 2023: the year
 * 2023 typed into a date cell). Each is read as the day it names; a period (a month, a quarter,
 * a year) gives its first day for a start and its last day for an end. What cannot be read
 * faithfully ("Ongoing", "Spring 2015" — seasons depend on the hemisphere) is null, and the
 * importer falls back to the plan's period; the raw text is kept in the commitment's ogp_data.
 */
import { addDays, localDate, toDayNumber, type LocalDate } from "../../platform/calendar/dates.js";

export type Bound = "start" | "end";
/** How a numeric d/d/yyyy date is read when both parts could be the month. */
export type DayOrder = "mdy" | "dmy";

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
};
const ROMAN_QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
/** Day 0 of spreadsheet serial dates (Excel's 1900 system, as Google Sheets and LibreOffice count). */
const SERIAL_EPOCH: LocalDate = "1899-12-30";
const FIRST_YEAR = 1990;
const LAST_YEAR = 2100;

const plausibleYear = (y: number) => y >= FIRST_YEAR && y <= LAST_YEAR;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First or last day of the months [fromMonth, toMonth] of a year. */
function period(year: number, fromMonth: number, toMonth: number, bound: Bound): LocalDate | null {
  if (!plausibleYear(year)) return null;
  return bound === "start" ? localDate(year, fromMonth, 1) : localDate(year, toMonth, daysInMonth(year, toMonth));
}

const NUMERIC = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

/**
 * Evidence of the day order in numeric dates: "31/12/2014" can only be day-first, "12/31/2014"
 * only month-first. Used per row, then per action plan, since one plan's dates were typed alike.
 */
export function dayOrderEvidence(values: readonly string[]): DayOrder | null {
  let dmy = 0;
  let mdy = 0;
  for (const v of values) {
    const m = NUMERIC.exec(v.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) dmy++;
    else if (Number(m[2]) > 12) mdy++;
  }
  if (dmy === mdy) return null;
  return dmy > mdy ? "dmy" : "mdy";
}

/** A spreadsheet serial day number as a date. */
function fromSerial(serial: number): LocalDate {
  return addDays(SERIAL_EPOCH, serial);
}

function numericDate(a: number, b: number, rawYear: string, bound: Bound, order: DayOrder): LocalDate | null {
  let year = Number(rawYear);
  if (rawYear.length === 2) year += 2000;
  if (year < FIRST_YEAR) {
    // A year typed into a date cell: the cell shows the date whose serial number is that year.
    const serialYear = serialOf(year, a, b);
    return plausibleYear(serialYear) ? period(serialYear, 1, 12, bound) : null;
  }
  const [month, day] = a > 12 ? [b, a] : b > 12 ? [a, b] : order === "mdy" ? [a, b] : [b, a];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || !plausibleYear(year)) return null;
  return localDate(year, month, day);
}

/** Serial number of a month/day/year date (the artefact cells are always shown month-first). */
function serialOf(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return toDayNumber(localDate(year, month, day)) - toDayNumber(SERIAL_EPOCH);
}

/** One Start Date or End Date cell as a date, or null when it names no day, month, quarter or year. */
export function parseOgpDate(raw: string, bound: Bound, order: DayOrder = "mdy"): LocalDate | null {
  const text = raw.trim().replace(/\s+/g, " ");
  if (text === "") return null;
  let m = NUMERIC.exec(text);
  if (m) return numericDate(Number(m[1]), Number(m[2]), m[3]!, bound, order);
  if (/^\d{4}$/.test(text)) return period(Number(text), 1, 12, bound);
  if (/^\d{5}$/.test(text)) {
    const date = fromSerial(Number(text));
    return plausibleYear(Number(date.slice(0, 4))) ? date : null;
  }
  m = /^([a-záéíóú]+),? (?:de )?(\d{4})$/i.exec(text);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    return month ? period(Number(m[2]), month, month, bound) : null;
  }
  m = /^(?:quarter ([1-4]),? (\d{4})|(iv|iii|ii|i) quarter of (\d{4})|q([1-4]) (\d{4}))$/i.exec(text);
  if (m) {
    const quarter = Number(m[1] ?? m[5] ?? ROMAN_QUARTERS[(m[3] ?? "").toLowerCase()]);
    const year = Number(m[2] ?? m[4] ?? m[6]);
    return period(year, quarter * 3 - 2, quarter * 3, bound);
  }
  return null;
}
