/**
 * Public comments on a commitment of a published plan. Only signed-in accounts whose e-mail is
 * verified may comment (one person, one accountable voice), under a public name they choose — the
 * account and its e-mail never leave the server. Staff who manage plans hide a comment with a
 * public reason; the row stays for the record. Each write is one transaction with its audit entry.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import type { Db, Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { PlanInputError } from "./errors.js";
import { presentComment, type PublicComment } from "./presenters.js";
import "./tables.js";

export const COMMENT_MIN = 2;
export const COMMENT_MAX = 4000;
export const NAME_MIN = 2;
export const NAME_MAX = 80;
export const COMMENTS_PER_PAGE = 20;
/** Per account, across every app process (the route's limit is per address and per process). */
export const COMMENTS_PER_HOUR = 10;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Characters as PostgreSQL's length() counts them (code points), so the table's checks never fail first. */
const chars = (s: string) => [...s].length;

export interface CommentInput {
  authorName: string;
  body: string;
}

/** Every mistake at once, as field messages (422). */
export function checkCommentInput(input: CommentInput): CommentInput {
  const authorName = input.authorName.replace(CONTROL, "").replace(/\s+/g, " ").trim();
  const body = input.body.replace(CONTROL, "").trim();
  const errors: { field: string; message: string }[] = [];
  const nameLength = chars(authorName);
  const bodyLength = chars(body);
  if (nameLength < NAME_MIN || nameLength > NAME_MAX) errors.push({ field: "nombre", message: `Escriba el nombre con el que se publicará su comentario (entre ${NAME_MIN} y ${NAME_MAX} caracteres).` });
  else if (authorName.includes("@")) errors.push({ field: "nombre", message: "El nombre público no puede ser un correo electrónico: su correo nunca se publica." });
  if (bodyLength < COMMENT_MIN) errors.push({ field: "comentario", message: "Escriba su comentario (al menos 2 caracteres)." });
  else if (bodyLength > COMMENT_MAX) errors.push({ field: "comentario", message: `El comentario admite hasta ${COMMENT_MAX} caracteres; el suyo tiene ${bodyLength}.` });
  if (errors.length) throw new PlanInputError(errors);
  return { authorName, body };
}

/** Who may comment: a signed-in account with a verified e-mail (401 / 403 with the reason otherwise). */
export function assertMayComment(actor: Actor): Extract<Actor, { kind: "user" }> {
  if (actor.kind !== "user") throw new HttpProblem(401, "Inicie sesión con una cuenta de correo verificado para comentar.");
  if (!actor.emailVerified) throw new HttpProblem(403, "Confirme su correo electrónico (revise el mensaje que le enviamos) para poder comentar.");
  return actor;
}

export async function addPlanComment(db: Db, municipalityId: number, commitmentId: number, actor: Actor, input: CommentInput, now = new Date()): Promise<number> {
  const user = assertMayComment(actor);
  const clean = checkCommentInput(input);
  return db.transaction().execute(async (trx) => {
    const since = new Date(now.getTime() - 3_600_000);
    const recent = await trx
      .selectFrom("plan_comments")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("municipality_id", "=", municipalityId)
      .where("author_user_id", "=", user.userId)
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= COMMENTS_PER_HOUR) throw new HttpProblem(429, `Ha publicado ${COMMENTS_PER_HOUR} comentarios en la última hora. Espere un poco antes de publicar otro.`);
    const row = await trx
      .insertInto("plan_comments")
      .values({ municipality_id: municipalityId, commitment_id: commitmentId, author_user_id: user.userId, author_public_name: clean.authorName, body: clean.body, hidden_at: null, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, municipalityId, action: "plans.comment.add", subjectType: "plan_comment", subjectId: row.id, details: { commitmentId, length: clean.body.length } });
    return row.id;
  });
}

/** Hide a comment with a public reason; the route has checked PLANS.manage. */
export async function hidePlanComment(db: Db, municipalityId: number, commitmentId: number, commentId: number, actor: Actor, reasonText: string, now = new Date()): Promise<void> {
  const reason = reasonText.replace(CONTROL, "").replace(/\s+/g, " ").trim();
  if (chars(reason) < 3 || chars(reason) > 500) throw PlanInputError.single("motivo", "Escriba el motivo por el que se oculta el comentario (entre 3 y 500 caracteres); se publica en su lugar.");
  await db.transaction().execute(async (trx) => {
    const comment = await trx
      .selectFrom("plan_comments")
      .select(["id", "hidden_at"])
      .where("municipality_id", "=", municipalityId)
      .where("commitment_id", "=", commitmentId)
      .where("id", "=", commentId)
      .forUpdate()
      .executeTakeFirst();
    if (!comment) throw new HttpProblem(404, "El comentario no existe en este compromiso.");
    if (comment.hidden_at) throw new HttpProblem(409, "Este comentario ya fue ocultado.");
    await trx.updateTable("plan_comments").set({ hidden_at: now, hidden_reason: reason }).where("municipality_id", "=", municipalityId).where("id", "=", commentId).execute();
    await recordAudit(trx, { actor, municipalityId, action: "plans.comment.hide", subjectType: "plan_comment", subjectId: commentId, details: { commitmentId, reason } });
  });
}

/** One page of a commitment's comments, oldest first; hidden ones keep their place with the reason only. */
export async function listPlanComments(db: Executor, municipalityId: number, commitmentId: number, page: number): Promise<{ rows: PublicComment[]; total: number }> {
  const q = db.selectFrom("plan_comments").where("municipality_id", "=", municipalityId).where("commitment_id", "=", commitmentId);
  const [rows, count] = await Promise.all([
    q.select(["id", "author_public_name", "body", "hidden_at", "hidden_reason", "created_at"]).orderBy("created_at").orderBy("id").limit(COMMENTS_PER_PAGE).offset((page - 1) * COMMENTS_PER_PAGE).execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(presentComment), total: Number(count.n) };
}

/** The page of the list a comment is on (oldest first), to send its author right to it. */
export async function commentListPage(db: Executor, municipalityId: number, commitmentId: number, commentId: number): Promise<number> {
  const row = await db
    .selectFrom("plan_comments")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("municipality_id", "=", municipalityId)
    .where("commitment_id", "=", commitmentId)
    .where("id", "<=", commentId)
    .executeTakeFirstOrThrow();
  return Math.max(1, Math.ceil(Number(row.n) / COMMENTS_PER_PAGE));
}
