/**
 * Point → colonia speed: `npx tsx bench/geo-lookup.ts`.
 * Measures the in-memory index (Flatbush + ray casting) on the 33 real Cuauhtémoc polygons
 * and on a synthetic grid of 10,000 square colonias, and prints lookups per second.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ColoniaIndex } from "../src/modules/territory/lookup.js";
import { bboxOf, type AreaGeometry } from "../src/modules/territory/geo.js";
import { parseColoniasGeoJson } from "../src/modules/territory/importers/geojson.js";

const here = path.dirname(fileURLToPath(import.meta.url));

function indexOf(items: { name: string; geometry: AreaGeometry }[]): ColoniaIndex {
  return new ColoniaIndex(
    items.map((c, i) => {
      const b = bboxOf(c.geometry);
      return {
        id: i + 1, name: c.name, slug: `c${i}`, settlementType: "Colonia", postalCode: null, zone: null,
        geometry: c.geometry, bbox: [b.west, b.south, b.east, b.north], area: (b.east - b.west) * (b.north - b.south),
      };
    }),
  );
}

function measure(label: string, index: ColoniaIndex, box: [number, number, number, number], n = 200_000): void {
  // Deterministic pseudo-random points (xorshift) so runs are comparable.
  let s = 0x9e3779b9;
  const rand = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 0x1_0000_0000);
  const points = Array.from({ length: n }, () => [box[0] + rand() * (box[2] - box[0]), box[1] + rand() * (box[3] - box[1])] as const);
  let hits = 0;
  const started = process.hrtime.bigint();
  for (const [lon, lat] of points) if (index.find(lon, lat)) hits++;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rate = Math.round(n / seconds).toLocaleString("es-MX");
  console.log(`${label}: ${index.size} polígonos, ${n.toLocaleString("es-MX")} búsquedas en ${seconds.toFixed(2)} s → ${rate} búsquedas/s (${((hits / n) * 100).toFixed(1)} % dentro de alguna colonia)`);
}

const real = parseColoniasGeoJson(fs.readFileSync(path.join(here, "../src/modules/territory/data/cuauhtemoc_colonias_seduvi.geojson"), "utf8"), "09015");
const realIndex = indexOf(real.map((d) => ({ name: d.name, geometry: d.geometry! })));
measure("Cuauhtémoc (SEDUVI)", realIndex, [-99.1843, 19.3998, -99.1222, 19.4658]);

const side = 100;
const cell = 0.001;
const grid = [];
for (let i = 0; i < side; i++) {
  for (let j = 0; j < side; j++) {
    const [x, y] = [-101.7 + i * cell, 21.0 + j * cell];
    grid.push({ name: `${i}-${j}`, geometry: { type: "Polygon", coordinates: [[[x, y], [x + cell, y], [x + cell, y + cell], [x, y + cell], [x, y]]] } as AreaGeometry });
  }
}
measure("Cuadrícula sintética", indexOf(grid), [-101.7, 21.0, -101.7 + side * cell, 21.0 + side * cell]);
