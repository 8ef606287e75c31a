import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEMO_PROCESS_SLUG } from "../participation/demo.js";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { addDays } from "../../platform/calendar/dates.js";
import { anonymous } from "../../platform/policy.js";
import { COMPONENTS } from "../participation/tables.js";
import { createProcess, todayIn } from "../participation/processes.js";
import { seedRequestsWorld } from "../requests/test-support.js";
import { seedDemoRoundtables } from "./demo.js";

describe("roundtables demo", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => t.reset());
  after(async () => t.close());

  it("seeds two roundtables with sessions, minutes and agreements on León's process, once", async () => {
    const w = await seedRequestsWorld(t.services);
    const today = todayIn(w.leon.timeZone);
    const process = await createProcess(t.services.db, w.leon.id, anonymous, { slug: DEMO_PROCESS_SLUG, title: "León participa", status: "published", phases: [{ title: "Abierta", startsOn: addDays(today, -60), endsOn: addDays(today, 60), components: [...COMPONENTS] }] });
    const lines: string[] = [];
    await seedDemoRoundtables(t.services, (l) => lines.push(l));
    await seedDemoRoundtables(t.services, (l) => lines.push(l));
    const db = t.services.db;
    assert.equal((await db.selectFrom("roundtables").select("id").execute()).length, 2);
    assert.equal((await db.selectFrom("roundtable_sessions").select("id").execute()).length, 6);
    assert.equal((await db.selectFrom("roundtable_agreements").select("id").execute()).length, 7);
    assert.match(lines[0]!, /2 mesas/);
    const app = await t.app();
    const list = await new Browser(app).get(`/leon/participa/${process.slug}/mesas/acuerdos?vencidos=1`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Levantar un recorrido nocturno/);
    assert.match(list.body, /días hábiles de atraso/);
    assert.ok(!list.body.includes("Publicar el calendario de recolección de basura"), "fulfilled agreements are not overdue");
    const draftMinutes = await db.selectFrom("roundtable_sessions").select(["id", "roundtable_id"]).where("minutes_published_at", "is", null).where("minutes", "<>", "").executeTakeFirstOrThrow();
    const page = await new Browser(app).get(`/leon/participa/${process.slug}/mesas/${draftMinutes.roundtable_id}/sesiones/${draftMinutes.id}`);
    assert.ok(!page.body.includes("Borrador: revisión"));
  });
});
