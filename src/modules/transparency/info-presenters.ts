/** Output shapes of information requests: the public view (never the requester) and staff rows. */
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { EventRow, RequestRow, TurnRow } from "./info-queries.js";
import { OPEN_STATUSES } from "./info-tables.js";

/** The due date in force: the extended one once the Comité approved an extension. */
export function effectiveDue(r: RequestRow): string {
  return r.extended_due_on ?? r.due_on;
}

/** Still waiting for an answer after its due date (a prevenida request's term is interrupted). */
export function isOverdue(r: RequestRow, today: LocalDate): boolean {
  return OPEN_STATUSES.includes(r.status) && today > effectiveDue(r);
}

export interface PublicInfoRequest {
  folio: string;
  status: string;
  body: string;
  receivedOn: string;
  dueOn: string;
  extendedDueOn: string | null;
  answeredOn: string | null;
  answerText: string | null;
  classification: string | null;
  legalBasis: string | null;
  reservationYears: number | null;
  competentBody: string | null;
  comiteResolution: string | null;
  departments: string[];
  history: { step: string; legalDate: string; note: string | null }[];
  overdue: boolean;
}

/**
 * What anyone may read of an information request. Built field by field: the requester, the
 * channel, internal notes and who acted are never part of it. ARCO requests have no public view.
 */
export function presentPublicRequest(r: RequestRow, turns: TurnRow[], events: EventRow[], today: LocalDate): PublicInfoRequest | null {
  if (r.kind !== "information") return null;
  return {
    folio: r.folio,
    status: r.status,
    body: r.body,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    extendedDueOn: r.extended_due_on,
    answeredOn: r.answered_on,
    answerText: r.answer_text,
    classification: r.classification,
    legalBasis: r.legal_basis,
    reservationYears: r.reservation_years,
    competentBody: r.competent_body,
    comiteResolution: r.comite_resolution_number ? `${r.comite_resolution_number} (${r.comite_resolution_date})` : null,
    departments: turns.map((t) => t.departmentName),
    // Prevención notes are the unit's words to the requester about the request: public like the request.
    history: events.filter((e) => e.public).map((e) => ({ step: e.step, legalDate: e.legalDate, note: e.note })),
    overdue: isOverdue(r, today),
  };
}
