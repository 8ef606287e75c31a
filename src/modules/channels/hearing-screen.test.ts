import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { openDatabase } from "../../platform/db/database.js";
import { Browser, createTestContext, type TestContext, listenOnLoopback } from "../../platform/testing.js";
import type { ScreenState } from "./hearing-queries.js";
import { callNextTurn } from "./hearing-turns.js";
import { actorOf, scheduleTestHearing, sseEvents, StreamReader, waitFor } from "./hearing-test-support.js";
import { login, seedChannelsWorld, type ChannelsWorld } from "./test-support.js";

/** What attendees typed and who they are: none of it may reach the screen or its stream. */
const PRIVATE = ["Rosaura Quiñones Pliego", "55 8765 4321", "rosaura.privada@correo.test", "Fuga de agua frente al número 14", "Eustaquio Bermúdez", "Poste caído en la privada"];

describe("the room's public screen", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let base: string;
  let w: ChannelsWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
    base = await listenOnLoopback(app);
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedChannelsWorld(t.services);
  });

  /** An open session with three arrivals, the first of them called. */
  async function runningHearing() {
    const h = await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin);
    const admin = new Browser(app);
    await login(admin, w.emails.admin);
    const room = `/cuauhtemoc/admin/audiencias/${h.slug}`;
    assert.equal((await admin.post(`${room}/llegadas`, { topic: PRIVATE[3]!, name: PRIVATE[0]!, phone: PRIVATE[1]!, email: PRIVATE[2]! })).statusCode, 303);
    assert.equal((await admin.post(`${room}/llegadas`, { topic: PRIVATE[5]!, name: PRIVATE[4]! })).statusCode, 303);
    assert.equal((await admin.post(`${room}/llegadas`, { topic: "Alumbrado en el parque" })).statusCode, 303);
    assert.equal((await admin.post(`${room}/estado`, { accion: "abrir" })).statusCode, 303);
    assert.equal((await admin.post(`${room}/llamar`, {})).statusCode, 303);
    return { h, admin, room };
  }

  it("shows the current turn in large figures and the next waiting numbers, refreshes without JavaScript, and names nobody", async () => {
    const { h, admin, room } = await runningHearing();
    const anon = new Browser(app);
    const screen = await anon.get(`/cuauhtemoc/audiencias/${h.slug}/pantalla`);
    assert.equal(screen.statusCode, 200);
    assert.match(screen.body, /<p id="turno-actual" class="screen-number">1<\/p>/);
    assert.match(screen.body, /<ul id="siguientes"><li>2<\/li><li>3<\/li><\/ul>/);
    assert.match(screen.body, /<noscript><meta http-equiv="refresh" content="20"\/><\/noscript>/);
    assert.match(screen.body, /data-events="\/cuauhtemoc\/audiencias\/miercoles-abierto\/pantalla\/eventos"/);
    assert.match(screen.body, /<h1>Miércoles abierto<\/h1>/);
    for (const secret of PRIVATE) assert.ok(!screen.body.includes(secret), `the screen shows ${secret}`);

    // The staff room marks the called turn and moves on; the screen follows.
    assert.equal((await admin.post(`${room}/llamar`, { anterior: "ausente" })).statusCode, 303);
    const next = await anon.get(`/cuauhtemoc/audiencias/${h.slug}/pantalla`);
    assert.match(next.body, /<p id="turno-actual" class="screen-number">2<\/p>/);
    assert.match(next.body, /<ul id="siguientes"><li>3<\/li><\/ul>/);
    const first = await t.services.db.selectFrom("hearing_turns").select("status").where("hearing_id", "=", h.id).where("number", "=", 1).executeTakeFirstOrThrow();
    assert.equal(first.status, "ausente");

    // The public page says the current turn too; the staff room shows who is who.
    const pub = await anon.get(`/cuauhtemoc/audiencias/${h.slug}`);
    assert.match(pub.body, /Turno actual<\/dt><dd>2<\/dd>/);
    for (const secret of PRIVATE) assert.ok(!pub.body.includes(secret), `the public page shows ${secret}`);
    const staffRoom = await admin.get(room);
    assert.match(staffRoom.body, new RegExp(PRIVATE[0]!));
    assert.match(staffRoom.body, /No se presentó/);
  });

  it("pushes each called turn to the screen's event stream, with numbers only, across database connections", async () => {
    const { h, admin, room } = await runningHearing();
    const controller = new AbortController();
    const subscribersBefore = t.services.bus.subscriberCount;
    const res = await fetch(`${base}/cuauhtemoc/audiencias/${h.slug}/pantalla/eventos`, { headers: { accept: "text/event-stream" }, signal: controller.signal });
    try {
      assert.equal(res.status, 200);
      assert.match(String(res.headers.get("content-type")), /^text\/event-stream/);
      const stream = new StreamReader(res.body!);
      await stream.until((text) => text.includes("retry:"));
      await waitFor(() => t.services.bus.subscriberCount > subscribersBefore);

      assert.equal((await admin.post(`${room}/llamar`, {})).statusCode, 303);
      let text = await stream.until((s) => sseEvents<ScreenState>(s, "turno").some((e) => e.currentTurn === 2));
      assert.deepEqual(sseEvents<ScreenState>(text, "turno").at(-1), { status: "en_curso", currentTurn: 2, next: [3] });

      // On the PostgreSQL server the call comes from another connection pool, as from another app process.
      let close = async () => {};
      let services = t.services;
      if (t.services.handle.kind === "postgres") {
        const handle = await openDatabase({ databaseUrl: t.config.databaseUrl, pgliteDir: null });
        services = { ...t.services, handle, db: handle.db };
        close = () => handle.close();
      }
      try {
        const clerk = await actorOf(services, w.clerk.userId);
        await services.db.transaction().execute((trx) => callNextTurn(trx, { municipalityId: h.municipalityId, id: h.id }, "atendido", clerk));
      } finally {
        await close();
      }
      text = await stream.until((s) => sseEvents<ScreenState>(s, "turno").some((e) => e.currentTurn === 3));
      assert.deepEqual(sseEvents<ScreenState>(text, "turno").at(-1), { status: "en_curso", currentTurn: 3, next: [] });
      for (const secret of PRIVATE) assert.ok(!text.includes(secret), `the stream leaked ${secret}`);
    } finally {
      controller.abort();
    }
    await waitFor(() => t.services.bus.subscriberCount === subscribersBefore);
  });

  it("does not stream another hearing's or another municipality's turns", async () => {
    const { h, admin } = await runningHearing();
    const other = await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin, { slug: "otra-audiencia" });
    const controller = new AbortController();
    const subscribersBefore = t.services.bus.subscriberCount;
    const res = await fetch(`${base}/cuauhtemoc/audiencias/${other.slug}/pantalla/eventos`, { signal: controller.signal });
    try {
      const stream = new StreamReader(res.body!);
      await waitFor(() => t.services.bus.subscriberCount > subscribersBefore);
      assert.equal((await admin.post(`/cuauhtemoc/admin/audiencias/${h.slug}/llamar`, {})).statusCode, 303);
      assert.equal((await admin.post(`/cuauhtemoc/admin/audiencias/${other.slug}/llegadas`, { topic: "Turno de la otra audiencia" })).statusCode, 303);
      const text = await stream.until((s) => sseEvents<ScreenState>(s, "turno").length > 0);
      assert.deepEqual(sseEvents<ScreenState>(text, "turno"), [{ status: "programada", currentTurn: 0, next: [1] }]);
    } finally {
      controller.abort();
    }
  });

  it("lets only the municipality's front-desk staff run the room", async () => {
    const { h } = await runningHearing();
    const room = `/cuauhtemoc/admin/audiencias/${h.slug}`;
    const anon = new Browser(app);
    const toLogin = await anon.get(room);
    assert.equal(toLogin.statusCode, 302);
    assert.match(String(toLogin.headers.location), /^\/entrar\?next=/);
    assert.equal((await anon.post(`${room}/llamar`, {})).statusCode, 401);

    const observer = new Browser(app);
    await login(observer, w.emails.observer);
    assert.equal((await observer.get(room)).statusCode, 403);
    assert.equal((await observer.post(`${room}/llamar`, {})).statusCode, 403);
    assert.equal((await observer.post(`${room}/llegadas`, { topic: "No debería entrar" })).statusCode, 403);
    assert.equal((await observer.get(`${room}/turnos/1`)).statusCode, 403);

    const leon = new Browser(app);
    await login(leon, w.emails.leonAdmin);
    assert.equal((await leon.get(room)).statusCode, 403);
    assert.equal((await leon.post(`${room}/llamar`, {})).statusCode, 403);
    assert.equal((await leon.get(`/leon/admin/audiencias/${h.slug}`)).statusCode, 404);
    assert.equal((await leon.post(`/leon/admin/audiencias/${h.slug}/llamar`, {})).statusCode, 404);
    assert.equal((await anon.get(`/leon/audiencias/${h.slug}`)).statusCode, 404);

    // Front-desk staff run the room but do not schedule, open, cancel or close.
    const clerk = new Browser(app);
    await login(clerk, w.clerk.email);
    assert.equal((await clerk.get(room)).statusCode, 200);
    assert.equal((await clerk.post(`${room}/estado`, { accion: "cancelar" })).statusCode, 403);
    assert.equal((await clerk.post(`${room}/concluir`, { summary: "Intento de cierre sin permiso." })).statusCode, 403);
    assert.equal((await clerk.get(`${room}/editar`)).statusCode, 403);
    assert.equal((await clerk.post("/cuauhtemoc/admin/audiencias", { title: "No autorizada" })).statusCode, 403);
    const called = await t.services.db.selectFrom("hearing_turns").select(["number", "status"]).where("hearing_id", "=", h.id).orderBy("number").execute();
    assert.deepEqual(called.map((r) => r.status), ["llamado", "en_espera", "en_espera"]);
    const status = await t.services.db.selectFrom("hearings").select("status").where("id", "=", h.id).executeTakeFirstOrThrow();
    assert.equal(status.status, "en_curso");
  });
});
