import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { addDays } from "../../platform/calendar/dates.js";
import { anonymous } from "../../platform/policy.js";
import { createProcess, todayIn } from "../participation/processes.js";
import { login, seedParticipationWorld, type ParticipationWorld } from "../participation/test-support.js";
import { makeUser } from "../accounts/test-support.js";

const PRIVATE_NAME = "Rosaura Quintanilla Ybarra";
const PUBLIC_NAME = "Mtro. Evaristo Luna Prado";

describe("roundtables", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ParticipationWorld;
  let team: Browser;
  let today: string;
  const pub = () => `/cuauhtemoc/participa/${w.process.slug}/mesas`;
  const admin = () => `/cuauhtemoc/admin/participa/${w.process.slug}/mesas`;

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedParticipationWorld(t.services);
    team = new Browser(app);
    await login(team, w.team.email);
    today = todayIn(w.cuauhtemoc.timeZone);
  });

  async function createRoundtable(name: string): Promise<number> {
    const res = await team.post(admin(), { name, topic: "Seguridad en colonias", description: "Mesa de prueba" });
    assert.equal(res.statusCode, 303, res.body);
    return Number(/mesas\/(\d+)$/.exec(res.headers.location as string)![1]);
  }

  async function addMember(roundtable: number, form: Record<string, string>): Promise<number> {
    const res = await team.post(`${admin()}/${roundtable}/miembros`, form);
    assert.equal(res.statusCode, 303, res.body);
    const row = await t.services.db.selectFrom("roundtable_members").select("id").where("organisation", "=", form.organisation!).executeTakeFirstOrThrow();
    return row.id;
  }

  async function createSession(roundtable: number, date: string, extra: Record<string, string> = {}): Promise<number> {
    const res = await team.post(`${admin()}/${roundtable}/sesiones`, { date, startTime: "10:00", endTime: "12:30", place: "Sala de Cabildo", agenda: "Bienvenida\nDiagnóstico de colonias\nAcuerdos", ...extra });
    assert.equal(res.statusCode, 303, res.body);
    return Number(/sesiones\/(\d+)$/.exec(res.headers.location as string)![1]);
  }

  it("lets the participation team run a roundtable: members by sector, sessions, attendance, minutes and files", async () => {
    const id = await createRoundtable("Mesa de seguridad <script>alert(1)</script>");
    const coord = await addMember(id, { organisation: "Consejo Ciudadano de Seguridad", sector: "sociedad_civil", representativeRole: "Presidenta", representativeName: PRIVATE_NAME, coordinator: "1" });
    const uni = await addMember(id, { organisation: "Universidad de Guanajuato", sector: "academia", representativeRole: "Investigador", representativeName: PUBLIC_NAME, namePublic: "1" });
    await addMember(id, { organisation: "Cámara de Comercio", sector: "empresarial" });
    // The same organisation twice is refused, with a Spanish message, and nothing changes.
    const dup = await team.post(`${admin()}/${id}/miembros`, { organisation: "cámara de comercio", sector: "empresarial" });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /ya es integrante/);
    const past = await createSession(id, addDays(today, -7));
    const upcoming = await createSession(id, addDays(today, 7), { onlineUrl: "https://meet.example.org/mesa" });
    assert.equal((await team.post(`${admin()}/${id}/sesiones/${past}/asistencia`, { present: [String(coord), String(uni)] })).statusCode, 303);
    // Minutes saved as a draft: staff see them, the public does not.
    assert.equal((await team.post(`${admin()}/${id}/sesiones/${past}/acta`, { minutes: "Se acordó mapear las colonias con más incidencia." })).statusCode, 303);
    const anon = new Browser(app);
    let page = await anon.get(`${pub()}/${id}/sesiones/${past}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes("mapear las colonias"));
    assert.match(page.body, /aún no se publica/);
    assert.match((await team.get(`${admin()}/${id}/sesiones/${past}`)).body, /mapear las colonias/);
    assert.equal((await team.post(`${admin()}/${id}/sesiones/${past}/acta`, { minutes: "Se acordó mapear las colonias con más incidencia.", publish: "1" })).statusCode, 303);
    page = await anon.get(`${pub()}/${id}/sesiones/${past}`);
    assert.match(page.body, /mapear las colonias/);
    assert.match(page.body, /Asistieron 2 de 3 organizaciones/);
    assert.match(page.body, /<ol><li>Bienvenida<\/li><li>Diagnóstico de colonias<\/li><li>Acuerdos<\/li><\/ol>/);

    const rt = await anon.get(`${pub()}/${id}`);
    assert.equal(rt.statusCode, 200);
    // HTML in a name is shown as text, never run.
    assert.ok(!rt.body.includes("<script>alert(1)</script>"));
    assert.match(rt.body, /Mesa de seguridad &lt;script>alert\(1\)&lt;\/script>/);
    assert.match(rt.body, /<h3>Sociedad civil<\/h3>/);
    assert.match(rt.body, /<h3>Academia<\/h3>/);
    assert.match(rt.body, /Consejo Ciudadano de Seguridad<\/strong> \(coordina\)/);
    // A representative's name only when staff marked it public.
    assert.ok(rt.body.includes(PUBLIC_NAME));
    assert.ok(!rt.body.includes(PRIVATE_NAME));
    assert.match(rt.body, /Próximas sesiones[\s\S]*meet\.example\.org[\s\S]*Sesiones anteriores/);
    assert.equal(upcoming > past, true);

    // The process page shows the roundtables section.
    const processPage = await anon.get(`/cuauhtemoc/participa/${w.process.slug}`);
    assert.equal(processPage.statusCode, 200);
    assert.match(processPage.body, /<h2 id="mesas-de-trabajo">Mesas de trabajo<\/h2>[\s\S]*Mesa de seguridad[\s\S]*Consejo Ciudadano de Seguridad/);
    assert.ok(!processPage.body.includes(PRIVATE_NAME));
    // The process's staff page links to the roundtables' administration.
    const staffProcess = await team.get(`/cuauhtemoc/admin/participa/${w.process.slug}`);
    if (staffProcess.statusCode === 200) assert.ok(staffProcess.body.includes(`href="${admin()}"`));

    // A PDF and a photo; an executable disguised as a PDF is refused by its bytes.
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const up = await postFile(team, `${admin()}/${id}/sesiones/${past}/archivos`, { title: "Lista de asistencia" }, { filename: "lista.pdf", type: "application/pdf", data: pdf });
    assert.equal(up.statusCode, 303, up.body);
    const bad = await postFile(team, `${admin()}/${id}/sesiones/${past}/archivos`, { title: "Virus" }, { filename: "virus.pdf", type: "application/pdf", data: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0xff, 0xfe]) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Tipo de archivo no permitido/);
    const file = await t.services.db.selectFrom("roundtable_session_files").select(["id", "file_type"]).executeTakeFirstOrThrow();
    assert.equal(file.file_type, "pdf");
    const download = await anon.get(`${pub()}/${id}/sesiones/${past}/archivos/${file.id}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers["content-type"], "application/pdf");
    assert.equal(download.rawPayload.subarray(0, 5).toString(), "%PDF-");
    // Removing it: gone from the page and from storage.
    assert.equal((await team.post(`${admin()}/${id}/sesiones/${past}/archivos/${file.id}/eliminar`)).statusCode, 303);
    assert.equal((await anon.get(`${pub()}/${id}/sesiones/${past}/archivos/${file.id}`)).statusCode, 404);
  });

  it("validates session forms in Spanish and stores nothing on bad input", async () => {
    const id = await createRoundtable("Mesa de servicios");
    const res = await team.post(`${admin()}/${id}/sesiones`, { date: "2026-02-30", startTime: "25:00", endTime: "10:00", place: "", onlineUrl: "javascript:alert(1)", agenda: "" });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /La fecha no es válida/);
    assert.match(res.body, /La hora de inicio no es válida/);
    assert.match(res.body, /debe empezar con https/);
    const late = await team.post(`${admin()}/${id}/sesiones`, { date: today, startTime: "12:00", endTime: "11:00", place: "Sala" });
    assert.equal(late.statusCode, 422);
    assert.match(late.body, /posterior a la de inicio/);
    const long = await team.post(admin(), { name: "x".repeat(161) });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /demasiado largo/);
    assert.equal((await t.services.db.selectFrom("roundtable_sessions").select("id").execute()).length, 0);
    assert.equal((await t.services.db.selectFrom("roundtables").select("id").execute()).length, 1);
  });

  it("numbers agreements per roundtable, keeps their status history, and requires a reason to discard", async () => {
    const a = await createRoundtable("Mesa A");
    const b = await createRoundtable("Mesa B");
    for (const [rt, text] of [[a, "Primero de A"], [a, "Segundo de A"], [b, "Primero de B"], [a, "Tercero de A"]] as const) {
      const res = await team.post(`${admin()}/${rt}/acuerdos`, { text });
      assert.equal(res.statusCode, 303, res.body);
    }
    const rows = await t.services.db.selectFrom("roundtable_agreements").select(["roundtable_id", "number", "text", "id"]).orderBy("id").execute();
    assert.deepEqual(rows.map((r) => [r.roundtable_id, r.number, r.text]), [[a, 1, "Primero de A"], [a, 2, "Segundo de A"], [b, 1, "Primero de B"], [a, 3, "Tercero de A"]]);
    const first = rows[0]!.id;
    const discard = await team.post(`${admin()}/${a}/acuerdos/${first}/estado`, { status: "descartado", reason: "" });
    assert.equal(discard.statusCode, 422);
    assert.match(discard.body, /Explique por qué se descarta/);
    assert.equal((await team.post(`${admin()}/${a}/acuerdos/${first}/estado`, { status: "en_curso" })).statusCode, 303);
    assert.equal((await team.post(`${admin()}/${a}/acuerdos/${first}/estado`, { status: "descartado", reason: "Lo atiende otra dependencia." })).statusCode, 303);
    const page = await new Browser(app).get(`${pub()}/${a}/acuerdos/${first}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Descartado/);
    assert.match(page.body, /Lo atiende otra dependencia/);
    assert.match(page.body, /Cambió de «Pendiente» a «En curso»/);
    assert.match(page.body, /Cambió de «En curso» a «Descartado»/);
    assert.ok(!page.body.includes(w.team.email));
  });

  it("flags overdue agreements by business days and filters them", async () => {
    const id = await createRoundtable("Mesa de seguimiento");
    // Yesterday-and-before due dates computed against the municipality's real calendar.
    const longAgo = addDays(today, -20);
    await team.post(`${admin()}/${id}/acuerdos`, { text: "Vencido hace semanas", dueOn: longAgo });
    await team.post(`${admin()}/${id}/acuerdos`, { text: "Vence más adelante", dueOn: addDays(today, 30) });
    await team.post(`${admin()}/${id}/acuerdos`, { text: "Cumplido a tiempo", dueOn: longAgo });
    const done = await t.services.db.selectFrom("roundtable_agreements").select("id").where("text", "=", "Cumplido a tiempo").executeTakeFirstOrThrow();
    await team.post(`${admin()}/${id}/acuerdos/${done.id}/estado`, { status: "cumplido" });
    const list = await new Browser(app).get(`${pub()}/acuerdos?vencidos=1`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Vencido hace semanas/);
    assert.match(list.body, /Vencido: \d+ días hábiles de atraso/);
    assert.ok(!list.body.includes("Vence más adelante"));
    assert.ok(!list.body.includes("Cumplido a tiempo"));
    const all = await new Browser(app).get(`${pub()}/acuerdos?estado=cumplido`);
    assert.match(all.body, /Cumplido a tiempo/);
    assert.ok(!all.body.includes("Vencido hace semanas"));
    // Garbage filters are ignored, never an error.
    assert.equal((await new Browser(app).get(`${pub()}/acuerdos?mesa=abc&estado=<x>&sector=zzz&pagina=-3`)).statusCode, 200);
  });

  it("refuses writes to observers, department staff, anonymous visitors and another municipality's staff", async () => {
    const id = await createRoundtable("Mesa protegida");
    const observer = new Browser(app);
    await login(observer, w.emails.observer);
    const staff = new Browser(app);
    await login(staff, w.emails.servicios);
    const leon = new Browser(app);
    await login(leon, w.emails.leonAdmin);
    for (const b of [observer, staff, leon]) {
      assert.equal((await b.post(admin(), { name: "Intrusa" })).statusCode, 403);
      assert.equal((await b.post(`${admin()}/${id}/acuerdos`, { text: "Acuerdo intruso" })).statusCode, 403);
      assert.equal((await b.get(`${admin()}/${id}`)).statusCode, 403);
    }
    const anon = new Browser(app);
    assert.equal((await anon.post(`${admin()}/${id}/acuerdos`, { text: "Acuerdo anónimo" })).statusCode, 401);
    const redirect = await anon.get(`${admin()}/${id}`);
    assert.equal(redirect.statusCode, 302);
    assert.match(redirect.headers.location as string, /^\/entrar\?next=/);
    assert.equal((await t.services.db.selectFrom("roundtable_agreements").select("id").execute()).length, 0);
    assert.equal((await t.services.db.selectFrom("roundtables").select("id").execute()).length, 1);
    // An administrator can.
    const adminB = new Browser(app);
    await login(adminB, w.emails.admin);
    assert.equal((await adminB.post(`${admin()}/${id}/acuerdos`, { text: "Acuerdo del administrador" })).statusCode, 303);
  });

  it("answers 404 across municipalities, processes and draft processes", async () => {
    const id = await createRoundtable("Mesa de Cuauhtémoc");
    const anon = new Browser(app);
    assert.equal((await anon.get(`/leon/participa/${w.process.slug}/mesas/${id}`)).statusCode, 404);
    const leonAdmin = new Browser(app);
    await login(leonAdmin, w.emails.leonAdmin);
    // León's own process with the same slug does not reach Cuauhtémoc's roundtable.
    await createProcess(t.services.db, w.leon.id, anonymous, { slug: w.process.slug, title: "Proceso de León", status: "published", phases: [{ title: "Etapa", startsOn: today, endsOn: addDays(today, 10), components: ["roundtables"] }] });
    assert.equal((await anon.get(`/leon/participa/${w.process.slug}/mesas/${id}`)).statusCode, 404);
    assert.equal((await leonAdmin.get(`/leon/admin/participa/${w.process.slug}/mesas/${id}`)).statusCode, 404);
    assert.equal((await leonAdmin.post(`/leon/admin/participa/${w.process.slug}/mesas/${id}/acuerdos`, { text: "Cruzado" })).statusCode, 404);
    // Another process of the same municipality does not show it either.
    const draft = await createProcess(t.services.db, w.cuauhtemoc.id, anonymous, { slug: "borrador", title: "Proceso en borrador" });
    assert.equal((await anon.get(`/cuauhtemoc/participa/${draft.slug}/mesas/${id}`)).statusCode, 404);
    assert.equal((await anon.get(`/cuauhtemoc/participa/${draft.slug}/mesas`)).statusCode, 404);
    assert.equal((await anon.get(`${pub()}/abc`)).statusCode, 400);
    assert.equal((await anon.get(`${pub()}/999999`)).statusCode, 404);
  });

  it("serves upcoming sessions as a valid iCalendar file", async () => {
    const id = await createRoundtable("Mesa de datos abiertos, transparencia; y más");
    await createSession(id, addDays(today, -3));
    await createSession(id, addDays(today, 5), { title: "Sesión de instalación con un título largo para que la línea se pliegue según el RFC" });
    const res = await new Browser(app).get(`${pub()}/sesiones.ics`);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers["content-type"] as string, /^text\/calendar/);
    const text = res.body;
    assert.ok(!/[^\r]\n/.test(text), "CRLF only");
    for (const line of text.split("\r\n")) assert.ok(Buffer.byteLength(line, "utf8") <= 75, line);
    const unfolded = text.replace(/\r\n /g, "");
    assert.equal(unfolded.match(/BEGIN:VEVENT/g)?.length, 1, "only the upcoming session");
    assert.match(unfolded, /SUMMARY:Mesa de datos abiertos\\, transparencia\\; y más: Sesión de instalación con un título largo/);
    assert.match(unfolded, /DESCRIPTION:Orden del día:\\n1\. Bienvenida\\n2\. Diagnóstico de colonias\\n3\. Acuerdos/);
    assert.match(unfolded, /DTSTART:\d{8}T\d{6}Z/);
    assert.match(unfolded, /LOCATION:Sala de Cabildo/);
  });

  it("publishes agreements as open data without anyone's name", async () => {
    const id = await createRoundtable("Mesa abierta");
    const member = await addMember(id, { organisation: "Colectivo Vecinal", sector: "sociedad_civil", representativeRole: "Vocera", representativeName: PRIVATE_NAME });
    await team.post(`${admin()}/${id}/acuerdos`, { text: "Publicar el mapa de luminarias, \"con comillas\"", responsibleMemberId: String(member), dueOn: addDays(today, -20) });
    const csv = await new Browser(app).get("/cuauhtemoc/datos/acuerdos-mesas.csv");
    assert.equal(csv.statusCode, 200);
    assert.ok(csv.body.startsWith("\uFEFFproceso,proceso_titulo,mesa_id"));
    assert.match(csv.body, /"Publicar el mapa de luminarias, ""con comillas"""/);
    assert.match(csv.body, /Colectivo Vecinal,sociedad_civil/);
    assert.match(csv.body, /,pendiente,,si,\d+,/);
    const json = await new Browser(app).get("/cuauhtemoc/datos/acuerdos-mesas.json");
    const data = JSON.parse(json.body) as Record<string, unknown>[];
    assert.equal(data.length, 1);
    assert.equal(data[0]!.organizacion_responsable, "Colectivo Vecinal");
    assert.equal(data[0]!.vencido, true);
    for (const body of [csv.body, json.body, (await new Browser(app).get(`${pub()}/${id}`)).body, (await new Browser(app).get(`${pub()}/acuerdos`)).body]) {
      assert.ok(!body.includes(PRIVATE_NAME));
      assert.ok(!body.includes(w.team.email));
    }
    // León's export does not contain Cuauhtémoc's agreements.
    assert.deepEqual(JSON.parse((await new Browser(app).get("/leon/datos/acuerdos-mesas.json")).body), []);
    const catalogue = await new Browser(app).get("/cuauhtemoc/datos");
    assert.equal(catalogue.statusCode, 200);
    assert.match(catalogue.body, /Acuerdos de las mesas de trabajo de Cuauhtémoc/);
  });

  it("turns an agreement into a proposal of the process once, and only while the process takes proposals", async () => {
    const id = await createRoundtable("Mesa de propuestas");
    await team.post(`${admin()}/${id}/acuerdos`, { text: "Instalar luminarias en los andadores de la colonia Centro." });
    const agreement = await t.services.db.selectFrom("roundtable_agreements").select("id").executeTakeFirstOrThrow();
    const res = await team.post(`${admin()}/${id}/acuerdos/${agreement.id}/propuesta`, { proposalTitle: "Luminarias en andadores del Centro" });
    assert.equal(res.statusCode, 303, res.body);
    const linked = await t.services.db.selectFrom("roundtable_agreements").select(["proposal_id", "proposal_number"]).where("id", "=", agreement.id).executeTakeFirstOrThrow();
    assert.ok(linked.proposal_id);
    const proposal = await t.services.db.selectFrom("proposals").select(["title", "body", "channel", "number"]).where("id", "=", linked.proposal_id!).executeTakeFirstOrThrow();
    assert.equal(proposal.title, "Luminarias en andadores del Centro");
    assert.equal(proposal.channel, "in_person");
    assert.equal(proposal.number, linked.proposal_number);
    assert.match(proposal.body, /Acuerdo 1 de la mesa de trabajo «Mesa de propuestas»/);
    const page = await new Browser(app).get(`${pub()}/${id}/acuerdos/${agreement.id}`);
    assert.ok(page.body.includes(`href="/cuauhtemoc/participa/${w.process.slug}/propuestas/${proposal.number}"`));
    assert.equal((await new Browser(app).get(`/cuauhtemoc/participa/${w.process.slug}/propuestas/${proposal.number}`)).statusCode, 200);
    // A second time is refused and creates nothing.
    const again = await team.post(`${admin()}/${id}/acuerdos/${agreement.id}/propuesta`, { proposalTitle: "Otra vez" });
    assert.equal(again.statusCode, 409);
    assert.equal((await t.services.db.selectFrom("proposals").select("id").execute()).length, 1);

    // A process whose current phase opens only roundtables takes no proposals.
    const other = await createProcess(t.services.db, w.cuauhtemoc.id, anonymous, { slug: "solo-mesas", title: "Solo mesas", status: "published", phases: [{ title: "Deliberación", startsOn: addDays(today, -1), endsOn: addDays(today, 10), components: ["roundtables"] }] });
    const res2 = await team.post(`/cuauhtemoc/admin/participa/${other.slug}/mesas`, { name: "Mesa sin propuestas" });
    const rt2 = Number(/mesas\/(\d+)$/.exec(res2.headers.location as string)![1]);
    await team.post(`/cuauhtemoc/admin/participa/${other.slug}/mesas/${rt2}/acuerdos`, { text: "Un acuerdo" });
    const a2 = await t.services.db.selectFrom("roundtable_agreements").select("id").where("roundtable_id", "=", rt2).executeTakeFirstOrThrow();
    const closed = await team.post(`/cuauhtemoc/admin/participa/${other.slug}/mesas/${rt2}/acuerdos/${a2.id}/propuesta`, { proposalTitle: "Fuera de etapa" });
    assert.equal(closed.statusCode, 422);
    assert.match(closed.body, /no admite propuestas/);
    assert.equal((await t.services.db.selectFrom("proposals").select("id").execute()).length, 1);
  });

  it("opens the staff pages to every participation-team member", async () => {
    const userEmail = "equipo2@cuauhtemoc.test";
    await makeUser(t.services.db, userEmail, { role: "participation_team", municipalityId: w.cuauhtemoc.id });
    const b = new Browser(app);
    await login(b, userEmail);
    assert.equal((await b.get(admin())).statusCode, 200);
  });
});

async function postFile(browser: Browser, url: string, fields: Record<string, string>, file: { filename: string; type: string; data: Buffer }) {
  if (!browser.cookies.has("cabildo_csrf")) await browser.get("/");
  const boundary = "----mesasprueba" + Math.random().toString(36).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: browser.csrf, ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from("\r\n"));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const app = (browser as unknown as { app: FastifyInstance }).app;
  return app.inject({ method: "POST", url, payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: browser.cookieHeader } });
}
