/** Reads of information and ARCO requests: one request (dates as AAAA-MM-DD), lists, history. */
import { sql, type Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { OPEN_STATUSES, type InformationRequestTable } from "./info-tables.js";

const DATE_COLUMNS = [
  "received_on", "prevention_by", "incompetence_by", "due_on", "extended_due_on", "prevention_notified_on", "clarify_by", "clarified_on",
  "answered_on", "extension_resolution_date", "comite_resolution_date", "recurso_filed_on", "recurso_outcome_on",
] as const;
const OTHER_COLUMNS = [
  "municipality_id", "id", "folio", "kind", "arco_right", "profile_id", "channel", "body", "received_at", "status", "answer_text",
  "classification", "legal_basis", "reservation_years", "competent_body", "extension_resolution_number", "comite_resolution_number",
  "identity_method", "identity_verified_by", "identity_verified_at", "recurso_outcome", "created_at", "updated_at",
] as const;

/** A request row; date columns come back as "AAAA-MM-DD" text on both databases. */
export type RequestRow = Selectable<InformationRequestTable>;

function requestColumns() {
  return [
    ...OTHER_COLUMNS.map((c) => `r.${c}` as const),
    ...DATE_COLUMNS.map((c) => sql<string | null>`${sql.ref(`r.${c}`)}::text`.as(c)),
  ];
}

function normalize(row: Record<string, unknown>): RequestRow {
  return { ...row, id: Number(row.id) } as unknown as RequestRow;
}

export async function loadRequestRow(db: Executor, municipalityId: number, folio: string): Promise<RequestRow | null> {
  const row = await db
    .selectFrom("information_requests as r")
    .select(requestColumns())
    .where("r.municipality_id", "=", municipalityId)
    .where("r.folio", "=", folio)
    .executeTakeFirst();
  return row ? normalize(row) : null;
}

export interface Requester {
  name: string;
  email: string | null;
  address: string | null;
}

export async function loadRequester(db: Executor, municipalityId: number, requestId: number): Promise<Requester | null> {
  return (
    (await db
      .selectFrom("information_request_requesters")
      .select(["name", "email", "address"])
      .where("municipality_id", "=", municipalityId)
      .where("request_id", "=", requestId)
      .executeTakeFirst()) ?? null
  );
}

export interface TurnRow {
  departmentId: number;
  departmentName: string;
}

export async function loadTurns(db: Executor, municipalityId: number, requestId: number): Promise<TurnRow[]> {
  return db
    .selectFrom("information_request_turns as t")
    .innerJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "t.municipality_id").onRef("d.id", "=", "t.department_id"))
    .select(["t.department_id as departmentId", "d.name as departmentName"])
    .where("t.municipality_id", "=", municipalityId)
    .where("t.request_id", "=", requestId)
    .orderBy("d.name")
    .execute();
}

export interface EventRow {
  id: number;
  step: string;
  status: string;
  legalDate: string;
  note: string | null;
  public: boolean;
}

export async function loadEvents(db: Executor, municipalityId: number, requestId: number, publicOnly: boolean): Promise<EventRow[]> {
  let q = db
    .selectFrom("information_request_events")
    .select(["id", "step", "status", sql<string>`legal_date::text`.as("legalDate"), "note", "public"])
    .where("municipality_id", "=", municipalityId)
    .where("request_id", "=", requestId);
  if (publicOnly) q = q.where("public", "=", true);
  return (await q.orderBy("id").execute()).map((e) => ({ ...e, id: Number(e.id) }));
}

export interface StaffListFilter {
  /** False: ARCO requests are left out (department staff). */
  includeArco: boolean;
  /** Only requests turned to one of these departments (department staff); null: all. */
  departmentIds: number[] | null;
  /** Only open requests whose due date in force is before this day (the "Vencidas" filter). */
  overdueOn?: string;
  limit: number;
  offset: number;
}

/** Staff list, the nearest due date first. */
export async function listRequestsForStaff(db: Executor, municipalityId: number, f: StaffListFilter): Promise<{ rows: RequestRow[]; total: number }> {
  let q = db.selectFrom("information_requests as r").where("r.municipality_id", "=", municipalityId);
  if (!f.includeArco) q = q.where("r.kind", "=", "information");
  if (f.overdueOn) q = q.where("r.status", "in", [...OPEN_STATUSES]).where(sql<boolean>`coalesce(r.extended_due_on, r.due_on) < ${f.overdueOn}::date`);
  if (f.departmentIds !== null) {
    const ids = f.departmentIds.length > 0 ? f.departmentIds : [-1];
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("information_request_turns as t")
          .select("t.request_id")
          .whereRef("t.municipality_id", "=", "r.municipality_id")
          .whereRef("t.request_id", "=", "r.id")
          .where("t.department_id", "in", ids),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    q.select(requestColumns()).orderBy(sql`coalesce(r.extended_due_on, r.due_on)`).orderBy("r.id").limit(f.limit).offset(f.offset).execute(),
    q.select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(normalize), total: Number(count.n) };
}

/** Whether one of `departmentIds` received the request. */
export async function isTurnedTo(db: Executor, municipalityId: number, requestId: number, departmentIds: number[]): Promise<boolean> {
  if (departmentIds.length === 0) return false;
  const row = await db
    .selectFrom("information_request_turns")
    .select("request_id")
    .where("municipality_id", "=", municipalityId)
    .where("request_id", "=", requestId)
    .where("department_id", "in", departmentIds)
    .executeTakeFirst();
  return row !== undefined;
}
