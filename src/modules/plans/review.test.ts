import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { addDays } from "../../platform/calendar/dates.js";
import { makeUser } from "../accounts/test-support.js";
import { login, seedPlanWorld, type PlanWorld } from "./test-support.js";
import { publicCommitmentHtml, publicPlanHtml } from "./review-test-support.js";

const REVIEWER_NAME = "Revisora independiente (Observatorio Ciudadano)";

describe("plan reviews: checkpoints and assessments on the IRM's scales", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: PlanWorld;
  let team: Browser;
  const admin = () => `/cuauhtemoc/admin/planes/${w.plan.slug}/revision`;
  const area = () => `/cuauhtemoc/revision/planes/${w.plan.slug}`;
  const form = (checkpoint: number, number: number) => `${area()}/momentos/${checkpoint}/compromisos/${number}`;
  const good = (over: Record<string, string> = {}) => ({
    verifiable: "si", potential: "sustancial", completion: "limitado", onTime: "si", openedGovernment: "marginal",
    narrative: "El inventario de obras se publicó en el portal, pero sin el mapa por colonia.", assessedOn: w.today, ...over,
  });

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
    team = new Browser(app);
    await login(team, w.team.email);
  });

  async function schedule(title: string, scheduledOn: string): Promise<number> {
    const res = await team.post(`${admin()}/momentos`, { title, scheduledOn });
    assert.equal(res.statusCode, 303, res.body);
    return (await t.services.db.selectFrom("plan_checkpoints").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
  }

  async function as(email: string): Promise<Browser> {
    const b = new Browser(app);
    await login(b, email);
    return b;
  }

  it("lets plan managers schedule checkpoints inside the plan's period and name reviewers by an existing account", async () => {
    const page = await team.get(admin());
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Revisión del plan/);
    assert.ok(page.body.includes(REVIEWER_NAME));
    assert.ok(page.body.includes(w.reviewer.email), "staff see the reviewer's account");

    const outside = await team.post(`${admin()}/momentos`, { title: "Revisión anticipada", scheduledOn: addDays(w.plan.startsOn, -1) });
    assert.equal(outside.statusCode, 422);
    assert.ok(outside.body.includes(`La fecha debe estar dentro del periodo del plan, del ${w.plan.startsOn} al ${w.plan.endsOn}.`));
    const malformed = await team.post(`${admin()}/momentos`, { title: "x", scheduledOn: "2026-02-30" });
    assert.equal(malformed.statusCode, 422);
    assert.match(malformed.body, /debe tener al menos 3 caracteres/);
    assert.match(malformed.body, /no es válida: use el formato AAAA-MM-DD/);
    assert.equal((await t.services.db.selectFrom("plan_checkpoints").select("id").execute()).length, 0);

    await schedule("Revisión de medio término", addDays(w.today, -10));
    const audit = await t.services.db.selectFrom("audit_log").select(["action", "actor_user_id"]).where("action", "=", "plans.checkpoint.schedule").execute();
    assert.deepEqual(audit, [{ action: "plans.checkpoint.schedule", actor_user_id: w.team.userId }]);

    const unknown = await team.post(`${admin()}/revisores`, { email: "nadie@ejemplo.mx", kind: "independiente", publicName: "Alguien" });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /No hay ninguna cuenta activa con ese correo/);
    const badKind = await team.post(`${admin()}/revisores`, { email: w.emails.observer, kind: "jefa", publicName: "" });
    assert.equal(badKind.statusCode, 422);
    assert.match(badKind.body, /Elija si la persona revisa como parte del equipo interno/);
    assert.match(badKind.body, /Escriba el nombre público de quien revisa/);
    assert.equal((await t.services.db.selectFrom("plan_reviewers").select("user_id").execute()).length, 1);

    const added = await team.post(`${admin()}/revisores`, { email: "OBSERVA@cuauhtemoc.test ", kind: "interno", publicName: "Contraloría Social" });
    assert.equal(added.statusCode, 303, added.body);
    const rows = await t.services.db.selectFrom("plan_reviewers").select(["user_id", "kind", "public_name"]).orderBy("user_id").execute();
    assert.deepEqual(rows.find((r) => r.user_id === w.users.observer), { user_id: w.users.observer, kind: "interno", public_name: "Contraloría Social" });

    // Removing a reviewer keeps nothing but the audit trail.
    assert.equal((await team.post(`${admin()}/revisores/${w.users.observer}/quitar`)).statusCode, 303);
    assert.equal((await t.services.db.selectFrom("plan_reviewers").select("user_id").where("user_id", "=", w.users.observer).execute()).length, 0);
    assert.equal((await team.post(`${admin()}/revisores/${w.users.observer}/quitar`)).statusCode, 404);
  });

  it("keeps the plan's review pages to its managers: observers look, other staff and towns are refused, visitors sign in", async () => {
    const observer = await as(w.emails.observer);
    const look = await observer.get(admin());
    assert.equal(look.statusCode, 200);
    assert.ok(!look.body.includes(`action="${admin()}/momentos"`), "no forms for someone who may not change it");
    assert.ok(look.body.includes(REVIEWER_NAME) && !look.body.includes(w.reviewer.email), "observers see reviewers by their public name, not their account");
    assert.equal((await observer.post(`${admin()}/momentos`, { title: "Revisión", scheduledOn: w.today })).statusCode, 403);
    const obras = await as(w.emails.obras);
    assert.equal((await obras.post(`${admin()}/revisores`, { email: w.emails.obras, kind: "interno", publicName: "Obras" })).statusCode, 403);
    const leon = await as(w.emails.leonAdmin);
    assert.equal((await leon.get(admin())).statusCode, 403);
    const anon = new Browser(app);
    const redirect = await anon.get(admin());
    assert.equal(redirect.statusCode, 302);
    assert.match(String(redirect.headers.location), /^\/entrar\?next=/);
    assert.equal((await team.get(`/cuauhtemoc/admin/planes/no-existe/revision`)).statusCode, 404);
    assert.equal((await t.services.db.selectFrom("plan_checkpoints").select("id").execute()).length, 0);
  });

  it("keeps every assessment of a checkpoint: a correction is a new row, the newest is current, and the public page lists both", async () => {
    const midterm = await schedule("Revisión de medio término", addDays(w.today, -10));
    const reviewer = await as(w.reviewer.email);
    const areaPage = await reviewer.get(area());
    assert.equal(areaPage.statusCode, 200);
    assert.ok(areaPage.body.includes(`Usted valora como «${REVIEWER_NAME}» (Revisión independiente).`));
    assert.ok(areaPage.body.includes(`href="${form(midterm, 1)}"`));

    const blank = await reviewer.get(form(midterm, 1));
    assert.equal(blank.statusCode, 200);
    for (const label of ["¿Es verificable?", "Potencial de resultados", "Nivel de cumplimiento", "¿Avanza a tiempo?", "¿Abrió el gobierno?", "Justificación"]) assert.ok(blank.body.includes(label), label);
    assert.ok(blank.body.includes(`value="${w.today}"`), "the date defaults to today");
    const first = await reviewer.post(form(midterm, 1), good({ narrative: "Primera lectura: avance limitado del inventario." }));
    assert.equal(first.statusCode, 303, first.body);
    // The correction form starts from the current assessment.
    assert.match((await reviewer.get(form(midterm, 1))).body, /Primera lectura: avance limitado del inventario\.<\/textarea>/);
    const correction = await reviewer.post(form(midterm, 1), good({ completion: "sustancial", narrative: "Corrección: el inventario y el mapa ya están publicados." }));
    assert.equal(correction.statusCode, 303, correction.body);
    const rows = await t.services.db.selectFrom("plan_assessments").select(["id", "author_kind", "author_public_name", "author_user_id", "completion", "starred"]).orderBy("id").execute();
    assert.equal(rows.length, 2, "a correction never overwrites");
    assert.deepEqual(rows.map((r) => [r.author_kind, r.author_public_name, r.author_user_id, r.completion, r.starred]), [
      ["revisor_independiente", REVIEWER_NAME, w.reviewer.userId, "limitado", false],
      ["revisor_independiente", REVIEWER_NAME, w.reviewer.userId, "sustancial", true],
    ]);
    const audit = await t.services.db.selectFrom("audit_log").select("details").where("action", "=", "plans.assessment.record").orderBy("seq").execute();
    assert.equal((audit[1]!.details as { correctsAssessmentId: number }).correctsAssessmentId, rows[0]!.id);

    // The plan's team assesses the same commitment as "equipo_interno" under the team's name.
    assert.equal((await team.post(form(midterm, 1), good({ completion: "completo", narrative: "El equipo considera cumplido el compromiso." }))).statusCode, 303);
    const teamRow = await t.services.db.selectFrom("plan_assessments").select(["author_kind", "author_public_name"]).where("author_kind", "=", "equipo_interno").executeTakeFirstOrThrow();
    assert.deepEqual(teamRow, { author_kind: "equipo_interno", author_public_name: "Equipo del plan de acción" });

    const page = await publicCommitmentHtml(app, t.services, w.cuauhtemoc, w.plan.slug, 1);
    assert.equal(page.status, 200);
    const html = page.body;
    assert.match(html, /<h2 id="revisiones-del-plan">Revisiones del plan<\/h2>/);
    assert.match(html, /★ Compromiso estelar<\/strong> según la revisión independiente/);
    // Current per author kind, the scales in words.
    assert.match(html, /<h4>Revisión independiente<\/h4>[\s\S]*?Nivel de cumplimiento<\/dt><dd>Sustancial<\/dd>[\s\S]*<h4>Valoración del equipo del plan<\/h4>/, "the independent review first");
    assert.match(html, /<h4>Valoración del equipo del plan<\/h4>[\s\S]*?Nivel de cumplimiento<\/dt><dd>Completo<\/dd>/);
    assert.match(html, /Potencial de resultados<\/dt><dd>Sustancial<\/dd>/);
    assert.match(html, /¿Abrió el gobierno\?<\/dt><dd>Marginal<\/dd>/);
    // The full history of the checkpoint: the corrected row too, marked as such.
    assert.match(html, /<details><summary>Revisión de medio término · [^<]* · 3 valoraciones<\/summary>/);
    assert.ok(html.includes("Primera lectura: avance limitado del inventario."));
    assert.match(html, /Revisión independiente \(corregida después\)/);
    assert.match(html, /Revisión independiente \(vigente\)/);
    assert.ok(!html.includes(w.reviewer.email), "the reviewer's account never shows");

    const plan = await publicPlanHtml(app, t.services, w.cuauhtemoc, w.plan.slug);
    assert.equal(plan.status, 200);
    assert.match(plan.body, /<h2 id="momentos-de-revision">Momentos de revisión<\/h2>/);
    assert.match(plan.body, /<dt>Compromisos estelares<\/dt><dd>1<\/dd>/);
    assert.match(plan.body, /Revisión de medio término<\/td><td>1 de 2 compromisos valorados/);
    assert.ok(!plan.body.includes(`href="${area()}"`), "visitors get no link to the reviewers' area");
    if (app.hasRoute({ method: "GET", url: "/:slug/planes/:plan" })) {
      assert.ok((await reviewer.get(`/cuauhtemoc/planes/${w.plan.slug}`)).body.includes(`href="${area()}"`), "a reviewer finds the area from the plan's page");
    }
  });

  it("stars only what the IRM would: verifiable, relevant to an OGP value, substantial potential, substantial or complete", async () => {
    const k = await schedule("Revisión final", addDays(w.today, -1));
    // Commitment 2 is relevant to no OGP value: the same scores earn no star.
    await t.services.db.updateTable("plan_commitments").set({ relevant_transparency: false }).where("id", "=", w.commitments.servicios).execute();
    const reviewer = await as(w.reviewer.email);
    assert.equal((await reviewer.post(form(k, 2), good({ completion: "completo" }))).statusCode, 303);
    assert.equal((await reviewer.post(form(k, 1), good({ completion: "completo", potential: "modesto" }))).statusCode, 303);
    const starred = await t.services.db.selectFrom("plan_assessments").select(["commitment_id", "starred"]).orderBy("id").execute();
    assert.deepEqual(starred.map((r) => r.starred), [false, false]);
    assert.equal((await reviewer.post(form(k, 1), good({ completion: "completo", verifiable: "no" }))).statusCode, 303);
    assert.equal((await reviewer.post(form(k, 1), good({ completion: "completo" }))).statusCode, 303);
    const last = await t.services.db.selectFrom("plan_assessments").select("starred").orderBy("id", "desc").limit(2).execute();
    assert.deepEqual(last.map((r) => r.starred), [true, false]);
    const page = await publicCommitmentHtml(app, t.services, w.cuauhtemoc, w.plan.slug, 2);
    assert.ok(!page.body.includes("★ Compromiso estelar"));
    assert.match((await publicPlanHtml(app, t.services, w.cuauhtemoc, w.plan.slug)).body, /<dt>Compromisos estelares<\/dt><dd>1<\/dd>/);
  });

  it("refuses an assessment dated before its checkpoint, in the future, or without reasons — nothing stored", async () => {
    const k = await schedule("Revisión de medio término", addDays(w.today, -10));
    const reviewer = await as(w.reviewer.email);
    const early = await reviewer.post(form(k, 1), good({ assessedOn: addDays(w.today, -11) }));
    assert.equal(early.statusCode, 422);
    assert.ok(early.body.includes(`La fecha de la valoración no puede ser anterior al momento de revisión (${addDays(w.today, -10)}).`));
    const future = await reviewer.post(form(k, 1), good({ assessedOn: addDays(w.today, 1) }));
    assert.equal(future.statusCode, 422);
    assert.match(future.body, /no puede estar en el futuro/);
    const bad = await reviewer.post(form(k, 1), { verifiable: "quizá", potential: "enorme", completion: "", onTime: "tal vez", openedGovernment: "", narrative: "corta", assessedOn: w.today });
    assert.equal(bad.statusCode, 422);
    for (const message of ["Indique si el compromiso es verificable.", "Elija el potencial de resultados", "Elija el nivel de cumplimiento.", "Indique si el compromiso avanza a tiempo", "al menos 10 caracteres"]) assert.ok(bad.body.includes(message), message);
    // A checkpoint in the future cannot be assessed yet, and its form says so through the date rule.
    const later = await schedule("Revisión final", addDays(w.today, 30));
    const tooSoon = await reviewer.post(form(later, 1), good());
    assert.equal(tooSoon.statusCode, 422);
    assert.equal((await reviewer.get(`${form(k, 9)}`)).statusCode, 404);
    assert.equal((await t.services.db.selectFrom("plan_assessments").select("id").execute()).length, 0);
  });

  it("lets only reviewers and plan managers assess; reviewers get 403 on staff pages and on milestone changes", async () => {
    const k = await schedule("Revisión de medio término", addDays(w.today, -10));
    const outsider = await as(w.observatory.outsiderEmail);
    assert.equal((await outsider.get(area())).statusCode, 403);
    assert.equal((await outsider.get(form(k, 1))).statusCode, 403);
    assert.equal((await outsider.post(form(k, 1), good())).statusCode, 403);
    for (const email of [w.emails.observer, w.emails.obras, w.emails.leonAdmin]) assert.equal((await (await as(email)).post(form(k, 1), good())).statusCode, 403, email);
    const anon = new Browser(app);
    assert.equal((await anon.get(form(k, 1))).statusCode, 302);
    assert.equal((await anon.post(form(k, 1), good())).statusCode, 401);

    const reviewer = await as(w.reviewer.email);
    for (const url of ["/cuauhtemoc/admin", admin(), "/cuauhtemoc/admin/observatorios"]) assert.equal((await reviewer.get(url)).statusCode, 403, url);
    if (app.hasRoute({ method: "GET", url: "/:slug/admin/planes" })) assert.equal((await reviewer.get("/cuauhtemoc/admin/planes")).statusCode, 403);
    const milestone = w.milestones.obras[0]!;
    if (app.hasRoute({ method: "POST", url: "/:slug/admin/planes/:plan/compromisos/:number/hitos/:milestoneId/estado" })) {
      const res = await reviewer.post(`/cuauhtemoc/admin/planes/${w.plan.slug}/compromisos/1/hitos/${milestone}/estado`, { status: "completado", completedOn: w.today, note: "Entregado" });
      assert.equal(res.statusCode, 403);
    }
    assert.equal((await t.services.db.selectFrom("plan_milestones").select("status").where("id", "=", milestone).executeTakeFirstOrThrow()).status, "pendiente");
    assert.equal((await t.services.db.selectFrom("plan_assessments").select("id").execute()).length, 0);

    // A reviewer removed from the plan may no longer assess it; a reviewer of one plan, no other.
    await team.post(`${admin()}/revisores/${w.reviewer.userId}/quitar`);
    assert.equal((await reviewer.post(form(k, 1), good())).statusCode, 403);
    const otherReviewer = await makeUser(t.services.db, "otra.revisora@irm.test");
    assert.ok(otherReviewer > 0);
    assert.equal((await (await as("otra.revisora@irm.test")).get(area())).statusCode, 403);
  });
});
