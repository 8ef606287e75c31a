import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { seedDemoParticipation } from "../participation/demo.js";
import { DEMO_BRIGADE, seedDemoBrigades } from "./brigade-demo.js";
import { login } from "./brigade-test-support.js";
import { seedChannelsWorld } from "./test-support.js";

describe("brigades: the demo brigade in Cuauhtémoc", () => {
  let t: TestContext;
  let app: FastifyInstance;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    await seedChannelsWorld(t.services);
    await seedDemoParticipation(t.services, () => {});
  });
  after(async () => t.close());

  it("seeds a brigade with its route, two accounts that can sign in, and records synchronised through the real sync; a second run adds nothing", async () => {
    const db = t.services.db;
    const lines: string[] = [];
    await seedDemoBrigades(t.services, (line) => lines.push(line));
    assert.ok(!lines.some((l) => l.includes("no se pudo sincronizar")), lines.join("\n"));
    const brigade = await db.selectFrom("brigades").select(["id", "status", "process_id"]).where("slug", "=", DEMO_BRIGADE.slug).executeTakeFirstOrThrow();
    assert.equal(brigade.status, "activa");
    assert.ok(brigade.process_id, "its proposals go to the demo process");
    const stops = await db.selectFrom("brigade_stops").select("colonia_id").where("brigade_id", "=", brigade.id).execute();
    assert.equal(stops.length, 3);
    const records = await db.selectFrom("brigade_records").select(["kind", "request_id", "proposal_id", "consent"]).where("brigade_id", "=", brigade.id).execute();
    assert.deepEqual(
      { solicitud: records.filter((r) => r.kind === "solicitud").length, visita: records.filter((r) => r.kind === "visita").length, propuesta: records.filter((r) => r.kind === "propuesta").length },
      { solicitud: 6, visita: 2, propuesta: 1 },
    );
    assert.equal(records.filter((r) => r.consent).length, 2);
    const channels = await db.selectFrom("service_requests").select("channel").where("channel", "=", "brigade").execute();
    assert.equal(channels.length, 6);

    const accounts = lines.filter((l) => l.startsWith("  ")).map((l) => l.trim().split(/\s+/));
    assert.equal(accounts.length, 2);
    for (const [email, password] of accounts) {
      const b = new Browser(app);
      await login(b, email!, password!);
      assert.equal((await b.get("/cuauhtemoc/brigada/")).statusCode, 200);
    }
    const coordinator = new Browser(app);
    await login(coordinator, accounts[0]![0]!, accounts[0]![1]!);
    assert.equal((await coordinator.get(`/cuauhtemoc/admin/brigadas/${DEMO_BRIGADE.slug}`)).statusCode, 200, "the coordinator reads the summary");
    assert.equal((await new Browser(app).get(`/cuauhtemoc/brigadas/${DEMO_BRIGADE.slug}`)).statusCode, 200);

    const again: string[] = [];
    await seedDemoBrigades(t.services, (line) => again.push(line));
    assert.deepEqual(again, []);
    assert.equal(Number((await db.selectFrom("brigade_records").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n), records.length);
  });
});
