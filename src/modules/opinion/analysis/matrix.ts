/**
 * The participant × statement vote matrix, stored sparse (compressed rows): a conversation
 * with 10,000 participants and 2,000 statements has about a million votes, not twenty million
 * cells. Rows are participants in ascending id, columns statements in ascending id, so the
 * order in which votes arrive never changes the result.
 */
import type { VoteRecord } from "./types.js";

export interface VoteMatrix {
  participants: number[];
  statements: number[];
  /** Row i holds entries rowStart[i] … rowStart[i+1]-1, columns ascending. */
  rowStart: Int32Array;
  cols: Int32Array;
  vals: Int8Array;
  /** 1 when the statement takes part in the analysis, 0 when moderated out. */
  active: Uint8Array;
  activeCount: number;
  /** Votes of each participant on every shown statement (moderated out ones too). */
  voteCount: Int32Array;
  /** Votes of each participant on statements that take part in the analysis. */
  activeVotes: Int32Array;
}

export function buildMatrix(statementIds: number[], moderatedOut: number[], votes: VoteRecord[]): VoteMatrix {
  const statements = [...new Set(statementIds)].sort((a, b) => a - b);
  const m = statements.length;
  const statementIndex = new Map<number, number>();
  statements.forEach((id, j) => statementIndex.set(id, j));
  const out = new Set(moderatedOut);
  const active = new Uint8Array(m);
  let activeCount = 0;
  for (let j = 0; j < m; j++) if (!out.has(statements[j]!)) (active[j] = 1), activeCount++;

  // Votes on statements the conversation does not show are ignored.
  const n0 = votes.length;
  const colOf = new Int32Array(n0);
  const seenIds = new Set<number>();
  let kept = 0;
  for (let k = 0; k < n0; k++) {
    const v = votes[k]!;
    const j = statementIndex.get(v.statement);
    if (j === undefined || (v.vote !== 1 && v.vote !== -1 && v.vote !== 0)) {
      colOf[k] = -1;
      continue;
    }
    colOf[k] = j;
    seenIds.add(v.participant);
    kept++;
  }
  const participants = [...seenIds].sort((a, b) => a - b);
  const n = participants.length;
  const rowIndex = new Map<number, number>();
  participants.forEach((id, i) => rowIndex.set(id, i));

  // Two stable counting sorts (by statement, then by participant) give rows with ascending
  // columns; a duplicated pair keeps its last occurrence.
  const colCount = new Int32Array(m + 1);
  for (let k = 0; k < n0; k++) if (colOf[k]! >= 0) colCount[colOf[k]! + 1]!++;
  for (let j = 0; j < m; j++) colCount[j + 1]! += colCount[j]!;
  const byCol = new Int32Array(kept);
  const rowOf = new Int32Array(n0);
  for (let k = 0; k < n0; k++) {
    const j = colOf[k]!;
    if (j < 0) continue;
    byCol[colCount[j]!++] = k;
    rowOf[k] = rowIndex.get(votes[k]!.participant)!;
  }
  const rowCount = new Int32Array(n + 1);
  for (let t = 0; t < kept; t++) rowCount[rowOf[byCol[t]!]! + 1]!++;
  for (let i = 0; i < n; i++) rowCount[i + 1]! += rowCount[i]!;
  const fill = rowCount.slice(0, n);
  const sortedCols = new Int32Array(kept);
  const sortedVals = new Int8Array(kept);
  for (let t = 0; t < kept; t++) {
    const k = byCol[t]!;
    const pos = fill[rowOf[k]!]!++;
    sortedCols[pos] = colOf[k]!;
    sortedVals[pos] = votes[k]!.vote;
  }

  const rowStart = new Int32Array(n + 1);
  const cols = new Int32Array(kept);
  const vals = new Int8Array(kept);
  const voteCount = new Int32Array(n);
  const activeVotes = new Int32Array(n);
  let w = 0;
  for (let i = 0; i < n; i++) {
    rowStart[i] = w;
    const end = rowCount[i + 1]!;
    for (let p = rowCount[i]!; p < end; p++) {
      if (p + 1 < end && sortedCols[p + 1] === sortedCols[p]) continue;
      cols[w] = sortedCols[p]!;
      vals[w] = sortedVals[p]!;
      w++;
    }
    voteCount[i] = w - rowStart[i]!;
    let a = 0;
    for (let p = rowStart[i]!; p < w; p++) a += active[cols[p]!]!;
    activeVotes[i] = a;
  }
  rowStart[n] = w;
  return {
    participants,
    statements,
    rowStart,
    cols: cols.subarray(0, w),
    vals: vals.subarray(0, w),
    active,
    activeCount,
    voteCount,
    activeVotes,
  };
}
