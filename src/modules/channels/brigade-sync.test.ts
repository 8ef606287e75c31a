import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { serviceByCode } from "../requests/catalogue.js";
import { createBrigade } from "./brigade-service.js";
import { signedIn as signedInAs, brigadeRecord, COYOACAN, postBatch, seedBrigadeWorld, ZOCALO, type BrigadeWorld } from "./brigade-test-support.js";

type Result = { index: number; clientId: string | null; status: string; folio?: string; proposalFolio?: string; errors?: { field: string; message: string }[] };

describe("brigades: batch synchronisation is idempotent and answers per record", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: BrigadeWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedBrigadeWorld(t.services);
  });
  after(async () => t.close());

  const db = () => t.services.db;
  const signedIn = (email: string) => signedInAs(app, email);
  async function sync(browser: Browser, records: unknown[], slug = "cuauhtemoc"): Promise<Result[]> {
    const res = await postBatch(app, browser, { records }, slug);
    assert.equal(res.statusCode, 200, res.body);
    const results = (res.json() as { results: Result[] }).results;
    assert.equal(results.length, records.length, "one result per record, in order");
    return results;
  }
  const count = async (table: "brigade_records" | "service_requests" | "request_contacts" | "proposals" | "request_photos") =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const brigadeRequests = () => db().selectFrom("service_requests").select(["id", "folio", "channel", "description"]).where("channel", "=", "brigade").orderBy("id").execute();

  it("stores each record of a batch sent ten times exactly once, answering ya_recibido with the same folios", async () => {
    const ana = await signedIn(w.volunteers.ana.email);
    const household = crypto.randomUUID();
    const batch = [
      brigadeRecord(w, { householdId: household }),
      brigadeRecord(w, { householdId: household, serviceCode: "basura", description: "Dos días sin que pase el camión de la basura.", attributes: { dias: "2" } }),
      brigadeRecord(w, { serviceCode: "bache", description: "Bache grande en el cruce con Madero.", location: { ...ZOCALO, accuracy: 12 }, coloniaId: null, attributes: { tamano: "3" } }),
    ];
    const first = await sync(ana, batch);
    assert.deepEqual(first.map((r) => r.status), ["creado", "creado", "creado"], JSON.stringify(first));
    for (const [i, r] of first.entries()) {
      assert.equal(r.clientId, batch[i]!.clientId);
      assert.match(r.folio!, /^CUAUH-\d{4}-\d{6}$/);
    }
    for (let attempt = 2; attempt <= 10; attempt++) {
      const again = await sync(ana, batch);
      assert.deepEqual(again.map((r) => [r.clientId, r.status, r.folio]), first.map((r) => [r.clientId, "ya_recibido", r.folio]), `attempt ${attempt}`);
    }
    const requests = await brigadeRequests();
    assert.equal(requests.length, 3);
    assert.deepEqual(requests.map((r) => r.folio).sort(), first.map((r) => r.folio).sort());
    assert.equal(await count("service_requests"), 3, "no request on another channel either");
    const rows = await db().selectFrom("brigade_records").select(["client_id", "kind", "member_user_id", "household_id", "colonia_id", "request_id"]).orderBy("captured_at").execute();
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.member_user_id === w.volunteers.ana.userId && r.kind === "solicitud" && r.request_id !== null));
    const bache = rows.find((r) => r.client_id === batch[2]!.clientId)!;
    assert.equal(bache.colonia_id, w.colonias.centro, "the point in the Zócalo places the record in Centro");
    const audits = await db().selectFrom("audit_log").select("subject_id").where("action", "=", "brigades.record.sync").execute();
    assert.deepEqual(audits.map((a) => a.subject_id).sort(), batch.map((r) => r.clientId as string).sort(), "each record audited once");
  });

  it("loses nothing and duplicates nothing when a batch was cut after three records and is sent again whole", async () => {
    const ana = await signedIn(w.volunteers.ana.email);
    const six = Array.from({ length: 6 }, (_, i) => brigadeRecord(w, { description: `Luminaria apagada número ${i + 1} de la calle Regina.` }));
    // The server stored the first three; the answer never reached the phone.
    const lost = await sync(ana, six.slice(0, 3));
    const resent = await sync(ana, six);
    assert.deepEqual(resent.map((r) => r.status), ["ya_recibido", "ya_recibido", "ya_recibido", "creado", "creado", "creado"]);
    assert.deepEqual(resent.slice(0, 3).map((r) => r.folio), lost.map((r) => r.folio));
    assert.equal(await count("brigade_records"), 6);
    const requests = await brigadeRequests();
    assert.equal(requests.length, 6);
    assert.equal(new Set(requests.map((r) => r.description)).size, 6, "each description once");
  });

  it("files one request when the same record arrives twice at the same moment", async () => {
    const ana = await signedIn(w.volunteers.ana.email);
    const record = brigadeRecord(w);
    const [a, b] = await Promise.all([sync(ana, [record]), sync(ana, [record])]);
    assert.deepEqual([a[0]!.status, b[0]!.status].sort(), ["creado", "ya_recibido"]);
    assert.equal(a[0]!.folio, b[0]!.folio, "both answers name the same folio");
    assert.equal(await count("service_requests"), 1);
    assert.equal(await count("brigade_records"), 1);
  });

  it("answers each mistaken record with Spanish errors and stores the valid records of the same batch", async () => {
    const ana = await signedIn(w.volunteers.ana.email);
    await db().transaction().execute((trx) =>
      createBrigade(trx, w.cuauhtemoc.id, anonymous, { slug: "guerrero-norte", name: "Guerrero Norte", description: "", startsOn: w.today, endsOn: w.today, status: "activa", processId: null }),
    );
    await db().updateTable("request_services").set({ active: false }).where("municipality_id", "=", w.cuauhtemoc.id).where("code", "=", "basura").execute();
    serviceByCode.clear(); // as the catalogue's own edit does
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer();
    const tooLarge = Buffer.alloc(Math.round(5.2 * 1024 * 1024), 7);
    tooLarge.set([0xff, 0xd8, 0xff], 0);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const batch: unknown[] = [
      brigadeRecord(w, { description: "Válida: luminaria apagada en la calle Mesones.", photo: jpeg.toString("base64") }),
      brigadeRecord(w, { clientId: "no-es-un-uuid" }),
      brigadeRecord(w, { serviceCode: "ovnis" }),
      brigadeRecord(w, { serviceCode: "basura", description: "Basura acumulada en la esquina." }),
      brigadeRecord(w, { coloniaId: w.colonias.leon }),
      brigadeRecord(w, { photo: tooLarge.toString("base64") }),
      brigadeRecord(w, { photo: Buffer.from("%PDF-1.4 no es una foto").toString("base64") }),
      brigadeRecord(w, { brigade: "otra-brigada" }),
      brigadeRecord(w, { contact: { name: "Rosa Pérez", phone: "55 1234 5678" } }),
      brigadeRecord(w, { capturedAt: tomorrow }),
      brigadeRecord(w, { location: { ...COYOACAN, accuracy: 5 }, coloniaId: null }),
      "no soy un registro",
      brigadeRecord(w, { kind: "visita", description: "", serviceCode: "", notes: "Nadie abrió; se dejó volante." }),
      brigadeRecord(w, { brigade: "guerrero-norte" }),
    ];
    const results = await sync(ana, batch);
    const errorOf = (i: number) => {
      assert.equal(results[i]!.status, "error", `record ${i}: ${JSON.stringify(results[i])}`);
      return results[i]!.errors!;
    };
    assert.equal(results[0]!.status, "creado");
    assert.deepEqual(errorOf(1), [{ field: "clientId", message: "El registro no trae un identificador válido (UUID) generado por el teléfono." }]);
    assert.equal(results[1]!.clientId, null);
    assert.equal(results[1]!.index, 1);
    assert.deepEqual(errorOf(2), [{ field: "serviceCode", message: "El servicio «ovnis» no existe en este municipio; elija otro." }]);
    assert.deepEqual(errorOf(3), [{ field: "serviceCode", message: "El servicio «Basura no recolectada» ya no se ofrece; elija otro." }]);
    assert.deepEqual(errorOf(4), [{ field: "coloniaId", message: "La colonia ya no existe en el catálogo; elija otra." }]);
    assert.deepEqual(errorOf(5), [{ field: "photo", message: "La foto pesa 5.2 MB; el máximo es 4 MB." }]);
    assert.deepEqual(errorOf(6), [{ field: "photo", message: "El archivo de la foto no es una imagen JPEG o PNG." }]);
    assert.deepEqual(errorOf(7), [{ field: "brigade", message: "La brigada «otra-brigada» no existe en este municipio." }]);
    assert.match(errorOf(8)[0]!.message, /^Sin el consentimiento de la persona no se guardan sus datos de contacto/);
    assert.deepEqual(errorOf(9), [{ field: "capturedAt", message: "La fecha de captura está en el futuro: revise la fecha y la hora del teléfono." }]);
    assert.deepEqual(errorOf(10), [{ field: "location", message: "La ubicación está fuera de Cuauhtémoc: vuelva a tomarla o elija solo la colonia." }]);
    assert.deepEqual(results[11], { index: 11, clientId: null, status: "error", errors: [{ field: "general", message: "El registro no tiene el formato esperado." }] });
    assert.equal(results[12]!.status, "creado", "a visit without a request is stored");
    assert.deepEqual(errorOf(13), [{ field: "brigade", message: "Usted no es integrante de la brigada «Guerrero Norte»; pida a la coordinación que le agregue." }]);

    assert.equal(await count("brigade_records"), 2, "only the valid request and the visit");
    const [stored] = await brigadeRequests();
    assert.equal(stored!.folio, results[0]!.folio);
    assert.equal(await count("request_photos"), 1, "the valid photo was kept with its request");
    // Once the mistake is fixed the same record (same id: nothing was stored) goes through.
    const fixed = await sync(ana, [{ ...(batch[3] as object), serviceCode: "alumbrado" }]);
    assert.equal(fixed[0]!.status, "creado");
  });

  it("refuses a capture dated before the brigade started, and a proposal when the brigade has no process", async () => {
    const ana = await signedIn(w.volunteers.ana.email);
    const early = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const [before] = await sync(ana, [brigadeRecord(w, { capturedAt: early })]);
    assert.equal(before!.status, "error");
    assert.equal(before!.errors![0]!.field, "capturedAt");
    assert.match(before!.errors![0]!.message, /es anterior al inicio de la brigada/);
    await db().updateTable("brigades").set({ process_id: null }).where("id", "=", w.brigade.id).execute();
    const [proposal] = await sync(ana, [brigadeRecord(w, { kind: "propuesta", title: "Más bancas en la Alameda", body: "Proponemos bancas con sombra en la Alameda Central." })]);
    assert.deepEqual(proposal!.errors, [{ field: "kind", message: `La brigada «${w.brigade.name}» no recibe propuestas: no tiene un proceso participativo.` }]);
    assert.equal(await count("brigade_records"), 0);
  });

  it("files proposals into the brigade's process and counts visits by household", async () => {
    const beto = await signedIn(w.volunteers.beto.email);
    const household = crypto.randomUUID();
    const results = await sync(beto, [
      brigadeRecord(w, { kind: "propuesta", householdId: household, title: "Más bancas en la Alameda", body: "Proponemos bancas con sombra en la Alameda Central.", proposalKind: "idea" }),
      brigadeRecord(w, { kind: "visita", householdId: household, notes: "La señora pidió información del programa de becas." }),
      brigadeRecord(w, { kind: "propuesta", title: "Sí", body: "Más luz" }),
    ]);
    assert.equal(results[0]!.status, "creado");
    assert.match(results[0]!.proposalFolio!, /^PROP-\d{4}$/);
    assert.equal(results[1]!.status, "creado");
    assert.deepEqual(results[2]!.errors!.map((e) => e.field), ["title", "body"], JSON.stringify(results[2]));
    const proposal = await db().selectFrom("proposals").select(["process_id", "channel", "kind", "title"]).executeTakeFirstOrThrow();
    assert.deepEqual(proposal, { process_id: w.process.id, channel: "brigade", kind: "idea", title: "Más bancas en la Alameda" });
    const again = await sync(beto, [brigadeRecord(w, { clientId: (await db().selectFrom("brigade_records").select("client_id").where("kind", "=", "propuesta").executeTakeFirstOrThrow()).client_id })]);
    assert.deepEqual(again[0], { index: 0, clientId: again[0]!.clientId, status: "ya_recibido", proposalFolio: results[0]!.proposalFolio });
    assert.equal(await count("proposals"), 1);
  });

  it("answers a body that is not a JSON batch with 400 problem+json and stores nothing", async () => {
    const ana = await signedIn(w.volunteers.ana.email);
    for (const body of ["{no es json", JSON.stringify([brigadeRecord(w)]), JSON.stringify({ registros: [] }), JSON.stringify({ records: [] }), JSON.stringify({ records: { "0": brigadeRecord(w) } }), JSON.stringify(null)]) {
      const res = await postBatch(app, ana, body);
      assert.equal(res.statusCode, 400, body);
      assert.match(res.headers["content-type"] as string, /^application\/problem\+json/);
      assert.equal(res.json().status, 400);
    }
    const tooMany = await postBatch(app, ana, { records: Array.from({ length: 21 }, () => brigadeRecord(w)) });
    assert.equal(tooMany.statusCode, 400);
    assert.equal(await count("brigade_records"), 0);
  });

  it("asks anonymous phones to sign in (401), refuses accounts without a brigade (403) and requests without the CSRF token", async () => {
    const anonymous = new Browser(app);
    const res = await postBatch(app, anonymous, { records: [brigadeRecord(w)] });
    assert.equal(res.statusCode, 401);
    assert.match(res.headers["content-type"] as string, /^application\/problem\+json/);
    assert.match(res.json().detail, /Su sesión terminó/);
    const clerk = await signedIn(w.clerk.email);
    const refused = await postBatch(app, clerk, { records: [brigadeRecord(w)] });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().detail, "Usted no es integrante de ninguna brigada de Cuauhtémoc.");
    const ana = await signedIn(w.volunteers.ana.email);
    const forged = await app.inject({
      method: "POST", url: "/cuauhtemoc/brigada/sincronizar", payload: { records: [brigadeRecord(w)] },
      headers: { cookie: ana.cookieHeader, accept: "application/json" },
    });
    assert.equal(forged.statusCode, 403);
    // A member of a brigade that concluded learns it per record.
    await db().updateTable("brigades").set({ status: "concluida" }).where("id", "=", w.brigade.id).execute();
    const [late] = await sync(ana, [brigadeRecord(w)]);
    assert.deepEqual(late!.errors, [{ field: "brigade", message: `La brigada «${w.brigade.name}» no está activa: ya no recibe registros.` }]);
    assert.equal(await count("brigade_records"), 0);
  });

  it("keeps each municipality's brigades apart: a León volunteer cannot sync into Cuauhtémoc's brigade", async () => {
    const lu = await signedIn(w.leonVolunteer.email);
    const into = await postBatch(app, lu, { records: [brigadeRecord(w)] });
    assert.equal(into.statusCode, 403, "no brigade of Cuauhtémoc is hers");
    // Ana belongs to Cuauhtémoc's "centro"; León also has a brigade called "centro", which is not hers.
    const ana = await signedIn(w.volunteers.ana.email);
    const leonBatch = await postBatch(app, ana, { records: [brigadeRecord(w, { coloniaId: w.colonias.leon })] }, "leon");
    assert.equal(leonBatch.statusCode, 403);
    // Her own León record lands in León.
    const [own] = await sync(lu, [brigadeRecord(w, { coloniaId: w.colonias.leon, serviceCode: "alumbrado" })], "leon");
    assert.equal(own!.status, "creado", JSON.stringify(own));
    assert.match(own!.folio!, /^LEON-/);
    const rows = await db().selectFrom("brigade_records").select(["municipality_id", "brigade_id"]).execute();
    assert.deepEqual(rows, [{ municipality_id: w.leon.id, brigade_id: w.leonBrigade.id }]);
  });

  it("sends a consented contact to the request's contact and the follow-up list, never to public pages", async () => {
    const ana = await signedIn(w.volunteers.ana.email);
    const contact = { name: "Rosa Ejemplo Pérez", phone: "55 1234 5678", email: "rosa.ejemplo@correo.test" };
    const [r] = await sync(ana, [brigadeRecord(w, { consent: true, contact, paperForm: "F-0042" })]);
    assert.equal(r!.status, "creado");
    const stored = await db()
      .selectFrom("request_contacts as c")
      .innerJoin("service_requests as q", (j) => j.onRef("q.municipality_id", "=", "c.municipality_id").onRef("q.id", "=", "c.request_id"))
      .select(["q.folio", "c.name", "c.phone", "c.email"])
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { folio: r!.folio, name: contact.name, phone: contact.phone, email: contact.email });
    const record = await db().selectFrom("brigade_records").select(["consent", "contact_name", "contact_phone", "contact_email", "paper_form"]).executeTakeFirstOrThrow();
    assert.deepEqual(record, { consent: true, contact_name: contact.name, contact_phone: contact.phone, contact_email: contact.email, paper_form: "F-0042" });

    const beto = await signedIn(w.volunteers.beto.email);
    const summary = await beto.get(`/cuauhtemoc/admin/brigadas/${w.brigade.slug}`);
    assert.equal(summary.statusCode, 200);
    const followUp = summary.body.slice(summary.body.indexOf('id="seguimiento"'));
    for (const v of [contact.name, contact.phone, contact.email, "F-0042", r!.folio!]) assert.ok(followUp.includes(v), `the follow-up list shows ${v}`);

    const visitor = new Browser(app);
    for (const url of [`/cuauhtemoc/brigadas/${w.brigade.slug}`, `/cuauhtemoc/solicitudes/${r!.folio}`, "/cuauhtemoc/brigadas"]) {
      const page = await visitor.get(url);
      assert.equal(page.statusCode, 200, url);
      for (const personal of [contact.name, contact.phone, contact.email, "Rosa", "F-0042", w.volunteers.ana.email, "ana.brigadista"]) {
        assert.ok(!page.body.includes(personal), `${url} does not show ${personal}`);
      }
    }
    const publicBrigade = await visitor.get(`/cuauhtemoc/brigadas/${w.brigade.slug}`);
    assert.ok(publicBrigade.body.includes(`href="/cuauhtemoc/solicitudes/${r!.folio}"`), "the public page links the public folio");
  });
});
