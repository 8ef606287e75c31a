/**
 * Point → colonia without PostGIS: a Flatbush R-tree over colonia bounding boxes narrows the
 * candidates, exact ray casting decides. One index per municipality, cached in the process;
 * importers invalidate it, and other processes notice a change through a cheap version query.
 */
import Flatbush from "flatbush";
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { containsPoint, type AreaGeometry } from "./geo.js";

export interface ColoniaHit {
  id: number;
  name: string;
  slug: string;
  settlementType: string;
  postalCode: string | null;
  zone: string | null;
}

export interface IndexedColonia extends ColoniaHit {
  geometry: AreaGeometry;
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
  area: number;
}

/** A spatial index over a set of colonia polygons; pure, so the benchmark can use it directly. */
export class ColoniaIndex {
  private readonly tree: Flatbush | null;
  constructor(private readonly colonias: IndexedColonia[]) {
    if (colonias.length === 0) {
      this.tree = null;
      return;
    }
    this.tree = new Flatbush(colonias.length);
    for (const c of colonias) this.tree.add(c.bbox[0], c.bbox[1], c.bbox[2], c.bbox[3]);
    this.tree.finish();
  }

  get size(): number {
    return this.colonias.length;
  }

  /** The colonia containing the point; where polygons overlap, the one with the smaller box. */
  find(lon: number, lat: number): ColoniaHit | null {
    if (!this.tree) return null;
    let best: IndexedColonia | null = null;
    for (const i of this.tree.search(lon, lat, lon, lat)) {
      const c = this.colonias[i]!;
      if ((!best || c.area < best.area) && containsPoint(c.geometry, lon, lat)) best = c;
    }
    if (!best) return null;
    const { id, name, slug, settlementType, postalCode, zone } = best;
    return { id, name, slug, settlementType, postalCode, zone };
  }
}

const RECHECK_MS = 2000;
interface CacheEntry<T> {
  version: string;
  checkedAt: number;
  value: T;
}
const coloniaCache = new Map<number, CacheEntry<ColoniaIndex>>();
const boundaryCache = new Map<number, CacheEntry<AreaGeometry | null>>();

/** Forget cached geometry of a municipality (called by importers after they commit). */
export function invalidateColoniaIndex(municipalityId: number): void {
  coloniaCache.delete(municipalityId);
  boundaryCache.delete(municipalityId);
}

async function coloniaVersion(db: Executor, municipalityId: number): Promise<string> {
  const r = await sql<{ n: string; m: string | null }>`
    select count(*)::text as n, max(updated_at)::text as m from colonias
    where municipality_id = ${municipalityId} and geometry is not null`.execute(db);
  return `${r.rows[0]!.n}/${r.rows[0]!.m ?? ""}`;
}

async function cached<T>(
  cache: Map<number, CacheEntry<T>>,
  municipalityId: number,
  version: () => Promise<string>,
  load: () => Promise<T>,
): Promise<T> {
  const entry = cache.get(municipalityId);
  const now = Date.now();
  if (entry && now - entry.checkedAt < RECHECK_MS) return entry.value;
  const v = await version();
  if (entry && entry.version === v) {
    entry.checkedAt = now;
    return entry.value;
  }
  const value = await load();
  cache.set(municipalityId, { version: v, checkedAt: now, value });
  return value;
}

export async function loadColoniaIndex(db: Executor, municipalityId: number): Promise<ColoniaIndex> {
  return cached(coloniaCache, municipalityId, () => coloniaVersion(db, municipalityId), async () => {
    const rows = await db
      .selectFrom("colonias")
      .select(["id", "name", "slug", "settlement_type", "postal_code", "zone", "geometry", "bbox_west", "bbox_south", "bbox_east", "bbox_north"])
      .where("municipality_id", "=", municipalityId)
      .where("geometry", "is not", null)
      .execute();
    return new ColoniaIndex(
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        slug: r.slug,
        settlementType: r.settlement_type,
        postalCode: r.postal_code,
        zone: r.zone,
        geometry: r.geometry as AreaGeometry,
        bbox: [r.bbox_west!, r.bbox_south!, r.bbox_east!, r.bbox_north!],
        area: (r.bbox_east! - r.bbox_west!) * (r.bbox_north! - r.bbox_south!),
      })),
    );
  });
}

/** The colonia of a municipality that contains (lon, lat), or null. */
export async function findColoniaAt(db: Executor, municipalityId: number, lon: number, lat: number): Promise<ColoniaHit | null> {
  return (await loadColoniaIndex(db, municipalityId)).find(lon, lat);
}

/** Whether (lon, lat) lies inside the municipality's boundary; null when no boundary is loaded. */
export async function isInsideMunicipality(db: Executor, municipalityId: number, lon: number, lat: number): Promise<boolean | null> {
  const boundary = await cached(
    boundaryCache,
    municipalityId,
    async () => {
      const r = await sql<{ m: string | null }>`
        select max(updated_at)::text as m from municipal_boundaries where municipality_id = ${municipalityId}`.execute(db);
      return r.rows[0]?.m ?? "";
    },
    async () => {
      const row = await db.selectFrom("municipal_boundaries").select("geometry").where("municipality_id", "=", municipalityId).executeTakeFirst();
      return row ? (row.geometry as AreaGeometry) : null;
    },
  );
  if (!boundary) return null;
  return containsPoint(boundary, lon, lat);
}
