import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestContext, Browser, type TestContext } from "../../platform/testing.js";
import { seedRequestsWorld } from "../requests/test-support.js";
import { currentPhase, todayIn } from "./processes.js";
import { demoProcess, seedDemoParticipation } from "./demo.js";
import { detectDocumentType } from "./team.js";

describe("participation demo", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => t.reset());
  after(async () => t.close());

  it("gives every active municipality a published OGP Local process in its proposals phase, once", async () => {
    const w = await seedRequestsWorld(t.services);
    const lines: string[] = [];
    await seedDemoParticipation(t.services, (l) => lines.push(l));
    await seedDemoParticipation(t.services, (l) => lines.push(l));
    const active = await t.services.db.selectFrom("municipalities").select("id").where("active", "=", true).execute();
    assert.equal(lines.length, active.length);
    const leon = (await demoProcess(t.services.db, w.leon.id))!;
    assert.equal(leon.status, "published");
    assert.match(leon.title, /Plan de Acción Local de Gobierno Abierto 2026–2027 de León/);
    assert.deepEqual(leon.phases.map((p) => p.title), ["Diagnóstico", "Propuestas", "Deliberación", "Priorización", "Compromisos"]);
    assert.equal(currentPhase(leon, todayIn(w.leon.timeZone))?.title, "Propuestas");
    const docs = await t.services.db.selectFrom("process_documents").selectAll().where("municipality_id", "=", w.leon.id).execute();
    assert.equal(docs.length, 1);
    assert.equal(detectDocumentType((await t.services.storage.get(docs[0]!.file_key))!), "pdf");
    const app = await t.app();
    const page = await new Browser(app).get(`/leon/participa/${leon.slug}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Observatorio Ciudadano del Bajío \(ficticio\)/);
    assert.match(page.body, /Academia/);
    assert.ok(await demoProcess(t.services.db, w.cuauhtemoc.id));
  });
});
