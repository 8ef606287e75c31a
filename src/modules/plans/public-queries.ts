/**
 * Public read models of action plans, beside the core ones in queries.ts: published plans with
 * their progress, a plan's team and origin, a commitment's OGP Local fields with colonias,
 * co-leads and source proposals, milestones' evidence and history, and the figures of the on-time
 * chart and the overdue list. Every query selects public columns only and every row goes through
 * presenters.ts.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { loadProcessById } from "../participation/processes.js";
import { findCommitmentDraft, listCommitmentDrafts } from "../proposals/commitments.js";
import { findPublicProposal } from "../proposals/queries.js";
import type { Punctuality } from "./progress.js";
import { presentEvidence, presentMilestoneEvent, presentTeamMember, type PublicEvidence, type PublicMilestoneEvent, type PublicTeamMember } from "./presenters.js";
import { listCommitmentSummaries, listPlans, planProgress, type CommitmentSummary, type PlanClock, type PlanRow } from "./queries.js";
import type { SubscriptionTarget } from "./tables.js";

export interface PlanCard {
  plan: PlanRow;
  progress: number | null;
  commitments: number;
}

/** One page of the municipality's published plans, each with its progress and number of commitments. */
export async function listPublishedPlanCards(db: Executor, municipalityId: number, clock: PlanClock, page: number, perPage: number): Promise<{ rows: PlanCard[]; total: number }> {
  const { rows, total } = await listPlans(db, municipalityId, { page, perPage });
  const cards = await Promise.all(
    rows.map(async (plan) => {
      const commitments = await listCommitmentSummaries(db, municipalityId, { planId: plan.id }, clock);
      return { plan, progress: planProgress(commitments), commitments: commitments.length };
    }),
  );
  return { rows: cards, total };
}

export async function publicTeam(db: Executor, municipalityId: number, planId: number, page: number, perPage: number): Promise<{ rows: PublicTeamMember[]; total: number }> {
  const q = db.selectFrom("action_plan_team").where("municipality_id", "=", municipalityId).where("plan_id", "=", planId);
  const [rows, count] = await Promise.all([
    q.select(["sector", "organisation", "role", "person_name", "name_public"]).orderBy("position").orderBy("id").limit(perPage).offset((page - 1) * perPage).execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(presentTeamMember), total: Number(count.n) };
}

export interface PlanOrigin {
  /** The participatory process the plan came from, when it is public. */
  process: { slug: string; title: string } | null;
  reference: string;
}

export async function planOrigin(db: Executor, plan: PlanRow): Promise<PlanOrigin> {
  const process = plan.processId !== null ? await loadProcessById(db, plan.municipalityId, plan.processId) : null;
  return { process: process && process.status !== "draft" ? { slug: process.slug, title: process.title } : null, reference: plan.sourceReference };
}

export interface SourceProposal {
  number: number;
  folio: string;
  /** null when hidden by moderation. */
  title: string | null;
  processSlug: string;
}

export interface CommitmentDetail {
  id: number;
  number: number;
  problem: string;
  statusQuo: string;
  description: string;
  howItSolves: string;
  wholeMunicipality: boolean;
  withdrawnAt: Date | null;
  withdrawnReason: string;
  colonias: { slug: string; name: string }[];
  coleads: { organisation: string; observatory: { slug: string; name: string } | null }[];
  /** Proposals named through the draft the commitment adopted, as the proposals module shows them. */
  sourceProposals: SourceProposal[];
  /** How many proposals the commitment records as its sources (also when no draft names them). */
  sourceProposalCount: number;
}

/** The OGP Local fields and links of a commitment of the plan, by its number; null when there is none. */
export async function findPublicCommitment(db: Executor, plan: PlanRow, number: number): Promise<CommitmentDetail | null> {
  const m = plan.municipalityId;
  const row = await db
    .selectFrom("plan_commitments")
    .select(["id", "number", "problem", "status_quo", "description", "how_it_solves", "whole_municipality", "withdrawn_at", "withdrawn_reason", "source_draft_id"])
    .where("municipality_id", "=", m)
    .where("plan_id", "=", plan.id)
    .where("number", "=", number)
    .executeTakeFirst();
  if (!row) return null;
  const [colonias, coleads, proposals] = await Promise.all([
    db
      .selectFrom("plan_commitment_colonias as l")
      .innerJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "l.municipality_id").onRef("c.id", "=", "l.colonia_id"))
      .select(["c.slug", "c.name"])
      .where("l.municipality_id", "=", m)
      .where("l.commitment_id", "=", row.id)
      .orderBy("c.name")
      .execute(),
    db
      .selectFrom("plan_commitment_coleads as l")
      .leftJoin("observatories as o", (j) => j.onRef("o.municipality_id", "=", "l.municipality_id").onRef("o.id", "=", "l.observatory_id"))
      .select(["l.organisation", "o.slug", "o.name", "o.active"])
      .where("l.municipality_id", "=", m)
      .where("l.commitment_id", "=", row.id)
      .orderBy("l.id")
      .execute(),
    db.selectFrom("plan_commitment_proposals").select((eb) => eb.fn.countAll<string>().as("n")).where("municipality_id", "=", m).where("commitment_id", "=", row.id).executeTakeFirstOrThrow(),
  ]);
  return {
    id: row.id,
    number: row.number,
    problem: row.problem,
    statusQuo: row.status_quo,
    description: row.description,
    howItSolves: row.how_it_solves,
    wholeMunicipality: row.whole_municipality,
    withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at) : null,
    withdrawnReason: row.withdrawn_reason,
    colonias,
    coleads: coleads.map((c) => ({ organisation: c.organisation, observatory: c.slug && c.name && c.active ? { slug: c.slug, name: c.name } : null })),
    sourceProposals: await sourceProposals(db, plan, row.source_draft_id),
    sourceProposalCount: Number(proposals.n),
  };
}

/**
 * The proposals behind the adopted draft, read through the proposals module's public presenter
 * (a proposal hidden by moderation keeps its folio, never its title).
 */
async function sourceProposals(db: Executor, plan: PlanRow, draftId: number | null): Promise<SourceProposal[]> {
  if (draftId === null) return [];
  // Usually the draft comes from the plan's own process; otherwise from any process of the municipality.
  const draft =
    (plan.processId !== null ? await findCommitmentDraft(db, plan.municipalityId, plan.processId, draftId) : null) ??
    (await listCommitmentDrafts(db, plan.municipalityId)).find((d) => d.id === draftId);
  if (!draft) return [];
  const found = await Promise.all(draft.sourceProposals.map((s) => findPublicProposal(db, plan.municipalityId, draft.processId, s.number)));
  return found.filter((p) => p !== null).map((p) => ({ number: p.number, folio: p.folio, title: p.title, processSlug: draft.processSlug }));
}

/** Evidence of the given milestones (title and type), grouped by milestone. */
export async function milestoneEvidence(db: Executor, municipalityId: number, milestoneIds: number[]): Promise<Map<number, PublicEvidence[]>> {
  const out = new Map<number, PublicEvidence[]>(milestoneIds.map((id) => [id, []]));
  if (milestoneIds.length === 0) return out;
  const rows = await db
    .selectFrom("plan_milestone_evidence")
    .select(["id", "milestone_id", "title", "file_type", "url"])
    .where("municipality_id", "=", municipalityId)
    .where("milestone_id", "in", milestoneIds)
    .orderBy("milestone_id")
    .orderBy("id")
    .execute();
  for (const r of rows) out.get(r.milestone_id)?.push(presentEvidence(r));
  return out;
}

/** The public history of a commitment's milestones, newest first, one page at a time. */
export async function commitmentHistory(db: Executor, municipalityId: number, commitmentId: number, page: number, perPage: number): Promise<{ rows: PublicMilestoneEvent[]; total: number }> {
  const q = db
    .selectFrom("plan_milestone_events as e")
    .innerJoin("plan_milestones as m", (j) => j.onRef("m.municipality_id", "=", "e.municipality_id").onRef("m.id", "=", "e.milestone_id"))
    .where("e.municipality_id", "=", municipalityId)
    .where("m.commitment_id", "=", commitmentId);
  const [rows, count] = await Promise.all([
    q.select(["e.id", "e.milestone_id", "m.deliverable", "e.kind", "e.from_value", "e.to_value", "e.note", "e.at"]).orderBy("e.at", "desc").orderBy("e.id", "desc").limit(perPage).offset((page - 1) * perPage).execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(presentMilestoneEvent), total: Number(count.n) };
}

export type PunctualityCounts = Record<Exclude<Punctuality, "cancelado">, number>;
export const CHART_PUNCTUALITIES = ["a_tiempo", "entregado_tarde", "vencido", "en_plazo"] as const;

export interface DepartmentPunctuality {
  /** null: commitments with no lead department yet. */
  department: { id: number; name: string } | null;
  counts: PunctualityCounts;
  total: number;
}

/** Per lead department, how its milestones stand against their due dates (withdrawn commitments and cancelled milestones left out). */
export function punctualityByDepartment(commitments: readonly CommitmentSummary[]): DepartmentPunctuality[] {
  const byKey = new Map<string, DepartmentPunctuality>();
  for (const c of commitments) {
    if (c.withdrawn) continue;
    const key = c.leadDepartment ? String(c.leadDepartment.id) : "none";
    let row = byKey.get(key);
    if (!row) {
      row = { department: c.leadDepartment ? { id: c.leadDepartment.id, name: c.leadDepartment.name } : null, counts: { a_tiempo: 0, entregado_tarde: 0, vencido: 0, en_plazo: 0 }, total: 0 };
      byKey.set(key, row);
    }
    for (const m of c.milestones) {
      if (m.punctuality === "cancelado") continue;
      row.counts[m.punctuality]++;
      row.total++;
    }
  }
  return [...byKey.values()]
    .filter((r) => r.total > 0)
    .sort((a, b) => (a.department === null ? 1 : b.department === null ? -1 : a.department.name.localeCompare(b.department.name, "es")));
}

export interface OverdueMilestone {
  commitmentNumber: number;
  commitmentTitle: string;
  deliverable: string;
  dueOn: LocalDate;
  daysLate: number;
  department: string | null;
  responsible: string;
}

/** Every overdue milestone of the plan's current commitments, most late first. */
export function overdueMilestones(commitments: readonly CommitmentSummary[]): OverdueMilestone[] {
  return commitments
    .filter((c) => !c.withdrawn)
    .flatMap((c) =>
      c.milestones
        .filter((m) => m.overdue)
        .map((m) => ({ commitmentNumber: c.number, commitmentTitle: c.title, deliverable: m.deliverable, dueOn: m.dueOn, daysLate: m.daysLate, department: c.leadDepartment?.name ?? null, responsible: m.responsible })),
    )
    .sort((a, b) => b.daysLate - a.daysLate || a.commitmentNumber - b.commitmentNumber);
}

/** First and last dates the municipality's published plans cover and their latest change, for the catalogue. */
export async function publishedPlansDates(db: Executor, municipalityId: number): Promise<{ first: string | null; last: string | null; modified: Date | null; plans: number }> {
  const published = db.selectFrom("action_plans").select("id").where("municipality_id", "=", municipalityId).where("published", "=", true);
  const [plans, commitments, milestones] = await Promise.all([
    db
      .selectFrom("action_plans")
      .select([sql<string | null>`min(starts_on)::text`.as("first"), sql<string | null>`max(ends_on)::text`.as("last"), (eb) => eb.fn.max("updated_at").as("modified"), (eb) => eb.fn.countAll<string>().as("n")])
      .where("municipality_id", "=", municipalityId)
      .where("published", "=", true)
      .executeTakeFirstOrThrow(),
    db.selectFrom("plan_commitments").select((eb) => eb.fn.max("updated_at").as("modified")).where("municipality_id", "=", municipalityId).where("plan_id", "in", published).executeTakeFirstOrThrow(),
    db
      .selectFrom("plan_milestones as ms")
      .innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "ms.municipality_id").onRef("c.id", "=", "ms.commitment_id"))
      .select((eb) => eb.fn.max("ms.updated_at").as("modified"))
      .where("ms.municipality_id", "=", municipalityId)
      .where("c.plan_id", "in", published)
      .executeTakeFirstOrThrow(),
  ]);
  const times = [plans.modified, commitments.modified, milestones.modified].filter((d) => d !== null && d !== undefined).map((d) => new Date(d as Date | string).getTime());
  return { first: plans.first, last: plans.last, modified: times.length ? new Date(Math.max(...times)) : null, plans: Number(plans.n) };
}

/** The plan (and commitment number) a subscription follows, while the plan is published; null otherwise. */
export async function subscriptionTarget(db: Executor, municipalityId: number, kind: SubscriptionTarget, targetId: number): Promise<{ planSlug: string; number: number | null } | null> {
  if (kind === "compromiso") {
    const c = await db
      .selectFrom("plan_commitments as c")
      .innerJoin("action_plans as p", (j) => j.onRef("p.municipality_id", "=", "c.municipality_id").onRef("p.id", "=", "c.plan_id"))
      .select(["c.number", "p.slug"])
      .where("c.municipality_id", "=", municipalityId)
      .where("c.id", "=", targetId)
      .where("p.published", "=", true)
      .executeTakeFirst();
    return c ? { planSlug: c.slug, number: c.number } : null;
  }
  const p = await db.selectFrom("action_plans").select("slug").where("municipality_id", "=", municipalityId).where("id", "=", targetId).where("published", "=", true).executeTakeFirst();
  return p ? { planSlug: p.slug, number: null } : null;
}
