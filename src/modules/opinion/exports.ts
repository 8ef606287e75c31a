/**
 * Exports in the layout of Polis' open-data exports (comments.csv, votes.csv,
 * participants-votes.csv with Cabildo's group ids), so results can be compared with Polis and
 * read back by `import polis`. Voters appear only by their number in the conversation; statements
 * waiting for review are left out (nobody has checked them for personal data), those moderated
 * out keep their number and votes but not their text.
 */
import type { Executor } from "../../platform/db/database.js";
import type { Vote, VoteRecord } from "./analysis/index.js";
import { writeComments, writeParticipantsVotes, writeVotes, type PolisComment, type PolisVote } from "./polis-export/index.js";
import { loadStoredAnalysis } from "./analysis-store.js";

export const WITHDRAWN_TEXT = "[retirada por moderación]";

interface ExportData {
  comments: PolisComment[];
  votes: PolisVote[];
}

async function exportData(db: Executor, municipalityId: number, conversationId: number): Promise<ExportData> {
  const statements = await db
    .selectFrom("opinion_statements as s")
    .leftJoin("opinion_voters as v", (j) => j.onRef("v.municipality_id", "=", "s.municipality_id").onRef("v.id", "=", "s.author_voter_id"))
    .select(["s.number", "s.body", "s.status", "s.created_at", "v.number as author"])
    .where("s.municipality_id", "=", municipalityId)
    .where("s.conversation_id", "=", conversationId)
    .where("s.status", "in", ["accepted", "rejected"])
    .orderBy("s.number")
    .execute();
  const votes = await db
    .selectFrom("opinion_votes as o")
    .innerJoin("opinion_voters as v", (j) => j.onRef("v.municipality_id", "=", "o.municipality_id").onRef("v.id", "=", "o.voter_id"))
    .innerJoin("opinion_statements as s", (j) => j.onRef("s.municipality_id", "=", "o.municipality_id").onRef("s.id", "=", "o.statement_id"))
    .select(["v.number as voter", "s.number as statement", "o.vote", "o.updated_at"])
    .where("o.municipality_id", "=", municipalityId)
    .where("o.conversation_id", "=", conversationId)
    .where("s.status", "in", ["accepted", "rejected"])
    .execute();
  return {
    // Seed statements have no voter: Polis gives them the owner's id; here -1 says "the town hall".
    comments: statements.map((s) => ({
      id: s.number, authorId: s.author ?? -1, moderated: s.status === "rejected" ? -1 : 1, body: s.status === "rejected" ? WITHDRAWN_TEXT : s.body, timestamp: new Date(s.created_at).getTime(),
    })),
    votes: votes.map((v) => ({ timestamp: new Date(v.updated_at).getTime(), statement: v.statement, voter: v.voter, vote: Number(v.vote) as Vote })),
  };
}

const latest = (votes: PolisVote[]): VoteRecord[] => votes.map((v) => ({ participant: v.voter, statement: v.statement, vote: v.vote }));

export async function commentsCsv(db: Executor, municipalityId: number, conversationId: number): Promise<string> {
  const data = await exportData(db, municipalityId, conversationId);
  return writeComments(data.comments, latest(data.votes));
}

export async function votesCsv(db: Executor, municipalityId: number, conversationId: number): Promise<string> {
  return writeVotes((await exportData(db, municipalityId, conversationId)).votes);
}

export async function participantsVotesCsv(db: Executor, municipalityId: number, conversationId: number): Promise<string> {
  const [data, stored] = await Promise.all([exportData(db, municipalityId, conversationId), loadStoredAnalysis(db, municipalityId, conversationId)]);
  const groupOf = new Map<number, number | null>();
  for (const p of stored?.result.participants ?? []) groupOf.set(p.participant, p.clustered ? p.group : null);
  const commentsBy = new Map<number, number>();
  for (const c of data.comments) if (c.authorId >= 0) commentsBy.set(c.authorId, (commentsBy.get(c.authorId) ?? 0) + 1);
  return writeParticipantsVotes({ statementIds: data.comments.map((c) => c.id), votes: latest(data.votes), groupOf, commentsBy });
}
