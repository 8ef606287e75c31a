/**
 * Pairwise-comparison scoring speed: `npx tsx bench/pairwise-fit.ts [items] [comparisons]`
 * (default 200 items × 50,000 comparisons). Simulates answers from known strengths (seeded, so
 * every run sees the same data), aggregates them per ordered pair as the results page does,
 * fits the Bradley–Terry model with its 95 % intervals and prints the times and how well the
 * fitted order matches the true one (Spearman's rho).
 */
import { fitBradleyTerry, type PairResult } from "../src/modules/prioritisation/bradley-terry.js";

const ITEMS = Number(process.argv[2] ?? 200);
const COMPARISONS = Number(process.argv[3] ?? 50_000);
const RUNS = 5;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(20_261_113);
const ids = Array.from({ length: ITEMS }, (_, i) => i + 1);
const trueTheta = ids.map(() => (rand() - 0.5) * 4);
const raw: [number, number][] = [];
for (let k = 0; k < COMPARISONS; k++) {
  const i = Math.floor(rand() * ITEMS);
  let j = Math.floor(rand() * (ITEMS - 1));
  if (j >= i) j++;
  const pWin = 1 / (1 + Math.exp(trueTheta[j]! - trueTheta[i]!));
  raw.push(rand() < pWin ? [ids[i]!, ids[j]!] : [ids[j]!, ids[i]!]);
}

function aggregate(): PairResult[] {
  const counts = new Map<number, number>();
  for (const [w, l] of raw) counts.set(w * 100_000 + l, (counts.get(w * 100_000 + l) ?? 0) + 1);
  return [...counts].map(([k, count]) => ({ winner: Math.floor(k / 100_000), loser: k % 100_000, count }));
}

function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(values.length);
  order.forEach(([, i], rank) => (r[i] = rank));
  return r;
}

const times: number[] = [];
let last: ReturnType<typeof fitBradleyTerry> | null = null;
let aggregateMs = 0;
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const results = aggregate();
  const t1 = performance.now();
  last = fitBradleyTerry(ids, results);
  const t2 = performance.now();
  aggregateMs = t1 - t0;
  times.push(t2 - t1);
}
times.sort((a, b) => a - b);
const fitted = last!.scores.map((s) => Math.log(s.strength));
const rt = ranks(trueTheta);
const rf = ranks(fitted);
const n = ITEMS;
const rho = 1 - (6 * rt.reduce((acc, r, i) => acc + (r - rf[i]!) ** 2, 0)) / (n * (n * n - 1));
const covered = last!.scores.filter((s, i) => {
  const mean = trueTheta.reduce((a, b) => a + b, 0) / n;
  const truth = 1 / (1 + Math.exp(-(trueTheta[i]! - mean)));
  return s.low !== null && s.high !== null && s.low <= truth && truth <= s.high;
}).length;
console.log(`Bradley–Terry, ${ITEMS} items × ${COMPARISONS.toLocaleString("en")} comparisons (${RUNS} runs)`);
console.log(`  aggregate per pair: ${aggregateMs.toFixed(1)} ms`);
console.log(`  fit + 95 % intervals: median ${times[Math.floor(RUNS / 2)]!.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms; ${last!.iterations} MM iterations, converged: ${last!.converged}`);
console.log(`  Spearman rho fitted vs true order: ${rho.toFixed(4)}; true score inside the 95 % interval for ${covered}/${n} items`);
