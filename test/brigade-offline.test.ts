/**
 * The brigade app in a real browser (playwright-core + Debian's Chromium) on a 360 px phone: a
 * volunteer opens the app once with a connection, the service worker takes the page over, the
 * phone loses the signal, the page still opens (from the service worker) and the volunteer
 * captures three requests — one with a photo, one with the phone's location and a required
 * question, one with the resident's consented phone in a new household. Nothing reaches the
 * server while offline; when the signal returns the records synchronise once, a second sync sends
 * nothing again, and the three folios appear in the staff queue.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Browser, type Page } from "playwright-core";
import { launchChromium } from "../src/platform/test-browser.js";
import { AxeBuilder } from "@axe-core/playwright";
import sharp from "sharp";
import type { FastifyInstance } from "fastify";
import { createTestContext, type TestContext, listenOnLoopback } from "../src/platform/testing.js";
import { serviceByCode } from "../src/modules/requests/catalogue.js";
import { PASSWORD, seedBrigadeWorld, ZOCALO, type BrigadeWorld } from "../src/modules/channels/brigade-test-support.js";

const APP = "/cuauhtemoc/brigada/";
const DESCRIPTIONS = {
  light: "La luminaria de la esquina de Regina y Bolívar no enciende.",
  pothole: "Bache profundo frente al número 8 de la calle Moneda.",
  rubbish: "El camión de la basura no pasa desde el lunes.",
};

describe("brigade app: captured offline, synchronised once when the signal returns", { timeout: 180_000 }, () => {
  let t: TestContext;
  let w: BrigadeWorld;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  before(async () => {
    t = await createTestContext();
    w = await seedBrigadeWorld(t.services);
    app = await t.app();
    base = await listenOnLoopback(app);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const db = () => t.services.db;
  const count = async (table: "brigade_records" | "service_requests") => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const pending = (page: Page) => page.locator("#pendientes > li").count();

  async function signIn(page: Page, email: string) {
    await page.goto(`${base}/entrar`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    assert.notEqual(new URL(page.url()).pathname, "/entrar", `${email} is signed in`);
  }

  async function save(page: Page, expected: number) {
    await page.click('#captura button[type="submit"]');
    await page.waitForFunction((n) => document.querySelectorAll("#pendientes > li").length === n, expected);
  }

  async function assertAccessible(page: Page, what: string) {
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], `${what} is accessible`);
  }

  it("keeps three requests on the phone offline and files each once when back online", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX", geolocation: { latitude: ZOCALO.lat, longitude: ZOCALO.lon, accuracy: 15 }, permissions: ["geolocation"] });
    await context.route((url) => url.origin !== base, (route) => route.abort());
    const dialogs: string[] = [];
    const page = await context.newPage();
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, w.volunteers.ana.email);

    // ——— One visit with a connection: the service worker takes the app over ———
    await page.goto(`${base}${APP}`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll("#campo-serviceCode option").length > 1);
    await assertAccessible(page, "the brigade app");

    // ——— No signal: the page still opens, from the service worker ———
    await context.setOffline(true);
    const reloaded = await page.reload();
    assert.ok(reloaded?.fromServiceWorker(), "the page came from the service worker");
    await page.waitForFunction(() => document.querySelectorAll("#campo-serviceCode option").length > 1);
    assert.equal(await page.locator("#campo-brigade option").first().innerText(), w.brigade.name);
    assert.deepEqual(await page.locator("#campo-coloniaId option").allInnerTexts(), ["Elija la colonia", "Centro", "Guerrero", "Hipódromo"]);

    // 1. A street light, with a photo the phone reduces before keeping it.
    await page.selectOption("#campo-coloniaId", String(w.colonias.centro));
    await page.selectOption("#campo-serviceCode", "alumbrado");
    await page.fill("#campo-description", DESCRIPTIONS.light);
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 30, g: 90, b: 160 } } }).png().toBuffer();
    await page.setInputFiles("#campo-photo", { name: "luminaria.png", mimeType: "image/png", buffer: photo });
    await page.waitForFunction(() => (document.getElementById("foto-estado")?.textContent ?? "").startsWith("Foto lista"));
    await save(page, 1);

    // 2. A pothole: the service asks for the location and the size.
    await page.selectOption("#campo-serviceCode", "bache");
    await page.click('#captura button[type="submit"]');
    const refused = (await page.locator("#captura-errores").innerText()).replace(/\s+/g, " ");
    assert.match(refused, /Describa el problema/);
    assert.match(refused, /Responda: ¿De qué tamaño es el bache\?/);
    assert.match(refused, /El servicio «Bache» necesita la ubicación/);
    assert.equal(await pending(page), 1, "a record with mistakes is not kept");
    await page.selectOption("#campo-attr-tamano", "2");
    await page.fill("#campo-description", DESCRIPTIONS.pothole);
    await page.click("#usar-ubicacion");
    await page.waitForFunction(() => (document.getElementById("ubicacion-estado")?.textContent ?? "").startsWith("Ubicación tomada"));
    await save(page, 2);

    // 3. Next house: rubbish, and the resident agrees to be called back.
    await page.click("#nueva-vivienda");
    await page.selectOption("#campo-coloniaId", String(w.colonias.guerrero));
    await page.selectOption("#campo-serviceCode", "basura");
    await page.fill("#campo-description", DESCRIPTIONS.rubbish);
    await page.check("#campo-consent");
    await page.fill("#campo-contact-phone", "55 2233 4455");
    await page.fill("#campo-paperForm", "F-0107");
    await save(page, 3);

    await page.waitForFunction(() => (document.getElementById("brigada-estado")?.textContent ?? "").includes("3 registros pendientes de enviar."));
    assert.equal(await page.locator("#brigada-estado").innerText(), "Sin conexión: los registros se guardan en este teléfono. 3 registros pendientes de enviar.");
    assert.equal(await count("brigade_records"), 0, "nothing reached the server while offline");
    assert.equal(await count("service_requests"), 0);

    // ——— The signal returns: the records synchronise by themselves ———
    // The first answer is lost on the way back (the server stored the batch, the phone never hears
    // it): the phone keeps the records and sends them again; the server answers ya_recibido.
    let lost = 0;
    let answerLost!: () => void;
    const firstAnswerLost = new Promise<void>((resolve) => (answerLost = resolve));
    await context.route(`${base}/cuauhtemoc/brigada/sincronizar`, async (route) => {
      if (lost++ > 0) return route.continue();
      const reached = await route.fetch();
      assert.equal(reached.status(), 200);
      await route.abort("connectionreset");
      answerLost();
    });
    await context.setOffline(false);
    await firstAnswerLost;
    await page.waitForFunction(() => !(document.getElementById("brigada-estado")?.textContent ?? "").includes("Enviando"));
    assert.equal(await count("brigade_records"), 3, "the server stored the batch whose answer was lost");
    assert.equal(await pending(page), 3, "the phone still keeps the three records");
    await page.click("#sincronizar");
    await page.waitForFunction(() => document.querySelectorAll("#pendientes > li").length === 0, undefined, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll("#enviados > li").length === 3);
    assert.equal(await count("brigade_records"), 3);
    const requests = await db().selectFrom("service_requests").select(["id", "folio", "channel", "description", "lat"]).orderBy("id").execute();
    assert.deepEqual(requests.map((r) => [r.channel, r.description]), [["brigade", DESCRIPTIONS.light], ["brigade", DESCRIPTIONS.pothole], ["brigade", DESCRIPTIONS.rubbish]]);
    assert.ok(requests[1]!.lat !== null && Math.abs(requests[1]!.lat - ZOCALO.lat) < 0.001, "the pothole carries the phone's location");
    const photoRow = await db().selectFrom("request_photos").select(["request_id", "width", "height"]).executeTakeFirstOrThrow();
    assert.deepEqual(photoRow, { request_id: requests[0]!.id, width: 1280, height: 960 }, "the photo arrived reduced to 1280 px");
    const contact = await db().selectFrom("request_contacts").select(["request_id", "phone"]).executeTakeFirstOrThrow();
    assert.deepEqual(contact, { request_id: requests[2]!.id, phone: "55 2233 4455" });
    const households = await db().selectFrom("brigade_records").select("household_id").distinct().execute();
    assert.equal(households.length, 2, "two households: the first two records share one");
    const sent = await page.locator("#enviados").innerText();
    for (const r of requests) assert.ok(sent.includes(r.folio), `the phone lists ${r.folio} as sent`);

    assert.equal(lost, 2, "the records were sent twice");
    // A further sync sends nothing again.
    await page.click("#sincronizar");
    await page.waitForFunction(() => (document.getElementById("brigada-estado")?.textContent ?? "").includes("todo está enviado"));
    assert.equal(await count("brigade_records"), 3);
    assert.equal(await count("service_requests"), 3);

    // ——— The staff queue shows the three folios ———
    const staff = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    await staff.route((url) => url.origin !== base, (route) => route.abort());
    const desk = await staff.newPage();
    await signIn(desk, w.emails.admin);
    const queue = await desk.goto(`${base}/cuauhtemoc/admin/solicitudes`);
    assert.equal(queue?.status(), 200);
    const queueText = await desk.locator("main").innerText();
    for (const r of requests) assert.ok(queueText.includes(r.folio), `the staff queue lists ${r.folio}`);

    // The brigade's staff summary and its public page, with the records in them, are accessible too.
    await desk.goto(`${base}/cuauhtemoc/admin/brigadas/${w.brigade.slug}`);
    assert.match(await desk.locator("#seguimiento + p + div table").innerText(), /55 2233 4455/);
    await assertAccessible(desk, "the brigade's staff page");
    await desk.goto(`${base}/cuauhtemoc/admin/brigadas`);
    await assertAccessible(desk, "the list of brigades");
    await desk.goto(`${base}/cuauhtemoc/brigadas/${w.brigade.slug}`);
    assert.match(await desk.locator("main").innerText(), /Viviendas visitadas\s+2/);
    await assertAccessible(desk, "the brigade's public page");

    assert.deepEqual(dialogs, []);
    await Promise.all([context.close(), staff.close()]);
  });

  it("shows a record the server refused beside its field, and sends it once corrected", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "es-MX" });
    await context.route((url) => url.origin !== base, (route) => route.abort());
    const page = await context.newPage();
    await signIn(page, w.volunteers.beto.email);
    await page.goto(`${base}${APP}`);
    await page.waitForFunction(() => document.querySelectorAll("#campo-serviceCode option").length > 1);
    // The town hall withdraws a service after the phone downloaded the catalogue.
    await db().updateTable("request_services").set({ active: false }).where("municipality_id", "=", w.cuauhtemoc.id).where("code", "=", "basura").execute();
    serviceByCode.clear();
    await page.selectOption("#campo-coloniaId", String(w.colonias.hipodromo));
    await page.selectOption("#campo-serviceCode", "basura");
    await page.fill("#campo-description", "Bolsas de basura en el camellón de Amsterdam.");
    await page.click('#captura button[type="submit"]');
    const refused = page.locator("#pendientes > li.brigada-error");
    await refused.waitFor();
    const message = "El servicio «Basura no recolectada» ya no se ofrece; elija otro.";
    assert.ok((await refused.innerText()).includes(message), await refused.innerText());
    assert.match(await page.locator("#brigada-estado").innerText(), /1 registro necesita corrección antes de enviarse\./);
    const mine = () => db().selectFrom("brigade_records").select("client_id").where("member_user_id", "=", w.volunteers.beto.userId).execute();
    assert.equal((await mine()).length, 0);

    await refused.getByRole("button", { name: /^Corregir/ }).click();
    assert.ok((await page.locator('[data-campo="serviceCode"].field-error .error-message').innerText()).includes(message), "the message sits beside the service");
    assert.equal(await page.locator("#campo-description").inputValue(), "Bolsas de basura en el camellón de Amsterdam.", "the record came back into the form");
    await assertAccessible(page, "the app showing a record's errors");
    await page.selectOption("#campo-serviceCode", "poda");
    await page.click('#captura button[type="submit"]');
    await page.waitForFunction(() => document.querySelectorAll("#pendientes > li").length === 0 && document.querySelectorAll("#enviados > li").length === 1);
    const stored = await db()
      .selectFrom("brigade_records as r")
      .innerJoin("service_requests as q", (j) => j.onRef("q.municipality_id", "=", "r.municipality_id").onRef("q.id", "=", "r.request_id"))
      .innerJoin("request_services as s", (j) => j.onRef("s.municipality_id", "=", "q.municipality_id").onRef("s.id", "=", "q.service_id"))
      .select(["s.code", "q.description"])
      .where("r.member_user_id", "=", w.volunteers.beto.userId)
      .execute();
    assert.deepEqual(stored, [{ code: "poda", description: "Bolsas de basura en el camellón de Amsterdam." }]);
    await context.close();
  });
});
