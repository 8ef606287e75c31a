import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { listCommitmentSummaries, planClock, planProgress } from "./queries.js";
import { seedPlanWorld, type PlanWorld } from "./test-support.js";

describe("plans read model", () => {
  let t: TestContext;
  let w: PlanWorld;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
  });

  it("computes each commitment's progress from its stored milestones and the plan's as their mean", async () => {
    const db = t.services.db;
    const m = w.cuauhtemoc.id;
    const complete = (id: number) => db.updateTable("plan_milestones").set({ status: "completado", completed_on: w.today }).where("municipality_id", "=", m).where("id", "=", id).execute();
    await complete(w.milestones.obras[0]!);
    await complete(w.milestones.obras[1]!);
    await complete(w.milestones.servicios[0]!);
    const clock = await planClock(db, w.cuauhtemoc);
    const [obras, servicios] = await listCommitmentSummaries(db, m, { planId: w.plan.id }, clock);
    assert.equal(obras!.progress.percent, 50);
    assert.equal(servicios!.progress.percent, 40);
    assert.equal(obras!.leadDepartment!.id, w.departments.obras);
    assert.equal(obras!.stage, "en_curso");
    assert.equal(planProgress([obras!, servicios!]), 45);
  });

  it("flags a milestone overdue and the commitment late", async () => {
    const db = t.services.db;
    await db.updateTable("plan_milestones").set({ due_on: "2026-01-05" }).where("id", "=", w.milestones.servicios[0]!).execute();
    const clock = await planClock(db, w.cuauhtemoc, new Date("2026-03-02T18:00:00Z"));
    const [, servicios] = await listCommitmentSummaries(db, w.cuauhtemoc.id, { planId: w.plan.id }, clock);
    assert.equal(servicios!.overdueMilestones, 1);
    assert.equal(servicios!.stage, "con_retraso");
    assert.ok(servicios!.milestones[0]!.daysLate >= 30);
  });
});
