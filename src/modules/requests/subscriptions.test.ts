import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { readOutbox } from "../../platform/mail.js";
import { anonymous } from "../../platform/policy.js";
import { loadActor } from "../accounts/queries.js";
import { createRequest } from "./create.js";
import { deliverRequestNotifications } from "./notify.js";
import { applyStaffChange } from "./workflow.js";
import { seedRequestsWorld, ZOCALO, type RequestsWorld } from "./test-support.js";

const FOLLOWER = "vecina.seguidora@correo.test";
const REQUESTER = "quien.reporta@correo.test";

describe("e-mail subscriptions and notifications", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: RequestsWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
  });

  const outbox = () => readOutbox(path.join(t.config.dataDir, "outbox"));
  const mailsTo = (email: string) => outbox().filter((m) => m.to === email);

  /** Notifications travel over the bus (LISTEN/NOTIFY): wait until the expected mail arrives. */
  async function waitFor(check: () => boolean, what: string) {
    for (let i = 0; i < 100; i++) {
      if (check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`timed out waiting for ${what}`);
  }

  function link(text: string, kind: "confirmar" | "baja"): string {
    const m = new RegExp(`https?://[^\\s]+(/cuauhtemoc/solicitudes/suscripciones/${kind}/[^\\s]+)`).exec(text);
    assert.ok(m, `the e-mail carries a ${kind} link`);
    return m[1]!;
  }

  async function file(description: string) {
    return createRequest(
      t.services,
      w.cuauhtemoc,
      { serviceCode: "bache", description, location: ZOCALO, attributes: { tamano: "1" }, contact: { email: REQUESTER }, channel: "web" },
      anonymous,
    );
  }

  it("confirms by e-mail, notifies status changes and public updates, and unsubscribes", async () => {
    const r = await file("Bache en Madero y Bolívar");
    const admin = (await loadActor(t.services.db, w.users.admin))!;
    const browser = new Browser(app);

    const bad = await browser.post(`/cuauhtemoc/solicitudes/${r.folio}/suscripcion`, { email: "no-es-correo" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /El correo electrónico no es válido/);
    assert.equal((await t.services.db.selectFrom("request_subscriptions").selectAll().execute()).length, 0);

    const res = await browser.post(`/cuauhtemoc/solicitudes/${r.folio}/suscripcion`, { email: ` ${FOLLOWER.toUpperCase()} ` });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/cuauhtemoc/solicitudes/${r.folio}`);
    const confirmMail = mailsTo(FOLLOWER);
    assert.equal(confirmMail.length, 1);
    assert.match(confirmMail[0]!.subject, new RegExp(`Confirme su suscripción: la solicitud ${r.folio}`));

    // Not confirmed yet: a change reaches the requester, not the follower.
    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "asignada" }, admin);
    await waitFor(() => mailsTo(REQUESTER).length === 1, "the requester's e-mail");
    assert.match(mailsTo(REQUESTER)[0]!.subject, new RegExp(`Solicitud ${r.folio}: Asignada`));
    assert.ok(!mailsTo(REQUESTER)[0]!.text.includes("dejar de recibir"), "the requester's own mail has no subscription link");
    assert.equal(mailsTo(FOLLOWER).length, 1);

    const confirmUrl = link(confirmMail[0]!.text, "confirmar");
    const page = await browser.get(confirmUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Confirme que desea recibir avisos/);
    const confirmed = await browser.post(confirmUrl);
    assert.equal(confirmed.statusCode, 303);
    const sub = await t.services.db.selectFrom("request_subscriptions").selectAll().executeTakeFirstOrThrow();
    assert.equal(sub.email, FOLLOWER);
    assert.ok(sub.confirmed_at);

    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "en_proceso" }, admin);
    await waitFor(() => mailsTo(FOLLOWER).length === 2, "the follower's status e-mail");
    const statusMail = mailsTo(FOLLOWER)[1]!;
    assert.match(statusMail.subject, new RegExp(`Solicitud ${r.folio}: En proceso`));
    assert.match(statusMail.text, new RegExp(`/cuauhtemoc/solicitudes/${r.folio}`));

    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "update", body: "Mañana pasa la cuadrilla." }, admin);
    await waitFor(() => mailsTo(FOLLOWER).length === 3, "the follower's update e-mail");
    assert.match(mailsTo(FOLLOWER)[2]!.text, /Mañana pasa la cuadrilla\./);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "note", body: "interno: no avisar" }, admin);

    // Each event is claimed once: delivering again sends nothing.
    assert.equal(await deliverRequestNotifications(t.services, w.cuauhtemoc.id, r.id), 0);

    const unsubscribeUrl = link(statusMail.text, "baja");
    assert.equal((await browser.get(unsubscribeUrl.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).statusCode, 404);
    assert.match((await browser.get(unsubscribeUrl)).body, /Deje de recibir correos sobre la solicitud/);
    assert.equal((await browser.post(unsubscribeUrl)).statusCode, 303);
    const off = await t.services.db.selectFrom("request_subscriptions").select("unsubscribed_at").executeTakeFirstOrThrow();
    assert.ok(off.unsubscribed_at);

    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "atendida" }, admin);
    await waitFor(() => mailsTo(REQUESTER).length === 3, "the requester's attended e-mail");
    assert.equal(mailsTo(FOLLOWER).length, 3, "no mail after unsubscribing");
    assert.ok(!outbox().some((m) => m.text.includes("interno: no avisar")), "internal notes are never mailed");
  });

  it("tells colonia followers about new requests there", async () => {
    const browser = new Browser(app);
    const res = await browser.post("/cuauhtemoc/colonias/centro/solicitudes/suscripcion", { email: FOLLOWER });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/cuauhtemoc/colonias/centro/solicitudes");
    assert.equal((await browser.post("/cuauhtemoc/colonias/no-existe/solicitudes/suscripcion", { email: FOLLOWER })).statusCode, 404);
    const confirmUrl = link(mailsTo(FOLLOWER)[0]!.text, "confirmar");
    assert.equal((await browser.post(confirmUrl)).statusCode, 303);
    // Subscribing again once confirmed sends no second confirmation.
    await browser.post("/cuauhtemoc/colonias/centro/solicitudes/suscripcion", { email: FOLLOWER });
    assert.equal(mailsTo(FOLLOWER).length, 1);

    const r = await file("Bache nuevo junto al Templo Mayor");
    await waitFor(() => mailsTo(FOLLOWER).length === 2, "the new-request e-mail");
    const mail = mailsTo(FOLLOWER)[1]!;
    assert.match(mail.subject, /Nueva solicitud en Centro: Bache/);
    assert.ok(mail.text.includes(r.folio));
    assert.ok(!mail.text.includes(REQUESTER), "the requester's address is not shown to followers");
  });
});
