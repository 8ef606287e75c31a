/**
 * Background jobs: work that runs every so often by itself (reminders, clean-ups). Modules
 * declare them in their manifest (`jobs`); main.ts starts one scheduler per app process when
 * JOBS is on.
 *
 * Several app processes may share one PostgreSQL server. A run holds a transaction-level advisory
 * lock keyed by the job's name (pg_try_advisory_xact_lock) from start to finish, and records its
 * outcome in job_runs inside that same transaction before committing: a process that cannot take
 * the lock skips (another is running it), and one that takes it after a run sees from job_runs
 * that the job is not due yet. So a job runs once per interval across all processes, and a
 * process that dies mid-run releases the lock with its connection.
 *
 * The embedded database (PGlite) is one connection owned by one process (see the pid lock in
 * db/database.ts): holding a transaction open would block the job's own queries, and no other
 * process can be there to exclude. There the lock is the in-process guard every run also takes.
 *
 * A failing job is logged and recorded; it never throws out of the scheduler.
 */
import crypto from "node:crypto";
import os from "node:os";
import { sql } from "kysely";
import type { Executor } from "./db/database.js";
import type { Timestamp } from "./db/schema.js";
import type { Services } from "./services.js";

export interface JobDefinition {
  /** Unique and stable, e.g. "transparency.reminders": the lock and the job_runs row are keyed by it. */
  name: string;
  /** Time between runs, cluster-wide, in milliseconds. */
  intervalMs: number;
  /** Do the work; `now` is the scheduler's clock. Returns a one-line summary of what it did (logged and recorded). */
  run(services: Services, now: Date): Promise<string | void>;
}

interface JobRunTable {
  job_name: string;
  last_started_at: Timestamp;
  last_finished_at: Timestamp;
  last_outcome: "ok" | "error";
  last_summary: string;
  last_process: string;
  run_count: number | string;
  error_count: number | string;
  last_error_at: Timestamp | null;
}

declare module "./db/schema.js" {
  interface Database {
    job_runs: JobRunTable;
  }
}

export type JobRunResult =
  | { status: "ran"; outcome: "ok" | "error"; summary: string }
  /** locked: another process holds the lock; running: this process is already running it; not_due: it ran less than an interval ago. */
  | { status: "skipped"; reason: "locked" | "running" | "not_due" };

export interface RunOptions {
  now?: Date;
  /** Run even if the last run was less than an interval ago (the lock still applies). */
  force?: boolean;
}

/** First key of the two-key advisory lock: the jobs' class (the migrator uses 727_001, the audit log 727_002). */
const JOB_LOCK_CLASS = 727_003;
const PROCESS = `${os.hostname()}:${process.pid}`;

/** The second lock key: a stable 32-bit number from the job's name, the same in every process. */
export function jobLockKey(name: string): number {
  return crypto.createHash("sha256").update(name).digest().readInt32BE(0);
}

/** Jobs running in this process, per database handle (the in-process guard). */
const runningHere = new WeakMap<object, Set<string>>();

/** A run may start this much before a full interval has passed, so timer drift never skips a whole cycle. */
function tolerance(intervalMs: number): number {
  return Math.min(intervalMs / 20, 60_000);
}

async function isDue(executor: Executor, job: JobDefinition, now: Date): Promise<boolean> {
  const row = await executor.selectFrom("job_runs").select("last_started_at").where("job_name", "=", job.name).executeTakeFirst();
  if (!row) return true;
  return now.getTime() - new Date(row.last_started_at).getTime() >= job.intervalMs - tolerance(job.intervalMs);
}

async function record(executor: Executor, name: string, startedAt: Date, outcome: "ok" | "error", summary: string): Promise<void> {
  const finishedAt = new Date();
  const failed = outcome === "error";
  await executor
    .insertInto("job_runs")
    .values({
      job_name: name, last_started_at: startedAt, last_finished_at: finishedAt, last_outcome: outcome, last_summary: summary,
      last_process: PROCESS, run_count: 1, error_count: failed ? 1 : 0, last_error_at: failed ? finishedAt : null,
    })
    .onConflict((oc) =>
      oc.column("job_name").doUpdateSet({
        last_started_at: startedAt, last_finished_at: finishedAt, last_outcome: outcome, last_summary: summary, last_process: PROCESS,
        run_count: sql`job_runs.run_count + 1`,
        error_count: sql`job_runs.error_count + ${failed ? 1 : 0}`,
        last_error_at: failed ? finishedAt : sql`job_runs.last_error_at`,
      }),
    )
    .execute();
}

/** Run the job's work, catching its failure: the outcome and a summary (or the error message). */
async function execute(services: Services, job: JobDefinition, now: Date): Promise<{ outcome: "ok" | "error"; summary: string }> {
  try {
    return { outcome: "ok", summary: ((await job.run(services, now)) ?? "").slice(0, 2000) };
  } catch (error) {
    return { outcome: "error", summary: String((error as Error)?.message ?? error).slice(0, 2000) };
  }
}

/**
 * Run one job now if no other run holds its lock and (unless forced) it is due. Never throws for
 * the job's own failure: that is the "error" outcome, recorded in job_runs.
 */
export async function runJob(services: Services, job: JobDefinition, options: RunOptions = {}): Promise<JobRunResult> {
  const now = options.now ?? new Date();
  const { handle } = services;
  let running = runningHere.get(handle);
  if (!running) runningHere.set(handle, (running = new Set()));
  if (running.has(job.name)) return { status: "skipped", reason: "running" };
  running.add(job.name);
  try {
    if (handle.kind === "pglite") {
      if (!options.force && !(await isDue(services.db, job, now))) return { status: "skipped", reason: "not_due" };
      const result = await execute(services, job, now);
      await record(services.db, job.name, now, result.outcome, result.summary);
      return { status: "ran", ...result };
    }
    // One pooled connection holds the lock for the whole run; the job works on the others.
    const trx = await services.db.startTransaction().execute();
    try {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${JOB_LOCK_CLASS}::int, ${jobLockKey(job.name)}::int) as locked`.execute(trx);
      if (!rows[0]?.locked) {
        await trx.rollback().execute();
        return { status: "skipped", reason: "locked" };
      }
      if (!options.force && !(await isDue(trx, job, now))) {
        await trx.rollback().execute();
        return { status: "skipped", reason: "not_due" };
      }
      const result = await execute(services, job, now);
      await record(trx, job.name, now, result.outcome, result.summary);
      await trx.commit().execute();
      return { status: "ran", ...result };
    } catch (error) {
      await trx.rollback().execute().catch(() => {});
      throw error;
    }
  } finally {
    running.delete(job.name);
  }
}

export interface JobScheduler {
  /** Clear the timers and wait for runs in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Check every job shortly after start and then every minute (or its interval, when shorter);
 * runJob decides whether it is due. Timers are unref'd: they never keep a process alive.
 */
export function startJobScheduler(
  services: Services,
  jobs: JobDefinition[],
  log: (line: string) => void,
  options: { firstCheckMs?: number; maxCheckMs?: number } = {},
): JobScheduler {
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`Dos tareas se llaman "${job.name}"`);
    if (!(job.intervalMs > 0)) throw new Error(`La tarea "${job.name}" necesita un intervalo mayor que cero`);
    names.add(job.name);
  }
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const check = (job: JobDefinition) => Math.min(job.intervalMs, options.maxCheckMs ?? 60_000);
  const schedule = (job: JobDefinition, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = tick(job).finally(() => {
        inFlight.delete(run);
        schedule(job, check(job));
      });
      inFlight.add(run);
    }, delay);
    timer.unref();
    timers.add(timer);
  };
  const tick = async (job: JobDefinition) => {
    try {
      const result = await runJob(services, job);
      if (result.status !== "ran") return;
      if (result.outcome === "error") log(`tarea ${job.name} falló: ${result.summary}`);
      else if (result.summary) log(`tarea ${job.name}: ${result.summary}`);
    } catch (error) {
      // The database itself failed (connection lost…): log and try again at the next check.
      log(`tarea ${job.name}: no se pudo ejecutar (${(error as Error)?.message ?? error})`);
    }
  };
  for (const job of jobs) schedule(job, options.firstCheckMs ?? 5_000);
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
    },
  };
}
