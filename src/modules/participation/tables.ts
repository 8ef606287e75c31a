/** Kysely types of participatory processes and participants (migration 001). */
import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";

export const PROCESS_STATUSES = ["draft", "published", "closed"] as const;
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];

/** What a phase can open. Each component module checks it before accepting input. */
export const COMPONENTS = ["consultations", "proposals", "supports", "comments", "approval_voting", "budgeting", "pairwise", "roundtables"] as const;
export type Component = (typeof COMPONENTS)[number];

export const SECTORS = ["gobierno", "sociedad_civil", "empresarial", "academia", "ciudadania"] as const;
export type Sector = (typeof SECTORS)[number];

/** Actions a participant performs; each process says which level each one needs. */
export const PARTICIPATION_ACTIONS = ["comment", "answer_consultation", "propose", "support", "report", "approval_vote", "budget_vote", "pairwise"] as const;
export type ParticipationAction = (typeof PARTICIPATION_ACTIONS)[number];

/** guest: cookie + confirmed e-mail, no account; account: verified e-mail account; identity: verified CURP. */
export const PARTICIPATION_LEVELS = ["guest", "account", "identity"] as const;
export type ParticipationLevel = (typeof PARTICIPATION_LEVELS)[number];

export const PARTICIPANT_KINDS = ["account", "guest", "in_person"] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export const DOCUMENT_TYPES = ["pdf", "xlsx", "csv", "docx", "odt", "png", "jpeg"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

type DateCol = string;

export interface ParticipatoryProcessTable {
  municipality_id: number;
  id: Generated<number>;
  slug: string;
  title: string;
  summary: Generated<string>;
  description: Generated<string>;
  status: Generated<ProcessStatus>;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface ProcessPhaseTable {
  municipality_id: number;
  process_id: number;
  id: Generated<number>;
  position: number;
  title: string;
  description: Generated<string>;
  starts_on: DateCol;
  ends_on: DateCol;
  components: Generated<Component[]>;
}

export interface ProcessMemberTable {
  municipality_id: number;
  process_id: number;
  id: Generated<number>;
  name: string;
  organisation: Generated<string>;
  sector: Sector;
  role: Generated<string>;
  position: Generated<number>;
}

export interface ProcessDocumentTable {
  municipality_id: number;
  process_id: number;
  id: Generated<number>;
  title: string;
  file_key: string;
  file_name: string;
  file_type: DocumentType;
  file_bytes: number;
  sha256: string;
  uploaded_by: number | null;
  uploaded_at: Generated<Timestamp>;
}

export interface ProcessParticipationRuleTable {
  municipality_id: number;
  process_id: number;
  action: ParticipationAction;
  level: ParticipationLevel;
}

export interface ParticipantTable {
  municipality_id: number;
  id: Generated<number>;
  kind: ParticipantKind;
  user_id: number | null;
  email: string | null;
  email_confirmed_at: Timestamp | null;
  cookie_hash: string | null;
  identity_hash: string | null;
  identity_verified_at: Timestamp | null;
  identity_verified_by: number | null;
  created_at: Generated<Timestamp>;
}

export interface ParticipantTokenTable {
  municipality_id: number;
  id: string;
  participant_id: number;
  purpose: "confirm_email";
  email: string;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    participatory_processes: ParticipatoryProcessTable;
    process_phases: ProcessPhaseTable;
    process_members: ProcessMemberTable;
    process_documents: ProcessDocumentTable;
    process_participation_rules: ProcessParticipationRuleTable;
    participation_settings: { municipality_id: number; identity_salt: string };
    participants: ParticipantTable;
    participant_tokens: ParticipantTokenTable;
  }
}
