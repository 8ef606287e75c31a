import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { listActiveMunicipalities } from "../territory/queries.js";
import { createRequest } from "../requests/create.js";
import { seedRequestsWorld, ZOCALO, type RequestsWorld } from "../requests/test-support.js";

const PRIVATE = { name: "Filemón Quiñones Arizpe", email: "filemon.qa.7781@correo.test", phone: "55 7781 9090", address: "Cerrada Secreta 12 int 4" };

describe("open-data catalogue: pages, DCAT and the CKAN API", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: RequestsWorld;
  let slugs: string[];
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
    slugs = (await listActiveMunicipalities(t.services.db)).map((m) => m.slug!);
    await createRequest(
      t.services,
      w.cuauhtemoc,
      {
        serviceCode: "bache",
        description: "Bache profundo frente al mercado",
        location: ZOCALO,
        address: PRIVATE.address,
        attributes: { tamano: "1" },
        contact: { name: PRIVATE.name, email: PRIVATE.email, phone: PRIVATE.phone },
        channel: "web",
      },
      anonymous,
      new Date("2026-03-10T17:00:00Z"),
    );
  });

  function assertNoPersonalData(body: string) {
    for (const value of Object.values(PRIVATE)) assert.ok(!body.includes(value), `no debe contener ${value}`);
  }

  it("lists the citizen-requests dataset of every demo municipality, and its downloads answer 200", async () => {
    assert.ok(slugs.length >= 2);
    const all = await app.inject("/datos");
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /<h1>Datos abiertos de todos los municipios<\/h1>/);
    assert.match(all.body, /Términos de Libre Uso MX/);
    for (const slug of slugs) {
      assert.ok(all.body.includes(`href="/${slug}/datos/conjuntos/${slug}-solicitudes-ciudadanas"`), slug);
      const page = await app.inject(`/${slug}/datos`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<html lang="es-MX"/);
      assert.match(page.body, /Solicitudes ciudadanas de /);
    }
    const page = await app.inject("/cuauhtemoc/datos/conjuntos/cuauhtemoc-solicitudes-ciudadanas");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Frecuencia de actualización/);
    assert.match(page.body, /Continua/);
    assert.match(page.body, /del 2026-03-10 al 2026-03-10/);
    const hrefs = [...page.body.matchAll(/<a href="([^"]+)" type="(text\/csv|application\/geo\+json)"/g)].map((m) => m[1]!);
    assert.deepEqual(hrefs, ["/cuauhtemoc/datos/solicitudes.csv", "/cuauhtemoc/datos/solicitudes.geojson"]);
    for (const href of hrefs) {
      const res = await app.inject(href);
      assert.equal(res.statusCode, 200, href);
      assert.match(res.body, /Bache profundo frente al mercado/);
      assertNoPersonalData(res.body);
    }
    // Colonias with polygons (Cuauhtémoc's SEDUVI catalogue) are a territory dataset.
    const colonias = await app.inject("/cuauhtemoc/datos/conjuntos/cuauhtemoc-colonias");
    assert.equal(colonias.statusCode, 200);
    assert.equal((await app.inject("/api/v1/municipalities/cuauhtemoc/colonias.geojson")).statusCode, 200);
    // Another town's dataset under this town's address, or an unknown one: 404 in Spanish.
    const wrong = await app.inject("/cuauhtemoc/datos/conjuntos/leon-solicitudes-ciudadanas");
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /No existe ese conjunto de datos/);
    assert.equal((await app.inject("/no-existe/datos")).statusCode, 404);
  });

  it("searches the catalogue page ignoring accents and paginates", async () => {
    const found = await app.inject("/datos?q=ATENCION%20ciudadana%20leon");
    assert.equal(found.statusCode, 200);
    assert.ok(found.body.includes("/leon/datos/conjuntos/leon-solicitudes-ciudadanas"));
    assert.ok(!found.body.includes("/cuauhtemoc/datos/conjuntos/cuauhtemoc-solicitudes-ciudadanas"));
    const none = await app.inject("/cuauhtemoc/datos?q=presupuesto");
    assert.match(none.body, /No hay conjuntos de datos que coincidan/);
    const beyond = await app.inject("/datos?pagina=99");
    assert.equal(beyond.statusCode, 200);
    assert.match(beyond.body, /No hay conjuntos de datos que coincidan/);
  });

  it("publishes DCAT JSON-LD for one municipality and for all", async () => {
    const res = await app.inject("/cuauhtemoc/datos/catalogo.jsonld");
    assert.equal(res.statusCode, 200);
    assert.match(res.headers["content-type"] as string, /^application\/ld\+json/);
    const doc = JSON.parse(res.body);
    assert.equal(doc["@type"], "dcat:Catalog");
    assert.equal(doc["@context"].dcat, "http://www.w3.org/ns/dcat#");
    const ds = doc["dcat:dataset"].find((d: { "dct:identifier": string }) => d["dct:identifier"] === "cuauhtemoc-solicitudes-ciudadanas");
    assert.equal(ds["@type"], "dcat:Dataset");
    assert.equal(ds["dct:title"]["@value"], "Solicitudes ciudadanas de Cuauhtémoc");
    assert.equal(ds["dct:publisher"]["foaf:name"], "Cuauhtémoc");
    assert.equal(ds["dct:license"]["@id"], "https://datos.gob.mx/libreusomx");
    assert.equal(ds["dct:accrualPeriodicity"]["@id"], "http://publications.europa.eu/resource/authority/frequency/CONT");
    assert.ok(ds["dcat:keyword"].includes("solicitudes ciudadanas"));
    assert.ok(!Number.isNaN(Date.parse(ds["dct:modified"]["@value"])));
    const types = ds["dcat:distribution"].map((r: { "@type": string }) => r["@type"]);
    assert.deepEqual(types, ["dcat:Distribution", "dcat:Distribution"]);
    const url = new URL(ds["dcat:distribution"][0]["dcat:downloadURL"]["@id"]);
    assert.equal((await app.inject(url.pathname)).statusCode, 200);
    assertNoPersonalData(res.body);

    const all = JSON.parse((await app.inject("/datos/catalogo.jsonld")).body);
    assert.equal(all["@type"], "dcat:Catalog");
    const ids = all["dcat:dataset"].map((d: { "dct:identifier": string }) => d["dct:identifier"]);
    for (const slug of slugs) assert.ok(ids.includes(`${slug}-solicitudes-ciudadanas`), slug);
  });

  it("answers the CKAN package_list, package_show and package_search in CKAN's shapes", async () => {
    const list = await app.inject("/api/3/action/package_list");
    assert.equal(list.statusCode, 200);
    const listBody = list.json();
    assert.equal(listBody.success, true);
    assert.equal(typeof listBody.help, "string");
    for (const slug of slugs) assert.ok(listBody.result.includes(`${slug}-solicitudes-ciudadanas`));
    assert.ok(listBody.result.includes("cuauhtemoc-colonias"));

    const show = (await app.inject("/api/3/action/package_show?id=cuauhtemoc-solicitudes-ciudadanas")).json();
    assert.equal(show.success, true);
    const p = show.result;
    assert.equal(p.id, "cuauhtemoc-solicitudes-ciudadanas");
    assert.equal(p.name, p.id);
    assert.equal(p.title, "Solicitudes ciudadanas de Cuauhtémoc");
    assert.equal(p.license_id, "libre-uso-mx");
    assert.equal(p.license_url, "https://datos.gob.mx/libreusomx");
    assert.deepEqual(p.organization, { name: "cuauhtemoc", title: "Cuauhtémoc", type: "organization", is_organization: true });
    assert.ok(p.tags.some((tag: { name: string }) => tag.name === "atención ciudadana"));
    assert.deepEqual(p.resources.map((r: { format: string; mimetype: string }) => [r.format, r.mimetype]), [["CSV", "text/csv"], ["GeoJSON", "application/geo+json"]]);
    assert.equal((await app.inject(new URL(p.resources[0].url).pathname)).statusCode, 200);
    assert.ok(!Number.isNaN(Date.parse(p.metadata_modified)));
    assert.ok(p.extras.some((e: { key: string; value: string }) => e.key === "frequency" && e.value === "continuous"));

    // Accents and case do not matter; other modules' datasets about citizen attention (hearings,
    // requests by channel) match too, so check the requests datasets are among the results.
    const all = (await app.inject("/api/3/action/package_search?q=atencion%20CIUDADANA&rows=100")).json();
    const found = all.result.results.map((r: { id: string }) => r.id);
    for (const slug of slugs) assert.ok(found.includes(`${slug}-solicitudes-ciudadanas`), `${slug}'s requests dataset is found`);
    assert.equal(all.result.count, found.length);
    for (const r of all.result.results as { title: string; notes: string; tags: { name: string }[] }[]) {
      const text = [r.title, r.notes, ...r.tags.map((x) => x.name)].join(" ").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
      assert.ok(text.includes("atencion") && text.includes("ciudadana"), `${r.title} is about citizen attention`);
    }
    const search = (await app.inject("/api/3/action/package_search?q=atencion%20CIUDADANA&rows=1&start=0")).json();
    assert.equal(search.success, true);
    assert.equal(search.result.count, found.length);
    assert.equal(search.result.results.length, 1);
    const second = (await app.inject("/api/3/action/package_search?q=atencion%20ciudadana&rows=1&start=1")).json();
    assert.notEqual(second.result.results[0].id, search.result.results[0].id);
    const byOrg = (await app.inject("/api/3/action/package_search?fq=organization:cuauhtemoc%20res_format:GeoJSON")).json();
    assert.deepEqual(byOrg.result.results.map((r: { id: string }) => r.id).sort(), ["cuauhtemoc-colonias", "cuauhtemoc-solicitudes-ciudadanas"]);
    const csvOnly = (await app.inject("/api/3/action/package_search?fq=organization:cuauhtemoc+res_format:CSV")).json();
    // Every module may add CSV datasets: check the filter's meaning, and that the ones known here are in.
    const csvIds = csvOnly.result.results.map((r: { id: string }) => r.id);
    for (const id of ["cuauhtemoc-solicitudes-ciudadanas", "cuauhtemoc-solicitudes-informacion", "cuauhtemoc-obligaciones-transparencia", "cuauhtemoc-indice-cumplimiento"]) assert.ok(csvIds.includes(id), id);
    assert.ok(!csvIds.includes("cuauhtemoc-colonias"), "a GeoJSON-only dataset is filtered out");
    for (const r of csvOnly.result.results as { resources: { format: string }[]; organization: { name: string } }[]) {
      assert.ok(r.resources.some((x) => x.format === "CSV"));
      assert.equal(r.organization.name, "cuauhtemoc");
    }
    assertNoPersonalData(JSON.stringify(search));
  });

  it("reports errors in CKAN's shape with CKAN's status codes", async () => {
    const missing = await app.inject("/api/3/action/package_show?id=no-existe");
    assert.equal(missing.statusCode, 404);
    const body = missing.json();
    assert.equal(body.success, false);
    assert.equal(body.error.__type, "Not Found Error");
    assert.match(body.error.message, /No existe un conjunto de datos/);

    const noId = await app.inject("/api/3/action/package_show");
    assert.equal(noId.statusCode, 409);
    assert.equal(noId.json().error.__type, "Validation Error");

    const badRows = await app.inject("/api/3/action/package_search?rows=-3");
    assert.equal(badRows.statusCode, 409);
    assert.match(badRows.json().error.message, /rows debe ser un entero no negativo/);

    const badFq = await app.inject("/api/3/action/package_search?fq=author:alguien");
    assert.equal(badFq.statusCode, 409);
    assert.equal(badFq.json().error.__type, "Search Query Error");
  });
});
