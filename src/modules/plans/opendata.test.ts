import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { addDays } from "../../platform/calendar/dates.js";
import { parseCsv as readCsv } from "../opinion/polis-export/csv.js";
import { COLUMNS, planDatasets } from "./opendata.js";
import { milestoneDaysLate } from "./progress.js";
import { planClock } from "./queries.js";
import { seedPlanWorld, type PlanWorld } from "./test-support.js";

const PRIVATE_NAME = "Hermenegildo Zárate Pliego";
const COMMENTER = "Comentarista Reservada";
const SUBSCRIBER = "suscriptora.datos@correo.test";

/** Rows of a CSV file, read with the RFC 4180 reader the Polis importer uses. */
const parseCsv = (text: string): string[][] => readCsv(text).map((r) => r.fields);

describe("open data of action plans", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: PlanWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
  });

  it("exports plans, commitments and milestones with computed progress, stage and business days late, and no personal data", async () => {
    const db = t.services.db;
    const m = w.cuauhtemoc.id;
    await db.updateTable("plan_milestones").set({ status: "completado", completed_on: w.today }).where("id", "in", [w.milestones.obras[0]!, w.milestones.obras[1]!]).execute();
    const dueOn = addDays(w.today, -30);
    await db.updateTable("plan_milestones").set({ due_on: dueOn }).where("id", "=", w.milestones.servicios[0]!).execute();
    await db.updateTable("plan_commitments").set({ description: '=HYPERLINK("http://malo.example","clic"), con "comillas"' }).where("id", "=", w.commitments.obras).execute();
    await db.insertInto("action_plan_team").values({ municipality_id: m, plan_id: w.plan.id, sector: "sociedad_civil", organisation: "Colectivo Reservado", person_name: PRIVATE_NAME, name_public: false }).execute();
    await db.insertInto("plan_comments").values({ municipality_id: m, commitment_id: w.commitments.obras, author_user_id: w.observatory.outsiderId, author_public_name: COMMENTER, body: "Un comentario." }).execute();
    await db.insertInto("plan_subscriptions").values({ municipality_id: m, email: SUBSCRIBER, target_kind: "plan", target_id: w.plan.id, token_hash: "x".repeat(64), confirmed_at: new Date() }).execute();
    // A plan still being prepared never appears.
    await db.insertInto("action_plans").values({ municipality_id: m, slug: "borrador", title: "Plan en preparación interna", starts_on: w.today, ends_on: addDays(w.today, 300), published: false }).execute();
    const clock = await planClock(db, w.cuauhtemoc);
    const late = milestoneDaysLate(clock.calendar, { status: "pendiente", dueOn }, clock.today);

    const plans = await app.inject("/cuauhtemoc/datos/planes-de-accion.json");
    assert.equal(plans.statusCode, 200);
    const [plan, ...others] = JSON.parse(plans.body);
    assert.equal(others.length, 0);
    assert.deepEqual(
      { plan: plan.plan, estado: plan.estado, compromisos: plan.compromisos, avance: plan.avance_porcentaje, hitos: plan.hitos, vencidos: plan.hitos_vencidos, proceso: plan.proceso_participativo },
      { plan: "plan-2026", estado: "implementacion", compromisos: 2, avance: 25, hitos: 5, vencidos: 1, proceso: w.process.slug },
    );

    const commitments = JSON.parse((await app.inject("/cuauhtemoc/datos/compromisos.json")).body);
    assert.deepEqual(commitments.map((c: Record<string, unknown>) => [c.numero, c.avance_porcentaje, c.peso_cumplido, c.etapa, c.hitos_vencidos]), [[1, 50, 50, "en_curso", 0], [2, 0, 0, "con_retraso", 1]]);
    assert.equal(commitments[0].transparencia, true);

    const milestones = JSON.parse((await app.inject("/cuauhtemoc/datos/hitos.json")).body);
    assert.equal(milestones.length, 5);
    const overdue = milestones.find((r: Record<string, unknown>) => r.hito_id === w.milestones.servicios[0]);
    assert.deepEqual([overdue.vencido, overdue.dias_habiles_de_atraso, overdue.puntualidad, overdue.fecha_compromiso], [true, late, "vencido", dueOn]);

    const csv = await app.inject("/cuauhtemoc/datos/compromisos.csv");
    assert.match(csv.headers["content-type"] as string, /^text\/csv/);
    assert.ok(csv.body.startsWith("\uFEFF"));
    const rows = parseCsv(csv.body);
    assert.deepEqual(rows[0], [...COLUMNS.compromisos]);
    assert.equal(rows.length, 3);
    const obras = Object.fromEntries(rows[0]!.map((c, i) => [c, rows[1]![i]]));
    // A formula is neutralised, quotes survive, booleans read "si"/"no".
    assert.equal(obras.descripcion, `'=HYPERLINK("http://malo.example","clic"), con "comillas"`);
    assert.equal(obras.transparencia, "si");
    assert.equal(obras.participacion_ciudadana, "no");
    const hitosCsv = parseCsv((await app.inject("/cuauhtemoc/datos/hitos.csv")).body);
    assert.equal(hitosCsv.length, 6);

    const everything = (await Promise.all(["planes-de-accion", "compromisos", "hitos"].flatMap((d) => ["csv", "json"].map((f) => app.inject(`/cuauhtemoc/datos/${d}.${f}`))))).map((r) => r.body).join("\n");
    for (const secret of [PRIVATE_NAME, COMMENTER, SUBSCRIBER, "Colectivo Reservado", "Plan en preparación interna", w.reviewer.email, w.emails.obras, "@"]) {
      assert.ok(!everything.includes(secret), secret);
    }
  });

  it("describes the three datasets for the catalogue only when the municipality has a published plan", async () => {
    const datasets = await planDatasets(t.services, { id: w.cuauhtemoc.id, slug: "cuauhtemoc", name: "Cuauhtémoc", timeZone: w.cuauhtemoc.timeZone });
    assert.deepEqual(datasets.map((d) => d.id), ["cuauhtemoc-planes-de-accion", "cuauhtemoc-compromisos-de-planes-de-accion", "cuauhtemoc-hitos-de-planes-de-accion"]);
    assert.deepEqual(datasets[2]!.distributions.map((d) => d.downloadPath), ["/cuauhtemoc/datos/hitos.csv", "/cuauhtemoc/datos/hitos.json"]);
    assert.deepEqual(datasets[0]!.temporal, { start: w.plan.startsOn, end: w.plan.endsOn });
    assert.ok(datasets[0]!.modified);
    assert.deepEqual(await planDatasets(t.services, { id: w.leon.id, slug: "leon", name: "León", timeZone: w.leon.timeZone }), []);
    const leon = JSON.parse((await app.inject("/leon/datos/hitos.json")).body);
    assert.deepEqual(leon, []);
  });
});
