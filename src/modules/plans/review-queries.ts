/**
 * Read model of plan reviews: checkpoints, reviewers (a staff-only shape: it carries the account's
 * e-mail), and assessments with which one is current. Public shapes carry the public name an
 * assessment was written under, never the account behind it.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { AssessmentAuthorKind, AssessmentSource, CompletionLevel, OpenedGovernmentLevel, PotentialLevel, ReviewerKind } from "./tables.js";
import "./tables.js";

export interface CheckpointView {
  id: number;
  planId: number;
  title: string;
  scheduledOn: LocalDate;
  /** Commitments with at least one assessment at this checkpoint. */
  assessedCommitments: number;
}

function checkpointQuery(db: Executor, municipalityId: number, planId: number) {
  return db
    .selectFrom("plan_checkpoints as k")
    .select([
      "k.id", "k.plan_id", "k.title", sql<string>`k.scheduled_on::text`.as("scheduled_on"),
      (eb) => eb.selectFrom("plan_assessments as a").select(sql<string>`count(distinct a.commitment_id)`.as("n"))
        .whereRef("a.municipality_id", "=", "k.municipality_id").whereRef("a.checkpoint_id", "=", "k.id").as("assessed"),
    ])
    .where("k.municipality_id", "=", municipalityId)
    .where("k.plan_id", "=", planId);
}

const toCheckpoint = (r: { id: number; plan_id: number; title: string; scheduled_on: string; assessed: string | null }): CheckpointView => ({
  id: r.id, planId: r.plan_id, title: r.title, scheduledOn: r.scheduled_on, assessedCommitments: Number(r.assessed ?? 0),
});

/** A plan's checkpoints by date (all of them, or one page). */
export async function listCheckpoints(db: Executor, municipalityId: number, planId: number, page?: { page: number; perPage: number }): Promise<{ rows: CheckpointView[]; total: number }> {
  let q = checkpointQuery(db, municipalityId, planId).orderBy("k.scheduled_on").orderBy("k.id");
  if (page) q = q.limit(page.perPage).offset((page.page - 1) * page.perPage);
  const [rows, count] = await Promise.all([
    q.execute(),
    db.selectFrom("plan_checkpoints").select((eb) => eb.fn.countAll<string>().as("n")).where("municipality_id", "=", municipalityId).where("plan_id", "=", planId).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toCheckpoint), total: Number(count.n) };
}

export async function findCheckpoint(db: Executor, municipalityId: number, planId: number, checkpointId: number): Promise<CheckpointView | undefined> {
  const row = await checkpointQuery(db, municipalityId, planId).where("k.id", "=", checkpointId).executeTakeFirst();
  return row ? toCheckpoint(row) : undefined;
}

/** Staff only. The account's e-mail is personal data: only plan managers get it (`withAccounts`), to know whom they name or remove. */
export interface StaffReviewer {
  userId: number;
  email: string | null;
  kind: ReviewerKind;
  publicName: string;
  addedAt: Date;
}

export async function listReviewers(db: Executor, municipalityId: number, planId: number, page: { page: number; perPage: number; withAccounts: boolean }): Promise<{ rows: StaffReviewer[]; total: number }> {
  const base = db.selectFrom("plan_reviewers as r").where("r.municipality_id", "=", municipalityId).where("r.plan_id", "=", planId);
  const [rows, count] = await Promise.all([
    base.innerJoin("users as u", "u.id", "r.user_id").select(["r.user_id", "u.email", "r.kind", "r.public_name", "r.added_at"])
      .orderBy("r.public_name").orderBy("r.user_id").limit(page.perPage).offset((page.page - 1) * page.perPage).execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ userId: r.user_id, email: page.withAccounts ? r.email : null, kind: r.kind, publicName: r.public_name, addedAt: new Date(r.added_at) })), total: Number(count.n) };
}

/** The person's reviewer row for this plan (the fact PLANS.assess needs), if any. */
export async function reviewerOf(db: Executor, municipalityId: number, planId: number, userId: number | null): Promise<{ kind: ReviewerKind; publicName: string } | null> {
  if (userId === null) return null;
  const row = await db
    .selectFrom("plan_reviewers").select(["kind", "public_name"])
    .where("municipality_id", "=", municipalityId).where("plan_id", "=", planId).where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? { kind: row.kind, publicName: row.public_name } : null;
}

export interface AssessmentView {
  id: number;
  checkpointId: number;
  commitmentId: number;
  authorKind: AssessmentAuthorKind;
  authorPublicName: string;
  verifiable: boolean;
  potential: PotentialLevel | null;
  completion: CompletionLevel;
  onTime: boolean | null;
  openedGovernment: OpenedGovernmentLevel | null;
  narrative: string;
  assessedOn: LocalDate;
  starred: boolean;
  source: AssessmentSource;
  recordedAt: Date;
}

/** Every assessment of a plan's commitments (or of one commitment), oldest first: by checkpoint date, then as recorded. */
export async function listAssessments(db: Executor, municipalityId: number, where: { planId: number } | { commitmentId: number }): Promise<AssessmentView[]> {
  let q = db
    .selectFrom("plan_assessments as a")
    .innerJoin("plan_checkpoints as k", (j) => j.onRef("k.municipality_id", "=", "a.municipality_id").onRef("k.id", "=", "a.checkpoint_id"))
    .select([
      "a.id", "a.checkpoint_id", "a.commitment_id", "a.author_kind", "a.author_public_name", "a.verifiable", "a.potential", "a.completion",
      "a.on_time", "a.opened_government", "a.narrative", sql<string>`a.assessed_on::text`.as("assessed_on"), "a.starred", "a.source", "a.created_at",
    ])
    .where("a.municipality_id", "=", municipalityId);
  q = "planId" in where ? q.where("k.plan_id", "=", where.planId) : q.where("a.commitment_id", "=", where.commitmentId);
  const rows = await q.orderBy("k.scheduled_on").orderBy("k.id").orderBy("a.created_at").orderBy("a.id").execute();
  return rows.map((r) => ({
    id: r.id, checkpointId: r.checkpoint_id, commitmentId: r.commitment_id, authorKind: r.author_kind, authorPublicName: r.author_public_name,
    verifiable: r.verifiable, potential: r.potential, completion: r.completion, onTime: r.on_time, openedGovernment: r.opened_government,
    narrative: r.narrative, assessedOn: r.assessed_on, starred: r.starred, source: r.source, recordedAt: new Date(r.created_at),
  }));
}

/** The newest row per key, given rows oldest first (as listAssessments returns them). */
export function newestBy<K>(rows: readonly AssessmentView[], key: (a: AssessmentView) => K): Map<K, AssessmentView> {
  const out = new Map<K, AssessmentView>();
  for (const a of rows) out.set(key(a), a);
  return out;
}

export const cellKey = (checkpointId: number, commitmentId: number, kind: AssessmentAuthorKind) => `${checkpointId}:${commitmentId}:${kind}`;

export interface CommitmentReview {
  /** Per author kind, its assessment at the latest checkpoint it assessed (the newest correction). */
  current: Partial<Record<AssessmentAuthorKind, AssessmentView>>;
  /**
   * The star shown for the commitment: the independent reviewer's current assessment when there is
   * one (the IRM's star is an independent judgement), otherwise the internal team's.
   */
  star: { starred: boolean; by: AssessmentAuthorKind } | null;
  /** Ids of the rows that are current for their (checkpoint, author kind); the others were corrected. */
  currentIds: Set<number>;
}

/** What the public sections show of one commitment's assessments (rows oldest first). */
export function reviewOf(rows: readonly AssessmentView[]): CommitmentReview {
  const perKind = newestBy(rows, (a) => a.authorKind);
  const current: CommitmentReview["current"] = Object.fromEntries(perKind);
  const lead = current.revisor_independiente ?? current.equipo_interno;
  return {
    current,
    star: lead ? { starred: lead.starred, by: lead.authorKind } : null,
    currentIds: new Set([...newestBy(rows, (a) => `${a.checkpointId}:${a.authorKind}`).values()].map((a) => a.id)),
  };
}

/** How many of a plan's commitments are starred now (by the rule of `reviewOf`). */
export function starredCount(rows: readonly AssessmentView[]): number {
  const byCommitment = new Map<number, AssessmentView[]>();
  for (const a of rows) byCommitment.set(a.commitmentId, [...(byCommitment.get(a.commitmentId) ?? []), a]);
  return [...byCommitment.values()].filter((list) => reviewOf(list).star?.starred).length;
}
