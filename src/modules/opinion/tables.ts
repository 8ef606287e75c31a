/** Kysely types of opinion conversations, voters, statements, votes and analyses (migration 001). */
import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";

export type ConversationStatus = "open" | "closed";
export type ModerationMode = "pre" | "post";
export type IdentityMode = "account" | "anonymous";
export type StatementOrigin = "seed" | "participant" | "imported";
export type StatementStatus = "accepted" | "pending" | "rejected";

export interface OpinionConversationTable {
  municipality_id: number;
  id: Generated<number>;
  process_id: number | null;
  topic: string;
  description: Generated<string>;
  status: Generated<ConversationStatus>;
  moderation: Generated<ModerationMode>;
  identity: Generated<IdentityMode>;
  participant_statements: Generated<boolean>;
  imported_from: string | null;
  changed_at: Timestamp;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface OpinionVoterTable {
  municipality_id: number;
  conversation_id: number;
  id: Generated<number>;
  number: number;
  participant_id: number | null;
  created_at: Timestamp;
}

export interface OpinionStatementTable {
  municipality_id: number;
  conversation_id: number;
  id: Generated<number>;
  number: number;
  body: string;
  origin: StatementOrigin;
  author_voter_id: number | null;
  status: StatementStatus;
  polis_comment_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  moderated_at: Timestamp | null;
  moderated_by: number | null;
}

export interface OpinionVoteTable {
  municipality_id: number;
  conversation_id: number;
  voter_id: number;
  statement_id: number;
  vote: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OpinionAnalysisTable {
  municipality_id: number;
  conversation_id: number;
  result: unknown;
  k_state: unknown;
  votes_counted: number;
  input_through: Timestamp;
  computed_at: Timestamp;
  duration_ms: number;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    opinion_conversations: OpinionConversationTable;
    opinion_voters: OpinionVoterTable;
    opinion_statements: OpinionStatementTable;
    opinion_votes: OpinionVoteTable;
    opinion_analyses: OpinionAnalysisTable;
  }
}
