import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { anonymous } from "../../platform/policy.js";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import type { HearingView } from "./hearing-queries.js";
import { actorOf, scheduleTestHearing, startedAgo } from "./hearing-test-support.js";
import { registerTurn } from "./hearing-turns.js";
import { login, seedChannelsWorld, type ChannelsWorld } from "./test-support.js";

describe("turns of an open hearing", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ChannelsWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedChannelsWorld(t.services);
  });

  const turnsOf = (h: HearingView) =>
    t.services.db.selectFrom("hearing_turns").select(["number", "registered_via", "status", "topic", "email"]).where("municipality_id", "=", h.municipalityId).where("hearing_id", "=", h.id).orderBy("number").execute();

  async function staff(email: string) {
    const b = new Browser(app);
    await login(b, email);
    return b;
  }

  it("gives one number sequence to turns asked online and given on arrival, up to the capacity, and a full session refuses with a clear message and changes nothing", async () => {
    const h = await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin, { capacity: "3", onlineCapacity: "2" });
    const anon = new Browser(app);
    const base = `/cuauhtemoc/audiencias/${h.slug}`;

    const page = await anon.get(base);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Turnos en línea disponibles<\/dt><dd>2<\/dd>/);

    const first = await anon.post(`${base}/turnos`, { topic: "Luminarias apagadas en mi calle", email: "Vecina.Uno@Correo.test" });
    assert.equal(first.statusCode, 303);
    const turnUrl = String(first.headers.location);
    assert.match(turnUrl, new RegExp(`^${base}/turno/[A-Za-z0-9_-]{32,}$`));
    const mine = await anon.get(turnUrl);
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /<h1>Su turno es el 1<\/h1>/);
    assert.equal(mine.headers["cache-control"], "no-store");
    assert.equal(mine.headers["referrer-policy"], "no-referrer");

    const clerk = await staff(w.clerk.email);
    const arrival = await clerk.post(`/cuauhtemoc/admin/audiencias/${h.slug}/llegadas`, { topic: "Bache frente al mercado", name: "Rosaura Quiñones", phone: "55 1234 5678" });
    assert.equal(arrival.statusCode, 303);
    const room = await clerk.get(`/cuauhtemoc/admin/audiencias/${h.slug}`);
    assert.match(room.body, /Turno 2 registrado\. Enlace privado para la persona: http[^<]*\/turno\/[A-Za-z0-9_-]{32,}/);
    assert.match(room.body, /Rosaura Quiñones/);

    const third = await anon.post(`${base}/turnos`, { topic: "Poda de un árbol" });
    assert.equal(third.statusCode, 303);
    assert.match(String((await anon.get(String(third.headers.location))).body), /Su turno es el 3/);

    const stored = await turnsOf(h);
    assert.deepEqual(stored.map((r) => [r.number, r.registered_via]), [[1, "en_linea"], [2, "llegada"], [3, "en_linea"]]);
    assert.equal(stored[0]!.email, "vecina.uno@correo.test");
    assert.equal(stored[0]!.topic, "Luminarias apagadas en mi calle");

    // Full: the public form comes back with the message and what was typed; nothing is stored.
    const full = await anon.post(`${base}/turnos`, { topic: "Fuga de agua en la esquina", email: "otra@correo.test" });
    assert.equal(full.statusCode, 422);
    assert.match(full.body, /Ya no hay turnos disponibles para esta audiencia \(cupo de 3 personas\)\./);
    assert.match(full.body, /<textarea[^>]*name="topic"[^>]*>Fuga de agua en la esquina<\/textarea>/);
    const fullArrival = await clerk.post(`/cuauhtemoc/admin/audiencias/${h.slug}/llegadas`, { topic: "Otra persona en la fila", name: "Tercera Persona" });
    assert.equal(fullArrival.statusCode, 422);
    assert.match(fullArrival.body, /Ya no hay turnos disponibles para esta audiencia \(cupo de 3 personas\)\./);
    assert.match(fullArrival.body, /value="Tercera Persona"/);
    assert.deepEqual(await turnsOf(h), stored);

    // Afterwards the public page no longer offers the form.
    const after = await anon.get(base);
    assert.match(after.body, /Ya no hay turnos disponibles para esta audiencia: el cupo está completo\./);
    assert.doesNotMatch(after.body, /name="topic"/);
  });

  it("limits online turns to the online capacity while arrivals still get numbers, and checks the form's fields", async () => {
    const h = await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin, { capacity: "4", onlineCapacity: "1" });
    const anon = new Browser(app);
    const base = `/cuauhtemoc/audiencias/${h.slug}`;

    const empty = await anon.post(`${base}/turnos`, { topic: "", email: "no-es-correo" });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Escriba el tema de su petición\./);
    assert.match(empty.body, /El correo electrónico no es válido/);
    assert.match(empty.body, /href="#campo-topic"/);
    assert.equal((await turnsOf(h)).length, 0);

    assert.equal((await anon.post(`${base}/turnos`, { topic: "Alumbrado público" })).statusCode, 303);
    const second = await anon.post(`${base}/turnos`, { topic: "Recolección de basura" });
    assert.equal(second.statusCode, 422);
    assert.match(second.body, /Ya no hay turnos en línea para esta audiencia \(cupo en línea: 1\)\. Aún puede pedir su turno al llegar a la sede\./);

    const clerk = new Browser(app);
    await login(clerk, w.clerk.email);
    assert.equal((await clerk.post(`/cuauhtemoc/admin/audiencias/${h.slug}/llegadas`, { topic: "Banqueta rota" })).statusCode, 303);
    const badPhone = await clerk.post(`/cuauhtemoc/admin/audiencias/${h.slug}/llegadas`, { topic: "Banqueta rota", phone: "llámame" });
    assert.equal(badPhone.statusCode, 422);
    assert.match(badPhone.body, /El teléfono solo puede tener/);
    assert.deepEqual((await turnsOf(h)).map((r) => [r.number, r.registered_via]), [[1, "en_linea"], [2, "llegada"]]);
  });

  it("takes no online turn once the session has started, and no turn at all once concluded or cancelled", async () => {
    const h = await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin);
    const anon = new Browser(app);
    const base = `/cuauhtemoc/audiencias/${h.slug}`;
    const admin = new Browser(app);
    await login(admin, w.emails.admin);

    await startedAgo(t.services, h, 1);
    const late = await anon.post(`${base}/turnos`, { topic: "Alumbrado público" });
    assert.equal(late.statusCode, 422);
    assert.match(late.body, /La audiencia ya comenzó: los turnos en línea se cerraron/);
    assert.equal((await admin.post(`/cuauhtemoc/admin/audiencias/${h.slug}/estado`, { accion: "abrir" })).statusCode, 303);
    assert.equal((await admin.post(`/cuauhtemoc/admin/audiencias/${h.slug}/llegadas`, { topic: "Llegó tarde pero hay cupo" })).statusCode, 303);

    const close = await admin.post(`/cuauhtemoc/admin/audiencias/${h.slug}/concluir`, { summary: "Se atendió a la única persona registrada.", commitments: "" });
    assert.equal(close.statusCode, 303);
    const closed = await admin.post(`/cuauhtemoc/admin/audiencias/${h.slug}/llegadas`, { topic: "Ya cerró" });
    assert.equal(closed.statusCode, 422);
    assert.match(closed.body, /Esta audiencia ya concluyó: ya no se dan turnos\./);
    await assert.rejects(
      t.services.db.transaction().execute((trx) => registerTurn(trx, { municipalityId: h.municipalityId, id: h.id }, "en_linea", { topic: "Por la API interna" }, anonymous)),
      /ya concluyó/,
    );
    assert.equal((await turnsOf(h)).length, 1);

    const other = await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin, { slug: "audiencia-cancelada" });
    assert.equal((await admin.post(`/cuauhtemoc/admin/audiencias/${other.slug}/estado`, { accion: "cancelar" })).statusCode, 303);
    const cancelled = await anon.post(`/cuauhtemoc/audiencias/${other.slug}/turnos`, { topic: "Alumbrado" });
    assert.equal(cancelled.statusCode, 422);
    assert.match(cancelled.body, /Esta audiencia fue cancelada/);
  });

  it("never gives the same number twice nor goes beyond the capacity when people ask at the same moment", async () => {
    const h = await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin, { capacity: "5", onlineCapacity: "5" });
    const clerk = await actorOf(t.services, w.clerk.userId);
    const ref = { municipalityId: h.municipalityId, id: h.id };
    const results = await Promise.allSettled(
      Array.from({ length: 9 }, (_, i) =>
        t.services.db.transaction().execute((trx) => registerTurn(trx, ref, i % 2 ? "llegada" : "en_linea", { topic: `Petición número ${i}` }, i % 2 ? clerk : anonymous)),
      ),
    );
    const given = results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<{ number: number }>).value.number);
    assert.deepEqual(given.sort((a, b) => a - b), [1, 2, 3, 4, 5]);
    for (const r of results) if (r.status === "rejected") assert.match(String(r.reason), /cupo de 5 personas/);
    assert.deepEqual((await turnsOf(h)).map((r) => r.number), [1, 2, 3, 4, 5]);
  });
});
