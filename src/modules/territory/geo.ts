/**
 * Plain-TypeScript geometry for GeoJSON polygons (no PostGIS): validation, bounding boxes
 * and exact point-in-polygon by ray casting, with holes and MultiPolygons.
 */
export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];
export type AreaGeometry = { type: "Polygon"; coordinates: PolygonCoords } | { type: "MultiPolygon"; coordinates: PolygonCoords[] };
export interface BBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Feature {
  type: "Feature";
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates?: unknown } | null;
}

import { TerritoryError } from "./errors.js";

export class GeoJsonError extends TerritoryError {}

/** Parse a FeatureCollection or explain in Spanish why the text is not one. */
export function parseFeatureCollection(text: string, fileLabel: string): Feature[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new GeoJsonError(`${fileLabel} no es JSON válido (${(error as Error).message}).`);
  }
  const fc = data as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== "object" || fc.type !== "FeatureCollection" || !Array.isArray(fc.features)) {
    throw new GeoJsonError(`${fileLabel} no es un FeatureCollection de GeoJSON (falta "type": "FeatureCollection" con "features").`);
  }
  if (fc.features.length === 0) throw new GeoJsonError(`${fileLabel} no contiene elementos (features).`);
  return fc.features.map((f, i) => {
    const feature = f as Feature;
    if (!feature || typeof feature !== "object" || feature.type !== "Feature") {
      throw new GeoJsonError(`El elemento ${i + 1} de ${fileLabel} no es un Feature de GeoJSON.`);
    }
    return feature;
  });
}

function isPosition(p: unknown): p is Position {
  return (
    Array.isArray(p) && p.length >= 2 && typeof p[0] === "number" && typeof p[1] === "number" &&
    Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90
  );
}

function isPolygonCoords(c: unknown): c is PolygonCoords {
  return Array.isArray(c) && c.length > 0 && c.every((ring) => Array.isArray(ring) && ring.length >= 4 && ring.every(isPosition));
}

/** The feature's geometry if it is a valid Polygon or MultiPolygon in WGS84; otherwise null. */
export function asAreaGeometry(geometry: Feature["geometry"]): AreaGeometry | null {
  if (!geometry) return null;
  if (geometry.type === "Polygon" && isPolygonCoords(geometry.coordinates)) {
    return { type: "Polygon", coordinates: stripPositions(geometry.coordinates) };
  }
  if (geometry.type === "MultiPolygon" && Array.isArray(geometry.coordinates) && geometry.coordinates.length > 0 && geometry.coordinates.every(isPolygonCoords)) {
    return { type: "MultiPolygon", coordinates: (geometry.coordinates as PolygonCoords[]).map(stripPositions) };
  }
  return null;
}

/** Keep only lon/lat (drop altitude) so stored geometry is small and uniform. */
function stripPositions(polygon: PolygonCoords): PolygonCoords {
  return polygon.map((ring) => ring.map((p) => [p[0], p[1]] as Position));
}

export function polygonsOf(geometry: AreaGeometry): PolygonCoords[] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

export function bboxOf(geometry: AreaGeometry): BBox {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const [lon, lat] of polygon[0]!) {
      if (lon < west) west = lon;
      if (lon > east) east = lon;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
    }
  }
  return { west, south, east, north };
}

/** Even-odd ray casting on one ring. */
function insideRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring of some polygon and outside all of that polygon's holes. */
export function containsPoint(geometry: AreaGeometry, lon: number, lat: number): boolean {
  for (const polygon of polygonsOf(geometry)) {
    if (!insideRing(polygon[0]!, lon, lat)) continue;
    let inHole = false;
    for (let h = 1; h < polygon.length; h++) {
      if (insideRing(polygon[h]!, lon, lat)) {
        inHole = true;
        break;
      }
    }
    if (!inHole) return true;
  }
  return false;
}

/** Valid WGS84 longitude/latitude. */
export function validCoordinates(lon: number, lat: number): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}
