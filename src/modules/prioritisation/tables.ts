/** Kysely types of the prioritisation tables (migration 001). */
import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";

/** The three ways of prioritising; each item says which of them it takes part in. */
export const METHODS = ["approval", "budget", "pairwise"] as const;
export type Method = (typeof METHODS)[number];

export const BALLOT_CHANNELS = ["online", "in_person"] as const;
export type BallotChannel = (typeof BALLOT_CHANNELS)[number];

export const PAIRWISE_OUTCOMES = ["left", "right", "unsure"] as const;
export type PairwiseOutcome = (typeof PAIRWISE_OUTCOMES)[number];

/** bigint ids come back from node-postgres as strings. */
type BigId = ColumnType<string, string | number | undefined, string | number>;

export interface PrioritisationSettingsTable {
  municipality_id: number;
  process_id: number;
  approval_limit: Generated<number>;
  budget_total: number | null;
  updated_at: Timestamp;
}

export interface PrioritisationItemTable {
  municipality_id: number;
  process_id: number;
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  colonia_id: number | null;
  cost: number | null;
  proposal_id: number | null;
  methods: Generated<Method[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

interface BallotTable {
  municipality_id: number;
  process_id: number;
  participant_id: number;
  channel: BallotChannel;
  entered_by: number | null;
  cast_at: Timestamp;
  updated_at: Timestamp;
}

interface BallotItemTable {
  municipality_id: number;
  process_id: number;
  participant_id: number;
  item_id: number;
}

export interface PairwiseComparisonTable {
  municipality_id: number;
  process_id: number;
  id: Generated<BigId>;
  participant_id: number;
  left_item_id: number;
  right_item_id: number;
  outcome: PairwiseOutcome;
  channel: BallotChannel;
  entered_by: number | null;
  created_at: Timestamp;
}

export interface PairwiseOfferTable {
  municipality_id: number;
  process_id: number;
  participant_id: number;
  left_item_id: number;
  right_item_id: number;
  offered_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    prioritisation_settings: PrioritisationSettingsTable;
    prioritisation_items: PrioritisationItemTable;
    approval_ballots: BallotTable;
    approval_ballot_items: BallotItemTable;
    budget_ballots: BallotTable & { total_cost: number };
    budget_ballot_items: BallotItemTable;
    pairwise_comparisons: PairwiseComparisonTable;
    pairwise_offers: PairwiseOfferTable;
  }
}
