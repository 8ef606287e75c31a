import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";

/**
 * The next folio of a municipality for a year, e.g. LEON-2026-000123. The counter row is
 * incremented with a single upsert inside the caller's transaction, so concurrent requests
 * never share a number and a rolled-back request gives its number back.
 */
export async function nextFolio(trx: Executor, municipalityId: number, prefix: string, year: number): Promise<string> {
  const row = await sql<{ last_number: number }>`
    insert into request_folio_counters (municipality_id, year, last_number) values (${municipalityId}, ${year}, 1)
    on conflict (municipality_id, year) do update set last_number = request_folio_counters.last_number + 1
    returning last_number`.execute(trx);
  return formatFolio(prefix, year, row.rows[0]!.last_number);
}

export function formatFolio(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, "0")}`;
}

/** Folios are typed by people: accept any case and surrounding spaces. */
export function normalizeFolio(text: string): string | null {
  const folio = text.trim().toUpperCase();
  return /^[A-Z0-9]{2,12}-\d{4}-\d{6,}$/.test(folio) ? folio : null;
}
