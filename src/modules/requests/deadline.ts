/**
 * Target times. Business-day targets end at the close of the due day in the municipality's
 * time zone, counted by the platform calendar (weekends, LFT art. 74 rest days and the
 * municipality's días inhábiles skipped; after the cut-off hour a request counts from the next
 * business day). Hour targets (urgent services: a water leak) run on the clock, 24/7.
 */
import type { Executor } from "../../platform/db/database.js";
import { instantAtLocal, localDateTimeAt, type LocalDate } from "../../platform/calendar/dates.js";
import { loadCalendar, loadCalendarSettings } from "../../platform/calendar/queries.js";
import type { TargetUnit } from "./tables.js";

export interface Target {
  amount: number;
  unit: TargetUnit;
}

export async function computeDue(db: Executor, municipalityId: number, createdAt: Date, target: Target): Promise<{ receivedOn: LocalDate; dueAt: Date }> {
  const settings = await loadCalendarSettings(db, municipalityId);
  if (target.unit === "hours") {
    return { receivedOn: localDateTimeAt(createdAt, settings.timeZone).date, dueAt: new Date(createdAt.getTime() + target.amount * 3_600_000) };
  }
  const calendar = await loadCalendar(db, municipalityId);
  const receivedOn = calendar.effectiveReceiptDate(createdAt, settings.timeZone, settings.cutoffHour);
  const dueOn = calendar.addBusinessDays(receivedOn, target.amount);
  return { receivedOn, dueAt: instantAtLocal(dueOn, { hour: 23, minute: 59, second: 59, ms: 999 }, settings.timeZone) };
}

export type Urgency = "overdue" | "due_soon" | "on_time" | "done";

/** How a request stands against its target: overdue, due within a day, or on time. */
export function urgencyOf(dueAt: Date, open: boolean, now: Date = new Date()): Urgency {
  if (!open) return "done";
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return "overdue";
  if (left < 24 * 3_600_000) return "due_soon";
  return "on_time";
}

/** "3 días", "5 horas", "vencida hace 2 días": time left in words, for staff lists. */
export function timeLeftText(dueAt: Date, now: Date = new Date()): string {
  const ms = dueAt.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const hours = Math.round(abs / 3_600_000);
  const amount = hours >= 48 ? `${Math.round(hours / 24)} días` : hours === 1 ? "1 hora" : `${hours} horas`;
  return ms >= 0 ? amount : `vencida hace ${amount}`;
}
