/**
 * Background analysis. A vote or a moderation commits with a bus message (LISTEN/NOTIFY), so every
 * app process hears it; each process's scheduler waits for a quiet moment and runs at most once
 * every `intervalMs` per conversation, never in the vote's request. A run takes an advisory lock
 * per conversation (on a server; the embedded database has one process, guarded in memory), so
 * one process computes while the others skip, and it computes only when the stored analysis is
 * stale. The result is stored and announced on the bus for the results pages' live stream.
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import { publish, type BusMessage } from "../../platform/bus.js";
import type { JobDefinition } from "../../platform/jobs.js";
import type { Executor } from "../../platform/db/database.js";
import type { Services } from "../../platform/services.js";
import { analyse } from "./analysis/index.js";
import { analysisIsStale, loadAnalysisInput } from "./analysis-store.js";
import { OPINION_TOPIC } from "./conversations.js";

export const ANALYSIS_TOPIC = "opinion.analysis";
/** First key of the two-key advisory lock (jobs use 727_003). */
const LOCK_CLASS = 727_011;

export type RecomputeOutcome = { status: "computed"; durationMs: number; votes: number; groups: number } | { status: "fresh" } | { status: "locked"; holder: "this process" | "another session" } | { status: "missing" };

const runningHere = new WeakMap<object, Set<string>>();

function lockKey(municipalityId: number, conversationId: number): number {
  return crypto.createHash("sha256").update(`${municipalityId}:${conversationId}`).digest().readInt32BE(0);
}

/** Compute and store the analysis of a conversation now (unless `force` is false and it is fresh). */
export async function recomputeConversation(services: Services, municipalityId: number, conversationId: number, options: { force?: boolean } = {}): Promise<RecomputeOutcome> {
  const key = `${municipalityId}:${conversationId}`;
  let running = runningHere.get(services.handle);
  if (!running) runningHere.set(services.handle, (running = new Set()));
  if (running.has(key)) return { status: "locked", holder: "this process" };
  running.add(key);
  try {
    if (services.handle.kind === "pglite") return await computeAndStore(services, services.db, municipalityId, conversationId, options.force ?? false);
    // One pooled connection holds the lock for the whole run; reads and the write use it too.
    const trx = await services.db.startTransaction().execute();
    try {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${LOCK_CLASS}::int, ${lockKey(municipalityId, conversationId)}::int) as locked`.execute(trx);
      if (!rows[0]?.locked) {
        await trx.rollback().execute();
        return { status: "locked", holder: "another session" };
      }
      const outcome = await computeAndStore(services, trx, municipalityId, conversationId, options.force ?? false);
      await trx.commit().execute();
      return outcome;
    } catch (error) {
      await trx.rollback().execute().catch(() => {});
      throw error;
    }
  } finally {
    running.delete(key);
  }
}

/**
 * Recompute, waiting while another run of the same conversation holds the lock (up to
 * `timeoutMs`); forced by default, since the caller asked for it now (CLI, demo, import).
 */
export async function recomputeWhenFree(services: Services, municipalityId: number, conversationId: number, options: { force?: boolean; timeoutMs?: number } = {}): Promise<RecomputeOutcome> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const outcome = await recomputeConversation(services, municipalityId, conversationId, { force: options.force ?? true });
    if (outcome.status !== "locked" || Date.now() > deadline) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function computeAndStore(services: Services, db: Executor, municipalityId: number, conversationId: number, force: boolean): Promise<RecomputeOutcome> {
  const exists = await db.selectFrom("opinion_conversations").select("id").where("municipality_id", "=", municipalityId).where("id", "=", conversationId).executeTakeFirst();
  if (!exists) return { status: "missing" };
  if (!force && !(await analysisIsStale(db, municipalityId, conversationId))) return { status: "fresh" };
  const { input, through, allVotes } = await loadAnalysisInput(db, municipalityId, conversationId);
  const started = performance.now();
  const result = analyse(input);
  const durationMs = Math.round(performance.now() - started);
  const values = {
    result: JSON.stringify(result), k_state: JSON.stringify(result.kState), votes_counted: allVotes, input_through: through, duration_ms: durationMs,
    computed_at: sql`now()` as unknown as Date,
  };
  const store = async (trx: typeof db) => {
    await trx
      .insertInto("opinion_analyses")
      .values({ municipality_id: municipalityId, conversation_id: conversationId, ...values })
      .onConflict((oc) => oc.columns(["municipality_id", "conversation_id"]).doUpdateSet(values))
      .execute();
    await publish(trx, { topic: ANALYSIS_TOPIC, municipalityId, data: { conversationId, groups: result.groups.length, participants: result.counts.participants } });
  };
  if (db.isTransaction) await store(db);
  else await services.db.transaction().execute(store);
  return { status: "computed", durationMs, votes: allVotes, groups: result.groups.length };
}

export interface SchedulerOptions {
  /** Wait this long after the last message before computing (votes often come in bursts). */
  quietMs?: number;
  /** At most one run per conversation per this interval. */
  intervalMs?: number;
  log?: (line: string) => void;
}

/** Debounced recomputation in one app process, driven by the bus. */
export class AnalysisScheduler {
  private timers = new Map<string, NodeJS.Timeout>();
  private lastRun = new Map<string, number>();
  private inFlight = new Set<Promise<unknown>>();
  private unsubscribe: (() => void) | null = null;
  private readonly quietMs: number;
  private readonly intervalMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly services: Services, options: SchedulerOptions = {}) {
    this.quietMs = options.quietMs ?? 1000;
    this.intervalMs = options.intervalMs ?? 5000;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  async start(): Promise<void> {
    this.unsubscribe = await this.services.bus.subscribe((message: BusMessage) => {
      if (message.topic !== OPINION_TOPIC) return;
      const conversationId = Number(message.data.conversationId);
      if (Number.isInteger(conversationId) && conversationId > 0) this.schedule(message.municipalityId, conversationId);
    });
  }

  schedule(municipalityId: number, conversationId: number): void {
    const key = `${municipalityId}:${conversationId}`;
    if (this.timers.has(key)) return;
    const earliest = (this.lastRun.get(key) ?? 0) + this.intervalMs;
    const delay = Math.max(this.quietMs, earliest - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.lastRun.set(key, Date.now());
      const run = recomputeConversation(this.services, municipalityId, conversationId)
        .then((outcome) => {
          // Another run held the lock: look again later so the newest votes are not left out.
          if (outcome.status === "locked") this.schedule(municipalityId, conversationId);
        })
        .catch((error: unknown) => this.log(`aviso: análisis de la conversación ${conversationId}: ${(error as Error).message}`))
        .finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
    }, delay);
    timer.unref();
    this.timers.set(key, timer);
  }

  /** Pending conversations (for tests and shutdown). */
  get pending(): number {
    return this.timers.size + this.inFlight.size;
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}

/** Conversations whose stored analysis is missing or older than their votes or statements. */
export async function staleConversations(services: Services, limit = 50): Promise<{ municipalityId: number; id: number }[]> {
  const { rows } = await sql<{ municipality_id: number; id: number }>`
    select c.municipality_id, c.id
      from opinion_conversations c
      left join opinion_analyses a on a.municipality_id = c.municipality_id and a.conversation_id = c.id
     where exists (select 1 from opinion_votes v where v.municipality_id = c.municipality_id and v.conversation_id = c.id)
       and (a.conversation_id is null
            or a.input_through < c.changed_at
            or exists (select 1 from opinion_votes v where v.municipality_id = c.municipality_id and v.conversation_id = c.id and v.updated_at > a.input_through))
     order by c.municipality_id, c.id
     limit ${limit}`.execute(services.db);
  return rows.map((r) => ({ municipalityId: r.municipality_id, id: r.id }));
}

/** The safety net: recompute what the bus-driven scheduler missed (a process stopped mid-burst…). */
export const recomputeStaleJob: JobDefinition = {
  name: "opinion.recompute-stale",
  intervalMs: 60_000,
  async run(services) {
    const stale = await staleConversations(services);
    let computed = 0;
    for (const c of stale) if ((await recomputeConversation(services, c.municipalityId, c.id)).status === "computed") computed++;
    return `${computed} de ${stale.length} conversaciones recalculadas`;
  },
};
