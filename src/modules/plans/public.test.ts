import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { addDays } from "../../platform/calendar/dates.js";
import { anonymous } from "../../platform/policy.js";
import { guestParticipant } from "../participation/test-support.js";
import { answerProposal } from "../proposals/answers.js";
import { createCommitmentDraft } from "../proposals/commitments.js";
import { submitProposal } from "../proposals/create.js";
import { hideContent } from "../proposals/moderation.js";
import { milestoneDaysLate } from "./progress.js";
import { planClock } from "./queries.js";
import { login, seedPlanWorld, type PlanWorld } from "./test-support.js";

const PRIVATE_NAME = "Griselda Ochoa Villaseñor";
const PUBLIC_NAME = "Mtra. Renata Salgado Ibarra";

/** The cells of the table whose caption is given, row by row (tags stripped). */
function tableRows(html: string, caption: string): string[][] {
  const table = new RegExp(`<caption>${caption}</caption>([\\s\\S]*?)</table>`).exec(html);
  assert.ok(table, `no table «${caption}»`);
  return [...table[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((r) => [...r[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, "").trim()));
}

describe("public action-plan pages", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: PlanWorld;
  let anon: Browser;
  const base = "/cuauhtemoc/planes/plan-2026";
  const setMilestone = (id: number, values: { status?: "pendiente" | "en_curso" | "completado"; completed_on?: string | null; due_on?: string }) =>
    t.services.db.updateTable("plan_milestones").set(values).where("municipality_id", "=", w.cuauhtemoc.id).where("id", "=", id).execute();

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
    anon = new Browser(app);
  });

  it("shows each commitment's progress from its milestones' weights, the plan's as their mean, and its stage in words", async () => {
    await setMilestone(w.milestones.obras[0]!, { status: "completado", completed_on: w.today });
    await setMilestone(w.milestones.obras[1]!, { status: "completado", completed_on: w.today });
    await t.services.db.insertInto("action_plan_team").values([
      { municipality_id: w.cuauhtemoc.id, plan_id: w.plan.id, sector: "gobierno", organisation: "Dirección de Gobierno Abierto", role: "Coordinación", person_name: PUBLIC_NAME, name_public: true, position: 1 },
      { municipality_id: w.cuauhtemoc.id, plan_id: w.plan.id, sector: "sociedad_civil", organisation: "Colectivo Vecinal Roma", role: "Enlace", person_name: PRIVATE_NAME, name_public: false, position: 2 },
    ]).execute();

    const list = await anon.get("/cuauhtemoc/planes");
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Plan de Acción Local 2026–2027/);
    assert.match(list.body, /En implementación/);
    assert.match(list.body, /<strong>25 %<\/strong> de avance/);

    const page = await anon.get(base);
    assert.equal(page.statusCode, 200);
    // Obras: 20 + 30 of 100 points → 50 %; Servicios: nothing → 0 %; the plan: their mean.
    assert.match(page.body, /Compromiso 1: Obra pública abierta por colonia[\s\S]*?<strong>50 %<\/strong>/);
    assert.match(page.body, /Compromiso 2: Servicios urbanos con datos abiertos[\s\S]*?<strong>0 %<\/strong>/);
    assert.match(page.body, /<h2 id="avance">Avance del plan<\/h2>\s*<p class="plan-progress"[^>]*><progress[^>]*value="25"/);
    assert.match(page.body, /En curso/);
    // The team: organisations and roles; a name only when marked public.
    assert.match(page.body, /<h3>Gobierno<\/h3>[\s\S]*Dirección de Gobierno Abierto[\s\S]*<h3>Sociedad civil<\/h3>[\s\S]*Colectivo Vecinal Roma/);
    assert.ok(page.body.includes(PUBLIC_NAME));
    assert.ok(!page.body.includes(PRIVATE_NAME));
    // Where it came from: the participatory process's public page.
    assert.ok(page.body.includes(`href="/cuauhtemoc/participa/${w.process.slug}"`));
    // Feed, exports and the subscribe form are offered.
    assert.ok(page.body.includes(`href="${base}/feed.atom"`));
    assert.ok(page.body.includes('href="/cuauhtemoc/datos/hitos.csv"'));
    assert.match(page.body, /action="\/cuauhtemoc\/planes\/plan-2026\/suscripcion"/);

    const commitment = await anon.get(`${base}/compromisos/1`);
    assert.equal(commitment.statusCode, 200);
    assert.match(commitment.body, /50 de 100 puntos de peso cumplidos/);
    assert.match(commitment.body, /<strong>50 %<\/strong> de avance/);
  });

  it("names each overdue milestone with its lead department and business days late, and counts milestones per department in the chart's table", async () => {
    const db = t.services.db;
    const departments = await db.selectFrom("departments").select(["id", "name"]).where("municipality_id", "=", w.cuauhtemoc.id).execute();
    const name = (id: number) => departments.find((d) => d.id === id)!.name;
    // Obras: one on time, one delivered late, one still within its term.
    await setMilestone(w.milestones.obras[0]!, { status: "completado", completed_on: w.today });
    await setMilestone(w.milestones.obras[1]!, { due_on: addDays(w.today, -40), status: "completado", completed_on: w.today });
    // Servicios: one overdue (a month ago), one within its term.
    const dueOn = addDays(w.today, -30);
    await setMilestone(w.milestones.servicios[0]!, { due_on: dueOn, status: "en_curso" });
    const clock = await planClock(db, w.cuauhtemoc);
    const late = milestoneDaysLate(clock.calendar, { status: "en_curso", dueOn }, clock.today);
    assert.ok(late >= 15);

    const page = await anon.get(base);
    assert.equal(page.statusCode, 200);
    const overdue = tableRows(page.body, "Hitos vencidos, del más atrasado al menos atrasado");
    assert.equal(overdue.length, 1);
    assert.deepEqual(overdue[0]!.slice(0, 3), ["Compromiso 2", "Catálogo de servicios en datos abiertos", name(w.departments.servicios)]);
    assert.equal(overdue[0]![4], `${late} días hábiles de retraso`);
    assert.match(page.body, /Con retraso/);

    const chart = tableRows(page.body, "Hitos por dependencia: a tiempo, entregados con retraso, vencidos y en plazo");
    const row = (dep: number) => chart.find((r) => r[0] === name(dep))!.slice(1);
    // a tiempo, entregado con retraso, vencido, en plazo, total
    assert.deepEqual(row(w.departments.obras), ["1", "1", "0", "1", "3"]);
    assert.deepEqual(row(w.departments.servicios), ["0", "0", "1", "1", "2"]);
    assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="grafica-puntualidad-titulo grafica-puntualidad-desc"/);

    const commitment = await anon.get(`${base}/compromisos/2`);
    assert.match(commitment.body, new RegExp(`Vencido hace ${late} días hábiles`));
    assert.match(commitment.body, /Con retraso/);
  });

  it("shows a commitment's OGP fields, colonias, evidence by title and type, and its history without who recorded it", async () => {
    const db = t.services.db;
    const m = w.cuauhtemoc.id;
    const colonia = await db.selectFrom("colonias").select(["id", "slug", "name"]).where("municipality_id", "=", m).orderBy("name").executeTakeFirstOrThrow();
    await db.updateTable("plan_commitments").set({ whole_municipality: false, status_quo: "Hoy los datos viven en hojas de cálculo internas.", how_it_solves: "Cualquiera podrá revisar el avance." }).where("id", "=", w.commitments.obras).execute();
    await db.insertInto("plan_commitment_colonias").values({ municipality_id: m, commitment_id: w.commitments.obras, colonia_id: colonia.id }).execute();
    await db.insertInto("plan_commitment_coleads").values({ municipality_id: m, commitment_id: w.commitments.obras, organisation: "Observatorio Ciudadano de Cuauhtémoc", observatory_id: w.observatory.id }).execute();
    const evidence = await db.insertInto("plan_milestone_evidence").values({ municipality_id: m, milestone_id: w.milestones.obras[0]!, title: "Inventario en CSV", url: "https://datos.example.mx/inventario.csv", added_by: w.users.obras }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("plan_milestone_events").values({ municipality_id: m, milestone_id: w.milestones.obras[0]!, kind: "estado", from_value: "pendiente", to_value: "en_curso", note: "Se levantó el inventario en campo.", by_user_id: w.users.obras }).execute();

    const page = await anon.get(`${base}/compromisos/1`);
    assert.equal(page.statusCode, 200);
    for (const text of ["Problema que atiende", "La información no se publica a tiempo.", "Situación actual", "Hoy los datos viven en hojas de cálculo internas.", "Qué hace el compromiso", "Cómo contribuye a resolver el problema", "Transparencia", "Dirección responsable"]) {
      assert.ok(page.body.includes(text), text);
    }
    assert.ok(page.body.includes(`href="/cuauhtemoc/colonias/${colonia.slug}"`));
    assert.ok(page.body.includes(`href="/cuauhtemoc/observatorios/${w.observatory.slug}"`));
    // A link is evidence published by staff: it points to its address (the evidence route serves files only).
    assert.match(page.body, /<a href="https:\/\/datos\.example\.mx\/inventario\.csv" rel="noopener noreferrer nofollow">Inventario en CSV<\/a> \(enlace\)/);
    assert.ok(!page.body.includes(`${base}/evidencias/${evidence.id}`), "no link to the file route for a link");
    assert.match(page.body, /Inventario de obras publicado<\/strong>: Estado: Pendiente → En curso — Se levantó el inventario en campo\./);
    assert.ok(!page.body.includes(w.emails.obras));
    // The timeline shows each milestone's due date in words and its weight.
    assert.match(page.body, /Peso: 20 puntos/);
    assert.match(page.body, /de 20\d\d<\/time>/);
    assert.equal((await anon.get(`${base}/compromisos/9`)).statusCode, 404);
  });

  it("links the citizen proposals a commitment came from, by folio and public title; a hidden one by its folio only", async () => {
    const m = w.cuauhtemoc;
    const author = await guestParticipant(t.services, m, "autora.propuesta@correo.test");
    const propose = async (title: string) => {
      const p = await submitProposal(t.services, m.id, { actor: anonymous, participantId: author.participant.id }, w.process.id, { kind: "propuesta", title, body: `Descripción de la propuesta «${title}» con detalle suficiente.`, channel: "online", coloniaId: null }, null);
      await answerProposal(t.services.db, m.id, w.process.id, p.number, anonymous, { status: "aceptada", answer: "Respuesta oficial razonada de la propuesta." });
      return p;
    };
    const first = await propose("Mapa de obras por colonia");
    const second = await propose("Obras con fotos de avance");
    const draft = await createCommitmentDraft(t.services.db, m.id, w.process.id, first.number, anonymous, {
      title: "Obra pública abierta", problem: "No se sabe qué obras hay en cada colonia.", statusQuo: "", description: "Publicar las obras por colonia.", howItSolves: "",
      relevance: { transparency: true, accountability: false, participation: false }, leadDepartmentId: null, wholeMunicipality: true, coloniaIds: [],
    }, [second.number]);
    await t.services.db.updateTable("plan_commitments").set({ source_draft_id: draft.id }).where("id", "=", w.commitments.obras).execute();
    await t.services.db.insertInto("plan_commitment_proposals").values([first.id, second.id].map((proposal_id) => ({ municipality_id: m.id, commitment_id: w.commitments.obras, proposal_id }))).execute();
    await hideContent(t.services.db, m.id, w.process.id, anonymous, { proposalId: second.id, commentId: null }, "Datos personales en el texto");

    const page = await anon.get(`${base}/compromisos/1`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`<a href="/cuauhtemoc/participa/${w.process.slug}/propuestas/${first.number}">${first.folio} «Mapa de obras por colonia»</a>`));
    assert.ok(page.body.includes(`<a href="/cuauhtemoc/participa/${w.process.slug}/propuestas/${second.number}">${second.folio}</a>`));
    assert.ok(!page.body.includes("Obras con fotos de avance"));
    assert.ok(!page.body.includes("autora.propuesta"));
    // Without the draft, only how many proposals it came from.
    await t.services.db.updateTable("plan_commitments").set({ source_draft_id: null }).where("id", "=", w.commitments.obras).execute();
    assert.match((await anon.get(`${base}/compromisos/1`)).body, /Propuestas ciudadanas de origen<\/dt><dd>2 propuestas ciudadanas/);
  });

  it("answers 404 for an unpublished plan and leaves it out of the list, the feed and the exports", async () => {
    await t.services.db.updateTable("action_plans").set({ published: false }).where("id", "=", w.plan.id).execute();
    for (const path of [base, `${base}/compromisos/1`, `${base}/feed.atom`, "/cuauhtemoc/planes/no-existe"]) {
      assert.equal((await anon.get(path)).statusCode, 404, path);
    }
    const list = await anon.get("/cuauhtemoc/planes");
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes("Plan de Acción Local 2026–2027"));
    assert.match(list.body, /Aún no hay planes de acción publicados/);
    for (const dataset of ["planes-de-accion", "compromisos", "hitos"]) {
      assert.equal((await anon.get(`/cuauhtemoc/datos/${dataset}.json`)).body.trim(), "[]", dataset);
    }
    // Staff may not reach it through the public pages either.
    const admin = new Browser(app);
    await login(admin, w.emails.admin);
    assert.equal((await admin.get(base)).statusCode, 404);
  });

  it("never lists a Cuauhtémoc plan under León", async () => {
    const list = await anon.get("/leon/planes");
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes("Plan de Acción Local 2026–2027"));
    for (const path of ["/leon/planes/plan-2026", "/leon/planes/plan-2026/compromisos/1", "/leon/planes/plan-2026/feed.atom"]) {
      assert.equal((await anon.get(path)).statusCode, 404, path);
    }
    assert.equal((await anon.get("/leon/datos/compromisos.json")).body.trim(), "[]");
    assert.equal((await anon.get("/nadie/planes")).statusCode, 404);
  });
});
