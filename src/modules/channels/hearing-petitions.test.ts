import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import type { BusMessage } from "../../platform/bus.js";
import { readOutbox } from "../../platform/mail.js";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { REQUESTS_TOPIC } from "../requests/create.js";
import type { HearingView } from "./hearing-queries.js";
import { scheduleTestHearing, startedAgo, waitFor } from "./hearing-test-support.js";
import { login, seedChannelsWorld, ZOCALO, type ChannelsWorld } from "./test-support.js";

const ATTENDEE = { name: "Leocadia Ybarra Tostado", phone: "55 2468 1357", email: "leocadia.ybarra@correo.test", topic: "La luminaria de mi esquina lleva un mes apagada" };

describe("petitions recorded at a hearing", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ChannelsWorld;
  let h: HearingView;
  let clerk: Browser;
  let room: string;
  let anonTurnUrl: string;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedChannelsWorld(t.services);
    h = await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin);
    room = `/cuauhtemoc/admin/audiencias/${h.slug}`;
    // Turn 1 asked online (with an e-mail for the folio), turn 2 given on arrival with a contact.
    const anon = new Browser(app);
    const asked = await anon.post(`/cuauhtemoc/audiencias/${h.slug}/turnos`, { topic: "Recolección de basura en mi calle", email: "turno.uno@correo.test" });
    assert.equal(asked.statusCode, 303);
    anonTurnUrl = String(asked.headers.location);
    clerk = new Browser(app);
    await login(clerk, w.clerk.email);
    assert.equal((await clerk.post(`${room}/llegadas`, ATTENDEE)).statusCode, 303);
  });

  async function openAndCall() {
    await startedAgo(t.services, h, 1);
    const admin = new Browser(app);
    await login(admin, w.emails.admin);
    assert.equal((await admin.post(`${room}/estado`, { accion: "abrir" })).statusCode, 303);
    assert.equal((await clerk.post(`${room}/llamar`, {})).statusCode, 303);
    return admin;
  }

  const requests = () => t.services.db.selectFrom("service_requests").select(["id", "folio", "channel", "assisted_by_user_id", "colonia_id", "description"]).where("municipality_id", "=", w.cuauhtemoc.id).execute();
  const petitions = () => t.services.db.selectFrom("hearing_petitions").select(["turn_number", "topic", "request_id", "proposal_id", "created_by"]).where("hearing_id", "=", h.id).orderBy("id").execute();
  const turn = (number: number) => t.services.db.selectFrom("hearing_turns").select(["status", "attended_at"]).where("hearing_id", "=", h.id).where("number", "=", number).executeTakeFirstOrThrow();

  it("files a petition as a citizen request on the hearing channel, into the staff live queue, with its folio for the attendee", async () => {
    await openAndCall();
    const heard: BusMessage[] = [];
    const unsubscribe = await t.services.bus.subscribe((m) => {
      if (m.topic === REQUESTS_TOPIC) heard.push(m);
    });
    try {
      const form = await clerk.get(`${room}/turnos/1?servicio=basura`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Servicio: <strong>Basura no recolectada<\/strong>/);
      assert.match(form.body, /Recolección de basura en mi calle/);
      assert.match(form.body, /turno\.uno@correo\.test/);
      const res = await clerk.post(`${room}/turnos/1/solicitud`, {
        service_code: "basura",
        description: "No pasa el camión recolector desde hace una semana.",
        address: "Calle República de Cuba 12",
        lat: String(ZOCALO.lat),
        lon: String(ZOCALO.lon),
        "attribute[dias]": "7",
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, room);
      const flash = await clerk.get(room);

      const [stored] = await requests();
      assert.ok(stored);
      assert.equal(stored.channel, "hearing");
      assert.equal(stored.assisted_by_user_id, w.clerk.userId);
      assert.notEqual(stored.colonia_id, null);
      assert.deepEqual(await petitions(), [{ turn_number: 1, topic: "Basura no recolectada", request_id: stored.id, proposal_id: null, created_by: w.clerk.userId }]);
      assert.equal((await turn(1)).status, "atendido");
      // Without the attendee's consent the turn's contact does not go with the request.
      assert.equal((await t.services.db.selectFrom("request_contacts").select("request_id").where("request_id", "=", stored.id).execute()).length, 0);

      await waitFor(() => heard.some((m) => m.data.folio === stored.folio));
      assert.deepEqual(heard.find((m) => m.data.folio === stored.folio)!.data, { requestId: stored.id, folio: stored.folio, kind: "created", status: "recibida" });
      const queue = await clerk.get("/cuauhtemoc/admin/solicitudes?dependencia=");
      assert.equal(queue.statusCode, 200);
      assert.match(queue.body, new RegExp(`id="fila-${stored.folio}"`));

      assert.match(flash.body, new RegExp(`Petición registrada con el folio ${stored.folio}\\.`));
      const mine = await new Browser(app).get(anonTurnUrl);
      assert.match(mine.body, new RegExp(`<a href="/cuauhtemoc/solicitudes/${stored.folio}">${stored.folio}</a>`));
      assert.match(mine.body, /Atendido/);
      const mail = readOutbox(t.services.mailer.outboxDir!).find((m) => m.to === "turno.uno@correo.test");
      assert.ok(mail, "the attendee gets the folio by e-mail");
      assert.match(mail.subject, new RegExp(stored.folio));
      assert.match(mail.text, new RegExp(`/cuauhtemoc/solicitudes/${stored.folio}`));
      assert.match(mail.text, /\/cuauhtemoc\/solicitudes\/seguimiento\//);
    } finally {
      unsubscribe();
    }
  });

  it("copies the turn's contact to the request only when the attendee agrees", async () => {
    await openAndCall();
    const res = await clerk.post(`${room}/turnos/2/solicitud`, { service_code: "alumbrado", description: "Luminaria apagada en la esquina de Donceles.", shareContact: "1" });
    assert.equal(res.statusCode, 303, res.body);
    const [stored] = await requests();
    const contact = await t.services.db.selectFrom("request_contacts").select(["name", "email", "phone"]).where("request_id", "=", stored!.id).executeTakeFirstOrThrow();
    assert.deepEqual(contact, { name: ATTENDEE.name, email: ATTENDEE.email, phone: ATTENDEE.phone });
    assert.equal((await turn(2)).status, "atendido");
  });

  it("brings the form back with Spanish messages and stores nothing when the petition is wrong or the hearing is not open", async () => {
    // Not open yet: the request is not filed either (the link is written in the same transaction).
    const early = await clerk.post(`${room}/turnos/1/solicitud`, { service_code: "alumbrado", description: "Luminaria apagada en la esquina." });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /Abra la audiencia antes de registrar peticiones\./);
    assert.deepEqual(await requests(), []);

    await openAndCall();
    const short = await clerk.post(`${room}/turnos/1/solicitud`, { service_code: "alumbrado", description: "x", address: "Calle Donceles 20" });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /Describa el problema \(al menos 5 caracteres\)\./);
    assert.match(short.body, /value="Calle Donceles 20"/);
    const noPlace = await clerk.post(`${room}/turnos/1/solicitud`, { service_code: "fuga-agua", description: "Fuga de agua frente al mercado." });
    assert.equal(noPlace.statusCode, 400);
    assert.match(noPlace.body, /necesita la ubicación en el mapa/);
    assert.match(noPlace.body, /Fuga de agua frente al mercado\./);
    const badColonia = await clerk.post(`${room}/turnos/1/solicitud`, { service_code: "alumbrado", description: "Luminaria apagada.", colonia: "centro; drop" });
    assert.equal(badColonia.statusCode, 422);
    assert.match(badColonia.body, /Elija una opción de la lista\./);
    const badProposal = await clerk.post(`${room}/turnos/1/propuesta`, { processId: String(w.process.id), kind: "idea", title: "Corta", body: "Muy poco." });
    assert.equal(badProposal.statusCode, 422);
    assert.match(badProposal.body, /al menos 15 caracteres/);
    assert.match(badProposal.body, /value="Corta"/);

    assert.deepEqual(await requests(), []);
    assert.deepEqual(await petitions(), []);
    assert.equal((await t.services.db.selectFrom("proposals").select("id").execute()).length, 0);
    assert.equal((await turn(1)).status, "llamado");
  });

  it("records a petition as a proposal of a process open for proposals, counted under its type", async () => {
    await openAndCall();
    const res = await clerk.post(`${room}/turnos/2/propuesta`, {
      processId: String(w.process.id),
      kind: "idea",
      title: "Huertos urbanos en las azoteas de los mercados",
      body: "Aprovechar las azoteas de los mercados públicos para huertos comunitarios con las y los locatarios.",
    });
    assert.equal(res.statusCode, 303, res.body);
    const proposal = await t.services.db.selectFrom("proposals").select(["id", "number", "channel", "entered_by", "body"]).executeTakeFirstOrThrow();
    assert.equal(proposal.channel, "hearing");
    assert.equal(proposal.entered_by, w.clerk.userId);
    assert.match(proposal.body, /Presentada en la audiencia pública «Miércoles abierto»/);
    assert.deepEqual(await petitions(), [{ turn_number: 2, topic: "Idea", request_id: null, proposal_id: proposal.id, created_by: w.clerk.userId }]);
    const page = await clerk.get(`${room}/turnos/2`);
    assert.match(page.body, /<a href="\/cuauhtemoc\/participa\/plan-de-accion\/propuestas\/1">PROP-0001<\/a>/);
    const mail = readOutbox(t.services.mailer.outboxDir!).find((m) => m.to === ATTENDEE.email);
    assert.ok(mail);
    assert.match(mail.text, /PROP-0001/);
  });

  it("publishes the summary after closing — attendance, petitions by topic, commitments, folios — and no attendee's name, contact or words anywhere public", async () => {
    const admin = await openAndCall();
    assert.equal((await clerk.post(`${room}/turnos/1/solicitud`, { service_code: "basura", description: "No pasa el camión recolector." })).statusCode, 303);
    assert.equal((await clerk.post(`${room}/llamar`, {})).statusCode, 303);
    assert.equal((await clerk.post(`${room}/turnos/2/solicitud`, { service_code: "alumbrado", description: "Luminaria apagada en Donceles.", shareContact: "1" })).statusCode, 303);
    assert.equal((await clerk.post(`${room}/turnos/2/solicitud`, { service_code: "alumbrado", description: "Otra luminaria apagada en Donceles." })).statusCode, 303);
    assert.equal((await clerk.post(`${room}/llegadas`, { topic: "Vine pero me fui", name: "Ausencio Privado" })).statusCode, 303);

    const badClose = await admin.post(`${room}/concluir`, { summary: "Corto", commitments: "ok" });
    assert.equal(badClose.statusCode, 422);
    assert.match(badClose.body, /El resumen debe tener al menos 10 caracteres\./);
    assert.match(badClose.body, /cada renglón debe tener de 5 a 500 caracteres/);
    assert.equal((await admin.post(`${room}/concluir`, { summary: "Se escuchó a dos personas; sus peticiones ya tienen folio.", commitments: "Revisar el alumbrado de Donceles, en 10 días hábiles\nPublicar la ruta del camión recolector" })).statusCode, 303);
    assert.equal((await turn(3)).status, "ausente");

    const folios = (await requests()).map((r) => r.folio);
    assert.equal(folios.length, 3);
    const anon = new Browser(app);
    const pub = await anon.get(`/cuauhtemoc/audiencias/${h.slug}`);
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /Turnos registrados<\/dt><dd>3<\/dd>/);
    assert.match(pub.body, /Personas atendidas<\/dt><dd>2<\/dd>/);
    assert.match(pub.body, /Peticiones registradas<\/dt><dd>3<\/dd>/);
    assert.match(pub.body, /<caption>Peticiones por tema<\/caption>[\s\S]*<td>Luminaria apagada<\/td><td class="num">2<\/td>[\s\S]*<td>Basura no recolectada<\/td><td class="num">1<\/td>/);
    assert.match(pub.body, /<li>Revisar el alumbrado de Donceles, en 10 días hábiles<\/li><li>Publicar la ruta del camión recolector<\/li>/);
    for (const f of folios) assert.match(pub.body, new RegExp(`<a href="/cuauhtemoc/solicitudes/${f}">${f}</a>`));
    assert.doesNotMatch(pub.body, /name="topic"/);

    const urls = [
      `/cuauhtemoc/audiencias/${h.slug}`,
      "/cuauhtemoc/audiencias",
      `/cuauhtemoc/audiencias/${h.slug}/pantalla`,
      `/cuauhtemoc/audiencias/${h.slug}/calendario.ics`,
      "/cuauhtemoc/audiencias.ics",
      "/cuauhtemoc/datos/audiencias.csv",
      "/cuauhtemoc/datos/audiencias.json",
    ];
    const outputs = await Promise.all(urls.map((u) => anon.get(u)));
    const secrets = [ATTENDEE.name, ATTENDEE.phone, ATTENDEE.email, ATTENDEE.topic, "turno.uno@correo.test", "Recolección de basura en mi calle", "Ausencio Privado", "Vine pero me fui", "ventanilla@cuauhtemoc.test"];
    for (const [i, res] of outputs.entries()) {
      assert.equal(res.statusCode, 200);
      for (const secret of secrets) assert.ok(!res.body.includes(secret), `${urls[i]} shows ${secret}`);
    }
    const json = JSON.parse(outputs[6]!.body) as { audiencia: string; asistencia: number; peticiones_por_tema: { tema: string; peticiones: number }[]; compromisos: string[] }[];
    assert.equal(json.length, 1);
    assert.equal(json[0]!.audiencia, h.slug);
    assert.equal(json[0]!.asistencia, 2);
    assert.deepEqual(json[0]!.peticiones_por_tema, [{ tema: "Luminaria apagada", peticiones: 2 }, { tema: "Basura no recolectada", peticiones: 1 }]);
    assert.equal(json[0]!.compromisos.length, 2);
    const csv = outputs[5]!.body;
    assert.ok(csv.startsWith("\uFEFFaudiencia,titulo,fecha,"));
    assert.match(csv, /,Luminaria apagada: 2; Basura no recolectada: 1,/);
    assert.match(csv, /"Revisar el alumbrado de Donceles, en 10 días hábiles; Publicar la ruta del camión recolector"/);
  });
});
