/** Kysely types of roundtables (migration 001). */
import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";

/** Sectors of a roundtable's member organisations (the process team adds "ciudadanía"; a roundtable seats organisations). */
export const ROUNDTABLE_SECTORS = ["gobierno", "sociedad_civil", "empresarial", "academia"] as const;
export type RoundtableSector = (typeof ROUNDTABLE_SECTORS)[number];

export const AGREEMENT_STATUSES = ["pendiente", "en_curso", "cumplido", "descartado"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const SESSION_FILE_TYPES = ["pdf", "xlsx", "csv", "docx", "odt", "png", "jpeg"] as const;
export type SessionFileType = (typeof SESSION_FILE_TYPES)[number];

type DateCol = string;

export interface RoundtableTable {
  municipality_id: number;
  process_id: number;
  id: Generated<number>;
  name: string;
  topic: Generated<string>;
  description: Generated<string>;
  next_agreement_number: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoundtableMemberTable {
  municipality_id: number;
  roundtable_id: number;
  id: Generated<number>;
  organisation: string;
  sector: RoundtableSector;
  representative_role: Generated<string>;
  representative_name: Generated<string>;
  name_public: Generated<boolean>;
  coordinator: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface RoundtableSessionTable {
  municipality_id: number;
  roundtable_id: number;
  id: Generated<number>;
  title: Generated<string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: Generated<string>;
  online_url: string | null;
  cancelled: Generated<boolean>;
  minutes: Generated<string>;
  minutes_published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoundtableAgendaItemTable {
  municipality_id: number;
  session_id: number;
  id: Generated<number>;
  position: number;
  title: string;
}

export interface RoundtableAttendanceTable {
  municipality_id: number;
  session_id: number;
  member_id: number;
}

export interface RoundtableSessionFileTable {
  municipality_id: number;
  session_id: number;
  id: Generated<number>;
  title: string;
  file_key: string;
  file_type: SessionFileType;
  file_bytes: number;
  sha256: string;
  thumbnail_key: string | null;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
}

export interface RoundtableAgreementTable {
  municipality_id: number;
  roundtable_id: number;
  id: Generated<number>;
  number: number;
  session_id: number | null;
  text: string;
  responsible_member_id: number | null;
  due_on: DateCol | null;
  status: Generated<AgreementStatus>;
  status_reason: Generated<string>;
  status_changed_at: Timestamp;
  proposal_id: number | null;
  proposal_number: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoundtableAgreementEventTable {
  municipality_id: number;
  agreement_id: number;
  id: Generated<number>;
  from_status: AgreementStatus | null;
  to_status: AgreementStatus;
  reason: Generated<string>;
  by_user: number | null;
  occurred_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    roundtables: RoundtableTable;
    roundtable_members: RoundtableMemberTable;
    roundtable_sessions: RoundtableSessionTable;
    roundtable_agenda_items: RoundtableAgendaItemTable;
    roundtable_attendance: RoundtableAttendanceTable;
    roundtable_session_files: RoundtableSessionFileTable;
    roundtable_agreements: RoundtableAgreementTable;
    roundtable_agreement_events: RoundtableAgreementEventTable;
  }
}
