/**
 * Action plans in a real browser (playwright-core + Debian's Chromium) on León's demo, on a
 * 360 px phone (issue 7's done-when): an anonymous visitor reads the progress of the commitment
 * "Servicios digitales por colonia" and of the plan; León's administrator uploads a PDF and a link
 * as evidence of the milestone under way, is refused in Spanish when completing a milestone that
 * has no evidence (nothing changes), and completes the one with evidence; the public commitment
 * page then shows the progress risen by exactly that milestone's weight, the evidence and its
 * download; the observatory's member writes an assessment with markup in its text, which the
 * public does not see while it is a draft and sees, as text, beside the official progress once
 * published. axe-core checks the public plan and commitment pages, the milestone's staff page and
 * the observatory's members' area.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { sql } from "kysely";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import type { TestContext } from "../src/platform/testing.js";
import { findActiveMunicipalityBySlug } from "../src/modules/territory/queries.js";
import { todayIn } from "../src/modules/participation/processes.js";
import { LEON_PLAN, PLAN_SLUG } from "../src/modules/plans/demo-content.js";
import { startDemoInBrowser, type DemoInBrowser } from "./support/demo-browser.js";

const ADMIN = "admin@leon.demo.cabildo.mx";
const OBSERVER = "observatorio@leon.demo.cabildo.mx";
/** The observer account's display name: the member's name is not public, so no public page shows it. */
const OBSERVER_ACCOUNT_NAME = "Observatorio Ciudadano del Bajío (demostración)";
const OBSERVATORY_NAME = "Observatorio Ciudadano del Bajío (ficticio)";
const COMMITMENT_TITLE = "Servicios digitales por colonia";
const PLAN = `/leon/planes/${PLAN_SLUG}`;
/** A minimal but well-formed PDF: the type is read from its first bytes. */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const FILE_TITLE = "Informe de la prueba piloto de reportes en línea";
const LINK_TITLE = "Tablero público de reportes con folio";
const LINK_URL = "https://www.opengovpartnership.org/ogp-local/";
const REPORT_TITLE = "Los reportes en línea ya tienen folio y seguimiento";
const REPORT_BODY =
  "Probamos el reporte en línea en cinco colonias <script>alert('observatorio')</script> y cada reporte recibió folio y seguimiento público. Falta llevar los módulos itinerantes a las colonias periféricas.";

describe("action plans: evidence moves the public progress, an observatory's assessment is published", { timeout: 180_000 }, () => {
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

  /** A phone that never leaves the test server; any dialog a page opens is recorded. */
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

  async function click(page: Page, locator: ReturnType<Page["locator"]>) {
    await Promise.all([page.waitForNavigation(), locator.click()]);
  }

  async function assertAccessible(page: Page, what: string) {
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], `${what} is accessible`);
  }

  async function signIn(page: Page, email: string) {
    await page.goto(`${base}/entrar`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', demo.passwordOf(email));
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    assert.notEqual(new URL(page.url()).pathname, "/entrar", `${email} is signed in`);
  }

  const path = (page: Page) => new URL(page.url()).pathname;
  const text = async (page: Page, selector = "main") => (await page.locator(selector).innerText()).replace(/\s+/g, " ");

  /**
   * The percentage a progress bar shows ("N %" beside it) for its accessible label; the bar's own
   * value must say the same.
   */
  async function shownPercent(page: Page, label: string): Promise<number> {
    const bar = page.locator(`main p.plan-progress:has(progress[aria-label="${label}"])`).first();
    const shown = /^(\d+) %$/.exec((await bar.locator("strong").innerText()).trim());
    assert.ok(shown, `a percentage beside «${label}»`);
    assert.equal(await bar.locator("progress").getAttribute("value"), shown[1], `the bar «${label}» and its figure agree`);
    return Number(shown[1]);
  }

  it("staff evidence raises the public progress; the observatory's published assessment shows beside it", async () => {
    const db = t.services.db;
    const leon = (await findActiveMunicipalityBySlug(db, "leon"))!;
    const plan = await db.selectFrom("action_plans").select(["id", "title"]).where("municipality_id", "=", leon.id).where("slug", "=", PLAN_SLUG).executeTakeFirstOrThrow();
    assert.equal(plan.title, LEON_PLAN.title);
    const commitment = await db.selectFrom("plan_commitments").select(["id", "number"]).where("municipality_id", "=", leon.id).where("plan_id", "=", plan.id).where("title", "=", COMMITMENT_TITLE).executeTakeFirstOrThrow();
    const milestonesOf = (commitmentId: number) =>
      db.selectFrom("plan_milestones").select(["id", "deliverable", "weight", "status"])
        .where("municipality_id", "=", leon.id).where("commitment_id", "=", commitmentId).orderBy("position").orderBy("id").execute();
    /** Progress from the stored rows: completed weight over the weight not cancelled, rounded. */
    const expectedPercent = async (commitmentId: number): Promise<number | null> => {
      const rows = await milestonesOf(commitmentId);
      const counted = rows.filter((m) => m.status !== "cancelado");
      const total = counted.reduce((s, m) => s + m.weight, 0);
      return total === 0 ? null : Math.round((100 * counted.filter((m) => m.status === "completado").reduce((s, m) => s + m.weight, 0)) / total);
    };
    /** The plan's: the mean of its commitments' progress (withdrawn or without milestones left out), rounded. */
    const expectedPlanPercent = async (): Promise<number> => {
      const commitments = await db.selectFrom("plan_commitments").select(["id", "withdrawn_at"]).where("municipality_id", "=", leon.id).where("plan_id", "=", plan.id).execute();
      const percents: number[] = [];
      for (const c of commitments) {
        const p = c.withdrawn_at ? null : await expectedPercent(c.id);
        if (p !== null) percents.push(p);
      }
      return Math.round(percents.reduce((s, p) => s + p, 0) / percents.length);
    };
    const commitmentLabel = `Avance del compromiso ${commitment.number}`;
    const planLabel = `Avance del plan ${plan.title}`;
    const publicCommitment = `${PLAN}/compromisos/${commitment.number}`;

    // ——— 1. An anonymous visitor reads the progress ———
    const visitor = await phone();
    await visitor.page.goto(`${base}/leon/planes`);
    await click(visitor.page, visitor.page.locator("main").getByRole("link", { name: plan.title }));
    assert.equal(path(visitor.page), PLAN);
    const planBefore = await shownPercent(visitor.page, planLabel);
    assert.equal(planBefore, await expectedPlanPercent(), "the plan's progress is the mean of its commitments'");
    await assertAccessible(visitor.page, "the public plan page");
    await click(visitor.page, visitor.page.locator("main").getByRole("link", { name: `Compromiso ${commitment.number}: ${COMMITMENT_TITLE}` }));
    assert.equal(path(visitor.page), publicCommitment);
    assert.match(await text(visitor.page, "main > dl.facts"), /Etapa En curso/i, "the commitment is under way");
    const before = await shownPercent(visitor.page, commitmentLabel);
    assert.equal(before, await expectedPercent(commitment.id));
    const milestonesBefore = await milestonesOf(commitment.id);
    const target = milestonesBefore.find((m) => m.status === "en_curso");
    assert.ok(target, "the commitment has a milestone under way");
    const withoutEvidence = await db
      .selectFrom("plan_milestones as m")
      .select(["m.id", "m.deliverable", "m.status"])
      .where("m.municipality_id", "=", leon.id)
      .where("m.commitment_id", "=", commitment.id)
      .where("m.status", "in", ["pendiente", "en_curso"])
      .where("m.id", "<>", target.id)
      .where((eb) => eb.not(eb.exists(eb.selectFrom("plan_milestone_evidence as e").select("e.id").whereRef("e.municipality_id", "=", "m.municipality_id").whereRef("e.milestone_id", "=", "m.id"))))
      .executeTakeFirstOrThrow();

    // ——— 2. León's administrator adds evidence and completes the milestone ———
    const admin = await db.selectFrom("users").select("id").where("email", "=", ADMIN).executeTakeFirstOrThrow();
    const staff = await phone();
    await signIn(staff.page, ADMIN);
    const staffCommitment = `/leon/admin/planes/${PLAN_SLUG}/compromisos/${commitment.number}`;
    assert.equal((await staff.page.goto(`${base}${staffCommitment}`))?.status(), 200);
    await click(staff.page, staff.page.locator("main").getByRole("link", { name: target.deliverable, exact: true }));
    const milestonePage = `${staffCommitment}/hitos/${target.id}`;
    assert.equal(path(staff.page), milestonePage);
    assert.equal(await staff.page.locator("h1").innerText(), target.deliverable);
    const lastEvent = await db.selectFrom("plan_milestone_events").select((eb) => eb.fn.max("id").as("id")).where("municipality_id", "=", leon.id).executeTakeFirstOrThrow();
    const eventsSince = (milestoneId: number) =>
      db.selectFrom("plan_milestone_events").select(["kind", "from_value", "to_value", "by_user_id"]).where("municipality_id", "=", leon.id).where("milestone_id", "=", milestoneId)
        .where("id", ">", String(lastEvent.id ?? 0)).orderBy("id").execute();
    const evidenceBefore = await db.selectFrom("plan_milestone_evidence").select("id").where("municipality_id", "=", leon.id).where("milestone_id", "=", target.id).execute();

    const fileForm = `form[action="${milestonePage}/evidencias/archivo"]`;
    await staff.page.fill(`${fileForm} input[name="title"]`, FILE_TITLE);
    await staff.page.setInputFiles(`${fileForm} input[type="file"]`, { name: "piloto-reportes.pdf", mimeType: "application/pdf", buffer: PDF });
    await submit(staff.page, fileForm);
    assert.equal(path(staff.page), milestonePage);
    assert.match(await text(staff.page, ".flash-success"), /Se agregó la evidencia/);
    const linkForm = `form[action="${milestonePage}/evidencias/enlace"]`;
    await staff.page.fill(`${linkForm} input[name="title"]`, LINK_TITLE);
    await staff.page.fill(`${linkForm} input[name="url"]`, LINK_URL);
    await submit(staff.page, linkForm);
    assert.equal(path(staff.page), milestonePage);
    const evidenceTable = await text(staff.page, 'section[aria-labelledby="evidencias"] table');
    assert.ok(evidenceTable.includes(FILE_TITLE) && evidenceTable.includes(LINK_TITLE), `the staff page lists both: ${evidenceTable}`);
    const added = await db
      .selectFrom("plan_milestone_evidence")
      .select(["id", "title", "url", "file_type", "file_bytes", "sha256", "added_by"])
      .where("municipality_id", "=", leon.id)
      .where("milestone_id", "=", target.id)
      .where("id", "not in", evidenceBefore.length ? evidenceBefore.map((e) => e.id) : [0])
      .orderBy("id")
      .execute();
    assert.deepEqual(added.map(({ id: _id, ...e }) => e), [
      { title: FILE_TITLE, url: null, file_type: "pdf", file_bytes: PDF.length, sha256: crypto.createHash("sha256").update(PDF).digest("hex"), added_by: admin.id },
      { title: LINK_TITLE, url: LINK_URL, file_type: null, file_bytes: null, sha256: null, added_by: admin.id },
    ]);
    const fileEvidence = added[0]!;

    // Completing a milestone without evidence is refused in Spanish and changes nothing.
    await staff.page.goto(`${base}${staffCommitment}`);
    await click(staff.page, staff.page.locator("main").getByRole("link", { name: withoutEvidence.deliverable, exact: true }));
    const otherPage = `${staffCommitment}/hitos/${withoutEvidence.id}`;
    assert.equal(path(staff.page), otherPage);
    await staff.page.selectOption(`form[action="${otherPage}/estado"] select[name="status"]`, "completado");
    assert.equal(await submit(staff.page, `form[action="${otherPage}/estado"]`), 422);
    assert.match(await text(staff.page), /Para marcar el hito como completado, agregue primero al menos una evidencia/);
    const untouched = await db.selectFrom("plan_milestones").select(["status"]).select(sql<string | null>`completed_on::text`.as("completed_on")).where("municipality_id", "=", leon.id).where("id", "=", withoutEvidence.id).executeTakeFirstOrThrow();
    assert.deepEqual(untouched, { status: withoutEvidence.status, completed_on: null }, "the milestone without evidence is unchanged");
    assert.deepEqual(await eventsSince(withoutEvidence.id), [], "no history for the refused change");
    await assertAccessible(staff.page, "the milestone's staff page with its error");

    // The milestone with the new evidence is completed.
    await staff.page.goto(`${base}${milestonePage}`);
    await assertAccessible(staff.page, "the milestone's staff page");
    await staff.page.selectOption(`form[action="${milestonePage}/estado"] select[name="status"]`, "completado");
    await submit(staff.page, `form[action="${milestonePage}/estado"]`);
    assert.equal(path(staff.page), milestonePage);
    assert.match(await text(staff.page, ".flash-success"), /Se guardó el estado del hito/);
    const completed = await db.selectFrom("plan_milestones").select(["status"]).select(sql<string | null>`completed_on::text`.as("completed_on"))
      .where("municipality_id", "=", leon.id).where("id", "=", target.id).executeTakeFirstOrThrow();
    assert.equal(completed.status, "completado");
    assert.equal(completed.completed_on, todayIn(leon.timeZone), "delivered today in León (the date left blank)");
    assert.deepEqual(await eventsSince(target.id), [
      { kind: "evidencia", from_value: null, to_value: FILE_TITLE, by_user_id: admin.id },
      { kind: "evidencia", from_value: null, to_value: LINK_TITLE, by_user_id: admin.id },
      { kind: "estado", from_value: "en_curso", to_value: "completado", by_user_id: admin.id },
    ]);
    const audited = await db.selectFrom("audit_log").select("action").where("subject_type", "=", "plan_milestone").where("subject_id", "=", String(target.id)).where("actor_user_id", "=", admin.id).orderBy("seq").execute();
    assert.deepEqual(audited.map((a) => a.action), ["plans.evidence.file", "plans.evidence.link", "plans.milestone.status"]);

    // ——— 3. The public commitment page shows the new progress and the evidence ———
    await visitor.page.reload();
    const afterPercent = await shownPercent(visitor.page, commitmentLabel);
    const totalWeight = milestonesBefore.filter((m) => m.status !== "cancelado").reduce((s, m) => s + m.weight, 0);
    assert.equal(afterPercent, await expectedPercent(commitment.id), "the page shows the progress the stored milestones give");
    const completedBefore = milestonesBefore.filter((m) => m.status === "completado").reduce((s, m) => s + m.weight, 0);
    assert.equal(afterPercent, Math.round((100 * (completedBefore + target.weight)) / totalWeight), "the progress rose by exactly the milestone's weight");
    assert.ok(afterPercent > before, `${before} % → ${afterPercent} %`);
    assert.match(await text(visitor.page), new RegExp(`${completedBefore + target.weight} de ${totalWeight} puntos de peso cumplidos`));
    const item = visitor.page.locator(`section[aria-labelledby="hitos"] li:has(h3:text-is("${target.deliverable}"))`);
    const itemText = (await item.innerText()).replace(/\s+/g, " ");
    assert.match(itemText, /Estado: Completado/);
    assert.ok(itemText.includes(`${FILE_TITLE} (PDF)`) && itemText.includes(`${LINK_TITLE} (enlace)`), `the evidence is listed: ${itemText}`);
    const href = await item.getByRole("link", { name: FILE_TITLE }).getAttribute("href");
    assert.equal(href, `${PLAN}/evidencias/${fileEvidence.id}`);
    const download = await visitor.context.request.get(`${base}${href}`);
    assert.equal(download.status(), 200);
    assert.match(download.headers()["content-type"] ?? "", /^application\/pdf/);
    assert.deepEqual(await download.body(), PDF, "the file downloads as uploaded");
    await visitor.page.goto(`${base}${PLAN}`);
    assert.equal(await shownPercent(visitor.page, commitmentLabel), afterPercent, "the plan page's card shows it too");
    const planAfter = await shownPercent(visitor.page, planLabel);
    assert.equal(planAfter, await expectedPlanPercent());
    assert.ok(planAfter > planBefore, `the plan: ${planBefore} % → ${planAfter} %`);

    // ——— 4. The observatory's member writes, saves and publishes an assessment ———
    const observer = await db.selectFrom("users").select("id").where("email", "=", OBSERVER).executeTakeFirstOrThrow();
    const member = await phone();
    await signIn(member.page, OBSERVER);
    await member.page.goto(`${base}/leon/observatorios`);
    await click(member.page, member.page.locator("main").getByRole("link", { name: OBSERVATORY_NAME }).first());
    await click(member.page, member.page.getByRole("link", { name: "Entrar al panel de integrantes" }));
    const observatory = await db.selectFrom("observatories").select(["id", "slug"]).where("municipality_id", "=", leon.id).where("name", "=", OBSERVATORY_NAME).executeTakeFirstOrThrow();
    const panel = `/leon/observatorios/${observatory.slug}/panel`;
    assert.equal(path(member.page), panel);
    await assertAccessible(member.page, "the observatory's members' area");
    await click(member.page, member.page.getByRole("link", { name: "Escribir un informe" }));
    assert.equal(path(member.page), `${panel}/informes/nuevo`);
    const reportForm = `form[action="${panel}/informes"]`;
    await member.page.selectOption(`${reportForm} select[name="kind"]`, "valoracion");
    await member.page.selectOption(`${reportForm} select[name="commitmentId"]`, String(commitment.id));
    await member.page.selectOption(`${reportForm} select[name="verdict"]`, "avanza");
    await member.page.fill(`${reportForm} input[name="title"]`, REPORT_TITLE);
    await member.page.fill(`${reportForm} textarea[name="body"]`, REPORT_BODY);
    await submit(member.page, reportForm);
    assert.match(path(member.page), new RegExp(`^${panel}/informes/\\d+$`), `the draft's page: ${member.page.url()}`);
    assert.match(await text(member.page), /Borrador: solo lo ven las personas integrantes del observatorio/);
    const reportId = Number(path(member.page).split("/").pop());
    const report = () =>
      db.selectFrom("observatory_reports").select(["observatory_id", "kind", "commitment_id", "verdict", "title", "body", "author_user_id", "published_at"]).where("municipality_id", "=", leon.id).where("id", "=", reportId).executeTakeFirstOrThrow();
    const draft = await report();
    assert.deepEqual(draft, {
      observatory_id: observatory.id, kind: "valoracion", commitment_id: commitment.id, verdict: "avanza", title: REPORT_TITLE, body: REPORT_BODY, author_user_id: observer.id, published_at: null,
    });

    await visitor.page.goto(`${base}${publicCommitment}`);
    assert.equal(await visitor.page.locator('section[aria-labelledby="observatorios-dicen"]').count(), 0, "no published assessment of this commitment yet");
    assert.ok(!(await visitor.page.content()).includes(REPORT_TITLE), "the draft is not public");

    await submit(member.page, `form[action="${panel}/informes/${reportId}/publicar"]`);
    assert.equal(path(member.page), `${panel}/informes/${reportId}`);
    assert.match(await text(member.page, ".flash-success"), /Informe publicado/);
    assert.ok((await report()).published_at, "the report is published");

    await visitor.page.reload();
    const section = visitor.page.locator('section[aria-labelledby="observatorios-dicen"]');
    assert.equal(await section.locator("h2").innerText(), "Lo que dicen los observatorios");
    const said = await text(visitor.page, 'section[aria-labelledby="observatorios-dicen"]');
    assert.ok(said.includes(`El avance oficial, calculado con los hitos, es ${afterPercent} %.`), `beside the official progress: ${said}`);
    assert.ok(said.includes(REPORT_TITLE) && said.includes(OBSERVATORY_NAME), said);
    assert.match(said, /Veredicto del observatorio Avanza/);
    assert.ok(said.includes("<script>alert('observatorio')</script>"), "the markup in the body shows as text");
    assert.equal(await visitor.page.locator("main script").count(), 0, "no script element comes from the assessment");
    const html = await visitor.page.content();
    for (const personal of [OBSERVER, OBSERVER_ACCOUNT_NAME, ADMIN]) assert.ok(!html.includes(personal), `${personal} is not on the public commitment page`);
    await assertAccessible(visitor.page, "the public commitment page with the observatory's assessment");
    await click(visitor.page, section.getByRole("link", { name: REPORT_TITLE }));
    assert.equal(path(visitor.page), `/leon/observatorios/${observatory.slug}/informes/${reportId}`);
    assert.ok((await text(visitor.page)).includes(REPORT_BODY), "the public report shows the whole body as text");
    assert.equal(await visitor.page.locator("main script").count(), 0);

    assert.deepEqual(dialogs, [], "no page ran a script from the assessment");
    await Promise.all([visitor.context.close(), staff.context.close(), member.context.close()]);
  });
});
