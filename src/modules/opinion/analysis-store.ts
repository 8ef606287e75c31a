/**
 * The analysis as stored: the input read from the database (statement and voter numbers, latest
 * votes, moderated-out statements, the previous k state) and the latest result per conversation.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { AnalysisInput, AnalysisResult, KState, StatementStats, Vote } from "./analysis/index.js";

export interface StoredAnalysis {
  result: AnalysisResult;
  kState: KState;
  votesCounted: number;
  inputThrough: Date;
  computedAt: Date;
  durationMs: number;
}

export async function loadStoredAnalysis(db: Executor, municipalityId: number, conversationId: number): Promise<StoredAnalysis | null> {
  const row = await db
    .selectFrom("opinion_analyses")
    .select(["result", "k_state", "votes_counted", "input_through", "computed_at", "duration_ms"])
    .where("municipality_id", "=", municipalityId)
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
  if (!row) return null;
  const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
  return {
    result: parse(row.result) as AnalysisResult, kState: parse(row.k_state) as KState, votesCounted: row.votes_counted,
    inputThrough: new Date(row.input_through), computedAt: new Date(row.computed_at), durationMs: row.duration_ms,
  };
}

/** Only the per-statement stats of the stored analysis (what choosing the next statement needs), without the participants. */
export async function loadStoredStatementStats(db: Executor, municipalityId: number, conversationId: number): Promise<StatementStats[]> {
  const row = await db
    .selectFrom("opinion_analyses")
    .select(sql<unknown>`result -> 'statements'`.as("statements"))
    .where("municipality_id", "=", municipalityId)
    .where("conversation_id", "=", conversationId)
    .executeTakeFirst();
  if (!row || row.statements == null) return [];
  return (typeof row.statements === "string" ? JSON.parse(row.statements) : row.statements) as StatementStats[];
}

/**
 * What the analysis reads: accepted statements and those moderated out (rejected: their votes
 * count as 0), never pending ones; voters by their public number. `through` is taken before the
 * votes are read, so anything that changes later makes the analysis stale.
 */
export async function loadAnalysisInput(db: Executor, municipalityId: number, conversationId: number): Promise<{ input: AnalysisInput; through: Date; allVotes: number }> {
  const { rows: clock } = await sql<{ now: Date | string }>`select clock_timestamp() as now`.execute(db);
  const through = new Date(clock[0]!.now);
  const statements = await db
    .selectFrom("opinion_statements")
    .select(["id", "number", "status"])
    .where("municipality_id", "=", municipalityId)
    .where("conversation_id", "=", conversationId)
    .where("status", "in", ["accepted", "rejected"])
    .orderBy("number")
    .execute();
  const votes = await db
    .selectFrom("opinion_votes as v")
    .innerJoin("opinion_voters as p", (j) => j.onRef("p.municipality_id", "=", "v.municipality_id").onRef("p.id", "=", "v.voter_id"))
    .innerJoin("opinion_statements as s", (j) => j.onRef("s.municipality_id", "=", "v.municipality_id").onRef("s.id", "=", "v.statement_id"))
    .select(["p.number as participant", "s.number as statement", "v.vote"])
    .where("v.municipality_id", "=", municipalityId)
    .where("v.conversation_id", "=", conversationId)
    .where("s.status", "in", ["accepted", "rejected"])
    .execute(); // no order needed: the analysis gives the same result for the same votes in any order
  const all = await db.selectFrom("opinion_votes").select(sql<string>`count(*)`.as("n")).where("municipality_id", "=", municipalityId).where("conversation_id", "=", conversationId).executeTakeFirstOrThrow();
  const previous = await db.selectFrom("opinion_analyses").select("k_state").where("municipality_id", "=", municipalityId).where("conversation_id", "=", conversationId).executeTakeFirst();
  const kState = previous ? ((typeof previous.k_state === "string" ? JSON.parse(previous.k_state) : previous.k_state) as KState) : null;
  return {
    through,
    allVotes: Number(all.n),
    input: {
      statementIds: statements.map((s) => s.number),
      moderatedOut: statements.filter((s) => s.status === "rejected").map((s) => s.number),
      votes: votes.map((v) => ({ participant: v.participant, statement: v.statement, vote: Number(v.vote) as Vote })),
      previous: kState,
    },
  };
}

/** True when votes or statements changed after the stored analysis read its input (or there is none). */
export async function analysisIsStale(db: Executor, municipalityId: number, conversationId: number): Promise<boolean> {
  const { rows } = await sql<{ stale: boolean }>`
    select coalesce(
      (select a.input_through < greatest(c.changed_at, coalesce((select max(v.updated_at) from opinion_votes v where v.municipality_id = c.municipality_id and v.conversation_id = c.id), c.changed_at))
              or a.votes_counted <> (select count(*) from opinion_votes v where v.municipality_id = c.municipality_id and v.conversation_id = c.id)
         from opinion_analyses a where a.municipality_id = c.municipality_id and a.conversation_id = c.id),
      true) as stale
      from opinion_conversations c
     where c.municipality_id = ${municipalityId} and c.id = ${conversationId}`.execute(db);
  return rows[0]?.stale ?? false;
}
