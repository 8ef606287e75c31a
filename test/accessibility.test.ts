/**
 * Accessibility and small-screen check in a real browser: axe-core through playwright-core
 * and Debian's Chromium, on the demo data. Runs in CI (.ci/run installs chromium).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import type { FastifyInstance } from "fastify";
import { createTestContext, type TestContext } from "../src/platform/testing.js";
import { seedDemoIfEmpty } from "../src/demo/seed.js";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

describe("accessibility (axe-core) and 360 px phones", { timeout: 180_000 }, () => {
  let t: TestContext;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let seedLog: string[] = [];

  before(async () => {
    assert.ok(fs.existsSync(CHROMIUM), `Chromium no está instalado en ${CHROMIUM}: apt-get install -y chromium`);
    t = await createTestContext();
    await seedDemoIfEmpty(t.services, (line) => seedLog.push(line));
    app = await t.app();
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

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
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    assert.deepEqual(summary, [], `axe violations on ${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 360 px`);
  }

  it("has no violations on the landing, municipality, colonia and login pages at 360 px", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    const page = await context.newPage();
    const paths = ["/", "/municipios", "/leon", "/cuauhtemoc", "/tlalnepantla", "/cuauhtemoc/colonias", await firstColoniaPath(), "/entrar", "/registro"];
    for (const p of paths) await check(page, p);
    await context.close();
  });

  it("has no violations on the staff pages of León's administrator", async () => {
    const line = seedLog.find((l) => l.includes("admin@leon.demo.cabildo.mx"));
    assert.ok(line, "the seed printed León's administrator");
    const password = line!.trim().split(/\s+/)[1]!;
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${base}/entrar`);
    await page.fill('input[name="email"]', "admin@leon.demo.cabildo.mx");
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    for (const p of ["/leon/admin", "/leon/admin/personal", "/leon/admin/calendario", "/cuenta", "/leon/calendario"]) await check(page, p);
    await context.close();
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
