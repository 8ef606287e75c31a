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
  const statementIndex = idLookup(statements);
  const out = new Set(moderatedOut);
  const active = new Uint8Array(m);
  let activeCount = 0;
  for (let j = 0; j < m; j++) if (!out.has(statements[j]!)) (active[j] = 1), activeCount++;

  // Votes on statements the conversation does not show are ignored.
  const n0 = votes.length;
  const colOf = new Int32Array(n0);
  let kept = 0;
  let minId = Infinity;
  let maxId = -Infinity;
  let integers = true;
  for (let k = 0; k < n0; k++) {
    const v = votes[k]!;
    const j = statementIndex(v.statement);
    if (j < 0 || (v.vote !== 1 && v.vote !== -1 && v.vote !== 0)) {
      colOf[k] = -1;
      continue;
    }
    colOf[k] = j;
    kept++;
    const id = v.participant;
    if (id < minId) minId = id;
    if (id > maxId) maxId = id;
    if (!Number.isSafeInteger(id)) integers = false;
  }
  const participants = distinctVoters(votes, colOf, kept, minId, maxId, integers);
  const n = participants.length;
  const rowIndex = idLookup(participants);
  // Two stable counting sorts (by statement, then by participant) give rows with ascending
  // columns; a duplicated pair keeps its last occurrence.
  const colCount = new Int32Array(m + 1);
  for (let k = 0; k < n0; k++) if (colOf[k]! >= 0) colCount[colOf[k]! + 1]!++;
  for (let j = 0; j < m; j++) colCount[j + 1]! += colCount[j]!;
  // Vote objects are read once, in input order; the scattered passes touch typed arrays only.
  const rowOf = new Int32Array(n0);
  const valueOf = new Int8Array(n0);
  for (let k = 0; k < n0; k++) {
    if (colOf[k]! < 0) continue;
    const v = votes[k]!;
    rowOf[k] = rowIndex(v.participant);
    valueOf[k] = v.vote;
  }
  const byCol = new Int32Array(kept);
  for (let k = 0; k < n0; k++) {
    const j = colOf[k]!;
    if (j >= 0) byCol[colCount[j]!++] = k;
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
    sortedVals[pos] = valueOf[k]!;
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

/**
 * Index of an id in a sorted list of distinct ids, or −1: a typed table when the ids are dense
 * integers (the usual case, and much faster than a Map for a million votes), a Map otherwise.
 */
function idLookup(sortedIds: number[]): (id: number) => number {
  const n = sortedIds.length;
  if (n === 0) return () => -1;
  const min = sortedIds[0]!;
  const max = sortedIds[n - 1]!;
  const integers = sortedIds.every(Number.isSafeInteger);
  if (integers && max - min <= 8 * n + 1024) {
    const table = new Int32Array(max - min + 1).fill(-1);
    for (let i = 0; i < n; i++) table[sortedIds[i]! - min] = i;
    return (id) => (Number.isInteger(id) && id >= min && id <= max ? table[id - min]! : -1);
  }
  const map = new Map<number, number>();
  sortedIds.forEach((id, i) => map.set(id, i));
  return (id) => map.get(id) ?? -1;
}

/** Distinct participant ids in ascending order (a marker table for dense integer ids). */
function distinctVoters(votes: VoteRecord[], colOf: Int32Array, kept: number, minId: number, maxId: number, integers: boolean): number[] {
  const out: number[] = [];
  if (kept === 0) return out;
  if (integers && maxId - minId <= 8 * kept + 1024) {
    const seen = new Uint8Array(maxId - minId + 1);
    for (let k = 0; k < votes.length; k++) if (colOf[k]! >= 0) seen[votes[k]!.participant - minId] = 1;
    for (let t = 0; t < seen.length; t++) if (seen[t]) out.push(t + minId);
    return out;
  }
  const ids = new Set<number>();
  for (let k = 0; k < votes.length; k++) if (colOf[k]! >= 0) ids.add(votes[k]!.participant);
  return [...ids].sort((a, b) => a - b);
}
