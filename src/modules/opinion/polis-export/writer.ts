/**
 * Writers in the layouts of Polis' open-data exports, so Cabildo's conversations can be
 * compared with Polis' and re-read by `import polis` / `opinion analyze`. Signs as Polis
 * exports them: agree 1, disagree −1, pass 0; an empty cell is a statement not voted on.
 */
import type { VoteRecord } from "../analysis/index.js";
import { formatCsv } from "./csv.js";
import type { PolisComment, PolisVote } from "./reader.js";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Polis' `datetime` column ("Wed Jun 18 11:53:44 WIB 2014"), written in UTC. */
export function polisDatetime(timestamp: number): string {
  const d = new Date(timestamp);
  const pad = (v: number) => String(v).padStart(2, "0");
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

/** comments.csv; agrees and disagrees are counted from the latest votes given. */
export function writeComments(comments: PolisComment[], votes: VoteRecord[]): string {
  const agrees = new Map<number, number>();
  const disagrees = new Map<number, number>();
  for (const v of votes) {
    if (v.vote === 1) agrees.set(v.statement, (agrees.get(v.statement) ?? 0) + 1);
    else if (v.vote === -1) disagrees.set(v.statement, (disagrees.get(v.statement) ?? 0) + 1);
  }
  const rows: (string | number)[][] = [["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"]];
  for (const c of [...comments].sort((a, b) => b.timestamp - a.timestamp || b.id - a.id)) {
    rows.push([c.timestamp, polisDatetime(c.timestamp), c.id, c.authorId, agrees.get(c.id) ?? 0, disagrees.get(c.id) ?? 0, c.moderated, c.body]);
  }
  return formatCsv(rows);
}

/** votes.csv: every vote, in order of statement, voter and time. */
export function writeVotes(votes: PolisVote[]): string {
  const rows: (string | number)[][] = [["timestamp", "datetime", "comment-id", "voter-id", "vote"]];
  const sorted = [...votes].sort((a, b) => a.statement - b.statement || a.voter - b.voter || a.timestamp - b.timestamp);
  for (const v of sorted) rows.push([v.timestamp, polisDatetime(v.timestamp), v.statement, v.voter, v.vote]);
  return formatCsv(rows);
}

export interface ParticipantsVotesInput {
  statementIds: number[];
  /** Latest vote per participant and statement. */
  votes: VoteRecord[];
  /** Group id of each participant Cabildo grouped; others get an empty group-id. */
  groupOf: ReadonlyMap<number, number | null>;
  /** Statements written by each participant (n-comments); 0 when absent. */
  commentsBy?: ReadonlyMap<number, number>;
}

/** participants-votes.csv: one row per participant, one column per statement. */
export function writeParticipantsVotes(input: ParticipantsVotesInput): string {
  const statements = [...new Set(input.statementIds)].sort((a, b) => a - b);
  const column = new Map(statements.map((id, j) => [id, j]));
  const byParticipant = new Map<number, (number | null)[]>();
  const ids = new Set<number>([...input.groupOf.keys(), ...(input.commentsBy?.keys() ?? [])]);
  for (const v of input.votes) if (column.has(v.statement)) ids.add(v.participant);
  for (const id of ids) byParticipant.set(id, new Array<number | null>(statements.length).fill(null));
  for (const v of input.votes) {
    const j = column.get(v.statement);
    if (j !== undefined) byParticipant.get(v.participant)![j] = v.vote;
  }
  const rows: (string | number | null)[][] = [["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", ...statements.map(String)]];
  for (const id of [...ids].sort((a, b) => a - b)) {
    const cells = byParticipant.get(id)!;
    const voted = cells.filter((c) => c !== null);
    rows.push([
      id,
      input.groupOf.get(id) ?? null,
      input.commentsBy?.get(id) ?? 0,
      voted.length,
      voted.filter((c) => c === 1).length,
      voted.filter((c) => c === -1).length,
      ...cells,
    ]);
  }
  return formatCsv(rows);
}
