import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEMO_PROCESS_SLUG } from "../participation/demo.js";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { addDays } from "../../platform/calendar/dates.js";
import { anonymous } from "../../platform/policy.js";
import { createProcess, todayIn } from "../participation/processes.js";
import { seedParticipationWorld } from "../participation/test-support.js";
import { seedDemoConsultation } from "./demo.js";

describe("consultations demo", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it("adds to León's process a consultation with online and in-person answers whose results are public", async () => {
    const w = await seedParticipationWorld(t.services);
    const today = todayIn(w.leon.timeZone);
    const process = await createProcess(t.services.db, w.leon.id, anonymous, {
      slug: DEMO_PROCESS_SLUG, title: "León participa: seguridad y servicios", summary: "", description: "", status: "published",
      phases: [{ title: "Consulta", startsOn: addDays(today, -20), endsOn: addDays(today, 20), components: ["consultations"] }],
    });
    const lines: string[] = [];
    await seedDemoConsultation(t.services, (l) => lines.push(l));
    assert.match(lines.join("\n"), /5 respuestas en línea, 3 en papel/);
    const rows = await t.services.db.selectFrom("consultation_responses").select("channel").where("municipality_id", "=", w.leon.id).execute();
    assert.deepEqual([rows.filter((r) => r.channel === "online").length, rows.filter((r) => r.channel === "in_person").length], [5, 3]);
    const app = await t.app();
    const c = await t.services.db.selectFrom("consultations").select("id").where("municipality_id", "=", w.leon.id).executeTakeFirstOrThrow();
    const results = await app.inject({ method: "GET", url: `/leon/participa/${process.slug}/consultas/${c.id}/resultados` });
    assert.equal(results.statusCode, 200);
    assert.match(results.body, /Respondieron 8 personas: 5 en línea y 3 en sesiones presenciales/);
    assert.ok(!results.body.includes("vecina.demo"), "no demo e-mail");
  });
});
