import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { addDays } from "../../platform/calendar/dates.js";
import { anonymous } from "../../platform/policy.js";
import { activateMunicipality } from "../territory/service.js";
import { seedPlanWorld, type PlanWorld } from "./test-support.js";
import { insertPlan } from "./shared-test-support.js";
import { createSharedCommitment, invitePartner, linkCommitment } from "./shared-service.js";
import { sharedPageLinks } from "./shared-links.js";
import { translator } from "../../platform/i18n/index.js";
import type { PageContext } from "../../platform/views/context.js";

const SILAO = 11037;
const HIDDEN_NAME = "Rosaura Quintanilla Ybarra";

describe("the state view of action plans", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: PlanWorld;
  let leon: { planId: number; commitmentIds: number[] };
  let silao: { planId: number; commitmentIds: number[] };
  const db = () => t.services.db;

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
    await activateMunicipality(db(), { inegiKey: "11037", slug: "silao", folioPrefix: "SILAO" });
    const d = (n: number) => addDays(w.today, n);
    // León: commitment 1 at 40 % with one overdue milestone; commitment 2 not started (0 %); mean 20 %.
    leon = await insertPlan(db(), w.leon.id, {
      slug: "plan-leon", title: "Plan de Acción Local León", published: true, startsOn: d(-200), endsOn: d(400),
      commitments: [
        { title: "Seguridad con datos abiertos", milestones: [
          { deliverable: "Mapa de incidencia", dueOn: d(-40), weight: 40, status: "completado", completedOn: d(-41) },
          { deliverable: "Convenio metropolitano", dueOn: d(-20), weight: 60 },
        ] },
        { title: "Capacitación en datos abiertos", milestones: [{ deliverable: "Curso", dueOn: d(90), weight: 100 }] },
      ],
    });
    await db().insertInto("action_plan_team").values({ municipality_id: w.leon.id, plan_id: leon.planId, sector: "sociedad_civil", organisation: "Observatorio Ciudadano", person_name: HIDDEN_NAME, name_public: false }).execute();
    await insertPlan(db(), w.leon.id, {
      slug: "plan-borrador", title: "Plan borrador sin publicar", published: false, startsOn: d(-10), endsOn: d(300),
      commitments: [{ title: "Compromiso en preparación", milestones: [{ deliverable: "Borrador", dueOn: d(-5), weight: 100 }] }],
    });
    // Silao: one commitment complete (100 %), starred by its current assessment.
    silao = await insertPlan(db(), SILAO, {
      slug: "plan-silao", title: "Plan de Gobierno Abierto de Silao", published: true, startsOn: d(-300), endsOn: d(100),
      commitments: [
        { title: "Datos abiertos de obra pública", milestones: [{ deliverable: "Portal de obra", dueOn: d(-60), weight: 100, status: "completado", completedOn: d(-70) }] },
        { title: "Presupuesto participativo", milestones: [{ deliverable: "Reglas", dueOn: d(-90), weight: 100, status: "completado", completedOn: d(-95) }] },
      ],
    });
  });

  async function assess(commitmentId: number, checkpointId: number, starred: boolean, authorKind: "equipo_interno" | "revisor_independiente", day: number) {
    await db().insertInto("plan_assessments").values({
      municipality_id: SILAO, checkpoint_id: checkpointId, commitment_id: commitmentId, author_kind: authorKind, author_public_name: "Equipo del plan",
      verifiable: true, potential: starred ? "sustancial" : "modesto", completion: "completo", narrative: "Valoración de prueba del compromiso.",
      assessed_on: addDays(w.today, day), starred,
    }).execute();
  }

  it("compares each municipality's published plans — progress, overdue milestones, starred commitments — and never shows unpublished plans or names", async () => {
    const checkpoint = await db().insertInto("plan_checkpoints").values({ municipality_id: SILAO, plan_id: silao.planId, title: "Revisión intermedia", scheduled_on: addDays(w.today, -30) }).returning("id").executeTakeFirstOrThrow();
    // Commitment 1: first not starred, then corrected to starred → starred. Commitment 2: the correction removes the star.
    await assess(silao.commitmentIds[0]!, checkpoint.id, false, "revisor_independiente", -30);
    await assess(silao.commitmentIds[0]!, checkpoint.id, true, "revisor_independiente", -29);
    await assess(silao.commitmentIds[1]!, checkpoint.id, true, "equipo_interno", -30);
    await assess(silao.commitmentIds[1]!, checkpoint.id, false, "equipo_interno", -29);

    const res = await new Browser(app).get("/estados/guanajuato/planes");
    assert.equal(res.statusCode, 200);
    const body = res.body;
    assert.match(body, /<h1>Planes de acción en Guanajuato<\/h1>/);
    // Municipality, plan, period, commitments, mean progress, overdue milestones, starred.
    assert.match(body, /<a href="\/leon">León<\/a><\/td><td><a href="\/leon\/planes\/plan-leon">Plan de Acción Local León<\/a><\/td><td>[^<]+<\/td><td class="num">2<\/td><td class="num">20 %<\/td><td class="num"><strong class="flag-overdue">1<\/strong><\/td><td class="num">0<\/td>/);
    assert.match(body, /<a href="\/silao">Silao de la Victoria<\/a><\/td><td><a href="\/silao\/planes\/plan-silao">Plan de Gobierno Abierto de Silao<\/a><\/td><td>[^<]+<\/td><td class="num">2<\/td><td class="num">100 %<\/td><td class="num">0<\/td><td class="num">1<\/td>/);
    assert.ok(body.indexOf("León</a>") < body.indexOf("Silao de la Victoria</a>"), "by municipality name");
    assert.match(body, /<svg[^>]*role="img"[^>]*aria-labelledby="grafica-estado-titulo grafica-estado-desc"/);
    assert.match(body, /<desc id="grafica-estado-desc">León: 20 %; Silao de la Victoria: 100 %<\/desc>/);
    for (const secret of ["Plan borrador sin publicar", "plan-borrador", "Compromiso en preparación", HIDDEN_NAME, "Cuauhtémoc", "plan-2026"]) {
      assert.ok(!body.includes(secret), `the state view must not show ${secret}`);
    }

    const csv = await new Browser(app).get("/estados/guanajuato/planes.csv");
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    assert.equal(lines[0], "estado,municipio,clave_inegi,plan,titulo,inicio,fin,etapa_del_plan,compromisos,avance_promedio,hitos_vencidos,compromisos_estelares,url");
    assert.equal(lines.length, 3);
    assert.match(lines[1]!, /^Guanajuato,León,11020,plan-leon,Plan de Acción Local León,\d{4}-\d\d-\d\d,\d{4}-\d\d-\d\d,implementacion,2,20,1,0,http[^,]+\/leon\/planes\/plan-leon$/);
    assert.match(lines[2]!, /^Guanajuato,Silao de la Victoria,11037,plan-silao,.*,2,100,0,1,/);
    assert.ok(!csv.body.includes("borrador") && !csv.body.includes(HIDDEN_NAME));
  });

  it("names states by their usual name, answers 404 for an unknown state, and says when a state has no published plan", async () => {
    const cdmx = await new Browser(app).get("/estados/ciudad-de-mexico/planes");
    assert.equal(cdmx.statusCode, 200);
    assert.match(cdmx.body, /<a href="\/cuauhtemoc\/planes\/plan-2026">Plan de Acción Local 2026–2027<\/a>/);
    const edomex = await new Browser(app).get("/estados/estado-de-mexico/planes");
    assert.equal(edomex.statusCode, 200);
    assert.match(edomex.body, /<h1>Planes de acción en Estado de México<\/h1>/);
    assert.match(edomex.body, /Ningún municipio de Estado de México ha publicado aún un plan de acción en Cabildo/);
    // The link on a municipality's home page leads to its state's view.
    const ctx = { t: translator("es-MX"), municipality: { id: 15104, slug: "tlalnepantla", name: "Tlalnepantla de Baz", stateName: "México" } } as unknown as PageContext;
    assert.deepEqual(sharedPageLinks.municipality!(ctx, "tlalnepantla"), [{ href: "/estados/estado-de-mexico/planes", label: "Comparación de planes de acción: Estado de México" }]);
    assert.equal((await new Browser(app).get("/estados/atlantida/planes")).statusCode, 404);
    assert.equal((await new Browser(app).get("/estados/atlantida/planes.csv")).statusCode, 404);
  });

  it("lists the state's shared commitments with each partner's own progress", async () => {
    const sharedId = await db().transaction().execute(async (trx) => {
      const id = await createSharedCommitment(trx, w.leon.id, anonymous, { slug: "seguridad-bajio", title: "Seguridad metropolitana del Bajío", description: "Acuerdo de prueba.", stateCode: "11" });
      await invitePartner(trx, w.leon.id, anonymous, id, SILAO);
      await linkCommitment(trx, w.leon.id, anonymous, id, leon.commitmentIds[0]!);
      await linkCommitment(trx, SILAO, anonymous, id, silao.commitmentIds[0]!);
      return id;
    });
    // A shared commitment of another state, without Guanajuato, stays off this page.
    await db().transaction().execute((trx) => createSharedCommitment(trx, w.cuauhtemoc.id, anonymous, { slug: "centro-historico", title: "Centro Histórico compartido", description: "", stateCode: "09" }));
    const body = (await new Browser(app).get("/estados/guanajuato/planes")).body;
    assert.ok(sharedId > 0);
    assert.match(body, /<h3><a href="\/compromisos-intermunicipales\/seguridad-bajio">Seguridad metropolitana del Bajío<\/a><\/h3>/);
    assert.match(body, /León<\/a> \(convoca\)<\/td><td><a href="\/leon\/planes\/plan-leon\/compromisos\/1">1\. Seguridad con datos abiertos<\/a><\/td><td>—<\/td><td class="num">40 %<\/td><td>Con retraso<\/td>/);
    assert.match(body, /Silao de la Victoria<\/a><\/td><td><a href="\/silao\/planes\/plan-silao\/compromisos\/1">1\. Datos abiertos de obra pública<\/a><\/td><td>—<\/td><td class="num">100 %<\/td><td>Completado<\/td>/);
    assert.ok(!body.includes("Centro Histórico compartido"));
  });
});
