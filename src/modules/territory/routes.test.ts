import { createTestContext, type TestContext } from "../../platform/testing.js";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { seedTerritoryDemo } from "./seed.js";

let ctx: TestContext;
let app: FastifyInstance;
const get = (url: string) => app.inject({ method: "GET", url });

before(async () => {
  ctx = await createTestContext();
  await seedTerritoryDemo(ctx.services, () => {});
  app = await ctx.app();
});
after(() => ctx.close());

describe("public territory pages", () => {
  it("the landing page explains Cabildo and lists the three active municipalities", async () => {
    const res = await get("/");
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="es-MX"/);
    assert.match(res.body, /Gobierno abierto para los municipios de México/);
    for (const [href, name] of [["/cuauhtemoc", "Cuauhtémoc"], ["/leon", "León"], ["/tlalnepantla", "Tlalnepantla de Baz"]]) {
      assert.match(res.body, new RegExp(`<a href="${href}">${name}</a>`));
    }
    assert.match(res.body, /1,721,215/, "León's population, es-MX formatted");
    assert.match(res.body, /Ver los 2478 municipios del país/);
  });

  it("lists the whole catalogue paginated, marking active municipalities", async () => {
    const first = await get("/municipios");
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Mostrando 1–50 de 2478/);
    assert.match(first.body, /<strong>Activo<\/strong>/);
    const page2 = await get("/municipios?pagina=2");
    assert.match(page2.body, /Mostrando 51–100 de 2478/);
    assert.match(page2.body, /rel="prev"/);
    const odd = await get("/municipios?pagina=abc");
    assert.match(odd.body, /Mostrando 1–50 de 2478/, "a bad page number falls back to page 1");
  });

  it("searches municipalities ignoring accents", async () => {
    const res = await get("/municipios?q=leon");
    assert.match(res.body, /<a href="\/leon">León<\/a>/);
    assert.match(res.body, /Guanajuato/);
    const none = await get("/municipios?q=zzzzqqq");
    assert.match(none.body, /Ningún municipio coincide con la búsqueda/);
    const literal = await get("/municipios?q=%25");
    assert.equal(literal.statusCode, 200);
    assert.match(literal.body, /Ningún municipio coincide/, "% is searched literally, not as a wildcard");
  });

  it("the municipality home shows state, population, departments, colonias and localities", async () => {
    const res = await get("/leon");
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>León<\/h1>/);
    assert.match(res.body, /Entidad federativa: Guanajuato/);
    assert.match(res.body, /Población: 1,721,215 habitantes/);
    assert.match(res.body, /Obras Públicas/);
    assert.match(res.body, /Todavía no se han cargado las colonias/);
    assert.match(res.body, /161 localidades/);
    const cdmx = await get("/cuauhtemoc");
    assert.match(cdmx.body, /33 colonias registradas/);
    assert.match(cdmx.body, /href="\/cuauhtemoc\/colonias\/algarin"/);
    assert.match(cdmx.body, /Dirección General de Servicios Urbanos/);
  });

  it("answers 404 in Spanish for an unknown or inactive municipality, not 500", async () => {
    const unknown = await get("/zapopan");
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /No encontramos la página que busca/);
    await sql`update municipalities set active = false where slug = 'tlalnepantla'`.execute(ctx.services.db);
    try {
      assert.equal((await get("/tlalnepantla")).statusCode, 404);
      assert.equal((await get("/tlalnepantla/colonias")).statusCode, 404);
    } finally {
      await sql`update municipalities set active = true where slug = 'tlalnepantla'`.execute(ctx.services.db);
    }
    assert.equal((await get("/Mal%20Slug!")).statusCode, 404);
  });

  it("does not shadow fixed routes", async () => {
    const health = await get("/healthz");
    assert.equal(health.statusCode, 200);
    assert.equal(health.json().status, "ok");
  });

  it("lists colonias paginated and searchable by name or postal code", async () => {
    const page1 = await get("/cuauhtemoc/colonias");
    assert.equal(page1.statusCode, 200);
    assert.match(page1.body, /Mostrando 1–25 de 33/);
    assert.match(page1.body, /<a href="\/cuauhtemoc\/colonias\/algarin">Algarín<\/a>/);
    const page2 = await get("/cuauhtemoc/colonias?pagina=2");
    assert.match(page2.body, /Mostrando 26–33 de 33/);
    assert.match(page2.body, /Vista Alegre/);
    const byName = await get("/cuauhtemoc/colonias?q=hipodromo");
    assert.match(byName.body, /Mostrando 1–3 de 3/, "Hipódromo, Hipódromo Condesa, Ex Hipódromo de Peralvillo");
    assert.match(byName.body, /Hipódromo Condesa/);
    const byCp = await get("/cuauhtemoc/colonias?q=06700");
    assert.match(byCp.body, /Roma Norte/);
    assert.doesNotMatch(byCp.body, /Roma Sur/);
  });

  it("shows a colonia with its type, postal code, zone and a GeoJSON link", async () => {
    const res = await get("/cuauhtemoc/colonias/roma-norte");
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Roma Norte<\/h1>/);
    assert.match(res.body, /06700/);
    assert.match(res.body, /Urbano/);
    assert.match(res.body, /href="\/api\/v1\/municipalities\/cuauhtemoc\/colonias\/roma-norte\/geometry"/);
    assert.equal((await get("/cuauhtemoc/colonias/no-existe")).statusCode, 404);
  });

  it("lists departments with their office contact", async () => {
    const res = await get("/tlalnepantla/dependencias");
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Unidad de Transparencia/);
    assert.match(res.body, /mailto:transparencia@tlalnepantla\.demo\.cabildo\.mx/);
  });
});

describe("territory JSON API", () => {
  it("searches colonias with pagination", async () => {
    const res = await get("/api/v1/municipalities/cuauhtemoc/colonias?q=roma");
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 2);
    assert.deepEqual(body.colonias.map((c: { name: string }) => c.name), ["Roma Norte", "Roma Sur"]);
    assert.equal(body.colonias[0].url, "/cuauhtemoc/colonias/roma-norte");
    assert.equal("id" in body.colonias[0], false, "internal ids stay inside");
    const paged = (await get("/api/v1/municipalities/cuauhtemoc/colonias?page=4&per_page=10")).json();
    assert.equal(paged.colonias.length, 3);
    const byCp = (await get("/api/v1/municipalities/cuauhtemoc/colonias?cp=06880")).json();
    assert.deepEqual(byCp.colonias.map((c: { name: string }) => c.name), ["Algarín"]);
  });

  it("rejects a malformed postal code with a Spanish problem", async () => {
    const res = await get("/api/v1/municipalities/cuauhtemoc/colonias?cp=abc");
    assert.equal(res.statusCode, 400);
    assert.match(res.headers["content-type"] as string, /application\/problem\+json/);
    assert.equal(res.json().detail, "Los datos enviados no son válidos.");
  });

  it("finds the colonia at a point and says whether it is inside the municipality", async () => {
    const res = await get("/api/v1/municipalities/cuauhtemoc/colonias/lookup?lat=19.4326&lon=-99.1332");
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.colonia.name, "Centro");
    assert.equal(body.colonia.postalCode, "06000");
    assert.equal(body.insideMunicipality, true);
    const outside = (await get("/api/v1/municipalities/cuauhtemoc/colonias/lookup?lat=19.35&lon=-99.162")).json();
    assert.equal(outside.colonia, null);
    assert.equal(outside.insideMunicipality, false);
  });

  for (const query of ["lat=abc&lon=-99.13", "lat=95&lon=-99.13", "lat=19.4&lon=-199", "lat=&lon="]) {
    it(`answers 422 problem+json for bad coordinates (${query})`, async () => {
      const res = await get(`/api/v1/municipalities/cuauhtemoc/colonias/lookup?${query}`);
      assert.equal(res.statusCode, 422);
      assert.match(res.headers["content-type"] as string, /application\/problem\+json/);
      assert.match(res.json().detail, /Las coordenadas no son válidas/);
    });
  }

  it("answers 404 problem+json for an unknown municipality", async () => {
    const res = await get("/api/v1/municipalities/zapopan/colonias/lookup?lat=19.4&lon=-99.1");
    assert.equal(res.statusCode, 404);
    assert.match(res.headers["content-type"] as string, /application\/problem\+json/);
    assert.match(res.json().detail, /No existe un municipio activo con el identificador "zapopan"/);
  });

  it("exports the colonias as a GeoJSON FeatureCollection and one colonia's polygon", async () => {
    const res = await get("/api/v1/municipalities/cuauhtemoc/colonias.geojson");
    assert.equal(res.statusCode, 200);
    assert.match(res.headers["content-type"] as string, /application\/geo\+json/);
    const fc = res.json();
    assert.equal(fc.type, "FeatureCollection");
    assert.equal(fc.features.length, 33);
    assert.equal(fc.features[0].geometry.type, "MultiPolygon");
    const one = (await get("/api/v1/municipalities/cuauhtemoc/colonias/algarin/geometry")).json();
    assert.equal(one.properties.name, "Algarín");
    assert.equal((await get("/api/v1/municipalities/leon/colonias/nada/geometry")).statusCode, 404);
  });
});
