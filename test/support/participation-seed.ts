/**
 * Co-creation seeded for the personal-data crawl through the real public and staff flows
 * (app.inject with cookies and CSRF): participants identified by an e-mail link and by CURP, a
 * proposal with an EXIF-carrying photo, supports, nested comments, reports, official answers and
 * hiding; a consultation answered online and on paper with an in-person session and its photo; a
 * roundtable with a private representative, draft minutes, a file and an agreement; and, when the
 * prioritisation module is registered, approval, budget and pairwise ballots. Every personal datum
 * carries a marker (see P below) so test/personal-data.test.ts can look for it everywhere.
 */
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { sql } from "kysely";
import { Browser } from "../../src/platform/testing.js";
import { readOutbox } from "../../src/platform/mail.js";
import { anonymous } from "../../src/platform/policy.js";
import type { Services } from "../../src/platform/services.js";
import { addDays } from "../../src/platform/calendar/dates.js";
import { createProcess, todayIn } from "../../src/modules/participation/processes.js";
import { setRules } from "../../src/modules/participation/participation-rules.js";
import { COMPONENTS } from "../../src/modules/participation/tables.js";
import { curpCheckDigit } from "../../src/modules/participation/curp.js";
import { CURPS, login, type ParticipationWorld } from "../../src/modules/participation/test-support.js";
import { getRoutes } from "./crawl.js";

/**
 * A real-format CURP with a correct check digit and "ZYX" as its inner consonants. CURPS.ana is
 * not used: it is the example printed under the CURP field, so it cannot mark a leak.
 */
const ZYX_CURP = ((first17: string) => `${first17}${curpCheckDigit(first17)}`)("PERJ920315HGTZYX0");

/** Markers of co-creation: every one contains "zyx" except the CURPs, which are needles of their own. */
export const P = {
  guestEmail: "zyx.partic7q@ejemplo.mx",
  curpEmail: "zyx.curpmail7q@ejemplo.mx",
  reporterEmail: "zyx.denuncia7q@ejemplo.mx",
  leonEmail: "zyx.leonmail7q@ejemplo.mx",
  proposalExif: "Zyxpexif7Q Fotografa",
  sessionExif: "Zyxsexif7Q Fotografo",
  reportDetails: "Zyxreport7Q lo escribió mi vecino del 3B",
  hiddenComment: "Zyxhidden7Q mi teléfono es el de la tienda",
  representative: "Zyxrepre7Q Representante Privada",
  leonRepresentative: "Zyxleonrep7Q Representante",
  draftMinutes: "Zyxminuta7Q borrador: la presidenta pidió no publicar su domicilio",
  /** CURPs typed online and for an in-person proposal (ZYX), on a paper consultation answer (beto) and on a paper ballot (carla). */
  curps: [ZYX_CURP, CURPS.beto, CURPS.carla] as string[],
};

export const PROCESS_SLUG = "plan-de-accion";
export const LEON_PROCESS_SLUG = "presupuesto-leon";

export interface CocreationSeed {
  /** Route parameter values for the crawl. */
  values: Record<string, string[]>;
  /** Public URLs that must answer 200 to the anonymous visitor (the crawl was not vacuous). */
  mustServe: string[];
  /** Staff pages the observer crawl starts from. */
  staffSeeds: string[];
  prioritisation: boolean;
}

const JPEG = (exif: string) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } }).jpeg().withExif({ IFD0: { Artist: exif, Copyright: exif } }).toBuffer();
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** A browser's multipart form post (text fields and one file), CSRF token included. */
async function postMultipart(app: FastifyInstance, browser: Browser, url: string, fields: Record<string, string>, file: { field: string; filename: string; type: string; data: Buffer }) {
  if (!browser.cookies.has("cabildo_csrf")) await browser.get("/");
  const boundary = "----zyxcocreacion" + Math.random().toString(36).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: browser.csrf, ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from("\r\n"));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({ method: "POST", url, payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: browser.cookieHeader } });
}

/** The public identification flow: the identificate page, the e-mail form, the e-mailed link. */
async function identifyByEmail(app: FastifyInstance, services: Services, slug: string, processSlug: string, email: string): Promise<Browser> {
  const b = new Browser(app);
  const volver = `/${slug}/participa/${processSlug}`;
  const q = `accion=comment&volver=${encodeURIComponent(volver)}`;
  assert.equal((await b.get(`/${slug}/participa/${processSlug}/identificate?${q}`)).statusCode, 200);
  const sent = await b.post(`/${slug}/participa/${processSlug}/identificate/correo?${q}`, { email });
  assert.equal(sent.statusCode, 200, sent.body);
  const mail = readOutbox(services.mailer.outboxDir!).find((m) => m.to === email);
  const link = mail?.text.match(/https?:\/\/\S+(\/[a-z-]+\/participa\/confirmar\/\S+)/)?.[1];
  assert.ok(link, `${email} got the confirmation link`);
  const confirmed = await b.get(link);
  assert.equal(confirmed.statusCode, 303, confirmed.body);
  assert.ok(b.cookies.has("cabildo_participante"), "the confirmed participant carries the participant cookie");
  return b;
}

const ok = (res: { statusCode: number; body: string }, what: string, status = 303) => assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 400)}`);
const lastId = (location: unknown) => Number(String(location).split(/[/#?]/).filter(Boolean).at(-1));

export async function seedCocreation(app: FastifyInstance, services: Services, w: ParticipationWorld): Promise<CocreationSeed> {
  const { db } = services;
  const c = w.cuauhtemoc;
  const today = todayIn(c.timeZone);
  const pub = `/cuauhtemoc/participa/${PROCESS_SLUG}`;
  const adm = `/cuauhtemoc/admin/participa/${PROCESS_SLUG}`;
  assert.equal(w.process.slug, PROCESS_SLUG);

  const team = new Browser(app);
  await login(team, w.team.email);
  // The rules, as the team sets them: anyone with a confirmed e-mail proposes, supports, comments, reports.
  ok(await team.post(`${adm}/reglas`, { propose: "guest", support: "guest", comment: "guest", report: "guest" }), "rules");
  ok(await postMultipart(app, team, `${adm}/documentos`, { documentTitle: "Convocatoria" }, { field: "file", filename: "convocatoria.pdf", type: "application/pdf", data: PDF }), "document");

  // Participants: by the e-mail link, and one who then verifies a CURP.
  const guest = await identifyByEmail(app, services, "cuauhtemoc", PROCESS_SLUG, P.guestEmail);
  const verified = await identifyByEmail(app, services, "cuauhtemoc", PROCESS_SLUG, P.curpEmail);
  const curpQ = `accion=budget_vote&volver=${encodeURIComponent(pub)}`;
  ok(await verified.post(`${pub}/identificate/curp?${curpQ}`, { curp: ZYX_CURP }), "CURP verification");
  const reporter = await identifyByEmail(app, services, "cuauhtemoc", PROCESS_SLUG, P.reporterEmail);

  // A proposal with a photo whose EXIF carries a marker; a support; comments three levels deep.
  const proposalPhoto = await JPEG(P.proposalExif);
  assert.ok(proposalPhoto.toString("latin1").includes("Zyxpexif7Q"));
  const filed = await postMultipart(app, guest, `${pub}/propuestas`, { kind: "propuesta", title: "Luminarias en el parque de la colonia", body: "Instalar luminarias LED en el parque, que está a oscuras por la noche." }, { field: "image", filename: "zyxfoto.jpg", type: "image/jpeg", data: proposalPhoto });
  ok(filed, "proposal");
  const proposal = lastId(filed.headers.location);
  ok(await guest.post(`${pub}/propuestas`, { kind: "idea", title: "Bebederos en el deportivo", body: "Poner bebederos de agua potable en el deportivo de la colonia." }), "second proposal");
  ok(await verified.post(`${pub}/propuestas/${proposal}/apoyo`), "support");
  ok(await verified.post(`${pub}/propuestas/${proposal}/comentarios`, { comment: "Me parece bien, el parque está muy oscuro." }), "comment");
  const commentIds = async () => (await db.selectFrom("proposal_comments").select("id").where("municipality_id", "=", c.id).orderBy("id").execute()).map((r) => r.id);
  const [root] = await commentIds();
  ok(await guest.post(`${pub}/propuestas/${proposal}/comentarios`, { responde_a: String(root), [`respuesta-${root}`]: "Gracias por el apoyo." }), "reply");
  const reply = (await commentIds()).at(-1)!;
  ok(await verified.post(`${pub}/propuestas/${proposal}/comentarios`, { responde_a: String(reply), [`respuesta-${reply}`]: P.hiddenComment }), "nested reply");
  const hidden = (await commentIds()).at(-1)!;
  // A report with a marker in its details (the reporter and the details are never public), decided by hiding.
  ok(await reporter.post(`${pub}/propuestas/${proposal}/reportes`, { comentario: String(hidden), reason: "datos_personales", details: P.reportDetails }), "report");
  ok(await reporter.post(`${pub}/propuestas/${proposal}/reportes`, { reason: "otro", details: P.reportDetails }), "report of the proposal");
  const reports = await db.selectFrom("proposal_reports").select(["id", "comment_id"]).where("municipality_id", "=", c.id).orderBy("id").execute();
  const onComment = reports.find((r) => r.comment_id === hidden)!;
  const onProposal = reports.find((r) => r.comment_id === null)!;
  ok(await team.post(`${adm}/propuestas/moderacion/${onComment.id}/ocultar`, { [`motivo-${onComment.id}`]: "Contiene datos personales" }), "hide");
  ok(await team.post(`${adm}/propuestas/moderacion/${onProposal.id}/descartar`), "dismiss");
  ok(await team.post(`${adm}/propuestas/${proposal}/respuesta`, { status: "aceptada", answer: "Se incluirá en el programa de alumbrado 2026 con presupuesto asignado." }), "official answer");
  // The accepted proposal becomes a draft commitment of the action plan (staff only; the public page names the draft, never people).
  const drafted = await team.post(`${adm}/propuestas/${proposal}/compromiso`, {
    title: "Alumbrado público con datos abiertos por colonia", problem: "Los parques de la colonia están a oscuras por la noche y la gente evita usarlos.",
    status_quo: "El municipio no publica qué luminarias funcionan.", description: "Reparar las luminarias de los parques y publicar cada mes su estado como datos abiertos.",
    how_it_solves: "Con el inventario público, vecinas y vecinos vigilan las reparaciones.", transparency: "1", participation: "1", department: String(w.departments.servicios), scope: "municipio",
  });
  ok(drafted, "draft commitment");
  const draftId = lastId(drafted.headers.location);
  // An in-person proposal with the CURP of the verified person (counted as the same participant).
  ok(await team.post(`${adm}/propuestas`, { kind: "tema", title: "Caminos seguros a la escuela", body: "Recogido en la sesión presencial del mercado.", curp: ZYX_CURP }), "in-person proposal");
  ok(await team.post(`${adm}/propuestas/categorias`, { category: "Alumbrado" }), "category", 303);
  const categories = await db.selectFrom("proposal_categories").select("id").where("municipality_id", "=", c.id).execute();

  // A consultation: built by the team, answered online (with a text answer) and on paper with a CURP.
  const made = await team.post(`${adm}/consultas`, { title: "Prioridades de la colonia", opensOn: addDays(today, -3), closesOn: addDays(today, 10), resultsLive: "1" });
  ok(made, "consultation");
  const consultationPath = String(made.headers.location);
  const consultation = lastId(consultationPath);
  ok(await team.post(`${consultationPath}/preguntas`, { kind: "single", prompt: "¿Qué problema es más urgente?", options: "Alumbrado\nBaches\nAgua", required: "1" }), "question");
  ok(await team.post(`${consultationPath}/preguntas`, { kind: "text", prompt: "¿Qué propone?", maxLength: "300", required: "0" }), "text question");
  ok(await team.post(`${consultationPath}/publicar`), "publish consultation");
  const questions = await db.selectFrom("consultation_questions").select(["id", "kind"]).where("municipality_id", "=", c.id).where("consultation_id", "=", consultation).orderBy("position").execute();
  const single = questions.find((q) => q.kind === "single")!.id;
  const text = questions.find((q) => q.kind === "text")!.id;
  ok(await guest.post(`${pub}/consultas/${consultation}`, { [`q${single}`]: "0", [`q${text}`]: "Más luz en los andadores del parque." }), "online answer");
  ok(await verified.post(`${pub}/consultas/${consultation}`, { [`q${single}`]: "1", [`q${text}`]: "Bachear la avenida principal." }), "online answer (verified)");
  const session = await team.post(`${adm}/sesiones`, {
    title: "Sesión vecinal en el mercado", place: "Mercado de San Juan", heldOn: today, colonia: "", minutes: "Se recogieron opiniones en papel.",
    attendance_gobierno: "2", attendance_sociedad_civil: "3", attendance_empresarial: "1", attendance_academia: "0", attendance_ciudadania: "14",
    attendance_women: "11", attendance_men: "9", attendance_other: "0",
  });
  ok(session, "in-person session");
  const sessionPath = String(session.headers.location);
  const consultationSession = lastId(sessionPath);
  const sessionPhoto = await JPEG(P.sessionExif);
  ok(await postMultipart(app, team, `${sessionPath}/fotos`, { description: "Asistentes en el mercado" }, { field: "photo", filename: "zyxsesion.jpg", type: "image/jpeg", data: sessionPhoto }), "session photo");
  const sessionPhotoId = (await db.selectFrom("consultation_session_photos").select("id").where("municipality_id", "=", c.id).executeTakeFirstOrThrow()).id;
  ok(await team.post(`${consultationPath}/presencial`, { session: String(consultationSession), curp: CURPS.beto, [`q${single}`]: "2", [`q${text}`]: "Agua todos los días." }), "paper answer");

  // A roundtable: a member whose representative's name is private, one public, sessions, draft minutes, a file, an agreement.
  const rt = await team.post(`${adm}/mesas`, { name: "Mesa de seguridad", topic: "Seguridad en colonias", description: "Mesa de trabajo del plan" });
  ok(rt, "roundtable");
  const roundtable = lastId(rt.headers.location);
  ok(await team.post(`${adm}/mesas/${roundtable}/miembros`, { organisation: "Consejo Ciudadano de Seguridad", sector: "sociedad_civil", representativeRole: "Presidenta", representativeName: P.representative, coordinator: "1" }), "member");
  ok(await team.post(`${adm}/mesas/${roundtable}/miembros`, { organisation: "Universidad Autónoma Metropolitana", sector: "academia", representativeRole: "Investigador", representativeName: "Mtro. Evaristo Luna Prado", namePublic: "1" }), "public member");
  const members = (await db.selectFrom("roundtable_members").select(["id", "organisation"]).where("municipality_id", "=", c.id).orderBy("id").execute()).map((m) => m.id);
  const past = await team.post(`${adm}/mesas/${roundtable}/sesiones`, { date: addDays(today, -7), startTime: "10:00", endTime: "12:30", place: "Sala de Cabildo", agenda: "Bienvenida\nDiagnóstico\nAcuerdos" });
  ok(past, "roundtable session");
  const pastSession = lastId(past.headers.location);
  const next = await team.post(`${adm}/mesas/${roundtable}/sesiones`, { date: addDays(today, 7), startTime: "17:00", endTime: "19:00", place: "Casa de Cultura", agenda: "Seguimiento" });
  ok(next, "upcoming roundtable session");
  const nextSession = lastId(next.headers.location);
  ok(await team.post(`${adm}/mesas/${roundtable}/sesiones/${pastSession}/asistencia`, { present: members.map(String) }), "attendance");
  ok(await team.post(`${adm}/mesas/${roundtable}/sesiones/${pastSession}/acta`, { minutes: P.draftMinutes }), "draft minutes");
  ok(await postMultipart(app, team, `${adm}/mesas/${roundtable}/sesiones/${pastSession}/archivos`, { title: "Lista de asistencia" }, { field: "file", filename: "lista.pdf", type: "application/pdf", data: PDF }), "session file");
  const fileId = (await db.selectFrom("roundtable_session_files").select("id").where("municipality_id", "=", c.id).executeTakeFirstOrThrow()).id;
  ok(await team.post(`${adm}/mesas/${roundtable}/acuerdos`, { text: "Mapear las colonias con más incidencia.", responsibleMemberId: String(members[0]), dueOn: addDays(today, -20) }), "agreement");
  const agreement = (await db.selectFrom("roundtable_agreements").select("id").where("municipality_id", "=", c.id).executeTakeFirstOrThrow()).id;
  ok(await team.post(`${adm}/mesas/${roundtable}/acuerdos/${agreement}/estado`, { status: "en_curso" }), "agreement status");

  // Prioritisation, when the module is registered: items, settings, approval, budget and pairwise ballots, a paper ballot.
  const routes = getRoutes(app);
  const prioritisation = routes.includes("/:slug/admin/participa/:process/priorizacion");
  const items: number[] = [];
  if (prioritisation) {
    const prio = `${adm}/priorizacion`;
    ok(await team.post(`${prio}/ajustes`, { approvalLimit: "2", budgetTotal: "100" }), "prioritisation settings");
    for (const [title, cost] of [["Alumbrado en el parque", "60"], ["Bebederos en el deportivo", "30"], ["Datos abiertos de seguridad", "10"]] as const) {
      ok(await team.post(`${prio}/elementos`, { title, cost, methods: ["approval", "budget", "pairwise"] }), `item ${title}`);
    }
    // Read untyped: the prioritisation tables are declared by that module, which may not be registered.
    const rows = await sql<{ id: number }>`select id from prioritisation_items where municipality_id = ${c.id} order by id`.execute(db);
    items.push(...rows.rows.map((r) => Number(r.id)));
    ok(await verified.post(`${pub}/votaciones`, { item: [String(items[0]), String(items[1])] }), "approval ballot");
    ok(await verified.post(`${pub}/presupuesto`, { item: [String(items[0]), String(items[1])] }), "budget ballot");
    const pairPage = await guest.get(`${pub}/comparaciones`);
    const pair = [...pairPage.body.matchAll(/name="(left|right)" value="(\d+)"/g)].map((m) => m[2]!);
    assert.equal(pair.length, 2, "a pair is offered");
    ok(await guest.post(`${pub}/comparaciones`, { left: pair[0]!, right: pair[1]!, outcome: "left" }), "comparison");
    ok(await team.post(`${prio}/votaciones/presencial`, { curp: CURPS.carla, item: [String(items[2])] }), "paper ballot");
  }

  // León: its own process, a participant with a marker e-mail, a proposal and a private representative.
  const leonToday = todayIn(w.leon.timeZone);
  const leonProcess = await createProcess(db, w.leon.id, anonymous, {
    slug: LEON_PROCESS_SLUG, title: "Presupuesto participativo León", summary: "Proceso de León.", description: "Proceso de prueba en León.", status: "published",
    phases: [{ title: "Participación abierta", startsOn: addDays(leonToday, -10), endsOn: addDays(leonToday, 10), components: [...COMPONENTS] }],
  });
  await setRules(db, w.leon.id, anonymous, leonProcess.id, { propose: "guest", comment: "guest" });
  const leonGuest = await identifyByEmail(app, services, "leon", LEON_PROCESS_SLUG, P.leonEmail);
  ok(await leonGuest.post(`/leon/participa/${LEON_PROCESS_SLUG}/propuestas`, { kind: "propuesta", title: "Ciclovía en el bulevar", body: "Una ciclovía protegida a lo largo del bulevar." }), "León proposal");
  const leonAdmin = new Browser(app);
  await login(leonAdmin, w.emails.leonAdmin);
  const leonRt = await leonAdmin.post(`/leon/admin/participa/${LEON_PROCESS_SLUG}/mesas`, { name: "Mesa de movilidad", topic: "Movilidad", description: "Mesa de León" });
  ok(leonRt, "León roundtable");
  const leonRoundtable = lastId(leonRt.headers.location);
  ok(await leonAdmin.post(`/leon/admin/participa/${LEON_PROCESS_SLUG}/mesas/${leonRoundtable}/miembros`, { organisation: "Colectivo Bici León", sector: "sociedad_civil", representativeRole: "Vocera", representativeName: P.leonRepresentative }), "León member");

  const phases = await db.selectFrom("process_phases").select("id").where("municipality_id", "in", [c.id, w.leon.id]).orderBy("id").execute();
  const documents = await db.selectFrom("process_documents").select("id").where("municipality_id", "=", c.id).execute();
  const leonMember = (await db.selectFrom("roundtable_members").select("id").where("municipality_id", "=", w.leon.id).executeTakeFirstOrThrow()).id;
  const values: Record<string, string[]> = {
    process: [PROCESS_SLUG, LEON_PROCESS_SLUG],
    documentId: documents.map((d) => String(d.id)),
    phaseId: phases.map((p) => String(p.id)),
    proposalId: [String(proposal), "2", "3", "1"].filter((v, i, all) => all.indexOf(v) === i),
    categoryId: categories.map((r) => String(r.id)),
    reportId: reports.map((r) => String(r.id)),
    decision: ["ocultar", "descartar"],
    consultationId: [String(consultation)],
    questionId: [String(text), String(single)],
    // Consultation sessions and roundtable sessions share the parameter name.
    sessionId: [String(consultationSession), String(pastSession), String(nextSession)],
    roundtableId: [String(roundtable), String(leonRoundtable)],
    fileId: [String(fileId)],
    file: [`${sessionPhotoId}.jpg`, `${sessionPhotoId}-min.jpg`],
    agreementId: [String(agreement)],
    memberId: [...members.map(String), String(leonMember)],
    itemId: items.map(String),
    draftId: [String(draftId)],
  };
  if (values.itemId!.length === 0) delete values.itemId;
  const mustServe = [
    pub, `${pub}/propuestas`, `${pub}/propuestas/${proposal}`, `${pub}/propuestas/${proposal}/imagen.jpg`, `${pub}/propuestas/${proposal}/imagen-min.jpg`, `${pub}/moderacion`,
    `${pub}/consultas`, `${pub}/consultas/${consultation}`, `${pub}/consultas/${consultation}/resultados`, `${pub}/consultas/${consultation}/resultados.json`, `${pub}/consultas/${consultation}/textos/${text}`,
    `${pub}/sesiones/${consultationSession}`, `${pub}/sesiones/${consultationSession}/fotos/${sessionPhotoId}.jpg`, `${pub}/sesiones/${consultationSession}/fotos/${sessionPhotoId}-min.jpg`,
    `${pub}/mesas`, `${pub}/mesas/${roundtable}`, `${pub}/mesas/${roundtable}/sesiones/${pastSession}`, `${pub}/mesas/${roundtable}/sesiones/${pastSession}/archivos/${fileId}`,
    `${pub}/mesas/${roundtable}/acuerdos/${agreement}`, `${pub}/mesas/acuerdos`, `${pub}/mesas/sesiones.ics`,
    "/cuauhtemoc/datos/propuestas.csv", "/cuauhtemoc/datos/propuestas.json", "/cuauhtemoc/datos/consultas.csv", "/cuauhtemoc/datos/consultas.json",
    "/cuauhtemoc/datos/acuerdos-mesas.csv", "/cuauhtemoc/datos/acuerdos-mesas.json", `/leon/participa/${LEON_PROCESS_SLUG}/propuestas/1`,
    ...(prioritisation ? [`${pub}/votaciones/resultados`, `${pub}/presupuesto/resultados`, `${pub}/comparaciones/resultados`, "/cuauhtemoc/datos/priorizacion.csv", "/cuauhtemoc/datos/priorizacion.json"] : []),
  ];
  const staffSeeds = [
    "/cuauhtemoc/admin/participa", adm, `${adm}/propuestas`, `${adm}/propuestas/${proposal}`, `${adm}/propuestas/moderacion`, `${adm}/consultas`, `${adm}/consultas/${consultation}`,
    `${adm}/consultas/${consultation}/presencial`, `${adm}/sesiones/${consultationSession}`, `${adm}/mesas`, `${adm}/mesas/${roundtable}`, `${adm}/mesas/${roundtable}/miembros/${members[0]}`,
    `${adm}/mesas/${roundtable}/sesiones/${pastSession}`, `${adm}/mesas/${roundtable}/acuerdos/${agreement}`, `${adm}/compromisos`, `${adm}/compromisos/${draftId}`, `${adm}/compromisos.json`,
    ...(prioritisation ? [`${adm}/priorizacion`, `${adm}/priorizacion/votaciones/presencial`] : []),
  ];
  return { values, mustServe, staffSeeds, prioritisation };
}
