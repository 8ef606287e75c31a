/**
 * The hearings as iCalendar events (platform/ical.ts writes RFC 5545): one event per hearing, its
 * UID stable across edits (the municipality and the hearing's id), times in UTC, the place with the
 * office's address, the officials present and the page's address. Public facts only.
 */
import { buildCalendar, type CalendarEvent } from "../../platform/ical.js";
import type { HearingView } from "./hearing-queries.js";
import { hearingPath } from "./urls.js";

export function hearingEvent(h: HearingView, m: { id: number; slug: string }, publicUrl: string): CalendarEvent {
  const host = new URL(publicUrl).hostname;
  const url = `${publicUrl}${hearingPath(m.slug, h.slug)}`;
  const officials = h.officials.length ? `Servidores públicos presentes:\n${h.officials.map((o) => `- ${o}`).join("\n")}\n\n` : "";
  const location = h.office && !h.place.includes(h.office.address) ? `${h.place}, ${h.office.address}` : h.place;
  return {
    uid: `audiencia-${m.id}-${h.id}@${host}`,
    startsAt: h.startsAt,
    endsAt: h.endsAt,
    summary: h.title,
    description: `${h.description ? `${h.description}\n\n` : ""}${officials}Turnos y resumen: ${url}`,
    location,
    url,
    cancelled: h.status === "cancelada",
    updatedAt: h.updatedAt,
  };
}

export function hearingsCalendar(hearings: HearingView[], m: { id: number; slug: string; name: string; timeZone: string }, publicUrl: string, now = new Date()): string {
  return buildCalendar(
    { prodId: "-//Cabildo//Audiencias publicas//ES", name: `Audiencias públicas · ${m.name}`, timeZone: m.timeZone, now },
    hearings.map((h) => hearingEvent(h, m, publicUrl)),
  );
}
