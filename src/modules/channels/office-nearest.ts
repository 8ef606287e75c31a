/**
 * "The nearest office for this service": great-circle distance from a point — the person's
 * location, or the representative point of their colonia — to every active office with a map
 * location that offers the procedure, nearest first (ties by name). Offices that offer it but
 * have no location are returned apart, so a page can list them honestly as "sin ubicación en el
 * mapa" instead of leaving them out. Plain TypeScript over the colonia polygons (no PostGIS).
 */
import type { Executor } from "../../platform/db/database.js";
import { containsPoint, polygonsOf, type AreaGeometry, type Position, type Ring } from "../territory/geo.js";
import { Checker } from "../plans/staff-inputs.js";
import { isInsideMunicipality } from "../territory/lookup.js";
import { findColoniaBySlug } from "../territory/queries.js";
import { ChannelInputError } from "./errors.js";
import { officesOfferingProcedure, type OfficeRow } from "./office-queries.js";
import { checkLocation, finish } from "./office-inputs.js";

/** Mean Earth radius (IUGG), the R of the haversine formula. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface Point {
  lat: number;
  lon: number;
}

const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres between two WGS84 points (haversine). */
export function haversineKm(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Signed area (shoelace) and first moments of a ring, in the plane of lon/lat degrees. */
function ringMoments(ring: Ring): { area: number; mx: number; my: number } {
  let twiceArea = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    mx += (x0 + x1) * cross;
    my += (y0 + y1) * cross;
  }
  return { area: twiceArea / 2, mx: mx / 6, my: my / 6 };
}

/**
 * The area-weighted centroid of a polygon or multipolygon (holes subtracted), or null when the
 * area is zero. At a colonia's scale the lon/lat plane is close enough to flat for a centroid.
 */
export function areaCentroid(geometry: AreaGeometry): Position | null {
  let area = 0;
  let mx = 0;
  let my = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, i) => {
      const m = ringMoments(ring);
      // The outer ring adds and the holes subtract, whatever way each ring was drawn.
      const sign = (i === 0 ? 1 : -1) * Math.sign(m.area);
      area += sign * m.area;
      mx += sign * m.mx;
      my += sign * m.my;
    });
  }
  return area > 0 ? [mx / area, my / area] : null;
}

/**
 * A point inside a colonia to measure from: its area-weighted centroid when that falls inside
 * (most colonias), else the middle of its bounding box when that does, else — for a C- or
 * L-shaped polygon — the first point found from its vertices: the centroid of the triangle each
 * vertex forms with its neighbours, or the middle of the chord to the vertex two further on.
 * Failing all that, its first vertex.
 */
export function representativePoint(geometry: AreaGeometry): Position {
  const inside = (p: Position | null): p is Position => p !== null && containsPoint(geometry, p[0], p[1]);
  const centroid = areaCentroid(geometry);
  if (inside(centroid)) return centroid;
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const [lon, lat] of polygon[0]!) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  const middle: Position = [(west + east) / 2, (south + north) / 2];
  if (inside(middle)) return middle;
  const outer = polygonsOf(geometry)[0]![0]!;
  const n = outer.length - 1; // the ring repeats its first vertex at the end
  for (let i = 0; i < n; i++) {
    const a = outer[(i + n - 1) % n]!;
    const b = outer[i]!;
    const c = outer[(i + 1) % n]!;
    const triangle: Position = [(a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3];
    if (inside(triangle)) return triangle;
    const chord: Position = [(b[0] + outer[(i + 2) % n]![0]) / 2, (b[1] + outer[(i + 2) % n]![1]) / 2];
    if (inside(chord)) return chord;
  }
  return outer[0]!;
}

export interface OfficeDistance {
  office: OfficeRow;
  distanceKm: number;
}

export interface NearestOffices {
  /** Offices with a location, nearest first. */
  located: OfficeDistance[];
  /** Offices that offer the procedure but have no location on the map, by name. */
  unlocated: OfficeRow[];
}

const byName = (a: OfficeRow, b: OfficeRow) => a.name.localeCompare(b.name, "es") || a.id - b.id;

/** Ranks offices by distance from a point; pure, so the ordering is tested without a database. */
export function rankOffices(offices: OfficeRow[], from: Point): NearestOffices {
  const located: OfficeDistance[] = [];
  const unlocated: OfficeRow[] = [];
  for (const office of offices) {
    if (office.lat === null || office.lon === null) unlocated.push(office);
    else located.push({ office, distanceKm: haversineKm(from, { lat: office.lat, lon: office.lon }) });
  }
  located.sort((a, b) => a.distanceKm - b.distanceKm || byName(a.office, b.office));
  unlocated.sort(byName);
  return { located, unlocated };
}

/** The active offices of the municipality that offer the procedure, ranked by distance from `from`. */
export async function nearestOffices(db: Executor, municipalityId: number, procedureId: number, from: Point): Promise<NearestOffices> {
  return rankOffices(await officesOfferingProcedure(db, municipalityId, procedureId), from);
}

/**
 * Where to measure from, as a person gave it: a colonia of the list (its representative point)
 * or a point (lat/lon typed, or filled by "usar mi ubicación"), never both. A mistake is a
 * ChannelInputError with the field it concerns (422): a point outside the municipality, a colonia
 * unknown or without a polygon, a malformed coordinate.
 */
export async function originOf(
  db: Executor,
  municipality: { id: number; name: string },
  given: { colonia: string; lat: string; lon: string },
): Promise<{ point: Point; colonia: { slug: string; name: string } | null }> {
  const colonia = given.colonia.trim();
  const hasPoint = given.lat.trim() !== "" || given.lon.trim() !== "";
  if (colonia && hasPoint) throw ChannelInputError.single("where", "Elija una colonia o use una ubicación, no las dos.");
  if (!colonia && !hasPoint) throw ChannelInputError.single("where", "Elija su colonia o use su ubicación para buscar la oficina más cercana.");
  if (colonia) {
    const row = await findColoniaBySlug(db, municipality.id, colonia);
    if (!row) throw ChannelInputError.single("colonia", `No encontramos esa colonia en ${municipality.name}: elíjala de la lista.`);
    if (!row.geometry) throw ChannelInputError.single("colonia", `Aún no tenemos el polígono de la colonia ${row.name}: use su ubicación o escriba sus coordenadas.`);
    const [lon, lat] = representativePoint(row.geometry as AreaGeometry);
    return { point: { lat, lon }, colonia: { slug: row.slug, name: row.name } };
  }
  const c = new Checker();
  const location = checkLocation(c, given.lat, given.lon, "Escriba la latitud y la longitud del punto desde donde busca.");
  finish(c);
  if ((await isInsideMunicipality(db, municipality.id, location!.lon, location!.lat)) === false) {
    throw ChannelInputError.single("lat", `Ese punto está fuera de ${municipality.name}: busque desde un lugar dentro del municipio o elija una colonia.`);
  }
  return { point: location!, colonia: null };
}
