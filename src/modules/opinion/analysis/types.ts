/** The analysis contract shared with the conversations side of the opinion module. */
export type Vote = 1 | -1 | 0; // agree, disagree, pass

/** Latest vote per (participant, statement) pair only. */
export interface VoteRecord {
  participant: number;
  statement: number;
  vote: Vote;
}

export interface AnalysisInput {
  /** Every statement shown in the conversation. */
  statementIds: number[];
  /** Statements moderated out: their votes count as 0 in the analysis. */
  moderatedOut: number[];
  votes: VoteRecord[];
  /** Hysteresis state from the last run (stored by the caller as JSON). */
  previous?: KState | null;
}

/** k currently shown, the k that has been winning lately and for how many runs in a row. */
export interface KState {
  k: number;
  candidate: number | null;
  streak: number;
}

export interface ParticipantPoint {
  participant: number;
  x: number;
  y: number;
  group: number | null;
  clustered: boolean;
  votes: number;
}

export interface RepStatement {
  statement: number;
  direction: "agree" | "disagree";
  /** Smoothed share of the group voting that way: (1 + n) / (2 + seen). */
  p: number;
  /** Two-proportion z of the group against the rest. */
  z: number;
  agrees: number;
  disagrees: number;
  seen: number;
}

export interface GroupResult {
  id: number;
  size: number;
  members: number[];
  representative: RepStatement[];
}

export interface StatementGroupStats {
  group: number;
  agrees: number;
  disagrees: number;
  passes: number;
  seen: number;
}

export interface StatementStats {
  statement: number;
  agrees: number;
  disagrees: number;
  passes: number;
  byGroup: StatementGroupStats[];
  consensusAgree: number;
  consensusDisagree: number;
}

export interface AnalysisResult {
  participants: ParticipantPoint[];
  groups: GroupResult[];
  k: number;
  kState: KState;
  /** Statement ids, best first. */
  consensus: { agree: number[]; disagree: number[] };
  statements: StatementStats[];
  pca: { explained: [number, number] };
  counts: { participants: number; clustered: number; statements: number; votes: number };
}
