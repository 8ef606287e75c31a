import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../../platform/testing.js";
import { login, seedRequestsWorld, ZOCALO, type RequestsWorld } from "../test-support.js";
import { hashApiKey, seedDemoOpen311Key } from "./keys.js";

describe("Open311 API keys", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: RequestsWorld;

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(() => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
  });

  const submit = (key: string, jurisdiction = "cuauhtemoc") =>
    app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      payload: { api_key: key, jurisdiction_id: jurisdiction, service_code: "alumbrado", lat: ZOCALO.lat, long: ZOCALO.lon, description: "Luminaria apagada en la plaza" },
    });
  const audit = (action: string) => t.services.db.selectFrom("audit_log").select(["action", "subject_id", "actor_user_id"]).where("action", "=", action).execute();

  it("lets the administrator issue a key shown once and stored only as a hash, then revoke it", async () => {
    const admin = new Browser(app);
    await login(admin, w.emails.admin);
    const empty = await admin.get("/cuauhtemoc/admin/open311");
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<h1>Claves de la API Open311<\/h1>/);
    assert.match(empty.body, /Todavía no se ha emitido ninguna clave/);

    const created = await admin.post("/cuauhtemoc/admin/open311", { name: "  App   Mi Colonia " });
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers["cache-control"], "no-store");
    const key = /value="(c311_[^"]+)"/.exec(created.body)?.[1];
    assert.ok(key?.startsWith("c311_"), "the key is on the page");
    assert.match(created.body, /única vez/);
    const row = await t.services.db.selectFrom("open311_api_keys").selectAll().where("municipality_id", "=", w.cuauhtemoc.id).executeTakeFirstOrThrow();
    assert.equal(row.name, "App Mi Colonia");
    assert.equal(row.key_hash, hashApiKey(w.cuauhtemoc.id, key!));
    assert.ok(!JSON.stringify(row).includes(key!), "the key itself is not stored");
    assert.equal(row.created_by, w.users.admin);
    assert.deepEqual((await audit("requests.open311Key.issue")).map((a) => [a.subject_id, a.actor_user_id]), [[String(row.id), w.users.admin]]);

    const listed = await admin.get("/cuauhtemoc/admin/open311");
    assert.match(listed.body, /App Mi Colonia/);
    assert.ok(!listed.body.includes(key!), "never shown again");
    assert.match(listed.body, /Nunca/);

    assert.equal((await submit(key!)).statusCode, 201);
    assert.equal((await submit(key!, "leon")).statusCode, 403, "a key works only in its own jurisdiction");
    const used = await t.services.db.selectFrom("open311_api_keys").select("last_used_at").where("id", "=", row.id).executeTakeFirstOrThrow();
    assert.ok(used.last_used_at);

    const revoked = await admin.post(`/cuauhtemoc/admin/open311/${row.id}/revocar`);
    assert.equal(revoked.statusCode, 303);
    const after = await admin.get("/cuauhtemoc/admin/open311");
    assert.match(after.body, /fue revocada/);
    assert.match(after.body, /Revocada el/);
    assert.equal((await audit("requests.open311Key.revoke")).length, 1);
    const refused = await submit(key!);
    assert.equal(refused.statusCode, 403);
    assert.match(JSON.parse(refused.body)[0].description, /revocada/);

    const again = await admin.post(`/cuauhtemoc/admin/open311/${row.id}/revocar`);
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /ya estaba revocada/);
    assert.equal((await admin.post(`/cuauhtemoc/admin/open311/99999/revocar`)).statusCode, 404);
  });

  it("refuses a nameless key with a Spanish message and stores nothing", async () => {
    const admin = new Browser(app);
    await login(admin, w.emails.admin);
    const res = await admin.post("/cuauhtemoc/admin/open311", { name: " " });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Escriba un nombre de 2 a 80 caracteres/);
    assert.equal((await t.services.db.selectFrom("open311_api_keys").selectAll().execute()).length, 0);
  });

  it("is only for administrators of that municipality", async () => {
    const anonymous = new Browser(app);
    const redirect = await anonymous.get("/cuauhtemoc/admin/open311");
    assert.equal(redirect.statusCode, 302);
    assert.match(String(redirect.headers.location), /^\/entrar/);
    assert.equal((await anonymous.post("/cuauhtemoc/admin/open311", { name: "Intruso" })).statusCode, 401);
    for (const email of [w.emails.observer, w.emails.servicios, w.emails.leonAdmin]) {
      const b = new Browser(app);
      await login(b, email);
      assert.equal((await b.get("/cuauhtemoc/admin/open311")).statusCode, 403, email);
      assert.equal((await b.post("/cuauhtemoc/admin/open311", { name: "Intruso" })).statusCode, 403, email);
    }
    const admin = new Browser(app);
    await login(admin, w.emails.admin);
    assert.equal((await admin.post("/cuauhtemoc/admin/open311", { name: "Sin token" }, { csrf: false })).statusCode, 403, "CSRF still guards the page");
    assert.equal((await t.services.db.selectFrom("open311_api_keys").selectAll().execute()).length, 0);
  });

  it("seeds the demo key from CABILDO_DEMO_OPEN311_KEY, prints it, and does it once", async () => {
    const previous = process.env.CABILDO_DEMO_OPEN311_KEY;
    process.env.CABILDO_DEMO_OPEN311_KEY = "demo-open311-clave-fija-123";
    try {
      const lines: string[] = [];
      await seedDemoOpen311Key(t.services, (l) => lines.push(l));
      await seedDemoOpen311Key(t.services, (l) => lines.push(l));
      assert.ok(lines.some((l) => l.includes("cuauhtemoc") && l.includes("demo-open311-clave-fija-123")));
      const keys = await t.services.db.selectFrom("open311_api_keys").select(["municipality_id"]).execute();
      const active = await t.services.db.selectFrom("municipalities").select("id").where("active", "=", true).execute();
      assert.equal(keys.length, active.length, "one key per demo municipality, not repeated");
      assert.equal((await submit("demo-open311-clave-fija-123")).statusCode, 201);
      const inLeon = await submit("demo-open311-clave-fija-123", "leon");
      assert.equal(inLeon.statusCode, 400, "León accepts the key; only the Zócalo point is refused there");
      assert.match(JSON.parse(inLeon.body)[0].description, /fuera del municipio/);
    } finally {
      if (previous === undefined) delete process.env.CABILDO_DEMO_OPEN311_KEY;
      else process.env.CABILDO_DEMO_OPEN311_KEY = previous;
    }
  });

  it("seeds a random demo key when none is configured, and prints it", async () => {
    const previous = process.env.CABILDO_DEMO_OPEN311_KEY;
    delete process.env.CABILDO_DEMO_OPEN311_KEY;
    try {
      const lines: string[] = [];
      await seedDemoOpen311Key(t.services, (l) => lines.push(l));
      const key = /cuauhtemoc\): api_key=(\S+)/.exec(lines.join("\n"))?.[1];
      assert.ok(key?.startsWith("c311_"));
      assert.equal((await submit(key!)).statusCode, 201);
    } finally {
      if (previous !== undefined) process.env.CABILDO_DEMO_OPEN311_KEY = previous;
    }
  });

  it("answers a flood of submissions with 429 in the Open311 error form", async () => {
    const fresh = await t.app();
    let last = await fresh.inject({ method: "POST", url: "/open311/v2/requests.xml", payload: { jurisdiction_id: "cuauhtemoc" } });
    for (let i = 0; i < 130 && last.statusCode !== 429; i++) {
      last = await fresh.inject({ method: "POST", url: "/open311/v2/requests.xml", payload: { jurisdiction_id: "cuauhtemoc" } });
    }
    assert.equal(last.statusCode, 429);
    assert.match(last.body, /^<\?xml[^>]*\?><errors><error><code>429<\/code><description>Demasiados/);
    assert.ok(last.headers["retry-after"], "says when to retry");
  });
});
