/**
 * The participant's side of a conversation: voting agree / disagree / pass (one latest vote per
 * voter and statement, changeable), writing statements, and choosing the next statement to show.
 * A vote never waits for the analysis: it commits and publishes a bus message; the background
 * scheduler (analysis-runner.ts) recomputes later.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import { publish } from "../../platform/bus.js";
import type { Db, Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { OpinionInputError } from "./errors.js";
import { checkStatementBody, insertStatement, OPINION_TOPIC } from "./conversations.js";
import { loadStoredStatementStats } from "./analysis-store.js";

export const VOTE_VALUES = { agree: 1, disagree: -1, pass: 0 } as const;
export type VoteWord = keyof typeof VOTE_VALUES;

export function parseVoteWord(value: unknown): 1 | -1 | 0 {
  if (typeof value === "string" && value in VOTE_VALUES) return VOTE_VALUES[value as VoteWord];
  throw OpinionInputError.single("vote", "Elija «De acuerdo», «En desacuerdo» o «Paso».");
}

/** An open conversation, locked for the caller's transaction when `lock`; otherwise 422 (closed) or 404. */
async function openConversation(trx: Executor, municipalityId: number, conversationId: number, lock: boolean): Promise<{ moderation: "pre" | "post"; participantStatements: boolean }> {
  let q = trx.selectFrom("opinion_conversations").select(["status", "moderation", "participant_statements"]).where("municipality_id", "=", municipalityId).where("id", "=", conversationId);
  if (lock) q = q.forUpdate();
  const c = await q.executeTakeFirst();
  if (!c) throw OpinionInputError.single("conversation", "La conversación no existe.", 404);
  if (c.status !== "open") throw OpinionInputError.single("conversation", "La conversación está cerrada: ya no recibe votos ni afirmaciones.");
  return { moderation: c.moderation, participantStatements: c.participant_statements };
}

/** The voter of a participant in a conversation, numbered on first use (the conversation row is locked while numbering). */
async function ensureVoter(trx: Executor, municipalityId: number, conversationId: number, participantId: number): Promise<{ id: number; number: number }> {
  const found = await trx.selectFrom("opinion_voters").select(["id", "number"]).where("municipality_id", "=", municipalityId).where("conversation_id", "=", conversationId).where("participant_id", "=", participantId).executeTakeFirst();
  if (found) return found;
  await trx.selectFrom("opinion_conversations").select("id").where("municipality_id", "=", municipalityId).where("id", "=", conversationId).forUpdate().executeTakeFirst();
  const max = await trx.selectFrom("opinion_voters").select(sql<number | null>`max(number)`.as("n")).where("municipality_id", "=", municipalityId).where("conversation_id", "=", conversationId).executeTakeFirst();
  return trx
    .insertInto("opinion_voters")
    .values({ municipality_id: municipalityId, conversation_id: conversationId, number: max?.n == null ? 0 : Number(max.n) + 1, participant_id: participantId })
    .returning(["id", "number"])
    .executeTakeFirstOrThrow();
}

async function upsertVote(trx: Executor, municipalityId: number, conversationId: number, voterId: number, statementId: number, vote: number): Promise<void> {
  await trx
    .insertInto("opinion_votes")
    .values({ municipality_id: municipalityId, conversation_id: conversationId, voter_id: voterId, statement_id: statementId, vote, updated_at: sql`clock_timestamp()` })
    .onConflict((oc) => oc.columns(["municipality_id", "conversation_id", "voter_id", "statement_id"]).doUpdateSet({ vote, updated_at: sql`clock_timestamp()` }))
    .execute();
}

export interface VoterRef {
  actor: Actor;
  participantId: number;
}

/** Whether a statement can be voted now (checked before a new voter identity is made for the request). */
export async function statementVotable(db: Executor, municipalityId: number, conversationId: number, statementNumber: number): Promise<boolean> {
  const s = await db.selectFrom("opinion_statements").select("status").where("municipality_id", "=", municipalityId).where("conversation_id", "=", conversationId).where("number", "=", statementNumber).executeTakeFirst();
  return s?.status === "accepted";
}

/**
 * Record (or change) a participant's vote on a statement of an open conversation. Closed
 * conversation, unknown, pending or rejected statement → 422 and nothing changes.
 */
export async function castVote(db: Db, municipalityId: number, conversationId: number, who: VoterRef, statementNumber: number, vote: 1 | -1 | 0): Promise<{ voterNumber: number; changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    await openConversation(trx, municipalityId, conversationId, false);
    const statement = await trx
      .selectFrom("opinion_statements")
      .select(["id", "status"])
      .where("municipality_id", "=", municipalityId)
      .where("conversation_id", "=", conversationId)
      .where("number", "=", statementNumber)
      .executeTakeFirst();
    if (!statement || statement.status !== "accepted") throw OpinionInputError.single("statement", "La afirmación no existe en esta conversación o no está disponible para votar.");
    const voter = await ensureVoter(trx, municipalityId, conversationId, who.participantId);
    const before = await trx.selectFrom("opinion_votes").select("vote").where("municipality_id", "=", municipalityId).where("conversation_id", "=", conversationId).where("voter_id", "=", voter.id).where("statement_id", "=", statement.id).executeTakeFirst();
    await upsertVote(trx, municipalityId, conversationId, voter.id, statement.id, vote);
    await recordAudit(trx, {
      actor: who.actor, actorLabel: who.actor.kind === "user" ? undefined : `participante #${who.participantId}`, municipalityId, action: before ? "opinion.vote.change" : "opinion.vote",
      subjectType: "opinion_conversation", subjectId: conversationId, details: { statement: statementNumber, voter: voter.number },
    });
    await publish(trx, { topic: OPINION_TOPIC, municipalityId, data: { conversationId, kind: "vote" } });
    return { voterNumber: voter.number, changed: before !== undefined && Number(before.vote) !== vote };
  });
}

/**
 * A participant's own statement: visible at once ('post' moderation) or after review ('pre').
 * Its author agrees with it (as in Polis), so it is never shown back to them.
 */
export async function submitStatement(db: Db, municipalityId: number, conversationId: number, who: VoterRef, text: string): Promise<{ number: number; pending: boolean }> {
  const body = checkStatementBody(text);
  return db.transaction().execute(async (trx) => {
    const c = await openConversation(trx, municipalityId, conversationId, true);
    if (!c.participantStatements) throw OpinionInputError.single("body", "En esta conversación solo el Ayuntamiento propone afirmaciones.");
    const duplicate = await trx
      .selectFrom("opinion_statements")
      .select("number")
      .where("municipality_id", "=", municipalityId)
      .where("conversation_id", "=", conversationId)
      .where(sql<boolean>`lower(body) = lower(${body})`)
      .executeTakeFirst();
    if (duplicate) throw OpinionInputError.single("body", "Esa afirmación ya está en la conversación.");
    const voter = await ensureVoter(trx, municipalityId, conversationId, who.participantId);
    const status = c.moderation === "pre" ? "pending" : "accepted";
    const s = await insertStatement(trx, municipalityId, conversationId, { body, origin: "participant", status, authorVoterId: voter.id });
    await upsertVote(trx, municipalityId, conversationId, voter.id, s.id, 1);
    await recordAudit(trx, {
      actor: who.actor, actorLabel: who.actor.kind === "user" ? undefined : `participante #${who.participantId}`, municipalityId, action: "opinion.statement.submit",
      subjectType: "opinion_statement", subjectId: s.id, details: { conversationId, number: s.number, status },
    });
    return { number: s.number, pending: status === "pending" };
  });
}

export interface NextStatement {
  statement: { number: number; body: string } | null;
  voted: number;
  total: number;
}

/**
 * How informative showing a statement is now: statements with few votes first, and those that
 * split the groups of the latest analysis (difference between the groups' smoothed agree rates);
 * a statement not in the analysis yet counts as half-splitting. Ties: fewer votes, lower number.
 */
export function informativeness(votes: number, split: number): number {
  return (1 + 4 * split) / (1 + votes);
}

/** The groups' spread of agreement on each statement of the stored analysis (0…1). */
export function splitByStatement(stats: { statement: number; byGroup: { agrees: number; seen: number }[] }[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of stats) {
    if (s.byGroup.length < 2) continue;
    const rates = s.byGroup.map((g) => (g.agrees + 1) / (g.seen + 2));
    out.set(s.statement, Math.max(...rates) - Math.min(...rates));
  }
  return out;
}

/** The next statement for a participant (null participant: nothing voted yet), never one they voted. */
export async function nextStatement(db: Executor, municipalityId: number, conversationId: number, participantId: number | null): Promise<NextStatement> {
  const voter = participantId === null ? undefined : await db.selectFrom("opinion_voters").select("id").where("municipality_id", "=", municipalityId).where("conversation_id", "=", conversationId).where("participant_id", "=", participantId).executeTakeFirst();
  const rows = await db
    .selectFrom("opinion_statements as s")
    .select((eb) => [
      "s.id", "s.number", "s.body",
      eb.selectFrom("opinion_votes as v").select(sql<string>`count(*)`.as("n")).whereRef("v.municipality_id", "=", "s.municipality_id").whereRef("v.statement_id", "=", "s.id").as("votes"),
      voter
        ? eb.exists(eb.selectFrom("opinion_votes as mine").select("mine.vote").whereRef("mine.municipality_id", "=", "s.municipality_id").whereRef("mine.statement_id", "=", "s.id").where("mine.voter_id", "=", voter.id)).as("mine")
        : sql<boolean>`false`.as("mine"),
    ])
    .where("s.municipality_id", "=", municipalityId)
    .where("s.conversation_id", "=", conversationId)
    .where("s.status", "=", "accepted")
    .execute();
  const open = rows.filter((r) => !r.mine);
  const split = splitByStatement(open.length > 1 ? await loadStoredStatementStats(db, municipalityId, conversationId) : []);
  const ranked = open
    .map((r) => ({ number: r.number, body: r.body, votes: Number(r.votes ?? 0), score: informativeness(Number(r.votes ?? 0), split.get(r.number) ?? 0.5) }))
    .sort((a, b) => b.score - a.score || a.votes - b.votes || a.number - b.number);
  const first = ranked[0];
  return { statement: first ? { number: first.number, body: first.body } : null, voted: rows.length - open.length, total: rows.length };
}
