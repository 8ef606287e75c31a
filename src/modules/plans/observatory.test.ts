import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { makeUser } from "../accounts/test-support.js";
import { listServices } from "../requests/catalogue.js";
import { addObservatoryMember, publishReport, saveReport } from "./observatory-service.js";
import { login, seedPlanWorld, type PlanWorld } from "./test-support.js";
import { postFile, publicCommitmentHtml } from "./review-test-support.js";

const PUBLIC_NAME = "Mtra. Zyxpública Observadora";
const PRIVATE_NAME = "Zyxprivada Quintanilla Ybarra";
const SEEDED_MEMBER_NAME = "Integrante del observatorio";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0xff, 0xfe]);
const BODY = "El inventario de obras se publicó tarde y sin el presupuesto ejercido por colonia.";

describe("observatories: registration, members' area, reports beside official progress", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: PlanWorld;
  let team: Browser;
  let member: Browser;
  let serviceId: number;
  const obs = () => `/cuauhtemoc/observatorios/${w.observatory.slug}`;
  const panel = () => `${obs()}/panel`;
  const report = (over: Record<string, string> = {}) => ({ kind: "valoracion", commitmentId: String(w.commitments.obras), serviceId: "", title: "El inventario llegó tarde", body: BODY, verdict: "con_retraso", dataUrl: "https://datos.example.org/obras.csv", ...over });

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
    team = new Browser(app);
    await login(team, w.team.email);
    member = new Browser(app);
    await login(member, w.observatory.memberEmail);
    serviceId = (await listServices(t.services.db, w.cuauhtemoc.id))[0]!.id;
  });

  async function as(email: string): Promise<Browser> {
    const b = new Browser(app);
    await login(b, email);
    return b;
  }

  async function draft(browser: Browser, over: Record<string, string> = {}): Promise<number> {
    const res = await browser.post(`${panel()}/informes`, report(over));
    assert.equal(res.statusCode, 303, res.body);
    return Number(/informes\/(\d+)$/.exec(String(res.headers.location))![1]);
  }

  const reports = () => t.services.db.selectFrom("observatory_reports").select(["id", "title", "published_at", "author_user_id", "verdict"]).orderBy("id").execute();

  it("lets staff register observatories and their members; a member's name is public only when marked so", async () => {
    const list = await team.get("/cuauhtemoc/admin/observatorios");
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Observatorio Ciudadano de Cuauhtémoc/);
    const bad = await team.post("/cuauhtemoc/admin/observatorios", { name: "Ob", slug: "Mal Nombre!", description: "", website: "javascript:alert(1)" });
    assert.equal(bad.statusCode, 422);
    for (const m of ["al menos 3 caracteres", "solo admite letras minúsculas", "debe empezar con https:// o http://"]) assert.ok(bad.body.includes(m), m);
    const ok = await team.post("/cuauhtemoc/admin/observatorios", { name: "Red por la Rendición de Cuentas", slug: " Red-Rendicion ", description: "Seguimiento ciudadano.", website: "https://red.example.org" });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal(ok.headers.location, "/cuauhtemoc/admin/observatorios/red-rendicion");
    assert.equal((await team.post("/cuauhtemoc/admin/observatorios", { name: "Otra red", slug: "red-rendicion" })).statusCode, 409);

    const add = (email: string, form: Record<string, string>) => team.post("/cuauhtemoc/admin/observatorios/red-rendicion/integrantes", { email, ...form });
    await makeUser(t.services.db, "publica@red.test");
    await makeUser(t.services.db, "privada@red.test");
    assert.equal((await add("publica@red.test", { role: "coordinacion", publicName: PUBLIC_NAME, namePublic: "1" })).statusCode, 303);
    assert.equal((await add("privada@red.test", { role: "integrante", publicName: PRIVATE_NAME })).statusCode, 303);
    const unknown = await add("nadie@red.test", { role: "integrante", publicName: "" });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /No hay ninguna cuenta activa con ese correo/);
    const noName = await add("privada@red.test", { role: "integrante", publicName: "", namePublic: "1" });
    assert.equal(noName.statusCode, 422);
    assert.match(noName.body, /Escriba el nombre que se mostrará/);
    const staffPage = await team.get("/cuauhtemoc/admin/observatorios/red-rendicion");
    assert.ok(staffPage.body.includes("privada@red.test") && staffPage.body.includes(PRIVATE_NAME), "staff see every member");

    const anon = new Browser(app);
    const pub = await anon.get("/cuauhtemoc/observatorios");
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /Observatorio Ciudadano de Cuauhtémoc[\s\S]*Red por la Rendición de Cuentas/, "by name");
    const page = await anon.get("/cuauhtemoc/observatorios/red-rendicion");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /El observatorio tiene 2 integrantes\./);
    assert.ok(page.body.includes(`${PUBLIC_NAME} (Coordinación)`));
    for (const secret of [PRIVATE_NAME, "privada@red.test", "publica@red.test", "zyxprivada"]) assert.ok(!page.body.toLowerCase().includes(secret.toLowerCase()), secret);
    assert.ok(!(await anon.get(obs())).body.includes(SEEDED_MEMBER_NAME), "the seeded member's name is not public");
    assert.ok(page.body.includes('href="https://red.example.org/"'));

    // Observers look; members, other towns and visitors do not manage.
    const observer = await as(w.emails.observer);
    assert.equal((await observer.get("/cuauhtemoc/admin/observatorios")).statusCode, 200);
    const observed = await observer.get("/cuauhtemoc/admin/observatorios/red-rendicion");
    assert.ok(observed.body.includes(PUBLIC_NAME) && !observed.body.includes("publica@red.test"), "observers see members by name, never their account");
    assert.equal((await observer.post("/cuauhtemoc/admin/observatorios", { name: "Intento", slug: "intento" })).statusCode, 403);
    assert.equal((await member.get("/cuauhtemoc/admin/observatorios")).statusCode, 403);
    assert.equal((await (await as(w.emails.leonAdmin)).post("/cuauhtemoc/admin/observatorios/red-rendicion/integrantes", { email: w.emails.leonAdmin, role: "integrante" })).statusCode, 403);
    assert.equal((await t.services.db.selectFrom("observatories").select("id").execute()).length, 2);
  });

  it("lets members follow, write, attach files and publish an assessment that appears beside the official progress; drafts are never public", async () => {
    assert.equal((await member.get(panel())).statusCode, 200);
    assert.equal((await member.post(`${panel()}/seguimiento`, { kind: "compromiso", commitmentId: String(w.commitments.obras), follow: "1" })).statusCode, 303);
    assert.equal((await member.post(`${panel()}/seguimiento`, { kind: "servicio", serviceId: String(serviceId), follow: "1" })).statusCode, 303);
    const wrong = await member.post(`${panel()}/seguimiento`, { kind: "compromiso", commitmentId: "999999", follow: "1" });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Elija un compromiso de un plan publicado/);
    assert.equal((await t.services.db.selectFrom("observatory_follows").select("target_kind").execute()).length, 2);

    const blank = await member.get(`${panel()}/informes/nuevo`);
    assert.equal(blank.statusCode, 200);
    assert.match(blank.body, /Veredicto del observatorio/);
    const noVerdict = await member.post(`${panel()}/informes`, report({ verdict: "", body: "corto" }));
    assert.equal(noVerdict.statusCode, 422);
    assert.match(noVerdict.body, /Una valoración lleva el veredicto del observatorio/);
    assert.match(noVerdict.body, /al menos 20 caracteres/);
    assert.equal((await reports()).length, 0);

    const id = await draft(member);
    const [row] = await reports();
    assert.deepEqual({ author: row!.author_user_id, published: row!.published_at, verdict: row!.verdict }, { author: w.observatory.memberId, published: null, verdict: "con_retraso" });
    const editPage = await member.get(`${panel()}/informes/${id}`);
    assert.equal(editPage.statusCode, 200);
    assert.match(editPage.body, /Borrador: solo lo ven las personas integrantes/);
    const up = await postFile(app, member, `${panel()}/informes/${id}/archivos`, { fileTitle: "Solicitud y respuesta" }, { filename: "respuesta.pdf", type: "application/pdf", data: PDF });
    assert.equal(up.statusCode, 303, up.body);
    const refused = await postFile(app, member, `${panel()}/informes/${id}/archivos`, { fileTitle: "Programa" }, { filename: "informe.pdf", type: "application/pdf", data: EXE });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Tipo de archivo no permitido/);
    const photo = await sharp({ create: { width: 12, height: 8, channels: 3, background: "#336699" } }).png().toBuffer();
    assert.equal((await postFile(app, member, `${panel()}/informes/${id}/archivos`, { fileTitle: "Foto de la obra" }, { filename: "obra.png", type: "image/png", data: photo })).statusCode, 303);
    const files = await t.services.db.selectFrom("observatory_report_files").select(["id", "file_type", "file_key"]).orderBy("id").execute();
    assert.deepEqual(files.map((f) => f.file_type), ["pdf", "jpeg"], "the forbidden file left no row; the photo was re-encoded");
    const stored = fs.readdirSync(path.join(t.config.dataDir, "files", "plans", "observatorios", String(w.cuauhtemoc.id), String(id)));
    assert.equal(stored.length, 2, "and no file");

    // A draft: 404 to the public (page and file), absent from the observatory and the commitment pages.
    const anon = new Browser(app);
    const fileUrl = `${obs()}/informes/${id}/archivos/${files[0]!.id}`;
    assert.equal((await anon.get(`${obs()}/informes/${id}`)).statusCode, 404);
    assert.equal((await anon.get(fileUrl)).statusCode, 404);
    assert.equal((await (await as(w.observatory.outsiderEmail)).get(fileUrl)).statusCode, 404);
    assert.equal((await member.get(fileUrl)).statusCode, 200, "members see their drafts' files");
    assert.ok(!(await anon.get(obs())).body.includes("El inventario llegó tarde"));
    assert.ok(!(await publicCommitmentHtml(app, t.services, w.cuauhtemoc, w.plan.slug, 1)).body.includes("El inventario llegó tarde"));

    assert.equal((await member.post(`${panel()}/informes/${id}/publicar`)).statusCode, 303);
    const pub = await anon.get(`${obs()}/informes/${id}`);
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /<h1>El inventario llegó tarde<\/h1>/);
    assert.match(pub.body, /Veredicto del observatorio<\/dt><dd>Con retraso<\/dd>/);
    assert.ok(pub.body.includes('href="https://datos.example.org/obras.csv"'));
    const download = await anon.get(fileUrl);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers["content-type"], "application/pdf");
    assert.equal(download.rawPayload.subarray(0, 5).toString(), "%PDF-");

    const commitmentPage = await publicCommitmentHtml(app, t.services, w.cuauhtemoc, w.plan.slug, 1);
    assert.equal(commitmentPage.status, 200);
    const section = commitmentPage.body.slice(commitmentPage.body.indexOf('id="observatorios-dicen"'));
    assert.match(section, /Lo que dicen los observatorios<\/h2>/);
    assert.match(section, /El avance oficial, calculado con los hitos, es 0 %/);
    assert.ok(section.includes(`href="${obs()}/informes/${id}"`));
    assert.match(section, /Observatorio Ciudadano de Cuauhtémoc[\s\S]*Con retraso/);
    assert.ok(section.includes("El inventario de obras se publicó tarde"));

    const observatoryPage = (await anon.get(obs())).body;
    assert.ok(observatoryPage.includes(`href="/cuauhtemoc/planes/${w.plan.slug}/compromisos/1"`), "the followed commitment, linked");
    assert.ok(observatoryPage.includes((await listServices(t.services.db, w.cuauhtemoc.id))[0]!.name));
    assert.match(observatoryPage, /El inventario llegó tarde/);
    for (const html of [observatoryPage, pub.body, commitmentPage.body]) {
      for (const secret of [w.observatory.memberEmail, SEEDED_MEMBER_NAME]) assert.ok(!html.includes(secret), secret);
    }
  });

  it("paginates the observatories' reports on a commitment page with ?informes=", async () => {
    await t.services.db.transaction().execute(async (trx) => {
      const actor = { kind: "user" as const, userId: w.observatory.memberId, email: w.observatory.memberEmail, displayName: "integrante", emailVerified: true, platformRole: null, oversees: [], memberships: [] };
      for (let i = 1; i <= 6; i++) {
        const id = await saveReport(trx, w.cuauhtemoc.id, actor, w.observatory.id, { kind: "valoracion", commitmentId: w.commitments.obras, serviceId: null, title: `Valoración número ${i}`, body: BODY, verdict: "avanza", dataUrl: null });
        await publishReport(trx, w.cuauhtemoc.id, actor, id);
      }
    });
    const first = await publicCommitmentHtml(app, t.services, w.cuauhtemoc, w.plan.slug, 1);
    assert.equal((first.body.match(/Valoración número \d/g) ?? []).length, 5);
    assert.match(first.body, /Mostrando 1–5 de 6/);
    const second = await publicCommitmentHtml(app, t.services, w.cuauhtemoc, w.plan.slug, 1, { informes: "2" });
    assert.equal((second.body.match(/Valoración número \d/g) ?? []).length, 1);
  });

  it("lets only a report's author edit it: other members and outsiders get 403, non-members cannot publish", async () => {
    const other = await makeUser(t.services.db, "otra@observatorio.test");
    await t.services.db.transaction().execute((trx) => addObservatoryMember(trx, w.cuauhtemoc.id, { kind: "anonymous" }, w.observatory.id, { email: "otra@observatorio.test", role: "integrante", publicName: "Otra integrante", namePublic: false }));
    assert.ok(other > 0);
    const id = await draft(member);
    const edit = `${panel()}/informes/${id}`;
    const colleague = await as("otra@observatorio.test");
    assert.equal((await colleague.get(panel())).statusCode, 200, "a colleague sees the panel");
    assert.equal((await colleague.get(edit)).statusCode, 403);
    assert.equal((await colleague.post(edit, report({ title: "Cambiado por otra persona" }))).statusCode, 403);
    assert.equal((await colleague.post(`${edit}/publicar`)).statusCode, 403);
    assert.equal((await postFile(app, colleague, `${edit}/archivos`, { fileTitle: "Ajeno" }, { filename: "a.pdf", type: "application/pdf", data: PDF })).statusCode, 403);

    const outsider = await as(w.observatory.outsiderEmail);
    assert.equal((await outsider.get(panel())).statusCode, 403);
    assert.equal((await outsider.post(`${panel()}/informes`, report())).statusCode, 403);
    assert.equal((await outsider.post(`${edit}/publicar`)).statusCode, 403);
    assert.equal((await outsider.get(`${panel()}/informes/999999`)).statusCode, 403, "no hint whether a draft exists");
    assert.equal((await outsider.post(`${panel()}/seguimiento`, { kind: "compromiso", commitmentId: String(w.commitments.obras), follow: "1" })).statusCode, 403);
    const admin = await as(w.emails.admin);
    assert.equal((await admin.post(`${edit}/publicar`)).statusCode, 403, "staff do not publish for an observatory");
    const anon = new Browser(app);
    assert.equal((await anon.get(panel())).statusCode, 302);
    assert.equal((await anon.post(`${edit}/publicar`)).statusCode, 401);
    assert.equal((await member.get(`${panel()}/informes/999999`)).statusCode, 404);

    let [row] = await reports();
    assert.deepEqual([row!.title, row!.published_at], ["El inventario llegó tarde", null]);
    assert.equal((await t.services.db.selectFrom("observatory_report_files").select("id").execute()).length, 0);
    assert.equal((await t.services.db.selectFrom("observatory_follows").select("target_id").execute()).length, 0);

    assert.equal((await member.post(edit, report({ title: "El inventario llegó muy tarde" }))).statusCode, 303);
    [row] = await reports();
    assert.equal(row!.title, "El inventario llegó muy tarde");
    // Once no longer a member, the author cannot edit either.
    await team.post(`/cuauhtemoc/admin/observatorios/${w.observatory.slug}/integrantes/${w.observatory.memberId}/quitar`);
    assert.equal((await member.post(edit, report({ title: "Editado tras salir" }))).statusCode, 403);
    assert.equal((await reports())[0]!.title, "El inventario llegó muy tarde");
  });
});
