import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { adjustedRandIndex, analyse, nextKState, type AnalysisInput, type KState, type Vote, type VoteRecord } from "./index.js";
import { seededRandom } from "./random.js";

const close = (actual: number, expected: number, tol = 1e-9) => assert.ok(Math.abs(actual - expected) < tol, `${actual} ≠ ${expected}`);

function fromMatrix(rows: (Vote | null)[][]): VoteRecord[] {
  const votes: VoteRecord[] = [];
  rows.forEach((row, i) => row.forEach((vote, j) => vote !== null && votes.push({ participant: i + 1, statement: j + 1, vote })));
  return votes;
}

/** Planted opinion groups: each group agrees with a statement with its own probability. */
function planted(participants: number, statements: number, groups: number, seed: number, votesEach: [number, number]) {
  const rand = seededRandom(seed);
  const agree = Array.from({ length: groups }, () => Array.from({ length: statements }, () => (rand() < 0.5 ? 0.85 : 0.15)));
  const truth = new Map<number, number>();
  const votes: VoteRecord[] = [];
  for (let p = 1; p <= participants; p++) {
    const g = (p - 1) % groups;
    truth.set(p, g);
    const count = votesEach[0] + Math.floor(rand() * (votesEach[1] - votesEach[0] + 1));
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, statements)) chosen.add(1 + Math.floor(rand() * statements));
    for (const s of [...chosen].sort((a, b) => a - b)) {
      const r = rand();
      votes.push({ participant: p, statement: s, vote: r < 0.1 ? 0 : r < 0.1 + 0.9 * agree[g]![s - 1]! ? 1 : -1 });
    }
  }
  return { votes, truth, statementIds: Array.from({ length: statements }, (_, j) => j + 1) };
}

describe("opinion analysis on a small hand-checked conversation", () => {
  // Six participants, four statements (null = not voted, 0 = pass). Participants 1–3 agree with
  // 1 and reject 3; 4–6 the opposite; nearly everyone agrees with 4.
  const votes = fromMatrix([
    [1, 1, -1, 1],
    [1, 1, -1, 1],
    [1, 0, -1, null],
    [-1, -1, 1, 1],
    [-1, -1, 1, 1],
    [-1, null, 1, 0],
  ]);
  const result = analyse({ statementIds: [1, 2, 3, 4], moderatedOut: [], votes });

  it("finds the two groups and places them on opposite sides of the map", () => {
    assert.equal(result.k, 2);
    assert.deepEqual(result.kState, { k: 2, candidate: null, streak: 0 });
    assert.deepEqual(result.groups.map((g) => g.members), [[1, 2, 3], [4, 5, 6]]);
    const x = new Map(result.participants.map((p) => [p.participant, p.x]));
    assert.ok(Math.sign(x.get(1)!) === -Math.sign(x.get(4)!) && x.get(1) !== 0);
    // Fewer than 15 participants: everyone is clustered, whatever their number of votes.
    assert.ok(result.participants.every((p) => p.clustered));
    assert.deepEqual(result.counts, { participants: 6, clustered: 6, statements: 4, votes: 22 });
  });

  it("picks representative statements by the smoothed two-proportion test, computed by hand", () => {
    // Group 0 on statement 1: (1+3)/(2+3) = 0.8 agree against the rest's (1+0)/(2+3) = 0.2;
    // pooled (3+0+2)/(3+3+4) = 0.5, z = 0.6 / √(0.25·(1/5+1/5)) = 1.8974.
    // Statement 2 (2 of 3 agree vs 0 of 2): z = (0.6−0.25)/√(4/9·5/9·(1/5+1/4)) = 1.05 < 1.2816.
    const [g0, g1] = result.groups;
    assert.deepEqual(g0!.representative.map((r) => [r.statement, r.direction]), [[1, "agree"], [3, "disagree"]]);
    close(g0!.representative[0]!.p, 0.8);
    close(g0!.representative[0]!.z, 0.6 / Math.sqrt(0.1));
    assert.deepEqual(g0!.representative[0], { statement: 1, direction: "agree", p: 0.8, z: g0!.representative[0]!.z, agrees: 3, disagrees: 0, seen: 3 });
    // Group 1 also rejects statement 2 (2 of 2 vs 0 of 3): p = 3/4, pooled 4/9,
    // z = (0.75−0.2)/√(4/9·5/9·(1/4+1/5)) = 1.65; ranked after the stronger 1 and 3.
    assert.deepEqual(g1!.representative.map((r) => [r.statement, r.direction]), [[1, "disagree"], [3, "agree"], [2, "disagree"]]);
    close(g1!.representative[2]!.p, 0.75);
    close(g1!.representative[2]!.z, 1.65);
  });

  it("computes group-informed consensus as the product of smoothed shares", () => {
    const s = new Map(result.statements.map((x) => [x.statement, x]));
    // Statement 4: group 0 (2+1)/(2+2) = 0.75, group 1 (2+1)/(3+2) = 0.6 → 0.45.
    close(s.get(4)!.consensusAgree, 0.45);
    close(s.get(4)!.consensusDisagree, (1 / 4) * (1 / 5));
    close(s.get(1)!.consensusAgree, 0.8 * 0.2);
    assert.deepEqual(result.consensus, { agree: [4], disagree: [] });
  });

  it("counts agree, disagree and pass per statement and per group, a missing vote being no vote", () => {
    const s2 = result.statements.find((x) => x.statement === 2)!;
    assert.deepEqual(
      { agrees: s2.agrees, disagrees: s2.disagrees, passes: s2.passes, byGroup: s2.byGroup },
      {
        agrees: 2,
        disagrees: 2,
        passes: 1,
        byGroup: [
          { group: 0, agrees: 2, disagrees: 0, passes: 1, seen: 3 },
          { group: 1, agrees: 0, disagrees: 2, passes: 0, seen: 2 },
        ],
      },
    );
  });
});

describe("opinion analysis rules", () => {
  const world = planted(240, 30, 3, 7, [5, 30]);
  const input: AnalysisInput = { statementIds: world.statementIds, moderatedOut: [], votes: world.votes };

  it("is deterministic: the same votes in any order give exactly the same result", () => {
    const first = analyse(input);
    assert.deepEqual(analyse(input), first);
    const rand = seededRandom(99);
    const shuffled = [...world.votes];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    assert.deepEqual(analyse({ ...input, votes: shuffled }), first);
  });

  it("recovers planted groups among the clustered participants", () => {
    const result = analyse(input);
    assert.equal(result.k, 3);
    // Those with at least half the statements voted carry a clear signal; 7 votes are noisier.
    const active = result.participants.filter((p) => p.votes >= 15);
    const ari = adjustedRandIndex(active.map((p) => p.group!), active.map((p) => world.truth.get(p.participant)!));
    assert.ok(ari > 0.9, `ARI ${ari}`);
    const clustered = result.participants.filter((p) => p.clustered);
    const all = adjustedRandIndex(clustered.map((p) => p.group!), clustered.map((p) => world.truth.get(p.participant)!));
    assert.ok(all > 0.8, `ARI ${all}`);
  });

  it("clusters participants with min(7, statements) votes and places the others on the map without a group", () => {
    const result = analyse(input);
    for (const p of result.participants) {
      assert.equal(p.clustered, p.votes >= 7, `participant ${p.participant} with ${p.votes} votes`);
      assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
      if (!p.clustered) assert.equal(p.group, null);
      else assert.notEqual(p.group, null);
    }
    assert.ok(result.participants.some((p) => !p.clustered));
    assert.equal(result.groups.reduce((n, g) => n + g.size, 0), result.counts.clustered);
  });

  it("tops the clustered participants up to 15 with the most active when few have voted enough", () => {
    const votes: VoteRecord[] = [];
    for (let p = 1; p <= 20; p++) for (let s = 1; s <= Math.min(p, 10); s++) votes.push({ participant: p, statement: s, vote: p % 2 ? 1 : -1 });
    // Participants 7…20 have ≥ 7 votes (14 of them); the top-up adds participant 6 (6 votes).
    const result = analyse({ statementIds: Array.from({ length: 10 }, (_, j) => j + 1), moderatedOut: [], votes });
    assert.deepEqual(result.participants.filter((p) => p.clustered).map((p) => p.participant), [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it("keeps the last of duplicated (participant, statement) votes and ignores invalid vote values", () => {
    const base = analyse(input);
    const first = world.votes[0]!;
    const noisy = [{ ...first, vote: (first.vote === 1 ? -1 : 1) as Vote }, ...world.votes, { participant: 2, statement: 1, vote: 5 as unknown as Vote }];
    assert.deepEqual(analyse({ ...input, votes: noisy }), base);
  });

  it("ignores votes on statements the conversation does not show", () => {
    const result = analyse({ ...input, votes: [...world.votes, { participant: 1, statement: 999, vote: 1 }] });
    assert.deepEqual(result, analyse(input));
  });

  it("counts a statement moderated out as a 0 from everyone: same map as if all had passed on it", () => {
    // Statement 1 splits the groups; moderated out, it must weigh nothing. Everyone votes on
    // ≥ 7 statements here, so both runs cluster the same participants.
    const world = planted(240, 30, 3, 7, [12, 30]);
    const input: AnalysisInput = { statementIds: world.statementIds, moderatedOut: [], votes: world.votes };
    const moderated = analyse({ ...input, moderatedOut: [1] });
    const passes = world.votes.filter((v) => v.statement !== 1);
    for (const p of new Set(world.votes.map((v) => v.participant))) passes.push({ participant: p, statement: 1, vote: 0 });
    const allPassed = analyse({ ...input, votes: passes });
    assert.equal(moderated.counts.clustered, 240);
    const a = new Map(moderated.participants.map((p) => [p.participant, p]));
    assert.deepEqual(moderated.groups.map((g) => g.members), allPassed.groups.map((g) => g.members));
    for (const p of allPassed.participants.filter((q) => a.has(q.participant))) {
      // Equal up to the power iteration's convergence tolerance (different random starts).
      close(a.get(p.participant)!.x, p.x, 1e-5);
      close(a.get(p.participant)!.y, p.y, 1e-5);
    }
    assert.ok(moderated.groups.every((g) => g.representative.every((r) => r.statement !== 1)));
    assert.ok(!moderated.consensus.agree.includes(1) && !moderated.consensus.disagree.includes(1));
    const s1 = moderated.statements.find((s) => s.statement === 1)!;
    assert.equal(s1.consensusAgree, 0);
    // Its real votes are still counted for the record.
    assert.equal(s1.agrees + s1.disagrees + s1.passes, world.votes.filter((v) => v.statement === 1).length);
  });

  it("returns an empty map, no groups, for a conversation without votes", () => {
    const result = analyse({ statementIds: [1, 2], moderatedOut: [], votes: [] });
    assert.deepEqual(result.groups, []);
    assert.equal(result.k, 0);
    assert.deepEqual(result.counts, { participants: 0, clustered: 0, statements: 2, votes: 0 });
    assert.deepEqual(result.consensus, { agree: [], disagree: [] });
  });
});

describe("k hysteresis", () => {
  it("takes the best k on the first run and switches only after the same new k wins 3 runs in a row", () => {
    assert.deepEqual(nextKState(null, 3, 5), { k: 3, candidate: null, streak: 0 });
    let state = nextKState({ k: 2, candidate: null, streak: 0 }, 3, 5);
    assert.deepEqual(state, { k: 2, candidate: 3, streak: 1 });
    state = nextKState(state, 3, 5);
    assert.deepEqual(state, { k: 2, candidate: 3, streak: 2 });
    assert.deepEqual(nextKState(state, 3, 5), { k: 3, candidate: null, streak: 0 });
    // Another k (or the current one) winning in between starts the count again.
    assert.deepEqual(nextKState(state, 4, 5), { k: 2, candidate: 4, streak: 1 });
    assert.deepEqual(nextKState(state, 2, 5), { k: 2, candidate: null, streak: 0 });
    // A k the data can no longer support is dropped at once.
    assert.deepEqual(nextKState({ k: 5, candidate: null, streak: 0 }, 2, 3), { k: 2, candidate: null, streak: 0 });
    // A stored state that is not one (bad JSON round trip) counts as none.
    assert.deepEqual(nextKState({ k: "3" } as unknown as KState, 4, 5), { k: 4, candidate: null, streak: 0 });
  });

  it("keeps showing the previous k in the analysis until the new one has won 3 runs", () => {
    const world = planted(240, 30, 3, 11, [20, 30]);
    const input: AnalysisInput = { statementIds: world.statementIds, moderatedOut: [], votes: world.votes };
    const fresh = analyse(input);
    assert.equal(fresh.k, 3);
    let run = analyse({ ...input, previous: { k: 2, candidate: null, streak: 0 } });
    assert.equal(run.k, 2);
    assert.equal(run.groups.length, 2);
    assert.deepEqual(run.kState, { k: 2, candidate: 3, streak: 1 });
    run = analyse({ ...input, previous: run.kState });
    assert.equal(run.k, 2);
    run = analyse({ ...input, previous: run.kState });
    assert.equal(run.k, 3);
    assert.deepEqual(run.kState, { k: 3, candidate: null, streak: 0 });
    assert.deepEqual(run.groups, fresh.groups);
  });
});

describe("adjusted Rand index", () => {
  it("is 1 for the same partition under any labels", () => {
    assert.equal(adjustedRandIndex([0, 0, 1, 1, 2], [0, 0, 1, 1, 2]), 1);
    assert.equal(adjustedRandIndex([0, 0, 1, 1, 2], [7, 7, 3, 3, 5]), 1);
  });

  it("matches hand-computed values", () => {
    // Contingency [[2,1,0],[0,1,2]]: index 2, expected 6·3/15 = 1.2, max 4.5 → 0.8/3.3.
    close(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 0.8 / 3.3);
    // One group against an even split: exactly what chance gives.
    close(adjustedRandIndex([0, 0, 0, 0], [0, 0, 1, 1]), 0);
    // Crossed halves: worse than chance.
    assert.ok(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]) < 0);
  });

  it("refuses partitions of different lengths", () => {
    assert.throws(() => adjustedRandIndex([0, 1], [0]), RangeError);
  });
});
