/**
 * The co-creation journey in a real browser (playwright-core + Debian's Chromium) on León's demo,
 * on a 360 px phone, clicking and filling like a person: citizen A creates an account through the
 * real sign-up and e-mail verification pages and files a proposal whose title carries markup;
 * citizen B does the same and supports it; León's administrator gives the official answer
 * "aceptada" with its reasons, which the proposal page and the process's "respuestas razonadas"
 * show; then, on a participatory-budget process open today whose items and budget the
 * administrator sets up through the staff pages, citizen B verifies the CURP, a ballot over the
 * budget is refused in Spanish without storing anything, the ballot within budget is stored and
 * the results page counts it.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import type { TestContext } from "../src/platform/testing.js";
import { readOutbox } from "../src/platform/mail.js";
import { addDays } from "../src/platform/calendar/dates.js";
import { findActiveMunicipalityBySlug } from "../src/modules/territory/queries.js";
import { DEMO_PROCESS_SLUG } from "../src/modules/participation/demo.js";
import { loadProcess, todayIn } from "../src/modules/participation/processes.js";
import { CURPS } from "../src/modules/participation/test-support.js";
import { startDemoInBrowser, type DemoInBrowser } from "./support/demo-browser.js";

const ADMIN = "admin@leon.demo.cabildo.mx";
const PROCESS = `/leon/participa/${DEMO_PROCESS_SLUG}`;
const BUDGET_SLUG = "presupuesto-participativo-colonias-2027";
const BUDGET_PROCESS = `/leon/participa/${BUDGET_SLUG}`;
const TITLE = "Sombra y bancas en el parque <script>alert(1)</script> de la colonia";
const ANSWER = "Se acepta: el parque está en el programa de mantenimiento 2026 y la Dirección de Obras incluirá sombra y bancas.";

describe("co-creation from a proposal to a counted budget ballot", { timeout: 180_000 }, () => {
  let t: TestContext;
  let browser: Browser;
  let base: string;
  let demo: DemoInBrowser;
  const dialogs: string[] = [];

  before(async () => {
    demo = await startDemoInBrowser();
    ({ t, browser, base } = demo);
  });
  after(async () => demo?.close());

  /** A phone that never leaves the test server; any alert() a page runs is recorded. */
  async function phone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    await context.route((url) => url.origin !== base, (route) => route.abort());
    const page = await context.newPage();
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    return { context, page };
  }

  /** Press the form's submit button; the status of the page it leads to (after redirects). */
  async function submit(page: Page, form: string): Promise<number | undefined> {
    const [response] = await Promise.all([page.waitForNavigation(), page.locator(form).locator('button[type="submit"]').first().click()]);
    return response?.status();
  }

  async function assertAccessible(page: Page, what: string) {
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], `${what} is accessible`);
  }

  async function click(page: Page, locator: ReturnType<Page["locator"]>) {
    await Promise.all([page.waitForNavigation(), locator.click()]);
  }

  const path = (page: Page) => new URL(page.url()).pathname;

  async function mailTo(email: string, pattern: RegExp): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const mail = readOutbox(t.services.mailer.outboxDir!).find((m) => m.to === email && pattern.test(m.text));
      if (mail) return pattern.exec(mail.text)![0];
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no e-mail to ${email} matching ${pattern}`);
  }

  /**
   * From an identification page that asks for an account: "Entrar o crear una cuenta", the
   * sign-up form, the verification link of the e-mail, and signing in. `?next=` travels through
   * all of it, so the person ends back on the participation page they came from.
   */
  async function signUpFromIdentify(page: Page, name: string, email: string) {
    await click(page, page.getByRole("link", { name: "Entrar o crear una cuenta" }));
    assert.equal(path(page), "/entrar");
    await click(page, page.getByRole("link", { name: "¿No tiene cuenta? Cree una" }));
    assert.equal(path(page), "/registro");
    assert.match(page.url(), /[?&]next=%2Fleon%2Fparticipa/, "the sign-up link keeps where to return");
    const password = `Participa-${name.split(" ")[0]}-2026!`;
    await page.fill('input[name="displayName"]', name);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await page.fill('input[name="confirm"]', password);
    await submit(page, 'form[action^="/registro"]');
    assert.match(await page.locator("main").innerText(), new RegExp(email.replace(/[.]/g, "\\.")), "the sign-up page says where the link went");
    const link = await mailTo(email, /\/verificar\?token=[A-Za-z0-9_-]+(&next=[^\s]+)?/);
    const verified = await page.goto(`${base}${link}`);
    assert.equal(verified?.status(), 200);
    await click(page, page.locator("main").getByRole("link", { name: /Entrar|Iniciar/ }).first());
    assert.equal(path(page), "/entrar");
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    assert.match(path(page), /^\/leon\/participa\//, "signing in returns to the participation page");
    const user = await t.services.db.selectFrom("users").select(["id", "email_verified_at"]).where("email", "=", email).executeTakeFirstOrThrow();
    assert.ok(user.email_verified_at, "the e-mail is verified");
  }

  async function responsesText(page: Page): Promise<string> {
    await page.goto(`${base}${PROCESS}`);
    return (await page.locator("section:has(h2#respuestas)").innerText()).replace(/\s+/g, " ");
  }

  it("proposes, supports, answers, and votes the budget", async () => {
    const leon = (await findActiveMunicipalityBySlug(t.services.db, "leon"))!;
    const processRow = (await loadProcess(t.services.db, leon.id, DEMO_PROCESS_SLUG))!;
    const counts = (text: string) => {
      const m = /(\d+) de (\d+) aportaciones tienen respuesta pública/.exec(text);
      return m ? { answered: Number(m[1]), total: Number(m[2]) } : { answered: 0, total: 0 };
    };

    // ——— Citizen A proposes ———
    const a = await phone();
    const before = counts(await responsesText(a.page));
    await a.page.goto(`${base}${PROCESS}`);
    await click(a.page, a.page.locator('main a[href$="/propuestas/nueva"]').first());
    assert.equal(path(a.page), `${PROCESS}/identificate`, "proposing asks to identify first");
    assert.match(await a.page.locator("main").innerText(), /Para presentar propuestas necesitas una cuenta con correo verificado/);
    await signUpFromIdentify(a.page, "Alma Ejemplo Ruiz", "alma.propone@correo.test");

    await a.page.goto(`${base}${PROCESS}`);
    await click(a.page, a.page.locator('main a[href$="/propuestas/nueva"]').first());
    assert.equal(path(a.page), `${PROCESS}/propuestas/nueva`);
    await a.page.selectOption('select[name="kind"]', "propuesta");
    await a.page.fill('input[name="title"]', TITLE);
    const body = "El parque no tiene sombra ni bancas: proponemos árboles, una pérgola y cinco bancas para las personas mayores.";
    await a.page.fill('textarea[name="body"]', body);
    await submit(a.page, `form[action="${PROCESS}/propuestas"]`);
    assert.match(path(a.page), new RegExp(`^${PROCESS}/propuestas/\\d+$`), `the new proposal's page: ${a.page.url()}`);
    const number = Number(path(a.page).split("/").pop());
    assert.equal(await a.page.locator("h1").innerText(), TITLE, "the markup in the title shows as text");
    assert.equal(await a.page.locator("main script").count(), 0, "no script element comes from the title");
    assert.match(await a.page.locator(".flash-success").innerText(), /PROP-\d+/, "the confirmation names the folio");

    const proposal = await t.services.db.selectFrom("proposals").selectAll().where("municipality_id", "=", leon.id).where("process_id", "=", processRow.id).where("number", "=", number).executeTakeFirstOrThrow();
    assert.equal(proposal.title, TITLE);
    assert.equal(proposal.body, body);
    assert.equal(proposal.kind, "propuesta");
    assert.equal(proposal.channel, "online");
    assert.equal(proposal.status, "publicada");
    const author = await t.services.db.selectFrom("participants as p").innerJoin("users as u", "u.id", "p.user_id").select(["p.kind", "u.email"]).where("p.municipality_id", "=", leon.id).where("p.id", "=", proposal.author_participant_id).executeTakeFirstOrThrow();
    assert.deepEqual(author, { kind: "account", email: "alma.propone@correo.test" });
    const proposalUrl = `${base}${PROCESS}/propuestas/${number}`;

    // ——— Citizen B supports it ———
    const b = await phone();
    await b.page.goto(proposalUrl);
    assert.match(await b.page.locator("main").innerText(), /0 apoyos/);
    await click(b.page, b.page.getByRole("link", { name: "Identifíquese para apoyar" }));
    assert.equal(path(b.page), `${PROCESS}/identificate`);
    await signUpFromIdentify(b.page, "Bruno Muestra Pérez", "bruno.apoya@correo.test");
    await b.page.goto(proposalUrl);
    await click(b.page, b.page.getByRole("button", { name: "Apoyar esta propuesta" }));
    assert.equal(b.page.url(), proposalUrl);
    assert.match(await b.page.locator("main").innerText(), /1 apoyo \(umbral/);
    assert.ok(await b.page.getByRole("button", { name: /Retirar/ }).count(), "B can withdraw the support");
    const supports = await t.services.db
      .selectFrom("proposal_supports as s")
      .innerJoin("participants as p", (j) => j.onRef("p.municipality_id", "=", "s.municipality_id").onRef("p.id", "=", "s.participant_id"))
      .innerJoin("users as u", "u.id", "p.user_id")
      .select("u.email")
      .where("s.municipality_id", "=", leon.id)
      .where("s.proposal_id", "=", proposal.id)
      .execute();
    assert.deepEqual(supports.map((s) => s.email), ["bruno.apoya@correo.test"]);
    const supported = await t.services.db.selectFrom("proposals").select("supports_count").where("municipality_id", "=", leon.id).where("id", "=", proposal.id).executeTakeFirstOrThrow();
    assert.equal(supported.supports_count, 1);

    // ——— León's administrator answers ———
    const staff = await phone();
    await staff.page.goto(`${base}/entrar`);
    await staff.page.fill('input[name="email"]', ADMIN);
    await staff.page.fill('input[name="password"]', demo.passwordOf(ADMIN));
    await Promise.all([staff.page.waitForNavigation(), staff.page.click('main button[type="submit"]')]);
    const staffProposal = `/leon/admin/participa/${DEMO_PROCESS_SLUG}/propuestas/${number}`;
    assert.equal((await staff.page.goto(`${base}${staffProposal}`))?.status(), 200);
    const answerForm = `form[action="${staffProposal}/respuesta"]`;
    // A reason too short is refused in Spanish and changes nothing.
    await staff.page.selectOption(`${answerForm} select[name="status"]`, "aceptada");
    await staff.page.fill(`${answerForm} textarea[name="answer"]`, "Sí.");
    assert.equal(await submit(staff.page, answerForm), 422);
    assert.match(await staff.page.locator("main").innerText(), /la respuesta oficial debe ser razonada/);
    assert.equal((await t.services.db.selectFrom("proposals").select("status").where("municipality_id", "=", leon.id).where("id", "=", proposal.id).executeTakeFirstOrThrow()).status, "publicada");
    await staff.page.selectOption(`${answerForm} select[name="status"]`, "aceptada");
    await staff.page.fill(`${answerForm} textarea[name="answer"]`, ANSWER);
    await submit(staff.page, answerForm);
    assert.equal(path(staff.page), staffProposal);
    const answered = await t.services.db.selectFrom("proposals").select(["status", "answer", "answered_at"]).where("municipality_id", "=", leon.id).where("id", "=", proposal.id).executeTakeFirstOrThrow();
    assert.equal(answered.status, "aceptada");
    assert.equal(answered.answer, ANSWER);
    assert.ok(answered.answered_at);
    const event = await t.services.db.selectFrom("proposal_events").select(["to_status", "body"]).where("municipality_id", "=", leon.id).where("proposal_id", "=", proposal.id).where("kind", "=", "answer").executeTakeFirstOrThrow();
    assert.deepEqual(event, { to_status: "aceptada", body: ANSWER });
    const audit = await t.services.db.selectFrom("audit_log").select("action").where("action", "=", "proposals.answer").where("subject_id", "=", String(proposal.id)).execute();
    assert.equal(audit.length, 1, "the answer is audited");

    const visitor = await phone();
    await visitor.page.goto(proposalUrl);
    // The heading "Respuesta oficial" is followed by the status line and the reasons.
    const answerParts = await visitor.page.locator("xpath=//main//h2[normalize-space()='Respuesta oficial']/following-sibling::*[position() <= 2]").allInnerTexts();
    const answerSection = answerParts.join(" ").replace(/\s+/g, " ");
    assert.ok(answerSection.includes(ANSWER), `the public page shows the reasons: ${answerSection}`);
    assert.match(answerSection, /Aceptada/);
    const publicHtml = await visitor.page.content();
    for (const email of ["alma.propone@correo.test", "bruno.apoya@correo.test", "Alma Ejemplo Ruiz", "Bruno Muestra Pérez"]) {
      assert.ok(!publicHtml.includes(email), `${email} is not on the public proposal page`);
    }
    await assertAccessible(visitor.page, "the answered proposal");
    await visitor.page.goto(`${base}${PROCESS}/propuestas`);
    assert.equal(await visitor.page.locator(`main a[href="${PROCESS}/propuestas/${number}"]`).first().innerText(), TITLE, "the list shows the title as text too");
    const after = counts(await responsesText(visitor.page));
    assert.deepEqual(after, { answered: before.answered + 1, total: before.total + 1 }, "the process counts the new proposal and its reasoned answer");

    // ——— A participatory budget open today, set up by the administrator ———
    // The administrator creates the process, adds its voting phase (today inside it) and publishes it.
    const today = todayIn(leon.timeZone);
    await staff.page.goto(`${base}/leon/admin/participa/nuevo`);
    const newForm = 'form[action="/leon/admin/participa/nuevo"]';
    await staff.page.fill(`${newForm} input[name="title"]`, "Presupuesto participativo por colonias 2027");
    await staff.page.fill(`${newForm} input[name="slug"]`, BUDGET_SLUG);
    await staff.page.fill(`${newForm} textarea[name="summary"]`, "La ciudadanía decide en qué se invierte una parte del presupuesto de obra de 2027.");
    await staff.page.fill(`${newForm} textarea[name="description"]`, "Vota los proyectos que quieres que se realicen, sin pasar del presupuesto.");
    await submit(staff.page, newForm);
    const staffProcess = `/leon/admin/participa/${BUDGET_SLUG}`;
    assert.equal(path(staff.page), staffProcess);
    const phaseForm = `form[action="${staffProcess}/etapas"]`;
    await staff.page.fill(`${phaseForm} input[name="title"]`, "Votación");
    await staff.page.fill(`${phaseForm} input[name="startsOn"]`, addDays(today, -2));
    await staff.page.fill(`${phaseForm} input[name="endsOn"]`, addDays(today, 12));
    await staff.page.fill(`${phaseForm} textarea[name="description"]`, "Votación en línea y en módulos.");
    await staff.page.check(`${phaseForm} input[name="components"][value="budgeting"]`);
    await submit(staff.page, phaseForm);
    assert.equal(path(staff.page), staffProcess);
    await submit(staff.page, `form[action="${staffProcess}/estado"]:has(input[name="status"][value="published"])`);
    assert.equal(path(staff.page), staffProcess);
    const budgetProcess = (await loadProcess(t.services.db, leon.id, BUDGET_SLUG))!;
    assert.equal(budgetProcess.status, "published");
    assert.deepEqual(budgetProcess.phases.map((ph) => [ph.title, ph.startsOn, ph.endsOn, ph.components]), [["Votación", addDays(today, -2), addDays(today, 12), ["budgeting"]]]);

    // Its budget and three projects, through the prioritisation staff page.
    const adminBase = `/leon/admin/participa/${BUDGET_SLUG}/priorizacion`;
    await staff.page.goto(`${base}${adminBase}`);
    await staff.page.fill(`form[action="${adminBase}/ajustes"] input[name="budgetTotal"]`, "10,000,000");
    await submit(staff.page, `form[action="${adminBase}/ajustes"]`);
    const projects = [
      { title: "Pérgola y bancas en el parque de la colonia", cost: "6,000,000" },
      { title: "Banquetas accesibles hacia la clínica", cost: "3,000,000" },
      { title: "Cancha techada en el centro comunitario", cost: "5,000,000" },
    ];
    for (const project of projects) {
      const form = `form[action="${adminBase}/elementos"]`;
      await staff.page.fill(`${form} input[name="title"]`, project.title);
      await staff.page.fill(`${form} textarea[name="description"]`, `Proyecto de demostración: ${project.title.toLowerCase()}.`);
      await staff.page.fill(`${form} input[name="cost"]`, project.cost);
      await submit(staff.page, form);
      assert.equal(path(staff.page), adminBase, `${project.title} is saved`);
    }
    const items = await t.services.db.selectFrom("prioritisation_items").select(["id", "title", "cost"]).where("municipality_id", "=", leon.id).where("process_id", "=", budgetProcess.id).orderBy("id").execute();
    assert.deepEqual(items.map((i) => [i.title, Number(i.cost)]), projects.map((p) => [p.title, Number(p.cost.replace(/,/g, ""))]));
    const [parque, banquetas, cancha] = items as [(typeof items)[number], (typeof items)[number], (typeof items)[number]];

    // ——— Citizen B verifies the CURP and votes ———
    const ballotPath = `${BUDGET_PROCESS}/presupuesto`;
    await b.page.goto(`${base}${ballotPath}`);
    assert.match(await b.page.locator("main").innerText(), /necesitas verificar tu identidad con tu CURP/);
    await click(b.page, b.page.getByRole("link", { name: /Identif/ }).first());
    assert.equal(path(b.page), `${BUDGET_PROCESS}/identificate`);
    await b.page.fill('input[name="curp"]', CURPS.beto);
    await submit(b.page, 'form[action*="/identificate/curp"]');
    assert.equal(path(b.page), ballotPath, "back to the ballot once verified");
    assert.match(await b.page.locator("main").innerText(), /Tu identidad quedó verificada/);
    const verified = await t.services.db
      .selectFrom("participants as p")
      .innerJoin("users as u", "u.id", "p.user_id")
      .select(["p.id", "p.identity_hash", "p.identity_verified_at"])
      .where("p.municipality_id", "=", leon.id)
      .where("u.email", "=", "bruno.apoya@correo.test")
      .executeTakeFirstOrThrow();
    assert.ok(verified.identity_hash && verified.identity_verified_at);
    assert.ok(!verified.identity_hash.includes(CURPS.beto), "only a hash of the CURP is stored");

    // Over the budget: 6 + 5 = 11 millions of 10.
    await b.page.check(`#item-${parque.id}`);
    await b.page.check(`#item-${cancha.id}`);
    assert.equal(await submit(b.page, `form[action="${ballotPath}"]`), 422);
    assert.match(await b.page.locator("#error-items").innerText(), /Su selección suma \$11,000,000.* el presupuesto es de \$10,000,000: se excede por \$1,000,000/);
    const ballotsNow = () => t.services.db.selectFrom("budget_ballots").select(["participant_id", "total_cost", "channel"]).where("municipality_id", "=", leon.id).where("process_id", "=", budgetProcess.id).execute();
    const ballotItemsNow = () => t.services.db.selectFrom("budget_ballot_items").select("item_id").where("municipality_id", "=", leon.id).where("process_id", "=", budgetProcess.id).orderBy("item_id").execute();
    assert.deepEqual(await ballotsNow(), [], "nothing is stored for a ballot over the budget");
    assert.deepEqual(await ballotItemsNow(), []);
    assert.ok(await b.page.isChecked(`#item-${parque.id}`), "the choice stays on the page to fix");
    await assertAccessible(b.page, "the ballot with its error message");

    // Within the budget: 6 + 3 = 9 millions.
    await b.page.uncheck(`#item-${cancha.id}`);
    await b.page.check(`#item-${banquetas.id}`);
    await submit(b.page, `form[action="${ballotPath}"]`);
    assert.equal(path(b.page), ballotPath);
    assert.ok(await b.page.locator(".flash-success").count(), "the vote is confirmed");
    const ballots = await ballotsNow();
    assert.equal(ballots.length, 1);
    assert.equal(ballots[0]!.participant_id, verified.id);
    assert.equal(Number(ballots[0]!.total_cost), 9_000_000);
    assert.equal(ballots[0]!.channel, "online");
    assert.deepEqual((await ballotItemsNow()).map((i) => i.item_id), [parque.id, banquetas.id].sort((x, y) => x - y));

    // The results count the valid ballot.
    await visitor.page.goto(`${base}${ballotPath}/resultados`);
    const stats = (await visitor.page.locator("dl.stats").innerText()).replace(/\s+/g, " ");
    assert.match(stats, /Presupuesto \$10,000,000/);
    assert.match(stats, /Asignado a proyectos \$9,000,000/);
    const rows = await visitor.page.locator("table tbody tr").allInnerTexts();
    const row = (title: string) => rows.find((r) => r.includes(title))?.split("\t").map((c) => c.trim()) ?? [];
    assert.equal(row(parque.title)[3], "1", `one vote for the park: ${rows.join(" | ")}`);
    assert.equal(row(banquetas.title)[3], "1");
    assert.equal(row(cancha.title)[3], "0");
    assert.equal(row(parque.title)[5], "Sí");
    assert.equal(row(cancha.title)[5], "No");
    assert.match(stats, /Participantes 1 En línea 1 En persona 0/);

    assert.deepEqual(dialogs, [], "no page ran a script from the proposal's title");
    await Promise.all([a.context.close(), b.context.close(), staff.context.close(), visitor.context.close()]);
  });
});
