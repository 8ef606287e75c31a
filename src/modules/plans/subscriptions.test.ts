import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { readOutbox } from "../../platform/mail.js";
import { runSubscriptionNotices } from "./subscription-notices.js";
import { seedPlanWorld, type PlanWorld } from "./test-support.js";

const FOLLOWER = "seguidora.plan@correo.test";

describe("e-mail subscriptions to a plan or a commitment (double opt-in)", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: PlanWorld;
  let anon: Browser;
  const plan = "/cuauhtemoc/planes/plan-2026";
  const outbox = () => readOutbox(path.join(t.config.dataDir, "outbox"));
  const mailsTo = (email: string) => outbox().filter((m) => m.to === email);
  const rows = () => t.services.db.selectFrom("plan_subscriptions").selectAll().orderBy("id").execute();
  const linkIn = (text: string, kind: "confirmar" | "baja") => {
    const m = new RegExp(`http://[^\\s]+/cuauhtemoc/planes/suscripcion/${kind}\\?token=([A-Za-z0-9._-]+)`).exec(text);
    assert.ok(m, `no ${kind} link in: ${text}`);
    return { path: new URL(m[0]).pathname + new URL(m[0]).search, token: m[1]! };
  };

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
    anon = new Browser(app);
  });

  it("stores nothing confirmed until the link is used, confirms on a button press, and tells everyone the same", async () => {
    const res = await anon.post(`${plan}/suscripcion`, { email: ` ${FOLLOWER.toUpperCase()} ` });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, plan);
    let [row] = await rows();
    assert.equal(row!.email, FOLLOWER);
    assert.equal(row!.target_kind, "plan");
    assert.equal(row!.confirmed_at, null);
    const [mail] = mailsTo(FOLLOWER);
    assert.match(mail!.subject, /Confirme su suscripción: Plan de Acción Local 2026–2027/);
    const confirm = linkIn(mail!.text, "confirmar");
    assert.ok(!row!.token_hash.includes(confirm.token), "only the token's hash is stored");

    // Opening the link (a mail scanner, a preview) changes nothing; the button does.
    const landing = await anon.get(confirm.path);
    assert.equal(landing.statusCode, 200);
    assert.match(landing.body, /Confirmar suscripción/);
    assert.equal(landing.headers["cache-control"], "no-store");
    [row] = await rows();
    assert.equal(row!.confirmed_at, null);
    const done = await anon.post("/cuauhtemoc/planes/suscripcion/confirmar", { token: confirm.token });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, plan);
    [row] = await rows();
    assert.ok(row!.confirmed_at);
    assert.match((await anon.get(confirm.path)).body, /ya está confirmada/);

    // Subscribing again: the same answer, no second e-mail, no second row.
    assert.equal((await anon.post(`${plan}/suscripcion`, { email: FOLLOWER })).statusCode, 303);
    assert.equal(mailsTo(FOLLOWER).length, 1);
    assert.equal((await rows()).length, 1);
    // The subscriber is never shown on the plan's page.
    assert.ok(!(await anon.get(plan)).body.includes(FOLLOWER));
    // No address in the audit log.
    const audit = await t.services.db.selectFrom("audit_log").select(["action", "details"]).where("action", "like", "plans.subscription.%").execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ["plans.subscription.confirm", "plans.subscription.request"]);
    assert.ok(!JSON.stringify(audit).includes("seguidora"));
  });

  it("shows a Spanish message for a bad address and refuses unknown links and commitments", async () => {
    const bad = await anon.post(`${plan}/suscripcion`, { email: "no-es-correo" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /El correo electrónico no parece válido/);
    assert.match(bad.body, /value="no-es-correo"/);
    const empty = await anon.post(`${plan}/suscripcion?compromiso=2`, { email: "" });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Compromiso 2: Servicios urbanos/);
    assert.match(empty.body, /Escriba el correo electrónico/);
    assert.equal((await rows()).length, 0);
    assert.equal((await anon.post(`${plan}/suscripcion?compromiso=9`, { email: FOLLOWER })).statusCode, 404);
    assert.equal((await anon.get("/cuauhtemoc/planes/suscripcion/confirmar?token=abcdefghijklmnopqrstuvwxyz")).statusCode, 404);
    assert.equal((await anon.get("/cuauhtemoc/planes/suscripcion/baja?token=1.abcdefghijklmnopqrstuvwxyz012345")).statusCode, 404);
    assert.equal((await anon.post("/cuauhtemoc/planes/suscripcion/baja", { token: "1.abcdefghijklmnopqrstuvwxyz012345" })).statusCode, 404);
  });

  it("subscribes to one commitment and unsubscribes through the signed link", async () => {
    assert.equal((await anon.post(`${plan}/suscripcion?compromiso=2`, { email: FOLLOWER })).statusCode, 303);
    const [row] = await rows();
    assert.equal(row!.target_kind, "compromiso");
    assert.equal(row!.target_id, w.commitments.servicios);
    const confirm = linkIn(mailsTo(FOLLOWER)[0]!.text, "confirmar");
    const done = await anon.post("/cuauhtemoc/planes/suscripcion/confirmar", { token: confirm.token });
    assert.equal(done.headers.location, `${plan}/compromisos/2`);

    // The unsubscribe link comes in every notice; here, the job's first one.
    await t.services.db.insertInto("plan_milestone_events").values({ municipality_id: w.cuauhtemoc.id, milestone_id: w.milestones.servicios[0]!, kind: "estado", from_value: "pendiente", to_value: "en_curso" }).execute();
    assert.equal((await runSubscriptionNotices(t.services)).emails, 1);
    const notice = mailsTo(FOLLOWER)[1]!;
    const off = linkIn(notice.text, "baja");
    // A tampered signature is refused.
    assert.equal((await anon.get(off.path.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).statusCode, 404);
    const landing = await anon.get(off.path);
    assert.match(landing.body, /Darme de baja/);
    const left = await anon.post("/cuauhtemoc/planes/suscripcion/baja", { token: off.token });
    assert.equal(left.statusCode, 303);
    assert.ok((await rows())[0]!.unsubscribed_at);
    assert.match((await anon.get(off.path)).body, /ya fue dada de baja/);
    // Nothing more is sent after that.
    await t.services.db.insertInto("plan_milestone_events").values({ municipality_id: w.cuauhtemoc.id, milestone_id: w.milestones.servicios[0]!, kind: "estado", from_value: "en_curso", to_value: "completado" }).execute();
    assert.equal((await runSubscriptionNotices(t.services)).emails, 0);
    assert.equal(mailsTo(FOLLOWER).length, 2);
  });
});
