/**
 * Weighted k-means on 2-D points with k-means++ seeding from a seeded PRNG, and a weighted
 * silhouette. Used twice: ~100 fine base clusters over participants, then k = 2…5 groups
 * over the base clusters weighted by their sizes.
 */
import { seededRandom } from "./random.js";

export interface Clustering {
  k: number;
  assignment: Int32Array;
  cx: Float64Array;
  cy: Float64Array;
  inertia: number;
}


export function countDistinct(xs: Float64Array, ys: Float64Array): number {
  const seen = new Set<string>();
  for (let i = 0; i < xs.length; i++) seen.add(`${xs[i]},${ys[i]}`);
  return seen.size;
}

function seedPlusPlus(xs: Float64Array, ys: Float64Array, w: Float64Array, k: number, rand: () => number): [Float64Array, Float64Array] {
  const n = xs.length;
  const cx = new Float64Array(k);
  const cy = new Float64Array(k);
  const d2 = new Float64Array(n).fill(Infinity);
  let totalW = 0;
  for (let i = 0; i < n; i++) totalW += w[i]!;
  let pick = pickWeighted(w, totalW, rand());
  for (let c = 0; c < k; c++) {
    cx[c] = xs[pick]!;
    cy[c] = ys[pick]!;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const d = (xs[i]! - cx[c]!) ** 2 + (ys[i]! - cy[c]!) ** 2;
      if (d < d2[i]!) d2[i] = d;
      sum += w[i]! * d2[i]!;
    }
    if (c + 1 === k) break;
    if (sum === 0) {
      // Fewer distinct points than k: the caller asks only for as many as there are.
      pick = 0;
      continue;
    }
    const weights = new Float64Array(n);
    for (let i = 0; i < n; i++) weights[i] = w[i]! * d2[i]!;
    pick = pickWeighted(weights, sum, rand());
  }
  return [cx, cy];
}

function pickWeighted(weights: Float64Array, total: number, r: number): number {
  let target = r * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target < 0 && weights[i]! > 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return 0;
}

function lloyd(xs: Float64Array, ys: Float64Array, w: Float64Array, cx: Float64Array, cy: Float64Array, maxIterations: number): Clustering {
  const n = xs.length;
  const k = cx.length;
  const assignment = new Int32Array(n).fill(-1);
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const sw = new Float64Array(k);
  let inertia = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = false;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = (xs[i]! - cx[c]!) ** 2 + (ys[i]! - cy[c]!) ** 2;
        if (d < bestD) (bestD = d), (best = c);
      }
      if (assignment[i] !== best) (assignment[i] = best), (changed = true);
      inertia += w[i]! * bestD;
    }
    if (!changed) break;
    sx.fill(0);
    sy.fill(0);
    sw.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      sx[c]! += w[i]! * xs[i]!;
      sy[c]! += w[i]! * ys[i]!;
      sw[c]! += w[i]!;
    }
    for (let c = 0; c < k; c++) {
      if (sw[c]! > 0) {
        cx[c] = sx[c]! / sw[c]!;
        cy[c] = sy[c]! / sw[c]!;
      }
    }
  }
  return { k, assignment, cx, cy, inertia };
}

/**
 * Best of `restarts` seeded runs (lowest weighted inertia; first on a tie), each stopped when
 * no point changes cluster or after `maxIterations` (a fixed cap keeps the result deterministic).
 */
export function weightedKMeans(xs: Float64Array, ys: Float64Array, w: Float64Array, k: number, seed: number, restarts = 1, maxIterations = 100): Clustering {
  const rand = seededRandom(seed);
  let best: Clustering | null = null;
  for (let r = 0; r < restarts; r++) {
    const [cx, cy] = seedPlusPlus(xs, ys, w, k, rand);
    const result = lloyd(xs, ys, w, cx, cy, maxIterations);
    if (!best || result.inertia < best.inertia - 1e-12) best = result;
  }
  return compact(best!);
}

/** Drops empty clusters so every cluster index has members. */
function compact(c: Clustering): Clustering {
  const used = new Int32Array(c.k).fill(-1);
  let k = 0;
  for (let i = 0; i < c.assignment.length; i++) if (used[c.assignment[i]!] === -1) used[c.assignment[i]!] = k++;
  if (k === c.k && used.every((v, i) => v === i)) return c;
  const cx = new Float64Array(k);
  const cy = new Float64Array(k);
  for (let old = 0; old < c.k; old++) if (used[old]! >= 0) (cx[used[old]!] = c.cx[old]!), (cy[used[old]!] = c.cy[old]!);
  const assignment = c.assignment.map((a) => used[a]!);
  return { k, assignment, cx, cy, inertia: c.inertia };
}

/**
 * Silhouette of a clustering of weighted points, each point standing for `w` identical
 * participants (a base cluster): mean over participants of (b − a) / max(a, b).
 */
export function weightedSilhouette(xs: Float64Array, ys: Float64Array, w: Float64Array, assignment: Int32Array, k: number): number {
  const n = xs.length;
  const clusterW = new Float64Array(k);
  for (let i = 0; i < n; i++) clusterW[assignment[i]!]! += w[i]!;
  let total = 0;
  let totalW = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      sums[assignment[j]!]! += w[j]! * Math.hypot(xs[i]! - xs[j]!, ys[i]! - ys[j]!);
    }
    const own = assignment[i]!;
    const ownOthers = clusterW[own]! - 1;
    let s = 0;
    if (ownOthers > 0) {
      const a = sums[own]! / ownOthers;
      let b = Infinity;
      for (let c = 0; c < k; c++) if (c !== own && clusterW[c]! > 0) b = Math.min(b, sums[c]! / clusterW[c]!);
      const denominator = Math.max(a, b);
      s = denominator > 0 && Number.isFinite(b) ? (b - a) / denominator : 0;
    }
    total += w[i]! * s;
    totalW += w[i]!;
  }
  return totalW > 0 ? total / totalW : 0;
}
