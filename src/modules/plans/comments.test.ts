import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { COMMENTS_PER_HOUR } from "./comments.js";
import { login, seedPlanWorld, type PlanWorld } from "./test-support.js";

describe("public comments on commitments", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: PlanWorld;
  const page = "/cuauhtemoc/planes/plan-2026/compromisos/1";
  const comments = () => t.services.db.selectFrom("plan_comments").selectAll().orderBy("id").execute();

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
  });

  async function citizen(): Promise<Browser> {
    const b = new Browser(app);
    await login(b, w.observatory.outsiderEmail);
    return b;
  }

  it("publishes a verified account's comment under the public name it chose, as text, never with its e-mail", async () => {
    const b = await citizen();
    const form = await b.get(page);
    // The form offers the account's display name, never its address.
    assert.match(form.body, /<input id="campo-nombre" name="nombre" type="text" value="vecina"/);
    const res = await b.post(`${page}/comentarios`, { nombre: "Vecina de la Roma", comentario: "¿Cuándo se publica el mapa? <script>alert(1)</script>" });
    assert.equal(res.statusCode, 303, res.body);
    assert.match(res.headers.location as string, /compromisos\/1#comentario-\d+$/);
    const [row] = await comments();
    assert.equal(row!.author_user_id, w.observatory.outsiderId);
    assert.equal(row!.author_public_name, "Vecina de la Roma");

    const anon = new Browser(app);
    const shown = await anon.get(page);
    assert.match(shown.body, /Comentarios \(1\)/);
    assert.match(shown.body, /<strong>Vecina de la Roma<\/strong>/);
    assert.ok(!shown.body.includes("<script>alert(1)</script>"));
    assert.ok(shown.body.includes("¿Cuándo se publica el mapa? &lt;script>alert(1)&lt;/script>"));
    assert.ok(!shown.body.includes(w.observatory.outsiderEmail));
    // Anonymous visitors are asked to sign in instead of seeing the form.
    assert.match(shown.body, /Inicie sesión<\/a> con una cuenta de correo verificado/);
    assert.ok(!shown.body.includes('name="comentario"'));
    const audit = await t.services.db.selectFrom("audit_log").select(["action", "details"]).where("action", "=", "plans.comment.add").execute();
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit[0]!.details).includes("vecina"));
  });

  it("refuses anonymous visitors and accounts whose e-mail is not verified, storing nothing", async () => {
    const anon = new Browser(app);
    const refused = await anon.post(`${page}/comentarios`, { nombre: "Anónimo", comentario: "Hola" });
    assert.equal(refused.statusCode, 401);
    await t.services.db.updateTable("users").set({ email_verified_at: null }).where("id", "=", w.observatory.outsiderId).execute();
    const b = await citizen();
    const page403 = await b.post(`${page}/comentarios`, { nombre: "Vecina", comentario: "Quiero opinar" });
    assert.equal(page403.statusCode, 403);
    assert.match(page403.body, /Confirme su correo electrónico/);
    assert.match((await b.get(page)).body, /confirme su correo electrónico con el enlace/);
    assert.equal((await comments()).length, 0);
  });

  it("shows the form again with Spanish messages for a bad name or comment, storing nothing", async () => {
    const b = await citizen();
    const email = await b.post(`${page}/comentarios`, { nombre: "vecina@correo.test", comentario: "x" });
    assert.equal(email.statusCode, 422);
    assert.match(email.body, /El nombre público no puede ser un correo electrónico/);
    assert.match(email.body, /Escriba su comentario \(al menos 2 caracteres\)/);
    const long = await b.post(`${page}/comentarios`, { nombre: "Vecina", comentario: "a".repeat(4001) });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /admite hasta 4000 caracteres; el suyo tiene 4001/);
    assert.equal((await comments()).length, 0);
    assert.equal((await b.post("/cuauhtemoc/planes/plan-2026/compromisos/7/comentarios", { nombre: "Vecina", comentario: "Hola" })).statusCode, 404);
  });

  it("lets plan managers hide a comment with a public reason that takes its place; others may not", async () => {
    const b = await citizen();
    await b.post(`${page}/comentarios`, { nombre: "Vecino molesto", comentario: "Texto ofensivo contra una persona" });
    const [row] = await comments();
    const hide = `${page}/comentarios/${row!.id}/ocultar`;
    const obras = new Browser(app);
    await login(obras, w.emails.obras);
    assert.equal((await obras.post(hide, { [`motivo-${row!.id}`]: "Lenguaje ofensivo" })).statusCode, 403);
    assert.equal((await b.post(hide, { [`motivo-${row!.id}`]: "Lenguaje ofensivo" })).statusCode, 403);
    const team = new Browser(app);
    await login(team, w.team.email);
    // The manager sees the hide form; a reason is required.
    assert.match((await team.get(page)).body, /Ocultar este comentario/);
    const empty = await team.post(hide, { [`motivo-${row!.id}`]: "" });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Escriba el motivo por el que se oculta/);
    assert.equal((await team.post(hide, { [`motivo-${row!.id}`]: "Lenguaje ofensivo" })).statusCode, 303);
    const shown = await new Browser(app).get(page);
    assert.match(shown.body, /Comentario ocultado por moderación: Lenguaje ofensivo/);
    assert.ok(!shown.body.includes("Texto ofensivo contra una persona"));
    assert.ok(!shown.body.includes("Vecino molesto"));
    assert.equal((await team.post(hide, { [`motivo-${row!.id}`]: "Otra vez" })).statusCode, 409);
    const [hidden] = await comments();
    assert.equal(hidden!.hidden_reason, "Lenguaje ofensivo");
    assert.equal((await t.services.db.selectFrom("audit_log").select("seq").where("action", "=", "plans.comment.hide").execute()).length, 1);
  });

  it("pages the comments and limits how many one account publishes in an hour", async () => {
    const db = t.services.db;
    const old = new Date(Date.now() - 2 * 3_600_000);
    await db.insertInto("plan_comments").values(
      Array.from({ length: 23 }, (_, i) => ({ municipality_id: w.cuauhtemoc.id, commitment_id: w.commitments.obras, author_user_id: w.observatory.outsiderId, author_public_name: "Vecina", body: `Comentario número ${i + 1}.`, created_at: new Date(old.getTime() + i * 1000) })),
    ).execute();
    const anon = new Browser(app);
    const first = await anon.get(page);
    assert.match(first.body, /Comentarios \(23\)/);
    assert.ok(first.body.includes("Comentario número 20."));
    assert.ok(!first.body.includes("Comentario número 21."));
    assert.match(first.body, /Página 1 de 2/);
    assert.ok((await anon.get(`${page}?comentarios=2`)).body.includes("Comentario número 23."));

    const b = await citizen();
    for (let i = 0; i < COMMENTS_PER_HOUR; i++) {
      const res = await b.post(`${page}/comentarios`, { nombre: "Vecina", comentario: `Nuevo ${i}` });
      assert.equal(res.statusCode, 303);
      // A new comment leads its author to the page of the list it landed on.
      if (i === 0) assert.match(res.headers.location as string, /\?comentarios=2#comentario-24$/);
    }
    const limited = await b.post(`${page}/comentarios`, { nombre: "Vecina", comentario: "Uno más" });
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /en la última hora/);
    assert.equal((await comments()).length, 23 + COMMENTS_PER_HOUR);
  });
});
