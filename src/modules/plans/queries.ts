/**
 * The plans module's core read model, shared by staff pages, public pages, the state view and
 * exports: plans, commitments with progress computed from their milestones, and milestones with
 * their lateness in business days. Rows here are not presenters: they carry no personal data
 * (team names are in team.ts; reviewers, members and subscribers in their own files).
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { BusinessCalendar } from "../../platform/calendar/business-days.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { loadCalendar } from "../../platform/calendar/queries.js";
import { todayIn } from "../participation/processes.js";
import { commitmentStage, isMilestoneOverdue, milestoneDaysLate, milestonePunctuality, weightedProgress, type CommitmentStage, type Progress, type Punctuality } from "./progress.js";
import type { MilestoneStatus, PlanStatus } from "./tables.js";
import "./tables.js";

/** The municipality's business calendar and today's local date: every lateness is measured with it. */
export interface PlanClock {
  calendar: BusinessCalendar;
  today: LocalDate;
}

export async function planClock(db: Executor, municipality: { id: number; timeZone: string }, now = new Date()): Promise<PlanClock> {
  return { calendar: await loadCalendar(db, municipality.id), today: todayIn(municipality.timeZone, now) };
}

export interface PlanRow {
  id: number;
  municipalityId: number;
  slug: string;
  title: string;
  description: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  status: PlanStatus;
  processId: number | null;
  sourceReference: string;
  published: boolean;
  ogpPlanId: string | null;
}

const planColumns = [
  "p.id",
  "p.municipality_id",
  "p.slug",
  "p.title",
  "p.description",
  sql<string>`p.starts_on::text`.as("starts_on"),
  sql<string>`p.ends_on::text`.as("ends_on"),
  "p.status",
  "p.process_id",
  "p.source_reference",
  "p.published",
  "p.ogp_plan_id",
] as const;

function toPlan(r: {
  id: number; municipality_id: number; slug: string; title: string; description: string; starts_on: string; ends_on: string;
  status: PlanStatus; process_id: number | null; source_reference: string; published: boolean; ogp_plan_id: string | null;
}): PlanRow {
  return {
    id: r.id, municipalityId: r.municipality_id, slug: r.slug, title: r.title, description: r.description, startsOn: r.starts_on, endsOn: r.ends_on,
    status: r.status, processId: r.process_id, sourceReference: r.source_reference, published: r.published, ogpPlanId: r.ogp_plan_id,
  };
}

/** A plan by its slug; unpublished plans only when `includeUnpublished` (staff). */
export async function findPlanBySlug(db: Executor, municipalityId: number, slug: string, opts: { includeUnpublished?: boolean } = {}): Promise<PlanRow | undefined> {
  let q = db.selectFrom("action_plans as p").select(planColumns).where("p.municipality_id", "=", municipalityId).where("p.slug", "=", slug);
  if (!opts.includeUnpublished) q = q.where("p.published", "=", true);
  const row = await q.executeTakeFirst();
  return row ? toPlan(row) : undefined;
}

export async function listPlans(
  db: Executor,
  municipalityId: number,
  opts: { includeUnpublished?: boolean; page: number; perPage: number },
): Promise<{ rows: PlanRow[]; total: number }> {
  let q = db.selectFrom("action_plans as p").where("p.municipality_id", "=", municipalityId);
  if (!opts.includeUnpublished) q = q.where("p.published", "=", true);
  const [rows, count] = await Promise.all([
    q.select(planColumns).orderBy("p.starts_on", "desc").orderBy("p.id", "desc").limit(opts.perPage).offset((opts.page - 1) * opts.perPage).execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toPlan), total: Number(count.n) };
}

export interface MilestoneView {
  id: number;
  commitmentId: number;
  position: number;
  deliverable: string;
  description: string;
  dueOn: LocalDate;
  weight: number;
  responsible: string;
  status: MilestoneStatus;
  completedOn: LocalDate | null;
  /** Whole business days past the due date while open; 0 otherwise. */
  daysLate: number;
  overdue: boolean;
  punctuality: Punctuality;
  evidenceCount: number;
}

/** Milestones of the given commitments, in their order, grouped by commitment id. */
export async function loadMilestones(db: Executor, municipalityId: number, commitmentIds: number[], clock: PlanClock): Promise<Map<number, MilestoneView[]>> {
  const out = new Map<number, MilestoneView[]>(commitmentIds.map((id) => [id, []]));
  if (commitmentIds.length === 0) return out;
  const rows = await db
    .selectFrom("plan_milestones as m")
    .select([
      "m.id", "m.commitment_id", "m.position", "m.deliverable", "m.description", "m.weight", "m.responsible", "m.status",
      sql<string>`m.due_on::text`.as("due_on"),
      sql<string | null>`m.completed_on::text`.as("completed_on"),
      (eb) => eb.selectFrom("plan_milestone_evidence as e").select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("e.municipality_id", "=", "m.municipality_id").whereRef("e.milestone_id", "=", "m.id").as("evidence_count"),
    ])
    .where("m.municipality_id", "=", municipalityId)
    .where("m.commitment_id", "in", commitmentIds)
    .orderBy("m.commitment_id").orderBy("m.position").orderBy("m.id")
    .execute();
  for (const r of rows) {
    const m = { status: r.status, dueOn: r.due_on, completedOn: r.completed_on };
    out.get(r.commitment_id)!.push({
      id: r.id, commitmentId: r.commitment_id, position: r.position, deliverable: r.deliverable, description: r.description,
      dueOn: r.due_on, weight: r.weight, responsible: r.responsible, status: r.status, completedOn: r.completed_on,
      daysLate: milestoneDaysLate(clock.calendar, m, clock.today),
      overdue: isMilestoneOverdue(clock.calendar, m, clock.today),
      punctuality: milestonePunctuality(clock.calendar, m, clock.today),
      evidenceCount: Number(r.evidence_count ?? 0),
    });
  }
  return out;
}

export interface CommitmentSummary {
  id: number;
  planId: number;
  number: number;
  title: string;
  leadDepartment: { id: number; name: string; slug: string } | null;
  leadOfficial: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  withdrawn: boolean;
  sharedCommitmentId: number | null;
  relevance: { transparency: boolean; accountability: boolean; participation: boolean };
  progress: Progress;
  milestones: MilestoneView[];
  overdueMilestones: number;
  stage: CommitmentStage;
}

/** Commitments of a plan (or the given ids), by number, each with its milestones and computed progress. */
export async function listCommitmentSummaries(
  db: Executor,
  municipalityId: number,
  where: { planId: number } | { ids: number[] },
  clock: PlanClock,
): Promise<CommitmentSummary[]> {
  let q = db
    .selectFrom("plan_commitments as c")
    .leftJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "c.municipality_id").onRef("d.id", "=", "c.lead_department_id"))
    .select([
      "c.id", "c.plan_id", "c.number", "c.title", "c.lead_official", "c.withdrawn_at", "c.shared_commitment_id",
      "c.relevant_transparency", "c.relevant_accountability", "c.relevant_participation",
      sql<string>`c.starts_on::text`.as("starts_on"),
      sql<string>`c.ends_on::text`.as("ends_on"),
      "d.id as department_id", "d.name as department_name", "d.slug as department_slug",
    ])
    .where("c.municipality_id", "=", municipalityId);
  if ("planId" in where) q = q.where("c.plan_id", "=", where.planId);
  else if (where.ids.length === 0) return [];
  else q = q.where("c.id", "in", where.ids);
  const rows = await q.orderBy("c.plan_id").orderBy("c.number").execute();
  const milestones = await loadMilestones(db, municipalityId, rows.map((r) => r.id), clock);
  return rows.map((r) => {
    const ms = milestones.get(r.id) ?? [];
    const progress = weightedProgress(ms);
    const overdueMilestones = ms.filter((m) => m.overdue).length;
    const withdrawn = r.withdrawn_at !== null;
    return {
      id: r.id, planId: r.plan_id, number: r.number, title: r.title,
      leadDepartment: r.department_id !== null ? { id: r.department_id, name: r.department_name!, slug: r.department_slug! } : null,
      leadOfficial: r.lead_official, startsOn: r.starts_on, endsOn: r.ends_on, withdrawn, sharedCommitmentId: r.shared_commitment_id,
      relevance: { transparency: r.relevant_transparency, accountability: r.relevant_accountability, participation: r.relevant_participation },
      progress, milestones: ms, overdueMilestones,
      stage: commitmentStage({
        withdrawn, progress, overdueMilestones, startedMilestones: ms.filter((m) => m.status === "en_curso").length, startsOn: r.starts_on, today: clock.today,
      }),
    };
  });
}

/** A plan's progress: the mean of its (not withdrawn) commitments' progress, each counting once. */
export function planProgress(commitments: readonly CommitmentSummary[]): number | null {
  const counted = commitments.filter((c) => !c.withdrawn && c.progress.percent !== null);
  if (counted.length === 0) return null;
  return Math.round(counted.reduce((s, c) => s + c.progress.percent!, 0) / counted.length);
}
