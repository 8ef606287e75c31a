import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { guestParticipant, seedParticipationWorld, type ParticipationWorld } from "../participation/test-support.js";
import { adjustedRandIndex } from "./analysis/index.js";
import { AnalysisScheduler, recomputeWhenFree, staleConversations } from "./analysis-runner.js";
import { loadStoredAnalysis } from "./analysis-store.js";
import { importPolisCommand } from "./import-polis.js";
import { castVote, submitStatement } from "./voting.js";
import { moderateStatement } from "./conversations.js";
import { makeConversation, plantVotes, tempFolder } from "./test-support.js";
import { CliError } from "../../cli/options.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const POLIS_COPY = path.join(here, "data", "polis");

describe("opinion results: stored analysis, map, exports, import", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ParticipationWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedParticipationWorld(t.services);
  });
  after(async () => t.close());

  const mid = () => w.cuauhtemoc.id;
  const quiet = { write: () => true } as unknown as NodeJS.WriteStream;

  async function runCli(args: string[]): Promise<string> {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const errWrite = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    process.stderr.write = quiet.write as typeof process.stderr.write;
    try {
      await importPolisCommand.run(args, t.services);
    } finally {
      process.stdout.write = write;
      process.stderr.write = errWrite;
    }
    return out.join("");
  }

  it("stores the analysis of planted groups, deterministically, and finds the planted groups and the consensus", async () => {
    const c = await makeConversation(t.services.db, mid());
    const { groupOf } = await plantVotes(t.services.db, mid(), c.id, 12);
    const first = await recomputeWhenFree(t.services, mid(), c.id);
    assert.equal(first.status, "computed");
    assert.equal((await recomputeWhenFree(t.services, mid(), c.id, { force: false })).status, "fresh", "nothing changed: no second computation");
    const stored = (await loadStoredAnalysis(t.services.db, mid(), c.id))!;
    assert.equal(stored.votesCounted, 24 * 8);
    assert.equal(stored.result.groups.length, 2);
    const found = stored.result.participants.filter((p) => p.clustered);
    assert.equal(adjustedRandIndex(found.map((p) => groupOf.get(p.participant)!), found.map((p) => p.group!)), 1);
    assert.deepEqual([...stored.result.consensus.agree].sort(), [3, 5]);
    await recomputeWhenFree(t.services, mid(), c.id, { force: true });
    const again = (await loadStoredAnalysis(t.services.db, mid(), c.id))!;
    assert.deepEqual(again.result, stored.result, "the same votes give the same result");
  });

  it("the results page draws an accessible SVG map with a table alternative, groups, consensus and statements by group; no e-mail anywhere", async () => {
    const c = await makeConversation(t.services.db, mid());
    await plantVotes(t.services.db, mid(), c.id, 12);
    const g = await guestParticipant(t.services, w.cuauhtemoc, "persona.secreta@correo.test");
    const who = { actor: { kind: "anonymous" as const }, participantId: g.participant.id };
    await castVote(t.services.db, mid(), c.id, who, 0, 1);
    // A statement moderated out keeps its number and votes in the results, never its text.
    const bad = await submitStatement(t.services.db, mid(), c.id, who, "Mi vecino Zyxrechazada vive en la calle 5");
    const badRow = await t.services.db.selectFrom("opinion_statements").select("id").where("conversation_id", "=", c.id).where("number", "=", bad.number).executeTakeFirstOrThrow();
    await moderateStatement(t.services.db, mid(), { kind: "anonymous" }, c.id, badRow.id, "rejected");
    assert.deepEqual(await recomputeWhenFree(t.services, mid(), c.id), { status: "computed", durationMs: (await loadStoredAnalysis(t.services.db, mid(), c.id))?.durationMs, votes: 24 * 8 + 2, groups: 2 });
    const page = await new Browser(app).get(`/cuauhtemoc/opinion/${c.id}/resultados`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg class="opinion-map"[^>]*role="img"[^>]*aria-labelledby="mapa-titulo mapa-desc"/);
    assert.match(page.body, /<title id="mapa-titulo">Mapa de opiniones<\/title>/);
    assert.match(page.body, /<desc id="mapa-desc">[^<]*25 participantes, 24 agrupados en 2 grupos/);
    assert.match(page.body, /<caption>Grupos de opinión<\/caption>/);
    assert.match(page.body, /Grupo A \(círculos\)/);
    assert.match(page.body, /Grupo B \(cuadrados\)/);
    assert.match(page.body, /De acuerdo en todos los grupos/);
    assert.match(page.body, /Las obras deben consultarse con los vecinos/);
    assert.match(page.body, /<th scope="col">Grupo B<\/th>/);
    const report = await new Browser(app).get(`/cuauhtemoc/opinion/${c.id}/informe`);
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /@media print/);
    assert.doesNotMatch(report.body, /class="site-nav"/);
    assert.match(report.body, /<svg class="opinion-map"/);
    for (const url of ["", "/resultados", "/informe", "/comments.csv", "/votes.csv", "/participants-votes.csv"]) {
      const res = await new Browser(app).get(`/cuauhtemoc/opinion/${c.id}${url}`);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /persona\.secreta|correo\.test|Zyxrechazada/, `no e-mail or rejected text in ${url || "/"}`);
    }
    const catalogue = await new Browser(app).get("/cuauhtemoc/datos");
    assert.match(catalogue.body, /Movilidad en el centro/);
  });

  it("a vote reaches the background scheduler over the bus, which recomputes after a quiet moment, never in the request", async () => {
    const c = await makeConversation(t.services.db, mid());
    await plantVotes(t.services.db, mid(), c.id, 10);
    const scheduler = new AnalysisScheduler(t.services, { quietMs: 300, intervalMs: 500, log: () => {} });
    await scheduler.start();
    try {
      const g = await guestParticipant(t.services, w.cuauhtemoc, "vota@correo.test");
      await castVote(t.services.db, mid(), c.id, { actor: { kind: "anonymous" }, participantId: g.participant.id }, 1, -1);
      const counted = async () => (await loadStoredAnalysis(t.services.db, mid(), c.id))?.votesCounted ?? 0;
      assert.notEqual(await counted(), 20 * 8 + 1, "the vote's request does not compute");
      for (let i = 0; i < 300 && (await counted()) !== 20 * 8 + 1; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(await counted(), 20 * 8 + 1, "a scheduler stored the analysis with the new vote");
      assert.deepEqual(await staleConversations(t.services), []);
    } finally {
      await scheduler.stop();
    }
  });

  it("exports in Polis' layout round-trip through the importer: the same votes, statements and texts", async () => {
    const c = await makeConversation(t.services.db, mid());
    await plantVotes(t.services.db, mid(), c.id, 8);
    await recomputeWhenFree(t.services, mid(), c.id);
    const browser = new Browser(app);
    const files: Record<string, string> = {};
    for (const f of ["comments.csv", "votes.csv", "participants-votes.csv"]) {
      const res = await browser.get(`/cuauhtemoc/opinion/${c.id}/${f}`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers["content-type"]), /^text\/csv/);
      files[f] = res.body;
    }
    assert.match(files["comments.csv"]!.split("\n")[0]!, /^timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body/);
    assert.match(files["participants-votes.csv"]!.split("\n")[0]!, /^participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2/);
    const dir = tempFolder(files);
    try {
      const out = await runCli([dir, "--municipality", "cuauhtemoc", "--title", "Copia importada"]);
      assert.match(out, /Conversación \d+ creada/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const copy = await t.services.db.selectFrom("opinion_conversations").select(["id", "topic", "status"]).where("topic", "=", "Copia importada").executeTakeFirstOrThrow();
    assert.equal(copy.status, "closed");
    const votesAgain = await browser.get(`/cuauhtemoc/opinion/${copy.id}/votes.csv`);
    assert.equal(votesAgain.body, files["votes.csv"], "votes.csv is identical after the round trip");
    const commentsAgain = await browser.get(`/cuauhtemoc/opinion/${copy.id}/comments.csv`);
    assert.equal(commentsAgain.body, files["comments.csv"]);
    const pv = await browser.get(`/cuauhtemoc/opinion/${copy.id}/participants-votes.csv`);
    assert.equal(pv.body.split("\n").length, files["participants-votes.csv"]!.split("\n").length);
  });

  it("a malformed or truncated export is refused in Spanish and stores nothing", async () => {
    const good = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,0,1,0,1,Hola mundo\n";
    const truncated = tempFolder({ "comments.csv": good, "votes.csv": "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,1\n2,x,0\n" });
    const badVote = tempFolder({ "comments.csv": good, "votes.csv": "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,7\n" });
    try {
      await assert.rejects(runCli([truncated, "--municipality", "cuauhtemoc"]), (e: Error) => e instanceof CliError && /votes\.csv, línea 3/.test(e.message) && /No se guardó nada/.test(e.message));
      await assert.rejects(runCli([badVote, "--municipality", "cuauhtemoc"]), (e: Error) => e instanceof CliError && /votes\.csv/.test(e.message));
      await assert.rejects(runCli(["/no/existe", "--municipality", "cuauhtemoc"]), CliError);
    } finally {
      fs.rmSync(truncated, { recursive: true, force: true });
      fs.rmSync(badVote, { recursive: true, force: true });
    }
    assert.equal((await t.services.db.selectFrom("opinion_conversations").select("id").execute()).length, 0);
    assert.equal((await t.services.db.selectFrom("opinion_votes").select("voter_id").execute()).length, 0);
  });

  it("imports a real Polis conversation (the copied open data) and agrees with Polis' groups", { skip: !fs.existsSync(path.join(POLIS_COPY, "15-per-hour-seattle")) && "the Polis data copy is not there yet" }, async () => {
    const dir = path.join(POLIS_COPY, "15-per-hour-seattle");
    const out = await runCli([dir, "--municipality", "cuauhtemoc", "--process", "plan-de-accion"]);
    assert.match(out, /análisis calculado en \d+ ms \(\d grupos\)/);
    const c = await t.services.db.selectFrom("opinion_conversations").select(["id", "topic", "process_id"]).executeTakeFirstOrThrow();
    assert.equal(c.topic, "$15/hour");
    assert.equal(c.process_id, w.process.id);
    const stored = (await loadStoredAnalysis(t.services.db, mid(), c.id))!;
    const polis = fs.readFileSync(path.join(dir, "participants-votes.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    const polisGroup = new Map(polis.filter((r) => r[1] !== "").map((r) => [Number(r[0]), Number(r[1])]));
    const both = stored.result.participants.filter((p) => p.clustered && p.group !== null && polisGroup.has(p.participant));
    const ari = adjustedRandIndex(both.map((p) => polisGroup.get(p.participant)!), both.map((p) => p.group!));
    assert.ok(ari >= 0.5, `ARI ${ari.toFixed(3)} against Polis' groups`);
    assert.equal((await new Browser(app).get(`/cuauhtemoc/opinion/${c.id}/resultados`)).statusCode, 200);
  });
});
