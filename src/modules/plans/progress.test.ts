import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BusinessCalendar } from "../../platform/calendar/business-days.js";
import { commitmentStage, isMilestoneOverdue, isStarred, milestoneDaysLate, milestonePunctuality, weightedProgress } from "./progress.js";

// March 2026: Monday 16 is the statutory rest day for Benito Juárez; the municipality declares Wednesday 18 inhábil.
const calendar = new BusinessCalendar(["2026-03-18"]);

describe("commitment progress from weighted milestones", () => {
  it("counts the weight of completed milestones over the weight of every milestone not cancelled", () => {
    const ms = [
      { weight: 20, status: "completado" as const },
      { weight: 30, status: "en_curso" as const },
      { weight: 50, status: "pendiente" as const },
    ];
    assert.deepEqual(weightedProgress(ms), { percent: 20, completedWeight: 20, totalWeight: 100 });
    ms[2]!.status = "completado" as never;
    assert.equal(weightedProgress(ms).percent, 70);
  });

  it("leaves cancelled milestones out of the denominator and has no progress without milestones", () => {
    assert.equal(weightedProgress([{ weight: 40, status: "completado" }, { weight: 60, status: "cancelado" }]).percent, 100);
    assert.equal(weightedProgress([{ weight: 1, status: "completado" }, { weight: 2, status: "pendiente" }]).percent, 33);
    assert.equal(weightedProgress([]).percent, null);
    assert.equal(weightedProgress([{ weight: 60, status: "cancelado" }]).percent, null);
  });
});

describe("overdue milestones in business days", () => {
  it("is late once a whole business day passes after the effective due date, only while open", () => {
    // Due Friday 13: the weekend and Monday 16 (rest day) do not count; Tuesday 17 is the first day late.
    assert.equal(milestoneDaysLate(calendar, { status: "pendiente", dueOn: "2026-03-13" }, "2026-03-16"), 0);
    assert.equal(milestoneDaysLate(calendar, { status: "pendiente", dueOn: "2026-03-13" }, "2026-03-17"), 1);
    // Wednesday 18 is inhábil: still one day late; Thursday 19 two.
    assert.equal(milestoneDaysLate(calendar, { status: "en_curso", dueOn: "2026-03-13" }, "2026-03-18"), 1);
    assert.equal(milestoneDaysLate(calendar, { status: "en_curso", dueOn: "2026-03-13" }, "2026-03-19"), 2);
    assert.equal(isMilestoneOverdue(calendar, { status: "pendiente", dueOn: "2026-03-13" }, "2026-03-16"), false);
    assert.equal(isMilestoneOverdue(calendar, { status: "completado", dueOn: "2026-03-13" }, "2026-03-19"), false);
    assert.equal(isMilestoneOverdue(calendar, { status: "cancelado", dueOn: "2026-03-13" }, "2026-03-19"), false);
  });

  it("tells on-time and late deliveries apart by the completion date", () => {
    assert.equal(milestonePunctuality(calendar, { status: "completado", dueOn: "2026-03-13", completedOn: "2026-03-16" }, "2026-03-30"), "a_tiempo");
    assert.equal(milestonePunctuality(calendar, { status: "completado", dueOn: "2026-03-13", completedOn: "2026-03-17" }, "2026-03-30"), "entregado_tarde");
    assert.equal(milestonePunctuality(calendar, { status: "pendiente", dueOn: "2026-03-13", completedOn: null }, "2026-03-17"), "vencido");
    assert.equal(milestonePunctuality(calendar, { status: "pendiente", dueOn: "2026-03-13", completedOn: null }, "2026-03-13"), "en_plazo");
  });
});

describe("stages and stars", () => {
  const base = { withdrawn: false, overdueMilestones: 0, startedMilestones: 0, startsOn: "2026-04-01", today: "2026-03-01" };
  it("names the stage a commitment is at", () => {
    assert.equal(commitmentStage({ ...base, progress: weightedProgress([{ weight: 100, status: "pendiente" }]) }), "no_iniciado");
    assert.equal(commitmentStage({ ...base, today: "2026-04-02", progress: weightedProgress([{ weight: 100, status: "pendiente" }]) }), "en_curso");
    assert.equal(commitmentStage({ ...base, overdueMilestones: 1, progress: weightedProgress([{ weight: 100, status: "pendiente" }]) }), "con_retraso");
    assert.equal(commitmentStage({ ...base, progress: weightedProgress([{ weight: 100, status: "completado" }]) }), "completado");
    assert.equal(commitmentStage({ ...base, withdrawn: true, progress: weightedProgress([]) }), "retirado");
  });

  it("stars only verifiable, relevant, substantial-potential commitments that are substantially or fully complete", () => {
    const star = { verifiable: true, relevant: true, potential: "sustancial" as const, completion: "sustancial" as const };
    assert.equal(isStarred(star), true);
    assert.equal(isStarred({ ...star, completion: "completo" }), true);
    assert.equal(isStarred({ ...star, completion: "limitado" }), false);
    assert.equal(isStarred({ ...star, potential: "modesto" }), false);
    assert.equal(isStarred({ ...star, verifiable: false }), false);
    assert.equal(isStarred({ ...star, relevant: false }), false);
  });
});
