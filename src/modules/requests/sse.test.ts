import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { openDatabase } from "../../platform/db/database.js";
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { Browser, createTestContext, type TestContext, listenOnLoopback } from "../../platform/testing.js";
import { sseEvents, StreamReader, waitFor } from "../../platform/test-sse.js";
import { loadActor } from "../accounts/queries.js";
import { createRequest } from "./create.js";
import { login, seedRequestsWorld, ZOCALO, type RequestsWorld } from "./test-support.js";
import { applyStaffChange } from "./workflow.js";

/** The data of every `event: solicitud` message in a stream's text. */
function events(text: string): { folio: string; kind: string; status: string }[] {
  return sseEvents(text, "solicitud");
}

describe("the staff queue's live event stream", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let base: string;
  let w: RequestsWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
    base = await listenOnLoopback(app);
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
  });
  after(async () => t.close());

  async function open(email: string, controller: AbortController) {
    const browser = new Browser(app);
    await login(browser, email);
    return fetch(`${base}/cuauhtemoc/admin/solicitudes/eventos`, { headers: { cookie: browser.cookieHeader, accept: "text/event-stream" }, signal: controller.signal });
  }

  it("delivers a status change to a connected staff member, with no personal data, across database connections", async () => {
    const filed = await createRequest(
      t.services,
      w.cuauhtemoc,
      { serviceCode: "alumbrado", description: "Luminaria apagada frente al mercado", location: ZOCALO, channel: "web", contact: { name: "Rosalba Privada Quiñones", email: "rosalba.privada@example.test" } },
      anonymous,
    );
    const controller = new AbortController();
    const subscribersBefore = t.services.bus.subscriberCount;
    const res = await open(w.emails.servicios, controller);
    try {
      assert.equal(res.status, 200);
      assert.match(String(res.headers.get("content-type")), /^text\/event-stream/);
      const stream = new StreamReader(res.body!);
      await stream.until((text) => text.includes("retry:"));
      // The stream listens once its subscription is in place (on PostgreSQL: after LISTEN).
      await waitFor(() => t.services.bus.subscriberCount > subscribersBefore);

      // On the PostgreSQL server the change comes from a second, separate connection pool, as
      // from another app process: only LISTEN/NOTIFY can carry it to this stream.
      let publisher: Services = t.services;
      let close = async () => {};
      if (t.services.handle.kind === "postgres") {
        const handle = await openDatabase({ databaseUrl: t.config.databaseUrl, pgliteDir: null });
        publisher = { ...t.services, handle, db: handle.db };
        close = () => handle.close();
      }
      try {
        const admin = (await loadActor(publisher.db, w.users.admin))!;
        await applyStaffChange(publisher, w.cuauhtemoc.id, [filed.id], { kind: "status", to: "en_proceso" }, admin);
        const text = await stream.until((s) => events(s).some((e) => e.folio === filed.folio && e.status === "en_proceso"));
        assert.deepEqual(events(text).at(-1), { folio: filed.folio, kind: "status", status: "en_proceso" });
        for (const secret of ["Rosalba", "rosalba.privada", "mercado"]) assert.ok(!text.includes(secret), `the stream leaked ${secret}`);

        // A new request filed elsewhere shows up too.
        const next = await createRequest(publisher, w.cuauhtemoc, { serviceCode: "basura", description: "No pasó el camión de la basura", location: ZOCALO, channel: "web" }, anonymous);
        const more = await stream.until((s) => events(s).some((e) => e.folio === next.folio));
        assert.deepEqual(events(more).at(-1), { folio: next.folio, kind: "created", status: "recibida" });
      } finally {
        await close();
      }
    } finally {
      controller.abort();
    }
    await waitFor(() => t.services.bus.subscriberCount === subscribersBefore);
  });

  it("does not stream another municipality's changes", async () => {
    const leonRequest = await createRequest(t.services, w.leon, { serviceCode: "alumbrado", description: "Luminaria apagada en León", channel: "web" }, anonymous);
    const controller = new AbortController();
    const subscribersBefore = t.services.bus.subscriberCount;
    const res = await open(w.emails.admin, controller);
    try {
      const stream = new StreamReader(res.body!);
      await waitFor(() => t.services.bus.subscriberCount > subscribersBefore);
      const admin = (await loadActor(t.services.db, w.users.leonAdmin))!;
      await applyStaffChange(t.services, w.leon.id, [leonRequest.id], { kind: "priority", to: "alta" }, admin);
      const mine = await createRequest(t.services, w.cuauhtemoc, { serviceCode: "basura", description: "No pasó el camión de la basura", location: ZOCALO, channel: "web" }, anonymous);
      const text = await stream.until((s) => events(s).some((e) => e.folio === mine.folio));
      assert.deepEqual(events(text).map((e) => e.folio), [mine.folio]);
    } finally {
      controller.abort();
    }
  });

  it("refuses León's staff (403) and sends anonymous visitors to sign in", async () => {
    const controller = new AbortController();
    const res = await open(w.emails.leonAdmin, controller);
    assert.equal(res.status, 403);
    assert.match(await res.text(), /No tiene permiso para realizar esta acción en este municipio/);
    const anon = await fetch(`${base}/cuauhtemoc/admin/solicitudes/eventos`, { redirect: "manual" });
    assert.equal(anon.status, 302);
  });
});
