/**
 * The shapes roundtable data leaves the server in. Organisations are public; a representative's
 * name only when staff marked it public; draft minutes and who changed what only for staff.
 */
import type { AgreementStatus, RoundtableSector, SessionFileType } from "./tables.js";

export interface MemberRow {
  id: number;
  organisation: string;
  sector: RoundtableSector;
  representative_role: string;
  representative_name: string;
  name_public: boolean;
  coordinator: boolean;
  active: boolean;
}

export interface PublicMember {
  id: number;
  organisation: string;
  sector: RoundtableSector;
  representativeRole: string;
  /** Only when staff marked it public. */
  representativeName: string | null;
  coordinator: boolean;
  active: boolean;
}

export interface StaffMember extends PublicMember {
  representativeName: string;
  namePublic: boolean;
}

export function presentPublicMember(r: MemberRow): PublicMember {
  return {
    id: r.id,
    organisation: r.organisation,
    sector: r.sector,
    representativeRole: r.representative_role,
    representativeName: r.name_public && r.representative_name ? r.representative_name : null,
    coordinator: r.coordinator,
    active: r.active,
  };
}

export function presentStaffMember(r: MemberRow): StaffMember {
  return { ...presentPublicMember(r), representativeName: r.representative_name, namePublic: r.name_public };
}

export interface SessionSummary {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  onlineUrl: string | null;
  cancelled: boolean;
  minutesPublished: boolean;
}

export interface SessionFileView {
  id: number;
  title: string;
  fileType: SessionFileType;
  bytes: number;
  hasThumbnail: boolean;
}

export interface SessionDetail extends SessionSummary {
  roundtableId: number;
  agenda: string[];
  /** Member ids present. */
  attendance: number[];
  /** Public view: the text only once published; staff view: the draft too. */
  minutes: string | null;
  minutesPublishedAt: Date | null;
  files: SessionFileView[];
  updatedAt: Date;
}

export interface AgreementView {
  id: number;
  roundtableId: number;
  roundtableName: string;
  number: number;
  text: string;
  responsible: { id: number; organisation: string; sector: RoundtableSector } | null;
  dueOn: string | null;
  status: AgreementStatus;
  statusReason: string;
  statusChangedAt: Date;
  sessionId: number | null;
  proposalId: number | null;
  proposalNumber: number | null;
  createdAt: Date;
  /** Business days late (0 when not overdue or closed). */
  daysLate: number;
}

export interface AgreementEventView {
  fromStatus: AgreementStatus | null;
  toStatus: AgreementStatus;
  reason: string;
  occurredAt: Date;
}
