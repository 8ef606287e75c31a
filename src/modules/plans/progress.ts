/**
 * The arithmetic of accountability, with no database: a commitment's progress from its weighted
 * milestones (never typed in), when a milestone is late in business days, the stage a commitment
 * is at, and the IRM's "starred" rule.
 */
import type { BusinessCalendar } from "../../platform/calendar/business-days.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { businessDaysLate } from "../../platform/calendar/overdue.js";
import { OPEN_MILESTONE_STATUSES, type CompletionLevel, type MilestoneStatus, type PotentialLevel } from "./tables.js";

export interface Progress {
  /** 0–100, rounded to a whole number; null when the commitment has no milestone that counts. */
  percent: number | null;
  completedWeight: number;
  /** Weight of the milestones that count: every one except cancelled ones. */
  totalWeight: number;
}

/** Completed milestones' weight over the weight of all milestones that were not cancelled. */
export function weightedProgress(milestones: readonly { weight: number; status: MilestoneStatus }[]): Progress {
  let completedWeight = 0;
  let totalWeight = 0;
  for (const m of milestones) {
    if (m.status === "cancelado") continue;
    totalWeight += m.weight;
    if (m.status === "completado") completedWeight += m.weight;
  }
  return { percent: totalWeight === 0 ? null : Math.round((100 * completedWeight) / totalWeight), completedWeight, totalWeight };
}

/** Whole business days an open milestone is past its due date (0 when on time, delivered or cancelled). */
export function milestoneDaysLate(calendar: BusinessCalendar, m: { status: MilestoneStatus; dueOn: LocalDate }, today: LocalDate): number {
  if (!OPEN_MILESTONE_STATUSES.includes(m.status)) return 0;
  return businessDaysLate(calendar, m.dueOn, today);
}

/** Overdue: still open one whole business day after its (effective) due date. */
export function isMilestoneOverdue(calendar: BusinessCalendar, m: { status: MilestoneStatus; dueOn: LocalDate }, today: LocalDate): boolean {
  return milestoneDaysLate(calendar, m, today) >= 1;
}

/** For the on-time chart: how a milestone stands against its due date. */
export type Punctuality = "a_tiempo" | "entregado_tarde" | "vencido" | "en_plazo" | "cancelado";

export function milestonePunctuality(
  calendar: BusinessCalendar,
  m: { status: MilestoneStatus; dueOn: LocalDate; completedOn: LocalDate | null },
  today: LocalDate,
): Punctuality {
  if (m.status === "cancelado") return "cancelado";
  if (m.status === "completado" && m.completedOn) {
    return businessDaysLate(calendar, m.dueOn, m.completedOn) >= 1 ? "entregado_tarde" : "a_tiempo";
  }
  return isMilestoneOverdue(calendar, m, today) ? "vencido" : "en_plazo";
}

export const COMMITMENT_STAGES = ["retirado", "completado", "con_retraso", "en_curso", "no_iniciado"] as const;
export type CommitmentStage = (typeof COMMITMENT_STAGES)[number];

/**
 * Where a commitment stands: withdrawn; complete (every counted milestone delivered); late (an
 * overdue milestone); under way (started by date or with a milestone moving); not started.
 */
export function commitmentStage(c: {
  withdrawn: boolean;
  progress: Progress;
  overdueMilestones: number;
  startedMilestones: number;
  startsOn: LocalDate;
  today: LocalDate;
}): CommitmentStage {
  if (c.withdrawn) return "retirado";
  if (c.progress.totalWeight > 0 && c.progress.completedWeight === c.progress.totalWeight) return "completado";
  if (c.overdueMilestones > 0) return "con_retraso";
  if (c.startedMilestones > 0 || c.progress.completedWeight > 0 || c.today >= c.startsOn) return "en_curso";
  return "no_iniciado";
}

/**
 * The IRM's starred commitment: verifiable, relevant to at least one OGP value, substantial
 * potential for results, and substantially or fully complete.
 */
export function isStarred(a: { verifiable: boolean; relevant: boolean; potential: PotentialLevel | null; completion: CompletionLevel }): boolean {
  return a.verifiable && a.relevant && a.potential === "sustancial" && (a.completion === "sustancial" || a.completion === "completo");
}
