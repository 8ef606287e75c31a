/**
 * Storing OGP's commitments (read by ogp-import.ts) in a municipality: one transaction per action
 * plan with its audit entry. The whole file is read and checked first, so a bad file stores
 * nothing. Importing again updates instead of duplicating (ogp-import-state.ts: plans by their OGP
 * plan id, commitments by OGP's identifier, both unique in the schema); an IRM assessment is
 * appended only when its ratings changed (assessments are append-only: a correction is a new
 * row); a plan with nothing changed is not written at all. Commitments staff added are left alone.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { recordAudit, SYSTEM, type AuditBy } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { Services } from "../../platform/services.js";
import { todayIn } from "../participation/processes.js";
import { draftOgpPlans, OgpImportError, readOgpCsv, selectOgpRows, type CommitmentDraft, type OgpSelection, type PlanDraft } from "./ogp-import.js";
import { IRM_PUBLIC_NAME } from "./ogp-import-ratings.js";
import { commitmentFields, diffPlan, hasChanges, loadPlanStates, type PlanChanges } from "./ogp-import-state.js";
import "./tables.js";

/** The 558 open-parliament commitments shipped with Cabildo (see data/ogp/ATTRIBUTION.md). */
export const SHIPPED_OGP_CSV = path.join(path.dirname(fileURLToPath(import.meta.url)), "data/ogp/ogp_open_parliament_commitments_0703.csv");

export interface OgpImportOptions extends OgpSelection {
  /** Publish the plans (new ones, and existing ones that were not yet); otherwise staff publish them. */
  publish?: boolean;
  by?: AuditBy;
  /** The file's name, for the audit log. */
  source?: string;
  /** Progress lines ("Importando AP_UKR02: 12 compromisos…"). */
  log?: (line: string) => void;
  today?: LocalDate;
}

export interface OgpPlanResult {
  ogpPlanId: string;
  slug: string;
  planId: number;
  created: boolean;
  commitments: number;
  commitmentsCreated: number;
  commitmentsUpdated: number;
  checkpointsCreated: number;
  assessmentsAdded: number;
}

export interface OgpImportResult {
  rows: number;
  plans: OgpPlanResult[];
  plansCreated: number;
  commitmentsCreated: number;
  commitmentsUpdated: number;
  checkpointsCreated: number;
  assessmentsAdded: number;
}

/** Read, check and store OGP commitments in the municipality; returns what was created and changed. */
export async function importOgpCommitments(services: Pick<Services, "db">, municipalityId: number, csvText: string, options: OgpImportOptions = {}): Promise<OgpImportResult> {
  const { db } = services;
  const municipality = await db.selectFrom("municipalities").select(["time_zone", "active"]).where("id", "=", municipalityId).executeTakeFirst();
  if (!municipality?.active) throw new OgpImportError(`El municipio ${municipalityId} no está activo en Cabildo.`);
  const rows = selectOgpRows(readOgpCsv(csvText), options);
  const drafts = draftOgpPlans(rows, options.today ?? todayIn(municipality.time_zone));
  await refuseTakenSlugs(db, municipalityId, drafts);
  const states = await loadPlanStates(db, municipalityId, drafts.map((d) => d.ogpPlanId));
  const plans: OgpPlanResult[] = [];
  for (const draft of drafts) {
    options.log?.(`Importando ${draft.ogpPlanId}: ${draft.commitments.length} ${draft.commitments.length === 1 ? "compromiso" : "compromisos"}…`);
    const state = states.get(draft.ogpPlanId);
    const unchanged = state && !hasChanges(diffPlan(draft, state, options.publish === true));
    plans.push(unchanged ? result(draft, state.plan.id, state.plan.slug, false, emptyChanges) : await db.transaction().execute((trx) => storePlan(trx, municipalityId, draft, options)));
  }
  const sum = (k: keyof OgpPlanResult) => plans.reduce((s, p) => s + Number(p[k]), 0);
  return {
    rows: rows.length, plans, plansCreated: sum("created"), commitmentsCreated: sum("commitmentsCreated"), commitmentsUpdated: sum("commitmentsUpdated"),
    checkpointsCreated: sum("checkpointsCreated"), assessmentsAdded: sum("assessmentsAdded"),
  };
}

const emptyChanges: PlanChanges = { planUpdate: null, newCommitments: [], changedCommitments: [], newCheckpoints: [], newAssessments: [] };

function result(draft: PlanDraft, planId: number, slug: string, created: boolean, changes: PlanChanges): OgpPlanResult {
  return {
    ogpPlanId: draft.ogpPlanId, slug, planId, created, commitments: draft.commitments.length, commitmentsCreated: changes.newCommitments.length,
    commitmentsUpdated: changes.changedCommitments.length, checkpointsCreated: changes.newCheckpoints.length, assessmentsAdded: changes.newAssessments.length,
  };
}

/** A plan made by hand may already use "ogp-ap-…" as its slug: say so before storing anything. */
async function refuseTakenSlugs(db: Executor, municipalityId: number, drafts: PlanDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const taken = await db.selectFrom("action_plans").select(["slug", "ogp_plan_id"]).where("municipality_id", "=", municipalityId).where("slug", "in", drafts.map((d) => d.slug)).execute();
  const clash = taken.filter((t) => t.ogp_plan_id !== drafts.find((d) => d.slug === t.slug)!.ogpPlanId);
  if (clash.length > 0) throw new OgpImportError(`Ya hay planes con el identificador ${clash.map((c) => c.slug).join(", ")} que no vienen de ese plan de OGP; cámbieles el identificador antes de importar.`);
}

function withdrawal(c: CommitmentDraft): { withdrawn_at: string; withdrawn_reason: string } {
  const year = c.irm.withdrawnIn!;
  return { withdrawn_at: `${year}-01-01T12:00:00Z`, withdrawn_reason: `El IRM de OGP registra este compromiso como retirado («Withdrawn») en su informe de ${year}.` };
}

/** One plan's changes, computed again inside its transaction from what is stored now. */
async function storePlan(trx: Executor, municipalityId: number, draft: PlanDraft, options: OgpImportOptions): Promise<OgpPlanResult> {
  const state = (await loadPlanStates(trx, municipalityId, [draft.ogpPlanId])).get(draft.ogpPlanId);
  const changes = diffPlan(draft, state, options.publish === true);
  const planId = state
    ? state.plan.id
    : (await trx
        .insertInto("action_plans")
        .values({
          municipality_id: municipalityId, slug: draft.slug, title: draft.title, description: draft.description, starts_on: draft.startsOn, ends_on: draft.endsOn,
          status: draft.status, source_reference: draft.sourceReference, published: options.publish === true, ogp_plan_id: draft.ogpPlanId, created_by: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow()).id;
  if (changes.planUpdate) {
    await trx.updateTable("action_plans").set({ ...changes.planUpdate, updated_at: sql`now()` as unknown as Date }).where("municipality_id", "=", municipalityId).where("id", "=", planId).execute();
  }
  const commitmentIds = new Map((state?.commitments ?? []).filter((c) => c.ogp_identifier !== null).map((c) => [c.ogp_identifier!, c.id]));
  if (changes.newCommitments.length > 0) {
    const inserted = await trx
      .insertInto("plan_commitments")
      .values(changes.newCommitments.map(({ draft: c, number }) => ({
        municipality_id: municipalityId, plan_id: planId, number, ogp_identifier: c.ogpIdentifier, ogp_data: JSON.stringify(c.ogpData), ...commitmentFields(c),
        ...(c.irm.withdrawnIn !== null ? withdrawal(c) : {}),
      })))
      .returning(["id", "ogp_identifier"])
      .execute();
    for (const r of inserted) commitmentIds.set(r.ogp_identifier!, r.id);
  }
  for (const { id, draft: c, withdraw } of changes.changedCommitments) {
    await trx
      .updateTable("plan_commitments")
      .set({ ...commitmentFields(c), ogp_data: JSON.stringify(c.ogpData), ...(withdraw ? withdrawal(c) : {}), updated_at: sql`now()` as unknown as Date })
      .where("municipality_id", "=", municipalityId).where("id", "=", id)
      .execute();
  }
  const checkpointIds = new Map((state?.checkpoints ?? []).map((k) => [k.title, k.id]));
  if (changes.newCheckpoints.length > 0) {
    const inserted = await trx
      .insertInto("plan_checkpoints")
      .values(changes.newCheckpoints.map((k) => ({ municipality_id: municipalityId, plan_id: planId, title: k.title, scheduled_on: k.scheduledOn, created_by: null })))
      .returning(["id", "title"])
      .execute();
    for (const r of inserted) checkpointIds.set(r.title, r.id);
  }
  if (changes.newAssessments.length > 0) {
    await trx
      .insertInto("plan_assessments")
      .values(changes.newAssessments.map((a) => ({
        municipality_id: municipalityId, checkpoint_id: checkpointIds.get(a.checkpointTitle)!, commitment_id: commitmentIds.get(a.ogpIdentifier)!,
        author_kind: "revisor_independiente" as const, author_user_id: null, author_public_name: IRM_PUBLIC_NAME, on_time: null, source: "irm" as const, ...a.fields,
      })))
      .execute();
  }
  const outcome = result(draft, planId, state?.plan.slug ?? draft.slug, !state, changes);
  const by = options.by ?? SYSTEM;
  await recordAudit(trx, {
    actor: by.actor, actorLabel: by.label, municipalityId, action: state ? "plans.ogp.reimport" : "plans.ogp.import", subjectType: "action_plan", subjectId: planId,
    details: {
      ogpPlanId: draft.ogpPlanId, source: options.source ?? null, commitments: outcome.commitments, commitmentsCreated: outcome.commitmentsCreated,
      commitmentsUpdated: outcome.commitmentsUpdated, checkpointsCreated: outcome.checkpointsCreated, assessmentsAdded: outcome.assessmentsAdded, published: options.publish === true,
    },
  });
  return outcome;
}
