import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext, listenOnLoopback } from "../../platform/testing.js";
import { seedRequestsWorld, type RequestsWorld } from "../requests/test-support.js";
import { seedDemoParticipation } from "../participation/demo.js";
import { CliError } from "../../cli/options.js";
import { recomputeWhenFree } from "./analysis-runner.js";
import { loadStoredAnalysis } from "./analysis-store.js";
import { seedDemoOpinion } from "./demo.js";
import { recomputeCommand } from "./import-polis.js";
import { makeConversation, plantVotes } from "./test-support.js";

describe("opinion: live stream, recompute command, León demo", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let base: string;
  let w: RequestsWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
    base = await listenOnLoopback(app);
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
  });
  after(async () => {
    await app.close();
    await t.close();
  });

  it("the results stream announces a stored analysis of this conversation only, with ids and counts", async () => {
    const c = await makeConversation(t.services.db, w.cuauhtemoc.id);
    const other = await makeConversation(t.services.db, w.cuauhtemoc.id);
    await plantVotes(t.services.db, w.cuauhtemoc.id, c.id, 8);
    await plantVotes(t.services.db, w.cuauhtemoc.id, other.id, 8);
    const controller = new AbortController();
    const res = await fetch(`${base}/cuauhtemoc/opinion/${c.id}/eventos`, { signal: controller.signal });
    assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    assert.equal((await recomputeWhenFree(t.services, w.cuauhtemoc.id, other.id)).status, "computed");
    assert.equal((await recomputeWhenFree(t.services, w.cuauhtemoc.id, c.id)).status, "computed");
    const deadline = Date.now() + 15_000;
    // One read in flight at a time: a read abandoned to a timeout would swallow its chunk.
    let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
    while (!text.includes("event: analisis") && Date.now() < deadline) {
      pending ??= reader.read();
      const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 200))]);
      if (chunk === null) continue;
      pending = null;
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    controller.abort();
    const events = [...text.matchAll(/event: analisis\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]!));
    // The app's own scheduler may announce a run too: every event is about this conversation.
    assert.ok(events.length >= 1, text);
    for (const e of events) assert.deepEqual(e, { conversacion: c.id, grupos: 2, participantes: 16, resultados: `/cuauhtemoc/opinion/${c.id}/resultados` });
    const script = await new Browser(app).get("/cuauhtemoc/opinion/en-vivo.js");
    assert.equal(script.statusCode, 200);
    assert.match(script.body, /EventSource/);
  });

  it("`opinion recompute` computes one conversation and refuses unknown ones in Spanish", async () => {
    const c = await makeConversation(t.services.db, w.cuauhtemoc.id);
    await plantVotes(t.services.db, w.cuauhtemoc.id, c.id, 8);
    const write = process.stdout.write.bind(process.stdout);
    const out: string[] = [];
    process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
    try {
      await recomputeCommand.run(["--municipality", "cuauhtemoc", "--conversation", String(c.id)], t.services);
    } finally {
      process.stdout.write = write;
    }
    assert.match(out.join(""), new RegExp(`Análisis de la conversación ${c.id}: 128 votos, 2 grupos`));
    assert.ok(await loadStoredAnalysis(t.services.db, w.cuauhtemoc.id, c.id));
    await assert.rejects(recomputeCommand.run(["--municipality", "leon", "--conversation", String(c.id)], t.services), (e: Error) => e instanceof CliError && /No existe la conversación/.test(e.message));
    await assert.rejects(recomputeCommand.run(["--municipality", "cuauhtemoc"], t.services), CliError);
  });

  it("the León demo has an open conversation on the demo process whose map shows groups, seeded once", async () => {
    await seedDemoParticipation(t.services, () => {});
    const lines: string[] = [];
    await seedDemoOpinion(t.services, (l) => lines.push(l));
    await seedDemoOpinion(t.services, (l) => lines.push(l));
    assert.equal(lines.length, 1);
    const c = await t.services.db.selectFrom("opinion_conversations").select(["id", "status", "process_id"]).where("municipality_id", "=", w.leon.id).executeTakeFirstOrThrow();
    assert.equal(c.status, "open");
    assert.ok(c.process_id);
    const stored = (await loadStoredAnalysis(t.services.db, w.leon.id, c.id))!;
    assert.ok(stored.result.groups.length >= 2, `groups: ${stored.result.groups.length}`);
    assert.ok(stored.result.consensus.agree.length >= 1);
    const page = await new Browser(app).get(`/leon/opinion/${c.id}/resultados`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Grupo A/);
    assert.match(page.body, /en-vivo\.js/);
  });
});
