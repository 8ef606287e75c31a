import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fitBradleyTerry, Z95 } from "./bradley-terry.js";
import { ballotFit, budgetLine } from "./budget.js";
import { choosePair, pairKey } from "./pairs.js";

const A = 1, B = 2, C = 3;
const close = (actual: number, expected: number, tol = 1e-6) => assert.ok(Math.abs(actual - expected) < tol, `${actual} ≠ ${expected}`);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe("Bradley–Terry scores", () => {
  // A beat B 2 of 3 times, B beat C 2 of 3, A beat C 4 of 5. Strengths 4 : 2 : 1 satisfy the
  // likelihood equations W_i = Σ_j n_ij p_i/(p_i+p_j): A 2+4 = 6, B 1+2 = 3, C 1+1 = 2.
  const chain = [
    { winner: A, loser: B, count: 2 }, { winner: B, loser: A, count: 1 },
    { winner: B, loser: C, count: 2 }, { winner: C, loser: B, count: 1 },
    { winner: A, loser: C, count: 4 }, { winner: C, loser: A, count: 1 },
  ];

  it("finds the hand-computed maximum-likelihood strengths 4 : 2 : 1 without a prior", () => {
    const fit = fitBradleyTerry([A, B, C], chain, { prior: 0 });
    assert.ok(fit.converged);
    const [a, b, c] = fit.scores;
    close(a!.strength / b!.strength, 2);
    close(b!.strength / c!.strength, 2);
    // Geometric mean of 4, 2, 1 is 2: A beats an average item with probability 4/6, B 2/4, C 1/3.
    close(a!.score, 4 / 6);
    close(b!.score, 0.5);
    close(c!.score, 1 / 3);
    assert.deepEqual([a!.wins, a!.losses, b!.wins, b!.losses, c!.wins, c!.losses], [6, 2, 3, 3, 2, 6]);
  });

  it("computes the Fisher-information interval of a two-item example by hand", () => {
    // A beat B 3 times of 4: θ_A − θ_B = ln 3; information 4·(3/4)(1/4) = 3/4; A's distance from
    // the mean is ln3/2 with variance (1/4)/(3/4) = 1/3.
    const fit = fitBradleyTerry([A, B], [{ winner: A, loser: B, count: 3 }, { winner: B, loser: A, count: 1 }], { prior: 0 });
    const a = fit.scores[0]!;
    const d = Math.log(3) / 2;
    close(a.score, sigmoid(d));
    close(a.low!, sigmoid(d - Z95 * Math.sqrt(1 / 3)));
    close(a.high!, sigmoid(d + Z95 * Math.sqrt(1 / 3)));
  });

  it("keeps an unbeaten item finite with the weak prior, shrinking towards the average", () => {
    const fit = fitBradleyTerry([A, B, C], [{ winner: A, loser: B, count: 5 }, { winner: A, loser: C, count: 5 }, { winner: B, loser: C, count: 1 }]);
    assert.ok(fit.converged);
    const [a, b, c] = fit.scores;
    assert.ok(Number.isFinite(a!.strength) && a!.score < 1 && a!.score > b!.score && b!.score > c!.score);
    for (const s of fit.scores) assert.ok(s.low! < s.score && s.score < s.high!);
    // The prior only shrinks: the order of the chain example is kept and A stays below 4/6·(1+ε).
    const chainFit = fitBradleyTerry([A, B, C], chain);
    assert.ok(chainFit.scores[0]!.score > chainFit.scores[1]!.score && chainFit.scores[1]!.score > chainFit.scores[2]!.score);
    assert.ok(chainFit.scores[0]!.score < 4 / 6 && chainFit.scores[2]!.score > 1 / 3);
  });

  it("gives an item nobody compared the average score", () => {
    const fit = fitBradleyTerry([A, B, C], [{ winner: A, loser: B, count: 3 }]);
    const c = fit.scores[2]!;
    assert.ok(Math.abs(c.strength - 1) < 0.35 && c.low! < 0.5 && c.high! > 0.5);
  });

  it("is deterministic: the same comparisons in another order give identical figures", () => {
    const shuffled = [...chain].reverse();
    assert.deepEqual(fitBradleyTerry([A, B, C], chain), fitBradleyTerry([A, B, C], shuffled));
  });

  it("narrows the interval as comparisons accumulate", () => {
    const few = fitBradleyTerry([A, B, C], chain).scores[0]!;
    const many = fitBradleyTerry([A, B, C], chain.map((r) => ({ ...r, count: r.count * 20 }))).scores[0]!;
    assert.ok(many.high! - many.low! < (few.high! - few.low!) / 3);
  });
});

describe("participatory budget", () => {
  it("reports the total and the excess of a ballot", () => {
    assert.deepEqual(ballotFit([600_000, 500_000], 1_000_000), { total: 1_100_000, excess: 100_000, fits: false });
    assert.deepEqual(ballotFit([600_000, 400_000], 1_000_000), { total: 1_000_000, excess: 0, fits: true });
  });

  it("draws the budget line greedily by votes, skipping projects that do not fit", () => {
    // Budget 100: A (60, 10 votes) funded → 60; B (50, 8) does not fit → skipped; C (30, 7) → 90;
    // D (10, 3) → 100; E (5, 0 votes) is never funded; F (20, 7) ties C on votes, dearer → after C, no room.
    const line = budgetLine(
      [
        { itemId: 1, cost: 60, votes: 10 }, { itemId: 2, cost: 50, votes: 8 }, { itemId: 3, cost: 30, votes: 7 },
        { itemId: 4, cost: 10, votes: 3 }, { itemId: 5, cost: 5, votes: 0 }, { itemId: 6, cost: 40, votes: 7 },
      ],
      100,
    );
    assert.deepEqual(line.map((r) => [r.itemId, r.funded, r.committed]), [[1, true, 60], [2, false, 60], [3, true, 90], [6, false, 90], [4, true, 100], [5, false, 100]]);
  });
});

describe("informative pair selection", () => {
  const counts = (entries: [number, number][]) => new Map(entries);
  it("pairs the least-compared items that have met least", () => {
    // A–B compared 5 times, A–C once, B–C never.
    const pair = choosePair({
      itemIds: [A, B, C], itemCounts: counts([[A, 6], [B, 5], [C, 1]]),
      pairCounts: new Map([[pairKey(A, B), 5], [pairKey(A, C), 1]]), mine: new Map(), last: null, seed: 7,
    });
    assert.deepEqual([...pair!].sort(), [B, C]);
  });

  it("never offers the pair just answered, even when it is still the least compared", () => {
    const all = new Map([[pairKey(A, B), 1], [pairKey(A, C), 1], [pairKey(B, C), 1]]);
    const history = { itemIds: [A, B, C], itemCounts: counts([[A, 9], [B, 2], [C, 2]]), pairCounts: new Map([[pairKey(A, B), 4], [pairKey(A, C), 5], [pairKey(B, C), 0]]), mine: all, last: [C, B] as const };
    for (let seed = 0; seed < 20; seed++) assert.notDeepEqual([...choosePair({ ...history, seed })!].sort(), [B, C]);
  });

  it("prefers pairs the participant has not answered yet", () => {
    const pair = choosePair({
      itemIds: [A, B, C], itemCounts: counts([[A, 1], [B, 1], [C, 10]]),
      pairCounts: new Map([[pairKey(A, B), 1]]), mine: new Map([[pairKey(A, B), 1]]), last: null, seed: 1,
    });
    assert.ok(pair!.includes(C));
  });

  it("needs at least three items", () => {
    assert.equal(choosePair({ itemIds: [A, B], itemCounts: new Map(), pairCounts: new Map(), mine: new Map(), last: null, seed: 1 }), null);
  });
});
