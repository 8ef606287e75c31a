/**
 * The 32 states as the state view names them in URLs (/estados/guanajuato/planes). INEGI calls
 * state 15 "México"; people call it Estado de México, and "mexico" alone would read as the
 * country, so its slug and name say so. The table has 32 rows: read whole, cached briefly.
 */
import type { Executor } from "../../platform/db/database.js";
import { SHARED_ROW_TTL_MS, TtlCache } from "../../platform/cache.js";
import { slugify } from "../territory/slug.js";

export interface StateRef {
  code: string;
  name: string;
  slug: string;
}

/** The usual name of a state from INEGI's (only state 15 is called plain "México"). */
export function stateDisplayName(inegiName: string): string {
  return inegiName === "México" ? "Estado de México" : inegiName;
}

/** The state's part of /estados/:state/planes, from INEGI's name. */
export function stateSlug(inegiName: string): string {
  return slugify(stateDisplayName(inegiName));
}

const statesCache = new TtlCache<string, StateRef[]>(SHARED_ROW_TTL_MS);

export async function listStates(db: Executor): Promise<StateRef[]> {
  const cached = statesCache.get("all");
  if (cached) return cached;
  const rows = await db.selectFrom("states").select(["code", "name"]).orderBy("name").execute();
  const states = rows.map((r) => ({ code: r.code, name: stateDisplayName(r.name), slug: stateSlug(r.name) }));
  // An empty table (before the catalogue is imported) is not remembered.
  if (states.length) statesCache.set("all", states);
  return states;
}

/** The state named by a URL slug, or undefined. */
export async function findStateBySlug(db: Executor, slug: string): Promise<StateRef | undefined> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return undefined;
  return (await listStates(db)).find((s) => s.slug === slug);
}

export async function findStateByCode(db: Executor, code: string | null): Promise<StateRef | undefined> {
  if (code === null) return undefined;
  return (await listStates(db)).find((s) => s.code === code);
}
