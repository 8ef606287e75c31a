import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../testing.js";
import { LEON, login, makeUser, seedTowns, CUAUHTEMOC } from "../../modules/accounts/test-support.js";

describe("calendar pages", () => {
  let t: TestContext;
  let app: FastifyInstance;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    await seedTowns(t.services.db);
  });
  after(async () => t.close());

  it("shows the statutory rest days of the year asked, in Spanish", async () => {
    const res = await new Browser(app).get("/leon/calendario?anio=2026");
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Día de la Revolución Mexicana|Revolución/);
    assert.match(res.body, /lunes, 16 de noviembre de 2026/);
    assert.match(res.body, /18:00/);
  });

  it("computes a term: 20 business days from Friday 2026-11-13 ends on 2026-12-14", async () => {
    // 13 Nov is a Friday; 16 Nov is the Revolution holiday; 20 business days later is Monday 14 Dec.
    const res = await new Browser(app).get("/leon/calendario?desde=2026-11-13&dias=20");
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /vence el lunes, 14 de diciembre de 2026/);
  });

  it("answers a bad calculator input with 422 and a Spanish message", async () => {
    const res = await new Browser(app).get("/leon/calendario?desde=ayer&dias=mil");
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Escriba una fecha válida/);
    assert.match(res.body, /Escriba un número entero de días/);
  });

  it("lets León's administrator publish días inhábiles that then move the public deadline", async () => {
    await makeUser(t.services.db, "admin@leon.test", { role: "administrator", municipalityId: LEON });
    const browser = new Browser(app);
    await login(browser, "admin@leon.test");
    const res = await browser.post("/leon/admin/calendario", {
      startsOn: "2026-11-17",
      endsOn: "2026-11-18",
      reason: "Desinfección de oficinas",
      officialNotice: "Periódico Oficial del Estado de Guanajuato núm. 230",
      noticeUrl: "",
    });
    assert.equal(res.statusCode, 303);
    const rows = await t.services.db.selectFrom("municipal_non_working_days").selectAll().execute();
    assert.equal(rows.length, 1);
    const audit = await t.services.db.selectFrom("audit_log").select(["action", "chain_id"]).execute();
    assert.ok(audit.some((a) => String(a.chain_id) === String(LEON)), "the change is in León's audit chain");
    const calc = await browser.get("/leon/calendario?desde=2026-11-13&dias=1");
    assert.match(calc.body, /vence el jueves, 19 de noviembre de 2026/);
    const other = await new Browser(app).get("/cuauhtemoc/calendario?desde=2026-11-13&dias=1");
    assert.match(other.body, /vence el martes, 17 de noviembre de 2026/, "another municipality's calendar is unaffected");
  });

  it("refuses a range that ends before it starts, storing nothing", async () => {
    await makeUser(t.services.db, "admin@leon.test", { role: "administrator", municipalityId: LEON });
    const browser = new Browser(app);
    await login(browser, "admin@leon.test");
    const res = await browser.post("/leon/admin/calendario", { startsOn: "2026-11-20", endsOn: "2026-11-18", reason: "x", officialNotice: "y" });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /no puede ser anterior/);
    assert.equal((await t.services.db.selectFrom("municipal_non_working_days").selectAll().execute()).length, 0);
  });

  it("keeps staff of another municipality and observers out of the calendar admin", async () => {
    await makeUser(t.services.db, "admin@cuauhtemoc.test", { role: "administrator", municipalityId: CUAUHTEMOC });
    await makeUser(t.services.db, "observa@leon.test", { role: "observer", municipalityId: LEON });
    for (const email of ["admin@cuauhtemoc.test", "observa@leon.test"]) {
      const browser = new Browser(app);
      await login(browser, email);
      assert.equal((await browser.get("/leon/admin/calendario")).statusCode, 403);
      const post = await browser.post("/leon/admin/calendario", { startsOn: "2026-11-17", endsOn: "2026-11-17", reason: "x", officialNotice: "y" });
      assert.equal(post.statusCode, 403);
    }
    const anonymous = await new Browser(app).get("/leon/admin/calendario");
    assert.equal(anonymous.statusCode, 302);
    assert.match(String(anonymous.headers.location), /^\/entrar\?next=/);
    assert.equal((await t.services.db.selectFrom("municipal_non_working_days").selectAll().execute()).length, 0);
  });
});
