/**
 * The whole life of a citizen request in a real browser (playwright-core + Debian's Chromium), on
 * the demo data: a citizen on a 360 px phone files "Luminaria apagada" through the form, the staff
 * queue (already open) shows the new folio live without reloading, staff attend and close it, the
 * citizen rates it through the private tracking link, and the public folio page shows the score.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import type { FastifyInstance } from "fastify";
import type { TestContext } from "../src/platform/testing.js";
import { startDemoInBrowser, type DemoInBrowser } from "./support/demo-browser.js";

const ADMIN = "admin@cuauhtemoc.demo.cabildo.mx";

describe("a citizen request from the phone to the rating", { timeout: 120_000 }, () => {
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

  /** A context that never leaves the test server (the map tiles are on the internet). */
  async function offlineContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    await context.route((url) => url.origin !== base, (route) => route.abort());
    return context;
  }

  async function submitAndWait(page: Page, form: string) {
    await Promise.all([page.waitForNavigation(), page.locator(form).locator('button[type="submit"]').click()]);
  }

  it("files, shows up live, gets attended and closed, and is rated 5", async () => {
    const password = demo.passwordOf(ADMIN);

    // Staff signs in and leaves the live queue open.
    const staffContext = await offlineContext();
    const staff = await staffContext.newPage();
    await staff.goto(`${base}/entrar`);
    await staff.fill('input[name="email"]', ADMIN);
    await staff.fill('input[name="password"]', password);
    await Promise.all([staff.waitForNavigation(), staff.click('main button[type="submit"]')]);
    const streamOpen = staff.waitForResponse((r) => r.url().includes("/cuauhtemoc/admin/solicitudes/eventos") && r.status() === 200);
    const queueResponse = await staff.goto(`${base}/cuauhtemoc/admin/solicitudes`);
    assert.equal(queueResponse?.status(), 200);
    await streamOpen;
    await staff.evaluate(() => ((window as unknown as { sinRecargar: string }).sinRecargar = "misma página"));
    let staffNavigations = 0;
    staff.on("framenavigated", (frame) => {
      if (frame === staff.mainFrame()) staffNavigations++;
    });

    // The citizen chooses the service and fills the form.
    const citizenContext = await offlineContext();
    const citizen = await citizenContext.newPage();
    await citizen.goto(`${base}/cuauhtemoc/solicitudes/nueva`);
    await Promise.all([citizen.waitForNavigation(), citizen.getByRole("link", { name: "Luminaria apagada" }).click()]);
    assert.match(new URL(citizen.url()).search, /servicio=alumbrado/);
    const option = citizen.locator('select[name="colonia"] option:not([value=""])').first();
    const coloniaSlug = (await option.getAttribute("value"))!;
    const coloniaName = (await option.textContent())!.replace(/\s*\(C\.P\..*$/, "").trim();
    assert.ok(coloniaSlug, "the form lists Cuauhtémoc's colonias");
    await citizen.selectOption('select[name="colonia"]', coloniaSlug);
    const description = "La luminaria frente al número 25 lleva tres noches apagada y la calle queda a oscuras.";
    await citizen.fill('textarea[name="description"]', description);
    await citizen.fill('input[name="email"]', "vecina@example.org");
    await submitAndWait(citizen, 'form[action="/cuauhtemoc/solicitudes"]');
    if (/parecid|alguno/i.test(await citizen.locator("h1").innerText())) {
      // A similar open request nearby: file ours anyway.
      await submitAndWait(citizen, 'form:has(input[name="confirmar"])');
    }
    assert.match(citizen.url(), /\/cuauhtemoc\/solicitudes\/recibida\//);
    const folio = (await citizen.locator(".folio strong").innerText()).trim();
    assert.match(folio, /^[A-Z0-9-]+$/, `a folio on the confirmation page: ${folio}`);
    const trackingHref = await citizen.getByRole("link", { name: "Abrir mi seguimiento privado" }).getAttribute("href");
    assert.ok(trackingHref && trackingHref.startsWith("/cuauhtemoc/solicitudes/seguimiento/"), "the private tracking link is on the confirmation page");

    const stored = await t.services.db.selectFrom("service_requests").selectAll().where("folio", "=", folio).executeTakeFirstOrThrow();
    assert.equal(stored.status, "recibida");
    assert.equal(stored.description, description);
    const contact = await t.services.db.selectFrom("request_contacts").selectAll().where("request_id", "=", stored.id).executeTakeFirstOrThrow();
    assert.equal(contact.email, "vecina@example.org");

    // The queue shows the new folio without a reload.
    const row = staff.locator(`#cola tbody tr[data-folio="${folio}"]`);
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /Luminaria apagada/);
    assert.ok((await row.innerText()).includes(coloniaName), `the row names the colonia ${coloniaName}`);
    assert.equal(await staff.evaluate(() => (window as unknown as { sinRecargar?: string }).sinRecargar), "misma página");
    assert.equal(staffNavigations, 0, "the queue page was not reloaded");
    await staff.locator("#cola-anuncios").filter({ hasText: folio }).waitFor({ timeout: 5_000 });
    assert.match((await row.getAttribute("class")) ?? "", /row-updated/, "the new row is marked as just changed");
    const axe = await new AxeBuilder({ page: staff }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id), [], "the live queue with its new row stays accessible");

    // Staff opens it and moves it to atendida, then cerrada.
    await Promise.all([staff.waitForNavigation(), row.getByRole("link", { name: folio }).click()]);
    assert.equal(new URL(staff.url()).pathname, `/cuauhtemoc/admin/solicitudes/${folio}`);
    for (const status of ["atendida", "cerrada"]) {
      const form = `form[action="/cuauhtemoc/admin/solicitudes/${folio}/estado"]`;
      await staff.selectOption(`${form} select[name="status"]`, status);
      await staff.fill(`${form} textarea[name="reason"]`, status === "atendida" ? "Se cambió la lámpara." : "");
      await submitAndWait(staff, form);
      assert.equal(new URL(staff.url()).pathname, `/cuauhtemoc/admin/solicitudes/${folio}`);
      const now = await t.services.db.selectFrom("service_requests").select("status").where("id", "=", stored.id).executeTakeFirstOrThrow();
      assert.equal(now.status, status);
    }

    // The citizen rates it through the private link.
    await citizen.goto(`${base}${trackingHref}`);
    await citizen.check("#calificacion-5");
    await citizen.fill('textarea[name="comment"]', "Muy rápido, gracias.");
    await submitAndWait(citizen, 'form[action$="/calificar"]');
    await citizen.getByText("Usted calificó la atención con 5 de 5").waitFor();
    const rated = await t.services.db.selectFrom("service_requests").select(["rating", "rating_comment", "rated_at"]).where("id", "=", stored.id).executeTakeFirstOrThrow();
    assert.equal(rated.rating, 5);
    assert.equal(rated.rating_comment, "Muy rápido, gracias.");
    assert.ok(rated.rated_at);

    // Anyone sees the score and the timeline on the public folio page (not the comment, not the e-mail).
    const visitorContext = await offlineContext();
    const visitor = await visitorContext.newPage();
    const publicResponse = await visitor.goto(`${base}/cuauhtemoc/solicitudes/${encodeURIComponent(folio)}`);
    assert.equal(publicResponse?.status(), 200);
    const facts = await visitor.locator("dl.facts").innerText();
    assert.match(facts, /Calificación de la atención\s*5 de 5/);
    assert.match(facts, /Cerrada/i);
    const timeline = await visitor.locator("ol.timeline li").allInnerTexts();
    assert.ok(timeline.length >= 4, `created, atendida, cerrada and the rating on the timeline: ${timeline.join(" | ")}`);
    assert.ok(timeline.some((e) => /calificó la atención: 5 de 5/.test(e)));
    assert.ok(timeline.some((e) => /Atendida/i.test(e)));
    assert.ok(timeline.some((e) => /Cerrada/i.test(e)));
    const html = await visitor.content();
    assert.ok(!html.includes("Muy rápido, gracias."), "the rating comment stays with staff");
    assert.ok(!html.includes("vecina@example.org"), "the e-mail is never public");

    await Promise.all([staffContext.close(), citizenContext.close(), visitorContext.close()]);
  });
});
