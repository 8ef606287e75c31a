import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestContext, type TestContext } from "./testing.js";
import { openDatabase } from "./db/database.js";
import type { Services } from "./services.js";
import { runJob, startJobScheduler, type JobDefinition, type JobRunResult } from "./jobs.js";

const HOUR = 3_600_000;

describe("background jobs", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  beforeEach(async () => t.reset());

  const row = async (name: string) => t.services.db.selectFrom("job_runs").selectAll().where("job_name", "=", name).executeTakeFirst();

  it("records each run's outcome and summary, and runs again only when an interval has passed", async () => {
    let runs = 0;
    const job: JobDefinition = { name: "test.count", intervalMs: HOUR, run: async () => `corrida ${++runs}` };
    const t0 = new Date("2026-11-16T15:00:00Z");
    assert.deepEqual(await runJob(t.services, job, { now: t0 }), { status: "ran", outcome: "ok", summary: "corrida 1" });
    let r = (await row("test.count"))!;
    assert.equal(r.last_outcome, "ok");
    assert.equal(r.last_summary, "corrida 1");
    assert.equal(new Date(r.last_started_at).toISOString(), t0.toISOString());
    assert.equal(Number(r.run_count), 1);
    assert.match(r.last_process, new RegExp(`:${process.pid}$`));

    assert.deepEqual(await runJob(t.services, job, { now: new Date(t0.getTime() + 30 * 60_000) }), { status: "skipped", reason: "not_due" });
    assert.equal(runs, 1, "half an hour later it is not due");
    assert.equal((await runJob(t.services, job, { now: new Date(t0.getTime() + HOUR) })).status, "ran");
    assert.equal((await runJob(t.services, job, { now: new Date(t0.getTime() + HOUR + 1000), force: true })).status, "ran", "forced");
    r = (await row("test.count"))!;
    assert.equal(Number(r.run_count), 3);
    assert.equal(runs, 3);
  });

  it("records a failing job as an error without throwing", async () => {
    const job: JobDefinition = { name: "test.fails", intervalMs: HOUR, run: async () => { throw new Error("el servidor de correo no responde"); } };
    const result = await runJob(t.services, job);
    assert.deepEqual(result, { status: "ran", outcome: "error", summary: "el servidor de correo no responde" });
    const r = (await row("test.fails"))!;
    assert.equal(r.last_outcome, "error");
    assert.equal(Number(r.error_count), 1);
    assert.ok(r.last_error_at);
  });

  it("lets only one of two concurrent runs execute (two processes on a server; one process on the embedded database)", async () => {
    // A second process on a PostgreSQL server is a second pool; the embedded database belongs to
    // one process, so there the second run comes from the same one.
    const other: Services =
      t.services.handle.kind === "postgres"
        ? { ...t.services, handle: await openDatabase({ databaseUrl: t.config.databaseUrl, pgliteDir: null }) }
        : t.services;
    if (other !== t.services) other.db = other.handle.db;
    try {
      let executions = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const job: JobDefinition = {
        name: "test.exclusive",
        intervalMs: HOUR,
        run: async () => {
          executions++;
          await gate;
          return "hecho";
        },
      };
      const a = runJob(t.services, job);
      const b = runJob(other, job);
      // The loser answers at once while the winner is held at the gate.
      const timeout = new Promise<"both ran">((resolve) => setTimeout(() => resolve("both ran"), 3000).unref());
      const loser = await Promise.race([a, b, timeout]);
      if (loser === "both ran") {
        release();
        assert.fail("both runs entered the job");
      }
      assert.equal(loser.status, "skipped");
      assert.equal((loser as Extract<JobRunResult, { status: "skipped" }>).reason, t.services.handle.kind === "postgres" ? "locked" : "running");
      release();
      const results = await Promise.all([a, b]);
      assert.equal(results.filter((r) => r.status === "ran").length, 1);
      assert.equal(executions, 1);
      assert.equal(Number((await row("test.exclusive"))!.run_count), 1);
      // The lock went with the winner's transaction: the other process can run it now.
      assert.equal((await runJob(other, job, { force: true })).status, "ran");
      assert.equal(executions, 2);
    } finally {
      if (other !== t.services) await other.handle.close();
    }
  });

  it("schedules runs, logs failures without crashing, and stops its timers", async () => {
    const lines: string[] = [];
    let runs = 0;
    const ok: JobDefinition = { name: "test.tick", intervalMs: 40, run: async () => { runs++; } };
    const bad: JobDefinition = { name: "test.tick-fails", intervalMs: 40, run: async () => { throw new Error("falla de prueba"); } };
    const scheduler = startJobScheduler(t.services, [ok, bad], (l) => lines.push(l), { firstCheckMs: 0 });
    for (let i = 0; i < 100 && (runs < 2 || lines.length === 0); i++) await new Promise((r) => setTimeout(r, 20));
    await scheduler.stop();
    assert.ok(runs >= 2, `ran ${runs} times`);
    assert.ok(lines.some((l) => l === "tarea test.tick-fails falló: falla de prueba"), lines.join("\n"));
    const stoppedAt = runs;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(runs, stoppedAt, "no run after stop()");
    assert.throws(() => startJobScheduler(t.services, [ok, ok], () => {}), /Dos tareas/);
  });
});
