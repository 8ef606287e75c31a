import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { addDays } from "../../platform/calendar/dates.js";
import { anonymous } from "../../platform/policy.js";
import { makeUser } from "../accounts/test-support.js";
import { login, seedPlanWorld, type PlanWorld } from "./test-support.js";
import { insertPlan } from "./shared-test-support.js";
import { linkCommitment } from "./shared-service.js";
import type { PlanInputError } from "./errors.js";

const SLUG = "seguridad-metropolitana";
const ADMIN = "/cuauhtemoc/admin/planes/intermunicipales";
const LEON_ADMIN = "/leon/admin/planes/intermunicipales";

describe("inter-municipal commitments", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: PlanWorld;
  let cuauhtemoc: Browser;
  let leon: Browser;
  let leonPlan: { planId: number; commitmentIds: number[] };
  const db = () => t.services.db;

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
    const leonDepartment = await db().selectFrom("departments").select("id").where("municipality_id", "=", w.leon.id).where("name", "=", "Seguridad Pública").executeTakeFirstOrThrow();
    // León's own commitment: one milestone delivered on time (40), one overdue (30), one ahead (30).
    leonPlan = await insertPlan(db(), w.leon.id, {
      slug: "plan-leon", title: "Plan de Acción Local León 2026", published: true, startsOn: addDays(w.today, -200), endsOn: addDays(w.today, 400),
      commitments: [{
        title: "Seguridad con datos abiertos en León", departmentId: leonDepartment.id,
        milestones: [
          { deliverable: "Mapa de incidencia publicado", dueOn: addDays(w.today, -40), weight: 40, status: "completado", completedOn: addDays(w.today, -45) },
          { deliverable: "Convenio de intercambio de datos", dueOn: addDays(w.today, -20), weight: 30 },
          { deliverable: "Tablero metropolitano", dueOn: addDays(w.today, 60), weight: 30 },
        ],
      }],
    });
    cuauhtemoc = new Browser(app);
    await login(cuauhtemoc, w.emails.admin);
    leon = new Browser(app);
    await login(leon, w.emails.leonAdmin);
  });

  async function convene(): Promise<number> {
    const res = await cuauhtemoc.post(ADMIN, { slug: SLUG, title: "Seguridad metropolitana con datos abiertos", description: "Municipios que publican su incidencia delictiva con el mismo formato.", stateCode: "" });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `${ADMIN}/${SLUG}`);
    return (await db().selectFrom("shared_commitments").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
  }

  const linkedTo = async (municipalityId: number, commitmentId: number) =>
    (await db().selectFrom("plan_commitments").select("shared_commitment_id").where("municipality_id", "=", municipalityId).where("id", "=", commitmentId).executeTakeFirstOrThrow()).shared_commitment_id;

  it("lets a plan manager convene an agreement and invite a municipality; each partner links its own commitment and shows its own progress", async () => {
    const id = await convene();
    const shared = await db().selectFrom("shared_commitments").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(shared.convener_municipality_id, w.cuauhtemoc.id);
    assert.equal(shared.state_code, null, "partners of several states: no state");
    assert.equal((await cuauhtemoc.post(`${ADMIN}/${SLUG}/socios`, { partner: "leon" })).statusCode, 303);
    const again = await cuauhtemoc.post(`${ADMIN}/${SLUG}/socios`, { partner: "leon" });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /León ya participa en este compromiso intermunicipal/);

    const page = await leon.get(`${LEON_ADMIN}/${SLUG}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Invitación de Cuauhtémoc/);
    assert.ok(!page.body.includes("Editar el acuerdo"), "a partner sees no edit form");
    assert.equal((await leon.post(`${LEON_ADMIN}/${SLUG}/vinculo`, { commitmentId: String(leonPlan.commitmentIds[0]) })).statusCode, 303);
    assert.equal((await cuauhtemoc.post(`${ADMIN}/${SLUG}/vinculo`, { commitmentId: String(w.commitments.obras) })).statusCode, 303);
    assert.equal(await linkedTo(w.leon.id, leonPlan.commitmentIds[0]!), id);
    assert.equal(await linkedTo(w.cuauhtemoc.id, w.commitments.obras), id);
    // Linking another commitment replaces the first: one commitment per partner.
    assert.equal((await cuauhtemoc.post(`${ADMIN}/${SLUG}/vinculo`, { commitmentId: String(w.commitments.servicios) })).statusCode, 303);
    assert.equal(await linkedTo(w.cuauhtemoc.id, w.commitments.obras), null);
    assert.equal(await linkedTo(w.cuauhtemoc.id, w.commitments.servicios), id);
    const audit = await db().selectFrom("audit_log").select(["action", "chain_id"]).where("action", "like", "plans.shared.%").orderBy("occurred_at").orderBy("seq").execute();
    assert.deepEqual(audit, [
      { action: "plans.shared.create", chain_id: w.cuauhtemoc.id },
      { action: "plans.shared.invite", chain_id: w.cuauhtemoc.id },
      { action: "plans.shared.link", chain_id: w.leon.id },
      { action: "plans.shared.link", chain_id: w.cuauhtemoc.id },
      { action: "plans.shared.link", chain_id: w.cuauhtemoc.id },
    ]);

    const pub = await new Browser(app).get(`/compromisos-intermunicipales/${SLUG}`);
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /<h1>Seguridad metropolitana con datos abiertos<\/h1>/);
    assert.match(pub.body, /Municipios de varios estados/);
    assert.ok(pub.body.includes(`href="/leon/planes/plan-leon/compromisos/1"`));
    assert.ok(pub.body.includes(`href="/cuauhtemoc/planes/plan-2026/compromisos/2"`));
    assert.match(pub.body, /Seguridad Pública/, "León's lead department");
    // León: 40 of 100 delivered; one milestone on time and one ahead, one overdue.
    assert.match(pub.body, /1\. Seguridad con datos abiertos en León<\/a><\/td><td>Seguridad Pública<\/td><td class="num">40 %<\/td><td>Con retraso<\/td><td class="num">2<\/td><td class="num"><strong class="flag-overdue">1 \(1 vencido\)<\/strong>/);
    assert.match(pub.body, /2\. Servicios urbanos con datos abiertos<\/a><\/td><td>[^<]*Servicios[^<]*<\/td><td class="num">0 %<\/td><td>En curso<\/td><td class="num">2<\/td><td class="num">0<\/td>/);
    assert.match(pub.body, /<svg[^>]*role="img"/);

    // The partner can unlink; its commitment stays, without the agreement.
    assert.equal((await leon.post(`${LEON_ADMIN}/${SLUG}/vinculo`, { commitmentId: "" })).statusCode, 303);
    assert.equal(await linkedTo(w.leon.id, leonPlan.commitmentIds[0]!), null);
    assert.match((await new Browser(app).get(`/compromisos-intermunicipales/${SLUG}`)).body, /Aún no vincula un compromiso de un plan publicado/);
  });

  it("lets only the convener edit and invite; staff of other municipalities get 403 and nothing changes", async () => {
    const id = await convene();
    assert.equal((await cuauhtemoc.post(`${ADMIN}/${SLUG}/socios`, { partner: "leon" })).statusCode, 303);
    // The invited partner may not edit or invite.
    const edit = await leon.post(`${LEON_ADMIN}/${SLUG}`, { title: "Título cambiado por León", description: "", stateCode: "11" });
    assert.equal(edit.statusCode, 403);
    assert.match(edit.body, /Solo el municipio que convoca/);
    assert.equal((await leon.post(`${LEON_ADMIN}/${SLUG}/socios`, { partner: "tlalnepantla" })).statusCode, 403);
    // León's staff on Cuauhtémoc's pages, and a municipality not involved at all.
    assert.equal((await leon.post(`${ADMIN}/${SLUG}`, { title: "Título cambiado por León", description: "" })).statusCode, 403);
    await makeUser(db(), "admin@tlalnepantla.test", { role: "administrator", municipalityId: 15104 });
    const tlalne = new Browser(app);
    await login(tlalne, "admin@tlalnepantla.test");
    const outsider = await tlalne.get(`/tlalnepantla/admin/planes/intermunicipales/${SLUG}`);
    assert.equal(outsider.statusCode, 403);
    assert.match(outsider.body, /no convoca ni está invitado/);
    // Staff of Cuauhtémoc without the right to manage plans.
    const obras = new Browser(app);
    await login(obras, w.emails.obras);
    assert.equal((await obras.post(`${ADMIN}/${SLUG}`, { title: "Título cambiado por Obras", description: "" })).statusCode, 403);
    assert.equal((await obras.get(`${ADMIN}/${SLUG}`)).statusCode, 200, "any staff member may look");
    assert.equal((await new Browser(app).get(ADMIN)).statusCode, 302, "anonymous → sign in");
    const row = await db().selectFrom("shared_commitments").select(["title", "state_code"]).where("id", "=", id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { title: "Seguridad metropolitana con datos abiertos", state_code: null });
    assert.equal((await db().selectFrom("shared_commitment_partners").select("municipality_id").where("shared_commitment_id", "=", id).execute()).length, 2);

    const ok = await cuauhtemoc.post(`${ADMIN}/${SLUG}`, { title: "Seguridad metropolitana y datos abiertos", description: "Acuerdo revisado.", stateCode: "09" });
    assert.equal(ok.statusCode, 303);
    assert.deepEqual(await db().selectFrom("shared_commitments").select(["title", "state_code"]).where("id", "=", id).executeTakeFirstOrThrow(), { title: "Seguridad metropolitana y datos abiertos", state_code: "09" });
  });

  it("refuses a link from a municipality that was not invited, and a commitment of another municipality", async () => {
    const id = await convene();
    await makeUser(db(), "admin@tlalnepantla.test", { role: "administrator", municipalityId: 15104 });
    const tlalnePlan = await insertPlan(db(), 15104, {
      slug: "plan-tlalne", title: "Plan de Tlalnepantla", published: true, startsOn: addDays(w.today, -10), endsOn: addDays(w.today, 300),
      commitments: [{ title: "Seguridad en Tlalnepantla", milestones: [{ deliverable: "Diagnóstico", dueOn: addDays(w.today, 30), weight: 100 }] }],
    });
    const tlalne = new Browser(app);
    await login(tlalne, "admin@tlalnepantla.test");
    const res = await tlalne.post(`/tlalnepantla/admin/planes/intermunicipales/${SLUG}/vinculo`, { commitmentId: String(tlalnePlan.commitmentIds[0]) });
    assert.equal(res.statusCode, 403);
    // The rule lives in the service too, whatever calls it.
    await assert.rejects(
      db().transaction().execute((trx) => linkCommitment(trx, 15104, anonymous, id, tlalnePlan.commitmentIds[0]!)),
      (e: PlanInputError) => e.status === 403 && /no está invitado/.test(e.message),
    );
    assert.equal(await linkedTo(15104, tlalnePlan.commitmentIds[0]!), null);

    // An invited partner cannot link a commitment that is not its own.
    assert.equal((await cuauhtemoc.post(`${ADMIN}/${SLUG}/socios`, { partner: "leon" })).statusCode, 303);
    const foreign = await leon.post(`${LEON_ADMIN}/${SLUG}/vinculo`, { commitmentId: String(w.commitments.obras) });
    assert.equal(foreign.statusCode, 422);
    assert.match(foreign.body, /Elija uno de los compromisos de los planes de su municipio/);
    assert.equal(await linkedTo(w.cuauhtemoc.id, w.commitments.obras), null);
    assert.equal((await leon.post(`${LEON_ADMIN}/${SLUG}/vinculo`, { commitmentId: "uno" })).statusCode, 422);
  });

  it("refuses bad input with Spanish messages beside the fields and stores nothing", async () => {
    const bad = await cuauhtemoc.post(ADMIN, { slug: "Seguridad Metropolitana", title: "abc", description: "", stateCode: "99" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /La dirección admite solo minúsculas sin acentos/);
    assert.match(bad.body, /El título debe tener al menos 5 caracteres/);
    assert.match(bad.body, /Elija un estado de la lista/);
    assert.equal((await db().selectFrom("shared_commitments").select("id").execute()).length, 0);
    await convene();
    const dup = await cuauhtemoc.post(ADMIN, { slug: SLUG, title: "Otro acuerdo con la misma dirección", description: "", stateCode: "09" });
    assert.equal(dup.statusCode, 422);
    assert.match(dup.body, /Ya existe un compromiso intermunicipal con la dirección «seguridad-metropolitana»/);
    const unknown = await cuauhtemoc.post(`${ADMIN}/${SLUG}/socios`, { partner: "no-existe" });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Elija un municipio activo en Cabildo/);
    assert.equal((await new Browser(app).get("/compromisos-intermunicipales/no-existe")).statusCode, 404);
    assert.equal((await cuauhtemoc.get(`${ADMIN}/no-existe`)).statusCode, 404);
  });

  it("never shows a partner's commitment from an unpublished plan to the public or to other municipalities", async () => {
    await convene();
    assert.equal((await cuauhtemoc.post(`${ADMIN}/${SLUG}/socios`, { partner: "leon" })).statusCode, 303);
    const draft = await insertPlan(db(), w.leon.id, {
      slug: "plan-interno", title: "Plan interno sin publicar", published: false, startsOn: addDays(w.today, -10), endsOn: addDays(w.today, 300),
      commitments: [{ title: "Compromiso confidencial de León", milestones: [{ deliverable: "Borrador", dueOn: addDays(w.today, 30), weight: 100 }] }],
    });
    assert.equal((await leon.post(`${LEON_ADMIN}/${SLUG}/vinculo`, { commitmentId: String(draft.commitmentIds[0]) })).statusCode, 303);
    const own = await leon.get(`${LEON_ADMIN}/${SLUG}`);
    assert.match(own.body, /Compromiso confidencial de León<\/a> \(plan sin publicar\)/, "its own staff see it");
    for (const body of [(await new Browser(app).get(`/compromisos-intermunicipales/${SLUG}`)).body, (await cuauhtemoc.get(`${ADMIN}/${SLUG}`)).body]) {
      assert.ok(!body.includes("Compromiso confidencial"));
      assert.ok(!body.includes("plan-interno"));
      assert.match(body, /Aún no vincula un compromiso de un plan publicado/);
    }
  });
});
