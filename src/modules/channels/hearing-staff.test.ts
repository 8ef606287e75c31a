import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { addDays, instantAtLocal, weekday } from "../../platform/calendar/dates.js";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { todayIn } from "../participation/processes.js";
import { scheduleTestHearing } from "./hearing-test-support.js";
import { login, seedChannelsWorld, type ChannelsWorld } from "./test-support.js";

describe("scheduling open hearings (staff)", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ChannelsWorld;
  let admin: Browser;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedChannelsWorld(t.services);
    admin = new Browser(app);
    await login(admin, w.emails.admin);
  });

  const hearings = () =>
    t.services.db.selectFrom("hearings").select(["slug", "title", "starts_at", "ends_at", "place", "office_id", "capacity", "online_capacity", "officials"]).where("municipality_id", "=", w.cuauhtemoc.id).orderBy("starts_at").execute();

  const form = (overrides: Record<string, string> = {}) => ({
    title: "Miércoles abierto",
    slug: "miercoles-abierto",
    description: "Audiencia pública semanal.",
    date: addDays(todayIn(w.cuauhtemoc.timeZone), 2),
    startTime: "10:00",
    endTime: "13:00",
    officeId: "",
    place: "Explanada de la Alcaldía",
    officials: "Alcaldesa\n- Director de Obras\n",
    capacity: "40",
    onlineCapacity: "20",
    repeatWeeks: "1",
    ...overrides,
  });

  it("schedules the same weekday for N weeks in one go, at the local time of the municipality", async () => {
    const page = await admin.get("/cuauhtemoc/admin/audiencias");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2 id="programar">Programar audiencias<\/h2>/);
    assert.match(page.body, /<label for="campo-repeatWeeks">Repetir cada semana durante \(semanas\)<\/label>/);

    const first = form().date;
    const res = await admin.post("/cuauhtemoc/admin/audiencias", form({ repeatWeeks: "4" }));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/cuauhtemoc/admin/audiencias");
    const rows = await hearings();
    assert.deepEqual(rows.map((r) => r.slug), [0, 7, 14, 21].map((d) => `miercoles-abierto-${addDays(first, d)}`));
    for (const [i, r] of rows.entries()) {
      const day = addDays(first, 7 * i);
      assert.equal(weekday(day), weekday(first));
      assert.equal(new Date(r.starts_at).getTime(), instantAtLocal(day, { hour: 10, minute: 0, second: 0 }, "America/Mexico_City").getTime());
      assert.equal(new Date(r.ends_at).getTime() - new Date(r.starts_at).getTime(), 3 * 3_600_000);
      assert.deepEqual(r.officials, ["Alcaldesa", "Director de Obras"]);
      assert.equal(r.capacity, 40);
      assert.equal(r.online_capacity, 20);
    }
    const audits = await t.services.db.selectFrom("audit_log").select("action").where("action", "=", "hearings.schedule").execute();
    assert.equal(audits.length, 4);
    const list = await admin.get("/cuauhtemoc/admin/audiencias");
    assert.match(list.body, /Se programaron 4 audiencias\./);
    const pub = await new Browser(app).get("/cuauhtemoc/audiencias");
    assert.equal(pub.statusCode, 200);
    assert.equal([...pub.body.matchAll(/<a href="\/cuauhtemoc\/audiencias\/miercoles-abierto-\d{4}-\d{2}-\d{2}">/g)].length, 4);
  });

  it("brings the form back with every Spanish message and stores nothing when the data are wrong", async () => {
    const bad = await admin.post("/cuauhtemoc/admin/audiencias", form({ title: "Aud", slug: "Miércoles Abierto", date: "2026-02-30", startTime: "13:00", endTime: "10:00", place: "", capacity: "10", onlineCapacity: "12", repeatWeeks: "40" }));
    assert.equal(bad.statusCode, 422);
    for (const message of [
      "El título debe tener al menos 5 caracteres.",
      "La dirección corta solo admite minúsculas",
      "La fecha no es válida: use el formato AAAA-MM-DD.",
      "La hora de término debe ser posterior a la de inicio.",
      "Escriba el lugar de la audiencia (al menos 3 caracteres) o elija una oficina.",
      "El número de semanas debe ser un número entero de 1 a 26.",
    ]) assert.ok(bad.body.includes(message), `missing: ${message}`);
    assert.match(bad.body, /value="Miércoles Abierto"/);
    assert.match(bad.body, /href="#campo-title"/);
    assert.deepEqual(await hearings(), []);

    const over = await admin.post("/cuauhtemoc/admin/audiencias", form({ capacity: "10", onlineCapacity: "12" }));
    assert.equal(over.statusCode, 422);
    assert.match(over.body, /Los turnos en línea \(12\) no pueden ser más que el cupo total \(10\)\./);

    assert.equal((await admin.post("/cuauhtemoc/admin/audiencias", form())).statusCode, 303);
    const again = await admin.post("/cuauhtemoc/admin/audiencias", form({ title: "Otra audiencia" }));
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /Ya hay una audiencia con la dirección corta «miercoles-abierto» en este municipio/);
    assert.deepEqual((await hearings()).map((r) => r.title), ["Miércoles abierto"]);
  });

  it("places a hearing at one of the municipality's offices, linked from its public page, and edits it without going below the turns given", async () => {
    const office = await t.services.db
      .insertInto("service_offices")
      .values({ municipality_id: w.cuauhtemoc.id, slug: "delegacion-centro", name: "Delegación Centro", address: "Aldama y Mina s/n, Buenavista", hours: JSON.stringify([]) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const leonOffice = await t.services.db
      .insertInto("service_offices")
      .values({ municipality_id: w.leon.id, slug: "delegacion-leon", name: "Delegación de León", address: "Plaza Principal, Zona Centro", hours: JSON.stringify([]) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const foreign = await admin.post("/cuauhtemoc/admin/audiencias", form({ officeId: String(leonOffice.id), place: "" }));
    assert.equal(foreign.statusCode, 422);
    assert.match(foreign.body, /La oficina elegida no existe en este municipio\./);

    assert.equal((await admin.post("/cuauhtemoc/admin/audiencias", form({ officeId: String(office.id), place: "" }))).statusCode, 303);
    const [row] = await hearings();
    assert.equal(row!.office_id, office.id);
    assert.equal(row!.place, "Delegación Centro, Aldama y Mina s/n, Buenavista");
    const pub = await new Browser(app).get("/cuauhtemoc/audiencias/miercoles-abierto");
    assert.match(pub.body, /<a href="\/cuauhtemoc\/oficinas\/delegacion-centro">Delegación Centro, Aldama y Mina s\/n, Buenavista<\/a>/);

    const anon = new Browser(app);
    for (const topic of ["Alumbrado", "Banquetas", "Basura"]) assert.equal((await anon.post("/cuauhtemoc/audiencias/miercoles-abierto/turnos", { topic })).statusCode, 303);
    const edit = await admin.get("/cuauhtemoc/admin/audiencias/miercoles-abierto/editar");
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /<option value="\d+" selected>Delegación Centro<\/option>/);
    const shrink = await admin.post("/cuauhtemoc/admin/audiencias/miercoles-abierto/editar", form({ officeId: String(office.id), capacity: "2", onlineCapacity: "2" }));
    assert.equal(shrink.statusCode, 422);
    assert.match(shrink.body, /Ya se dieron 3 turnos: el cupo no puede ser menor\./);
    assert.match(shrink.body, /Ya se dieron 3 turnos en línea: el cupo en línea no puede ser menor\./);
    const renamed = await admin.post("/cuauhtemoc/admin/audiencias/miercoles-abierto/editar", form({ slug: "audiencia-centro", title: "Audiencia en la Delegación Centro", officeId: String(office.id) }));
    assert.equal(renamed.statusCode, 303);
    assert.equal(renamed.headers.location, "/cuauhtemoc/admin/audiencias/audiencia-centro");
    assert.equal((await hearings())[0]!.title, "Audiencia en la Delegación Centro");
    const early = await admin.post("/cuauhtemoc/admin/audiencias/audiencia-centro/concluir", { summary: "Resumen anticipado de prueba.", commitments: "" });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /Abra la audiencia antes de concluirla\./);
    assert.equal((await t.services.db.selectFrom("hearings").select("status").executeTakeFirstOrThrow()).status, "programada");
  });

  it("lists upcoming hearings first, soonest first, then past ones, latest first", async () => {
    const today = todayIn(w.cuauhtemoc.timeZone);
    for (const [slug, offset] of [["pasada-lejana", -30], ["proxima-lejana", 20], ["pasada-reciente", -2], ["proxima-cercana", 3]] as const) {
      await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin, { slug, date: addDays(today, offset) });
    }
    const page = await new Browser(app).get("/cuauhtemoc/audiencias");
    const order = [...page.body.matchAll(/href="\/cuauhtemoc\/audiencias\/([a-z-]+)"/g)].map((m) => m[1]);
    assert.deepEqual(order, ["proxima-cercana", "proxima-lejana", "pasada-reciente", "pasada-lejana"]);
  });
});
