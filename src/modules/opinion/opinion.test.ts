import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { guestParticipant, login, seedParticipationWorld, type ParticipationWorld } from "../participation/test-support.js";
import { PARTICIPANT_COOKIE } from "../participation/participants.js";
import { moderateStatement, setConversationStatus } from "./conversations.js";
import { recomputeWhenFree } from "./analysis-runner.js";
import { informativeness, nextStatement } from "./voting.js";
import { makeConversation, plantVotes, SEEDS } from "./test-support.js";

describe("opinion conversations: voting, moderation, next statement", () => {
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

  const votesOf = (cid: number) =>
    t.services.db.selectFrom("opinion_votes as v").innerJoin("opinion_statements as s", (j) => j.onRef("s.municipality_id", "=", "v.municipality_id").onRef("s.id", "=", "v.statement_id"))
      .select(["v.voter_id", "s.number", "v.vote"]).where("v.municipality_id", "=", w.cuauhtemoc.id).where("v.conversation_id", "=", cid).orderBy("s.number").execute();
  const base = (cid: number) => `/cuauhtemoc/opinion/${cid}`;

  it("an anonymous visitor votes with a cookie identity: one vote per statement, changed in place, audited", async () => {
    const c = await makeConversation(t.services.db, w.cuauhtemoc.id);
    const browser = new Browser(app);
    const page = await browser.get(base(c.id));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ha votado 0 de 8 afirmaciones/);
    assert.match(page.body, /name="vote" value="agree"/);
    const first = await browser.post(`${base(c.id)}/votos`, { statement: "0", vote: "agree" });
    assert.equal(first.statusCode, 303);
    assert.ok(browser.cookies.get(PARTICIPANT_COOKIE), "the browser now carries a participant cookie");
    const again = await browser.post(`${base(c.id)}/votos`, { statement: "0", vote: "disagree" }, { headers: { accept: "application/json" } });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().changed, true);
    const votes = await votesOf(c.id);
    assert.equal(votes.length, 1);
    assert.equal(Number(votes[0]!.vote), -1);
    const participants = await t.services.db.selectFrom("participants").select(["kind", "email"]).where("municipality_id", "=", w.cuauhtemoc.id).execute();
    assert.deepEqual(participants, [{ kind: "guest", email: null }]);
    const audit = await t.services.db.selectFrom("audit_log").select("action").where("chain_id", "=", w.cuauhtemoc.id).where("action", "like", "opinion.vote%").execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ["opinion.vote", "opinion.vote.change"]);
    const after = await browser.get(base(c.id));
    assert.match(after.body, /Ha votado 1 de 8 afirmaciones/);
    assert.doesNotMatch(after.body, new RegExp(`name="statement" value="0"`), "a voted statement is never shown again");
  });

  it("a closed conversation, an unknown or rejected statement and a bad vote word get 422 and change nothing", async () => {
    const c = await makeConversation(t.services.db, w.cuauhtemoc.id);
    const browser = new Browser(app);
    const json = { headers: { accept: "application/json" } };
    assert.equal((await browser.post(`${base(c.id)}/votos`, { statement: "99", vote: "agree" }, json)).statusCode, 422);
    assert.equal((await browser.post(`${base(c.id)}/votos`, { statement: "1", vote: "maybe" }, json)).statusCode, 422);
    const rejected = await t.services.db.selectFrom("opinion_statements").select("id").where("conversation_id", "=", c.id).where("number", "=", 2).executeTakeFirstOrThrow();
    await moderateStatement(t.services.db, w.cuauhtemoc.id, anonymous, c.id, rejected.id, "rejected");
    const res = await browser.post(`${base(c.id)}/votos`, { statement: "2", vote: "agree" }, json);
    assert.equal(res.statusCode, 422);
    assert.equal(res.headers["content-type"], "application/problem+json; charset=utf-8");
    assert.match(res.json().detail, /no está disponible/);
    await setConversationStatus(t.services.db, w.cuauhtemoc.id, anonymous, c.id, "closed");
    const closed = await browser.post(`${base(c.id)}/votos`, { statement: "1", vote: "agree" });
    assert.equal(closed.statusCode, 422);
    assert.match(closed.body, /La conversación está cerrada/);
    assert.equal((await browser.post(`${base(c.id)}/afirmaciones`, { body: "Una afirmación nueva" }, json)).statusCode, 422);
    assert.equal((await votesOf(c.id)).length, 0);
    assert.equal((await t.services.db.selectFrom("participants").select("id").execute()).length, 0, "no participant was created for refused votes");
  });

  it("pre-moderation: a participant's statement waits for review, is accepted by staff and then shown; post-moderation shows it at once", async () => {
    const pre = await makeConversation(t.services.db, w.cuauhtemoc.id, { moderation: "pre" }, SEEDS.slice(0, 1));
    const browser = new Browser(app);
    const sent = await browser.post(`${base(pre.id)}/afirmaciones`, { body: "Que haya bebederos en las plazas." });
    assert.equal(sent.statusCode, 303);
    const s = await t.services.db.selectFrom("opinion_statements").select(["id", "number", "status"]).where("conversation_id", "=", pre.id).where("origin", "=", "participant").executeTakeFirstOrThrow();
    assert.equal(s.status, "pending");
    const other = new Browser(app);
    await other.post(`${base(pre.id)}/votos`, { statement: "0", vote: "pass" });
    assert.doesNotMatch((await other.get(base(pre.id))).body, /bebederos/, "a pending statement is not shown");
    assert.equal((await other.post(`${base(pre.id)}/votos`, { statement: String(s.number), vote: "agree" }, { headers: { accept: "application/json" } })).statusCode, 422);
    const staff = new Browser(app);
    await login(staff, w.team.email);
    const queue = await staff.get(`/cuauhtemoc/admin/opinion/${pre.id}`);
    assert.match(queue.body, /Por revisar \(1\)/);
    assert.match(queue.body, /bebederos/);
    assert.equal((await staff.post(`/cuauhtemoc/admin/opinion/${pre.id}/afirmaciones/${s.id}/moderar`, { decision: "accepted" })).statusCode, 303);
    assert.match((await other.get(base(pre.id))).body, /bebederos/);
    // The author agreed with their own statement, so it is not shown back to them.
    assert.doesNotMatch((await browser.get(base(pre.id))).body, /bebederos/);

    const post = await makeConversation(t.services.db, w.cuauhtemoc.id, { moderation: "post" }, []);
    await browser.post(`${base(post.id)}/afirmaciones`, { body: "Que haya sombra en las paradas." });
    assert.match((await new Browser(app).get(base(post.id))).body, /sombra en las paradas/);
    const short = await browser.post(`${base(post.id)}/afirmaciones`, { body: "no" });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /al menos 3 caracteres/);
  });

  it("the next statement is never one already voted, prefers few votes, then statements that split the groups; ties by number", async () => {
    assert.ok(informativeness(0, 0.5) > informativeness(5, 0.5));
    assert.ok(informativeness(3, 0.9) > informativeness(3, 0.1));
    const c = await makeConversation(t.services.db, w.cuauhtemoc.id);
    const fresh = await nextStatement(t.services.db, w.cuauhtemoc.id, c.id, null);
    assert.deepEqual([fresh.statement?.number, fresh.voted, fresh.total], [0, 0, 8]);
    await plantVotes(t.services.db, w.cuauhtemoc.id, c.id, 10);
    await recomputeWhenFree(t.services, w.cuauhtemoc.id, c.id);
    // Every statement has the same number of votes: the one that splits the groups wins (3 and 5 are consensus).
    const next = await nextStatement(t.services.db, w.cuauhtemoc.id, c.id, null);
    assert.ok(next.statement && next.statement.number !== 3 && next.statement.number !== 5, `got ${next.statement?.number}`);
    const g = await guestParticipant(t.services, w.cuauhtemoc, "vota@correo.test");
    const browser = new Browser(app);
    const [name, value] = g.cookie.split("=");
    browser.cookies.set(name!, value!);
    const seen = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const n = await nextStatement(t.services.db, w.cuauhtemoc.id, c.id, g.participant.id);
      assert.ok(n.statement, "a statement is left");
      assert.ok(!seen.has(n.statement.number), "never one already voted");
      seen.add(n.statement.number);
      assert.equal((await browser.post(`${base(c.id)}/votos`, { statement: String(n.statement.number), vote: "pass" })).statusCode, 303);
    }
    const done = await nextStatement(t.services.db, w.cuauhtemoc.id, c.id, g.participant.id);
    assert.deepEqual([done.statement, done.voted], [null, 8]);
    assert.match((await browser.get(base(c.id))).body, /Ya votó todas las afirmaciones/);
  });

  it("an account-only conversation sends anonymous visitors to sign in; a signed-in person votes as their account participant", async () => {
    const c = await makeConversation(t.services.db, w.cuauhtemoc.id, { identity: "account" });
    const visitor = new Browser(app);
    assert.match((await visitor.get(base(c.id))).body, /Inicie sesión para votar/);
    const res = await visitor.post(`${base(c.id)}/votos`, { statement: "0", vote: "agree" });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/entrar\?next=/);
    assert.equal((await votesOf(c.id)).length, 0);
    const user = new Browser(app);
    await login(user, w.emails.observer);
    assert.equal((await user.post(`${base(c.id)}/votos`, { statement: "0", vote: "agree" })).statusCode, 303);
    const p = await t.services.db.selectFrom("participants").select(["kind", "user_id"]).executeTakeFirstOrThrow();
    assert.deepEqual(p, { kind: "account", user_id: w.users.observer });
  });

  it("staff create, edit and close conversations; other municipalities' staff get 403 and their visitors 404", async () => {
    const staff = new Browser(app);
    await login(staff, w.team.email);
    const bad = await staff.post("/cuauhtemoc/admin/opinion", { topic: "x", moderation: "post", identity: "anonymous" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Escriba el tema/);
    const created = await staff.post("/cuauhtemoc/admin/opinion", {
      topic: "Parques de la alcaldía", description: "¿Qué hacer con los parques?", moderation: "pre", identity: "anonymous", participantStatements: "1", process: String(w.process.id),
      seeds: "Los parques deben abrir de noche.\nHacen falta baños públicos en los parques.\n",
    });
    assert.equal(created.statusCode, 303);
    const cid = Number(String(created.headers.location).split("/").pop());
    const row = await t.services.db.selectFrom("opinion_conversations").selectAll().where("id", "=", cid).executeTakeFirstOrThrow();
    assert.deepEqual([row.municipality_id, row.moderation, row.process_id], [w.cuauhtemoc.id, "pre", w.process.id]);
    assert.equal((await t.services.db.selectFrom("opinion_statements").select("id").where("conversation_id", "=", cid).execute()).length, 2);
    assert.match((await new Browser(app).get("/cuauhtemoc/participa/plan-de-accion")).body, /Parques de la alcaldía/, "the process page shows the conversation");
    assert.equal((await staff.post(`/cuauhtemoc/admin/opinion/${cid}/recalcular`)).statusCode, 303);
    assert.match((await staff.get(`/cuauhtemoc/admin/opinion/${cid}`)).body, /Último análisis: 0 votos/);
    assert.equal((await staff.post(`/cuauhtemoc/admin/opinion/${cid}/estado`, { status: "closed" })).statusCode, 303);
    assert.match((await new Browser(app).get(`/cuauhtemoc/opinion/${cid}`)).body, /La conversación está cerrada/);
    const audit = await t.services.db.selectFrom("audit_log").select("action").where("action", "like", "opinion.conversation%").execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ["opinion.conversation.close", "opinion.conversation.create"]);
    assert.equal((await t.services.db.selectFrom("audit_log").select("action").where("action", "=", "opinion.analysis.recompute").execute()).length, 1);

    const leonStaff = new Browser(app);
    await login(leonStaff, w.emails.leonAdmin);
    assert.equal((await leonStaff.get(`/cuauhtemoc/admin/opinion/${cid}`)).statusCode, 403);
    assert.equal((await leonStaff.get(`/leon/admin/opinion/${cid}`)).statusCode, 404);
    for (const path of ["", "/resultados", "/informe", "/votes.csv", "/comments.csv", "/participants-votes.csv"]) {
      assert.equal((await new Browser(app).get(`/leon/opinion/${cid}${path}`)).statusCode, 404, `/leon/opinion/${cid}${path}`);
    }
    assert.equal((await new Browser(app).post(`/leon/opinion/${cid}/votos`, { statement: "0", vote: "agree" })).statusCode, 404);
    assert.equal((await new Browser(app).get("/cuauhtemoc/admin/opinion")).statusCode, 302);
  });
});
