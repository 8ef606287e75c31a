import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { readOutbox } from "../../platform/mail.js";
import { addDays } from "../../platform/calendar/dates.js";
import { createProcess, todayIn } from "../participation/processes.js";
import { setRules } from "../participation/participation-rules.js";
import { CURPS, guestParticipant, login, seedParticipationWorld, verifiedParticipant, type ParticipationWorld } from "../participation/test-support.js";
import { submitProposal } from "./create.js";
import { setSupportThreshold } from "./settings.js";

const PATH = "/cuauhtemoc/participa/plan-de-accion/propuestas";
const ADMIN = "/cuauhtemoc/admin/participa/plan-de-accion/propuestas";

describe("proposals", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ParticipationWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedParticipationWorld(t.services);
    await setRules(t.services.db, w.cuauhtemoc.id, anonymous, w.process.id, { propose: "guest", support: "guest", comment: "guest", report: "guest" });
  });
  after(async () => t.close());

  async function guestBrowser(email: string): Promise<{ browser: Browser; id: number }> {
    const g = await guestParticipant(t.services, w.cuauhtemoc, email);
    const browser = new Browser(app);
    const [name, value] = g.cookie.split("=");
    browser.cookies.set(name!, value!);
    return { browser, id: g.participant.id };
  }

  async function propose(browser: Browser, title = "Luminarias en el parque de la colonia", extra: Record<string, string> = {}) {
    return browser.post(PATH, { kind: "propuesta", title, body: "Instalar luminarias LED en el parque, que está a oscuras por la noche.", ...extra });
  }

  const rowOf = (number: number) =>
    t.services.db.selectFrom("proposals").selectAll().where("municipality_id", "=", w.cuauhtemoc.id).where("number", "=", number).executeTakeFirstOrThrow();

  it("a one-time participant files a proposal with its folio; the page shows «Participante», never the e-mail", async () => {
    const { browser } = await guestBrowser("vecina.unica@correo.test");
    const res = await propose(browser, "Luminarias <script>alert(1)</script> en el parque");
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${PATH}/1`);
    const page = await browser.get(`${PATH}/1`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /PROP-0001/);
    assert.match(page.body, /Participante/);
    assert.match(page.body, /Luminarias &lt;script>alert\(1\)&lt;\/script> en el parque/);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.doesNotMatch(page.body, /vecina\.unica/);
    const list = await new Browser(app).get(PATH);
    assert.match(list.body, /PROP-0001/);
  });

  it("refuses bad input with Spanish messages and stores nothing", async () => {
    const { browser } = await guestBrowser("vecina@correo.test");
    const res = await browser.post(PATH, { kind: "peticion", title: "x", body: "corto" });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Elija el tipo/);
    assert.match(res.body, /al menos 5 caracteres/);
    const long = await browser.post(PATH, { kind: "idea", title: "Título largo", body: "a".repeat(6001) });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /hasta 6000 caracteres/);
    const outside = await propose(browser, "Fuera del municipio", { lat: "19.35", lon: "-99.162" });
    assert.equal(outside.statusCode, 422);
    assert.match(outside.body, /fuera del municipio/);
    const n = await t.services.db.selectFrom("proposals").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
  });

  it("infers the colonia from the location", async () => {
    const { browser } = await guestBrowser("vecina@correo.test");
    assert.equal((await propose(browser, "Banquetas en el Zócalo", { lat: "19.4326", lon: "-99.1332" })).statusCode, 303);
    const row = await rowOf(1);
    const colonia = await t.services.db.selectFrom("colonias").select("name").where("municipality_id", "=", w.cuauhtemoc.id).where("id", "=", row.colonia_id!).executeTakeFirstOrThrow();
    assert.match(colonia.name, /Centro/);
    assert.equal(row.colonia_source, "polygon");
  });

  it("enforces the level: with `account` required a one-time participant is sent to identify and nothing is stored", async () => {
    await setRules(t.services.db, w.cuauhtemoc.id, anonymous, w.process.id, { propose: "account" });
    const { browser } = await guestBrowser("vecina@correo.test");
    const form = await browser.get(`${PATH}/nueva`);
    assert.equal(form.statusCode, 303);
    assert.match(String(form.headers.location), /\/cuauhtemoc\/participa\/plan-de-accion\/identificate\?accion=propose/);
    const post = await propose(browser);
    assert.equal(post.statusCode, 303);
    assert.match(String(post.headers.location), /identificate\?accion=propose/);
    const anon = await propose(new Browser(app));
    assert.match(String(anon.headers.location), /identificate/);
    assert.equal((await t.services.db.selectFrom("proposals").select("id").execute()).length, 0);
    // A signed-in resident with a verified account may.
    const citizen = new Browser(app);
    await login(citizen, w.team.email);
    assert.equal((await propose(citizen)).statusCode, 303);
  });

  it("refuses proposals with 422 when the current phase does not open them", async () => {
    const today = todayIn(w.cuauhtemoc.timeZone);
    await createProcess(t.services.db, w.cuauhtemoc.id, anonymous, {
      slug: "diagnostico", title: "Diagnóstico participativo", summary: "", description: "", status: "published",
      phases: [{ title: "Diagnóstico", startsOn: addDays(today, -3), endsOn: addDays(today, 3), components: ["consultations"] }],
    });
    const { browser } = await guestBrowser("vecina@correo.test");
    const res = await browser.post("/cuauhtemoc/participa/diagnostico/propuestas", { kind: "idea", title: "Una idea cualquiera", body: "Descripción suficientemente larga." });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Esta etapa del proceso no admite/);
  });

  it("counts one support per participant, allows withdrawing, and at the threshold moves to evaluation and e-mails the team", async () => {
    await setSupportThreshold(t.services.db, w.cuauhtemoc.id, w.process.id, anonymous, "2");
    const author = await guestBrowser("autora@correo.test");
    await propose(author.browser);
    const a = await guestBrowser("a@correo.test");
    const first = await a.browser.post(`${PATH}/1/apoyo`);
    assert.equal(first.statusCode, 303);
    await a.browser.post(`${PATH}/1/apoyo`);
    assert.equal((await rowOf(1)).supports_count, 1);
    assert.equal((await rowOf(1)).status, "publicada");
    await a.browser.post(`${PATH}/1/apoyo/retirar`);
    assert.equal((await rowOf(1)).supports_count, 0);
    await a.browser.post(`${PATH}/1/apoyo`);
    const b = await guestBrowser("b@correo.test");
    await b.browser.post(`${PATH}/1/apoyo`);
    const row = await rowOf(1);
    assert.equal(row.supports_count, 2);
    assert.equal(row.status, "en_evaluacion");
    const events = await t.services.db.selectFrom("proposal_events").select(["kind", "to_status"]).where("proposal_id", "=", row.id).execute();
    assert.ok(events.some((e) => e.kind === "threshold" && e.to_status === "en_evaluacion"));
    const mail = readOutbox(t.services.mailer.outboxDir!).filter((m) => /umbral/.test(m.subject));
    assert.ok(mail.some((m) => m.to === w.team.email));
    assert.ok(mail.some((m) => m.to === w.emails.admin));
    const page = await b.browser.get(`${PATH}/1`);
    assert.match(page.body, /En evaluación/);
    assert.match(page.body, /Retirar mi apoyo/);
  });

  it("official answers need a reason (422 without one) and count as reasoned responses", async () => {
    const { browser } = await guestBrowser("vecina@correo.test");
    await propose(browser);
    await propose(browser, "Segunda propuesta de prueba");
    const staff = new Browser(app);
    await login(staff, w.team.email);
    const bare = await staff.post(`${ADMIN}/1/respuesta`, { status: "no_viable", answer: "" });
    assert.equal(bare.statusCode, 422);
    assert.match(bare.body, /razones/);
    assert.equal((await rowOf(1)).answer, null);
    const ok = await staff.post(`${ADMIN}/1/respuesta`, { status: "aceptada", answer: "Se incluirá en el programa de alumbrado 2026 con presupuesto asignado." });
    assert.equal(ok.statusCode, 303);
    assert.equal((await rowOf(1)).status, "aceptada");
    const pub = await new Browser(app).get(`${PATH}/1`);
    assert.match(pub.body, /programa de alumbrado 2026/);
    const { answeredCounts } = await import("./queries.js");
    assert.deepEqual(await answeredCounts(t.services.db, w.cuauhtemoc.id, w.process.id), { total: 2, answered: 1 });
    const processPage = await new Browser(app).get("/cuauhtemoc/participa/plan-de-accion");
    assert.equal(processPage.statusCode, 200);
    assert.match(processPage.body, /2 aportaciones; 1 con respuesta oficial razonada/);
  });

  it("merging carries the supports to the target without counting a participant twice", async () => {
    const author = await guestBrowser("autora@correo.test");
    await propose(author.browser, "Alumbrado en el parque");
    await propose(author.browser, "Más luz en el parque");
    const a = await guestBrowser("a@correo.test");
    const b = await guestBrowser("b@correo.test");
    const c = await guestBrowser("c@correo.test");
    await a.browser.post(`${PATH}/1/apoyo`);
    await b.browser.post(`${PATH}/1/apoyo`);
    await b.browser.post(`${PATH}/2/apoyo`);
    await c.browser.post(`${PATH}/2/apoyo`);
    const staff = new Browser(app);
    await login(staff, w.team.email);
    const res = await staff.post(`${ADMIN}/1/fusion`, { into: "PROP-0002", note: "Piden lo mismo." });
    assert.equal(res.statusCode, 303);
    const [from, into] = [await rowOf(1), await rowOf(2)];
    assert.equal(from.status, "fusionada");
    assert.equal(from.merged_into_id, into.id);
    assert.equal(into.supports_count, 3);
    const supporters = await t.services.db.selectFrom("proposal_supports").select("participant_id").where("proposal_id", "=", into.id).execute();
    assert.deepEqual(supporters.map((s) => s.participant_id).sort(), [a.id, b.id, c.id].sort());
    const page = await new Browser(app).get(`${PATH}/1`);
    assert.match(page.body, /se fusionó en/);
    assert.match(page.body, /PROP-0002/);
    const audit = await t.services.db.selectFrom("audit_log").select("action").where("action", "=", "proposals.merge").execute();
    assert.equal(audit.length, 1);
    const again = await staff.post(`${ADMIN}/1/fusion`, { into: "PROP-0002" });
    assert.equal(again.statusCode, 422);
  });

  it("nests comments two levels deep, refuses a third, and paginates top-level comments", async () => {
    const { browser } = await guestBrowser("vecina@correo.test");
    await propose(browser);
    const first = await browser.post(`${PATH}/1/comentarios`, { comment: "Comentario raíz" });
    assert.equal(first.statusCode, 303);
    const ids = await t.services.db.selectFrom("proposal_comments").select("id").orderBy("id").execute();
    await browser.post(`${PATH}/1/comentarios`, { responde_a: String(ids[0]!.id), [`respuesta-${ids[0]!.id}`]: "Respuesta de primer nivel" });
    const reply = (await t.services.db.selectFrom("proposal_comments").select(["id", "depth"]).orderBy("id", "desc").executeTakeFirstOrThrow());
    assert.equal(reply.depth, 1);
    await browser.post(`${PATH}/1/comentarios`, { responde_a: String(reply.id), [`respuesta-${reply.id}`]: "Respuesta de segundo nivel" });
    const deep = await t.services.db.selectFrom("proposal_comments").select(["id", "depth"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    assert.equal(deep.depth, 2);
    const third = await browser.post(`${PATH}/1/comentarios`, { responde_a: String(deep.id), [`respuesta-${deep.id}`]: "Tercer nivel" });
    assert.equal(third.statusCode, 422);
    assert.match(third.body, /no admite más niveles/);
    for (let i = 0; i < 21; i++) await browser.post(`${PATH}/1/comentarios`, { comment: `Comentario número ${i}` });
    const page1 = await browser.get(`${PATH}/1`);
    assert.match(page1.body, /Respuesta de segundo nivel/);
    assert.doesNotMatch(page1.body, /Comentario número 20/);
    const page2 = await browser.get(`${PATH}/1?pagina=2`);
    assert.match(page2.body, /Comentario número 20/);
    assert.equal((await rowOf(1)).comments_count, 24);
  });

  it("reports go to the moderation queue; hiding with a reason shows it in place and in the public log, without the reporter", async () => {
    const { browser } = await guestBrowser("autora@correo.test");
    await propose(browser, "Publicidad de mi negocio en el parque");
    const reporter = await guestBrowser("denunciante@correo.test");
    const rep = await reporter.browser.post(`${PATH}/1/reportes`, { reason: "spam", details: "Es publicidad." });
    assert.equal(rep.statusCode, 303);
    const staff = new Browser(app);
    await login(staff, w.team.email);
    const queue = await staff.get(`${ADMIN}/moderacion`);
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /Publicidad o spam/);
    const report = await t.services.db.selectFrom("proposal_reports").select("id").executeTakeFirstOrThrow();
    const noReason = await staff.post(`${ADMIN}/1/ocultar`, { reason: "" });
    assert.equal(noReason.statusCode, 422);
    const hide = await staff.post(`${ADMIN}/moderacion/${report.id}/ocultar`, { [`motivo-${report.id}`]: "Publicidad comercial ajena al proceso" });
    assert.equal(hide.statusCode, 303);
    const page = await new Browser(app).get(`${PATH}/1`);
    assert.match(page.body, /Contenido oculto por moderación: Publicidad comercial ajena al proceso/);
    assert.doesNotMatch(page.body, /Publicidad de mi negocio/);
    const list = await new Browser(app).get(PATH);
    assert.doesNotMatch(list.body, /Publicidad de mi negocio/);
    const log = await new Browser(app).get("/cuauhtemoc/participa/plan-de-accion/moderacion");
    assert.equal(log.statusCode, 200);
    assert.match(log.body, /Publicidad comercial ajena al proceso/);
    assert.match(log.body, /PROP-0001/);
    assert.doesNotMatch(log.body, /denunciante/);
    assert.equal((await t.services.db.selectFrom("proposal_reports").select("status").executeTakeFirstOrThrow()).status, "ocultado");
  });

  it("in-person proposals with a CURP belong to the same participant as the verified person online; the CURP is never shown", async () => {
    const online = await verifiedParticipant(t.services, w.cuauhtemoc, CURPS.ana);
    const staff = new Browser(app);
    await login(staff, w.team.email);
    const res = await staff.post(ADMIN, { kind: "tema", title: "Caminos seguros a la escuela", body: "Recogido en la sesión presencial del mercado.", curp: CURPS.ana });
    assert.equal(res.statusCode, 303);
    const row = await rowOf(1);
    assert.equal(row.channel, "in_person");
    assert.equal(row.author_participant_id, online.participant.id);
    const bad = await staff.post(ADMIN, { kind: "tema", title: "Otro tema presencial", body: "Descripción de la sesión presencial.", curp: "GOMA800101MDFRRN04" });
    assert.equal(bad.statusCode, 422);
    const page = await new Browser(app).get(`${PATH}/1`);
    assert.match(page.body, /presencial/);
    assert.doesNotMatch(page.body, new RegExp(CURPS.ana));
  });

  it("publishes CSV and JSON without authors' e-mails or CURPs", async () => {
    const { browser } = await guestBrowser("correo.secreto@correo.test");
    await propose(browser, "Propuesta, con \"comillas\" y comas");
    const staff = new Browser(app);
    await login(staff, w.team.email);
    await staff.post(ADMIN, { kind: "tema", title: "Tema de la sesión presencial", body: "Recogido en la sesión presencial del mercado.", curp: CURPS.beto });
    const csv = await new Browser(app).get("/cuauhtemoc/datos/propuestas.csv");
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /text\/csv/);
    assert.match(csv.body, /"Propuesta, con ""comillas"" y comas"/);
    assert.match(csv.body, /presencial/);
    const json = await new Browser(app).get("/cuauhtemoc/datos/propuestas.json?proceso=plan-de-accion");
    assert.equal(json.statusCode, 200);
    assert.equal(json.json().total, 2);
    for (const body of [csv.body, json.body]) {
      assert.doesNotMatch(body, /correo\.secreto/);
      assert.doesNotMatch(body, new RegExp(CURPS.beto));
      assert.doesNotMatch(body, /participa@cuauhtemoc/);
    }
    assert.equal((await new Browser(app).get("/cuauhtemoc/datos/propuestas.json?proceso=no-existe")).statusCode, 404);
  });

  it("keeps municipalities apart: another town's URL is 404 and its staff get 403", async () => {
    const { browser } = await guestBrowser("vecina@correo.test");
    await propose(browser);
    assert.equal((await new Browser(app).get("/leon/participa/plan-de-accion/propuestas/1")).statusCode, 404);
    assert.equal((await new Browser(app).get("/leon/participa/plan-de-accion/propuestas")).statusCode, 404);
    const leonStaff = new Browser(app);
    await login(leonStaff, w.emails.leonAdmin);
    assert.equal((await leonStaff.get(`${ADMIN}/1`)).statusCode, 403);
    assert.equal((await leonStaff.post(`${ADMIN}/1/respuesta`, { status: "aceptada", answer: "Respuesta desde otro municipio." })).statusCode, 403);
    assert.equal((await rowOf(1)).answer, null);
  });

  it("submitProposal removes the stored photo when filing fails", async () => {
    const sharp = (await import("sharp")).default;
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#336699" } }).jpeg().toBuffer();
    const g = await guestParticipant(t.services, w.cuauhtemoc, "foto@correo.test");
    const ok = await submitProposal(t.services, w.cuauhtemoc.id, { actor: anonymous, participantId: g.participant.id }, w.process.id, { kind: "idea", title: "Con foto", body: "Una idea con fotografía adjunta.", channel: "online" }, jpeg);
    const row = await rowOf(ok.number);
    assert.ok(row.image_key && (await t.services.storage.get(row.image_key)));
    const img = await new Browser(app).get(`${PATH}/${ok.number}/imagen-min.jpg`);
    assert.equal(img.statusCode, 200);
    await assert.rejects(
      submitProposal(t.services, w.cuauhtemoc.id, { actor: anonymous, participantId: g.participant.id }, w.process.id, { kind: "idea", title: "Con foto", body: "Una idea con fotografía adjunta.", channel: "online", categoryId: 999 }, jpeg),
      /categoría/,
    );
  });
});
