import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { seedDemoParticipation, demoProcess } from "../participation/demo.js";
import { seedRequestsWorld } from "../requests/test-support.js";
import { loadProcess } from "../participation/processes.js";
import { DEMO_VOTE_SLUG, seedDemoPrioritisation } from "./demo.js";
import { countItems } from "./items.js";
import { approvalResults, budgetResults, pairwiseResults } from "./results.js";

describe("prioritisation demo", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it("puts items on León's action-plan process and a finished participatory budget with results, once", async () => {
    const w = await seedRequestsWorld(t.services);
    await seedDemoParticipation(t.services, () => {});
    const lines: string[] = [];
    await seedDemoPrioritisation(t.services, (l) => lines.push(l));
    await seedDemoPrioritisation(t.services, (l) => lines.push(l));
    assert.equal(lines.length, 1);
    const upcoming = (await demoProcess(t.services.db, w.leon.id))!;
    assert.equal(await countItems(t.services.db, w.leon.id, upcoming.id), 8);
    const vote = (await loadProcess(t.services.db, w.leon.id, DEMO_VOTE_SLUG))!;
    const [approval, budget, pairwise] = await Promise.all([approvalResults(t.services.db, w.leon.id, vote.id), budgetResults(t.services.db, w.leon.id, vote.id), pairwiseResults(t.services.db, w.leon.id, vote.id)]);
    assert.equal(approval.turnout.participants, 36);
    assert.equal(budget.turnout.participants, 48);
    assert.ok(budget.funded > 0 && budget.funded <= 15_000_000);
    assert.equal(pairwise.turnout.participants, 30);
    assert.equal(pairwise.comparisons, 180);
    // The most appealing demo item (street lighting) comes out on top of the pairwise scores.
    assert.match(pairwise.rows[0]!.item.title, /Alumbrado|Senderos/);
    const app = await t.app();
    for (const path of ["votaciones", "presupuesto", "comparaciones"]) {
      const res = await new Browser(app).get(`/leon/participa/${DEMO_VOTE_SLUG}/${path}/resultados`);
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /preliminares/);
    }
  });
});
