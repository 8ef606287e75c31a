/**
 * The guarantee: personal data — requesters' names, e-mails, phones, CURP, typed addresses,
 * exact positions, internal notes, rating comments, subscribers' e-mails and staff names, and in
 * co-creation participants' e-mails and CURPs, reporters and their reports, hidden comments,
 * private representatives of roundtable members and draft minutes — never appears in a public
 * page, feed, export or API response. Unique markers go in through the real paths (web form with
 * a photo carrying EXIF, Open311, staff work, rating, subscriptions; participants identified by
 * e-mail link and CURP, proposals, comments, reports, consultations, roundtables, ballots); then
 * every GET route the app registers is requested with real parameter values and every same-site
 * link found is followed, as an anonymous visitor and as a signed-in observer.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { Browser, createTestContext, type TestContext } from "../src/platform/testing.js";
import { crawl, expand, getRoutes } from "./support/crawl.js";
import { readOutbox } from "../src/platform/mail.js";
import { SYSTEM } from "../src/platform/audit/audit.js";
import { anonymous } from "../src/platform/policy.js";
import { loadActor } from "../src/modules/accounts/queries.js";
import { hashPassword } from "../src/modules/accounts/password.js";
import { createAccount } from "../src/modules/accounts/provision.js";
import { grantRole } from "../src/modules/accounts/members.js";
import { issueApiKey } from "../src/modules/requests/open311/keys.js";
import { applyStaffChange } from "../src/modules/requests/workflow.js";
import { rateRequest } from "../src/modules/requests/rating.js";
import { login, PASSWORD } from "../src/modules/requests/test-support.js";
import { seedParticipationWorld, type ParticipationWorld } from "../src/modules/participation/test-support.js";
import { LEON_PROCESS_SLUG, P, PROCESS_SLUG, seedCocreation, type CocreationSeed } from "./support/participation-seed.js";
import { seedDemoObligations } from "../src/modules/transparency/obligations-seed.js";
import { createConversation, moderateStatement } from "../src/modules/opinion/conversations.js";
import { recomputeWhenFree } from "../src/modules/opinion/analysis-runner.js";
import { PLAN_MARKERS, PLAN_NEEDLES, seedPlans, type PlansSeed } from "./support/plans-seed.js";
import { CHANNEL_CONTACT_LABELS, CHANNEL_MARKERS, CHANNEL_NEEDLES, seedChannels, type ChannelsSeed } from "./support/channels-seed.js";

/** Every marker contains "zyx", so any "zyx" in a public response is a leak; the map names which one. */
const M = {
  webName: "Zyxname7Q Quintanilla",
  webCurp: "ZYXW900202MDFRRS04",
  webEmail: "zyx.mail7q@ejemplo.mx",
  webPhone: "55 9911 7733",
  webAddress: "Calle Zyxaddr 77",
  o311First: "Zyxfirst7Q",
  o311Curp: "ZYXQ800101HDFRRN09",
  o311Email: "zyx.o311mail7q@ejemplo.mx",
  o311Phone: "55 9922 8844",
  o311Address: "Avenida Zyxo311addr 88",
  note: "Zyxnote77 el vecino pidió no tocar el timbre",
  ratingComment: "Zyxrating77 me atendió la señora del 5to piso",
  subscriber: "zyx.subs7q@ejemplo.mx",
  staffName: "Zyxstaff Funcionaria7Q",
  exifArtist: "Zyxexif7Q Artista",
};
/** Needles per marker: a distinctive, encoding-proof piece plus spelling variants of the phones. */
const NEEDLES: [label: string, needles: string[]][] = [
  ["nombre (formulario)", ["zyxname7q"]],
  ["CURP (formulario)", ["zyxw900202mdfrrs04"]],
  ["correo (formulario)", ["zyx.mail7q"]],
  ["teléfono (formulario)", ["9911 7733", "99117733", "9911-7733", "9911%207733", "9911+7733"]],
  ["dirección escrita (formulario)", ["zyxaddr"]],
  ["nombre (Open311)", ["zyxfirst7q"]],
  ["CURP (Open311)", ["zyxq800101hdfrrn09"]],
  ["correo (Open311)", ["zyx.o311mail7q"]],
  ["teléfono (Open311)", ["9922 8844", "99228844", "9922-8844", "9922%208844", "9922+8844"]],
  ["address_string (Open311)", ["zyxo311addr"]],
  ["nota interna", ["zyxnote77"]],
  ["comentario de la calificación", ["zyxrating77"]],
  ["correo de suscripción", ["zyx.subs7q"]],
  ["nombre del personal", ["zyxstaff"]],
  ["EXIF de la foto", ["zyxexif7q"]],
  ["correo de participante (enlace)", ["zyx.partic7q"]],
  ["correo de participante (CURP)", ["zyx.curpmail7q"]],
  ["correo de quien reporta", ["zyx.denuncia7q"]],
  ["correo de participante (León)", ["zyx.leonmail7q"]],
  ["CURP de participante", P.curps.map((c) => c.toLowerCase())],
  ["EXIF de la foto de la propuesta", ["zyxpexif7q"]],
  ["EXIF de la foto de la sesión", ["zyxsexif7q"]],
  ["detalle del reporte", ["zyxreport7q"]],
  ["comentario oculto por moderación", ["zyxhidden7q"]],
  ["representante no público", ["zyxrepre7q"]],
  ["representante no público (León)", ["zyxleonrep7q"]],
  ["acta en borrador", ["zyxminuta7q"]],
  ["afirmación en revisión (opinión)", ["zyxpending7q"]],
  ["afirmación rechazada (opinión)", ["zyxrejected7q"]],
  ...PLAN_NEEDLES,
  ...CHANNEL_NEEDLES,
  ["otro marcador", ["zyx"]], // last: reported only when no named marker explains it
];
const CONTACT_LABELS = new Set(["correo de revisor del plan", "correo de integrante de observatorio", "correo de quien comenta un compromiso", "correo de suscripción a un plan", "nombre (formulario)", "CURP (formulario)", "correo (formulario)", "teléfono (formulario)", "nombre (Open311)", "CURP (Open311)", "correo (Open311)", "teléfono (Open311)", "correo de suscripción", "correo de participante (enlace)", "correo de participante (CURP)", "correo de quien reporta", "correo de participante (León)", "CURP de participante", ...CHANNEL_CONTACT_LABELS]);
/** Exact pins (Centro and Hipódromo); public output may round them to 3 decimals, never show a 4th. */
const WEB_PIN = { lat: "19.433817264", lon: "-99.137261843" };
const O311_PIN = { lat: "19.413517392", lon: "-99.169371526" };
/** Their 4-decimal prefixes, chosen so that no colonia boundary in the catalogue has them. */
const COORD_NEEDLES = ["19.4338", "99.1372", "19.4135", "99.1693"];

/** Parameter values of two seeds together (a name both use, like fileId, gets both lists). */
function mergeValues(a: Record<string, string[]>, b: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = [...new Set([...(out[k] ?? []), ...v])];
  return out;
}

function findLeaks(body: string, labels?: Set<string>): string[] {
  const text = body.toLowerCase();
  const found: string[] = [];
  for (const [label, needles] of NEEDLES) {
    if (labels && !labels.has(label)) continue;
    for (const needle of needles) {
      const at = text.indexOf(needle);
      if (at < 0) continue;
      if (label !== "otro marcador" || found.length === 0) found.push(`${label} ("${needle}" … ${JSON.stringify(body.slice(Math.max(0, at - 60), at + 60))})`);
      break;
    }
  }
  if (!labels) {
    for (const needle of COORD_NEEDLES) {
      const at = text.indexOf(needle);
      if (at >= 0) found.push(`coordenada exacta con más de 3 decimales ("${needle}" … ${JSON.stringify(body.slice(Math.max(0, at - 40), at + 40))})`);
    }
  }
  return found;
}

describe("personal data never reaches a public page, feed, export or API", { timeout: 600_000 }, () => {
  let t: TestContext;
  let w: ParticipationWorld;
  let cocreation: CocreationSeed;
  let plans: PlansSeed;
  let channels: ChannelsSeed;
  let app: FastifyInstance;
  let webFolio = "";
  let o311Folio = "";
  let trackingToken = "";
  let photoId = "";
  let staffUser = 0;
  let conversationId = "";

  before(async () => {
    t = await createTestContext();
    await t.reset();
    w = await seedParticipationWorld(t.services);
    await seedDemoObligations(t.services, () => {});
    app = await t.app();
    const { db } = t.services;

    // A staff member whose name is a marker: assignees are never published.
    const passwordHash = await hashPassword(PASSWORD);
    staffUser = await db.transaction().execute((trx) =>
      createAccount(trx, anonymous, { email: "funcionaria7q@cuauhtemoc.test", displayName: M.staffName, passwordHash, platformRole: null, oversees: [] }),
    );
    await grantRole(db, anonymous, { userId: staffUser, municipalityId: w.cuauhtemoc.id, role: "department_staff", departmentId: w.departments.servicios });

    // 1. The web form, multipart, with a photo whose EXIF carries a marker.
    const photo = await sharp({ create: { width: 80, height: 60, channels: 3, background: "#aa3311" } })
      .jpeg()
      .withExif({ IFD0: { Artist: M.exifArtist, ImageDescription: M.webName, Copyright: M.webEmail } })
      .toBuffer();
    assert.ok(photo.toString("latin1").includes("Zyxexif7Q"), "the uploaded photo carries the EXIF marker");
    const citizen = new Browser(app);
    await citizen.get("/");
    const boundary = "----zyxprueba";
    const fields: [string, string][] = [
      ["_csrf", citizen.csrf], ["servicio", "alumbrado"], ["description", "La luminaria de la esquina lleva una semana apagada"],
      ["address", M.webAddress], ["lat", WEB_PIN.lat], ["lon", WEB_PIN.lon], ["name", `${M.webName} CURP ${M.webCurp}`],
      ["email", M.webEmail], ["phone", M.webPhone], ["attribute[poste]", "CFE 4411"], ["confirmar", "1"],
    ];
    const parts: Buffer[] = fields.map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="zyxexif.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), photo, Buffer.from(`\r\n--${boundary}--\r\n`));
    const filed = await app.inject({
      method: "POST", url: "/cuauhtemoc/solicitudes", payload: Buffer.concat(parts),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: citizen.cookieHeader },
    });
    assert.equal(filed.statusCode, 303, filed.body);
    webFolio = decodeURIComponent(String(filed.headers.location).split("/").pop()!);
    const confirmation = readOutbox(t.services.mailer.outboxDir!).find((m) => m.to === M.webEmail);
    trackingToken = /seguimiento\/([A-Za-z0-9_-]+)/.exec(confirmation?.text ?? "")?.[1] ?? "";
    assert.ok(trackingToken, "the requester got the private tracking link by e-mail");
    photoId = String((await db.selectFrom("request_photos").select("id").executeTakeFirstOrThrow()).id);

    // 2. Open311, with an issued API key.
    const key = (await issueApiKey(db, w.cuauhtemoc.id, "App de pruebas", SYSTEM)).key;
    const form = new URLSearchParams({
      api_key: key, jurisdiction_id: "cuauhtemoc", service_code: "bache", lat: O311_PIN.lat, long: O311_PIN.lon, "attribute[tamano]": "2",
      description: "Bache hondo en el carril derecho", first_name: M.o311First, last_name: M.o311Curp, email: M.o311Email, phone: M.o311Phone,
      address_string: M.o311Address, device_id: "zyxdevice", account_id: "cuenta-1",
    });
    const posted = await app.inject({ method: "POST", url: "/open311/v2/requests.json", payload: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    assert.equal(posted.statusCode, 201, posted.body);
    o311Folio = (JSON.parse(posted.body) as { service_request_id: string }[])[0]!.service_request_id;

    // 3. A neighbour follows the folio and the colonia by e-mail; confirms one.
    const neighbour = new Browser(app);
    assert.equal((await neighbour.post(`/cuauhtemoc/solicitudes/${webFolio}/suscripcion`, { email: M.subscriber })).statusCode, 303);
    assert.equal((await neighbour.post("/cuauhtemoc/colonias/centro/solicitudes/suscripcion", { email: M.subscriber })).statusCode, 303);
    const confirmLink = /\/cuauhtemoc\/solicitudes\/suscripciones\/confirmar\/[A-Za-z0-9_-]+/.exec(readOutbox(t.services.mailer.outboxDir!).find((m) => m.to === M.subscriber)!.text)![0];
    assert.equal((await neighbour.post(confirmLink)).statusCode, 303);

    // 4. Staff work: assignment to the marker-named member, internal notes, public updates, closing.
    const admin = (await loadActor(db, w.users.admin))!;
    const staff = (await loadActor(db, staffUser))!;
    const [web, o311] = await Promise.all([webFolio, o311Folio].map(async (folio) => (await db.selectFrom("service_requests").select("id").where("folio", "=", folio).executeTakeFirstOrThrow()).id));
    await applyStaffChange(t.services, w.cuauhtemoc.id, [web!], { kind: "assignee", userId: staffUser }, staff);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [web!], { kind: "status", to: "en_proceso" }, staff);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [web!], { kind: "note", body: M.note }, staff);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [web!], { kind: "update", body: "Cambiamos el foco; gracias por avisar." }, staff);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [web!], { kind: "status", to: "atendida" }, staff);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [web!], { kind: "status", to: "cerrada" }, admin);
    await rateRequest(t.services, trackingToken, 5, M.ratingComment);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [o311!], { kind: "assignee", userId: staffUser }, admin);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [o311!], { kind: "note", body: M.note }, admin);
    // The bus-driven notifier e-mails the confirmed subscriber the updates, with an unsubscribe link.
    for (let i = 0; i < 100 && !readOutbox(t.services.mailer.outboxDir!).some((m) => m.to === M.subscriber && m.text.includes("/suscripciones/baja/")); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // 5. Co-creation: participants, proposals, consultations, roundtables and ballots (test/support/participation-seed.ts).
    cocreation = await seedCocreation(app, t.services, w);

    // 5b. Action plans: a private team name, reviewer and observatory member accounts, a draft
    //     report, comments (one hidden), a subscription, an unpublished plan (test/support/plans-seed.ts).
    plans = await seedPlans(app, t.services, w);

    // 5c. Channels: a brigade's consented contacts and visit notes, a hearing's attendees, a
    //     request filed by a clerk for a person (test/support/channels-seed.ts).
    channels = await seedChannels(app, t.services, w);

    // 6. An opinion conversation reviewed before publication: a pending and a rejected statement
    //    (markers) must never be public; votes from a cookie-identified voter.
    const conversation = await createConversation(
      db, w.cuauhtemoc.id, anonymous,
      { topic: "Conversación de prueba", description: "", moderation: "pre", identity: "anonymous", participantStatements: true, processId: null },
      ["Afirmación inicial de prueba", "Segunda afirmación de prueba"],
    );
    conversationId = String(conversation.id);
    const voter = new Browser(app);
    await voter.get(`/cuauhtemoc/opinion/${conversation.id}`);
    assert.equal((await voter.post(`/cuauhtemoc/opinion/${conversation.id}/votos`, { statement: "0", vote: "agree" })).statusCode, 303);
    assert.equal((await voter.post(`/cuauhtemoc/opinion/${conversation.id}/afirmaciones`, { body: "Zyxpending7Q afirmación en revisión" })).statusCode, 303);
    assert.equal((await voter.post(`/cuauhtemoc/opinion/${conversation.id}/afirmaciones`, { body: "Zyxrejected7Q afirmación rechazada" })).statusCode, 303);
    const rejected = await db.selectFrom("opinion_statements").select("id").where("body", "like", "Zyxrejected7Q%").executeTakeFirstOrThrow();
    await moderateStatement(db, w.cuauhtemoc.id, anonymous, conversation.id, rejected.id, "rejected");
    await recomputeWhenFree(t.services, w.cuauhtemoc.id, conversation.id);
  });
  after(async () => t?.close());

  it("stores the markers where the town hall's administrator can read them", async () => {
    const b = new Browser(app);
    await login(b, w.emails.admin);
    const web = await b.get(`/cuauhtemoc/admin/solicitudes/${webFolio}`);
    assert.equal(web.statusCode, 200, web.body);
    for (const marker of [M.webName, M.webCurp, M.webEmail, M.webPhone, M.webAddress, "Zyxnote77", M.staffName]) {
      assert.ok(web.body.includes(marker), `the administrator's page of ${webFolio} shows "${marker}"`);
    }
    const o311 = await b.get(`/cuauhtemoc/admin/solicitudes/${o311Folio}`);
    assert.equal(o311.statusCode, 200, o311.body);
    for (const marker of [M.o311First, M.o311Curp, M.o311Email, M.o311Phone, M.o311Address, "Zyxnote77", M.staffName]) {
      assert.ok(o311.body.includes(marker), `the administrator's page of ${o311Folio} shows "${marker}"`);
    }
    const rating = await t.services.db.selectFrom("service_requests").select("rating_comment").where("folio", "=", webFolio).executeTakeFirstOrThrow();
    assert.equal(rating.rating_comment, M.ratingComment);
    const subscriptions = await t.services.db.selectFrom("request_subscriptions").select("email").execute();
    assert.deepEqual(subscriptions.map((s) => s.email), [M.subscriber, M.subscriber]);

    // Co-creation: participants by e-mail, the report's details, the private representative, the draft minutes.
    const participants = await t.services.db.selectFrom("participants").select(["email", "identity_verified_at"]).where("email", "like", "zyx.%").orderBy("email").execute();
    assert.deepEqual(participants.map((p) => p.email), [P.curpEmail, P.reporterEmail, P.leonEmail, P.guestEmail].sort());
    assert.ok(participants.find((p) => p.email === P.curpEmail)?.identity_verified_at, "the participant verified the CURP");
    const reports = await t.services.db.selectFrom("proposal_reports").select("details").execute();
    assert.ok(reports.length === 2 && reports.every((r) => r.details === P.reportDetails));
    const adm = `/cuauhtemoc/admin/participa/${PROCESS_SLUG}`;
    const members = await b.get(`${adm}/mesas/${cocreation.values.roundtableId![0]}`);
    assert.equal(members.statusCode, 200);
    assert.ok(members.body.includes(P.representative), "the team reads the private representative's name");
    const minutes = await t.services.db.selectFrom("roundtable_sessions").select("minutes").where("minutes", "<>", "").execute();
    assert.deepEqual(minutes.map((m) => m.minutes), [P.draftMinutes]);
    const hidden = await t.services.db.selectFrom("proposal_comments").select("hidden_at").where("body", "=", P.hiddenComment).executeTakeFirstOrThrow();
    assert.ok(hidden.hidden_at, "the reported comment was hidden");

    // Action plans: the team's private name is on the staff plan page; the subscription is stored.
    const plan = await b.get("/cuauhtemoc/admin/planes/plan-abierto");
    assert.equal(plan.statusCode, 200);
    assert.ok(plan.body.includes(PLAN_MARKERS.teamName), "the administrator reads the team member's private name");
    const planSubscriptions = await t.services.db.selectFrom("plan_subscriptions").select("email").execute();
    assert.deepEqual(planSubscriptions.map((r) => r.email), [PLAN_MARKERS.subscriberEmail]);
  });

  it("e-mails citizens no one else's data, internal notes or staff names", async () => {
    const own: Record<string, string[]> = {
      [M.webEmail]: ["nombre (formulario)", "CURP (formulario)", "correo (formulario)", "teléfono (formulario)", "dirección escrita (formulario)"],
      [M.o311Email]: ["nombre (Open311)", "CURP (Open311)", "correo (Open311)", "teléfono (Open311)", "address_string (Open311)"],
      [M.subscriber]: ["correo de suscripción"],
      [P.guestEmail]: ["correo de participante (enlace)"],
      [P.curpEmail]: ["correo de participante (CURP)"],
      [P.reporterEmail]: ["correo de quien reporta"],
      [P.leonEmail]: ["correo de participante (León)"],
      [PLAN_MARKERS.subscriberEmail]: ["correo de suscripción a un plan"],
      [CHANNEL_MARKERS.turnEmail]: ["correo de un turno (audiencia)", "tema escrito de un turno (audiencia)"],
    };
    const mails = readOutbox(t.services.mailer.outboxDir!).filter((m) => m.to in own);
    assert.ok(mails.filter((m) => m.to === M.subscriber).length >= 2 && mails.some((m) => m.to === M.webEmail), "the requester and the subscriber got e-mails");
    const leaks = mails.flatMap((m) => {
      const forbidden = new Set(NEEDLES.map(([label]) => label).filter((label) => label !== "otro marcador" && !own[m.to]!.includes(label)));
      return findLeaks(`${m.subject}\n${m.text}`, forbidden).map((leak) => `e-mail a ${m.to} («${m.subject}») muestra ${leak}`);
    });
    assert.deepEqual(leaks, [], leaks.join("\n"));
  });

  it("shows none of them to an anonymous visitor on any route or linked page", async () => {
    const { db, config } = t.services;
    const colonias = await db.selectFrom("colonias").select("slug").where("municipality_id", "=", w.cuauhtemoc.id).orderBy("slug").execute();
    const withRequests = await db.selectFrom("service_requests as r").innerJoin("colonias as c", "c.id", "r.colonia_id").select("c.slug").distinct().execute();
    const services = await db.selectFrom("request_services").select("code").where("municipality_id", "=", w.cuauhtemoc.id).execute();
    const mailTokens = readOutbox(t.services.mailer.outboxDir!)
      .flatMap((m) => [...m.text.matchAll(/\/(?:seguimiento|suscripciones\/(?:confirmar|baja))\/([A-Za-z0-9_-]{16,})/g)].map((x) => x[1]!));
    const mailLinks = readOutbox(t.services.mailer.outboxDir!).map((m) => m.text).join("\n");
    assert.match(mailLinks, /suscripciones\/confirmar\//, "a confirmation link was e-mailed");
    assert.match(mailLinks, /suscripciones\/baja\//, "an unsubscribe link was e-mailed");
    const folios = [webFolio, o311Folio];
    const records = await t.services.db
      .selectFrom("obligation_records")
      .select(["obligation_id", "period"])
      .where("municipality_id", "=", w.cuauhtemoc.id)
      .orderBy("obligation_id")
      .limit(3)
      .execute();
    assert.ok(records.length > 0, "the demo obligations have published records");
    const obligationIds = [...new Set(records.map((r) => String(r.obligation_id)))];
    const obligationPeriods = [...new Set(records.map((r) => r.period))];
    const values: Record<string, string[]> = mergeValues({
      slug: ["cuauhtemoc", "leon"],
      coloniaSlug: [...new Set([...withRequests.map((c) => c.slug), colonias[0]!.slug])],
      folio: folios,
      service_request_id: folios,
      token: [...new Set([trackingToken, ...mailTokens, ...folios])],
      photoId: [photoId],
      service_code: services.map((s) => s.code),
      code: services.map((s) => s.code).slice(0, 2),
      datasetId: ["cuauhtemoc-solicitudes-ciudadanas", "leon-solicitudes-ciudadanas", "cuauhtemoc-solicitudes-informacion", "cuauhtemoc-obligaciones-transparencia", "cuauhtemoc-indice-cumplimiento", "leon-solicitudes-informacion", "leon-obligaciones-transparencia", "leon-indice-cumplimiento"],
      id: obligationIds,
      period: obligationPeriods,
      // No information request is seeded here yet: the attachment pages are requested (404) but none is read.
      attachmentId: ["1"],
      conversationId: [conversationId],
      ...mergeValues(cocreation.values, plans.values),
      // Request photos and in-person session photos share the parameter name.
      file: [`${photoId}.jpg`, `${photoId}-min.jpg`, ...cocreation.values.file!],
    }, channels.values);
    const routes = getRoutes(app);
    assert.ok(routes.includes("/open311/v2/requests.json") && routes.includes("/:slug/solicitudes/:folio"), `the route tree was read: ${routes.join(" ")}`);
    const skip = (p: string) => p.includes("*") || p.startsWith("/api/docs/static") || p.endsWith("/eventos");
    const seeds = new Set<string>(["/", "/cuauhtemoc", "/municipios", "/cuauhtemoc/colonias", "/api/docs/json", "/api/docs/yaml"]);
    for (const route of routes.filter((r) => !skip(r))) {
      for (const url of expand(route, values)) seeds.add(route.startsWith("/open311/") && route !== "/open311/v2/discovery.json" && route !== "/open311/v2/discovery.xml" ? `${url}?jurisdiction_id=cuauhtemoc` : url);
    }
    for (const fmt of ["json", "xml"]) {
      for (const q of ["status=open", "status=closed", "service_code=bache", "service_code=alumbrado", `service_request_id=${folios.join(",")}`]) seeds.add(`/open311/v2/requests.${fmt}?jurisdiction_id=cuauhtemoc&${q}`);
    }
    seeds.add(`/api/v1/municipalities/cuauhtemoc/requests/similar?service=bache&lat=19.413&lon=-99.170&text=bache`);
    seeds.add(`/api/v1/municipalities/cuauhtemoc/requests/similar?service=alumbrado&colonia=centro`);
    seeds.add(`/api/v1/municipalities/cuauhtemoc/colonias/lookup?lat=19.433&lon=-99.136`);
    for (const q of ["estado=todas", "estado=cerradas", "servicio=alumbrado", "colonia=centro"]) seeds.add(`/cuauhtemoc/solicitudes?${q}`);

    const anon = new Browser(app);
    const follow = (p: string) => !p.startsWith("/static/") && !p.startsWith("/api/docs/static") && p !== "/salir" && !p.endsWith("/eventos");
    const result = await crawl(anon, [...seeds], { publicUrl: config.publicUrl, follow, scan: (body) => findLeaks(body), max: 4000 });
    assert.ok(result.visited.length < 4000, "the crawl ended before its limit: nothing was left unread");
    assert.deepEqual(result.failures, [], `personal data on public surfaces:\n${result.failures.join("\n")}`);

    // The crawl was not vacuous: the requests are on the public surfaces it read.
    const visited = new Map(result.visited.map((v) => [v.url, v.status]));
    for (const url of [`/cuauhtemoc/solicitudes/${webFolio}`, `/cuauhtemoc/solicitudes/${o311Folio}`, `/cuauhtemoc/solicitudes/seguimiento/${trackingToken}`, "/cuauhtemoc/datos/solicitudes.csv", "/cuauhtemoc/datos/solicitudes.geojson", "/cuauhtemoc/solicitudes/feed.rss", "/cuauhtemoc/solicitudes/feed.atom", "/open311/v2/requests.json?jurisdiction_id=cuauhtemoc", "/open311/v2/requests.xml?jurisdiction_id=cuauhtemoc", "/api/docs/json"]) {
      assert.equal(visited.get(url), 200, `${url} was crawled and answered 200`);
    }
    for (const url of [`/cuauhtemoc/solicitudes/${webFolio}/fotos/${photoId}.jpg`, `/cuauhtemoc/solicitudes/${webFolio}/fotos/${photoId}-min.jpg`]) assert.equal(visited.get(url), 200, `${url} served the photo`);
    for (const url of channels.mustServe) assert.equal(visited.get(url), 200, `${url} was crawled and answered 200`);
    for (const url of plans.mustServe) assert.equal(visited.get(url), 200, `${url} was crawled and answered 200`);
    assert.equal(visited.get("/cuauhtemoc/planes/plan-en-preparacion"), 404, "an unpublished plan is not public");
    for (const url of cocreation.mustServe) assert.equal(visited.get(url), 200, `${url} was crawled and answered 200`);
    // Tenancy: one municipality's process is not found under the other's address.
    for (const url of [`/leon/participa/${PROCESS_SLUG}`, `/cuauhtemoc/participa/${LEON_PROCESS_SLUG}`]) assert.equal(visited.get(url), 404, `${url} is another municipality's process`);
    const listed = await anon.get("/open311/v2/requests.json?jurisdiction_id=cuauhtemoc&status=open,closed");
    for (const folio of folios) assert.ok(listed.body.includes(folio), `Open311 lists ${folio}`);
    const csv = await anon.get("/cuauhtemoc/datos/solicitudes.csv");
    for (const folio of folios) assert.ok(csv.body.includes(folio), `the CSV export has ${folio}`);
    const admin = result.visited.filter((v) => v.url.includes("/admin"));
    assert.ok(admin.length > 10 && admin.every((v) => v.status >= 300 && v.status < 500), "staff pages refuse an anonymous visitor");
    console.log(`# personal-data: ${result.visited.length} URLs crawled as an anonymous visitor, ${routes.length} GET routes`);
  });

  it("shows no requester contact or subscriber e-mail to a signed-in observer", async () => {
    const b = new Browser(app);
    await login(b, w.emails.observer);
    const seeds = [...cocreation.staffSeeds, ...plans.staffSeeds, ...channels.staffSeeds, "/cuauhtemoc/admin", "/cuauhtemoc/admin/solicitudes", `/cuauhtemoc/admin/solicitudes/${webFolio}`, `/cuauhtemoc/admin/solicitudes/${o311Folio}`, `/cuauhtemoc/admin/solicitudes/fila/${webFolio}`, `/cuauhtemoc/admin/solicitudes/fila/${o311Folio}`, "/cuenta", "/cuauhtemoc", `/cuauhtemoc/solicitudes/${webFolio}`];
    // Staff pages and Cuauhtémoc's own pages; the public pages of every town are the anonymous crawl's.
    const follow = (p: string) => (p === "/cuenta" || (p.startsWith("/cuauhtemoc/") && !p.startsWith("/cuauhtemoc/transparencia/obligaciones/"))) && p !== "/salir" && !p.endsWith("/eventos");
    const result = await crawl(b, seeds, { publicUrl: t.services.config.publicUrl, follow, scan: (body) => findLeaks(body, CONTACT_LABELS), max: 1000 });
    assert.ok(result.visited.length < 1000, "the crawl ended before its limit");
    assert.deepEqual(result.failures, [], `contact data shown to an observer:\n${result.failures.join("\n")}`);
    const page = result.visited.find((v) => v.url === `/cuauhtemoc/admin/solicitudes/${webFolio}`);
    assert.equal(page?.status, 200, "the observer reads the staff page of the request");
    // Participatory processes are managed by administrators and the participation team, not observers.
    const processPage = result.visited.find((v) => v.url === `/cuauhtemoc/admin/participa/${PROCESS_SLUG}`);
    assert.equal(processPage?.status, 403, "the observer's crawl reached the process's staff page, which refuses observers");
    console.log(`# personal-data: ${result.visited.length} URLs crawled as an observer`);
  });

  it("shows no participant's e-mail or CURP to the participation team on the staff pages", async () => {
    const b = new Browser(app);
    await login(b, w.team.email);
    const follow = (p: string) => p.startsWith("/cuauhtemoc/admin/participa") || p.startsWith("/cuauhtemoc/participa");
    const labels = new Set(["CURP de participante", "correo de participante (enlace)", "correo de participante (CURP)", "correo de quien reporta", "correo de participante (León)", "representante no público (León)"]);
    const result = await crawl(b, cocreation.staffSeeds, { publicUrl: t.services.config.publicUrl, follow, scan: (body) => findLeaks(body, labels), max: 1500 });
    assert.deepEqual(result.failures, [], `participants' data shown to the participation team:\n${result.failures.join("\n")}`);
    const staffPages = result.visited.filter((v) => v.url.startsWith("/cuauhtemoc/admin/participa/") && v.status === 200);
    assert.ok(staffPages.length >= cocreation.staffSeeds.length - 1, `the team read its staff pages (${staffPages.length})`);
    assert.ok(result.visited.length < 1500, "the crawl ended before its limit");
    console.log(`# personal-data: ${result.visited.length} URLs crawled as the participation team`);
  });
});
