/**
 * Accessibility and small-screen check in a real browser: axe-core through playwright-core
 * and Debian's Chromium, on the demo data. Runs in CI (.ci/run installs chromium).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import type { FastifyInstance } from "fastify";
import type { TestContext } from "../src/platform/testing.js";
import { startDemoInBrowser, type DemoInBrowser } from "./support/demo-browser.js";
import { anonymous } from "../src/platform/policy.js";
import { findActiveMunicipalityBySlug } from "../src/modules/territory/queries.js";
import { createRequest } from "../src/modules/requests/create.js";
import { ZOCALO } from "../src/modules/requests/test-support.js";
import { readOutbox } from "../src/platform/mail.js";
import { DEMO_PROCESS_SLUG } from "../src/modules/participation/demo.js";
import { loadProcess } from "../src/modules/participation/processes.js";
import { DEMO_VOTE_SLUG } from "../src/modules/prioritisation/demo.js";
import { PLAN_SLUG, SHARED_SLUG } from "../src/modules/plans/demo-content.js";


describe("accessibility (axe-core) and 360 px phones", { timeout: 480_000 }, () => {
  let t: TestContext;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  let demo: DemoInBrowser;
  before(async () => {
    demo = await startDemoInBrowser();
    ({ t, app, browser, base } = demo);
  });
  after(async () => demo?.close());

  async function firstColoniaPath(): Promise<string> {
    const page = await browser.newPage();
    await page.goto(`${base}/cuauhtemoc/colonias`);
    const href = await page.locator('main a[href^="/cuauhtemoc/colonias/"]').first().getAttribute("href");
    await page.close();
    assert.ok(href, "the colonias list links to a colonia page");
    return href!;
  }

  async function check(page: Page, path: string) {
    const res = await page.goto(`${base}${path}`);
    assert.equal(res?.status(), 200, `${path} answers 200`);
    await checkCurrent(page, path);
  }

  /** axe and sideways scroll on the page as it is now (after a form post, say). */
  async function checkCurrent(page: Page, path: string) {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    assert.deepEqual(summary, [], `axe violations on ${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 360 px`);
  }

  it("has no violations on the landing, municipality, colonia and login pages at 360 px", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    const page = await context.newPage();
    const paths = ["/", "/municipios", "/leon", "/cuauhtemoc", "/tlalnepantla", "/cuauhtemoc/colonias", await firstColoniaPath(), "/entrar", "/registro", "/cuauhtemoc/transparencia", "/cuauhtemoc/transparencia/archivo", "/cuauhtemoc/transparencia/archivo?q=inundaci%C3%B3n", "/cuauhtemoc/transparencia/estadisticas", "/cuauhtemoc/transparencia/solicitudes/nueva", "/datos", "/cuauhtemoc/datos", "/leon/calendario"];
    for (const p of paths) await check(page, p);
    await context.close();
  });

  it("has no violations on the staff pages of León's administrator", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page, "admin@leon.demo.cabildo.mx");
    for (const p of ["/leon/admin", "/leon/admin/personal", "/leon/admin/calendario", "/cuenta", "/leon/admin/transparencia/plazos", "/leon/admin/transparencia/obligaciones"]) await check(page, p);
    await context.close();
  });

  async function signIn(page: Page, email: string) {
    await page.goto(`${base}/entrar`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', demo.passwordOf(email));
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
  }

  /** A request in Cuauhtémoc (a bache at the Zócalo) and its colonia's microsite. */
  async function demoRequest(): Promise<{ folio: string; token: string; coloniaPath: string }> {
    const m = await findActiveMunicipalityBySlug(t.services.db, "cuauhtemoc");
    assert.ok(m, "the demo has Cuauhtémoc");
    let created = await createRequest(
      t.services,
      m!,
      { serviceCode: "bache", description: "Bache profundo en el carril derecho, frente a la catedral.", location: ZOCALO, attributes: { tamano: ["2"] }, channel: "web", contact: { email: "a11y@example.org" } },
      anonymous,
    );
    if (created.coloniaId === null) {
      const first = await t.services.db.selectFrom("colonias").select("id").where("municipality_id", "=", m!.id).orderBy("id").executeTakeFirstOrThrow();
      created = await createRequest(t.services, m!, { serviceCode: "alumbrado", description: "Luminaria apagada desde hace una semana.", coloniaId: first.id, channel: "web" }, anonymous);
    }
    const colonia = await t.services.db.selectFrom("colonias").select("slug").where("municipality_id", "=", m!.id).where("id", "=", created.coloniaId!).executeTakeFirstOrThrow();
    return { folio: created.folio, token: created.trackingToken, coloniaPath: `/cuauhtemoc/colonias/${colonia.slug}/solicitudes` };
  }

  it("has no violations on the citizen request pages at 360 px", async () => {
    const { folio, token, coloniaPath } = await demoRequest();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    // The report map's tiles come from the internet: keep the browser on the test server.
    await context.route((url) => url.origin !== base, (route) => route.abort());
    const page = await context.newPage();
    const paths = [
      "/cuauhtemoc/solicitudes",
      "/cuauhtemoc/solicitudes/nueva",
      "/cuauhtemoc/solicitudes/nueva?servicio=bache",
      `/cuauhtemoc/solicitudes/${encodeURIComponent(folio)}`,
      `/cuauhtemoc/solicitudes/seguimiento/${token}`,
      "/cuauhtemoc/solicitudes/resumen",
      coloniaPath,
    ];
    for (const p of paths) await check(page, p);

    // The form sent empty comes back with its Spanish errors (422), then filed: the confirmation page.
    await page.goto(`${base}/cuauhtemoc/solicitudes/nueva?servicio=alumbrado`);
    const [invalid] = await Promise.all([page.waitForNavigation(), page.click('form[action="/cuauhtemoc/solicitudes"] button[type="submit"]')]);
    assert.equal(invalid?.status(), 422);
    await checkCurrent(page, "the citizen form with errors");
    await page.selectOption('select[name="colonia"]', { index: 1 });
    await page.fill('textarea[name="description"]', "La luminaria de la esquina parpadea toda la noche.");
    await Promise.all([page.waitForNavigation(), page.click('form[action="/cuauhtemoc/solicitudes"] button[type="submit"]')]);
    if (await page.locator('input[name="confirmar"]').count()) {
      await checkCurrent(page, "the similar requests step");
      await Promise.all([page.waitForNavigation(), page.click('form:has(input[name="confirmar"]) button[type="submit"]')]);
    }
    assert.match(page.url(), /\/cuauhtemoc\/solicitudes\/recibida\//);
    await checkCurrent(page, "the confirmation page");
    await context.close();
  });

  it("has no violations on the request staff pages of Cuauhtémoc's administrator", async () => {
    const { folio } = await demoRequest();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    const page = await context.newPage();
    await signIn(page, "admin@cuauhtemoc.demo.cabildo.mx");
    const staffPage = `/cuauhtemoc/admin/solicitudes/${folio}`;
    await check(page, "/cuauhtemoc/admin/solicitudes");
    // An internal note and a public update, so the history shows both kinds of rows.
    await page.goto(`${base}${staffPage}`);
    await page.fill(`form[action="${staffPage}/nota"] textarea[name="body"]`, "Revisar con la cuadrilla del turno nocturno.");
    await Promise.all([page.waitForNavigation(), page.click(`form[action="${staffPage}/nota"] button[type="submit"]`)]);
    await page.fill(`form[action="${staffPage}/actualizacion"] textarea[name="publicBody"]`, "La cuadrilla irá esta semana.");
    await Promise.all([page.waitForNavigation(), page.click(`form[action="${staffPage}/actualizacion"] button[type="submit"]`)]);
    await checkCurrent(page, `${staffPage} with a flash and its history`);
    for (const p of [staffPage, "/cuauhtemoc/admin/servicios", "/cuauhtemoc/admin/open311"]) await check(page, p);
    // A refused change re-renders the page with the message next to the field.
    await page.goto(`${base}${staffPage}`);
    await page.fill(`form[action="${staffPage}/fusionar"] input[name="survivor"]`, "NO-EXISTE-1");
    const [refused] = await Promise.all([page.waitForNavigation(), page.click(`form[action="${staffPage}/fusionar"] button[type="submit"]`)]);
    assert.equal(refused?.status(), 422);
    await checkCurrent(page, `${staffPage} with a form error`);
    await context.close();
  });

  /** León's demo action-plan process and the ids of what its components seeded (participation demo and the component modules). */
  async function demoCocreation() {
    const { db } = t.services;
    const leon = await findActiveMunicipalityBySlug(db, "leon");
    assert.ok(leon, "the demo has León");
    const process = await loadProcess(db, leon!.id, DEMO_PROCESS_SLUG);
    assert.ok(process, "the demo has León's action-plan process");
    const m = leon!.id;
    const p = process!.id;
    const proposal = await db.selectFrom("proposals").select("number").where("municipality_id", "=", m).where("process_id", "=", p).where("hidden_at", "is", null).orderBy("number").executeTakeFirstOrThrow();
    const consultation = await db.selectFrom("consultations").select("id").where("municipality_id", "=", m).where("process_id", "=", p).where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
    const roundtable = await db.selectFrom("roundtables").select("id").where("municipality_id", "=", m).where("process_id", "=", p).orderBy("id").executeTakeFirstOrThrow();
    const rtSession = await db.selectFrom("roundtable_sessions").select("id").where("municipality_id", "=", m).where("roundtable_id", "=", roundtable.id).orderBy("id").executeTakeFirst();
    const agreement = await db.selectFrom("roundtable_agreements").select("id").where("municipality_id", "=", m).where("roundtable_id", "=", roundtable.id).orderBy("id").executeTakeFirst();
    const member = await db.selectFrom("roundtable_members").select("id").where("municipality_id", "=", m).where("roundtable_id", "=", roundtable.id).orderBy("id").executeTakeFirst();
    const phase = await db.selectFrom("process_phases").select("id").where("municipality_id", "=", m).where("process_id", "=", p).orderBy("id").executeTakeFirstOrThrow();
    const session = await db.selectFrom("consultation_sessions").select("id").where("municipality_id", "=", m).where("process_id", "=", p).orderBy("id").executeTakeFirst();
    // Prioritisation, when that module is registered: its demo seeds a finished participatory-budget vote.
    const vote = await loadProcess(db, m, DEMO_VOTE_SLUG);
    return { pub: `/leon/participa/${DEMO_PROCESS_SLUG}`, adm: `/leon/admin/participa/${DEMO_PROCESS_SLUG}`, proposal: proposal.number, consultation: consultation.id, roundtable: roundtable.id, rtSession: rtSession?.id, agreement: agreement?.id, member: member?.id, phase: phase.id, session: session?.id, vote: vote ? `/leon/participa/${DEMO_VOTE_SLUG}` : null };
  }

  it("has no violations on León's participation pages at 360 px, identifying by e-mail on the way", async () => {
    const d = await demoCocreation();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    await context.route((url) => url.origin !== base, (route) => route.abort());
    const page = await context.newPage();
    const paths = [
      "/leon/participa", d.pub, `${d.pub}/propuestas`, `${d.pub}/propuestas/${d.proposal}`, `${d.pub}/propuestas/${d.proposal}/reportar`, `${d.pub}/moderacion`,
      `${d.pub}/consultas`, `${d.pub}/consultas/${d.consultation}`, `${d.pub}/consultas/${d.consultation}/resultados`,
      `${d.pub}/mesas`, `${d.pub}/mesas/${d.roundtable}`, `${d.pub}/mesas/acuerdos`,
      ...(d.rtSession ? [`${d.pub}/mesas/${d.roundtable}/sesiones/${d.rtSession}`] : []),
      ...(d.agreement ? [`${d.pub}/mesas/${d.roundtable}/acuerdos/${d.agreement}`] : []),
      ...(d.session ? [`${d.pub}/sesiones/${d.session}`] : []),
      ...(d.vote ? [`${d.pub}/votaciones`, `${d.pub}/presupuesto`, `${d.pub}/comparaciones`, `${d.vote}`, `${d.vote}/votaciones/resultados`, `${d.vote}/presupuesto/resultados`, `${d.vote}/comparaciones/resultados`] : []),
    ];
    for (const p of paths) await check(page, p);

    // Identification by e-mail: the page, a refused address, the "link sent" page, then the link.
    const identify = `${d.pub}/identificate?accion=comment&volver=${encodeURIComponent(`${d.pub}/propuestas/${d.proposal}`)}`;
    await check(page, identify);
    const emailForm = `form[action*="/identificate/correo"]`;
    await page.fill(`${emailForm} input[name="email"]`, "no-es-correo");
    const [refused] = await Promise.all([page.waitForNavigation(), page.click(`${emailForm} button[type="submit"]`)]);
    assert.equal(refused?.status(), 422);
    await checkCurrent(page, "the identification form with an error");
    await page.fill(`${emailForm} input[name="email"]`, "vecina.a11y@correo.test");
    await Promise.all([page.waitForNavigation(), page.click(`${emailForm} button[type="submit"]`)]);
    await checkCurrent(page, "the «link sent» page");
    const mail = readOutbox(t.services.mailer.outboxDir!).find((m) => m.to === "vecina.a11y@correo.test");
    const link = mail?.text.match(/https?:\/\/\S+(\/leon\/participa\/confirmar\/\S+)/)?.[1];
    assert.ok(link, "the confirmation link was e-mailed");
    await page.goto(`${base}${link}`);
    assert.equal(new URL(page.url()).pathname, `${d.pub}/propuestas/${d.proposal}`);
    await checkCurrent(page, "the proposal page for an identified participant");
    await check(page, `${d.pub}/consultas/${d.consultation}`);
    await check(page, identify);
    await context.close();
  });

  it("has no violations on León's participation staff pages and the new-proposal form", async () => {
    const d = await demoCocreation();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    await context.route((url) => url.origin !== base, (route) => route.abort());
    const page = await context.newPage();
    await signIn(page, "admin@leon.demo.cabildo.mx");
    const paths = [
      "/leon/admin/participa", "/leon/admin/participa/nuevo", d.adm, `${d.adm}/editar`, `${d.adm}/etapas/${d.phase}`,
      `${d.adm}/propuestas`, `${d.adm}/propuestas/${d.proposal}`, `${d.adm}/propuestas/moderacion`, `${d.adm}/propuestas/nueva`,
      `${d.adm}/consultas`, `${d.adm}/consultas/${d.consultation}`, `${d.adm}/consultas/${d.consultation}/presencial`, `${d.adm}/sesiones/nueva`,
      ...(d.session ? [`${d.adm}/sesiones/${d.session}`] : []),
      `${d.adm}/mesas`, `${d.adm}/mesas/${d.roundtable}`,
      ...(d.rtSession ? [`${d.adm}/mesas/${d.roundtable}/sesiones/${d.rtSession}`] : []),
      ...(d.agreement ? [`${d.adm}/mesas/${d.roundtable}/acuerdos/${d.agreement}`] : []),
      ...(d.member ? [`${d.adm}/mesas/${d.roundtable}/miembros/${d.member}`] : []),
      ...(d.vote ? [`${d.adm}/priorizacion`, `${d.adm}/priorizacion/votaciones/presencial`, `${d.adm}/priorizacion/presupuesto/presencial`, `${d.adm}/priorizacion/comparaciones/presencial`] : []),
      // The administrator's account meets the "account" level: the citizen's new-proposal form.
      `${d.pub}/propuestas/nueva`,
    ];
    for (const p of paths) await check(page, p);
    // The new-proposal form sent empty comes back with its Spanish errors.
    const form = `main form[action="${d.pub}/propuestas"]`;
    const [invalid] = await Promise.all([page.waitForNavigation(), page.click(`${form} button[type="submit"]`)]);
    assert.equal(invalid?.status(), 422);
    await checkCurrent(page, "the new-proposal form with errors");
    await context.close();
  });

  it("has no violations on León's opinion-map pages (vote, results, report) and their staff page", async () => {
    const conversation = await t.services.db
      .selectFrom("opinion_conversations as c")
      .innerJoin("municipalities as m", "m.id", "c.municipality_id")
      .select("c.id")
      .where("m.slug", "=", "leon")
      .orderBy("c.id")
      .executeTakeFirst();
    assert.ok(conversation, "the demo has a conversation in León");
    const base_ = `/leon/opinion/${conversation.id}`;
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    await context.route((url) => url.origin !== base, (route) => route.abort());
    const page = await context.newPage();
    for (const p of ["/leon/opinion", base_, `${base_}/resultados`, `${base_}/informe`]) await check(page, p);
    // Vote once without JavaScript's help: the next statement's page is checked too.
    await page.goto(`${base}${base_}`);
    const [voted] = await Promise.all([page.waitForNavigation(), page.click('main form[action$="/votos"] button[value="agree"]')]);
    assert.ok((voted?.status() ?? 0) < 400, `the vote was taken (${voted?.status()})`);
    await checkCurrent(page, "the voting page after a vote");
    await signIn(page, "admin@leon.demo.cabildo.mx");
    for (const p of ["/leon/admin/opinion", `/leon/admin/opinion/${conversation.id}`]) await check(page, p);
    await context.close();
  });

  it("has no violations on León's action-plan pages: public, staff, reviewer and observatory member", async () => {
    const db = t.services.db;
    const plan = `/leon/planes/${PLAN_SLUG}`;
    const adm = `/leon/admin/planes/${PLAN_SLUG}`;
    const leon = (await findActiveMunicipalityBySlug(db, "leon"))!;
    const milestone = await db
      .selectFrom("plan_milestones as ms")
      .innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "ms.municipality_id").onRef("c.id", "=", "ms.commitment_id"))
      .select(["ms.id", "c.number"])
      .where("ms.municipality_id", "=", leon.id)
      .orderBy("c.number").orderBy("ms.position")
      .executeTakeFirstOrThrow();
    const checkpoint = await db.selectFrom("plan_checkpoints").select("id").where("municipality_id", "=", leon.id).orderBy("id").executeTakeFirstOrThrow();
    const report = await db.selectFrom("observatory_reports").select("id").where("municipality_id", "=", leon.id).where("published_at", "is not", null).executeTakeFirstOrThrow();
    const observatory = "/leon/observatorios/observatorio-ciudadano-del-bajio";
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    await context.route((url) => url.origin !== base, (route) => route.abort());
    const page = await context.newPage();
    for (const p of ["/leon/planes", plan, `${plan}/compromisos/1`, `${plan}/compromisos/${milestone.number}`, "/leon/observatorios", observatory, `${observatory}/informes/${report.id}`, `/compromisos-intermunicipales/${SHARED_SLUG}`, "/estados/guanajuato/planes"]) await check(page, p);
    // A refused subscription address re-renders the plan page with the message.
    await page.goto(`${base}${plan}`);
    await page.fill('form[action$="/suscripcion"] input[name="email"]', "no-es-correo");
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('form[action$="/suscripcion"] button[type="submit"]')]);
    assert.equal(refused?.status(), 422);
    await checkCurrent(page, "the plan page with a refused subscription");

    await signIn(page, "admin@leon.demo.cabildo.mx");
    const commitment = `${adm}/compromisos/${milestone.number}`;
    for (const p of ["/leon/admin/planes", adm, `${adm}/compromisos/nuevo`, commitment, `${commitment}/hitos`, `${commitment}/hitos/${milestone.id}`, "/leon/admin/planes/mis-hitos", `${adm}/revision`, "/leon/admin/observatorios", "/leon/admin/planes/intermunicipales", `/leon/admin/planes/intermunicipales/${SHARED_SLUG}`]) await check(page, p);
    // The milestone plan with weights that do not add up: the form comes back with the message.
    await page.goto(`${base}${commitment}/hitos`);
    const weight = page.locator('form[action$="/hitos"] input[name^="weight"]').first();
    await weight.fill(String(Number(await weight.inputValue()) + 7));
    const [weights] = await Promise.all([page.waitForNavigation(), page.click('form[action$="/hitos"] button[type="submit"]')]);
    assert.equal(weights?.status(), 422);
    assert.match(await page.locator("main").innerText(), /deben sumar 100/);
    await checkCurrent(page, "the milestone plan with weights that do not add up");
    await context.close();

    const reviewer = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    const rp = await reviewer.newPage();
    await signIn(rp, "revision@leon.demo.cabildo.mx");
    for (const p of [`/leon/revision/planes/${PLAN_SLUG}`, `/leon/revision/planes/${PLAN_SLUG}/momentos/${checkpoint.id}/compromisos/1`]) await check(rp, p);
    await reviewer.close();

    const member = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    const mp = await member.newPage();
    await signIn(mp, "observatorio@leon.demo.cabildo.mx");
    for (const p of [`${observatory}/panel`, `${observatory}/panel/informes/nuevo`]) await check(mp, p);
    await member.close();
  });

  it("has no violations on the channels: offices, procedures, hearings, brigades, assisted filing and the channel dashboard", async () => {
    const db = t.services.db;
    const leon = (await findActiveMunicipalityBySlug(db, "leon"))!;
    const cuauhtemoc = (await findActiveMunicipalityBySlug(db, "cuauhtemoc"))!;
    const held = await db.selectFrom("hearings").select("slug").where("municipality_id", "=", leon.id).where("status", "=", "concluida").orderBy("starts_at", "desc").executeTakeFirstOrThrow();
    const next = await db.selectFrom("hearings").select("slug").where("municipality_id", "=", leon.id).where("status", "=", "programada").orderBy("starts_at").executeTakeFirstOrThrow();
    const office = await db.selectFrom("service_offices").select("slug").where("municipality_id", "=", cuauhtemoc.id).orderBy("id").executeTakeFirstOrThrow();
    const procedure = await db.selectFrom("municipal_procedures").select("slug").where("municipality_id", "=", cuauhtemoc.id).orderBy("id").executeTakeFirstOrThrow();
    const brigade = await db.selectFrom("brigades").select("slug").where("municipality_id", "=", cuauhtemoc.id).orderBy("id").executeTakeFirstOrThrow();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    await context.route((url) => url.origin !== base, (route) => route.abort());
    const page = await context.newPage();
    for (const p of [
      "/cuauhtemoc/oficinas", `/cuauhtemoc/oficinas/${office.slug}`, "/cuauhtemoc/tramites", "/cuauhtemoc/tramites?q=licencias", `/cuauhtemoc/tramites/${procedure.slug}`,
      `/cuauhtemoc/tramites/${procedure.slug}/oficina-cercana?colonia=hipodromo`, "/leon/audiencias", `/leon/audiencias/${held.slug}`, `/leon/audiencias/${next.slug}`,
      `/leon/audiencias/${next.slug}/pantalla`, "/cuauhtemoc/brigadas", `/cuauhtemoc/brigadas/${brigade.slug}`,
    ]) await check(page, p);
    // An online turn for the next hearing, then the attendee's private turn page.
    await page.goto(`${base}/leon/audiencias/${next.slug}`);
    await page.fill('form[action$="/turnos"] [name="topic"]', "Alumbrado en mi calle");
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/turnos"] button[type="submit"]')]);
    assert.match(page.url(), /\/turno\//, "the registration leads to the private turn page");
    await checkCurrent(page, "the attendee's turn page");

    await signIn(page, "admin@cuauhtemoc.demo.cabildo.mx");
    for (const p of ["/cuauhtemoc/admin/solicitudes/nueva", "/cuauhtemoc/admin/canales", "/cuauhtemoc/admin/oficinas", `/cuauhtemoc/admin/oficinas/${office.slug}`, "/cuauhtemoc/admin/tramites", `/cuauhtemoc/admin/tramites/${procedure.slug}`, "/cuauhtemoc/admin/brigadas", `/cuauhtemoc/admin/brigadas/${brigade.slug}`, "/cuauhtemoc/admin/audiencias", "/cuauhtemoc/brigada/"]) await check(page, p);
    // The assisted-filing form sent empty comes back with its messages.
    await page.goto(`${base}/cuauhtemoc/admin/solicitudes/nueva?servicio=alumbrado`);
    await checkCurrent(page, "the assisted-filing form for a service");
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('main form[enctype="multipart/form-data"] button[type="submit"]')]);
    assert.equal(refused?.status(), 422);
    await checkCurrent(page, "the assisted-filing form with errors");
    await context.close();

    const leonStaff = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    const lp = await leonStaff.newPage();
    await signIn(lp, "admin@leon.demo.cabildo.mx");
    for (const p of ["/leon/admin/audiencias", `/leon/admin/audiencias/${held.slug}`, `/leon/admin/audiencias/${next.slug}`]) await check(lp, p);
    await leonStaff.close();
  });

  it("has no violations on a login form showing errors", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${base}/entrar`);
    await page.fill('input[name="email"]', "nadie@example.org");
    await page.fill('input[name="password"]', "incorrecta-123");
    await page.click('main button[type="submit"]');
    await page.waitForLoadState();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    assert.deepEqual(results.violations.map((v) => v.id), []);
    await context.close();
  });
});
