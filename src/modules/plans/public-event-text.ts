/**
 * Milestone events in words, the same on the commitment page, in the Atom feed and in subscribers'
 * e-mails: "Estado: En curso → Completado", "Fecha compromiso: … → …", "Evidencia agregada: …".
 */
import { MILESTONE_STATUSES, type MilestoneEventKind, type MilestoneStatus } from "./tables.js";

/** A translation function with full keys ("plansPublic:…"), e.g. ctx.t or translator("es-MX"). */
export type Say = (key: string, options?: Record<string, unknown>) => string;

/** A local date (AAAA-MM-DD) in words, e.g. "14 de marzo de 2026". */
export function longDateIn(locale: string, date: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en" : "es-MX", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}

export function describeMilestoneEvent(say: Say, locale: string, e: { kind: MilestoneEventKind; fromValue: string | null; toValue: string | null }): string {
  const status = (v: string | null) => (v && (MILESTONE_STATUSES as readonly string[]).includes(v) ? say(`plansPublic:milestoneStatus.${v as MilestoneStatus}`) : (v ?? "—"));
  const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? longDateIn(locale, v) : (v ?? "—"));
  switch (e.kind) {
    case "estado":
      return say("plansPublic:event.estado", { from: status(e.fromValue), to: status(e.toValue) });
    case "fecha":
      return say("plansPublic:event.fecha", { from: date(e.fromValue), to: date(e.toValue) });
    case "evidencia":
      return e.toValue ? say("plansPublic:event.evidenciaNamed", { title: e.toValue }) : say("plansPublic:event.evidencia");
    default:
      return say(`plansPublic:event.${e.kind}`);
  }
}
