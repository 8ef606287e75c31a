import { sql } from "kysely";
import { presentDepartment, type ColoniaRow, type MunicipalityListRow, type PublicDepartment } from "./presenters.js";
import type { Executor } from "../../platform/db/database.js";
import { SHARED_ROW_TTL_MS, TtlCache } from "../../platform/cache.js";
import type { PageMunicipality } from "../../platform/views/context.js";

export interface ActiveMunicipality extends PageMunicipality {
  timeZone: string;
  folioPrefix: string;
  stateCode: string;
  population: number | null;
}

/** An active municipality by its URL slug, or null (unknown or not active on Cabildo). */
export async function findActiveMunicipalityBySlug(db: Executor, slug: string): Promise<ActiveMunicipality | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  return municipalityBySlug.getOrLoad(slug, () => loadActiveMunicipality(db, slug));
}

/** Read on nearly every request; see src/platform/cache.ts for how edits reach other processes. */
export const municipalityBySlug = new TtlCache<string, ActiveMunicipality | null>(SHARED_ROW_TTL_MS);

async function loadActiveMunicipality(db: Executor, slug: string): Promise<ActiveMunicipality | null> {
  const row = await db
    .selectFrom("municipalities as m")
    .innerJoin("states as s", "s.code", "m.state_code")
    .select(["m.id", "m.slug", "m.name", "s.name as state_name", "m.settings", "m.time_zone", "m.folio_prefix", "m.state_code", "m.population"])
    .where("m.slug", "=", slug)
    .where("m.active", "=", true)
    .executeTakeFirst();
  if (!row) return null;
  const settings = (row.settings ?? {}) as { brandColor?: string };
  return {
    id: row.id,
    slug: row.slug!,
    name: row.name,
    stateName: row.state_name,
    brandColor: settings.brandColor,
    timeZone: row.time_zone,
    folioPrefix: row.folio_prefix!,
    stateCode: row.state_code,
    population: row.population,
  };
}


export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  perPage: number;
}

/** `%text%` for ILIKE with the user's % and _ taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Active municipalities for the landing page, largest first. */
export async function listActiveMunicipalities(db: Executor): Promise<MunicipalityListRow[]> {
  return db
    .selectFrom("municipalities as m")
    .innerJoin("states as s", "s.code", "m.state_code")
    .select(["m.id", "m.name", "s.name as state_name", "m.population", "m.slug", "m.active"])
    .where("m.active", "=", true)
    .orderBy("m.population", "desc")
    .orderBy("m.name")
    .execute();
}

/** The whole INEGI catalogue, searchable by municipality or state name, accents ignored. */
export async function searchMunicipalities(db: Executor, options: { q?: string; page: number; perPage: number }): Promise<Paged<MunicipalityListRow>> {
  const q = options.q?.trim().slice(0, 100) ?? "";
  let query = db.selectFrom("municipalities as m").innerJoin("states as s", "s.code", "m.state_code");
  if (q) {
    const pattern = likePattern(q);
    query = query.where(sql<boolean>`(unaccent(m.name) ilike unaccent(${pattern}) or unaccent(s.name) ilike unaccent(${pattern}) or m.name % ${q})`);
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await query
    .select(["m.id", "m.name", "s.name as state_name", "m.population", "m.slug", "m.active"])
    .orderBy("m.active", "desc")
    .orderBy(q ? sql`similarity(m.name, ${q})` : sql`m.state_code`, q ? "desc" : "asc")
    .orderBy("m.name")
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage)
    .execute();
  return { rows, total, page: options.page, perPage: options.perPage };
}

/** Colonias of a municipality by name (accents ignored) or postal code, alphabetically. */
export async function listColonias(
  db: Executor,
  municipalityId: number,
  options: { q?: string; postalCode?: string; page: number; perPage: number },
): Promise<Paged<ColoniaRow>> {
  let query = db.selectFrom("colonias").where("municipality_id", "=", municipalityId);
  const q = options.q?.trim().slice(0, 100) ?? "";
  if (/^\d{5}$/.test(q)) query = query.where("postal_code", "=", q);
  else if (q) query = query.where(sql<boolean>`unaccent(name) ilike unaccent(${likePattern(q)})`);
  if (options.postalCode) query = query.where("postal_code", "=", options.postalCode);
  const total = Number((await query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await query
    .select(["id", "name", "slug", "settlement_type", "postal_code", "zone"])
    .select(sql<boolean>`geometry is not null`.as("has_geometry"))
    .orderBy(sql`unaccent(name)`)
    .orderBy("id")
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage)
    .execute();
  return { rows, total, page: options.page, perPage: options.perPage };
}

/** Every colonia of a municipality for a select, by name without accents (up to 5,000). */
export async function listColoniaOptions(db: Executor, municipalityId: number): Promise<{ id: number; name: string; postalCode: string | null }[]> {
  const rows = await db.selectFrom("colonias").select(["id", "name", "postal_code"]).where("municipality_id", "=", municipalityId).orderBy(sql`unaccent(name)`).orderBy("id").limit(5000).execute();
  return rows.map((c) => ({ id: c.id, name: c.name, postalCode: c.postal_code }));
}

export async function findColoniaBySlug(db: Executor, municipalityId: number, slug: string): Promise<(ColoniaRow & { geometry: unknown }) | null> {
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) return null;
  const row = await db
    .selectFrom("colonias")
    .select(["id", "name", "slug", "settlement_type", "postal_code", "zone", "geometry"])
    .where("municipality_id", "=", municipalityId)
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row ? { ...row, has_geometry: row.geometry !== null } : null;
}

/** Every colonia with a polygon, for the GeoJSON export and maps. */
export async function coloniaFeatures(db: Executor, municipalityId: number): Promise<(ColoniaRow & { geometry: unknown })[]> {
  return db
    .selectFrom("colonias")
    .select(["id", "name", "slug", "settlement_type", "postal_code", "zone", "geometry"])
    .where("municipality_id", "=", municipalityId)
    .where("geometry", "is not", null)
    .orderBy("name")
    .execute();
}

export async function territoryCounts(db: Executor, municipalityId: number): Promise<{ colonias: number; localities: number; hasBoundary: boolean }> {
  const r = await sql<{ colonias: string; localities: string; boundary: boolean }>`
    select (select count(*) from colonias where municipality_id = ${municipalityId}) as colonias,
           (select count(*) from localities where municipality_id = ${municipalityId}) as localities,
           exists (select 1 from municipal_boundaries where municipality_id = ${municipalityId}) as boundary`.execute(db);
  const row = r.rows[0]!;
  return { colonias: Number(row.colonias), localities: Number(row.localities), hasBoundary: row.boundary };
}

/** Departments (dependencias) of a municipality, alphabetically; inactive ones only on request. */
export async function listDepartments(db: Executor, municipalityId: number, options: { includeInactive?: boolean } = {}): Promise<PublicDepartment[]> {
  let query = db.selectFrom("departments").selectAll().where("municipality_id", "=", municipalityId);
  if (!options.includeInactive) query = query.where("active", "=", true);
  return (await query.orderBy("name").execute()).map(presentDepartment);
}

/** Catalogue municipalities for `cabildo municipality list`. */
export async function listCatalogue(db: Executor, options: { activeOnly: boolean }) {
  let query = db
    .selectFrom("municipalities as m")
    .innerJoin("states as s", "s.code", "m.state_code")
    .select(["m.id", "m.name", "s.name as state_name", "m.slug", "m.active", "m.folio_prefix", "m.time_zone", "m.population"]);
  if (options.activeOnly) query = query.where("m.active", "=", true);
  return query.orderBy("m.id").execute();
}
