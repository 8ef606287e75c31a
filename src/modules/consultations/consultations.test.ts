import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { addDays } from "../../platform/calendar/dates.js";
import { anonymous } from "../../platform/policy.js";
import { todayIn } from "../participation/processes.js";
import { CURPS, guestParticipant, login, seedParticipationWorld, verifiedParticipant, type ParticipationWorld } from "../participation/test-support.js";
import { checkQuestion } from "./questions.js";
import { addQuestion, createConsultation, publishConsultation } from "./service.js";
import { createSession, EMPTY_SESSION } from "./sessions.js";
import { loadConsultation } from "./queries.js";
import { computeResults } from "./results.js";

const QUESTIONS: Record<string, string>[] = [
  { kind: "single", prompt: "¿Qué problema es más urgente?", options: "Alumbrado\nBaches\nAgua", required: "1" },
  { kind: "ranking", prompt: "Ordene los temas", options: "Seguridad\nServicios\nDatos", required: "1" },
  { kind: "scale", prompt: "¿Qué tan seguro se siente?", scaleMin: "1", scaleMax: "5", required: "1" },
  { kind: "multiple", prompt: "¿Qué datos quiere?", options: "Delitos\nObras\nPresupuesto", maxChoices: "2", required: "1" },
  { kind: "text", prompt: "¿Qué propone?", maxLength: "200", required: "0" },
];

describe("consultations", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ParticipationWorld;
  let consultationId: number;
  let q: number[];
  let sessionId: number;
  let colonias: { id: number; slug: string }[];
  const base = () => `/cuauhtemoc/participa/${w.process.slug}/consultas/${consultationId}`;
  const admin = () => `/cuauhtemoc/admin/participa/${w.process.slug}/consultas/${consultationId}`;

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedParticipationWorld(t.services);
    const today = todayIn(w.cuauhtemoc.timeZone);
    consultationId = await createConsultation(t.services.db, w.process, anonymous, { title: "Prioridades de la colonia", description: "", opensOn: addDays(today, -5), closesOn: addDays(today, 5), resultsLive: true });
    for (const raw of QUESTIONS) {
      const checked = checkQuestion(raw);
      assert.ok(checked.ok);
      await addQuestion(t.services.db, w.cuauhtemoc.id, consultationId, anonymous, checked.question);
    }
    await publishConsultation(t.services.db, w.cuauhtemoc.id, consultationId, anonymous);
    q = (await loadConsultation(t.services.db, w.cuauhtemoc.id, w.process.id, consultationId))!.questions.map((x) => x.id);
    colonias = await t.services.db.selectFrom("colonias").select(["id", "slug"]).where("municipality_id", "=", w.cuauhtemoc.id).orderBy("id").limit(2).execute();
    sessionId = await createSession(t.services.db, w.process, anonymous, { ...EMPTY_SESSION, title: "Sesión en el mercado", place: "Mercado de San Juan", heldOn: today, colonia: colonias[0]!.slug, attendance: { ...EMPTY_SESSION.attendance, ciudadania: "12", gobierno: "2" } });
  });
  after(async () => t.close());

  async function guest(email: string): Promise<Browser> {
    const b = new Browser(app);
    const { cookie } = await guestParticipant(t.services, w.cuauhtemoc, email);
    const [name, value] = cookie.split("=") as [string, string];
    b.cookies.set(name, value);
    return b;
  }

  it("staff build a consultation with forms; dates outside the phase are refused in Spanish", async () => {
    const b = new Browser(app);
    await login(b, w.team.email);
    const list = `/cuauhtemoc/admin/participa/${w.process.slug}/consultas`;
    const bad = await b.post(list, { title: "Fuera de fechas", opensOn: "2001-01-01", closesOn: "2001-02-01" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Las fechas deben quedar dentro de una etapa del proceso que admite consultas/);
    const today = todayIn(w.cuauhtemoc.timeZone);
    const created = await b.post(list, { title: "Movilidad", opensOn: today, closesOn: addDays(today, 3) });
    assert.equal(created.statusCode, 303);
    const path = created.headers.location as string;
    const badQuestion = await b.post(`${path}/preguntas`, { kind: "single", prompt: "¿Cuál?", options: "Sola" });
    assert.equal(badQuestion.statusCode, 422);
    assert.match(badQuestion.body, /Escriba entre 2 y 20 opciones/);
    assert.equal((await b.post(`${path}/publicar`)).statusCode, 422, "nothing to publish without questions");
    assert.equal((await b.post(`${path}/preguntas`, { kind: "scale", prompt: "¿Qué tan fácil es moverse?", scaleMin: "1", scaleMax: "5", required: "1" })).statusCode, 303);
    assert.equal((await b.post(`${path}/preguntas`, { kind: "text", prompt: "¿Qué cambiaría?" })).statusCode, 303);
    const id = Number(path.split("/").at(-1));
    const [first, second] = (await loadConsultation(t.services.db, w.cuauhtemoc.id, w.process.id, id))!.questions;
    assert.equal((await b.post(`${path}/preguntas/${second!.id}/mover`, { direction: "up" })).statusCode, 303);
    const moved = (await loadConsultation(t.services.db, w.cuauhtemoc.id, w.process.id, id))!.questions;
    assert.deepEqual(moved.map((x) => x.id), [second!.id, first!.id]);
    assert.equal((await b.post(`${path}/publicar`)).statusCode, 303);
    const page = await new Browser(app).get(`/cuauhtemoc/participa/${w.process.slug}/consultas/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /¿Qué tan fácil es moverse\?/);
    assert.match(page.body, /las respuestas escritas se publican/);
    const audit = await t.services.db.selectFrom("audit_log").select("action").where("action", "like", "consultation.%").execute();
    assert.ok(audit.some((a) => a.action === "consultation.question.move") && audit.some((a) => a.action === "consultation.publish"));
  });

  it("checks every answer in the form, keeps what was typed, then takes one answer per participant", async () => {
    const anon = new Browser(app);
    const gate = await anon.post(base(), { [`q${q[0]}`]: "0" });
    assert.equal(gate.statusCode, 303);
    assert.match(gate.headers.location as string, /\/identificate\?accion=answer_consultation/);

    const b = await guest("vecina.uno@correo.test");
    const bad = await b.post(base(), { [`q${q[0]}`]: "7", [`q${q[1]}_0`]: "1", [`q${q[1]}_1`]: "1", [`q${q[1]}_2`]: "2", [`q${q[2]}`]: "9", [`q${q[3]}`]: ["0", "1", "2"], [`q${q[4]}`]: "Texto que se conserva" });
    assert.equal(bad.statusCode, 422);
    for (const m of ["Elija una sola de las opciones.", "Cada lugar debe usarse una sola vez", "Elija un valor de 1 a 5.", "Elija como máximo 2 opciones."]) assert.ok(bad.body.includes(m), m);
    assert.match(bad.body, /Texto que se conserva/);
    assert.equal((await t.services.db.selectFrom("consultation_responses").selectAll().execute()).length, 0);

    const form = { [`q${q[0]}`]: "0", [`q${q[1]}_0`]: "1", [`q${q[1]}_1`]: "2", [`q${q[1]}_2`]: "3", [`q${q[2]}`]: "5", [`q${q[3]}`]: ["0", "1"], [`q${q[4]}`]: "<script>alert(1)</script> más luz", colonia: colonias[0]!.slug };
    const ok = await b.post(base(), form);
    assert.equal(ok.statusCode, 303);
    const again = await b.post(base(), form);
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Ya respondiste esta consulta/);
    const rows = await t.services.db.selectFrom("consultation_responses").selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.respondent_number, 1);
    assert.equal(rows[0]!.channel, "online");
    const results = await b.get(`${base()}/resultados`);
    assert.equal(results.statusCode, 200);
    assert.match(results.body, /&lt;script>alert\(1\)&lt;\/script> más luz/, "text answers are shown as text");
    assert.ok(!results.body.includes("<script>alert(1)"));
  });

  it("counts a person once across online and in-person answers (same CURP), and hand-checks results by channel, colonia and Borda", async () => {
    const one = await guest("vecina.uno@correo.test");
    assert.equal((await one.post(base(), { [`q${q[0]}`]: "0", [`q${q[1]}_0`]: "1", [`q${q[1]}_1`]: "2", [`q${q[1]}_2`]: "3", [`q${q[2]}`]: "5", [`q${q[3]}`]: ["0", "1"], [`q${q[4]}`]: "Más luz", colonia: colonias[0]!.slug })).statusCode, 303);
    // The verified person answers online through the JSON API: ranking as the order of options.
    const verified = await verifiedParticipant(t.services, w.cuauhtemoc, CURPS.carla);
    const api = await app.inject({
      method: "POST", url: base(),
      headers: { cookie: `${verified.cookie}; cabildo_csrf=${"x".repeat(32)}`, "x-csrf-token": "x".repeat(32), "content-type": "application/json", accept: "application/json" },
      payload: { answers: { [q[0]!]: 1, [q[1]!]: [1, 0, 2], [q[2]!]: 2, [q[3]!]: [1] }, colonia: colonias[1]!.slug },
    });
    assert.equal(api.statusCode, 201, api.body);
    assert.deepEqual(api.json(), { respondent: 2 });

    const staff = new Browser(app);
    await login(staff, w.team.email);
    const paper = { session: String(sessionId), [`q${q[0]}`]: "0", [`q${q[1]}_0`]: "3", [`q${q[1]}_1`]: "2", [`q${q[1]}_2`]: "1", [`q${q[2]}`]: "4", [`q${q[3]}`]: "2" };
    const twice = await staff.post(`${admin()}/presencial`, { ...paper, curp: CURPS.carla.toLowerCase() });
    assert.equal(twice.statusCode, 409, "the same CURP already answered online");
    assert.match(twice.body, /ya respondió esta consulta/);
    const badCurp = await staff.post(`${admin()}/presencial`, { ...paper, curp: "GOMA800101MDFRRN09" });
    assert.equal(badCurp.statusCode, 422);
    assert.equal((await staff.post(`${admin()}/presencial`, { ...paper, curp: CURPS.beto })).statusCode, 303);
    assert.equal((await staff.post(`${admin()}/presencial`, { ...paper, curp: CURPS.beto })).statusCode, 409, "and a paper answer counts once too");
    const responses = await t.services.db.selectFrom("consultation_responses").selectAll().orderBy("respondent_number").execute();
    assert.deepEqual(responses.map((r) => [r.respondent_number, r.channel, r.session_id]), [[1, "online", null], [2, "online", null], [3, "in_person", sessionId]]);
    assert.equal(responses[2]!.colonia_id, colonias[0]!.id, "the session's colonia when none was declared");

    const c = (await loadConsultation(t.services.db, w.cuauhtemoc.id, w.process.id, consultationId))!;
    const all = await computeResults(t.services.db, w.cuauhtemoc.id, consultationId, c.questions);
    assert.deepEqual(all.respondents, { online: 2, in_person: 1, total: 3 });
    assert.deepEqual(all.questions[0]!.options!.map((o) => [o.label, o.counts]), [
      ["Alumbrado", { online: 1, in_person: 1, total: 2 }], ["Baches", { online: 1, in_person: 0, total: 1 }], ["Agua", { online: 0, in_person: 0, total: 0 }],
    ]);
    // Borda, 3 options → 2, 1, 0 points. Orders: S>Sv>D, Sv>S>D, D>Sv>S → Servicios 4, Seguridad 3, Datos 2.
    assert.deepEqual(all.questions[1]!.borda!.map((b) => [b.label, b.points, b.averagePlace]), [
      ["Servicios", { online: 3, in_person: 1, total: 4 }, 1.67], ["Seguridad", { online: 3, in_person: 0, total: 3 }, 2], ["Datos", { online: 0, in_person: 2, total: 2 }, 2.33],
    ]);
    assert.deepEqual([all.questions[2]!.scale!.mean, all.questions[2]!.scale!.median, all.questions[2]!.scale!.meanByChannel], [3.67, 4, { online: 3.5, in_person: 4 }]);
    assert.deepEqual(all.questions[3]!.options!.map((o) => o.counts.total), [1, 2, 1]);
    const centro = await computeResults(t.services.db, w.cuauhtemoc.id, consultationId, c.questions, { coloniaId: colonias[0]!.id });
    assert.deepEqual(centro.respondents, { online: 1, in_person: 1, total: 2 });
    assert.deepEqual(centro.questions[0]!.options![0]!.counts, { online: 1, in_person: 1, total: 2 });

    const page = await new Browser(app).get(`${base()}/resultados?colonia=${colonias[0]!.slug}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Método de Borda/);
    assert.match(page.body, /<svg[^>]*role="img"/);
    assert.match(page.body, /<th scope="col"[^>]*>Presencial<\/th>/);
    const json = await app.inject({ method: "GET", url: `${base()}/resultados.json` });
    assert.equal(json.json().questions[0].options[0].percent, 66.7);
  });

  it("refuses answers after closing (422) and question changes once answers exist (422)", async () => {
    const b = await guest("vecina.dos@correo.test");
    const form = { [`q${q[0]}`]: "1", [`q${q[1]}_0`]: "1", [`q${q[1]}_1`]: "2", [`q${q[1]}_2`]: "3", [`q${q[2]}`]: "3", [`q${q[3]}`]: "0" };
    assert.equal((await b.post(base(), form)).statusCode, 303);
    const staff = new Browser(app);
    await login(staff, w.team.email);
    const change = await staff.post(`${admin()}/preguntas/${q[0]}`, { kind: "single", prompt: "¿Otra pregunta?", options: "A\nB", required: "1" });
    assert.equal(change.statusCode, 422);
    assert.match(change.body, /sus preguntas no pueden cambiar/);
    assert.equal((await staff.post(`${admin()}/preguntas/${q[0]}/eliminar`)).statusCode, 422);
    assert.equal((await staff.post(`${admin()}/preguntas`, { kind: "text", prompt: "¿Algo más?" })).statusCode, 422);
    const stored = (await loadConsultation(t.services.db, w.cuauhtemoc.id, w.process.id, consultationId))!;
    assert.equal(stored.questions.length, 5);
    assert.equal(stored.questions[0]!.prompt, "¿Qué problema es más urgente?");

    const today = todayIn(w.cuauhtemoc.timeZone);
    await t.services.db.updateTable("consultations").set({ opens_on: addDays(today, -5), closes_on: addDays(today, -1) }).where("id", "=", consultationId).execute();
    const late = await (await guest("vecina.tres@correo.test")).post(base(), form);
    assert.equal(late.statusCode, 422);
    assert.match(late.body, /cerró el/);
    assert.equal((await t.services.db.selectFrom("consultation_responses").selectAll().execute()).length, 1);
  });

  it("publishes results, CSV and JSON without e-mail, CURP or participant ids; another municipality gets 404", async () => {
    const email = "zyx.correo@correo.test";
    const one = await guest(email);
    await one.post(base(), { [`q${q[0]}`]: "2", [`q${q[1]}_0`]: "1", [`q${q[1]}_1`]: "2", [`q${q[1]}_2`]: "3", [`q${q[2]}`]: "1", [`q${q[3]}`]: "1", [`q${q[4]}`]: "Banquetas" });
    const staff = new Browser(app);
    await login(staff, w.team.email);
    await staff.post(`${admin()}/presencial`, { session: String(sessionId), curp: CURPS.ana, [`q${q[0]}`]: "0", [`q${q[1]}_0`]: "1", [`q${q[1]}_1`]: "2", [`q${q[1]}_2`]: "3", [`q${q[2]}`]: "2", [`q${q[3]}`]: "0" });
    const participantIds = (await t.services.db.selectFrom("consultation_responses").select("participant_id").execute()).map((r) => r.participant_id);
    const anon = new Browser(app);
    const csv = await anon.get(`/cuauhtemoc/datos/consultas.csv`);
    assert.equal(csv.statusCode, 200);
    const lines = csv.body.trim().split("\r\n");
    assert.equal(lines.length, 1 + 2 * 5, "one row per respondent and question");
    assert.match(lines[0]!, /encuestado,canal,sesion,colonia,fecha/);
    assert.match(csv.body, /Banquetas/);
    assert.match(csv.body, /presencial,Sesión en el mercado/);
    const json = await anon.get(`/cuauhtemoc/datos/consultas.json`);
    assert.equal(json.json().consultations[0].responses.length, 2);
    for (const res of [csv, json, await anon.get(`${base()}/resultados`), await anon.get(`${base()}/textos/${q[4]}`), await anon.get(`/cuauhtemoc/participa/${w.process.slug}/sesiones/${sessionId}`)]) {
      assert.equal(res.statusCode, 200);
      const body = res.body.toLowerCase();
      assert.ok(!body.includes("zyx.correo"), "no e-mail");
      assert.ok(!body.includes(CURPS.ana.toLowerCase()), "no CURP");
      assert.ok(!/participant/.test(body), "no participant ids");
    }
    assert.ok(participantIds.length === 2);
    const datasets = await app.inject({ method: "GET", url: "/cuauhtemoc/datos" });
    assert.match(datasets.body, /Consultas ciudadanas de Cuauhtémoc/);

    assert.equal((await anon.get(`/leon/participa/${w.process.slug}/consultas/${consultationId}`)).statusCode, 404);
    assert.equal((await anon.get(`/leon/participa/${w.process.slug}/consultas/${consultationId}/resultados`)).statusCode, 404);
    const leonAdmin = new Browser(app);
    await login(leonAdmin, w.emails.leonAdmin);
    assert.equal((await leonAdmin.get(`/leon/admin/participa/${w.process.slug}/consultas/${consultationId}`)).statusCode, 404);
    assert.equal((await leonAdmin.get(`${admin()}`)).statusCode, 403);
  });
});
