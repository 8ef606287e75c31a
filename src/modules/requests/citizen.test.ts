import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { FastifyInstance } from "fastify";
import { readOutbox } from "../../platform/mail.js";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { hashToken } from "./create.js";
import { COYOACAN, seedRequestsWorld, ZOCALO, type RequestsWorld } from "./test-support.js";

const YEAR = new Intl.DateTimeFormat("en", { year: "numeric", timeZone: "America/Mexico_City" }).format(new Date());
const FIRST = `CUAUH-${YEAR}-000001`;
/** About 50 m north-east of the Zócalo point. */
const NEAR_ZOCALO = { lat: ZOCALO.lat + 0.0003, lon: ZOCALO.lon + 0.0003 };

/** A browser's multipart form post: text fields and files, CSRF token included. */
async function postMultipart(browser: Browser, url: string, fields: Record<string, string | string[]>, files: { name: string; filename: string; type: string; data: Buffer }[] = []) {
  if (!browser.cookies.has("cabildo_csrf")) await browser.get("/");
  const boundary = "----cabildoprueba" + Math.random().toString(36).slice(2);
  const parts: Buffer[] = [];
  const all: [string, string][] = [["_csrf", browser.csrf]];
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) all.push([k, item]);
  for (const [k, v] of all) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const app = (browser as unknown as { app: FastifyInstance }).app;
  return app.inject({ method: "POST", url, payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: browser.cookieHeader } });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe("the citizen's request form", () => {
  let t: TestContext;
  let w: RequestsWorld;
  let app: FastifyInstance;
  before(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    await t.reset();
    fs.rmSync(path.join(t.config.dataDir, "files"), { recursive: true, force: true }); // reset() empties tables, not stored files
    w = await seedRequestsWorld(t.services);
    app = await t.app();
  });
  after(async () => t.close());

  const count = async () => Number((await t.services.db.selectFrom("service_requests").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const storedFiles = () => filesUnder(path.join(t.config.dataDir, "files"));

  it("files a request without JavaScript: service → form → folio, private tracking link and e-mail", async () => {
    const b = new Browser(app);
    const chooser = await b.get("/cuauhtemoc/solicitudes/nueva");
    assert.equal(chooser.statusCode, 200);
    assert.match(chooser.body, /Servicios públicos/);
    assert.match(chooser.body, /Luminaria apagada/);
    const search = await b.get("/cuauhtemoc/solicitudes/nueva?q=lampara");
    assert.match(search.body, /Luminaria apagada/);
    assert.doesNotMatch(search.body, /Bache/);
    const form = await b.get("/cuauhtemoc/solicitudes/nueva?servicio=alumbrado");
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Número del poste/);
    assert.match(form.body, /<option value="centro"/i);
    assert.match(form.body, /nunca se publican/);
    assert.match(form.body, /enctype="multipart\/form-data"/);

    const res = await b.post("/cuauhtemoc/solicitudes", {
      servicio: "alumbrado",
      description: "La luminaria frente a la catedral está apagada",
      address: "Plaza de la Constitución s/n",
      lat: String(ZOCALO.lat),
      lon: String(ZOCALO.lon),
      name: "Rosa Prueba Única",
      email: "rosa.unica@example.mx",
      phone: "55 1234 5678",
      "attribute[poste]": "CFE 4411",
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `/cuauhtemoc/solicitudes/recibida/${FIRST}`);
    const done = await b.get(res.headers.location as string);
    assert.equal(done.statusCode, 200);
    assert.match(done.body, new RegExp(FIRST));
    assert.match(done.body, new RegExp(`href="/cuauhtemoc/solicitudes/${FIRST}"`));
    const token = /\/cuauhtemoc\/solicitudes\/seguimiento\/([A-Za-z0-9_-]+)/.exec(done.body)?.[1];
    assert.ok(token, "the confirmation shows the private tracking link");

    const row = await t.services.db
      .selectFrom("service_requests as r")
      .innerJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "r.municipality_id").onRef("c.id", "=", "r.colonia_id"))
      .select(["r.id", "c.name", "r.colonia_source", "r.department_id", "r.channel", "r.tracking_token_hash", "r.description", "r.attributes"])
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.name, row.colonia_source, row.department_id, row.channel], ["Centro", "polygon", w.departments.servicios, "web"]);
    assert.equal(row.tracking_token_hash, hashToken(token));
    assert.deepEqual(row.attributes, { poste: "CFE 4411" });
    const contact = await t.services.db.selectFrom("request_contacts").selectAll().where("request_id", "=", row.id).executeTakeFirstOrThrow();
    assert.deepEqual([contact.name, contact.email, contact.phone], ["Rosa Prueba Única", "rosa.unica@example.mx", "55 1234 5678"]);

    const mail = readOutbox(t.services.mailer.outboxDir!);
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.to, "rosa.unica@example.mx");
    assert.match(mail[0]!.subject, new RegExp(FIRST));
    assert.ok(mail[0]!.text.includes(`${t.config.publicUrl}/cuauhtemoc/solicitudes/seguimiento/${token}`));
    assert.ok(mail[0]!.text.includes(`${t.config.publicUrl}/cuauhtemoc/solicitudes/${FIRST}`));

    // Another browser (or a later visit) sees the folio but never the private link.
    const other = await new Browser(app).get(`/cuauhtemoc/solicitudes/recibida/${FIRST}`);
    assert.equal(other.statusCode, 200);
    assert.doesNotMatch(other.body, /seguimiento\//);
  });

  it("uses the colonia chosen from the list when there is no pin, and stores a cleaned photo", async () => {
    const b = new Browser(app);
    const narrowed = await b.get("/cuauhtemoc/solicitudes/nueva?servicio=basura&colonia_q=hipodromo");
    assert.match(narrowed.body, /<option value="hipodromo"/);
    assert.doesNotMatch(narrowed.body, /<option value="centro"/);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } }).jpeg().toBuffer();
    const res = await postMultipart(b, "/cuauhtemoc/solicitudes", { servicio: "basura", description: "Bolsas de basura acumuladas en la esquina", colonia: "hipodromo", "attribute[dias]": "4" }, [
      { name: "photo", filename: "basura.jpg", type: "image/jpeg", data: photo },
    ]);
    assert.equal(res.statusCode, 303, res.body);
    const row = await t.services.db
      .selectFrom("service_requests as r")
      .innerJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "r.municipality_id").onRef("c.id", "=", "r.colonia_id"))
      .select(["c.name", "r.colonia_source", "r.lat"])
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.name, row.colonia_source, row.lat], ["Hipódromo", "chosen", null]);
    assert.equal((await t.services.db.selectFrom("request_photos").selectAll().execute()).length, 1);
    assert.equal(storedFiles().length, 2, "the photo and its thumbnail");
    assert.equal(await t.services.db.selectFrom("request_contacts").selectAll().executeTakeFirst(), undefined, "anonymous: no contact row");
  });

  describe("refuses bad input with a Spanish message, keeps what was typed, stores nothing", () => {
    const cases: { name: string; fields: Record<string, string>; files?: { name: string; filename: string; type: string; data: Buffer }[]; message: RegExp }[] = [
      { name: "an unknown service code", fields: { servicio: "ovnis", description: "Luces raras en el cielo de la colonia" }, message: /El servicio «ovnis» no existe/ },
      { name: "a location outside the municipality", fields: { servicio: "alumbrado", description: "Lámpara apagada en Coyoacán", lat: String(COYOACAN.lat), lon: String(COYOACAN.lon) }, message: /fuera del municipio/ },
      { name: "a missing required attribute", fields: { servicio: "bache", description: "Bache enorme en el carril derecho", lat: String(ZOCALO.lat), lon: String(ZOCALO.lon) }, message: /Responda: ¿De qué tamaño es el bache\?/ },
      { name: "a wrong attribute type", fields: { servicio: "basura", description: "No pasa el camión de la basura", colonia: "centro", "attribute[dias]": "muchos" }, message: /debe ser un número/ },
      {
        name: "an oversized photo",
        fields: { servicio: "alumbrado", description: "Luminaria apagada toda la noche", colonia: "centro" },
        files: [{ name: "photo", filename: "grande.jpg", type: "image/jpeg", data: Buffer.alloc(8 * 1024 * 1024 + 1, 0xff) }],
        message: /pesa más de 8 MB/,
      },
      {
        name: "a text file named foto.jpg",
        fields: { servicio: "alumbrado", description: "Luminaria apagada toda la noche", colonia: "centro" },
        files: [{ name: "photo", filename: "foto.jpg", type: "image/jpeg", data: Buffer.from("esto no es una imagen, es texto plano\n".repeat(20)) }],
        message: /no es una foto/,
      },
    ];
    for (const c of cases) {
      it(`refuses ${c.name}`, async () => {
        const b = new Browser(app);
        const res = await postMultipart(b, "/cuauhtemoc/solicitudes", c.fields, c.files ?? []);
        assert.ok(res.statusCode === 422 || res.statusCode === 400, `status ${res.statusCode}`);
        assert.match(res.body, c.message);
        if (c.fields.servicio !== "ovnis") assert.ok(res.body.includes(c.fields.description!), "the description is kept");
        assert.equal(await count(), 0);
        assert.deepEqual(storedFiles(), []);
        assert.equal(readOutbox(t.services.mailer.outboxDir!).length, 0);
      });
    }
  });

  it("shows open requests of the same service within 100 m first, and counts a neighbour's support once", async () => {
    const first = new Browser(app);
    const filed = await first.post("/cuauhtemoc/solicitudes", { servicio: "alumbrado", description: "La lámpara de la esquina está apagada", lat: String(ZOCALO.lat), lon: String(ZOCALO.lon), email: "privado.vecino@example.mx", address: "Calle Secreta 123" });
    assert.equal(filed.statusCode, 303);

    const neighbour = new Browser(app);
    const second = { servicio: "alumbrado", description: "Lámpara apagada en la esquina", lat: String(NEAR_ZOCALO.lat), lon: String(NEAR_ZOCALO.lon) };
    const suggestion = await neighbour.post("/cuauhtemoc/solicitudes", second);
    assert.equal(suggestion.statusCode, 200);
    assert.match(suggestion.body, /¿Es alguno de estos\?/);
    assert.match(suggestion.body, new RegExp(FIRST));
    assert.match(suggestion.body, /Apoyar esta solicitud/);
    assert.match(suggestion.body, /name="confirmar" value="1"/);
    assert.doesNotMatch(suggestion.body, /privado\.vecino|Calle Secreta/);
    assert.equal(await count(), 1, "nothing filed yet");

    const api = await neighbour.get(`/api/v1/municipalities/cuauhtemoc/requests/similar?service=alumbrado&lat=${NEAR_ZOCALO.lat}&lon=${NEAR_ZOCALO.lon}&text=l%C3%A1mpara`);
    assert.equal(api.statusCode, 200);
    const json = api.json() as { similar: { folio: string; distanceMetres: number }[] };
    assert.deepEqual(json.similar.map((s) => s.folio), [FIRST]);
    assert.ok(json.similar[0]!.distanceMetres <= 100);
    assert.doesNotMatch(api.body, /privado\.vecino|Calle Secreta|"id"|"lat"/);
    const other = await neighbour.get(`/api/v1/municipalities/cuauhtemoc/requests/similar?service=bache&lat=${NEAR_ZOCALO.lat}&lon=${NEAR_ZOCALO.lon}`);
    assert.deepEqual((other.json() as { similar: unknown[] }).similar, [], "another service is not a duplicate");

    const supported = await neighbour.post(`/cuauhtemoc/solicitudes/${FIRST}/apoyo`);
    assert.equal(supported.statusCode, 303);
    assert.equal(supported.headers.location, `/cuauhtemoc/solicitudes/${FIRST}`);
    assert.ok(neighbour.cookies.has("cabildo_vecino"));
    const again = await neighbour.post(`/cuauhtemoc/solicitudes/${FIRST}/apoyo`);
    assert.equal(again.statusCode, 303);
    const target = await t.services.db.selectFrom("service_requests").select("supporters_count").where("folio", "=", FIRST).executeTakeFirstOrThrow();
    assert.equal(target.supporters_count, 1, "the same neighbour counts once");
    const supports = await t.services.db.selectFrom("request_supports").selectAll().execute();
    assert.equal(supports.length, 1);
    assert.match(supports[0]!.supporter_key, /^[0-9a-f]{64}$/);
    assert.notEqual(supports[0]!.supporter_key, neighbour.cookies.get("cabildo_vecino"));

    // "No, enviar la mía" files it for real.
    const mine = await neighbour.post("/cuauhtemoc/solicitudes", { ...second, confirmar: "1" });
    assert.equal(mine.statusCode, 303);
    assert.equal(await count(), 2);
    assert.equal((await neighbour.post("/cuauhtemoc/solicitudes/CUAUH-1999-000009/apoyo")).statusCode, 404);
  });

  it("serves the map script, Leaflet and a CSP that allows the configured tiles", async () => {
    const b = new Browser(app);
    const form = await b.get("/cuauhtemoc/solicitudes/nueva?servicio=bache");
    assert.match(form.body, /<script type="module" src="\/static\/js\/report-map.js"><\/script>/);
    assert.match(form.body, /data-tiles="https:\/\/tile.openstreetmap.org\/\{z\}\/\{x\}\/\{y\}.png"/);
    assert.match(String(form.headers["content-security-policy"]), /img-src[^;]*https:\/\/tile\.openstreetmap\.org/);
    assert.doesNotMatch(form.body, /\son[a-z]+="/, "no inline event handlers");
    for (const url of ["/static/js/report-map.js", "/static/vendor/leaflet/leaflet-src.esm.js", "/static/vendor/leaflet/leaflet.css", "/static/vendor/leaflet/images/marker-icon.png"]) {
      assert.equal((await b.get(url)).statusCode, 200, url);
    }
    assert.equal((await b.get("/static/cabildo.css")).statusCode, 200, "the site's own static files still work");
  });
});
