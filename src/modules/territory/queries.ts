import type { Executor } from "../../platform/db/database.js";
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
