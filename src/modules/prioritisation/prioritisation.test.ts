import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { addDays } from "../../platform/calendar/dates.js";
import { createProcess, todayIn, type ProcessView } from "../participation/processes.js";
import { CURPS, guestParticipant, login, seedParticipationWorld, verifiedParticipant, type ParticipationWorld } from "../participation/test-support.js";
import { createItem } from "./items.js";
import { saveSettings } from "./settings.js";

describe("prioritisation", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ParticipationWorld;
  let base: string;
  let items: number[];

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedParticipationWorld(t.services);
    base = `/cuauhtemoc/participa/${w.process.slug}`;
    await saveSettings(t.services.db, w.cuauhtemoc.id, anonymous, w.process.id, { approvalLimit: "2", budgetTotal: "100" });
    // Budget 100: A 60, B 50, C 30, D 10.
    items = [];
    for (const [title, cost] of [["Alumbrado en Centro", 60], ["Parque Hipódromo", 50], ["Bacheo en Doctores", 30], ["Datos abiertos", 10]] as const) {
      items.push((await createItem(t.services.db, w.cuauhtemoc.id, anonymous, w.process.id, { title, cost: String(cost), methods: ["approval", "budget", "pairwise"] })).id);
    }
  });
  after(async () => t.close());

  const count = async (table: "approval_ballots" | "budget_ballots" | "approval_ballot_items" | "budget_ballot_items" | "pairwise_comparisons") =>
    Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);

  async function voter(curp: string): Promise<Browser> {
    const v = await verifiedParticipant(t.services, w.cuauhtemoc, curp);
    const b = new Browser(app);
    const [name, value] = v.cookie.split("=");
    b.cookies.set(name!, value!);
    return b;
  }

  async function staff(): Promise<Browser> {
    const b = new Browser(app);
    await login(b, w.team.email);
    return b;
  }

  it("approval voting: up to the limit, one ballot per participant, changeable while open", async () => {
    const b = await voter(CURPS.ana);
    const page = await b.get(`${base}/votaciones`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /hasta 2/);

    const tooMany = await b.post(`${base}/votaciones`, { item: [String(items[0]), String(items[1]), String(items[2])] });
    assert.equal(tooMany.statusCode, 422);
    assert.match(tooMany.body, /Puede aprobar hasta 2 elementos y eligió 3/);
    assert.equal(await count("approval_ballots"), 0);

    const ok = await b.post(`${base}/votaciones`, { item: [String(items[0]), String(items[1])] });
    assert.equal(ok.statusCode, 303);
    const changed = await b.post(`${base}/votaciones`, { item: [String(items[2])] });
    assert.equal(changed.statusCode, 303);
    assert.equal(await count("approval_ballots"), 1);
    const stored = await t.services.db.selectFrom("approval_ballot_items").select("item_id").execute();
    assert.deepEqual(stored.map((r) => r.item_id), [items[2]]);
    assert.match((await b.get(`${base}/votaciones`)).body, /Ya votaste/);

    const json = await app.inject({ method: "POST", url: `${base}/votaciones`, headers: { cookie: b.cookieHeader, "x-csrf-token": b.csrf, accept: "application/json" }, payload: { items: [items[0], items[3]] } });
    assert.equal(json.statusCode, 200);
    assert.equal(json.json().status, "changed");

    const results = await b.get(`${base}/votaciones/resultados`);
    assert.equal(results.statusCode, 200);
    assert.match(results.body, /<svg[^>]+role="img"/);
    assert.match(results.body, /<caption>Aprobaciones por elemento<\/caption>/);
    assert.match(results.body, /100,0 %|100.0 %/);
  });

  it("identity is required for approval and budget votes by default: redirect to identify, 403 for JSON", async () => {
    const guest = await guestParticipant(t.services, w.cuauhtemoc, "invitada@correo.test");
    const b = new Browser(app);
    const [name, value] = guest.cookie.split("=");
    b.cookies.set(name!, value!);
    const html = await b.post(`${base}/presupuesto`, { item: String(items[3]) });
    assert.equal(html.statusCode, 303);
    assert.match(html.headers.location as string, /\/identificate\?accion=budget_vote/);
    const json = await app.inject({ method: "POST", url: `${base}/votaciones`, headers: { cookie: b.cookieHeader, "x-csrf-token": b.csrf, accept: "application/json" }, payload: { items: [items[0]] } });
    assert.equal(json.statusCode, 403);
    assert.equal(json.json().requiredLevel, "identity");
    assert.equal(await count("approval_ballots") + (await count("budget_ballots")), 0);
    const page = await new Browser(app).get(`${base}/votaciones`);
    assert.match(page.body, /Identifícate para votar/);
    assert.match(page.body, /verificar tu identidad con tu CURP/);
  });

  it("a person counts once: an in-person ballot with the CURP of an online voter is refused", async () => {
    const ana = await voter(CURPS.ana);
    assert.equal((await ana.post(`${base}/votaciones`, { item: String(items[0]) })).statusCode, 303);
    const s = await staff();
    const dup = await s.post(`/cuauhtemoc/admin/participa/${w.process.slug}/priorizacion/votaciones/presencial`, { curp: CURPS.ana.toLowerCase(), item: String(items[1]) });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /ya tiene un voto registrado/);
    const beto = await s.post(`/cuauhtemoc/admin/participa/${w.process.slug}/priorizacion/votaciones/presencial`, { curp: CURPS.beto, item: String(items[1]) });
    assert.equal(beto.statusCode, 303);
    const again = await s.post(`/cuauhtemoc/admin/participa/${w.process.slug}/priorizacion/votaciones/presencial`, { curp: CURPS.beto, item: String(items[2]) });
    assert.equal(again.statusCode, 409);
    const anonymousPaper = await s.post(`/cuauhtemoc/admin/participa/${w.process.slug}/priorizacion/votaciones/presencial`, { curp: "", item: String(items[2]) });
    assert.equal(anonymousPaper.statusCode, 303);
    const bad = await s.post(`/cuauhtemoc/admin/participa/${w.process.slug}/priorizacion/votaciones/presencial`, { curp: "GOMA800101MDFRRN09", item: String(items[2]) });
    assert.equal(bad.statusCode, 422);
    assert.equal(await count("approval_ballots"), 3);
    const rows = await t.services.db.selectFrom("approval_ballots").select(["channel", "entered_by"]).orderBy("cast_at").execute();
    assert.deepEqual(rows.map((r) => r.channel).sort(), ["in_person", "in_person", "online"]);
    const results = await ana.get(`${base}/votaciones/resultados`);
    assert.match(results.body, /<dt>Participantes<\/dt>\s*<dd>3<\/dd>/);
  });

  it("a budget ballot over the budget is refused with its total and excess, and nothing is stored", async () => {
    const b = await voter(CURPS.carla);
    const over = await b.post(`${base}/presupuesto`, { item: [String(items[0]), String(items[1])] });
    assert.equal(over.statusCode, 422);
    assert.match(over.body, /suma \$110 y el presupuesto es de \$100: se excede por \$10/);
    assert.match(over.body, /checked/);
    const json = await app.inject({ method: "POST", url: `${base}/presupuesto`, headers: { cookie: b.cookieHeader, "x-csrf-token": b.csrf, accept: "application/json" }, payload: { items: [items[0], items[1]] } });
    assert.equal(json.statusCode, 422);
    assert.match(json.json().detail, /se excede por \$10/);
    assert.equal(await count("budget_ballots"), 0);
    assert.equal(await count("budget_ballot_items"), 0);
    assert.equal((await b.post(`${base}/presupuesto`, { item: [String(items[0]), String(items[2])] })).statusCode, 303);
    assert.deepEqual((await t.services.db.selectFrom("budget_ballots").select("total_cost").execute()).map((r) => r.total_cost), [90]);
  });

  it("draws the budget line on a hand-computed example: greedy by votes, skipping what does not fit", async () => {
    // Votes: A 3, B 2, C 2, D 1. Order: A, then C before B (tie on votes: the cheaper first), D.
    // A (60) funded → 60; C (30) → 90; B (50) does not fit → skipped; D (10) → 100.
    const s = await staff();
    const paper = (ids: number[]) => s.post(`/cuauhtemoc/admin/participa/${w.process.slug}/priorizacion/presupuesto/presencial`, { curp: "", item: ids.map(String) });
    for (const ballot of [[items[0]!], [items[0]!, items[2]!], [items[0]!, items[3]!], [items[1]!, items[2]!], [items[1]!]]) assert.equal((await paper(ballot)).statusCode, 303);
    const page = await new Browser(app).get(`${base}/presupuesto/resultados`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Cómo se traza la línea del presupuesto/);
    assert.match(page.body, /Línea del presupuesto/);
    const csv = (await new Browser(app).get(`/cuauhtemoc/datos/priorizacion.csv?proceso=${w.process.slug}`)).body;
    const budgetRows = csv.split("\r\n").filter((l) => l.includes(",budget,")).map((l) => l.split(","));
    // columns: elemento (4), costo (6), posicion (7), votos (8), financiado (10)
    assert.deepEqual(budgetRows.map((r) => [r[4], r[8], r[10]]), [["Alumbrado en Centro", "3", "si"], ["Bacheo en Doctores", "2", "si"], ["Parque Hipódromo", "2", "no"], ["Datos abiertos", "1", "si"]]);
  });

  it("pairwise: offers an informative pair, takes only that pair, never repeats it next, and scores the items", async () => {
    const guest = await guestParticipant(t.services, w.cuauhtemoc, "compara@correo.test");
    const b = new Browser(app);
    const [name, value] = guest.cookie.split("=");
    b.cookies.set(name!, value!);
    // Earlier comparisons (on paper) between the first three items: the fourth has never been compared.
    const s = await staff();
    for (const [l, r] of [[0, 1], [1, 2], [0, 2]]) {
      assert.equal((await s.post(`/cuauhtemoc/admin/participa/${w.process.slug}/priorizacion/comparaciones/presencial`, { curp: "", left: String(items[l!]), right: String(items[r!]), outcome: "left" })).statusCode, 303);
    }
    const page = await b.get(`${base}/comparaciones`);
    assert.equal(page.statusCode, 200);
    const pair = [...page.body.matchAll(/name="(left|right)" value="(\d+)"/g)].map((m) => Number(m[2]));
    assert.equal(pair.length, 2);
    assert.ok(pair.includes(items[3]!), "the never-compared item is offered");
    // A pair that was not offered is refused.
    const other = items.filter((i) => !pair.includes(i)).slice(0, 2);
    const stale = await app.inject({ method: "POST", url: `${base}/comparaciones`, headers: { cookie: b.cookieHeader, "x-csrf-token": b.csrf, accept: "application/json" }, payload: { left: other[0], right: other[1], outcome: "left" } });
    assert.equal(stale.statusCode, 409);
    assert.equal((await b.post(`${base}/comparaciones`, { left: String(pair[0]), right: String(pair[1]), outcome: "right" })).statusCode, 303);
    const next = await b.get(`${base}/comparaciones`);
    const nextPair = [...next.body.matchAll(/name="(left|right)" value="(\d+)"/g)].map((m) => Number(m[2]));
    assert.notDeepEqual([...nextPair].sort(), [...pair].sort());
    assert.equal((await b.post(`${base}/comparaciones`, { left: String(nextPair[0]), right: String(nextPair[1]), outcome: "unsure" })).statusCode, 303);
    assert.equal(await count("pairwise_comparisons"), 5);
    const results = await b.get(`${base}/comparaciones/resultados`);
    assert.match(results.body, /Probabilidad de ganar contra un elemento promedio/);
    assert.match(results.body, /<dt>Respuestas «No sé»<\/dt>\s*<dd>1<\/dd>/);
    assert.match(results.body, /<dt>Participantes<\/dt>\s*<dd>4<\/dd>/);
  });

  it("refuses votes when the current phase does not open prioritisation (422) and changes nothing", async () => {
    const today = todayIn(w.cuauhtemoc.timeZone);
    const closed: ProcessView = await createProcess(t.services.db, w.cuauhtemoc.id, anonymous, {
      slug: "diagnostico", title: "Diagnóstico participativo", status: "published",
      phases: [
        { title: "Diagnóstico", startsOn: addDays(today, -5), endsOn: addDays(today, 5), components: ["proposals"] },
        { title: "Priorización", startsOn: addDays(today, 6), endsOn: addDays(today, 20), components: ["approval_voting", "budgeting", "pairwise"] },
      ],
    });
    const item = await createItem(t.services.db, w.cuauhtemoc.id, anonymous, closed.id, { title: "Mercado de San Juan", cost: "10", methods: ["approval", "budget", "pairwise"] });
    const b = await voter(CURPS.ana);
    const res = await b.post(`/cuauhtemoc/participa/diagnostico/votaciones`, { item: String(item.id) });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Esta etapa del proceso no admite votación por aprobación/);
    const json = await app.inject({ method: "POST", url: `/cuauhtemoc/participa/diagnostico/presupuesto`, headers: { cookie: b.cookieHeader, "x-csrf-token": b.csrf, accept: "application/json" }, payload: { items: [item.id] } });
    assert.equal(json.statusCode, 422);
    const page = await b.get(`/cuauhtemoc/participa/diagnostico/comparaciones`);
    assert.match(page.body, /no admite comparación por pares/);
    assert.doesNotMatch(page.body, /name="outcome"/);
    assert.equal(await count("approval_ballots") + (await count("budget_ballots")) + (await count("pairwise_comparisons")), 0);
  });

  it("staff manage items and rules; others get 403; the process page shows the section", async () => {
    const s = await staff();
    const admin = `/cuauhtemoc/admin/participa/${w.process.slug}/priorizacion`;
    assert.equal((await s.get(admin)).statusCode, 200);
    const missingCost = await s.post(`${admin}/elementos`, { title: "Mercado", methods: "budget" });
    assert.equal(missingCost.statusCode, 422);
    assert.match(missingCost.body, /necesita su costo/);
    const script = await s.post(`${admin}/elementos`, { title: "<script>alert(1)</script> Mercado", cost: "1,500", colonia: "Centro", methods: ["approval", "budget"] });
    assert.equal(script.statusCode, 303);
    const page = await new Browser(app).get(`${base}/votaciones`);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script> Mercado/);
    const unknownColonia = await s.post(`${admin}/elementos`, { title: "Otro", colonia: "Colonia Inexistente", methods: "pairwise" });
    assert.equal(unknownColonia.statusCode, 422);
    // Rules can change until there are ballots.
    assert.equal((await s.post(`${admin}/ajustes`, { approvalLimit: "4", budgetTotal: "$1,000" })).statusCode, 303);
    const b = await voter(CURPS.beto);
    assert.equal((await b.post(`${base}/presupuesto`, { item: String(items[0]) })).statusCode, 303);
    const locked = await s.post(`${admin}/ajustes`, { approvalLimit: "4", budgetTotal: "2000" });
    assert.equal(locked.statusCode, 409);
    const costLocked = await s.post(`${admin}/elementos/${items[0]}`, { title: "Alumbrado en Centro", cost: "70", methods: ["approval", "budget", "pairwise"] });
    assert.equal(costLocked.statusCode, 409);
    assert.equal((await s.post(`${admin}/elementos/${items[0]}/eliminar`)).statusCode, 409);
    assert.equal((await s.post(`${admin}/elementos/${items[3]}/eliminar`)).statusCode, 303);

    const observer = new Browser(app);
    await login(observer, w.emails.observer);
    assert.equal((await observer.get(admin)).statusCode, 403);
    const leon = new Browser(app);
    await login(leon, w.emails.leonAdmin);
    assert.equal((await leon.post(`${admin}/elementos`, { title: "Intruso", methods: "pairwise" })).statusCode, 403);
    assert.equal((await new Browser(app).get(admin)).statusCode, 302);

    const processPage = await new Browser(app).get(base);
    assert.match(processPage.body, /Priorización/);
    assert.match(processPage.body, /presupuesto\/resultados/);
  });

  it("publishes results and open data without any personal data", async () => {
    const ana = await voter(CURPS.ana);
    await ana.post(`${base}/votaciones`, { item: String(items[0]) });
    await ana.post(`${base}/presupuesto`, { item: String(items[0]) });
    const s = await staff();
    await s.post(`/cuauhtemoc/admin/participa/${w.process.slug}/priorizacion/presupuesto/presencial`, { curp: CURPS.beto, item: String(items[1]) });
    const pages = [
      `${base}/votaciones/resultados`, `${base}/presupuesto/resultados`, `${base}/comparaciones/resultados`, base,
      "/cuauhtemoc/datos/priorizacion.csv", "/cuauhtemoc/datos/priorizacion.json",
    ];
    const secrets = [CURPS.ana, CURPS.beto, CURPS.ana.toLowerCase(), "correo.test", w.team.email, "identity_hash", "participant_id", "entered_by"];
    for (const url of pages) {
      const res = await new Browser(app).get(url);
      assert.equal(res.statusCode, 200, url);
      for (const secret of secrets) assert.ok(!res.body.includes(secret), `${url} contains ${secret}`);
    }
    const json = (await new Browser(app).get("/cuauhtemoc/datos/priorizacion.json")).json();
    assert.equal(json.procesos[0].slug, w.process.slug);
    assert.ok(json.procesos[0].resultados.some((r: { metodo: string; votos: number }) => r.metodo === "budget" && r.votos === 1));
    assert.equal((await new Browser(app).get("/cuauhtemoc/datos/priorizacion.csv?proceso=<x>")).statusCode, 400);
    // Another municipality's data is not there.
    assert.doesNotMatch((await new Browser(app).get("/leon/datos/priorizacion.csv")).body, /Alumbrado/);
  });
});
