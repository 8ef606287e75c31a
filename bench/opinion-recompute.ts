/**
 * Opinion-map recompute speed: `npx tsx bench/opinion-recompute.ts [participants] [statements] [votes]`
 * (default 10,000 × 2,000 with about 1,000,000 votes). Synthetic conversation with three planted
 * opinion groups (seeded, so every run sees the same data): each statement has, for each group,
 * its own probability of agreeing (10–80 %; pass 10 %, disagree the rest); each participant
 * votes on a random subset of 50–150 statements (SPREAD=wide: 20–180).
 * Prints the full recompute time (median of 3), peak RSS and heap, the groups found and the
 * adjusted Rand index against the planted groups.
 */
import os from "node:os";
import { adjustedRandIndex, analyse, type VoteRecord } from "../src/modules/opinion/analysis/index.js";
import { seededRandom } from "../src/modules/opinion/analysis/random.js";

const PARTICIPANTS = Number(process.argv[2] ?? 10_000);
const STATEMENTS = Number(process.argv[3] ?? 2_000);
const VOTES = Number(process.argv[4] ?? 1_000_000);
const GROUPS = 3;
const RUNS = 3;

const rand = seededRandom(20_261_125);
const planted = Array.from({ length: PARTICIPANTS }, () => Math.floor(rand() * GROUPS));
// Per group and statement: probability of agreeing, of disagreeing (the rest pass).
const agreeP = Array.from({ length: GROUPS }, () => Float64Array.from({ length: STATEMENTS }, () => 0.1 + 0.7 * rand()));
const statementIds = Array.from({ length: STATEMENTS }, (_, j) => j + 1);
const votes: VoteRecord[] = [];
const perParticipant = Math.round(VOTES / PARTICIPANTS);
for (let i = 0; i < PARTICIPANTS; i++) {
  // Activity varies from half to one and a half times the mean (SPREAD=wide: 0.2–1.8 times).
  const [low, width] = process.env.SPREAD === "wide" ? [0.2, 1.6] : [0.5, 1.0];
  const count = Math.max(1, Math.min(STATEMENTS, Math.round(perParticipant * (low + width * rand()))));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(rand() * STATEMENTS));
  const g = planted[i]!;
  for (const j of chosen) {
    const r = rand();
    const pa = agreeP[g]![j]!;
    const vote = r < pa ? 1 : r < pa + (0.9 - pa) ? -1 : 0;
    votes.push({ participant: i + 1, statement: j + 1, vote });
  }
}
const moderatedOut = statementIds.filter((id) => id % 97 === 0);

const times: number[] = [];
const cpuTimes: number[] = [];
let result: ReturnType<typeof analyse> | null = null;
let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  result = analyse({ statementIds, moderatedOut, votes, previous: result?.kState ?? null });
  times.push(performance.now() - t0);
  const c1 = process.cpuUsage(c0);
  cpuTimes.push((c1.user + c1.system) / 1000);
  const mem = process.memoryUsage();
  peakRss = Math.max(peakRss, mem.rss);
  peakHeap = Math.max(peakHeap, mem.heapUsed);
}
const r = result!;
const group = new Map(r.participants.map((p) => [p.participant, p.group ?? -1]));
const clustered = r.participants.filter((p) => p.clustered).map((p) => p.participant);
const ari = adjustedRandIndex(
  clustered.map((p) => group.get(p)!),
  clustered.map((p) => planted[p - 1]!),
);
// How recovery depends on how much people vote: sparse voters carry less signal.
const bands = [[1, 49], [50, 99], [100, 149], [150, Infinity]] as const;
const bandText = bands
  .map(([lo, hi]) => {
    const ps = r.participants.filter((p) => p.clustered && p.votes >= lo && p.votes <= hi).map((p) => p.participant);
    if (ps.length < 2) return null;
    const a = adjustedRandIndex(ps.map((p) => group.get(p)!), ps.map((p) => planted[p - 1]!));
    return `${lo}–${hi === Infinity ? "" : hi} votes: ${a.toFixed(3)} (${ps.length})`;
  })
  .filter(Boolean)
  .join("; ");
const median = [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`participants ${PARTICIPANTS}, statements ${STATEMENTS}, votes ${r.counts.votes} (moderated out ${moderatedOut.length})`);
console.log(`recompute: median ${median.toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(", ")} ms)`);
console.log(`CPU time: median ${[...cpuTimes].sort((a, b) => a - b)[Math.floor(RUNS / 2)]!.toFixed(0)} ms (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`);
console.log(`groups: k = ${r.k}, sizes ${r.groups.map((g) => g.size).join("/")}, clustered ${r.counts.clustered}`);
console.log(`ARI vs planted groups: ${ari.toFixed(4)} (goal ≥ 0.95)`);
console.log(`ARI by participant activity: ${bandText}`);
console.log(`PCA explained: ${r.pca.explained.map((e) => (e * 100).toFixed(1) + " %").join(", ")}`);
console.log(`peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)} (input vote objects included)`);
