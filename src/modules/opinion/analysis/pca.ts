/**
 * Two-component PCA of the vote matrix with each missing vote replaced by its statement's
 * mean (as Polis does). After centring, an imputed cell is exactly 0, so the centred matrix
 * keeps the sparsity of the votes and every product costs one pass over the votes.
 * Subspace (block power) iteration from a seeded start, Rayleigh–Ritz on the 2 × 2 problem,
 * and a fixed sign (largest loading positive) make the result deterministic.
 */
import type { VoteMatrix } from "./matrix.js";
import { seededRandom } from "./random.js";

export interface Projection {
  x: Float64Array;
  y: Float64Array;
  explained: [number, number];
}

/**
 * Enough for clear opinion structure to converge well below the tolerance; when the second and
 * third components are nearly tied (no structure to find) the cap bounds the time, and the
 * fixed start keeps the result deterministic either way.
 */
const MAX_ITERATIONS = 150;
const TOLERANCE = 1e-7;

export function projectParticipants(matrix: VoteMatrix): Projection {
  const { rowStart, cols, vals, active } = matrix;
  const n = matrix.participants.length;
  const m = matrix.statements.length;
  const sum = new Float64Array(m);
  const count = new Float64Array(m);
  for (let p = 0; p < cols.length; p++) {
    sum[cols[p]!]! += vals[p]!;
    count[cols[p]!]!++;
  }
  // Centred values; statements moderated out count 0 for everyone, so they carry no weight.
  const centred = new Float64Array(cols.length);
  let total = 0;
  for (let p = 0; p < cols.length; p++) {
    const j = cols[p]!;
    const c = active[j] ? vals[p]! - sum[j]! / count[j]! : 0;
    centred[p] = c;
    total += c * c;
  }

  const rand = seededRandom(0x5eed);
  let v1 = new Float64Array(m);
  let v2 = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    v1[j] = active[j] ? rand() - 0.5 : 0;
    v2[j] = active[j] ? rand() - 0.5 : 0;
  }
  orthonormalise(v1, v2);
  // Both vectors interleaved (v[2j], v[2j+1]) so one cache line serves both products.
  const v = new Float64Array(2 * m);
  const z = new Float64Array(2 * m);
  let lambda: [number, number] = [0, 0];
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    for (let j = 0; j < m; j++) (v[2 * j] = v1[j]!), (v[2 * j + 1] = v2[j]!);
    z.fill(0);
    // z = Xᵀ (X v), one pass over the votes per participant.
    for (let i = 0; i < n; i++) {
      const start = rowStart[i]!;
      const end = rowStart[i + 1]!;
      let a = 0;
      let b = 0;
      for (let p = start; p < end; p++) {
        const c = centred[p]!;
        const j2 = cols[p]! << 1;
        a += c * v[j2]!;
        b += c * v[j2 + 1]!;
      }
      for (let p = start; p < end; p++) {
        const c = centred[p]!;
        const j2 = cols[p]! << 1;
        z[j2]! += c * a;
        z[j2 + 1]! += c * b;
      }
    }
    const z1 = new Float64Array(m);
    const z2 = new Float64Array(m);
    for (let j = 0; j < m; j++) (z1[j] = z[2 * j]!), (z2[j] = z[2 * j + 1]!);
    // Rayleigh–Ritz: eigenvectors of Vᵀ XᵀX V rotate the pair onto the principal axes.
    const b11 = dot(v1, z1);
    const b12 = dot(v1, z2);
    const b22 = dot(v2, z2);
    const [l1, l2, c, s] = symmetricEigen2(b11, b12, b22);
    lambda = [l1, l2];
    const r1 = new Float64Array(m);
    const r2 = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      r1[j] = c * z1[j]! + s * z2[j]!;
      r2[j] = -s * z1[j]! + c * z2[j]!;
    }
    orthonormalise(r1, r2);
    fixSign(r1);
    fixSign(r2);
    const change = Math.max(distance(r1, v1), distance(r2, v2));
    v1 = r1;
    v2 = r2;
    if (change < TOLERANCE) break;
  }

  // Sparse voters are pulled towards the centre by the imputed means; Polis scales them back
  // out by √(statements ÷ their votes).
  // Statements count once someone has voted on them; moderated-out ones count as a 0 from
  // everyone (as Polis zeroes their column), so they count as seen by every participant.
  let shown = 0;
  let moderatedVoted = 0;
  for (let j = 0; j < m; j++) {
    if (count[j]! === 0) continue;
    shown++;
    if (!active[j]) moderatedVoted++;
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let a = 0;
    let b = 0;
    for (let p = rowStart[i]!; p < rowStart[i + 1]!; p++) {
      const c = centred[p]!;
      a += c * v1[cols[p]!]!;
      b += c * v2[cols[p]!]!;
    }
    const scale = Math.sqrt(shown / Math.max(matrix.activeVotes[i]! + moderatedVoted, 1));
    x[i] = a * scale;
    y[i] = b * scale;
  }
  const explained: [number, number] = total > 0 ? [lambda[0] / total, lambda[1] / total] : [0, 0];
  return { x, y, explained };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

function distance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j]! - b[j]!) ** 2;
  return Math.sqrt(s);
}

function normalise(a: Float64Array): void {
  const norm = Math.sqrt(dot(a, a));
  if (norm > 0) for (let j = 0; j < a.length; j++) a[j]! /= norm;
}

function orthonormalise(a: Float64Array, b: Float64Array): void {
  normalise(a);
  const d = dot(a, b);
  for (let j = 0; j < b.length; j++) b[j]! -= d * a[j]!;
  normalise(b);
}

/** The largest loading (first one on a tie) is made positive. */
function fixSign(a: Float64Array): void {
  let best = 0;
  for (let j = 1; j < a.length; j++) if (Math.abs(a[j]!) > Math.abs(a[best]!) + 1e-12) best = j;
  if (a.length > 0 && a[best]! < 0) for (let j = 0; j < a.length; j++) a[j] = -a[j]!;
}

/** Eigenvalues (descending) and rotation (cos, sin) of [[a, b], [b, d]]. */
function symmetricEigen2(a: number, b: number, d: number): [number, number, number, number] {
  const mean = (a + d) / 2;
  const r = Math.hypot((a - d) / 2, b);
  const theta = 0.5 * Math.atan2(2 * b, a - d);
  return [mean + r, mean - r, Math.cos(theta), Math.sin(theta)];
}
