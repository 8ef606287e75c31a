/** Read models of agreements: lists with filters (overdue by business days), one agreement, its history, open data. */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { BusinessCalendar } from "../../platform/calendar/business-days.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { businessDaysLate, OPEN_STATUSES, overdueCutoff } from "./overdue.js";
import type { AgreementEventView, AgreementView } from "./presenters.js";
import type { AgreementStatus, RoundtableSector } from "./tables.js";

export interface AgreementFilters {
  roundtableId?: number | null;
  status?: AgreementStatus | null;
  sector?: RoundtableSector | null;
  overdue?: boolean;
}

export interface AgreementClock {
  calendar: BusinessCalendar;
  today: LocalDate;
}

function base(db: Executor, municipalityId: number) {
  return db
    .selectFrom("roundtable_agreements as a")
    .innerJoin("roundtables as r", (j) => j.onRef("r.municipality_id", "=", "a.municipality_id").onRef("r.id", "=", "a.roundtable_id"))
    .leftJoin("roundtable_members as m", (j) => j.onRef("m.municipality_id", "=", "a.municipality_id").onRef("m.id", "=", "a.responsible_member_id"))
    .where("a.municipality_id", "=", municipalityId);
}

const columns = [
  "a.id",
  "a.roundtable_id",
  "r.name as roundtable_name",
  "a.number",
  "a.text",
  "a.responsible_member_id",
  "m.organisation",
  "m.sector",
  sql<string | null>`a.due_on::text`.as("due_on"),
  "a.status",
  "a.status_reason",
  "a.status_changed_at",
  "a.session_id",
  "a.proposal_id",
  "a.proposal_number",
  "a.created_at",
] as const;

type Row = {
  id: number;
  roundtable_id: number;
  roundtable_name: string;
  number: number;
  text: string;
  responsible_member_id: number | null;
  organisation: string | null;
  sector: RoundtableSector | null;
  due_on: string | null;
  status: AgreementStatus;
  status_reason: string;
  status_changed_at: Date;
  session_id: number | null;
  proposal_id: number | null;
  proposal_number: number | null;
  created_at: Date;
};

function present(r: Row, clock: AgreementClock): AgreementView {
  const open = OPEN_STATUSES.includes(r.status);
  return {
    id: r.id,
    roundtableId: r.roundtable_id,
    roundtableName: r.roundtable_name,
    number: r.number,
    text: r.text,
    responsible: r.responsible_member_id !== null && r.organisation !== null && r.sector !== null ? { id: r.responsible_member_id, organisation: r.organisation, sector: r.sector } : null,
    dueOn: r.due_on,
    status: r.status,
    statusReason: r.status_reason,
    statusChangedAt: new Date(r.status_changed_at),
    sessionId: r.session_id,
    proposalId: r.proposal_id,
    proposalNumber: r.proposal_number,
    createdAt: new Date(r.created_at),
    daysLate: open && r.due_on ? businessDaysLate(clock.calendar, r.due_on, clock.today) : 0,
  };
}

/** Agreements of a process (or one roundtable), oldest roundtable-number order within each roundtable. */
export async function listAgreements(
  db: Executor,
  municipalityId: number,
  processId: number,
  filters: AgreementFilters,
  clock: AgreementClock,
  page: { page: number; perPage: number },
): Promise<{ rows: AgreementView[]; total: number }> {
  let q = base(db, municipalityId).where("r.process_id", "=", processId);
  if (filters.roundtableId) q = q.where("a.roundtable_id", "=", filters.roundtableId);
  if (filters.status) q = q.where("a.status", "=", filters.status);
  if (filters.sector) q = q.where("m.sector", "=", filters.sector);
  if (filters.overdue) q = q.where("a.status", "in", OPEN_STATUSES).where("a.due_on", "<=", overdueCutoff(clock.calendar, clock.today));
  const [rows, total] = await Promise.all([
    q.select(columns).orderBy("r.name").orderBy("a.roundtable_id").orderBy("a.number").limit(page.perPage).offset((page.page - 1) * page.perPage).execute(),
    q.select(sql<string>`count(*)::text`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: (rows as unknown as Row[]).map((r) => present(r, clock)), total: Number(total.n) };
}

export async function findAgreement(db: Executor, municipalityId: number, roundtableId: number, agreementId: number, clock: AgreementClock): Promise<AgreementView | null> {
  const row = await base(db, municipalityId).select(columns).where("a.roundtable_id", "=", roundtableId).where("a.id", "=", agreementId).executeTakeFirst();
  return row ? present(row as unknown as Row, clock) : null;
}

export async function agreementEvents(db: Executor, municipalityId: number, agreementId: number): Promise<AgreementEventView[]> {
  const rows = await db
    .selectFrom("roundtable_agreement_events")
    .select(["from_status", "to_status", "reason", "occurred_at"])
    .where("municipality_id", "=", municipalityId)
    .where("agreement_id", "=", agreementId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ fromStatus: r.from_status, toStatus: r.to_status, reason: r.reason, occurredAt: new Date(r.occurred_at) }));
}

export interface AgreementExportRow extends AgreementView {
  processSlug: string;
  processTitle: string;
}

/**
 * Every agreement of the municipality's public (published or closed) processes, for open data,
 * in keyset batches by id.
 */
export async function* agreementsForExport(db: Executor, municipalityId: number, clock: AgreementClock, batch = 1000): AsyncGenerator<AgreementExportRow[]> {
  let after = 0;
  for (;;) {
    const rows = await base(db, municipalityId)
      .innerJoin("participatory_processes as p", (j) => j.onRef("p.municipality_id", "=", "r.municipality_id").onRef("p.id", "=", "r.process_id"))
      .where("p.status", "in", ["published", "closed"])
      .where("a.id", ">", after)
      .select([...columns, "p.slug as process_slug", "p.title as process_title"])
      .orderBy("a.id")
      .limit(batch)
      .execute();
    if (rows.length) yield rows.map((r) => ({ ...present(r as unknown as Row, clock), processSlug: r.process_slug, processTitle: r.process_title }));
    if (rows.length < batch) return;
    after = rows.at(-1)!.id;
  }
}

export async function agreementsDatasetDates(db: Executor, municipalityId: number, timeZone: string): Promise<{ first: string | null; last: string | null; modified: Date | null }> {
  const r = await sql<{ first: string | null; last: string | null; modified: Date | string | null }>`
    select to_char(min(a.created_at at time zone ${timeZone}), 'YYYY-MM-DD') as first, to_char(max(a.created_at at time zone ${timeZone}), 'YYYY-MM-DD') as last, max(a.updated_at) as modified
      from roundtable_agreements a
      join roundtables r on r.municipality_id = a.municipality_id and r.id = a.roundtable_id
      join participatory_processes p on p.municipality_id = r.municipality_id and p.id = r.process_id
     where a.municipality_id = ${municipalityId} and p.status in ('published', 'closed')`.execute(db);
  const row = r.rows[0];
  return { first: row?.first ?? null, last: row?.last ?? null, modified: row?.modified ? new Date(row.modified) : null };
}
