import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { loadActor } from "../accounts/queries.js";
import { createRequest } from "./create.js";
import { medianAttentionByService } from "./queries-public.js";
import { applyStaffChange } from "./workflow.js";
import { seedRequestsWorld, ZOCALO, PARQUE_MEXICO, type RequestsWorld } from "./test-support.js";

const PRIVATE = { name: "Eulalia Pérez Contreras", email: "eulalia.pc.4410@correo.test", phone: "55 4410 2323", address: "Andador Oculto 77 depto 3" };
const HOUR = 3_600_000;

/** A small XML well-formedness check: every tag closes in order, only XML's own entities, one root. Returns the root and the child element names. */
function parseXml(xml: string): { root: string; names: string[] } {
  const body = xml.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const names: string[] = [];
  let root = "";
  const token = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < body.length) {
    token.lastIndex = pos;
    m = token.exec(body);
    if (!m) throw new Error(`XML mal formado cerca de: ${body.slice(pos, pos + 40)}`);
    pos = token.lastIndex;
    const [, closing, name, , selfClosing, text] = m;
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(text)) throw new Error(`entidad no válida en: ${text}`);
      if (stack.length === 0 && text.trim()) throw new Error("texto fuera del elemento raíz");
      continue;
    }
    if (closing) {
      if (stack.pop() !== name) throw new Error(`cierre inesperado </${name}>`);
      continue;
    }
    if (!root) root = name!;
    else if (stack.length === 0) throw new Error("más de un elemento raíz");
    names.push(name!);
    if (!selfClosing) stack.push(name!);
  }
  if (stack.length) throw new Error(`sin cerrar: ${stack.join(", ")}`);
  return { root, names };
}

describe("colonia statistics, feeds and open data", () => {
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

  async function file(serviceCode: string, description: string, createdAt: Date, location = ZOCALO) {
    return createRequest(
      t.services,
      w.cuauhtemoc,
      {
        serviceCode,
        description,
        location,
        address: PRIVATE.address,
        attributes: serviceCode === "bache" ? { tamano: "1" } : {},
        contact: { name: PRIVATE.name, email: PRIVATE.email, phone: PRIVATE.phone },
        channel: "web",
      },
      anonymous,
      createdAt,
    );
  }

  it("computes the median time to attend by service, per colonia", async () => {
    const admin = (await loadActor(t.services.db, w.users.admin))!;
    const t0 = new Date(Date.now() - 30 * 24 * HOUR);
    const attend = async (serviceCode: string, hours: number, location = ZOCALO, close = false) => {
      const r = await file(serviceCode, `Reporte de ${serviceCode} que tardó ${hours} h`, t0, location);
      const when = new Date(t0.getTime() + hours * HOUR);
      await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "atendida" }, admin, when);
      if (close) await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "cerrada" }, admin, new Date(when.getTime() + 100 * HOUR));
      return r;
    };
    await attend("bache", 2);
    await attend("bache", 4, ZOCALO, true); // closing later does not change the time to attend
    await attend("bache", 10);
    await attend("alumbrado", 1);
    await attend("alumbrado", 3);
    await attend("bache", 50, PARQUE_MEXICO); // another colonia
    const rejected = await file("bache", "Bache rechazado, no cuenta", t0);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [rejected.id], { kind: "status", to: "rechazada", reason: "Es propiedad privada" }, admin, new Date(t0.getTime() + HOUR));
    await file("bache", "Bache aún abierto", t0);

    const centro = (await t.services.db.selectFrom("colonias").select("id").where("municipality_id", "=", w.cuauhtemoc.id).where("slug", "=", "centro").executeTakeFirstOrThrow()).id;
    const medians = await medianAttentionByService(t.services.db, w.cuauhtemoc.id, centro);
    const byCode = Object.fromEntries(medians.map((m) => [m.serviceCode, m]));
    assert.equal(byCode.bache!.attended, 3);
    assert.ok(Math.abs(byCode.bache!.medianHours - 4) < 1e-6, `bache median ${byCode.bache!.medianHours}`);
    assert.equal(byCode.alumbrado!.attended, 2);
    assert.ok(Math.abs(byCode.alumbrado!.medianHours - 2) < 1e-6, "an even count interpolates (percentile_cont)");
    const all = await medianAttentionByService(t.services.db, w.cuauhtemoc.id, null);
    assert.equal(all.find((m) => m.serviceCode === "bache")!.attended, 4);
    assert.ok(Math.abs(all.find((m) => m.serviceCode === "bache")!.medianHours - 7) < 1e-6);

    const page = await app.inject("/cuauhtemoc/colonias/centro/solicitudes");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Tiempo mediano de atención por servicio/);
    assert.match(page.body, /<td class="num">4 h<\/td>/);
    assert.match(page.body, /<td class="num">2 h<\/td>/);
    assert.match(page.body, /href="\/cuauhtemoc\/colonias\/centro\/solicitudes\/feed\.rss"/);
    assert.match(page.body, /href="\/cuauhtemoc\/datos\/solicitudes\.csv\?colonia=centro"/);
    const summary = await app.inject("/cuauhtemoc/solicitudes/resumen");
    assert.match(summary.body, /<td class="num">7 h<\/td>/);
    assert.equal((await app.inject("/cuauhtemoc/colonias/no-existe/solicitudes")).statusCode, 404);
  });

  it("publishes valid RSS and Atom feeds without personal data", async () => {
    const admin = (await loadActor(t.services.db, w.users.admin))!;
    const a = await file("bache", 'Bache con "comillas" & <etiquetas> en la calle', new Date());
    await file("alumbrado", "Luminaria apagada en Hipódromo", new Date(), PARQUE_MEXICO);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [a.id], { kind: "status", to: "en_proceso" }, admin);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [a.id], { kind: "note", body: "nota interna del feed" }, admin);

    const rss = await app.inject("/cuauhtemoc/colonias/centro/solicitudes/feed.rss");
    assert.equal(rss.statusCode, 200);
    assert.match(rss.headers["content-type"] as string, /application\/rss\+xml/);
    const r = parseXml(rss.body);
    assert.equal(r.root, "rss");
    assert.equal(r.names.filter((n) => n === "item").length, 2, "created + status change in Centro");
    assert.match(rss.body, /&quot;comillas&quot; &amp; &lt;etiquetas&gt;/);

    const atom = await app.inject("/cuauhtemoc/solicitudes/feed.atom");
    const x = parseXml(atom.body);
    assert.equal(x.root, "feed");
    assert.equal(x.names.filter((n) => n === "entry").length, 3, "the whole municipality: two new requests and one status change");
    assert.match(atom.body, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    for (const body of [rss.body, atom.body]) {
      for (const value of [...Object.values(PRIVATE), "nota interna del feed"]) assert.ok(!body.includes(value), `feed must not contain ${value}`);
    }
  });

  it("exports CSV and GeoJSON with rounded coordinates and no personal data", async () => {
    const admin = (await loadActor(t.services.db, w.users.admin))!;
    const a = await file("bache", 'Bache, con coma y "comillas"\nen dos líneas', new Date(Date.now() - 48 * HOUR));
    await applyStaffChange(t.services, w.cuauhtemoc.id, [a.id], { kind: "status", to: "atendida" }, admin, new Date(Date.now() - 36 * HOUR));
    await file("alumbrado", "Luminaria apagada en Hipódromo", new Date(), PARQUE_MEXICO);
    await file("basura", "Basura sin recoger en Centro", new Date());

    const csv = await app.inject("/cuauhtemoc/datos/solicitudes.csv");
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /text\/csv/);
    assert.ok(csv.body.startsWith("\uFEFFfolio,servicio_codigo,servicio,estado,colonia,dependencia,canal,creada,atendida,cerrada,dias_para_atender,apoyos,latitud,longitud,descripcion\r\n"));
    // Three rows after the header; the quoted description keeps its line break inside quotes.
    const records = csv.body.slice(1).trim().split(/\r\n(?=[A-Z0-9]+-\d{4}-\d{6},|$)/);
    assert.equal(records.length, 4);
    const first = records.find((r) => r.startsWith(a.folio))!;
    assert.ok(first.includes('"Bache, con coma y ""comillas""\nen dos líneas"'), "RFC 4180 quoting");
    assert.ok(first.includes(",0.5,"), "half a day to attend");
    assert.ok(first.includes(",19.433,-99.133,"), "coordinates rounded to 3 decimals");
    assert.ok(first.includes(",web,"), "the channel, in open data's Spanish codes");
    for (const value of Object.values(PRIVATE)) assert.ok(!csv.body.includes(value), `CSV must not contain ${value}`);
    assert.ok(!csv.body.includes("19.4326"));

    const onlyCentro = await app.inject("/cuauhtemoc/datos/solicitudes.csv?colonia=centro");
    assert.equal(onlyCentro.body.trim().split("\r\n").length, 3, "header + 2 rows in Centro (records end in CRLF; the line break inside a field is a bare LF)");

    const geo = await app.inject("/cuauhtemoc/datos/solicitudes.geojson");
    assert.equal(geo.statusCode, 200);
    const doc = JSON.parse(geo.body);
    assert.equal(doc.type, "FeatureCollection");
    assert.equal(doc.features.length, 3);
    for (const f of doc.features) {
      for (const c of f.geometry.coordinates as number[]) assert.ok(Math.abs(c * 1000 - Math.round(c * 1000)) < 1e-6, `${c} has at most 3 decimals`);
      assert.equal(f.properties.canal, "web");
      assert.deepEqual(Object.keys(f.properties).sort(), ["apoyos", "atendida", "canal", "cerrada", "colonia", "creada", "dependencia", "descripcion", "dias_para_atender", "estado", "folio", "servicio", "servicio_codigo", "url"]);
    }
    for (const value of Object.values(PRIVATE)) assert.ok(!geo.body.includes(value), `GeoJSON must not contain ${value}`);
    const bad = await app.inject("/cuauhtemoc/datos/solicitudes.geojson?hasta=ayer");
    assert.equal(bad.statusCode, 400);
    assert.match(bad.headers["content-type"] as string, /problem\+json/);
    assert.match(JSON.parse(bad.body).detail, /no es válida/);
  });
});
