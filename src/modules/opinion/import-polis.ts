/**
 * `cabildo import polis DIR --municipality <slug> [--process <slug>] [--title "…"]`: a Polis
 * open-data export becomes a new conversation in one transaction (statements keep their
 * comment-id as number, voters their voter-id, the latest vote of each pair with its time), then
 * the analysis runs. A malformed or truncated file stops before anything is stored.
 */
import path from "node:path";
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Db } from "../../platform/db/database.js";
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import type { CliCommand } from "../../platform/module.js";
import { CliError, municipalityOption, operatorLabel, optionalOption, parseOptions } from "../../cli/options.js";
import { ProgressBar } from "../../cli/progress.js";
import { loadProcess } from "../participation/processes.js";
import { PolisExportError, readPolisExport, type PolisExport, type PolisVote } from "./polis-export/index.js";
import { recomputeWhenFree } from "./analysis-runner.js";

const BATCH = 5000;

export interface ImportOptions {
  title?: string;
  processId?: number | null;
  progress?: (done: number, total: number) => void;
  actorLabel?: string;
}

export interface ImportSummary {
  conversationId: number;
  statements: number;
  voters: number;
  votes: number;
}

/** Latest vote per voter and statement, keeping its time (later row wins a tie, as Polis). */
function latestWithTime(votes: PolisVote[]): PolisVote[] {
  const latest = new Map<string, PolisVote>();
  for (const v of votes) {
    const key = `${v.voter}:${v.statement}`;
    const seen = latest.get(key);
    if (!seen || v.timestamp >= seen.timestamp) latest.set(key, v);
  }
  return [...latest.values()].sort((a, b) => a.voter - b.voter || a.statement - b.statement);
}

const iso = (ms: number) => new Date(Number.isFinite(ms) && ms > 0 ? ms : 0).toISOString();

/** Store a read export as a new conversation of the municipality, in one transaction. */
export async function importPolisExport(db: Db, municipalityId: number, data: PolisExport, source: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const votes = latestWithTime(data.votes);
  const title = (options.title ?? data.summary?.topic ?? source).trim().slice(0, 200);
  const topic = title.length >= 3 ? title : `Conversación importada de Polis (${source})`.slice(0, 200);
  const voterNumbers = [...new Set([...votes.map((v) => v.voter), ...data.comments.map((c) => c.authorId).filter((a) => a >= 0)])].sort((a, b) => a - b);
  const total = data.comments.length + voterNumbers.length + votes.length;
  let done = 0;
  const tick = (n: number) => options.progress?.((done += n), total);
  return db.transaction().execute(async (trx) => {
    const conversation = await trx
      .insertInto("opinion_conversations")
      .values({
        municipality_id: municipalityId, process_id: options.processId ?? null, topic, description: (data.summary?.["conversation-description"] ?? "").slice(0, 5000),
        status: "closed", moderation: "pre", identity: "anonymous", participant_statements: false, imported_from: source.slice(0, 300), closed_at: sql`now()` as unknown as Date,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const cid = conversation.id;
    const voterIds = new Map<number, number>();
    for (let i = 0; i < voterNumbers.length; i += BATCH) {
      const rows = await trx
        .insertInto("opinion_voters")
        .values(voterNumbers.slice(i, i + BATCH).map((number) => ({ municipality_id: municipalityId, conversation_id: cid, number, participant_id: null })))
        .returning(["id", "number"])
        .execute();
      for (const r of rows) voterIds.set(r.number, r.id);
      tick(rows.length);
    }
    const statementIds = new Map<number, number>();
    for (let i = 0; i < data.comments.length; i += BATCH) {
      const rows = await trx
        .insertInto("opinion_statements")
        .values(
          data.comments.slice(i, i + BATCH).map((c) => {
            const body = c.body.replace(/\s+/g, " ").trim().slice(0, 2000);
            return {
              municipality_id: municipalityId, conversation_id: cid, number: c.id, body: body || "(sin texto)", origin: "imported" as const,
              status: c.moderated === -1 ? ("rejected" as const) : ("accepted" as const), author_voter_id: voterIds.get(c.authorId) ?? null, polis_comment_id: c.id,
              created_at: iso(c.timestamp),
            };
          }),
        )
        .returning(["id", "number"])
        .execute();
      for (const r of rows) statementIds.set(r.number, r.id);
      tick(rows.length);
    }
    for (let i = 0; i < votes.length; i += BATCH) {
      await trx
        .insertInto("opinion_votes")
        .values(
          votes.slice(i, i + BATCH).map((v) => ({
            municipality_id: municipalityId, conversation_id: cid, voter_id: voterIds.get(v.voter)!, statement_id: statementIds.get(v.statement)!, vote: v.vote,
            created_at: iso(v.timestamp), updated_at: iso(v.timestamp),
          })),
        )
        .execute();
      tick(Math.min(BATCH, votes.length - i));
    }
    await recordAudit(trx, {
      actor: anonymous, actorLabel: options.actorLabel ?? operatorLabel(), municipalityId, action: "opinion.conversation.import", subjectType: "opinion_conversation", subjectId: cid,
      details: { source, statements: data.comments.length, voters: voterNumbers.length, votes: votes.length },
    });
    return { conversationId: cid, statements: data.comments.length, voters: voterNumbers.length, votes: votes.length };
  });
}

export const importPolisCommand: CliCommand = {
  name: "import polis",
  usage: 'import polis DIR --municipality <slug> [--process <slug>] [--title "…"]',
  description: "Importa una exportación de datos abiertos de Polis (comments.csv, votes.csv…) como una conversación nueva y calcula su mapa de opiniones.",
  async run(args, services: Services) {
    const options = parseOptions(args);
    const dir = options._[0];
    if (!dir) throw new CliError("Indique la carpeta de la exportación de Polis: import polis DIR --municipality <slug>.");
    const municipality = await municipalityOption(options, services);
    const processSlug = optionalOption(options, "process");
    let processId: number | null = null;
    if (processSlug) {
      const process = await loadProcess(services.db, municipality.id, processSlug);
      if (!process) throw new CliError(`No existe el proceso "${processSlug}" en ${municipality.name}.`);
      processId = process.id;
    }
    let data: PolisExport;
    try {
      data = readPolisExport(dir);
    } catch (error) {
      if (error instanceof PolisExportError) throw new CliError(`${error.message} No se guardó nada.`);
      throw error;
    }
    let bar: ProgressBar | null = null;
    const summary = await importPolisExport(services.db, municipality.id, data, path.basename(path.resolve(dir)), {
      title: optionalOption(options, "title"),
      processId,
      progress: (done, total) => (bar ??= new ProgressBar("Importando", total)).update(done),
    });
    (bar as ProgressBar | null)?.done(`${summary.statements} afirmaciones, ${summary.voters} participantes, ${summary.votes} votos`);
    const outcome = await recomputeWhenFree(services, municipality.id, summary.conversationId);
    const ms = outcome.status === "computed" ? ` en ${outcome.durationMs} ms (${outcome.groups} grupos)` : "";
    process.stdout.write(`Conversación ${summary.conversationId} creada en ${municipality.name}; análisis calculado${ms}.\n`);
    process.stdout.write(`Resultados: /${municipality.slug}/opinion/${summary.conversationId}/resultados\n`);
  },
};

export const recomputeCommand: CliCommand = {
  name: "opinion recompute",
  usage: "opinion recompute --municipality <slug> --conversation <id>",
  description: "Recalcula ahora el análisis (mapa de opiniones, grupos y consensos) de una conversación.",
  async run(args, services: Services) {
    const options = parseOptions(args);
    const municipality = await municipalityOption(options, services);
    const raw = optionalOption(options, "conversation");
    if (!raw || !/^\d{1,9}$/.test(raw)) throw new CliError("Falta la opción --conversation <número de la conversación>.");
    const outcome = await recomputeWhenFree(services, municipality.id, Number(raw));
    if (outcome.status === "missing") throw new CliError(`No existe la conversación ${raw} en ${municipality.name}.`);
    if (outcome.status === "locked") throw new CliError("Otro proceso está calculando esta conversación en este momento; intente de nuevo en unos segundos.");
    if (outcome.status === "computed") process.stdout.write(`Análisis de la conversación ${raw}: ${outcome.votes} votos, ${outcome.groups} grupos, ${outcome.durationMs} ms.\n`);
  },
};
