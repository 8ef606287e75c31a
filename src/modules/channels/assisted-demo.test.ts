import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { makeUser } from "../accounts/test-support.js";
import { seedRequestsWorld, type RequestsWorld } from "../requests/test-support.js";
import { seedDemoAssisted } from "./assisted-demo.js";

describe("demo requests by channel", () => {
  let t: TestContext;
  let w: RequestsWorld;
  before(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
  });
  after(async () => t.close());

  it("files web, office and phone requests as the demo front desk, one attended, and only once", async () => {
    const db = t.services.db;
    const clerk = await makeUser(db, "dependencia@cuauhtemoc.demo.cabildo.mx", { role: "department_staff", municipalityId: w.cuauhtemoc.id, departmentId: w.departments.servicios });
    await makeUser(db, "admin@cuauhtemoc.demo.cabildo.mx", { role: "administrator", municipalityId: w.cuauhtemoc.id });
    await db.insertInto("service_offices").values({ municipality_id: w.cuauhtemoc.id, slug: "alcaldia", name: "Alcaldía (sede)", address: "Aldama y Mina s/n, Buenavista", hours: "[]" }).execute();
    const lines: string[] = [];
    await seedDemoAssisted(t.services, (l) => lines.push(l));
    const rows = await db.selectFrom("service_requests").select(["channel", "assisted_by_user_id", "status", "municipality_id"]).orderBy("id").execute();
    assert.deepEqual(rows.map((r) => r.channel), ["web", "web", "office", "phone"], "León has no demo staff here: nothing filed there");
    assert.deepEqual(rows.map((r) => r.assisted_by_user_id), [null, null, clerk, clerk]);
    assert.deepEqual(rows.map((r) => r.status), ["atendida", "recibida", "recibida", "recibida"]);
    assert.equal(Number((await db.selectFrom("assisted_filings").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n), 2);
    assert.match(lines.join("\n"), /Cuauhtémoc: 4 solicitudes de demostración/);
    await seedDemoAssisted(t.services, () => {});
    assert.equal((await db.selectFrom("service_requests").select("id").execute()).length, 4, "a second run adds nothing");
  });
});
