/** Kysely types of draft commitments made from accepted proposals (migration 002). */
import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";

export const COMMITMENT_DRAFT_STATUSES = ["draft", "adopted"] as const;
export type CommitmentDraftStatus = (typeof COMMITMENT_DRAFT_STATUSES)[number];

export interface CommitmentDraftTable {
  municipality_id: number;
  id: Generated<number>;
  process_id: number;
  title: string;
  problem: string;
  status_quo: Generated<string>;
  description: string;
  how_it_solves: Generated<string>;
  relevant_transparency: Generated<boolean>;
  relevant_accountability: Generated<boolean>;
  relevant_participation: Generated<boolean>;
  lead_department_id: number | null;
  whole_municipality: Generated<boolean>;
  status: Generated<CommitmentDraftStatus>;
  adopted_by_plan_ref: string | null;
  adopted_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommitmentDraftProposalTable {
  municipality_id: number;
  draft_id: number;
  proposal_id: number;
}

export interface CommitmentDraftColoniaTable {
  municipality_id: number;
  draft_id: number;
  colonia_id: number;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    commitment_drafts: CommitmentDraftTable;
    commitment_draft_proposals: CommitmentDraftProposalTable;
    commitment_draft_colonias: CommitmentDraftColoniaTable;
  }
}
