/**
 * Moderation: anyone at the process's `report` level reports a proposal or a comment with a
 * reason; moderators (the participation team) hide it with a reason or dismiss the reports.
 * Hidden content leaves lists and pages (its place says why) and enters the public moderation
 * log of the process, which never names the reporter or the moderator.
 */
import type { Db, Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { publish } from "../../platform/bus.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { PROPOSALS_TOPIC, proposalFolio } from "./create.js";
import { recountComments } from "./comments.js";
import { ProposalInputError } from "./errors.js";
import { REPORT_REASONS, type ReportReason } from "./tables.js";

export interface ReportTarget {
  proposalId: number;
  commentId: number | null;
}

async function checkTarget(trx: Executor, municipalityId: number, processId: number, target: ReportTarget) {
  const p = await trx
    .selectFrom("proposals")
    .select(["id", "number", "hidden_at"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("id", "=", target.proposalId)
    .executeTakeFirst();
  if (!p) throw new HttpProblem(404, "La propuesta no existe en este proceso.");
  if (target.commentId === null) return { proposal: p, hidden: p.hidden_at !== null };
  const c = await trx
    .selectFrom("proposal_comments")
    .select(["id", "hidden_at"])
    .where("municipality_id", "=", municipalityId)
    .where("proposal_id", "=", p.id)
    .where("id", "=", target.commentId)
    .executeTakeFirst();
  if (!c) throw new HttpProblem(404, "El comentario no existe en esta propuesta.");
  return { proposal: p, hidden: c.hidden_at !== null };
}

/** false when this participant had already reported it (nothing changes). */
export async function reportContent(
  db: Db,
  municipalityId: number,
  processId: number,
  participantId: number,
  actor: Actor,
  target: ReportTarget,
  input: { reason: string; details: string },
): Promise<boolean> {
  if (!REPORT_REASONS.includes(input.reason as ReportReason)) throw ProposalInputError.single("reason", "Elija el motivo del reporte.");
  const details = input.details.trim();
  if (details.length > 1000) throw ProposalInputError.single("details", "La explicación admite hasta 1000 caracteres.");
  return db.transaction().execute(async (trx) => {
    const { hidden } = await checkTarget(trx, municipalityId, processId, target);
    if (hidden) throw new HttpProblem(422, "Este contenido ya fue ocultado por moderación.");
    const inserted = await trx
      .insertInto("proposal_reports")
      .values({
        municipality_id: municipalityId, process_id: processId, proposal_id: target.proposalId, comment_id: target.commentId,
        reporter_participant_id: participantId, reason: input.reason as ReportReason, details, resolved_by: null, resolved_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
    await recordAudit(trx, {
      actor, actorLabel: actor.kind === "user" ? undefined : "participante", municipalityId, action: "proposals.report",
      subjectType: target.commentId === null ? "proposal" : "proposal_comment", subjectId: target.commentId ?? target.proposalId, details: { reason: input.reason },
    });
    return true;
  });
}

/** Hide a proposal or comment with a public reason; its pending reports are resolved as "ocultado". */
export async function hideContent(db: Db, municipalityId: number, processId: number, actor: Actor, target: ReportTarget, reasonText: string): Promise<void> {
  const reason = reasonText.replace(/\s+/g, " ").trim();
  if (reason.length < 3 || reason.length > 500) throw ProposalInputError.single("reason", "Escriba el motivo por el que se oculta (entre 3 y 500 caracteres); se publica en la bitácora de moderación.");
  await db.transaction().execute(async (trx) => {
    const { proposal, hidden } = await checkTarget(trx, municipalityId, processId, target);
    if (hidden) throw new HttpProblem(409, "Este contenido ya está oculto.");
    const now = new Date();
    const moderator = actor.kind === "user" ? actor.userId : null;
    if (target.commentId === null) {
      await trx.updateTable("proposals").set({ hidden_at: now, hidden_reason: reason, updated_at: now }).where("municipality_id", "=", municipalityId).where("id", "=", proposal.id).execute();
      await trx
        .insertInto("proposal_events")
        .values({ municipality_id: municipalityId, proposal_id: proposal.id, kind: "hidden", from_status: null, to_status: null, body: reason, other_proposal_id: null, actor_user_id: moderator, occurred_at: now })
        .execute();
    } else {
      await trx.updateTable("proposal_comments").set({ hidden_at: now, hidden_reason: reason }).where("municipality_id", "=", municipalityId).where("id", "=", target.commentId).execute();
      await recountComments(trx, municipalityId, proposal.id);
    }
    await trx
      .insertInto("proposal_moderation_log")
      .values({ municipality_id: municipalityId, process_id: processId, proposal_id: proposal.id, comment_id: target.commentId, reason, moderator_user_id: moderator, hidden_at: now })
      .execute();
    await trx
      .updateTable("proposal_reports")
      .set({ status: "ocultado", resolved_by: moderator, resolved_at: now })
      .where("municipality_id", "=", municipalityId)
      .where("proposal_id", "=", proposal.id)
      .where("status", "=", "pendiente")
      .where((eb) => (target.commentId === null ? eb("comment_id", "is", null) : eb("comment_id", "=", target.commentId)))
      .execute();
    await recordAudit(trx, {
      actor, municipalityId, action: "proposals.hide", subjectType: target.commentId === null ? "proposal" : "proposal_comment",
      subjectId: target.commentId ?? proposal.id, details: { folio: proposalFolio(proposal.number), reason },
    });
    await publish(trx, { topic: PROPOSALS_TOPIC, municipalityId, data: { processId, proposalId: proposal.id, kind: "hidden" } });
  });
}

/** The target of a report of this process, or undefined. */
export async function findReportTarget(db: Executor, municipalityId: number, processId: number, reportId: number): Promise<ReportTarget | undefined> {
  const r = await db
    .selectFrom("proposal_reports")
    .select(["proposal_id", "comment_id"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("id", "=", reportId)
    .executeTakeFirst();
  return r ? { proposalId: r.proposal_id, commentId: r.comment_id } : undefined;
}

/** Dismiss the pending reports of one target (the content stays). */
export async function dismissReports(db: Db, municipalityId: number, processId: number, actor: Actor, reportId: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const report = await trx
      .selectFrom("proposal_reports")
      .select(["proposal_id", "comment_id", "status"])
      .where("municipality_id", "=", municipalityId)
      .where("process_id", "=", processId)
      .where("id", "=", reportId)
      .executeTakeFirst();
    if (!report) throw new HttpProblem(404, "El reporte no existe en este proceso.");
    const now = new Date();
    const result = await trx
      .updateTable("proposal_reports")
      .set({ status: "descartado", resolved_by: actor.kind === "user" ? actor.userId : null, resolved_at: now })
      .where("municipality_id", "=", municipalityId)
      .where("proposal_id", "=", report.proposal_id)
      .where("status", "=", "pendiente")
      .where((eb) => (report.comment_id === null ? eb("comment_id", "is", null) : eb("comment_id", "=", report.comment_id)))
      .executeTakeFirst();
    const n = Number(result.numUpdatedRows);
    await recordAudit(trx, { actor, municipalityId, action: "proposals.reports.dismiss", subjectType: "proposal_report", subjectId: reportId, details: { dismissed: n } });
    return n;
  });
}

export interface QueueItem {
  reportId: number;
  proposalNumber: number;
  proposalTitle: string;
  commentId: number | null;
  /** The reported text, for the moderator to judge. */
  text: string;
  reasons: { reason: ReportReason; details: string }[];
  reports: number;
  firstAt: Date;
}

export const QUEUE_PER_PAGE = 25;

/** Pending reports grouped by target, oldest first. */
export async function moderationQueue(db: Executor, municipalityId: number, processId: number, page: number): Promise<{ items: QueueItem[]; total: number }> {
  const rows = await db
    .selectFrom("proposal_reports as r")
    .innerJoin("proposals as p", (j) => j.onRef("p.municipality_id", "=", "r.municipality_id").onRef("p.id", "=", "r.proposal_id"))
    .leftJoin("proposal_comments as c", (j) => j.onRef("c.municipality_id", "=", "r.municipality_id").onRef("c.id", "=", "r.comment_id"))
    .select(["r.id", "r.proposal_id", "r.comment_id", "r.reason", "r.details", "r.created_at", "p.number", "p.title", "p.body", "c.body as comment_body"])
    .where("r.municipality_id", "=", municipalityId)
    .where("r.process_id", "=", processId)
    .where("r.status", "=", "pendiente")
    .orderBy("r.created_at")
    .orderBy("r.id")
    .limit(5000)
    .execute();
  const groups = new Map<string, QueueItem>();
  for (const r of rows) {
    const key = `${r.proposal_id}:${r.comment_id ?? ""}`;
    const g = groups.get(key) ?? {
      reportId: r.id, proposalNumber: r.number, proposalTitle: r.title, commentId: r.comment_id,
      text: r.comment_id === null ? r.body : (r.comment_body ?? ""), reasons: [], reports: 0, firstAt: new Date(r.created_at),
    };
    g.reports++;
    g.reasons.push({ reason: r.reason, details: r.details });
    groups.set(key, g);
  }
  const all = [...groups.values()];
  return { items: all.slice((page - 1) * QUEUE_PER_PAGE, page * QUEUE_PER_PAGE), total: all.length };
}

export interface ModerationLogEntry {
  proposalNumber: number;
  target: "proposal" | "comment";
  reason: string;
  hiddenAt: Date;
}

export const LOG_PER_PAGE = 25;

/** The public log: what was hidden, when and why. */
export async function moderationLog(db: Executor, municipalityId: number, processId: number, page: number): Promise<{ entries: ModerationLogEntry[]; total: number }> {
  const base = db.selectFrom("proposal_moderation_log as l").where("l.municipality_id", "=", municipalityId).where("l.process_id", "=", processId);
  const total = Number((await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await base
    .innerJoin("proposals as p", (j) => j.onRef("p.municipality_id", "=", "l.municipality_id").onRef("p.id", "=", "l.proposal_id"))
    .select(["p.number", "l.comment_id", "l.reason", "l.hidden_at"])
    .orderBy("l.hidden_at", "desc")
    .orderBy("l.id", "desc")
    .limit(LOG_PER_PAGE)
    .offset((page - 1) * LOG_PER_PAGE)
    .execute();
  return {
    entries: rows.map((r) => ({ proposalNumber: r.number, target: r.comment_id === null ? "proposal" : "comment", reason: r.reason, hiddenAt: new Date(r.hidden_at) })),
    total,
  };
}
