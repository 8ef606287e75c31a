import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { createTestContext, type TestContext } from "../../../platform/testing.js";
import { SYSTEM } from "../../../platform/audit/audit.js";
import { COYOACAN, PARQUE_MEXICO, seedRequestsWorld, ZOCALO, type RequestsWorld } from "../test-support.js";
import { issueApiKey, revokeApiKey } from "./keys.js";
import { xmlElements, xmlRoot, xmlTexts } from "./test-xml.js";

/** Personal data seeded into every request: none of it may appear in an Open311 response. */
const SECRET = { email: "zxq-secreta@correo.test", phone: "55 9876 1234", first: "Eufrosina", last: "Zapatería-Quintal", address: "Calle Privada Ñandú 4471 interior 9" };

describe("Open311 GeoReport v2", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: RequestsWorld;
  let key: string;
  const J = "jurisdiction_id=cuauhtemoc";

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(() => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
    key = (await issueApiKey(t.services.db, w.cuauhtemoc.id, "App de pruebas", SYSTEM)).key;
  });

  const get = (url: string) => app.inject({ method: "GET", url });
  const post = (fmt: "json" | "xml", form: Record<string, string | string[]>, query = "") => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return app.inject({ method: "POST", url: `/open311/v2/requests.${fmt}${query}`, payload: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
  };
  const pothole = (extra: Record<string, string | string[]> = {}) => ({
    api_key: key,
    jurisdiction_id: "cuauhtemoc",
    service_code: "bache",
    lat: String(ZOCALO.lat),
    long: String(ZOCALO.lon),
    "attribute[tamano]": "2",
    description: "Bache profundo frente a la catedral",
    email: SECRET.email,
    phone: SECRET.phone,
    first_name: SECRET.first,
    last_name: SECRET.last,
    address_string: SECRET.address,
    ...extra,
  });
  const count = async () => Number((await t.services.db.selectFrom("service_requests").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const assertNoPersonalData = (body: string) => {
    for (const s of Object.values(SECRET)) assert.ok(!body.includes(s), `response leaks "${s}"`);
    assert.ok(!body.includes(String(ZOCALO.lon)), "exact longitude leaked");
  };
  const jsonError = (res: { statusCode: number; body: string; headers: Record<string, unknown> }, code: number, fragment: RegExp) => {
    assert.equal(res.statusCode, code, res.body);
    assert.match(String(res.headers["content-type"]), /application\/json/);
    const errors = JSON.parse(res.body) as { code: number; description: string }[];
    assert.equal(errors[0]!.code, code);
    assert.match(errors.map((e) => e.description).join(" "), fragment);
  };
  const xmlError = (res: { statusCode: number; body: string; headers: Record<string, unknown> }, code: number, fragment: RegExp) => {
    assert.equal(res.statusCode, code, res.body);
    assert.match(String(res.headers["content-type"]), /application\/xml/);
    assert.equal(xmlRoot(res.body), "errors");
    assert.equal(xmlElements(res.body, "error").length >= 1, true);
    assert.equal(xmlTexts(res.body, "code")[0], String(code));
    assert.match(xmlTexts(res.body, "description").join(" "), fragment);
  };

  it("publishes a discovery document in JSON and XML", async () => {
    const json = await get("/open311/v2/discovery.json");
    assert.equal(json.statusCode, 200);
    const d = JSON.parse(json.body);
    assert.equal(d.endpoints[0].specification, "http://wiki.open311.org/GeoReport_v2");
    assert.equal(d.endpoints[0].type, "production");
    assert.match(d.endpoints[0].url, /\/open311\/v2$/);
    assert.deepEqual(d.endpoints[0].formats, ["text/xml", "application/json"]);
    assert.match(d.key_service, /admin\/open311/);
    const xml = await get("/open311/v2/discovery.xml");
    assert.equal(xmlRoot(xml.body), "discovery");
    assert.deepEqual(xmlTexts(xml.body, "format"), ["text/xml", "application/json"]);
    assert.equal(xmlTexts(xml.body, "specification")[0], "http://wiki.open311.org/GeoReport_v2");
  });

  it("lists the municipality's services and requires a known jurisdiction_id", async () => {
    const json = await get(`/open311/v2/services.json?${J}`);
    assert.equal(json.statusCode, 200);
    const services = JSON.parse(json.body) as Record<string, unknown>[];
    assert.equal(services.length, 8);
    const bache = services.find((s) => s.service_code === "bache")!;
    assert.deepEqual(
      { name: bache.service_name, metadata: bache.metadata, type: bache.type, group: bache.group },
      { name: "Bache", metadata: true, type: "realtime", group: "Vialidades" },
    );
    assert.match(String(bache.keywords), /pavimento/);
    assert.equal(services.find((s) => s.service_code === "coladera")!.metadata, false);

    const xml = await get(`/open311/v2/services.xml?${J}`);
    assert.equal(xmlRoot(xml.body), "services");
    assert.equal(xmlElements(xml.body, "service").length, 8);
    assert.ok(xmlTexts(xml.body, "service_code").includes("fuga-agua"));
    assert.ok(xmlTexts(xml.body, "service_name").includes("Luminaria apagada"));

    jsonError(await get("/open311/v2/services.json"), 400, /jurisdiction_id/);
    xmlError(await get("/open311/v2/services.xml"), 400, /jurisdiction_id/);
    jsonError(await get("/open311/v2/services.json?jurisdiction_id=atlantida"), 404, /atlantida/);
  });

  it("describes a service's attributes, and answers 404 for an unknown service", async () => {
    const json = await get(`/open311/v2/services/bache.json?${J}`);
    assert.equal(json.statusCode, 200);
    const def = JSON.parse(json.body);
    assert.equal(def.service_code, "bache");
    const [tamano] = def.attributes;
    assert.deepEqual(
      { variable: tamano.variable, code: tamano.code, datatype: tamano.datatype, required: tamano.required, order: tamano.order },
      { variable: true, code: "tamano", datatype: "singlevaluelist", required: true, order: 1 },
    );
    assert.equal(tamano.description, "¿De qué tamaño es el bache?");
    assert.deepEqual(tamano.values[2], { key: "3", name: "Grande (más de 1 m)" });

    const xml = await get(`/open311/v2/services/poda.xml?${J}`);
    assert.equal(xmlRoot(xml.body), "service_definition");
    assert.equal(xmlTexts(xml.body, "datatype")[0], "multivaluelist");
    assert.equal(xmlElements(xml.body, "value").length, 3);
    assert.deepEqual(xmlTexts(xml.body, "name"), ["Toca cables", "Puede caer sobre personas o autos", "Tapa una luminaria"]);

    jsonError(await get(`/open311/v2/services/ovni.json?${J}`), 404, /ovni/);
    xmlError(await get(`/open311/v2/services/ovni.xml?${J}`), 404, /ovni/);
  });

  it("files a request with an API key: folio back, stored as open311, contact kept private, announced on the bus", async () => {
    const heard: string[] = [];
    const unsubscribe = await t.services.bus.subscribe((m) => {
      if (m.topic === "requests.changed" && m.municipalityId === w.cuauhtemoc.id) heard.push(String(m.data.folio));
    });
    const res = await post("json", pothole());
    assert.equal(res.statusCode, 201, res.body);
    const [created] = JSON.parse(res.body);
    const year = new Date().getFullYear();
    assert.match(created.service_request_id, new RegExp(`^CUAUH-${year}-\\d{6}$`));
    assert.match(created.service_notice, /Fecha compromiso/);
    assertNoPersonalData(res.body);

    const row = await t.services.db.selectFrom("service_requests").selectAll().where("folio", "=", created.service_request_id).executeTakeFirstOrThrow();
    assert.equal(row.channel, "open311");
    assert.equal(row.address, SECRET.address);
    assert.deepEqual(row.attributes, { tamano: "2" });
    const contact = await t.services.db.selectFrom("request_contacts").selectAll().where("request_id", "=", row.id).executeTakeFirstOrThrow();
    assert.deepEqual([contact.name, contact.email, contact.phone], [`${SECRET.first} ${SECRET.last}`, SECRET.email, SECRET.phone]);
    const used = await t.services.db.selectFrom("open311_api_keys").select("last_used_at").where("municipality_id", "=", w.cuauhtemoc.id).executeTakeFirstOrThrow();
    assert.ok(used.last_used_at, "last_used_at recorded");
    for (let i = 0; i < 50 && !heard.includes(created.service_request_id); i++) await new Promise((r) => setTimeout(r, 20));
    unsubscribe();
    assert.ok(heard.includes(created.service_request_id), "the live queue hears about it");

    // It shows in GET requests with the colonia as address and rounded coordinates.
    const list = await get(`/open311/v2/requests.json?${J}`);
    assert.equal(list.statusCode, 200);
    const [r] = JSON.parse(list.body);
    assert.equal(r.service_request_id, created.service_request_id);
    assert.deepEqual(
      { status: r.status, service_code: r.service_code, address: r.address, address_id: r.address_id, lat: r.lat, long: r.long },
      { status: "open", service_code: "bache", address: "Centro", address_id: r.address_id, lat: 19.433, long: -99.133 },
    );
    assert.match(r.zipcode ?? "", /^\d{5}$/);
    assert.match(r.agency_responsible, /Obras/);
    assert.match(r.requested_datetime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(Date.parse(r.expected_datetime) > Date.parse(r.requested_datetime));
    assertNoPersonalData(list.body);
    for (const url of [`/open311/v2/requests.xml?${J}`, `/open311/v2/requests/${created.service_request_id}.xml?${J}`, `/open311/v2/requests/${created.service_request_id}.json?${J}`, `/open311/v2/tokens/${created.service_request_id}.xml?${J}`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assertNoPersonalData(res.body);
    }
  });

  it("files a request through the XML endpoint with repeated multivaluelist answers and a colonia as address_id", async () => {
    const hipodromo = await t.services.db.selectFrom("colonias").select(["slug"]).where("municipality_id", "=", w.cuauhtemoc.id).where("name", "=", "Hipódromo").executeTakeFirstOrThrow();
    const res = await post("xml", {
      api_key: key,
      jurisdiction_id: "cuauhtemoc",
      service_code: "poda",
      address_id: hipodromo.slug,
      "attribute[riesgo]": ["1", "3"],
      description: "Rama enorme sobre la luminaria",
      account_id: "cuenta-77",
      media_url: "https://ejemplo.test/foto.jpg",
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(xmlRoot(res.body), "service_requests");
    const folio = xmlTexts(res.body, "service_request_id")[0]!;
    assert.equal(xmlTexts(res.body, "account_id")[0], "cuenta-77");
    assert.match(xmlTexts(res.body, "service_notice")[0]!, /media_url no se guardó/);
    const row = await t.services.db.selectFrom("service_requests").select(["attributes", "colonia_source", "lat"]).where("folio", "=", folio).executeTakeFirstOrThrow();
    assert.deepEqual(row.attributes, { riesgo: ["1", "3"] });
    assert.equal(row.colonia_source, "chosen");
    assert.equal(row.lat, null);

    const one = await get(`/open311/v2/requests/${folio}.xml?${J}`);
    assert.equal(xmlRoot(one.body), "service_requests");
    assert.equal(xmlElements(one.body, "request").length, 1);
    assert.equal(xmlTexts(one.body, "address")[0], "Hipódromo");
    assert.equal(xmlTexts(one.body, "address_id")[0], hipodromo.slug);
    assert.equal(xmlTexts(one.body, "lat")[0], "", "no location: empty element");
  });

  it("refuses bad submissions with the GeoReport error codes and stores nothing", async () => {
    const leonKey = (await issueApiKey(t.services.db, w.leon.id, "León", SYSTEM)).key;
    const revoked = await issueApiKey(t.services.db, w.cuauhtemoc.id, "Vieja", SYSTEM);
    await revokeApiKey(t.services.db, w.cuauhtemoc.id, revoked.id, SYSTEM);

    jsonError(await post("json", pothole({ api_key: "" })), 403, /api_key/);
    xmlError(await post("xml", pothole({ api_key: "" })), 403, /api_key/);
    jsonError(await post("json", pothole({ api_key: revoked.key })), 403, /revocada/);
    jsonError(await post("json", pothole({ api_key: leonKey })), 403, /api_key/);
    jsonError(await post("json", pothole({ jurisdiction_id: "" })), 400, /jurisdiction_id/);
    jsonError(await post("json", pothole({ service_code: "ovni" })), 400, /ovni/);
    xmlError(await post("xml", pothole({ service_code: "ovni" })), 400, /ovni/);
    const { "attribute[tamano]": _, ...noSize } = pothole();
    jsonError(await post("json", noSize), 400, /attribute\[tamano\].*tamaño/);
    jsonError(await post("json", { ...noSize, service_code: "basura", "attribute[dias]": "muchos" }), 400, /attribute\[dias\].*debe ser un número/);
    jsonError(await post("json", pothole({ service_code: "basura" })), 400, /"tamano" no existe/);
    jsonError(await post("json", pothole({ lat: String(COYOACAN.lat), long: String(COYOACAN.lon) })), 400, /fuera del municipio/);
    xmlError(await post("xml", pothole({ lat: String(COYOACAN.lat), long: String(COYOACAN.lon) })), 400, /fuera del municipio/);
    const { lat: _a, long: _b, address_string: _c, ...nowhere } = pothole();
    jsonError(await post("json", { ...nowhere, service_code: "banqueta" }), 400, /ubicación/);
    jsonError(await post("json", pothole({ lat: "norte" })), 400, /lat/);
    jsonError(await post("json", pothole({ address_id: "no-existe" })), 400, /address_id/);
    jsonError(await post("json", pothole({ media_url: "javascript:alert(1)" })), 400, /media_url/);
    assert.equal(await count(), 0, "nothing stored");
  });

  it("accepts a JSON body too", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      payload: { api_key: key, jurisdiction_id: "cuauhtemoc", service_code: "basura", lat: PARQUE_MEXICO.lat, long: PARQUE_MEXICO.lon, attribute: { dias: "4" }, description: "No pasa el camión <desde el lunes> & huele mal" },
    });
    assert.equal(res.statusCode, 201, res.body);
    const [created] = JSON.parse(res.body);
    const one = JSON.parse((await get(`/open311/v2/requests/${created.service_request_id}.json?${J}`)).body);
    assert.equal(one[0].address, "Hipódromo");
    assert.equal(one[0].agency_responsible.includes("Servicios"), true);
    const xml = (await get(`/open311/v2/requests/${created.service_request_id}.xml?${J}`)).body;
    assert.ok(xml.includes("<description>No pasa el camión &lt;desde el lunes&gt; &amp; huele mal</description>"), "text escaped in XML");
    assert.deepEqual(xmlTexts(xml, "description"), ["No pasa el camión <desde el lunes> & huele mal"]);
  });
});
