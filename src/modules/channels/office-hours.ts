/**
 * An office's opening hours: the weekly grid staff fill in (for each weekday an opening and a
 * closing time, or neither when it does not open), and whether it is open at a given instant in
 * the municipality's time zone. Times are "HH:MM" on a 24-hour clock, local to the municipality.
 */
import type { Checker } from "../plans/staff-inputs.js";
import type { OfficeHours } from "./tables.js";

/** 1 = Monday … 7 = Sunday (ISO), the order of the grid and of the public table. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The weekday's name inside a Spanish message ("del lunes"). */
const DAY_NAMES = ["", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"];

/** What the grid sent for one weekday. */
export interface DayInput {
  day: number;
  opens: string;
  closes: string;
}

/** "8:30" → "08:30"; anything that is not a time of day → null. */
export function normaliseTime(text: string): string | null {
  const m = /^\s*(\d{1,2}):(\d{2})(?::00)?\s*$/.exec(text ?? "");
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${m[2]}`;
}

/**
 * The week's hours from the grid, each problem recorded against its day (`hours-<day>`): a day
 * with both times empty is closed; one time alone, a malformed time, or a closing time not after
 * the opening time is a mistake.
 */
export function checkHours(c: Checker, days: DayInput[]): OfficeHours[] {
  const hours: OfficeHours[] = [];
  for (const day of WEEKDAYS) {
    const input = days.find((d) => d.day === day) ?? { day, opens: "", closes: "" };
    const field = `hours-${day}`;
    const name = DAY_NAMES[day];
    const opensText = (input.opens ?? "").trim();
    const closesText = (input.closes ?? "").trim();
    if (opensText === "" && closesText === "") continue;
    if (opensText === "" || closesText === "") {
      c.fail(field, `Escriba la hora de apertura y la de cierre del ${name}, o deje ambas vacías si ese día no abre.`);
      continue;
    }
    const opens = normaliseTime(opensText);
    const closes = normaliseTime(closesText);
    if (!opens || !closes) {
      c.fail(field, `La hora ${!opens ? "de apertura" : "de cierre"} del ${name} no es válida: use el formato HH:MM de 24 horas (p. ej. 08:30).`);
      continue;
    }
    if (closes <= opens) {
      c.fail(field, `El ${name} la hora de cierre (${closes}) debe ser posterior a la de apertura (${opens}).`);
      continue;
    }
    hours.push({ day, opens, closes });
  }
  return hours;
}

/** The weekday (1 = Monday) and "HH:MM" of an instant in a time zone. */
export function localClock(timeZone: string, now: Date): { day: number; time: string } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(part("weekday")) + 1;
  return { day, time: `${part("hour")}:${part("minute")}` };
}

/**
 * Whether the office is open at `now`: "open" or "closed" by its hours, or "unknown" when it has
 * published no hours at all (a page then says so instead of claiming it is closed).
 */
export function openingState(hours: OfficeHours[], timeZone: string, now: Date): "open" | "closed" | "unknown" {
  if (hours.length === 0) return "unknown";
  const { day, time } = localClock(timeZone, now);
  return hours.some((h) => h.day === day && h.opens <= time && time < h.closes) ? "open" : "closed";
}

/** The periods of one weekday, in order (the model allows several a day; the grid edits one). */
export function hoursOf(hours: OfficeHours[], day: number): OfficeHours[] {
  return hours.filter((h) => h.day === day).sort((a, b) => (a.opens < b.opens ? -1 : 1));
}
