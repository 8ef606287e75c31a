/**
 * What an OGP import finds already stored, and what it must change. Plans are matched by their OGP
 * plan id, commitments by OGP's identifier within the plan, checkpoints by title, and the IRM's
 * assessments by (checkpoint, commitment): the newest imported one is compared with the sheet's.
 * The diff is pure, so an unchanged plan costs no transaction at all.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { CheckpointDraft, CommitmentDraft, PlanDraft } from "./ogp-import.js";
import { irmCheckpointTitle, type IrmAssessment } from "./ogp-import-ratings.js";
import type { CompletionLevel, OpenedGovernmentLevel, PotentialLevel } from "./tables.js";
import "./tables.js";

export interface AssessmentFields {
  verifiable: boolean;
  potential: PotentialLevel | null;
  completion: CompletionLevel;
  opened_government: OpenedGovernmentLevel | null;
  starred: boolean;
  narrative: string;
  assessed_on: LocalDate;
}

export interface PlanState {
  plan: { id: number; slug: string; title: string; description: string; source_reference: string; published: boolean; starts_on: LocalDate; ends_on: LocalDate };
  commitments: {
    id: number; number: number; ogp_identifier: string | null; title: string; description: string; lead_official: string; starts_on: LocalDate; ends_on: LocalDate;
    relevant_transparency: boolean; relevant_participation: boolean; relevant_accountability: boolean; ogp_data: unknown; withdrawn_at: Date | null;
  }[];
  checkpoints: { id: number; title: string; scheduled_on: LocalDate }[];
  /** Newest imported assessment by "checkpoint title|OGP identifier". */
  latestIrm: Map<string, AssessmentFields>;
}

const assessmentKey = (checkpointTitle: string, ogpIdentifier: string) => `${checkpointTitle}|${ogpIdentifier}`;

/** The stored state of the municipality's plans imported under these OGP plan ids (four queries in all). */
export async function loadPlanStates(db: Executor, municipalityId: number, ogpPlanIds: string[]): Promise<Map<string, PlanState>> {
  const out = new Map<string, PlanState>();
  if (ogpPlanIds.length === 0) return out;
  const plans = await db
    .selectFrom("action_plans")
    .select(["id", "slug", "title", "description", "source_reference", "published", "ogp_plan_id", sql<string>`starts_on::text`.as("starts_on"), sql<string>`ends_on::text`.as("ends_on")])
    .where("municipality_id", "=", municipalityId)
    .where("ogp_plan_id", "in", ogpPlanIds)
    .execute();
  if (plans.length === 0) return out;
  const byId = new Map<number, PlanState>();
  for (const { ogp_plan_id, ...plan } of plans) {
    const state: PlanState = { plan, commitments: [], checkpoints: [], latestIrm: new Map() };
    out.set(ogp_plan_id!, state);
    byId.set(plan.id, state);
  }
  const planIds = [...byId.keys()];
  const [commitments, checkpoints, assessments] = await Promise.all([
    db.selectFrom("plan_commitments")
      .select([
        "id", "plan_id", "number", "ogp_identifier", "title", "description", "lead_official", "relevant_transparency", "relevant_participation", "relevant_accountability", "ogp_data", "withdrawn_at",
        sql<string>`starts_on::text`.as("starts_on"), sql<string>`ends_on::text`.as("ends_on"),
      ])
      .where("municipality_id", "=", municipalityId).where("plan_id", "in", planIds).execute(),
    db.selectFrom("plan_checkpoints").select(["id", "plan_id", "title", sql<string>`scheduled_on::text`.as("scheduled_on")])
      .where("municipality_id", "=", municipalityId).where("plan_id", "in", planIds).execute(),
    db.selectFrom("plan_assessments as a")
      .innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "a.municipality_id").onRef("c.id", "=", "a.commitment_id"))
      .innerJoin("plan_checkpoints as k", (j) => j.onRef("k.municipality_id", "=", "a.municipality_id").onRef("k.id", "=", "a.checkpoint_id"))
      .select(["c.plan_id", "c.ogp_identifier", "k.title", "a.verifiable", "a.potential", "a.completion", "a.opened_government", "a.starred", "a.narrative", sql<string>`a.assessed_on::text`.as("assessed_on")])
      .where("a.municipality_id", "=", municipalityId).where("c.plan_id", "in", planIds).where("a.source", "=", "irm").where("c.ogp_identifier", "is not", null)
      .orderBy("a.id").execute(),
  ]);
  for (const { plan_id, ...c } of commitments) byId.get(plan_id)!.commitments.push(c);
  for (const { plan_id, ...k } of checkpoints) byId.get(plan_id)!.checkpoints.push(k);
  for (const { plan_id, ogp_identifier, title, ...fields } of assessments) byId.get(plan_id)!.latestIrm.set(assessmentKey(title, ogp_identifier!), fields);
  return out;
}

export function commitmentFields(c: CommitmentDraft) {
  return {
    title: c.title, description: c.description, lead_official: c.leadOfficial, starts_on: c.startsOn, ends_on: c.endsOn,
    relevant_transparency: c.relevance.transparency, relevant_participation: c.relevance.participation, relevant_accountability: c.relevance.accountability,
  };
}

/** The IRM publishes only the report's year; an assessment is dated 1 January of it, like its checkpoint. */
export function assessmentFields(a: IrmAssessment): AssessmentFields {
  return { verifiable: a.verifiable, potential: a.potential, completion: a.completion, opened_government: a.openedGovernment, starred: a.starred, narrative: a.narrative, assessed_on: `${a.year}-01-01` };
}

export interface PlanChanges {
  /** Changed plan columns (for a new plan: null, it is inserted whole). */
  planUpdate: { title: string; description: string; source_reference: string; starts_on: LocalDate; ends_on: LocalDate; published: boolean } | null;
  newCommitments: { draft: CommitmentDraft; number: number }[];
  changedCommitments: { id: number; draft: CommitmentDraft; withdraw: boolean }[];
  newCheckpoints: CheckpointDraft[];
  newAssessments: { checkpointTitle: string; ogpIdentifier: string; fields: AssessmentFields }[];
}

export const hasChanges = (c: PlanChanges) =>
  c.planUpdate !== null || c.newCommitments.length + c.changedCommitments.length + c.newCheckpoints.length + c.newAssessments.length > 0;

function sameData(stored: unknown, next: Record<string, string>): boolean {
  const old = (typeof stored === "string" ? JSON.parse(stored) : stored) as Record<string, string> | null;
  if (!old) return false;
  const keys = Object.keys(next);
  return keys.length === Object.keys(old).length && keys.every((k) => old[k] === next[k]);
}

/** What storing the draft changes, given what is stored (undefined: the plan is new). */
export function diffPlan(draft: PlanDraft, state: PlanState | undefined, publish: boolean): PlanChanges {
  const stored = new Map((state?.commitments ?? []).filter((c) => c.ogp_identifier !== null).map((c) => [c.ogp_identifier!, c]));
  let nextNumber = (state?.commitments ?? []).reduce((n, c) => Math.max(n, c.number), 0) + 1;
  const changes: PlanChanges = { planUpdate: null, newCommitments: [], changedCommitments: [], newCheckpoints: [], newAssessments: [] };
  for (const draftCommitment of draft.commitments) {
    const old = stored.get(draftCommitment.ogpIdentifier);
    if (!old) {
      changes.newCommitments.push({ draft: draftCommitment, number: nextNumber++ });
      continue;
    }
    const fields = commitmentFields(draftCommitment);
    const withdraw = draftCommitment.irm.withdrawnIn !== null && old.withdrawn_at === null;
    if (withdraw || (Object.keys(fields) as (keyof typeof fields)[]).some((k) => old[k] !== fields[k]) || !sameData(old.ogp_data, draftCommitment.ogpData)) {
      changes.changedCommitments.push({ id: old.id, draft: draftCommitment, withdraw });
    }
  }
  const storedTitles = new Set((state?.checkpoints ?? []).map((k) => k.title));
  changes.newCheckpoints = draft.checkpoints.filter((k) => !storedTitles.has(k.title));
  for (const c of draft.commitments) {
    for (const a of c.irm.assessments) {
      const checkpointTitle = irmCheckpointTitle(a.report, a.year);
      const fields = assessmentFields(a);
      const last = state?.latestIrm.get(assessmentKey(checkpointTitle, c.ogpIdentifier));
      if (last && (Object.keys(fields) as (keyof AssessmentFields)[]).every((k) => last[k] === fields[k])) continue;
      changes.newAssessments.push({ checkpointTitle, ogpIdentifier: c.ogpIdentifier, fields });
    }
  }
  if (state) {
    // Never shrink the period below what the plan holds (commitments staff added, earlier checkpoints).
    const inDraft = new Set(draft.commitments.map((c) => c.ogpIdentifier));
    const held = [
      ...state.commitments.filter((c) => c.ogp_identifier === null || !inDraft.has(c.ogp_identifier)).flatMap((c) => [c.starts_on, c.ends_on]),
      ...state.checkpoints.map((k) => k.scheduled_on),
    ];
    const dates = [draft.startsOn, draft.endsOn, ...held].sort();
    const next = { title: draft.title, description: draft.description, source_reference: draft.sourceReference, starts_on: dates[0]!, ends_on: dates.at(-1)!, published: state.plan.published || publish };
    if ((Object.keys(next) as (keyof typeof next)[]).some((k) => state.plan[k] !== next[k])) changes.planUpdate = next;
  }
  return changes;
}
