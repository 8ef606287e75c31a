import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { readOutbox } from "../../platform/mail.js";
import { anonymous } from "../../platform/policy.js";
import { createRequest } from "../requests/create.js";
import { login, seedChannelsWorld, ZOCALO, PARQUE_MEXICO, type ChannelsWorld } from "./test-support.js";

const FORM = "/cuauhtemoc/admin/solicitudes/nueva";
/** The person's data: staff pages only. */
const PERSON = { name: "Refugia Zyxperson Marroquín", phone: "55 4433 2211", email: "refugia.zyx@ejemplo.mx" };

describe("assisted filing: staff file a request on behalf of a person", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ChannelsWorld;
  let officeId: number;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedChannelsWorld(t.services);
    const offices = await t.services.db
      .insertInto("service_offices")
      .values([
        { municipality_id: w.cuauhtemoc.id, slug: "delegacion-centro", name: "Delegación Centro Histórico", address: "República de Brasil 12, Centro", hours: "[]" },
        { municipality_id: w.cuauhtemoc.id, slug: "modulo-cerrado", name: "Módulo Cerrado", address: "Avenida Juárez 8, Centro", hours: "[]", active: false },
      ])
      .returning("id")
      .execute();
    officeId = offices[0]!.id;
  });
  after(async () => t.close());

  const db = () => t.services.db;
  const as = async (email: string) => {
    const b = new Browser(app);
    await login(b, email);
    return b;
  };
  const count = async (table: "service_requests" | "request_contacts" | "assisted_filings" | "request_photos") =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const valid = () => ({
    servicio: "alumbrado",
    canal: "office",
    oficina: String(officeId),
    lat: String(ZOCALO.lat),
    lon: String(ZOCALO.lon),
    colonia: "",
    address: "Calle Zyxaddress 77, interior 3",
    description: "La luminaria frente al mercado lleva una semana apagada y la calle queda a oscuras.",
    "attribute[poste]": "CFE 12345",
    ...PERSON,
  });

  it("records the filing as assisted by the clerk, with its channel and office, the contact apart; the receipt shows the folio and the private link once", async () => {
    const clerk = await as(w.clerk.email);
    const chooser = await clerk.get(FORM);
    assert.equal(chooser.statusCode, 200);
    assert.match(chooser.body, /<h1>Registrar una solicitud por otra persona<\/h1>/);
    assert.match(chooser.body, /<option value="alumbrado">Luminaria apagada/);
    const page = await clerk.get(`${FORM}?servicio=alumbrado`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<option value="${officeId}">Delegación Centro Histórico</option>`));
    assert.ok(!page.body.includes("Módulo Cerrado"), "inactive offices are not offered");
    assert.ok(page.body.includes('<option value="office" selected>Oficina</option>'), "office is the default channel");
    assert.match(page.body, /enctype="multipart\/form-data"/);

    const res = await clerk.post(FORM, valid());
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const stored = await db().selectFrom("service_requests").selectAll().executeTakeFirstOrThrow();
    assert.equal(res.headers.location, `/cuauhtemoc/admin/solicitudes/nueva/recibo/${stored.folio}`);
    assert.equal(stored.channel, "office");
    assert.equal(stored.assisted_by_user_id, w.clerk.userId);
    assert.equal(stored.address, "Calle Zyxaddress 77, interior 3");
    const contact = await db().selectFrom("request_contacts").selectAll().where("request_id", "=", stored.id).executeTakeFirstOrThrow();
    assert.deepEqual({ name: contact.name, phone: contact.phone, email: contact.email }, PERSON);
    const filing = await db().selectFrom("assisted_filings").selectAll().executeTakeFirstOrThrow();
    assert.equal(filing.request_id, stored.id);
    assert.equal(filing.office_id, officeId);
    const audit = await db().selectFrom("audit_log").select(["action", "subject_id"]).where("action", "=", "requests.fileAssisted").executeTakeFirstOrThrow();
    assert.equal(audit.subject_id, stored.folio);

    const receipt = await clerk.get(res.headers.location as string);
    assert.equal(receipt.statusCode, 200);
    assert.equal(receipt.headers["cache-control"], "no-store");
    assert.match(receipt.body, new RegExp(`<strong>${stored.folio}</strong>`));
    assert.match(receipt.body, /Delegación Centro Histórico/);
    assert.match(receipt.body, new RegExp(`/cuauhtemoc/solicitudes/buscar\\?folio=${stored.folio}`));
    assert.match(receipt.body, new RegExp(`/cuauhtemoc/solicitudes/${stored.folio}"`));
    const tracking = /\/cuauhtemoc\/solicitudes\/seguimiento\/([A-Za-z0-9_-]+)/.exec(receipt.body);
    assert.ok(tracking, "the private tracking link is on the receipt");
    assert.match(receipt.body, /Se envió el folio y el enlace privado al correo/);
    for (const value of Object.values(PERSON)) assert.ok(!receipt.body.includes(value), `the receipt does not print ${value}`);
    const again = await clerk.get(res.headers.location as string);
    assert.equal(again.statusCode, 200);
    assert.ok(!again.body.includes("/solicitudes/seguimiento/"), "the private link is shown once");
    assert.match(again.body, /se mostró una sola vez/);
    assert.equal((await new Browser(app).get(tracking[0])).statusCode, 200, "the person's private link works");
    const mail = readOutbox(t.services.mailer.outboxDir!).find((m) => m.to === PERSON.email);
    assert.ok(mail && mail.text.includes(stored.folio) && mail.text.includes(tracking[0]), "the person gets the folio and the private link by e-mail");

    // The public folio page says how it was received, and nothing about the person or the clerk.
    const visitor = new Browser(app);
    const folioPage = await visitor.get(`/cuauhtemoc/solicitudes/${stored.folio}`);
    assert.equal(folioPage.statusCode, 200);
    assert.match(folioPage.body, /<dt>Recibida por<\/dt><dd>Oficina<\/dd>/);
    for (const secret of [PERSON.name, "Zyxperson", PERSON.email, PERSON.phone, "4433 2211", "44332211", "Zyxaddress", w.clerk.email, "ventanilla"]) {
      assert.ok(!folioPage.body.includes(secret), `the public folio page does not show ${secret}`);
    }
    for (const url of ["/cuauhtemoc/datos/solicitudes.csv", "/cuauhtemoc/datos/solicitudes.geojson", "/cuauhtemoc/datos/solicitudes-por-canal.csv", `/open311/v2/requests/${stored.folio}.json?jurisdiction_id=cuauhtemoc`, "/open311/v2/requests.json?jurisdiction_id=cuauhtemoc"]) {
      const body = (await visitor.get(url)).body;
      for (const secret of ["Zyxperson", PERSON.email, "4433 2211", "Zyxaddress", w.clerk.email, "ventanilla"]) assert.ok(!body.includes(secret), `${url} does not contain ${secret}`);
    }

    // The staff queue filters by channel.
    const admin = await as(w.emails.admin);
    assert.match((await admin.get("/cuauhtemoc/admin/solicitudes?dependencia=&canal=office")).body, new RegExp(stored.folio));
    assert.doesNotMatch((await admin.get("/cuauhtemoc/admin/solicitudes?dependencia=&canal=web")).body, new RegExp(stored.folio));
  });

  it("files on the phone without an office, from the multipart form with a photo", async () => {
    const clerk = await as(w.clerk.email);
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#336699" } }).jpeg().toBuffer();
    const fields: Record<string, string> = { ...valid(), canal: "phone", oficina: "", lat: String(PARQUE_MEXICO.lat), lon: String(PARQUE_MEXICO.lon), _csrf: clerk.csrf };
    const boundary = "----asistida" + Math.random().toString(36).slice(2);
    const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="luminaria.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), photo, Buffer.from("\r\n"));
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await app.inject({ method: "POST", url: FORM, payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: clerk.cookieHeader } });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const stored = await db().selectFrom("service_requests").select(["id", "channel", "assisted_by_user_id"]).executeTakeFirstOrThrow();
    assert.equal(stored.channel, "phone");
    assert.equal(stored.assisted_by_user_id, w.clerk.userId);
    assert.equal((await db().selectFrom("assisted_filings").select("office_id").executeTakeFirstOrThrow()).office_id, null);
    assert.equal(await count("request_photos"), 1);
  });

  it("answers bad input with the form again, every Spanish message beside its field (422), and stores nothing", async () => {
    const clerk = await as(w.clerk.email);
    const bad = await clerk.post(FORM, { ...valid(), oficina: "", description: "ab", email: "no-es-un-correo", lat: "19.43", lon: "" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Elija la oficina donde se atiende a la persona\./);
    assert.match(bad.body, /Describa el problema \(al menos 5 caracteres\)\./);
    assert.match(bad.body, /El correo electrónico no es válido\./);
    assert.match(bad.body, /Las coordenadas no son válidas/);
    assert.match(bad.body, /id="error-oficina"/);
    assert.match(bad.body, /id="error-description"/);
    assert.match(bad.body, /no-es-un-correo/, "what was typed comes back");

    // Every request field right, only the channel's own facts wrong: still nothing stored.
    const noOffice = await clerk.post(FORM, { ...valid(), oficina: "" });
    assert.equal(noOffice.statusCode, 422);
    assert.match(noOffice.body, /Elija la oficina donde se atiende a la persona\./);
    const closed = await clerk.post(FORM, { ...valid(), oficina: String(officeId + 1) });
    assert.equal(closed.statusCode, 422);
    assert.match(closed.body, /La oficina elegida no existe o ya no está activa/);
    const web = await clerk.post(FORM, { ...valid(), canal: "web" });
    assert.equal(web.statusCode, 422);
    assert.match(web.body, /Elija cómo se recibe la solicitud/);
    const colonia = await clerk.post(FORM, { ...valid(), colonia: "no-existe" });
    assert.equal(colonia.statusCode, 422);
    assert.match(colonia.body, /La colonia elegida no existe en este municipio\./);
    const unknown = await clerk.post(FORM, { ...valid(), servicio: "nada" });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /El servicio «nada» no existe/);

    for (const table of ["service_requests", "request_contacts", "assisted_filings", "request_photos"] as const) assert.equal(await count(table), 0, table);
    assert.equal(Number((await db().selectFrom("request_folio_counters").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n), 0, "no folio was used up");
    // A valid filing afterwards gets the first folio.
    const ok = await clerk.post(FORM, valid());
    assert.equal(ok.statusCode, 303);
    assert.match(ok.headers.location as string, /-000001$/);
  });

  it("is for front-desk staff of the municipality: observers 403, anonymous visitors to the login, León's staff 403 here and 404 under León", async () => {
    const observer = await as(w.emails.observer);
    assert.equal((await observer.get(FORM)).statusCode, 403);
    assert.equal((await observer.post(FORM, valid())).statusCode, 403);
    const anon = new Browser(app);
    const login = await anon.get(FORM);
    assert.equal(login.statusCode, 302);
    assert.equal(login.headers.location, `/entrar?next=${encodeURIComponent(FORM)}`);
    assert.equal((await anon.post(FORM, valid())).statusCode, 401);
    const leon = await as(w.emails.leonAdmin);
    assert.equal((await leon.get(FORM)).statusCode, 403);
    assert.equal((await leon.post(FORM, valid())).statusCode, 403);
    assert.equal(await count("service_requests"), 0);

    const clerk = await as(w.clerk.email);
    const filed = await clerk.post(FORM, valid());
    const receipt = filed.headers.location as string;
    assert.equal((await leon.get(receipt)).statusCode, 403);
    assert.equal((await leon.get(receipt.replace("/cuauhtemoc/", "/leon/"))).statusCode, 404);
    assert.equal((await observer.get(receipt)).statusCode, 403);
  });

  it("keeps its static address apart from the staff page of a folio, and gives no receipt for a request nobody filed on someone's behalf", async () => {
    const web = await createRequest(t.services, w.cuauhtemoc, { serviceCode: "alumbrado", description: "Luminaria apagada frente al parque", location: ZOCALO, channel: "web" }, anonymous);
    const admin = await as(w.emails.admin);
    const form = await admin.get(FORM);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1>Registrar una solicitud por otra persona<\/h1>/);
    const staffPage = await admin.get(`/cuauhtemoc/admin/solicitudes/${web.folio}`);
    assert.equal(staffPage.statusCode, 200);
    assert.match(staffPage.body, new RegExp(web.folio));
    const noReceipt = await admin.get(`/cuauhtemoc/admin/solicitudes/nueva/recibo/${web.folio}`);
    assert.equal(noReceipt.statusCode, 404);
    assert.match(noReceipt.body, /no se registró a nombre de otra persona/);
    assert.equal((await admin.get("/cuauhtemoc/admin/solicitudes/nueva/recibo/CUAUH-2020-999999")).statusCode, 404);
  });

  it("lets a person follow a folio without an account, from the municipality's home, without JavaScript", async () => {
    const web = await createRequest(t.services, w.cuauhtemoc, { serviceCode: "alumbrado", description: "Luminaria apagada frente al parque", location: ZOCALO, channel: "web" }, anonymous);
    const visitor = new Browser(app);
    const home = await visitor.get("/cuauhtemoc");
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<a href="\/cuauhtemoc\/solicitudes\/buscar">Consultar el estado de un folio \(sin cuenta\)<\/a>/);
    const search = await visitor.get("/cuauhtemoc/solicitudes/buscar");
    assert.equal(search.statusCode, 200);
    assert.match(search.body, /<form method="get" action="\/cuauhtemoc\/solicitudes\/buscar"/);
    assert.match(search.body, /<label for="campo-folio">Buscar por folio/);
    assert.ok(!search.body.includes("error-folio"), "no complaint before a folio is typed");
    const found = await visitor.get(`/cuauhtemoc/solicitudes/buscar?folio=${encodeURIComponent(web.folio.toLowerCase())}`);
    assert.equal(found.statusCode, 303);
    assert.equal(found.headers.location, `/cuauhtemoc/solicitudes/${web.folio}`);
    const page = await visitor.get(found.headers.location as string);
    assert.match(page.body, /<dt>Recibida por<\/dt><dd>Sitio web<\/dd>/);
    const list = await visitor.get("/cuauhtemoc/solicitudes");
    assert.match(list.body, /<form method="get" action="\/cuauhtemoc\/solicitudes\/buscar"/, "the request list has the folio search too");
  });
});
