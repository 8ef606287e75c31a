/**
 * Operations of a plan's review: reviewers (existing accounts, internal or independent, shown by a
 * public name), checkpoints inside the plan's period, and assessments on the IRM's scales. Each
 * runs inside the caller's transaction with its audit entry; a person's mistake is a
 * PlanInputError (422, nothing stored). Assessments are append-only: a correction is a new row.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { isStarred } from "./progress.js";
import { actorUserId } from "./staff-inputs.js";
import { existingAccount, FormChecker, municipalityToday } from "./review-checks.js";
import {
  ASSESSMENT_AUTHOR_KINDS, COMPLETION_LEVELS, OPENED_GOVERNMENT_LEVELS, POTENTIAL_LEVELS, REVIEWER_KINDS,
  type AssessmentAuthorKind, type CompletionLevel, type OpenedGovernmentLevel, type PotentialLevel, type ReviewerKind,
} from "./tables.js";

async function planPeriod(trx: Executor, municipalityId: number, planId: number): Promise<{ startsOn: string; endsOn: string }> {
  const plan = await trx
    .selectFrom("action_plans")
    .select([sql<string>`starts_on::text`.as("starts_on"), sql<string>`ends_on::text`.as("ends_on")])
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", planId)
    .executeTakeFirst();
  if (!plan) throw new HttpProblem(404, "El plan de acción no existe.");
  return { startsOn: plan.starts_on, endsOn: plan.ends_on };
}

/** Adds a reviewer to the plan, or changes the kind and public name of one already there. Returns the account's id. */
export async function addReviewer(
  trx: Executor, municipalityId: number, actor: Actor, planId: number,
  input: { email: string; kind: ReviewerKind; publicName: string },
): Promise<number> {
  await planPeriod(trx, municipalityId, planId);
  const c = new FormChecker();
  const userId = await existingAccount(trx, c, "email", input.email);
  const kind = c.oneOf("kind", input.kind, REVIEWER_KINDS, "Elija si la persona revisa como parte del equipo interno o como revisora independiente.");
  const publicName = c.text("publicName", input.publicName, { label: "el nombre público de quien revisa", min: 2, max: 200 });
  c.done();
  const before = await trx
    .selectFrom("plan_reviewers").select(["kind", "public_name"])
    .where("municipality_id", "=", municipalityId).where("plan_id", "=", planId).where("user_id", "=", userId!)
    .executeTakeFirst();
  await trx
    .insertInto("plan_reviewers")
    .values({ municipality_id: municipalityId, plan_id: planId, user_id: userId!, kind, public_name: publicName, added_by: actorUserId(actor) })
    .onConflict((oc) => oc.columns(["municipality_id", "plan_id", "user_id"]).doUpdateSet({ kind, public_name: publicName }))
    .execute();
  await recordAudit(trx, {
    actor, municipalityId, action: before ? "plans.reviewer.update" : "plans.reviewer.add", subjectType: "action_plan", subjectId: planId,
    details: { userId, kind, publicName, ...(before ? { from: { kind: before.kind, publicName: before.public_name } } : {}) },
  });
  return userId!;
}

/** Removes a reviewer; the assessments they wrote stay, under the public name they were written with. */
export async function removeReviewer(trx: Executor, municipalityId: number, actor: Actor, planId: number, userId: number): Promise<void> {
  const row = await trx
    .deleteFrom("plan_reviewers")
    .where("municipality_id", "=", municipalityId).where("plan_id", "=", planId).where("user_id", "=", userId)
    .returning(["kind", "public_name"])
    .executeTakeFirst();
  if (!row) throw new HttpProblem(404, "Esa persona no revisa este plan.");
  await recordAudit(trx, { actor, municipalityId, action: "plans.reviewer.remove", subjectType: "action_plan", subjectId: planId, details: { userId, kind: row.kind, publicName: row.public_name } });
}

/** A checkpoint ("momento de revisión") of the plan, dated inside the plan's period. */
export async function scheduleCheckpoint(trx: Executor, municipalityId: number, actor: Actor, planId: number, input: { title: string; scheduledOn: string }): Promise<number> {
  const period = await planPeriod(trx, municipalityId, planId);
  const c = new FormChecker();
  const title = c.text("title", input.title, { label: "el nombre del momento de revisión", min: 3, max: 200 });
  const scheduledOn = c.date("scheduledOn", input.scheduledOn, "la fecha del momento de revisión");
  if (scheduledOn && (scheduledOn < period.startsOn || scheduledOn > period.endsOn)) {
    c.fail("scheduledOn", `La fecha debe estar dentro del periodo del plan, del ${period.startsOn} al ${period.endsOn}.`);
  }
  c.done();
  const row = await trx
    .insertInto("plan_checkpoints")
    .values({ municipality_id: municipalityId, plan_id: planId, title, scheduled_on: scheduledOn!, created_by: actorUserId(actor) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { actor, municipalityId, action: "plans.checkpoint.schedule", subjectType: "plan_checkpoint", subjectId: row.id, details: { planId, title, scheduledOn } });
  return row.id;
}

export interface AssessmentInput {
  verifiable: boolean;
  potential: PotentialLevel | null;
  completion: CompletionLevel;
  onTime: boolean | null;
  openedGovernment: OpenedGovernmentLevel | null;
  narrative: string;
  assessedOn: string;
}

/**
 * Records one assessment of a commitment at a checkpoint. The date may not be before the
 * checkpoint (an assessment *at* a checkpoint describes the commitment as it stood then; an
 * earlier date would describe a moment the review had not reached, and the public history would
 * read out of order) nor after today in the municipality. `starred` follows the IRM: verifiable,
 * relevant to an OGP value, substantial potential, substantially or fully complete.
 */
export async function recordAssessment(
  trx: Executor, municipalityId: number, actor: Actor,
  target: { checkpointId: number; commitmentId: number; authorKind: AssessmentAuthorKind; authorPublicName: string },
  input: AssessmentInput,
): Promise<number> {
  const checkpoint = await trx
    .selectFrom("plan_checkpoints").select(["plan_id", sql<string>`scheduled_on::text`.as("scheduled_on")])
    .where("municipality_id", "=", municipalityId).where("id", "=", target.checkpointId)
    .executeTakeFirst();
  const commitment = await trx
    .selectFrom("plan_commitments").select(["plan_id", "relevant_transparency", "relevant_accountability", "relevant_participation"])
    .where("municipality_id", "=", municipalityId).where("id", "=", target.commitmentId)
    .executeTakeFirst();
  if (!checkpoint || !commitment || commitment.plan_id !== checkpoint.plan_id) throw new HttpProblem(404, "El momento de revisión o el compromiso no existe en este plan.");
  const c = new FormChecker();
  const authorKind = c.oneOf("authorKind", target.authorKind, ASSESSMENT_AUTHOR_KINDS, "Quien valora debe ser el equipo interno o una revisión independiente.");
  const authorPublicName = c.text("authorPublicName", target.authorPublicName, { label: "el nombre público de quien valora", min: 2, max: 200 });
  if (typeof input.verifiable !== "boolean") c.fail("verifiable", "Indique si el compromiso es verificable.");
  const potential = c.optionalOneOf("potential", input.potential, POTENTIAL_LEVELS, "Elija el potencial de resultados: poco claro, modesto o sustancial.");
  if (input.onTime !== null && typeof input.onTime !== "boolean") c.fail("onTime", "Indique si el compromiso avanza a tiempo, o déjelo sin valorar.");
  const completion = c.oneOf("completion", input.completion, COMPLETION_LEVELS, "Elija el nivel de cumplimiento.");
  const openedGovernment = c.optionalOneOf("openedGovernment", input.openedGovernment, OPENED_GOVERNMENT_LEVELS, "Elija si el compromiso abrió el gobierno.");
  const narrative = c.text("narrative", input.narrative, { label: "la justificación de la valoración", min: 10, max: 12000 });
  const assessedOn = c.date("assessedOn", input.assessedOn, "la fecha de la valoración");
  if (assessedOn) {
    const today = await municipalityToday(trx, municipalityId);
    if (assessedOn < checkpoint.scheduled_on) c.fail("assessedOn", `La fecha de la valoración no puede ser anterior al momento de revisión (${checkpoint.scheduled_on}).`);
    else if (assessedOn > today) c.fail("assessedOn", "La fecha de la valoración no puede estar en el futuro.");
  }
  c.done();
  const relevant = commitment.relevant_transparency || commitment.relevant_accountability || commitment.relevant_participation;
  const starred = isStarred({ verifiable: input.verifiable, relevant, potential, completion });
  const previous = await trx
    .selectFrom("plan_assessments").select("id")
    .where("municipality_id", "=", municipalityId).where("checkpoint_id", "=", target.checkpointId)
    .where("commitment_id", "=", target.commitmentId).where("author_kind", "=", authorKind)
    .orderBy("created_at", "desc").orderBy("id", "desc").limit(1)
    .executeTakeFirst();
  const row = await trx
    .insertInto("plan_assessments")
    .values({
      municipality_id: municipalityId, checkpoint_id: target.checkpointId, commitment_id: target.commitmentId,
      author_kind: authorKind, author_user_id: actorUserId(actor), author_public_name: authorPublicName,
      verifiable: input.verifiable, potential, completion, on_time: input.onTime, opened_government: openedGovernment,
      narrative, assessed_on: assessedOn!, starred,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actor, municipalityId, action: "plans.assessment.record", subjectType: "plan_assessment", subjectId: row.id,
    details: { checkpointId: target.checkpointId, commitmentId: target.commitmentId, authorKind, completion, potential, verifiable: input.verifiable, starred, assessedOn, correctsAssessmentId: previous?.id ?? null },
  });
  return row.id;
}
