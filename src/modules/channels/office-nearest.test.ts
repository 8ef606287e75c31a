import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { containsPoint, type AreaGeometry } from "../territory/geo.js";
import { findColoniaBySlug } from "../territory/queries.js";
import { areaCentroid, EARTH_RADIUS_KM, haversineKm, rankOffices, representativePoint } from "./office-nearest.js";
import type { OfficeRow } from "./office-queries.js";
import { COYOACAN, officeSuite } from "./office-test-support.js";

/** The Palacio de Bellas Artes (colonia Centro): Garibaldi is nearer, but does not offer the licence. */
const BELLAS_ARTES = { lat: 19.4352, lon: -99.1412 };

/*
 * Hand-checked, haversine with R = 6371.0088 km, from Bellas Artes (19.4352, −99.1412):
 *
 * to the Zócalo office (19.4326, −99.1332):
 *   Δφ = −0.0026° = −4.5379e−5 rad, Δλ = 0.0080° = 1.39626e−4 rad
 *   sin²(Δφ/2) = (−2.26893e−5)² = 5.1480e−10
 *   cos φ1 · cos φ2 = cos 19.4352° · cos 19.4326° = 0.943010 · 0.943025 = 0.889298
 *   sin²(Δλ/2) = (6.98132e−5)² = 4.87388e−9
 *   a = 5.1480e−10 + 0.889298 · 4.87388e−9 = 4.84913e−9
 *   d = 2R · asin(√a) = 2 · 6371.0088 · 6.96357e−5 = 0.8873 km
 *
 * to the Parque México office (19.4118, −99.1694):
 *   Δφ = −0.0234° = −4.08407e−4 rad, Δλ = −0.0282° = −4.92183e−4 rad
 *   a = 4.16991e−8 + 0.889412 · 6.05610e−8 = 9.55627e−8
 *   d = 2R · asin(√a) = 2 · 6371.0088 · 3.09132e−4 = 3.9390 km
 *
 * to Plaza Garibaldi (19.4404, −99.1393): a = 2.30369e−9, d = 0.6116 km — nearer, but it does not
 * offer the licence, so it must not be the answer.
 */
const TO_ZOCALO_KM = 0.8873;
const TO_PARQUE_KM = 3.939;

const NEAREST = "/cuauhtemoc/tramites/licencia-de-funcionamiento/oficina-cercana";
const API = "/api/v1/municipalities/cuauhtemoc/tramites/licencia-de-funcionamiento/oficina-cercana";

function office(name: string, at: { lat: number; lon: number } | null): OfficeRow {
  return {
    id: name.length, slug: name, name, kind: "modulo", address: "", colonia: null, lat: at?.lat ?? null, lon: at?.lon ?? null, hours: [], phone: null, email: null,
    accessibility: "", notes: "", active: true, updatedAt: new Date(),
  };
}

describe("nearest office: the geometry", () => {
  it("measures great circles with the mean Earth radius: one degree of a meridian is 111.195 km", () => {
    assert.equal(EARTH_RADIUS_KM, 6371.0088);
    // 2πR / 360 = 111.19508 km
    assert.ok(Math.abs(haversineKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 }) - 111.19508) < 1e-4);
    assert.ok(Math.abs(haversineKm(BELLAS_ARTES, { lat: 19.4326, lon: -99.1332 }) - TO_ZOCALO_KM) < 0.0005);
    assert.equal(haversineKm(BELLAS_ARTES, BELLAS_ARTES), 0);
  });

  it("takes a square's centroid, and for a U-shaped colonia (centroid and box middle in the notch) a point from its vertices that lies inside", () => {
    const square: AreaGeometry = { type: "Polygon", coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] };
    assert.deepEqual(representativePoint(square), [1, 1]);
    // The U: a 3×3 square without the notch x 1–2, y 1–3. Area 7; centroid (1.5, (9·1.5 − 2·2)/7 = 1.357) falls in the notch.
    const u: AreaGeometry = { type: "Polygon", coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const centroid = areaCentroid(u)!;
    assert.ok(Math.abs(centroid[0] - 1.5) < 1e-9 && Math.abs(centroid[1] - 9.5 / 7) < 1e-9);
    assert.equal(containsPoint(u, centroid[0], centroid[1]), false);
    const p = representativePoint(u);
    assert.equal(containsPoint(u, p[0], p[1]), true, `${p} must be inside the U`);
  });

  it("subtracts holes: a square with a hole in the middle is measured from a point of its ring, not the hole", () => {
    const ring: AreaGeometry = { type: "Polygon", coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]] };
    assert.deepEqual(areaCentroid(ring), [2, 2]);
    const p = representativePoint(ring);
    assert.equal(containsPoint(ring, p[0], p[1]), true);
  });

  it("orders by distance, ties by name, and keeps offices without a location apart", () => {
    const ranked = rankOffices([office("Beta", { lat: 1, lon: 0 }), office("Sin mapa", null), office("Alfa", { lat: 1, lon: 0 }), office("Cerca", { lat: 0.5, lon: 0 })], { lat: 0, lon: 0 });
    assert.deepEqual(ranked.located.map((d) => d.office.name), ["Cerca", "Alfa", "Beta"]);
    assert.deepEqual(ranked.unlocated.map((o) => o.name), ["Sin mapa"]);
  });
});

describe("nearest office: the page and the API", () => {
  const s = officeSuite();

  it("answers from Bellas Artes with the Zócalo office at 0.89 km (not Garibaldi, which does not offer it), then Parque México, and lists the office without a location", async () => {
    const res = await s.app.inject(`${API}?lat=${BELLAS_ARTES.lat}&lon=${BELLAS_ARTES.lon}`);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.nearest.slug, "oficina-zocalo");
    assert.ok(Math.abs(body.nearest.distanceKm - TO_ZOCALO_KM) <= 0.01, `${body.nearest.distanceKm}`);
    assert.deepEqual(body.alternatives.map((o: { slug: string }) => o.slug), ["modulo-parque-mexico"]);
    assert.ok(Math.abs(body.alternatives[0].distanceKm - TO_PARQUE_KM) <= 0.01);
    assert.deepEqual(body.withoutLocation.map((o: { slug: string }) => o.slug), ["unidad-sin-ubicacion"]);
    assert.equal(body.from.colonia, null);
    assert.ok(!res.body.includes("modulo-garibaldi"));

    const page = await s.app.inject(`${NEAREST}?colonia=&lat=${BELLAS_ARTES.lat}&lon=${BELLAS_ARTES.lon}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /La oficina más cercana que ofrece «Licencia de funcionamiento» es <a href="\/cuauhtemoc\/oficinas\/oficina-zocalo">Oficina Zócalo<\/a> a 890 m del punto que indicó/);
    assert.match(page.body, /Módulo Parque México<\/a>, a 3\.9 km/);
    assert.match(page.body, /sin ubicación en el mapa/);
  });

  it("from colonia Hipódromo measures from a point inside the colonia and answers the Parque México office", async () => {
    const hipodromo = await findColoniaBySlug(s.t.services.db, s.w.cuauhtemoc.id, "hipodromo");
    assert.ok(hipodromo, "the demo territory has colonia Hipódromo");
    const [lon, lat] = representativePoint(hipodromo.geometry as AreaGeometry);
    assert.equal(containsPoint(hipodromo.geometry as AreaGeometry, lon, lat), true);

    const res = await s.app.inject(`${API}?colonia=hipodromo`);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.nearest.slug, "modulo-parque-mexico");
    assert.deepEqual(body.from.colonia, { slug: "hipodromo", name: hipodromo.name });
    assert.ok(Math.abs(body.nearest.distanceKm - haversineKm({ lat, lon }, { lat: 19.4118, lon: -99.1694 })) <= 0.01);
    assert.ok(body.nearest.distanceKm < 1, "Parque México is inside Hipódromo");

    const page = await s.app.inject(`${NEAREST}?colonia=hipodromo&lat=&lon=`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Módulo Parque México</a> a \\d+ m de la colonia ${hipodromo.name}`));
  });

  it("says honestly that no office offers a procedure, on the page and in the API", async () => {
    const page = await s.app.inject(`/cuauhtemoc/tramites/constancia-de-huerfano/oficina-cercana?colonia=centro`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Por ahora ninguna oficina ofrece «Constancia de huérfano» en persona/);
    const api = await s.app.inject(`/api/v1/municipalities/cuauhtemoc/tramites/constancia-de-huerfano/oficina-cercana?lat=19.4326&lon=-99.1332`);
    assert.equal(api.statusCode, 200);
    assert.deepEqual({ nearest: api.json().nearest, alternatives: api.json().alternatives, withoutLocation: api.json().withoutLocation }, { nearest: null, alternatives: [], withoutLocation: [] });

    // Offered only where there is no location: it says so and lists them, without a distance.
    await s.t.services.db.deleteFrom("office_procedures").where("office_id", "in", [s.w.offices.zocalo, s.w.offices.parque]).execute();
    const unlocated = await s.app.inject(`${NEAREST}?colonia=centro`);
    assert.equal(unlocated.statusCode, 200);
    assert.match(unlocated.body, /Las oficinas que ofrecen «Licencia de funcionamiento» aún no tienen ubicación en el mapa/);
    assert.match(unlocated.body, /Unidad móvil sin ubicación<\/a>/);
    assert.doesNotMatch(unlocated.body, / km | m del /);
  });

  it("refuses a point outside the municipality with 422: a form error on the page, problem+json in the API", async () => {
    const page = await s.app.inject(`${NEAREST}?colonia=&lat=${COYOACAN.lat}&lon=${COYOACAN.lon}`);
    assert.equal(page.statusCode, 422);
    assert.match(page.headers["content-type"] as string, /text\/html/);
    assert.match(page.body, /Ese punto está fuera de Cuauhtémoc/);
    assert.match(page.body, /href="#campo-lat"/);

    const api = await s.app.inject(`${API}?lat=${COYOACAN.lat}&lon=${COYOACAN.lon}`);
    assert.equal(api.statusCode, 422);
    assert.match(api.headers["content-type"] as string, /application\/problem\+json/);
    assert.equal(api.json().errors[0].field, "lat");
  });

  it("answers bad input with Spanish problem+json (400 for malformed numbers, 422 for a missing or doubled place) and form errors on the page, never a 500", async () => {
    for (const q of ["lat=abc&lon=-99.13", "lat=91&lon=-99.13", "lat=19.4&lon=-181", "colonia=DROP%20TABLE"]) {
      const res = await s.app.inject(`${API}?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.match(res.headers["content-type"] as string, /application\/problem\+json/);
    }
    const cases: [string, number, string, RegExp][] = [
      ["", 422, "where", /Elija su colonia o use su ubicación/],
      ["lat=19.43", 422, "lon", /latitud y la longitud/],
      ["colonia=centro&lat=19.43&lon=-99.13", 422, "where", /no las dos/],
      ["colonia=no-existe", 422, "colonia", /No encontramos esa colonia/],
    ];
    for (const [q, status, field, message] of cases) {
      const res = await s.app.inject(`${API}?${q}`);
      assert.equal(res.statusCode, status, q);
      assert.equal(res.json().errors[0].field, field, q);
      assert.match(res.json().detail, message, q);
    }
    const page = await s.app.inject(`${NEAREST}?colonia=&lat=diecinueve&lon=-99.13`);
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /La latitud debe ser un número decimal/);
    assert.equal((await s.app.inject(`${API.replace("licencia-de-funcionamiento", "no-existe")}?lat=19.43&lon=-99.13`)).statusCode, 404);
  });

  it("describes the API in the OpenAPI document", async () => {
    const doc = (await s.app.inject("/api/docs/json")).json();
    const op = doc.paths["/api/v1/municipalities/{slug}/tramites/{procedure}/oficina-cercana"]?.get;
    assert.ok(op, "the route is documented");
    assert.deepEqual(op.parameters.filter((p: { in: string }) => p.in === "query").map((p: { name: string }) => p.name).sort(), ["colonia", "lat", "lon"]);
    assert.ok(op.responses["200"].content["application/json"].schema.properties.nearest);
  });
});
