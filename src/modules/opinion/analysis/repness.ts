/**
 * What each group says: vote counts per statement and group, representative statements
 * (smoothed two-proportion z-test of the group against the rest, as Polis' repness) and
 * group-informed consensus (product over groups of the smoothed agree or disagree share).
 */
import type { VoteMatrix } from "./matrix.js";
import type { RepStatement, StatementStats } from "./types.js";

/** One-sided 90 % (Polis' z-sig-90). */
export const Z_90 = 1.2816;
export const MAX_REPRESENTATIVE = 5;

export interface GroupCounts {
  groups: number;
  agrees: Int32Array; // [group * m + statement]
  disagrees: Int32Array;
  seen: Int32Array;
}

/** groupOfRow[i] = group of participant row i, or -1 when not in a group. */
export function countByGroup(matrix: VoteMatrix, groupOfRow: Int32Array, groups: number): GroupCounts {
  const m = matrix.statements.length;
  const agrees = new Int32Array(groups * m);
  const disagrees = new Int32Array(groups * m);
  const seen = new Int32Array(groups * m);
  for (let i = 0; i < groupOfRow.length; i++) {
    const g = groupOfRow[i]!;
    if (g < 0) continue;
    for (let p = matrix.rowStart[i]!; p < matrix.rowStart[i + 1]!; p++) {
      const cell = g * m + matrix.cols[p]!;
      seen[cell]!++;
      if (matrix.vals[p] === 1) agrees[cell]!++;
      else if (matrix.vals[p] === -1) disagrees[cell]!++;
    }
  }
  return { groups, agrees, disagrees, seen };
}

/** Polis' one-proportion test of the smoothed share against ½. */
function proportionZ(successes: number, n: number): number {
  return 2 * Math.sqrt(n + 1) * ((successes + 1) / (n + 1) - 0.5);
}

/** Smoothed two-proportion z-test: is the group's share higher than the rest's? */
export function twoProportionZ(s1: number, n1: number, s2: number, n2: number): number {
  const p1 = (s1 + 1) / (n1 + 2);
  const p2 = (s2 + 1) / (n2 + 2);
  const pooled = (s1 + s2 + 2) / (n1 + n2 + 4);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / (n1 + 2) + 1 / (n2 + 2)));
  return se > 0 ? (p1 - p2) / se : 0;
}

export function representativeStatements(matrix: VoteMatrix, counts: GroupCounts, group: number): RepStatement[] {
  const m = matrix.statements.length;
  const candidates: { rep: RepStatement; metric: number }[] = [];
  for (let j = 0; j < m; j++) {
    if (!matrix.active[j]) continue;
    const cell = group * m + j;
    const seen = counts.seen[cell]!;
    if (seen === 0) continue;
    let restA = 0;
    let restD = 0;
    let restSeen = 0;
    for (let g = 0; g < counts.groups; g++) {
      if (g === group) continue;
      restA += counts.agrees[g * m + j]!;
      restD += counts.disagrees[g * m + j]!;
      restSeen += counts.seen[g * m + j]!;
    }
    const agrees = counts.agrees[cell]!;
    const disagrees = counts.disagrees[cell]!;
    const zA = twoProportionZ(agrees, seen, restA, restSeen);
    const zD = twoProportionZ(disagrees, seen, restD, restSeen);
    const direction = zA >= zD ? "agree" : "disagree";
    const n = direction === "agree" ? agrees : disagrees;
    const restN = direction === "agree" ? restA : restD;
    const z = direction === "agree" ? zA : zD;
    const p = (1 + n) / (2 + seen);
    const pz = proportionZ(n, seen);
    // Significant both ways: the group leans this way, and more than the rest does.
    if (z <= Z_90 || pz <= Z_90) continue;
    const ratio = p / ((1 + restN) / (2 + restSeen));
    candidates.push({ rep: { statement: matrix.statements[j]!, direction, p, z, agrees, disagrees, seen }, metric: ratio * z * p * pz });
  }
  candidates.sort((a, b) => b.metric - a.metric || a.rep.statement - b.rep.statement);
  return candidates.slice(0, MAX_REPRESENTATIVE).map((c) => c.rep);
}

export function statementStats(matrix: VoteMatrix, counts: GroupCounts): StatementStats[] {
  const m = matrix.statements.length;
  const agrees = new Int32Array(m);
  const disagrees = new Int32Array(m);
  const passes = new Int32Array(m);
  for (let p = 0; p < matrix.cols.length; p++) {
    const j = matrix.cols[p]!;
    if (matrix.vals[p] === 1) agrees[j]!++;
    else if (matrix.vals[p] === -1) disagrees[j]!++;
    else passes[j]!++;
  }
  const result: StatementStats[] = [];
  for (let j = 0; j < m; j++) {
    const byGroup = [];
    let consensusAgree = 1;
    let consensusDisagree = 1;
    for (let g = 0; g < counts.groups; g++) {
      const a = counts.agrees[g * m + j]!;
      const d = counts.disagrees[g * m + j]!;
      const seen = counts.seen[g * m + j]!;
      byGroup.push({ group: g, agrees: a, disagrees: d, passes: seen - a - d, seen });
      consensusAgree *= (a + 1) / (seen + 2);
      consensusDisagree *= (d + 1) / (seen + 2);
    }
    if (!matrix.active[j] || counts.groups === 0) (consensusAgree = 0), (consensusDisagree = 0);
    result.push({ statement: matrix.statements[j]!, agrees: agrees[j]!, disagrees: disagrees[j]!, passes: passes[j]!, byGroup, consensusAgree, consensusDisagree });
  }
  return result;
}

/**
 * Consensus statements: those on which the smoothed share of every group leans the same way
 * (above ½), best group-informed consensus first.
 */
export function consensusStatements(matrix: VoteMatrix, counts: GroupCounts, stats: StatementStats[]): { agree: number[]; disagree: number[] } {
  const m = matrix.statements.length;
  const agree: StatementStats[] = [];
  const disagree: StatementStats[] = [];
  if (counts.groups === 0) return { agree: [], disagree: [] };
  for (let j = 0; j < m; j++) {
    if (!matrix.active[j]) continue;
    let allAgree = true;
    let allDisagree = true;
    for (let g = 0; g < counts.groups; g++) {
      const seen = counts.seen[g * m + j]!;
      if ((counts.agrees[g * m + j]! + 1) / (seen + 2) <= 0.5) allAgree = false;
      if ((counts.disagrees[g * m + j]! + 1) / (seen + 2) <= 0.5) allDisagree = false;
    }
    if (allAgree) agree.push(stats[j]!);
    if (allDisagree) disagree.push(stats[j]!);
  }
  agree.sort((a, b) => b.consensusAgree - a.consensusAgree || a.statement - b.statement);
  disagree.sort((a, b) => b.consensusDisagree - a.consensusDisagree || a.statement - b.statement);
  return { agree: agree.map((s) => s.statement), disagree: disagree.map((s) => s.statement) };
}
