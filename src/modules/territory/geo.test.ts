import { createTestContext, type TestContext } from "../../platform/testing.js";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { containsPoint, type AreaGeometry } from "./geo.js";
import { findColoniaAt, isInsideMunicipality } from "./lookup.js";
import { importMunicipalities } from "./importers/municipalities.js";
import { importBoundary, parseColoniasGeoJson } from "./importers/geojson.js";
import { upsertColonias } from "./importers/colonias.js";
import { activateMunicipality } from "./service.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const data = (f: string) => fs.readFileSync(path.join(here, "data", f), "utf8");
const CUAUHTEMOC = 9015;

describe("point in polygon", () => {
  // A 10×10 square with a 2×2 hole in the middle, plus a separate 1×1 island.
  const square: AreaGeometry = {
    type: "MultiPolygon",
    coordinates: [
      [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
      ],
      [[[20, 20], [21, 20], [21, 21], [20, 21], [20, 20]]],
    ],
  };
  it("finds points inside the outer ring and outside holes", () => {
    assert.equal(containsPoint(square, 1, 1), true);
    assert.equal(containsPoint(square, 9.9, 5), true);
  });
  it("excludes points in a hole", () => assert.equal(containsPoint(square, 5, 5), false));
  it("finds points in the second polygon of a MultiPolygon", () => assert.equal(containsPoint(square, 20.5, 20.5), true));
  it("excludes points outside every polygon", () => {
    assert.equal(containsPoint(square, 15, 15), false);
    assert.equal(containsPoint(square, -1, 5), false);
  });
  it("handles a concave polygon", () => {
    const u: AreaGeometry = { type: "Polygon", coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    assert.equal(containsPoint(u, 1.5, 2), false, "inside the notch of the U");
    assert.equal(containsPoint(u, 0.5, 2), true);
  });
});

describe("colonia lookup on the real SEDUVI polygons of Cuauhtémoc", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
    await importMunicipalities(ctx.services.db);
    await activateMunicipality(ctx.services.db, { inegiKey: "09015", slug: "cuauhtemoc", folioPrefix: "CUAUH" });
  });
  after(() => ctx.close());

  // Expected colonias were checked with an independent ray-casting script over the same file.
  it("finds nothing before the polygons are imported, then sees the import (cache invalidated)", async () => {
    assert.equal(await findColoniaAt(ctx.services.db, CUAUHTEMOC, -99.1332, 19.4326), null);
    await upsertColonias(ctx.services.db, CUAUHTEMOC, "geojson", parseColoniasGeoJson(data("cuauhtemoc_colonias_seduvi.geojson"), "09015"));
    await importBoundary(ctx.services.db, CUAUHTEMOC, data("cuauhtemoc_alcaldia.geojson"), "cuauhtemoc_alcaldia.geojson");
    const zocalo = await findColoniaAt(ctx.services.db, CUAUHTEMOC, -99.1332, 19.4326);
    assert.equal(zocalo?.name, "Centro");
    assert.equal(zocalo?.postalCode, "06000");
  });

  it("places landmarks in their colonias", async () => {
    const at = async (lon: number, lat: number) => (await findColoniaAt(ctx.services.db, CUAUHTEMOC, lon, lat))?.name;
    assert.equal(await at(-99.1412, 19.4352), "Centro", "Palacio de Bellas Artes");
    assert.equal(await at(-99.1694, 19.4118), "Hipódromo", "Parque México");
    assert.equal(await at(-99.1545, 19.4361), "Tabacalera", "Monumento a la Revolución");
    assert.equal(await at(-99.14021, 19.40547), "Algarín", "an interior point of Algarín");
  });

  it("returns null for a point inside the alcaldía that no colonia polygon covers", async () => {
    assert.equal(await findColoniaAt(ctx.services.db, CUAUHTEMOC, -99.13617, 19.40321), null);
    assert.equal(await isInsideMunicipality(ctx.services.db, CUAUHTEMOC, -99.13617, 19.40321), true);
  });

  it("knows a point in Coyoacán is outside Cuauhtémoc and its colonias", async () => {
    assert.equal(await findColoniaAt(ctx.services.db, CUAUHTEMOC, -99.162, 19.35), null);
    assert.equal(await isInsideMunicipality(ctx.services.db, CUAUHTEMOC, -99.162, 19.35), false);
    assert.equal(await isInsideMunicipality(ctx.services.db, CUAUHTEMOC, -99.1332, 19.4326), true);
  });

  it("answers null for a municipality without a boundary", async () => {
    assert.equal(await isInsideMunicipality(ctx.services.db, 11020, -101.68, 21.12), null);
  });
});
