/**
 * Statutory rest days (Ley Federal del Trabajo, art. 74). 2020–2030 come from the shipped data
 * file (data/README.md); other years from the article's rules, which a test checks against the
 * file.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { localDate, toDayNumber, weekday, yearOf, type LocalDate } from "./dates.js";

export interface Holiday {
  date: LocalDate;
  nameEs: string;
  nameEn: string;
}

const DATA_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "data", "mx_statutory_holidays_2020_2030.json");
export const DATA_FIRST_YEAR = 2020;
export const DATA_LAST_YEAR = 2030;

let shipped: Map<number, Holiday[]> | null = null;

/** The shipped file, by year. */
export function shippedHolidays(): Map<number, Holiday[]> {
  if (shipped) return shipped;
  const raw = JSON.parse(fs.readFileSync(DATA_FILE, "utf8")) as { holidays: { date: string; name_es: string; name_en: string }[] };
  shipped = new Map();
  for (const h of raw.holidays) {
    const year = yearOf(h.date);
    if (!shipped.has(year)) shipped.set(year, []);
    shipped.get(year)!.push({ date: h.date, nameEs: h.name_es, nameEn: h.name_en });
  }
  for (const list of shipped.values()) list.sort((a, b) => (a.date < b.date ? -1 : 1));
  return shipped;
}

/** The n-th Monday (1-based) of a month. */
function nthMonday(year: number, month: number, n: number): LocalDate {
  const first = localDate(year, month, 1);
  const offset = (8 - weekday(first)) % 7; // days from the 1st to the first Monday
  return localDate(year, month, 1 + offset + (n - 1) * 7);
}

/**
 * Article 74 as amended in 2006 (Mondays instead of fixed dates) and for the transfer of the
 * Federal Executive: 1 December every six years until 2018, 1 October from 2024 on (the 2014
 * constitutional reform moved the inauguration).
 */
export function statutoryHolidaysByRule(year: number): Holiday[] {
  const mondays = year >= 2006;
  const list: Holiday[] = [
    { date: localDate(year, 1, 1), nameEs: "Año Nuevo", nameEn: "New Year's Day" },
    { date: mondays ? nthMonday(year, 2, 1) : localDate(year, 2, 5), nameEs: "Día de la Constitución", nameEn: "Constitution Day" },
    {
      date: mondays ? nthMonday(year, 3, 3) : localDate(year, 3, 21),
      nameEs: "Natalicio de Benito Juárez",
      nameEn: "Benito Juárez's birthday",
    },
    { date: localDate(year, 5, 1), nameEs: "Día del Trabajo", nameEn: "Labor Day" },
    { date: localDate(year, 9, 16), nameEs: "Día de la Independencia", nameEn: "Independence Day" },
    { date: mondays ? nthMonday(year, 11, 3) : localDate(year, 11, 20), nameEs: "Día de la Revolución", nameEn: "Revolution Day" },
    { date: localDate(year, 12, 25), nameEs: "Navidad", nameEn: "Christmas Day" },
  ];
  const transfer =
    year >= 2024 && (year - 2024) % 6 === 0
      ? localDate(year, 10, 1)
      : year >= 1970 && year <= 2018 && (2018 - year) % 6 === 0
        ? localDate(year, 12, 1)
        : null;
  if (transfer) list.push({ date: transfer, nameEs: "Transmisión del Poder Ejecutivo Federal", nameEn: "Change of Federal Government" });
  return list.sort((a, b) => toDayNumber(a.date) - toDayNumber(b.date));
}

/** Statutory rest days of one year, in date order. */
export function statutoryHolidays(year: number): Holiday[] {
  if (year >= DATA_FIRST_YEAR && year <= DATA_LAST_YEAR) return shippedHolidays().get(year) ?? [];
  return statutoryHolidaysByRule(year);
}
