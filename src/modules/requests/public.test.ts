import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { loadActor } from "../accounts/queries.js";
import { createRequest } from "./create.js";
import { mergeRequests } from "./merge.js";
import { applyStaffChange } from "./workflow.js";
import { seedRequestsWorld, ZOCALO, PARQUE_MEXICO, type RequestsWorld } from "./test-support.js";

// Unique strings that must never reach a public page, feed or export.
const SECRET = {
  name: "Zacarías Quintanilla Ulloa",
  email: "zq.ulloa.7731@correo.test",
  phone: "55 7731 9090",
  address: "Calle Privada Secreta 4242 interior 9",
  note: "NOTA-INTERNA-no-publicar-5517",
};
const PUBLIC_UPDATE = "La cuadrilla de bacheo irá el martes.";

describe("public request pages", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: RequestsWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
  });

  async function file(description: string, location = ZOCALO, serviceCode = "bache", contact = true) {
    return createRequest(
      t.services,
      w.cuauhtemoc,
      {
        serviceCode,
        description,
        address: contact ? SECRET.address : null,
        location,
        attributes: serviceCode === "bache" ? { tamano: "2" } : {},
        contact: contact ? { name: SECRET.name, email: SECRET.email, phone: SECRET.phone } : null,
        channel: "web",
      },
      anonymous,
    );
  }

  async function admin() {
    return (await loadActor(t.services.db, w.users.admin))!;
  }

  function assertNoPersonalData(body: string, where: string) {
    for (const [what, value] of Object.entries(SECRET)) assert.ok(!body.includes(value), `${where} must not contain the ${what}`);
    assert.ok(!body.includes("19.4326"), `${where} must not contain the exact latitude`);
    assert.ok(!body.includes("-99.1332"), `${where} must not contain the exact longitude`);
  }

  it("shows a folio's public facts and public timeline, and nothing personal or internal", async () => {
    const r = await file("Bache profundo frente al kiosco, ya se cayó un ciclista");
    const staff = await admin();
    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "note", body: SECRET.note }, staff);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "update", body: PUBLIC_UPDATE }, staff);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "en_proceso" }, staff);
    const res = await app.inject(`/cuauhtemoc/solicitudes/${r.folio}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`Solicitud ${r.folio}`));
    assert.match(res.body, /Bache profundo frente al kiosco/);
    assert.match(res.body, /En proceso/);
    assert.match(res.body, /Centro/);
    assert.match(res.body, /Fecha compromiso/);
    assert.match(res.body, /Seguir por correo/);
    assert.ok(res.body.includes(PUBLIC_UPDATE), "public updates are in the timeline");
    assertNoPersonalData(res.body, "the folio page");

    // Every other public surface, scanned for the same strings.
    const urls = [
      "/cuauhtemoc/solicitudes",
      "/cuauhtemoc/solicitudes/mapa.geojson",
      "/cuauhtemoc/solicitudes/resumen",
      "/cuauhtemoc/colonias/centro/solicitudes",
      "/cuauhtemoc/solicitudes/feed.rss",
      "/cuauhtemoc/solicitudes/feed.atom",
      "/cuauhtemoc/colonias/centro/solicitudes/feed.rss",
      "/cuauhtemoc/colonias/centro/solicitudes/feed.atom",
      "/cuauhtemoc/datos/solicitudes.csv",
      "/cuauhtemoc/datos/solicitudes.geojson",
    ];
    for (const url of urls) {
      const page = await app.inject(url);
      assert.equal(page.statusCode, 200, url);
      assert.ok(page.body.includes(r.folio), `${url} lists the folio`);
      assertNoPersonalData(page.body, url);
    }
  });

  it("lists requests with filters and rejects malformed ones in Spanish", async () => {
    const a = await file("Bache en el Zócalo");
    const b = await file("Luminaria apagada en el parque", PARQUE_MEXICO, "alumbrado", false);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [b.id], { kind: "status", to: "atendida" }, await admin());
    const open = await app.inject("/cuauhtemoc/solicitudes?estado=abiertas");
    assert.equal(open.statusCode, 200);
    assert.ok(open.body.includes(a.folio) && !open.body.includes(b.folio));
    const closed = await app.inject("/cuauhtemoc/solicitudes?estado=cerradas&servicio=alumbrado");
    assert.ok(closed.body.includes(b.folio) && !closed.body.includes(a.folio));
    const byColonia = await app.inject("/cuauhtemoc/solicitudes?colonia=centro");
    assert.ok(byColonia.body.includes(a.folio) && !byColonia.body.includes(b.folio));
    const future = await app.inject("/cuauhtemoc/solicitudes?desde=2099-01-01");
    assert.ok(!future.body.includes(a.folio));
    const map = JSON.parse((await app.inject("/cuauhtemoc/solicitudes/mapa.geojson?servicio=bache")).body);
    assert.equal(map.features.length, 1);
    assert.deepEqual(map.features[0].geometry.coordinates, [-99.133, 19.433]);
    const bad = await app.inject({ url: "/cuauhtemoc/solicitudes?desde=2026-02-31", headers: { accept: "application/json" } });
    assert.equal(bad.statusCode, 400);
    assert.match(JSON.parse(bad.body).detail, /no es válida/);
    const unknown = await app.inject({ url: "/cuauhtemoc/solicitudes/mapa.geojson?servicio=nada" });
    assert.equal(unknown.statusCode, 400);
    assert.match(JSON.parse(unknown.body).detail, /no existe/);
  });

  it("finds a folio typed in any case and explains an unknown one", async () => {
    const r = await file("Bache en la esquina de la catedral");
    const found = await app.inject(`/cuauhtemoc/solicitudes/buscar?folio=${encodeURIComponent(` ${r.folio.toLowerCase()} `)}`);
    assert.equal(found.statusCode, 303);
    assert.equal(found.headers.location, `/cuauhtemoc/solicitudes/${r.folio}`);
    const missing = await app.inject("/cuauhtemoc/solicitudes/buscar?folio=CUAU-2020-999999");
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /No encontramos el folio CUAU-2020-999999/);
    const junk = await app.inject("/cuauhtemoc/solicitudes/buscar?folio=hola");
    assert.equal(junk.statusCode, 422);
    assert.equal((await app.inject("/cuauhtemoc/solicitudes/CUAU-2020-999999")).statusCode, 404);
  });

  it("leads a merged folio to its survivor", async () => {
    const survivor = await file("Bache grande en 5 de Mayo y Palma");
    const duplicate = await file("Bache grande en 5 de mayo esquina Palma");
    await mergeRequests(t.services, w.cuauhtemoc.id, duplicate.id, survivor.id, await admin());
    const res = await app.inject(`/cuauhtemoc/solicitudes/${duplicate.folio}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`Se unió a ${survivor.folio}`));
    assert.ok(res.body.includes(`href="/cuauhtemoc/solicitudes/${survivor.folio}"`));
    assert.match(res.body, /Duplicada/);
    const other = await app.inject(`/cuauhtemoc/solicitudes/${survivor.folio}`);
    assert.match(other.body, new RegExp(`Se le unió la solicitud ${duplicate.folio}`));
  });

  it("lets the requester rate once through the private link, only when attended", async () => {
    const r = await file("Bache que rompe llantas en Madero");
    const browser = new Browser(app);
    assert.equal((await browser.get("/cuauhtemoc/solicitudes/seguimiento/token-que-no-existe-0000000")).statusCode, 404);
    const url = `/cuauhtemoc/solicitudes/seguimiento/${r.trackingToken}`;
    let page = await browser.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Podrá calificar la atención cuando/);
    assert.ok(!page.body.includes('name="rating"'));
    const early = await browser.post(`${url}/calificar`, { rating: "5", comment: "" });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /esté atendida o cerrada/);
    // The tracking link belongs to one municipality.
    assert.equal((await browser.get(`/leon/solicitudes/seguimiento/${r.trackingToken}`)).statusCode, 404);

    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "atendida" }, await admin());
    page = await browser.get(url);
    assert.match(page.body, /name="rating"/);
    assert.match(page.body, /5 — Muy satisfecho/);
    const missing = await browser.post(`${url}/calificar`, { comment: "sin número" });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /Elija una calificación de 1 a 5/);
    const ok = await browser.post(`${url}/calificar`, { rating: "4", comment: "Rápido, gracias" });
    assert.equal(ok.statusCode, 303);
    page = await browser.get(ok.headers.location as string);
    assert.match(page.body, /Su calificación quedó registrada/);
    assert.match(page.body, /Usted calificó la atención con 4 de 5/);
    const again = await browser.post(`${url}/calificar`, { rating: "1" });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /ya fue calificada/);
    const row = await t.services.db.selectFrom("service_requests").select(["rating", "rating_comment"]).where("id", "=", r.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { rating: 4, rating_comment: "Rápido, gracias" });
  });

  it("serves a folio's processed photos and thumbnails, and nothing else", async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } }).jpeg().toBuffer();
    const r = await createRequest(
      t.services,
      w.cuauhtemoc,
      { serviceCode: "grafiti", description: "Grafiti en la fachada del museo", location: ZOCALO, photos: [jpeg], channel: "web" },
      anonymous,
    );
    const page = await app.inject(`/cuauhtemoc/solicitudes/${r.folio}`);
    const thumb = /<img src="([^"]+-min\.jpg)" alt="Foto 1 de la solicitud/.exec(page.body);
    assert.ok(thumb, "the folio page shows the thumbnail with an alt text");
    const small = await app.inject(thumb[1]!);
    assert.equal(small.statusCode, 200);
    assert.equal(small.headers["content-type"], "image/jpeg");
    const full = await app.inject(thumb[1]!.replace("-min.jpg", ".jpg"));
    assert.equal(full.statusCode, 200);
    assert.equal(full.rawPayload.subarray(0, 2).toString("hex"), "ffd8");
    assert.equal((await app.inject(thumb[1]!.replace(/\d+-min\.jpg$/, "999-min.jpg"))).statusCode, 404);
    assert.equal((await app.inject(`/cuauhtemoc/solicitudes/${r.folio}/fotos/..%2F..%2Fsecret.jpg`)).statusCode, 404);
    const other = await file("Bache sin fotos");
    assert.equal((await app.inject(thumb[1]!.replace(r.folio, other.folio))).statusCode, 404, "a photo belongs to its folio");
  });
});
