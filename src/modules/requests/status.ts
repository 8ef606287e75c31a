import type { RequestStatus } from "./tables.js";

/**
 * The life of a request: recibida → asignada → en_proceso → atendida → cerrada, with rechazada
 * and duplicada (each with a public reason) as ends. Staff may reopen an atendida or cerrada
 * request (back to en_proceso) when the citizen says the problem is still there.
 */
const TRANSITIONS: Record<RequestStatus, RequestStatus[]> = {
  recibida: ["asignada", "en_proceso", "atendida", "rechazada", "duplicada"],
  asignada: ["recibida", "en_proceso", "atendida", "rechazada", "duplicada"],
  en_proceso: ["asignada", "atendida", "rechazada", "duplicada"],
  atendida: ["cerrada", "en_proceso"],
  cerrada: ["en_proceso"],
  rechazada: [],
  duplicada: [],
};

export function allowedTransitions(from: RequestStatus): RequestStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** A reason is required to reject or mark as duplicate: the citizen reads it on the folio page. */
export function requiresReason(to: RequestStatus): boolean {
  return to === "rechazada" || to === "duplicada";
}

/** Open = still waiting for the town hall. */
export const OPEN_STATUSES: RequestStatus[] = ["recibida", "asignada", "en_proceso"];
export const FINAL_STATUSES: RequestStatus[] = ["cerrada", "rechazada", "duplicada"];

export function isOpen(status: RequestStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Open311 reports only two states. */
export function open311Status(status: RequestStatus): "open" | "closed" {
  return isOpen(status) ? "open" : "closed";
}
