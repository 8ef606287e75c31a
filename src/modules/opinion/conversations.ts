/**
 * Conversations and their statements as staff manage them: create, edit, close or reopen, seed
 * statements, and the moderation queue. One transaction per change, audited; a change the
 * analysis depends on moves the conversation's changed_at so the background analysis sees it.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Db, Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { publish } from "../../platform/bus.js";
import { OpinionInputError } from "./errors.js";
import type { ConversationStatus, IdentityMode, ModerationMode, StatementOrigin, StatementStatus } from "./tables.js";

export const OPINION_TOPIC = "opinion.changed";

export interface ConversationInput {
  topic: string;
  description: string;
  moderation: string;
  identity: string;
  participantStatements: boolean;
  processId: number | null;
}

export interface ConversationView {
  municipalityId: number;
  id: number;
  processId: number | null;
  processSlug: string | null;
  processTitle: string | null;
  topic: string;
  description: string;
  status: ConversationStatus;
  moderation: ModerationMode;
  identity: IdentityMode;
  participantStatements: boolean;
  importedFrom: string | null;
  createdAt: Date;
}

export interface StatementView {
  id: number;
  number: number;
  body: string;
  origin: StatementOrigin;
  status: StatementStatus;
  createdAt: Date;
}

export function checkConversationInput(input: ConversationInput): Omit<ConversationInput, "moderation" | "identity"> & { moderation: ModerationMode; identity: IdentityMode } {
  const errors: { field: string; message: string }[] = [];
  const topic = input.topic.trim();
  const description = input.description.trim();
  if (topic.length < 3 || topic.length > 200) errors.push({ field: "topic", message: "Escriba el tema de la conversación (de 3 a 200 caracteres)." });
  if (description.length > 5000) errors.push({ field: "description", message: "La descripción no puede pasar de 5000 caracteres." });
  if (input.moderation !== "pre" && input.moderation !== "post") errors.push({ field: "moderation", message: "Elija cuándo se moderan las afirmaciones." });
  if (input.identity !== "account" && input.identity !== "anonymous") errors.push({ field: "identity", message: "Elija quién puede participar." });
  if (errors.length) throw new OpinionInputError(errors);
  return { ...input, topic, description, moderation: input.moderation as ModerationMode, identity: input.identity as IdentityMode };
}

export function checkStatementBody(value: string, field = "body"): string {
  const body = value.replace(/\s+/g, " ").trim();
  if (body.length < 3) throw OpinionInputError.single(field, "Escriba la afirmación (al menos 3 caracteres).");
  if (body.length > 1000) throw OpinionInputError.single(field, "La afirmación no puede pasar de 1000 caracteres.");
  return body;
}

const CONVERSATION_COLUMNS = [
  "c.municipality_id", "c.id", "c.process_id", "c.topic", "c.description", "c.status", "c.moderation", "c.identity", "c.participant_statements",
  "c.imported_from", "c.created_at", "p.slug as process_slug", "p.title as process_title",
] as const;

function conversationQuery(db: Executor, municipalityId: number) {
  return db
    .selectFrom("opinion_conversations as c")
    .leftJoin("participatory_processes as p", (j) => j.onRef("p.municipality_id", "=", "c.municipality_id").onRef("p.id", "=", "c.process_id"))
    .select(CONVERSATION_COLUMNS)
    .where("c.municipality_id", "=", municipalityId);
}

type ConversationRow = Awaited<ReturnType<ReturnType<typeof conversationQuery>["executeTakeFirstOrThrow"]>>;

function toView(r: ConversationRow): ConversationView {
  return {
    municipalityId: r.municipality_id, id: r.id, processId: r.process_id, processSlug: r.process_slug, processTitle: r.process_title, topic: r.topic,
    description: r.description, status: r.status, moderation: r.moderation, identity: r.identity, participantStatements: r.participant_statements,
    importedFrom: r.imported_from, createdAt: new Date(r.created_at),
  };
}

export async function findConversation(db: Executor, municipalityId: number, id: number): Promise<ConversationView | null> {
  const row = await conversationQuery(db, municipalityId).where("c.id", "=", id).executeTakeFirst();
  return row ? toView(row) : null;
}

/** Conversations of a municipality (or of one process), newest first, paginated. */
export async function listConversations(db: Executor, municipalityId: number, page: number, perPage: number, options: { processId?: number; publicOnly?: boolean } = {}): Promise<{ rows: (ConversationView & { voters: number; statements: number })[]; total: number }> {
  let q = conversationQuery(db, municipalityId);
  let count = db
    .selectFrom("opinion_conversations as c")
    .leftJoin("participatory_processes as p", (j) => j.onRef("p.municipality_id", "=", "c.municipality_id").onRef("p.id", "=", "c.process_id"))
    .select(sql<string>`count(*)`.as("n"))
    .where("c.municipality_id", "=", municipalityId);
  if (options.processId !== undefined) {
    q = q.where("c.process_id", "=", options.processId);
    count = count.where("c.process_id", "=", options.processId);
  }
  if (options.publicOnly) {
    // Conversations of draft processes are not public yet.
    q = q.where((eb) => eb.or([eb("c.process_id", "is", null), eb("p.status", "in", ["published", "closed"])]));
    count = count.where((eb) => eb.or([eb("c.process_id", "is", null), eb("p.status", "in", ["published", "closed"])]));
  }
  const [rows, total] = await Promise.all([
    q
      .select((eb) => [
        eb.selectFrom("opinion_voters as v").select(sql<string>`count(*)`.as("n")).whereRef("v.municipality_id", "=", "c.municipality_id").whereRef("v.conversation_id", "=", "c.id").as("voters"),
        eb.selectFrom("opinion_statements as s").select(sql<string>`count(*)`.as("n")).whereRef("s.municipality_id", "=", "c.municipality_id").whereRef("s.conversation_id", "=", "c.id").where("s.status", "=", "accepted").as("statements"),
      ])
      .orderBy("c.created_at", "desc")
      .orderBy("c.id", "desc")
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...toView(r), voters: Number(r.voters ?? 0), statements: Number(r.statements ?? 0) })), total: Number(total.n) };
}

async function processOf(db: Executor, municipalityId: number, processId: number | null): Promise<void> {
  if (processId === null) return;
  const found = await db.selectFrom("participatory_processes").select("id").where("municipality_id", "=", municipalityId).where("id", "=", processId).executeTakeFirst();
  if (!found) throw OpinionInputError.single("process", "El proceso participativo elegido no existe en este municipio.");
}

export async function createConversation(db: Db, municipalityId: number, actor: Actor, input: ConversationInput, seeds: string[] = [], importedFrom: string | null = null): Promise<ConversationView> {
  const checked = checkConversationInput(input);
  const bodies = seeds.map((s) => checkStatementBody(s, "seeds"));
  const id = await db.transaction().execute(async (trx) => {
    await processOf(trx, municipalityId, checked.processId);
    const row = await trx
      .insertInto("opinion_conversations")
      .values({
        municipality_id: municipalityId, process_id: checked.processId, topic: checked.topic, description: checked.description, moderation: checked.moderation,
        identity: checked.identity, participant_statements: checked.participantStatements, imported_from: importedFrom, created_by: actor.kind === "user" ? actor.userId : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const body of bodies) await insertStatement(trx, municipalityId, row.id, { body, origin: "seed", status: "accepted", createdBy: actor.kind === "user" ? actor.userId : null });
    await recordAudit(trx, { actor, municipalityId, action: "opinion.conversation.create", subjectType: "opinion_conversation", subjectId: row.id, details: { topic: checked.topic, seeds: bodies.length, importedFrom } });
    return row.id;
  });
  return (await findConversation(db, municipalityId, id))!;
}

export async function updateConversation(db: Db, municipalityId: number, actor: Actor, id: number, input: ConversationInput): Promise<ConversationView> {
  const checked = checkConversationInput(input);
  await db.transaction().execute(async (trx) => {
    await processOf(trx, municipalityId, checked.processId);
    const updated = await trx
      .updateTable("opinion_conversations")
      .set({ process_id: checked.processId, topic: checked.topic, description: checked.description, moderation: checked.moderation, identity: checked.identity, participant_statements: checked.participantStatements, updated_at: sql`now()` })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new HttpProblem(404, "La conversación no existe.");
    await recordAudit(trx, { actor, municipalityId, action: "opinion.conversation.update", subjectType: "opinion_conversation", subjectId: id, details: { topic: checked.topic, moderation: checked.moderation, identity: checked.identity } });
  });
  return (await findConversation(db, municipalityId, id))!;
}

export async function setConversationStatus(db: Db, municipalityId: number, actor: Actor, id: number, status: ConversationStatus): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("opinion_conversations")
      .set({ status, closed_at: status === "closed" ? sql`now()` : null, updated_at: sql`now()` })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new HttpProblem(404, "La conversación no existe.");
    await recordAudit(trx, { actor, municipalityId, action: status === "closed" ? "opinion.conversation.close" : "opinion.conversation.reopen", subjectType: "opinion_conversation", subjectId: id });
  });
}

/** Insert a statement with the next public number of its conversation (the conversation row is locked while numbering). */
export async function insertStatement(
  trx: Executor,
  municipalityId: number,
  conversationId: number,
  s: { body: string; origin: StatementOrigin; status: StatementStatus; authorVoterId?: number | null; createdBy?: number | null; number?: number; polisCommentId?: number | null },
): Promise<{ id: number; number: number }> {
  let number = s.number;
  if (number === undefined) {
    await trx.selectFrom("opinion_conversations").select("id").where("municipality_id", "=", municipalityId).where("id", "=", conversationId).forUpdate().executeTakeFirst();
    const max = await trx.selectFrom("opinion_statements").select(sql<number | null>`max(number)`.as("n")).where("municipality_id", "=", municipalityId).where("conversation_id", "=", conversationId).executeTakeFirst();
    number = max?.n == null ? 0 : Number(max.n) + 1;
  }
  const row = await trx
    .insertInto("opinion_statements")
    .values({
      municipality_id: municipalityId, conversation_id: conversationId, number, body: s.body, origin: s.origin, status: s.status, author_voter_id: s.authorVoterId ?? null,
      created_by: s.createdBy ?? null, polis_comment_id: s.polisCommentId ?? null,
    })
    .returning(["id", "number"])
    .executeTakeFirstOrThrow();
  await touchConversation(trx, municipalityId, conversationId);
  return row;
}

/** The analysis depends on what changed: note it and tell every process. */
export async function touchConversation(trx: Executor, municipalityId: number, conversationId: number): Promise<void> {
  await trx.updateTable("opinion_conversations").set({ changed_at: sql`clock_timestamp()` }).where("municipality_id", "=", municipalityId).where("id", "=", conversationId).execute();
  await publish(trx, { topic: OPINION_TOPIC, municipalityId, data: { conversationId, kind: "changed" } });
}

export async function addSeedStatement(db: Db, municipalityId: number, actor: Actor, conversationId: number, text: string): Promise<{ id: number; number: number }> {
  const body = checkStatementBody(text);
  return db.transaction().execute(async (trx) => {
    const s = await insertStatement(trx, municipalityId, conversationId, { body, origin: "seed", status: "accepted", createdBy: actor.kind === "user" ? actor.userId : null });
    await recordAudit(trx, { actor, municipalityId, action: "opinion.statement.seed", subjectType: "opinion_statement", subjectId: s.id, details: { conversationId, number: s.number } });
    return s;
  });
}

/** Accept or reject a statement (staff). Rejected statements leave the voting flow; their votes count as 0 in the analysis. */
export async function moderateStatement(db: Db, municipalityId: number, actor: Actor, conversationId: number, statementId: number, status: "accepted" | "rejected"): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("opinion_statements")
      .set({ status, moderated_at: sql`now()`, moderated_by: actor.kind === "user" ? actor.userId : null })
      .where("municipality_id", "=", municipalityId)
      .where("conversation_id", "=", conversationId)
      .where("id", "=", statementId)
      .returning("number")
      .executeTakeFirst();
    if (!updated) throw new HttpProblem(404, "La afirmación no existe.");
    await touchConversation(trx, municipalityId, conversationId);
    await recordAudit(trx, { actor, municipalityId, action: `opinion.statement.${status === "accepted" ? "accept" : "reject"}`, subjectType: "opinion_statement", subjectId: statementId, details: { conversationId, number: updated.number } });
  });
}

export async function listStatements(db: Executor, municipalityId: number, conversationId: number, options: { status?: StatementStatus; page: number; perPage: number }): Promise<{ rows: StatementView[]; total: number }> {
  let q = db.selectFrom("opinion_statements").where("municipality_id", "=", municipalityId).where("conversation_id", "=", conversationId);
  if (options.status) q = q.where("status", "=", options.status);
  const [rows, total] = await Promise.all([
    q.select(["id", "number", "body", "origin", "status", "created_at"]).orderBy("number").limit(options.perPage).offset((options.page - 1) * options.perPage).execute(),
    q.select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ id: r.id, number: r.number, body: r.body, origin: r.origin, status: r.status, createdAt: new Date(r.created_at) })), total: Number(total.n) };
}

/** Every statement's public text by number (accepted ones; rejected keep a placeholder in results). */
export async function statementTexts(db: Executor, municipalityId: number, conversationId: number): Promise<Map<number, { body: string; status: StatementStatus }>> {
  const rows = await db.selectFrom("opinion_statements").select(["number", "body", "status"]).where("municipality_id", "=", municipalityId).where("conversation_id", "=", conversationId).execute();
  return new Map(rows.map((r) => [r.number, { body: r.body, status: r.status }]));
}
