/**
 * Opinion maps (Polis-class), written from Polis' published description of its math:
 * votes agree = 1, disagree = −1, pass = 0, unseen missing; statements moderated out count 0;
 * PCA with mean imputation and sparse-voter scaling; ~100 base clusters; weighted k-means over
 * them for k = 2…5 picked by silhouette with hysteresis; representative statements by a
 * smoothed two-proportion z-test; group-informed consensus. Pure, no database, deterministic:
 * the same votes (in any order) give the same result.
 */
import { adjustedRandIndex } from "./ari.js";
import { countDistinct, weightedKMeans, weightedSilhouette, type Clustering } from "./kmeans.js";
import { buildMatrix } from "./matrix.js";
import { projectParticipants } from "./pca.js";
import { consensusStatements, countByGroup, representativeStatements, statementStats } from "./repness.js";
import type { AnalysisInput, AnalysisResult, GroupResult, KState, ParticipantPoint } from "./types.js";

export type * from "./types.js";
export { adjustedRandIndex };

export const MIN_VOTES_TO_CLUSTER = 7;
export const MIN_CLUSTERED = 15;
export const BASE_CLUSTERS = 100;
export const MAX_GROUPS = 5;
/** Runs in a row a new k must win before the map switches to it. */
export const K_SWITCH_STREAK = 3;
const GROUP_RESTARTS = 10;
/** Base clusters are fine-grained; they need not converge fully (Polis runs 10 iterations). */
const BASE_ITERATIONS = 20;

export function analyse(input: AnalysisInput): AnalysisResult {
  const matrix = buildMatrix(input.statementIds, input.moderatedOut, input.votes);
  const n = matrix.participants.length;
  const projection = projectParticipants(matrix);

  // Who shapes the groups: min(7, #statements) votes, topped up to 15 by the most active.
  const threshold = Math.min(MIN_VOTES_TO_CLUSTER, matrix.statements.length);
  const clustered = new Uint8Array(n);
  let clusteredCount = 0;
  for (let i = 0; i < n; i++) if (matrix.voteCount[i]! >= threshold && matrix.voteCount[i]! > 0) (clustered[i] = 1), clusteredCount++;
  if (clusteredCount < MIN_CLUSTERED) {
    const rest = [...Array(n).keys()].filter((i) => !clustered[i]).sort((a, b) => matrix.voteCount[b]! - matrix.voteCount[a]! || a - b);
    for (const i of rest.slice(0, MIN_CLUSTERED - clusteredCount)) (clustered[i] = 1), clusteredCount++;
  }
  const rows = [...Array(n).keys()].filter((i) => clustered[i]);
  const xs = Float64Array.from(rows, (i) => projection.x[i]!);
  const ys = Float64Array.from(rows, (i) => projection.y[i]!);

  const groupOfRow = new Int32Array(n).fill(-1);
  let k = 0;
  let kState: KState = input.previous && Number.isInteger(input.previous.k) ? input.previous : { k: 0, candidate: null, streak: 0 };
  const distinct = rows.length >= 2 ? countDistinct(xs, ys) : rows.length;
  if (distinct >= 2) {
    const base = weightedKMeans(xs, ys, new Float64Array(rows.length).fill(1), Math.min(BASE_CLUSTERS, distinct), 1, 1, BASE_ITERATIONS);
    const weights = new Float64Array(base.k);
    for (let t = 0; t < rows.length; t++) weights[base.assignment[t]!]!++;
    // As Polis: at most 2 + (base clusters ÷ 12) groups, and the silhouette is taken over the
    // base clusters' centres, each counting once (the k-means itself weighs them by size).
    const maxK = Math.min(MAX_GROUPS, base.k, 2 + Math.floor(base.k / 12));
    const unit = new Float64Array(base.k).fill(1);
    const options = new Map<number, Clustering>();
    let bestK = 2;
    let bestScore = -Infinity;
    for (let candidate = 2; candidate <= maxK; candidate++) {
      const clustering = weightedKMeans(base.cx, base.cy, weights, candidate, 1000 + candidate, GROUP_RESTARTS);
      options.set(candidate, clustering);
      const score = weightedSilhouette(base.cx, base.cy, unit, clustering.assignment, clustering.k);
      if (score > bestScore + 1e-12) (bestScore = score), (bestK = candidate);
    }
    kState = nextKState(input.previous ?? null, bestK, maxK);
    const chosen = options.get(kState.k)!;
    k = chosen.k;
    for (let t = 0; t < rows.length; t++) groupOfRow[rows[t]!] = chosen.assignment[base.assignment[t]!]!;
    relabelBySize(groupOfRow, k, matrix.participants);
  }

  const counts = countByGroup(matrix, groupOfRow, k);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) if (groupOfRow[i]! >= 0) members[groupOfRow[i]!]!.push(matrix.participants[i]!);
  const groups: GroupResult[] = members.map((list, g) => ({
    id: g,
    size: list.length,
    members: list,
    representative: representativeStatements(matrix, counts, g),
  }));
  const statements = statementStats(matrix, counts);
  const participants: ParticipantPoint[] = matrix.participants.map((participant, i) => ({
    participant,
    x: projection.x[i]!,
    y: projection.y[i]!,
    group: groupOfRow[i]! >= 0 ? groupOfRow[i]! : null,
    clustered: clustered[i] === 1,
    votes: matrix.voteCount[i]!,
  }));
  return {
    participants,
    groups,
    k,
    kState,
    consensus: consensusStatements(matrix, counts, statements),
    statements,
    pca: { explained: projection.explained },
    counts: { participants: n, clustered: clusteredCount, statements: matrix.statements.length, votes: matrix.cols.length },
  };
}

/**
 * k changes only when the same new k has won K_SWITCH_STREAK runs in a row; the first run
 * (or a k the data can no longer support) takes the best at once.
 */
export function nextKState(previous: KState | null, best: number, maxK: number): KState {
  // The state comes back from storage as JSON: anything malformed counts as no state.
  const valid =
    previous !== null &&
    typeof previous === "object" &&
    Number.isInteger(previous.k) &&
    (previous.candidate === null || Number.isInteger(previous.candidate)) &&
    Number.isInteger(previous.streak) &&
    previous.streak >= 0;
  if (!valid || previous.k < 2 || previous.k > maxK) return { k: best, candidate: null, streak: 0 };
  if (best === previous.k) return { k: previous.k, candidate: null, streak: 0 };
  const streak = previous.candidate === best ? previous.streak + 1 : 1;
  if (streak >= K_SWITCH_STREAK) return { k: best, candidate: null, streak: 0 };
  return { k: previous.k, candidate: best, streak };
}

/** Group 0 is the largest; ties go to the group holding the lowest participant id. */
function relabelBySize(groupOfRow: Int32Array, k: number, participants: number[]): void {
  const size = new Array<number>(k).fill(0);
  const first = new Array<number>(k).fill(Infinity);
  for (let i = 0; i < groupOfRow.length; i++) {
    const g = groupOfRow[i]!;
    if (g < 0) continue;
    size[g]!++;
    first[g] = Math.min(first[g]!, participants[i]!);
  }
  const order = [...Array(k).keys()].sort((a, b) => size[b]! - size[a]! || first[a]! - first[b]!);
  const label = new Int32Array(k);
  order.forEach((g, newId) => (label[g] = newId));
  for (let i = 0; i < groupOfRow.length; i++) if (groupOfRow[i]! >= 0) groupOfRow[i] = label[groupOfRow[i]!]!;
}
