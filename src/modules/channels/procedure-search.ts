/**
 * Searching the catalogue in Spanish. First PostgreSQL's Spanish full-text search over the very
 * expression the migration indexes (name weighs most, then summary, then how to), so "licencias"
 * finds "Licencia de funcionamiento" and the gin index serves it; ranked by ts_rank. When that
 * finds nothing — a misspelling ("liscencia"), a fragment of a word — a fallback on the name,
 * accents ignored: a substring, or trigram word similarity (pg_trgm). An empty query lists the
 * catalogue alphabetically.
 */
import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { procedureQuery, toProcedure, type ProcedureRow } from "./procedure-queries.js";
import type { ProcedureKind } from "./tables.js";

/** Must stay the expression of the index municipal_procedures_search (migration 001), letter for letter. */
export const DOCUMENT = sql`(setweight(to_tsvector('spanish', p.name), 'A') || setweight(to_tsvector('spanish', p.summary), 'B') || setweight(to_tsvector('spanish', p.how_to), 'C'))`;

/** How alike a misspelt query and a word run of a name must be (pg_trgm word_similarity, 0–1). */
export const FALLBACK_SIMILARITY = 0.5;

export interface ProcedureSearch {
  q: string;
  kind: ProcedureKind | null;
  page: number;
  perPage: number;
  /** Staff lists include inactive procedures. */
  includeInactive?: boolean;
}

export interface ProcedureSearchResult {
  rows: ProcedureRow[];
  total: number;
  /** The results come from the fallback (no full-text match): a page says they are approximate. */
  approximate: boolean;
}

function filtered(db: Executor, municipalityId: number, s: ProcedureSearch) {
  let q = procedureQuery(db, municipalityId);
  if (!s.includeInactive) q = q.where("p.active", "=", true);
  if (s.kind) q = q.where("p.kind", "=", s.kind);
  return q;
}

async function page(db: Executor, municipalityId: number, s: ProcedureSearch, where: RawBuilder<boolean> | null, order: RawBuilder<unknown>[]): Promise<{ rows: ProcedureRow[]; total: number }> {
  let q = filtered(db, municipalityId, s);
  if (where) q = q.where(where);
  const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  if (total === 0) return { rows: [], total };
  let ordered = q;
  for (const o of order) ordered = ordered.orderBy(o);
  const rows = await ordered.orderBy("p.name").orderBy("p.id").limit(s.perPage).offset((s.page - 1) * s.perPage).execute();
  return { rows: rows.map(toProcedure), total };
}

export async function searchProcedures(db: Executor, municipalityId: number, s: ProcedureSearch): Promise<ProcedureSearchResult> {
  const text = s.q.replace(/\s+/g, " ").trim().slice(0, 200);
  if (!text) return { ...(await page(db, municipalityId, s, null, [])), approximate: false };

  const query = sql`websearch_to_tsquery('spanish', ${text})`;
  const fullText = await page(db, municipalityId, s, sql<boolean>`${DOCUMENT} @@ ${query}`, [sql`ts_rank(${DOCUMENT}, ${query}) desc`]);
  if (fullText.total > 0) return { ...fullText, approximate: false };

  const folded = text.toLowerCase();
  const pattern = `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const similarity = sql`word_similarity(unaccent(${folded}), unaccent(lower(p.name)))`;
  const fallback = await page(
    db,
    municipalityId,
    s,
    sql<boolean>`(unaccent(lower(p.name)) like unaccent(${pattern}) or ${similarity} >= ${FALLBACK_SIMILARITY})`,
    [sql`${similarity} desc`],
  );
  return { ...fallback, approximate: true };
}
