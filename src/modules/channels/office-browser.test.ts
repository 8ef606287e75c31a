/**
 * The offices and catalogue pages in a real browser (Debian's Chromium through playwright-core):
 * axe-core finds no violation at 360 px, nothing scrolls sideways, and the scripts do their part —
 * "usar mi ubicación" sends the nearest-office form with the browser's position, a pin on the
 * staff map fills the coordinates.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type Page } from "playwright-core";
import { launchChromium } from "../../platform/test-browser.js";
import type { FastifyInstance } from "fastify";
import { createTestContext, type TestContext, listenOnLoopback } from "../../platform/testing.js";
import { seedDemoOffices } from "./office-demo.js";
import { PASSWORD, seedOfficeWorld, type OfficeWorld } from "./office-test-support.js";


describe("offices and catalogue in a browser", { timeout: 300_000 }, () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: OfficeWorld;
  let browser: Browser;
  let base: string;

  before(async () => {
    // No map tiles from the internet in tests: an address on this server that answers 404.
    t = await createTestContext({ mapTileUrl: "/sin-mosaicos/{z}/{x}/{y}.png" });
    w = await seedOfficeWorld(t.services);
    await seedDemoOffices(t.services, () => {});
    app = await t.app();
    base = await listenOnLoopback(app);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function checkAxe(page: Page, path: string, status = 200) {
    const res = await page.goto(`${base}${path}`);
    assert.equal(res?.status(), status, path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    assert.deepEqual(results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], `axe violations on ${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 360 px`);
    assert.equal(await page.locator("h1").count(), 1, `one h1 on ${path}`);
  }

  async function signIn(page: Page, email: string) {
    await page.goto(`${base}/entrar`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
  }

  it("has no axe violations on the public pages at 360 px, a failed search and a refused nearest-office question included", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    const page = await context.newPage();
    for (const path of [
      "/cuauhtemoc/oficinas", "/cuauhtemoc/oficinas/alcaldia-cuauhtemoc", "/cuauhtemoc/oficinas/unidad-movil-de-atencion", "/cuauhtemoc/tramites", "/cuauhtemoc/tramites?q=liscencia",
      "/cuauhtemoc/tramites/licencia-de-funcionamiento", "/cuauhtemoc/tramites/bacheo/oficina-cercana?colonia=hipodromo", "/cuauhtemoc/tramites/constancia-de-huerfano",
      "/leon/oficinas", "/leon/tramites/registro-de-nacimiento",
    ]) await checkAxe(page, path);
    await checkAxe(page, "/cuauhtemoc/tramites/bacheo/oficina-cercana?colonia=&lat=19.35&lon=-99.162", 422);
    await context.close();
  });

  it("has no axe violations on the staff pages at 360 px, with the form errors shown", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    const page = await context.newPage();
    await signIn(page, w.emails.admin);
    for (const path of ["/cuauhtemoc/admin/oficinas", "/cuauhtemoc/admin/oficinas/alcaldia-cuauhtemoc", "/cuauhtemoc/admin/tramites", "/cuauhtemoc/admin/tramites/bacheo"]) await checkAxe(page, path);
    // A refused edit: the summary and the messages beside the fields are accessible too.
    await page.goto(`${base}/cuauhtemoc/admin/oficinas/modulo-centro`);
    await page.fill("#campo-name", "");
    await page.fill("#campo-closes-1", "08:00");
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Guardar cambios")')]);
    assert.match(await page.locator(".error-summary").innerText(), /Escriba el nombre de la oficina/);
    assert.match(await page.locator("#campo-hours-1").innerText(), /El lunes la hora de cierre \(08:00\) debe ser posterior/);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    assert.deepEqual(results.violations.map((v) => v.id), []);
    await context.close();
  });

  it("«usar mi ubicación» sends the nearest-office form from the browser's position", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, geolocation: { latitude: 19.4352, longitude: -99.1412 }, permissions: ["geolocation"] });
    const page = await context.newPage();
    await page.goto(`${base}/cuauhtemoc/tramites/licencia-de-funcionamiento`);
    const button = page.locator("#usar-mi-ubicacion");
    await button.waitFor({ state: "visible" });
    await page.selectOption('select[name="colonia"]', "hipodromo");
    await Promise.all([page.waitForURL(/oficina-cercana/), button.click()]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("colonia"), "", "the colonia chosen before gives way to the location");
    assert.equal(url.searchParams.get("lat"), "19.435200");
    assert.match(await page.locator("main").innerText(), /La oficina más cercana que ofrece «Licencia de funcionamiento» es Oficina Zócalo a 890 m del punto que indicó/);
    await context.close();
  });

  it("a pin on the staff map fills the office's coordinates", async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    await signIn(page, w.emails.admin);
    await page.goto(`${base}/cuauhtemoc/admin/oficinas/modulo-garibaldi`);
    const map = page.locator("#mapa-ubicacion-oficina");
    await map.waitFor({ state: "visible" });
    assert.equal(Number(await page.inputValue("#campo-lat")), 19.4404, "the stored point is pinned");
    await page.fill("#campo-lat", "");
    await page.fill("#campo-lon", "");
    await map.click({ position: { x: 120, y: 100 } });
    const lat = Number(await page.inputValue("#campo-lat"));
    const lon = Number(await page.inputValue("#campo-lon"));
    assert.ok(Math.abs(lat - 19.44) < 0.1 && Math.abs(lon + 99.14) < 0.1, `${lat}, ${lon}`);
    assert.match(await page.locator("p[aria-live]").first().innerText(), /Ubicación marcada: /);
    await context.close();
  });
});
