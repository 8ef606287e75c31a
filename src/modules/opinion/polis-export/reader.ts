/**
 * Reader of Polis open-data exports (github.com/compdemocracy/openData): comments.csv,
 * votes.csv, participants-votes.csv and summary.csv.
 *
 * Vote signs: in these exports agree = 1, disagree = −1, pass = 0 (Polis stores agree as −1
 * internally and flips the sign on export; the openData README documents 1 as agree). Checked
 * against the six conversations in data/polis: for every participant, `n-agree` and
 * `n-disagree` in participants-votes.csv equal the number of their latest votes of 1 and −1 in
 * votes.csv (0 mismatches in 3,055 rows), and the vote cells of participants-votes.csv equal
 * those latest votes. comments.csv's `agrees`/`disagrees` are near but not always equal (Polis
 * counts them another way), and never swapped. Empty cells in participants-votes.csv are
 * statements the participant did not vote on. A participant may vote on a statement more than
 * once: the latest vote (by timestamp) counts — see latestVotes.
 */
import fs from "node:fs";
import path from "node:path";
import type { Vote, VoteRecord } from "../analysis/index.js";
import { CsvSyntaxError, parseCsv, type CsvRecord } from "./csv.js";

export interface PolisComment {
  id: number;
  authorId: number;
  /** 1 accepted, 0 not yet moderated, −1 moderated out. */
  moderated: -1 | 0 | 1;
  body: string;
  timestamp: number;
}

export interface PolisVote {
  timestamp: number;
  statement: number;
  voter: number;
  vote: Vote;
}

export interface PolisExport {
  comments: PolisComment[];
  votes: PolisVote[];
  participantsVotes: { participant: number; group: number | null }[] | null;
  summary: Record<string, string> | null;
}

/** A malformed, truncated or missing export file; the message names the file and line. */
export class PolisExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolisExportError";
  }
}

function load(dir: string, file: string, required: boolean): CsvRecord[] | null {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) {
    if (!required) return null;
    throw new PolisExportError(`Falta el archivo ${file} en ${dir}.`);
  }
  const text = fs.readFileSync(full, "utf8");
  if (text.trim() === "") throw new PolisExportError(`${file}: el archivo está vacío.`);
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new PolisExportError(`${file}, línea ${error.line}: ${error.message}.`);
    throw error;
  }
}

class Table {
  readonly columns: Map<string, number>;
  constructor(
    readonly file: string,
    readonly records: CsvRecord[],
    required: string[],
  ) {
    const header = records[0]!.fields;
    this.columns = new Map(header.map((name, index) => [name.trim(), index]));
    const missing = required.filter((name) => !this.columns.has(name));
    if (missing.length > 0) throw new PolisExportError(`${file}, línea 1: faltan las columnas ${missing.join(", ")}.`);
    for (const record of records.slice(1)) {
      if (record.fields.length !== header.length) {
        throw new PolisExportError(
          `${file}, línea ${record.line}: se esperaban ${header.length} campos y hay ${record.fields.length}; el archivo está mal formado o truncado.`,
        );
      }
    }
  }
  rows(): CsvRecord[] {
    return this.records.slice(1);
  }
  text(record: CsvRecord, column: string): string {
    return record.fields[this.columns.get(column)!]!;
  }
  integer(record: CsvRecord, column: string): number {
    const raw = this.text(record, column).trim();
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
      throw new PolisExportError(`${this.file}, línea ${record.line}: «${raw}» no es un número entero válido en la columna ${column}.`);
    }
    return Number(raw);
  }
  oneOf<T extends number>(record: CsvRecord, column: string, allowed: readonly T[]): T {
    const value = this.integer(record, column);
    if (!allowed.includes(value as T)) {
      throw new PolisExportError(`${this.file}, línea ${record.line}: ${column} debe ser ${allowed.join(", ")} y es ${value}.`);
    }
    return value as T;
  }
}

const VOTES = [1, -1, 0] as const;

export function readPolisExport(dir: string): PolisExport {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new PolisExportError(`No existe la carpeta ${dir}.`);
  const commentsTable = new Table("comments.csv", load(dir, "comments.csv", true)!, ["timestamp", "comment-id", "author-id", "moderated", "comment-body"]);
  const comments: PolisComment[] = [];
  const commentIds = new Set<number>();
  for (const r of commentsTable.rows()) {
    const id = commentsTable.integer(r, "comment-id");
    if (commentIds.has(id)) throw new PolisExportError(`comments.csv, línea ${r.line}: el comentario ${id} está repetido.`);
    commentIds.add(id);
    comments.push({
      id,
      authorId: commentsTable.integer(r, "author-id"),
      moderated: commentsTable.oneOf(r, "moderated", [-1, 0, 1] as const),
      body: commentsTable.text(r, "comment-body"),
      timestamp: commentsTable.integer(r, "timestamp"),
    });
  }

  const votesTable = new Table("votes.csv", load(dir, "votes.csv", true)!, ["timestamp", "comment-id", "voter-id", "vote"]);
  const votes: PolisVote[] = [];
  for (const r of votesTable.rows()) {
    const statement = votesTable.integer(r, "comment-id");
    if (!commentIds.has(statement)) throw new PolisExportError(`votes.csv, línea ${r.line}: voto sobre el comentario ${statement}, que no está en comments.csv.`);
    votes.push({ timestamp: votesTable.integer(r, "timestamp"), statement, voter: votesTable.integer(r, "voter-id"), vote: votesTable.oneOf(r, "vote", VOTES) });
  }

  let participantsVotes: PolisExport["participantsVotes"] = null;
  const pvRecords = load(dir, "participants-votes.csv", false);
  if (pvRecords) {
    const table = new Table("participants-votes.csv", pvRecords, ["participant", "group-id"]);
    const voteColumns = [...table.columns.keys()].filter((name) => /^\d+$/.test(name));
    participantsVotes = [];
    for (const r of table.rows()) {
      const group = table.text(r, "group-id").trim();
      for (const column of voteColumns) {
        const cell = table.text(r, column).trim();
        if (cell !== "" && cell !== "1" && cell !== "-1" && cell !== "0") {
          throw new PolisExportError(`participants-votes.csv, línea ${r.line}: voto «${cell}» no válido en la columna ${column}.`);
        }
      }
      participantsVotes.push({ participant: table.integer(r, "participant"), group: group === "" ? null : table.integer(r, "group-id") });
    }
  }

  let summary: Record<string, string> | null = null;
  const summaryRecords = load(dir, "summary.csv", false);
  if (summaryRecords) {
    summary = {};
    for (const r of summaryRecords) {
      if (r.fields.length === 1 && r.fields[0] === "") continue;
      if (r.fields.length !== 2) throw new PolisExportError(`summary.csv, línea ${r.line}: se esperaban 2 campos (clave y valor) y hay ${r.fields.length}.`);
      summary[r.fields[0]!] = r.fields[1]!;
    }
  }
  return { comments, votes, participantsVotes, summary };
}

/** The latest vote of each participant on each statement (by timestamp, later row on a tie). */
export function latestVotes(votes: PolisVote[]): VoteRecord[] {
  const latest = new Map<string, PolisVote>();
  for (const v of votes) {
    const key = `${v.voter}:${v.statement}`;
    const seen = latest.get(key);
    if (!seen || v.timestamp >= seen.timestamp) latest.set(key, v);
  }
  return [...latest.values()].map((v) => ({ participant: v.voter, statement: v.statement, vote: v.vote }));
}
