import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { localDateTimeAt, weekday } from "../../platform/calendar/dates.js";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { seedDemoHearings } from "./hearing-demo.js";
import { seedChannelsWorld, type ChannelsWorld } from "./test-support.js";

describe("the hearings demo (León, Miércoles abierto)", () => {
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

  it("holds last Wednesday's session with its petitions and summary, schedules the next four Wednesdays, and runs once", async () => {
    const lines: string[] = [];
    await seedDemoHearings(t.services, (l) => lines.push(l));
    await seedDemoHearings(t.services, (l) => lines.push(l));
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /Miércoles abierto/);

    const rows = await t.services.db.selectFrom("hearings").select(["id", "slug", "status", "starts_at", "commitments"]).where("municipality_id", "=", w.leon.id).orderBy("starts_at").execute();
    assert.equal(rows.length, 5);
    const now = Date.now();
    const [past, ...upcoming] = rows;
    assert.equal(past!.status, "concluida");
    assert.ok(new Date(past!.starts_at).getTime() < now);
    assert.equal((past!.commitments as string[]).length, 3);
    for (const r of rows) assert.equal(weekday(localDateTimeAt(new Date(r.starts_at), w.leon.timeZone).date), 3, `${r.slug} is on a Wednesday`);
    for (const r of upcoming) {
      assert.equal(r.status, "programada");
      assert.ok(new Date(r.starts_at).getTime() > now);
    }
    assert.equal(new Date(upcoming[1]!.starts_at).getTime() - new Date(upcoming[0]!.starts_at).getTime(), 7 * 86_400_000);

    const requests = await t.services.db.selectFrom("service_requests").select(["folio", "channel"]).where("municipality_id", "=", w.leon.id).execute();
    assert.equal(requests.length, 5);
    assert.ok(requests.every((r) => r.channel === "hearing"));
    const petitions = await t.services.db.selectFrom("hearing_petitions").select("request_id").where("municipality_id", "=", w.leon.id).where("hearing_id", "=", past!.id).execute();
    assert.equal(petitions.length, 5);

    const page = await new Browser(app).get(`/leon/audiencias/${past!.slug}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Resumen público/);
    assert.match(page.body, /Turnos registrados<\/dt><dd>6<\/dd>/);
    assert.match(page.body, /Personas atendidas<\/dt><dd>6<\/dd>/);
    assert.match(page.body, /<td>Luminaria apagada<\/td><td class="num">2<\/td>/);
    for (const r of requests) assert.match(page.body, new RegExp(`/leon/solicitudes/${r.folio}`));
    for (const secret of ["Graciela Demo", "Jorge Demo", "477 555 0101", "vecina.demo1", "Banqueta rota frente a la escuela"]) assert.ok(!page.body.includes(secret), `the public page shows ${secret}`);
    const list = await new Browser(app).get("/leon/audiencias");
    assert.equal([...list.body.matchAll(/href="\/leon\/audiencias\/miercoles-abierto-/g)].length, 5);
  });
});
