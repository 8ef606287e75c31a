/** Output shapes of information requests: the public view (never the requester) and staff rows. */
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { EventRow, RequestRow, TurnRow } from "./info-queries.js";
import { OPEN_STATUSES } from "./info-tables.js";
import type { AttachmentRow } from "./info-attachments-queries.js";
import type { AttachmentType } from "./info-attachments-tables.js";

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
  /** `files`: names of the attachments the step brought that this audience may see. */
  history: { step: string; legalDate: string; note: string | null; files: string[] }[];
  attachments: PresentedAttachment[];
  overdue: boolean;
}

/** An attachment with the link that downloads it. */
export interface PresentedAttachment {
  id: number;
  fileName: string;
  fileType: AttachmentType;
  byteSize: number;
  href: string;
}

/** What staff see of an attachment besides: who added it and whether it is a versión pública. */
export interface StaffAttachment extends PresentedAttachment {
  departmentId: number | null;
  departmentName: string | null;
  publicVersion: boolean;
  uploadedAt: Date;
  sha256: string;
}

/** Attachments of one request, `base` being the request's page (public or staff). */
export interface AttachmentSet {
  rows: AttachmentRow[];
  base: string;
}

export function presentAttachment(a: AttachmentRow, base: string): PresentedAttachment {
  return { id: a.id, fileName: a.fileName, fileType: a.fileType, byteSize: a.byteSize, href: `${base}/anexos/${a.id}` };
}

export function presentStaffAttachment(a: AttachmentRow, base: string): StaffAttachment {
  return { ...presentAttachment(a, base), departmentId: a.departmentId, departmentName: a.departmentName, publicVersion: a.publicVersion, uploadedAt: a.uploadedAt, sha256: a.sha256 };
}

const filesOf = (set: AttachmentSet, eventId: number) => set.rows.filter((a) => a.eventId === eventId).map((a) => a.fileName);

/**
 * What anyone may read of an information request. Built field by field: the requester, the
 * channel, internal notes and who acted are never part of it. ARCO requests have no public view.
 * `files` are the attachments to show: for the public, only publicAttachments().
 */
export function presentPublicRequest(r: RequestRow, turns: TurnRow[], events: EventRow[], today: LocalDate, files: AttachmentSet = { rows: [], base: "" }): PublicInfoRequest | null {
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
    history: events.filter((e) => e.public).map((e) => ({ step: e.step, legalDate: e.legalDate, note: e.note, files: filesOf(files, e.id) })),
    // Callers give only the attachments this audience may download (publicAttachments for the public).
    attachments: files.rows.map((a) => presentAttachment(a, files.base)),
    overdue: isOverdue(r, today),
  };
}

/** The history as staff see it: every event, each with the files it brought. */
export function staffHistory(events: EventRow[], files: AttachmentSet): PublicInfoRequest["history"] {
  return events.map((e) => ({ step: e.step, legalDate: e.legalDate, note: e.note, files: filesOf(files, e.id) }));
}
