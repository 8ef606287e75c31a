import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { createTestContext, Browser, type TestContext } from "../../platform/testing.js";
import { readOutbox } from "../../platform/mail.js";
import { anonymous } from "../../platform/policy.js";
import { addDays } from "../../platform/calendar/dates.js";
import { createProcess, todayIn } from "./processes.js";
import { addMember } from "./team.js";
import { currentParticipant, participationGate } from "./participants.js";
import { registerProcessAdminLink, registerProcessSection, registerInputSource } from "./sections.js";
import { CURPS, guestParticipant, login, seedParticipationWorld, verifiedParticipant, type ParticipationWorld } from "./test-support.js";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

function multipart(fields: Record<string, string>, file?: { name: string; filename: string; data: Buffer }) {
  const boundary = "----cabildo" + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(file.data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe("participation pages", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ParticipationWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
    // A component module's hooks, as proposals would register them.
    registerProcessSection({ id: "test-section", order: 10, render: async (_ctx, args) => <section aria-labelledby="prueba"><h2 id="prueba">Sección de prueba de {args.process.title}</h2></section> });
    registerProcessAdminLink({ id: "test-link", order: 10, label: () => "Propuestas (prueba)", href: (m, p) => `/${m}/admin/participa/${p}/propuestas` });
    registerInputSource({ id: "test-source", count: async () => ({ total: 7, answered: 3 }) });
    app.get("/:slug/participa/:process/prueba-apoyo", async (request, reply) => {
      const { publicProcessOr404 } = await import("./processes.js");
      const { process } = await publicProcessOr404(request, t.services);
      const p = await participationGate(request, reply, t.services, process, "support");
      if (!p) return reply;
      return { participant: p.id };
    });
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedParticipationWorld(t.services);
  });
  after(async () => t.close());

  it("lists published processes, shows where one stands with its rules, and 404s drafts to the public", async () => {
    const today = todayIn(w.cuauhtemoc.timeZone);
    await addMember(t.services.db, w.cuauhtemoc.id, anonymous, w.process.id, { name: "Mtra. Laura Ejemplo Ficticia", organisation: "Colectivo Ciudad Abierta (ficticio)", sector: "sociedad_civil", role: "Integrante del secretariado técnico" });
    await createProcess(t.services.db, w.cuauhtemoc.id, anonymous, { slug: "borrador", title: "Proceso en borrador", phases: [{ title: "Etapa", startsOn: today, endsOn: addDays(today, 5), components: [] }] });
    const b = new Browser(app);
    const list = await b.get("/cuauhtemoc/participa");
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Plan de Acción Local de Gobierno Abierto/);
    assert.doesNotMatch(list.body, /Proceso en borrador/);
    assert.match(list.body, /Etapa actual: Participación abierta/);
    const page = await b.get("/cuauhtemoc/participa/plan-de-accion");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /aria-current="step"/);
    assert.match(page.body, /Participación abierta — Etapa en curso/);
    assert.match(page.body, /Para apoyar propuestas necesitas una cuenta con correo verificado/);
    assert.match(page.body, /Para comentar basta con confirmar tu correo electrónico/);
    assert.match(page.body, /Para votar el presupuesto participativo necesitas verificar tu identidad con tu CURP/);
    assert.match(page.body, /Mtra. Laura Ejemplo Ficticia/);
    assert.match(page.body, /Sociedad civil organizada/);
    assert.match(page.body, /Sección de prueba de Plan de Acción/);
    assert.match(page.body, /3 de 7 aportaciones tienen respuesta pública/);
    assert.equal((await b.get("/cuauhtemoc/participa/borrador")).statusCode, 404);
    assert.equal((await b.get("/leon/participa/plan-de-accion")).statusCode, 404);
    assert.equal((await b.get("/cuauhtemoc/participa/no-existe")).statusCode, 404);
    // The participation team sees its draft, with a notice.
    await login(b, w.team.email);
    const draft = await b.get("/cuauhtemoc/participa/borrador");
    assert.equal(draft.statusCode, 200);
    assert.match(draft.body, /es un borrador/);
  });

  it("identifies a one-time participant by e-mail end to end and returns to the page", async () => {
    const b = new Browser(app);
    const gate = await b.get("/cuauhtemoc/participa/plan-de-accion/prueba-apoyo");
    // Supporting needs an account: redirected to the identification page naming the action and the way back.
    assert.equal(gate.statusCode, 303);
    assert.equal(gate.headers.location, "/cuauhtemoc/participa/plan-de-accion/identificate?accion=support&volver=%2Fcuauhtemoc%2Fparticipa%2Fplan-de-accion%2Fprueba-apoyo");
    const json = await b.get("/cuauhtemoc/participa/plan-de-accion/prueba-apoyo", { accept: "application/json" });
    assert.equal(json.statusCode, 403);
    assert.equal(json.json().requiredLevel, "account");
    const explain = await b.get(gate.headers.location as string);
    assert.match(explain.body, /Entrar o crear una cuenta/);

    const volver = "/cuauhtemoc/participa/plan-de-accion";
    const identify = `/cuauhtemoc/participa/plan-de-accion/identificate?accion=comment&volver=${encodeURIComponent(volver)}`;
    const page = await b.get(identify);
    assert.match(page.body, /Confirma tu correo \(sin crear cuenta\)/);
    const bad = await b.post(`/cuauhtemoc/participa/plan-de-accion/identificate/correo?accion=comment&volver=${encodeURIComponent(volver)}`, { email: "no-es-correo" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /no es válido/);
    const sent = await b.post(`/cuauhtemoc/participa/plan-de-accion/identificate/correo?accion=comment&volver=${encodeURIComponent(volver)}`, { email: "Vecina.Roma@Correo.test" });
    assert.equal(sent.statusCode, 200);
    assert.match(sent.body, /Te enviamos un enlace/);
    const mail = readOutbox(t.services.mailer.outboxDir!).find((m) => m.to === "vecina.roma@correo.test");
    assert.ok(mail);
    const link = mail.text.match(/https?:\/\/\S+(\/cuauhtemoc\/participa\/confirmar\/\S+)/)![1]!;
    const confirmed = await b.get(link);
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, volver);
    const cookie = (confirmed.cookies as { name: string; path?: string; httpOnly?: boolean; sameSite?: string }[]).find((c) => c.name === "cabildo_participante")!;
    assert.equal(cookie.path, "/cuauhtemoc/");
    assert.equal(cookie.httpOnly, true);
    const after = await b.get(identify);
    assert.match(after.body, /Ya estás identificado/);
    // Single use.
    const again = await b.get(link);
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /ya se usó/);
    const rows = await t.services.db.selectFrom("participants").selectAll().where("email", "=", "vecina.roma@correo.test").execute();
    assert.equal(rows.length, 1);
    assert.ok(rows[0]!.email_confirmed_at);
    // Nothing public shows the e-mail.
    for (const url of ["/cuauhtemoc/participa", volver, identify]) assert.doesNotMatch((await b.get(url)).body, /vecina\.roma/i, url);
  });

  it("rejects open redirects in volver", async () => {
    const b = new Browser(app);
    for (const evil of ["https://malo.example/robar", "//malo.example", "/\\malo.example", "javascript:alert(1)"]) {
      const res = await b.post(`/cuauhtemoc/participa/plan-de-accion/identificate/correo?accion=comment&volver=${encodeURIComponent(evil)}`, { email: "a@correo.test" });
      assert.equal(res.statusCode, 200);
      const mail = readOutbox(t.services.mailer.outboxDir!).at(-1)!;
      const link = mail.text.match(/https?:\/\/\S+(\/cuauhtemoc\/participa\/confirmar\/\S+)/)![1]!;
      assert.ok(!link.includes("malo.example"), link);
      const token = link.match(/confirmar\/([^?]+)/)![1];
      const res2 = await b.get(`/cuauhtemoc/participa/confirmar/${token}?volver=${encodeURIComponent(evil)}`);
      assert.equal(res2.statusCode, 303);
      assert.equal(res2.headers.location, "/cuauhtemoc/participa");
    }
  });

  it("verifies a CURP online, never shows it back, and counts an in-person person once", async () => {
    const guest = await guestParticipant(t.services, w.cuauhtemoc, "curp@correo.test");
    const b = new Browser(app);
    b.cookies.set("cabildo_participante", guest.cookie.split("=")[1]!);
    const base = `/cuauhtemoc/participa/plan-de-accion/identificate`;
    const q = `accion=budget_vote&volver=${encodeURIComponent("/cuauhtemoc/participa/plan-de-accion")}`;
    assert.match((await b.get(`${base}?${q}`)).body, /Verifica tu identidad con tu CURP/);
    const wrong = await b.post(`${base}/curp?${q}`, { curp: "BEML920313HMCLNS08" });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /dígito verificador/);
    assert.doesNotMatch(wrong.body, /BEML920313HMCLNS08/);
    const ok = await b.post(`${base}/curp?${q}`, { curp: CURPS.carla.toLowerCase() });
    assert.equal(ok.statusCode, 303);
    assert.match((await b.get(`${base}?${q}`)).body, /Ya estás identificado/);
    // Another browser's person with the same CURP is refused.
    const other = await guestParticipant(t.services, w.cuauhtemoc, "otro@correo.test");
    const b2 = new Browser(app);
    b2.cookies.set("cabildo_participante", other.cookie.split("=")[1]!);
    const dup = await b2.post(`${base}/curp?${q}`, { curp: CURPS.carla });
    assert.equal(dup.statusCode, 422);
    assert.match(dup.body, /Esta CURP ya está registrada/);
    // Anonymous without e-mail first: told to identify first.
    const b3 = new Browser(app);
    const first = await b3.post(`${base}/curp?${q}`, { curp: CURPS.beto });
    assert.equal(first.statusCode, 422);
    const all = JSON.stringify(await t.services.db.selectFrom("participants").selectAll().execute());
    assert.ok(!all.includes(CURPS.carla) && !all.includes(CURPS.beto));
  });

  it("does not recognise a guest cookie of one municipality in another", async () => {
    const guest = await guestParticipant(t.services, w.cuauhtemoc, "viajera@correo.test");
    const token = guest.cookie.split("=")[1]!;
    const fake = (slug: string) => ({ actor: anonymous, cookies: { cabildo_participante: token }, params: { slug } }) as never;
    assert.equal((await currentParticipant(fake("cuauhtemoc"), t.services, w.cuauhtemoc.id))?.id, guest.participant.id);
    assert.equal(await currentParticipant(fake("leon"), t.services, w.leon.id), null);
    // Even sent to León's pages, the cookie is no participant there.
    const leonProcess = await createProcess(t.services.db, w.leon.id, anonymous, { slug: "presupuesto", title: "Presupuesto participativo León", status: "published", phases: [{ title: "Votación", startsOn: addDays(todayIn(w.leon.timeZone), -1), endsOn: addDays(todayIn(w.leon.timeZone), 1), components: ["comments"] }] });
    const b = new Browser(app);
    b.cookies.set("cabildo_participante", token);
    const res = await b.get(`/leon/participa/${leonProcess.slug}/identificate?accion=comment&volver=/leon/participa`);
    assert.match(res.body, /Confirma tu correo/);
    assert.doesNotMatch(res.body, /Ya estás identificado/);
  });

  it("lets a signed-in account support, linking its participant to the account", async () => {
    const b = new Browser(app);
    await login(b, w.emails.observer);
    const res = await b.get("/cuauhtemoc/participa/plan-de-accion/prueba-apoyo");
    const row = await t.services.db.selectFrom("participants").selectAll().where("user_id", "=", w.users.observer).executeTakeFirst();
    assert.ok(row, "the account participant is created on first use");
    assert.equal(row.kind, "account");
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().participant, row.id);
    // Budget votes need a verified identity: the account is sent to the CURP form.
    await t.services.db.insertInto("process_participation_rules").values({ municipality_id: w.cuauhtemoc.id, process_id: w.process.id, action: "support", level: "identity" }).execute();
    const again = await b.get("/cuauhtemoc/participa/plan-de-accion/prueba-apoyo");
    assert.equal(again.statusCode, 303);
    const form = await b.get(again.headers.location as string);
    assert.match(form.body, /Verifica tu identidad con tu CURP/);
    const verified = await b.post(`/cuauhtemoc/participa/plan-de-accion/identificate/curp?accion=support&volver=${encodeURIComponent("/cuauhtemoc/participa/plan-de-accion/prueba-apoyo")}`, { curp: CURPS.beto });
    assert.equal(verified.statusCode, 303);
    assert.equal(verified.headers.location, "/cuauhtemoc/participa/plan-de-accion/prueba-apoyo");
    assert.equal((await b.get("/cuauhtemoc/participa/plan-de-accion/prueba-apoyo")).json().participant, row.id);
  });

  it("lets the participation team create a process, add phases (no overlaps), team, documents and rules", async () => {
    const b = new Browser(app);
    assert.equal((await b.get("/cuauhtemoc/admin/participa")).statusCode, 302);
    await login(b, w.emails.servicios);
    assert.equal((await b.get("/cuauhtemoc/admin/participa")).statusCode, 403);
    const team = new Browser(app);
    await login(team, w.team.email);
    assert.equal((await team.get("/leon/admin/participa")).statusCode, 403);
    const list = await team.get("/cuauhtemoc/admin/participa");
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Plan de Acción Local/);
    assert.match((await team.get("/cuauhtemoc/participa")).body, /href="\/cuauhtemoc\/admin\/participa"/);

    const bad = await team.post("/cuauhtemoc/admin/participa/nuevo", { slug: "Con Espacios", title: "x" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /minúsculas sin acentos/);
    const created = await team.post("/cuauhtemoc/admin/participa/nuevo", { slug: "presupuesto-2027", title: "Presupuesto participativo 2027", summary: "Resumen <script>alert(1)</script>" });
    assert.equal(created.statusCode, 303);
    const base = "/cuauhtemoc/admin/participa/presupuesto-2027";
    assert.equal(created.headers.location, base);
    const noPhase = await team.post(`${base}/estado`, { status: "published" });
    assert.equal(noPhase.statusCode, 422);
    assert.match(noPhase.body, /al menos una etapa/);
    assert.equal((await team.post(`${base}/etapas`, { title: "Propuestas", startsOn: "2027-01-10", endsOn: "2027-02-10", components: ["proposals", "comments"] })).statusCode, 303);
    const overlap = await team.post(`${base}/etapas`, { title: "Votación", startsOn: "2027-02-01", endsOn: "2027-02-20", components: "budgeting" });
    assert.equal(overlap.statusCode, 422);
    assert.match(overlap.body, /se traslapan con la etapa «Propuestas»/);
    assert.equal((await team.post(`${base}/etapas`, { title: "Votación", startsOn: "2027-02-11", endsOn: "2027-02-20", components: "budgeting" })).statusCode, 303);
    assert.equal((await team.post(`${base}/equipo`, { name: "Ing. Tomás Ficticio", organisation: "Dirección de Participación Ciudadana", sector: "gobierno", role: "Enlace" })).statusCode, 303);
    assert.equal((await team.post(`${base}/equipo`, { name: "X", sector: "otro" })).statusCode, 422);
    assert.equal((await team.post(`${base}/reglas`, { comment: "account", budget_vote: "identity" })).statusCode, 303);
    assert.equal((await team.post(`${base}/reglas`, { comment: "todos" })).statusCode, 422);
    assert.equal((await team.post(`${base}/estado`, { status: "published" })).statusCode, 303);

    // Documents: a PDF is stored; an HTML file named .pdf is refused and nothing is stored.
    const upload = async (title: string, data: Buffer, filename: string) => {
      const form = multipart({ _csrf: team.csrf, documentTitle: title }, { name: "file", filename, data });
      return app.inject({ method: "POST", url: `${base}/documentos`, payload: form.payload, headers: { "content-type": form.contentType, cookie: team.cookieHeader } });
    };
    assert.equal((await upload("Convocatoria", PDF, "convocatoria.pdf")).statusCode, 303);
    const evil = await upload("Falso", Buffer.from("<html><script>alert(1)</script></html>"), "falso.pdf");
    assert.equal(evil.statusCode, 422);
    assert.match(evil.body, /Tipo de archivo no permitido/);
    const docs = await t.services.db.selectFrom("process_documents").selectAll().execute();
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.file_type, "pdf");

    const admin = await team.get(base);
    assert.match(admin.body, /Propuestas \(prueba\)/);
    const pub = await new Browser(app).get("/cuauhtemoc/participa/presupuesto-2027");
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /Ing. Tomás Ficticio/);
    assert.match(pub.body, /Para comentar necesitas una cuenta/);
    assert.doesNotMatch(pub.body, /<script>alert/);
    assert.match(pub.body, /&lt;script>|&lt;script&gt;/);
    const download = await new Browser(app).get(`/cuauhtemoc/participa/presupuesto-2027/documentos/${docs[0]!.id}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers["content-type"], "application/pdf");
    assert.ok(download.rawPayload.equals(PDF));
    assert.equal((await new Browser(app).get(`/leon/participa/presupuesto-2027/documentos/${docs[0]!.id}`)).statusCode, 404);
    const audit = await t.services.db.selectFrom("audit_log").select("action").where("action", "like", "participation.%").execute();
    for (const action of ["participation.process.create", "participation.phase.add", "participation.member.add", "participation.rules.update", "participation.process.status", "participation.document.add"]) {
      assert.ok(audit.some((a) => a.action === action), action);
    }
  });

  it("keeps participants' e-mails and CURPs out of every public page", async () => {
    const v = await verifiedParticipant(t.services, w.cuauhtemoc, CURPS.ana);
    const b = new Browser(app);
    b.cookies.set("cabildo_participante", v.cookie.split("=")[1]!);
    for (const url of ["/cuauhtemoc/participa", "/cuauhtemoc/participa/plan-de-accion", "/cuauhtemoc/participa/plan-de-accion/identificate?accion=budget_vote&volver=/cuauhtemoc"]) {
      const res = await b.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /verificada\.|@correo\.test/i, url);
      assert.doesNotMatch(res.body, new RegExp(CURPS.ana, "i"), url);
    }
  });
});
