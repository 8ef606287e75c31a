/**
 * Reads of the public archive: answered access-to-information requests only (never ARCO, never
 * the requester), Spanish full-text search over the request and its answer (stems and accents,
 * migration 004), filters by department, year of receipt and outcome.
 */
import { sql, type SelectQueryBuilder } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { Database } from "../../platform/db/schema.js";
import { ANSWERED_STATUSES, type InfoStatus } from "./info-tables.js";
import { publicAttachments } from "./info-attachments-queries.js";
import { presentAttachment, type PresentedAttachment } from "./info-presenters.js";

export interface ArchiveFilter {
  q?: string;
  departmentId?: number | null;
  year?: number | null;
  outcome?: InfoStatus | null;
  page: number;
  perPage: number;
}

export interface ArchiveItem {
  folio: string;
  status: InfoStatus;
  body: string;
  answerExcerpt: string | null;
  receivedOn: string;
  answeredOn: string;
  departments: string[];
  /** Versiones públicas delivered with the answer. */
  attachments: PresentedAttachment[];
}

type ArchiveQuery = SelectQueryBuilder<Database & { r: Database["information_requests"] }, "r", object>;

/** The answered, public (information) requests of one municipality. */
function archiveBase(db: Executor, municipalityId: number): ArchiveQuery {
  return db
    .selectFrom("information_requests as r")
    .where("r.municipality_id", "=", municipalityId)
    .where("r.kind", "=", "information")
    .where("r.status", "in", [...ANSWERED_STATUSES]) as unknown as ArchiveQuery;
}

const excerpt = (text: string | null, max = 280): string | null => (text === null ? null : text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/**
 * Spanish nouns in -ción/-sión always carry the accent in the singular. The Spanish stemmer strips
 * "-ción"/"-ciones" only when written so, so a query typed without accents ("inundacion") would
 * miss the plural ("inundaciones"); writing the accent back lets both stems match. The query
 * function also searches the text as typed, unaccented.
 */
export function restoreSpanishAccents(q: string): string {
  return q.replace(/(\p{L}{2,})([cs])ion\b/giu, (_, stem: string, c: string) => `${stem}${c}${/\p{Lu}/u.test(c) ? "IÓN" : "ión"}`);
}

/**
 * One page of the archive; with `q`, the best matches first (ts_rank), otherwise the newest answers
 * first. `requestBase` is the public requests' path (/:slug/transparencia/solicitudes) for the download links.
 */
export async function searchArchive(db: Executor, municipalityId: number, f: ArchiveFilter, requestBase = ""): Promise<{ rows: ArchiveItem[]; total: number }> {
  let q = archiveBase(db, municipalityId);
  const text = f.q?.trim().slice(0, 200) ?? "";
  const tsq = sql`cabildo_search_query(${restoreSpanishAccents(text)})`;
  if (text) q = q.where(sql<boolean>`r.search_vector @@ ${tsq}`);
  if (f.outcome) q = q.where("r.status", "=", f.outcome);
  if (f.year) q = q.where("r.received_on", ">=", `${f.year}-01-01`).where("r.received_on", "<", `${f.year + 1}-01-01`);
  if (f.departmentId) {
    const dep = f.departmentId;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("information_request_turns as t")
          .select("t.request_id")
          .whereRef("t.municipality_id", "=", "r.municipality_id")
          .whereRef("t.request_id", "=", "r.id")
          .where("t.department_id", "=", dep),
      ),
    );
  }
  let page = q.select([
    "r.id", "r.folio", "r.status", "r.body", "r.answer_text", "r.competent_body",
    sql<string>`r.received_on::text`.as("received_on"),
    sql<string>`r.answered_on::text`.as("answered_on"),
    sql<string[] | null>`(select array_agg(d.name order by d.name) from information_request_turns t
      join departments d on d.municipality_id = t.municipality_id and d.id = t.department_id
      where t.municipality_id = r.municipality_id and t.request_id = r.id)`.as("departments"),
  ]);
  if (text) page = page.orderBy(sql`ts_rank(r.search_vector, ${tsq})`, "desc");
  page = page.orderBy("r.answered_on", "desc").orderBy("r.id", "desc");
  const [rows, count] = await Promise.all([
    page.limit(f.perPage).offset((f.page - 1) * f.perPage).execute(),
    q.select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const files = await publicAttachments(db, municipalityId, rows.map((r) => Number(r.id)));
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      folio: r.folio,
      status: r.status as InfoStatus,
      body: excerpt(r.body)!,
      answerExcerpt: excerpt(r.answer_text ?? r.competent_body),
      receivedOn: r.received_on,
      answeredOn: r.answered_on,
      departments: r.departments ?? [],
      attachments: files.filter((a) => a.requestId === Number(r.id)).map((a) => presentAttachment(a, `${requestBase}/${r.folio}`)),
    })),
  };
}

export interface ArchiveFacets {
  departments: { id: number; name: string }[];
  years: number[];
}

/** Departments that answered something and the years with answered requests, for the filters. */
export async function archiveFacets(db: Executor, municipalityId: number): Promise<ArchiveFacets> {
  const [departments, years] = await Promise.all([
    db
      .selectFrom("departments as d")
      .select(["d.id", "d.name"])
      .where("d.municipality_id", "=", municipalityId)
      .orderBy("d.name")
      .execute(),
    archiveBase(db, municipalityId)
      .select(sql<number>`extract(year from r.received_on)::int`.as("y"))
      .distinct()
      .orderBy("y", "desc")
      .execute(),
  ]);
  return { departments, years: years.map((y) => Number(y.y)) };
}
