/**
 * Threaded comments on a proposal: comments (depth 0), replies (1) and replies to replies (2).
 * The page lists top-level comments paginated, each with its whole thread.
 */
import { sql } from "kysely";
import type { Db, Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { publish } from "../../platform/bus.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { PROPOSALS_TOPIC } from "./create.js";
import { ProposalInputError } from "./errors.js";

export const COMMENT_MAX = 3000;
export const MAX_DEPTH = 2;

export async function addComment(
  db: Db,
  municipalityId: number,
  processId: number,
  proposalId: number,
  participantId: number,
  actor: Actor,
  input: { body: string; parentId?: number | null },
): Promise<{ id: number; depth: number }> {
  const body = input.body.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "").trim();
  if (body.length < 2) throw ProposalInputError.single("comment", "Escriba su comentario.");
  if (body.length > COMMENT_MAX) throw ProposalInputError.single("comment", `El comentario admite hasta ${COMMENT_MAX} caracteres.`);
  return db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom("proposals")
      .select(["id", "hidden_at"])
      .where("municipality_id", "=", municipalityId)
      .where("process_id", "=", processId)
      .where("id", "=", proposalId)
      .executeTakeFirst();
    if (!p || p.hidden_at) throw new HttpProblem(404, "La propuesta no existe o fue ocultada por moderación.");
    let depth = 0;
    if (input.parentId != null) {
      const parent = await trx
        .selectFrom("proposal_comments")
        .select(["id", "depth", "hidden_at"])
        .where("municipality_id", "=", municipalityId)
        .where("proposal_id", "=", proposalId)
        .where("id", "=", input.parentId)
        .executeTakeFirst();
      if (!parent) throw ProposalInputError.single("comment", "El comentario al que responde no existe en esta propuesta.");
      if (parent.hidden_at) throw ProposalInputError.single("comment", "No se puede responder a un comentario oculto por moderación.");
      if (parent.depth >= MAX_DEPTH) throw ProposalInputError.single("comment", "Esta conversación no admite más niveles de respuesta: responda al comentario anterior.");
      depth = parent.depth + 1;
    }
    const row = await trx
      .insertInto("proposal_comments")
      .values({ municipality_id: municipalityId, proposal_id: proposalId, parent_id: input.parentId ?? null, depth, body, author_participant_id: participantId, hidden_at: null, hidden_reason: null })
      .returning(["id"])
      .executeTakeFirstOrThrow();
    await recountComments(trx, municipalityId, proposalId);
    await recordAudit(trx, {
      actor, actorLabel: actor.kind === "user" ? undefined : "participante", municipalityId, action: "proposals.comment",
      subjectType: "proposal_comment", subjectId: row.id, details: { proposalId, depth },
    });
    await publish(trx, { topic: PROPOSALS_TOPIC, municipalityId, data: { processId, proposalId, kind: "comment" } });
    return { id: row.id, depth };
  });
}

/** Visible comments only: a hidden one leaves the count. */
export async function recountComments(trx: Executor, municipalityId: number, proposalId: number): Promise<void> {
  await sql`update proposals set comments_count = (select count(*) from proposal_comments c
     where c.municipality_id = ${municipalityId} and c.proposal_id = ${proposalId} and c.hidden_at is null)
     where municipality_id = ${municipalityId} and id = ${proposalId}`.execute(trx);
}

export interface CommentNode {
  id: number;
  depth: number;
  body: string;
  hiddenReason: string | null;
  createdAt: Date;
  replies: CommentNode[];
}

export const COMMENTS_PER_PAGE = 20;

/** One page of top-level comments (oldest first) with their replies; hidden ones carry only the reason. */
export async function commentThreads(db: Executor, municipalityId: number, proposalId: number, page: number): Promise<{ threads: CommentNode[]; total: number }> {
  const total = Number(
    (await db.selectFrom("proposal_comments").select((eb) => eb.fn.countAll<string>().as("n")).where("municipality_id", "=", municipalityId).where("proposal_id", "=", proposalId).where("depth", "=", 0).executeTakeFirstOrThrow()).n,
  );
  const tops = await db
    .selectFrom("proposal_comments")
    .select(["id", "depth", "body", "hidden_reason", "created_at", "parent_id"])
    .where("municipality_id", "=", municipalityId)
    .where("proposal_id", "=", proposalId)
    .where("depth", "=", 0)
    .orderBy("created_at")
    .orderBy("id")
    .limit(COMMENTS_PER_PAGE)
    .offset((page - 1) * COMMENTS_PER_PAGE)
    .execute();
  const nodes = new Map<number, CommentNode>();
  const toNode = (r: (typeof tops)[number]): CommentNode => ({
    id: r.id, depth: r.depth, body: r.hidden_reason ? "" : r.body, hiddenReason: r.hidden_reason, createdAt: new Date(r.created_at), replies: [],
  });
  for (const r of tops) nodes.set(r.id, toNode(r));
  let parents = tops.map((r) => r.id);
  for (let depth = 1; depth <= MAX_DEPTH && parents.length > 0; depth++) {
    const rows = await db
      .selectFrom("proposal_comments")
      .select(["id", "depth", "body", "hidden_reason", "created_at", "parent_id"])
      .where("municipality_id", "=", municipalityId)
      .where("proposal_id", "=", proposalId)
      .where("parent_id", "in", parents)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    for (const r of rows) {
      const node = toNode(r);
      nodes.set(r.id, node);
      nodes.get(r.parent_id!)?.replies.push(node);
    }
    parents = rows.map((r) => r.id);
  }
  return { threads: tops.map((r) => nodes.get(r.id)!), total };
}
