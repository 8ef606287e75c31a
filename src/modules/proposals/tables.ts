/** Kysely types of proposals, supports, comments, history, reports and the moderation log (migration 001; event kinds from 002). */
import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";

export const PROPOSAL_KINDS = ["tema", "idea", "reto", "propuesta"] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const PROPOSAL_STATUSES = ["publicada", "en_evaluacion", "aceptada", "no_viable", "fusionada"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** The statuses an official answer can give. */
export const ANSWER_STATUSES = ["aceptada", "en_evaluacion", "no_viable"] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

export const REPORT_REASONS = ["spam", "ofensivo", "datos_personales", "fuera_de_tema", "otro"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const PROPOSAL_CHANNELS = ["online", "in_person", "brigade", "hearing", "office", "phone"] as const;
/** Where a proposal came from: the web, an in-person session, a field brigade, an open hearing, an office, the phone. */
export type ProposalChannel = (typeof PROPOSAL_CHANNELS)[number];
export type ProposalEventKind = "created" | "threshold" | "answer" | "merged_into" | "merged_from" | "hidden" | "commitment" | "commitment_adopted";

export interface ProposalSettingsTable {
  municipality_id: number;
  process_id: number;
  support_threshold: Generated<number>;
  last_number: Generated<number>;
}

export interface ProposalCategoryTable {
  municipality_id: number;
  process_id: number;
  id: Generated<number>;
  name: string;
}

export interface ProposalTable {
  municipality_id: number;
  id: Generated<number>;
  process_id: number;
  number: number;
  kind: ProposalKind;
  title: string;
  body: string;
  category_id: number | null;
  colonia_id: number | null;
  colonia_source: "polygon" | "chosen" | null;
  lat: number | null;
  lon: number | null;
  image_key: string | null;
  thumbnail_key: string | null;
  image_width: number | null;
  image_height: number | null;
  channel: ProposalChannel;
  author_participant_id: number;
  entered_by: number | null;
  status: Generated<ProposalStatus>;
  answer: string | null;
  answered_at: Timestamp | null;
  merged_into_id: number | null;
  supports_count: Generated<number>;
  comments_count: Generated<number>;
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProposalSupportTable {
  municipality_id: number;
  proposal_id: number;
  participant_id: number;
  created_at: Timestamp;
}

export interface ProposalCommentTable {
  municipality_id: number;
  id: Generated<number>;
  proposal_id: number;
  parent_id: number | null;
  depth: number;
  body: string;
  author_participant_id: number;
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
  created_at: Timestamp;
}

export interface ProposalEventTable {
  municipality_id: number;
  id: Generated<number>;
  proposal_id: number;
  kind: ProposalEventKind;
  from_status: string | null;
  to_status: string | null;
  body: string | null;
  other_proposal_id: number | null;
  actor_user_id: number | null;
  occurred_at: Timestamp;
}

export interface ProposalReportTable {
  municipality_id: number;
  id: Generated<number>;
  process_id: number;
  proposal_id: number;
  comment_id: number | null;
  target: Generated<"proposal" | "comment">;
  target_id: Generated<number>;
  reporter_participant_id: number;
  reason: ReportReason;
  details: Generated<string>;
  status: Generated<"pendiente" | "ocultado" | "descartado">;
  created_at: Timestamp;
  resolved_by: number | null;
  resolved_at: Timestamp | null;
}

export interface ProposalModerationLogTable {
  municipality_id: number;
  id: Generated<number>;
  process_id: number;
  proposal_id: number;
  comment_id: number | null;
  reason: string;
  moderator_user_id: number | null;
  hidden_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    proposal_settings: ProposalSettingsTable;
    proposal_categories: ProposalCategoryTable;
    proposals: ProposalTable;
    proposal_supports: ProposalSupportTable;
    proposal_comments: ProposalCommentTable;
    proposal_events: ProposalEventTable;
    proposal_reports: ProposalReportTable;
    proposal_moderation_log: ProposalModerationLogTable;
  }
}
