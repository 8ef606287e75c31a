/**
 * The legal deadline engine: from the instant a request arrived (and, when they happen, the
 * prevención, its clarification and the notified answer) to every legal date of its profile.
 * Pure functions over a BusinessCalendar, plus one loader for a municipality (or the nation).
 *
 * Counting, as the laws word it: a request submitted on a non-business day or after the
 * cut-off counts as received on the next business day (receivedOn); a term of n days ends on
 * the n-th business day after the day it counts from (addBusinessDays).
 *
 * Prevención (LGTAIP art. 128; LGPDPPSO art. 52): issued once, within `prevention` days of
 * receipt; the requester has `clarify` days counted from the day after it was notified; it
 * interrupts the response term, which "comenzará a computarse nuevamente al día siguiente del
 * desahogo": the full response term runs again from the clarification date. A clarification
 * sent on a non-business day is taken as made on the next business day (like a receipt), so the
 * first counted day is the business day after that. A clarification after clarifyBy means the
 * request is treated as not filed: the engine refuses to give a due date for it.
 */
import { BusinessCalendar, DEFAULT_CUTOFF_HOUR } from "../../platform/calendar/business-days.js";
import { instantAtLocal, isLocalDate, type LocalDate } from "../../platform/calendar/dates.js";
import { loadCalendar, loadCalendarSettings } from "../../platform/calendar/queries.js";
import type { Executor } from "../../platform/db/database.js";
import type { LegalProfile } from "./profiles.js";

export interface DeadlineInput {
  receivedAt: Date;
  /** The day the prevención was notified to the requester. */
  preventionNotifiedOn?: LocalDate;
  /** The day the requester answered the prevención (desahogo). */
  clarifiedOn?: LocalDate;
  /** The day the answer was notified: starts the recurso window (and ARCO's effect term). */
  answerNotifiedOn?: LocalDate;
}

export interface LegalDeadlines {
  receivedOn: LocalDate;
  preventionBy: LocalDate;
  incompetenceBy: LocalDate;
  /** With a prevención: the last day to clarify. */
  clarifyBy: LocalDate | null;
  /** With a clarification: the business day the response term counts from. */
  restartedFrom: LocalDate | null;
  due: LocalDate;
  extendedDue: LocalDate;
  recursoBy: LocalDate | null;
  madeEffectiveBy: LocalDate | null;
}

export interface ReceiptRules {
  timeZone: string;
  cutoffHour: number;
}

/** Without a municipality: national rest days only, Mexico City time, 18:00 cut-off. */
export const NATIONAL_RULES: ReceiptRules = { timeZone: "America/Mexico_City", cutoffHour: DEFAULT_CUTOFF_HOUR };

/** Input that contradicts the law's sequence; `field` names the input at fault. */
export class DeadlineInputError extends Error {
  constructor(
    readonly field: keyof DeadlineInput,
    message: string,
  ) {
    super(message);
  }
}

export function computeDeadlines(calendar: BusinessCalendar, rules: ReceiptRules, profile: LegalProfile, input: DeadlineInput): LegalDeadlines {
  const receivedOn = calendar.effectiveReceiptDate(input.receivedAt, rules.timeZone, rules.cutoffHour);
  const preventionBy = calendar.addBusinessDays(receivedOn, profile.prevention.days);
  const incompetenceBy = calendar.addBusinessDays(receivedOn, profile.incompetence.days);
  let countFrom = receivedOn;
  let clarifyBy: LocalDate | null = null;
  let restartedFrom: LocalDate | null = null;
  const { preventionNotifiedOn: notified, clarifiedOn } = input;
  if (clarifiedOn !== undefined && notified === undefined) {
    throw new DeadlineInputError("clarifiedOn", "Sin una prevención notificada no hay aclaración que registrar.");
  }
  if (notified !== undefined) {
    if (notified < receivedOn) throw new DeadlineInputError("preventionNotifiedOn", `La prevención no puede notificarse antes de la recepción (${receivedOn}).`);
    if (notified > preventionBy) {
      throw new DeadlineInputError("preventionNotifiedOn", `La prevención debía notificarse a más tardar el ${preventionBy} (${profile.prevention.article}); una prevención tardía no interrumpe el plazo.`);
    }
    clarifyBy = calendar.addBusinessDays(calendar.businessDayOnOrAfter(notified), profile.clarify.days);
    if (clarifiedOn !== undefined) {
      if (clarifiedOn < notified) throw new DeadlineInputError("clarifiedOn", "La aclaración no puede ser anterior a la notificación de la prevención.");
      const effective = calendar.businessDayOnOrAfter(clarifiedOn);
      if (effective > clarifyBy) {
        throw new DeadlineInputError("clarifiedOn", `El plazo para aclarar venció el ${clarifyBy} (${profile.clarify.article}): la solicitud se tiene por no presentada.`);
      }
      countFrom = effective;
      restartedFrom = calendar.nextBusinessDay(effective);
    }
  }
  const due = calendar.addBusinessDays(countFrom, profile.response.days);
  const extendedDue = calendar.addBusinessDays(due, profile.extension.days);
  let recursoBy: LocalDate | null = null;
  let madeEffectiveBy: LocalDate | null = null;
  if (input.answerNotifiedOn !== undefined) {
    if (input.answerNotifiedOn < receivedOn) throw new DeadlineInputError("answerNotifiedOn", `La respuesta no puede notificarse antes de la recepción (${receivedOn}).`);
    const answered = calendar.businessDayOnOrAfter(input.answerNotifiedOn);
    recursoBy = calendar.addBusinessDays(answered, profile.recurso.days);
    if (profile.madeEffective) madeEffectiveBy = calendar.addBusinessDays(answered, profile.madeEffective.days);
  }
  return { receivedOn, preventionBy, incompetenceBy, clarifyBy, restartedFrom, due, extendedDue, recursoBy, madeEffectiveBy };
}

/** The calendar and receipt rules of a municipality, or the national ones when null. */
export async function loadReceiptCalendar(db: Executor, municipalityId: number | null): Promise<{ calendar: BusinessCalendar; rules: ReceiptRules }> {
  if (municipalityId === null) return { calendar: new BusinessCalendar(), rules: NATIONAL_RULES };
  const settings = await loadCalendarSettings(db, municipalityId);
  return { calendar: await loadCalendar(db, municipalityId), rules: { timeZone: settings.timeZone, cutoffHour: settings.cutoffHour } };
}

/** Deadlines of a request to a municipality (null: national rest days only). */
export async function deadlinesFor(db: Executor, municipalityId: number | null, profile: LegalProfile, input: DeadlineInput): Promise<LegalDeadlines> {
  const { calendar, rules } = await loadReceiptCalendar(db, municipalityId);
  return computeDeadlines(calendar, rules, profile, input);
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An ISO date-time: "2026-11-13T19:00" is a wall-clock time in `timeZone`; with "Z" or an
 * offset ("2026-11-13T19:00-06:00") it is that exact instant. Null when malformed.
 */
export function parseReceivedAt(text: string, timeZone: string): Date | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m || !isLocalDate(m[1])) return null;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (m[5]) {
    const instant = new Date(`${m[1]}T${m[2]}:${m[3]}:${String(second).padStart(2, "0")}${m[5]}`);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  return instantAtLocal(m[1]!, { hour, minute, second }, timeZone);
}
