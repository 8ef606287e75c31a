import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { addDays } from "../../platform/calendar/dates.js";
import { signedIn as signedInAs, brigadeRecord, postBatch, seedBrigadeWorld, type BrigadeWorld } from "./brigade-test-support.js";

const ADMIN = "/cuauhtemoc/admin/brigadas";

const BRIGADE_FORM = (today: string) => ({
  name: "Mi barrio habla — Guerrero",
  slug: "guerrero",
  description: "Recorrido por la colonia Guerrero.",
  startsOn: addDays(today, -1),
  endsOn: addDays(today, 7),
  status: "activa",
  processId: "",
});

/** The text of the page with the markup removed (what a person reads). */
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");

describe("brigades: staff administration, summaries, public pages and the app's resources", () => {
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
  const brigadeCount = async () => Number((await db().selectFrom("brigades").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const here = () => `${ADMIN}/${w.brigade.slug}`;

  it("sends anonymous visitors to the login and refuses those who do not manage brigades", async () => {
    const anon = new Browser(app);
    for (const url of [ADMIN, here(), "/cuauhtemoc/brigada/"]) {
      const res = await anon.get(url);
      assert.equal(res.statusCode, 302, url);
      assert.equal(res.headers.location, `/entrar?next=${encodeURIComponent(url)}`);
    }
    assert.equal((await anon.post(ADMIN, BRIGADE_FORM(w.today))).statusCode, 401);
    const leon = await signedIn(w.emails.leonAdmin);
    assert.equal((await leon.get(ADMIN)).statusCode, 403);
    assert.equal((await leon.get(here())).statusCode, 403, "another town's administrator learns nothing of the brigade");
    const clerk = await signedIn(w.clerk.email);
    assert.equal((await clerk.get(ADMIN)).statusCode, 403);
    assert.equal((await clerk.get(here())).statusCode, 403);
    const ana = await signedIn(w.volunteers.ana.email);
    assert.equal((await ana.get(here())).statusCode, 403, "a brigadista captures but does not read the follow-up list");
    const beto = await signedIn(w.volunteers.beto.email);
    assert.equal((await beto.get(here())).statusCode, 200, "the coordinator reads the summary");
    assert.equal((await beto.post(here(), BRIGADE_FORM(w.today))).statusCode, 403, "but does not edit the brigade");
    assert.equal((await beto.post(`${here()}/integrantes`, { email: w.clerk.email, role: "brigadista" })).statusCode, 403);
    assert.equal(await brigadeCount(), 3);
  });

  it("creates a brigade, answering mistakes in Spanish beside the fields and storing nothing", async () => {
    const team = await signedIn(w.team.email);
    const wrong = await team.post(ADMIN, { ...BRIGADE_FORM(w.today), name: "", slug: "Colonia Guerrero", endsOn: addDays(w.today, -3), status: "urgente" });
    assert.equal(wrong.statusCode, 422);
    const page = text(wrong.body);
    for (const message of [
      "Escriba el nombre de la brigada.",
      "La dirección corta solo admite minúsculas sin acentos",
      "La fecha de término no puede ser anterior a la de inicio.",
      "Elija el estado: planeada, activa o concluida.",
    ]) assert.ok(page.includes(message), `the form says «${message}»`);
    assert.match(wrong.body, /id="error-slug"/);
    assert.ok(wrong.body.includes('value="Colonia Guerrero"'), "what was typed is kept");
    assert.equal(await brigadeCount(), 3);

    const taken = await team.post(ADMIN, { ...BRIGADE_FORM(w.today), slug: w.brigade.slug });
    assert.equal(taken.statusCode, 422);
    assert.ok(text(taken.body).includes(`Ya hay una brigada con la dirección corta «${w.brigade.slug}» en este municipio.`));

    const created = await team.post(ADMIN, BRIGADE_FORM(w.today));
    assert.equal(created.statusCode, 303);
    assert.equal(created.headers.location, `${ADMIN}/guerrero`);
    const row = await db().selectFrom("brigades").select(["name", "status", "created_by"]).where("municipality_id", "=", w.cuauhtemoc.id).where("slug", "=", "guerrero").executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: "Mi barrio habla — Guerrero", status: "activa", created_by: w.team.userId });
    const audit = await db().selectFrom("audit_log").select(["action", "actor_user_id"]).where("action", "=", "brigades.create").where("actor_user_id", "=", w.team.userId).execute();
    assert.equal(audit.length, 1);
    const list = await team.get(ADMIN);
    assert.ok(text(list.body).includes("Mi barrio habla — Guerrero"));
  });

  it("edits the route, the members and the data, refusing each mistake with a Spanish message", async () => {
    const admin = await signedIn(w.emails.admin);
    const stops = () => db().selectFrom("brigade_stops").select(["colonia_id"]).where("brigade_id", "=", w.brigade.id).orderBy("visit_on").execute();
    const outside = await admin.post(`${here()}/ruta`, { coloniaId: String(w.colonias.centro), visitOn: addDays(w.today, 40) });
    assert.equal(outside.statusCode, 422);
    assert.match(text(outside.body), /El día de la visita debe caer dentro de la brigada, del .* al .*\./);
    const noColonia = await admin.post(`${here()}/ruta`, { coloniaId: "", visitOn: w.today });
    assert.ok(text(noColonia.body).includes("Elija una colonia del municipio."));
    const foreign = await admin.post(`${here()}/ruta`, { coloniaId: String(w.colonias.leon), visitOn: w.today });
    assert.equal(foreign.statusCode, 422, "a León colonia is not on Cuauhtémoc's map");
    const twice = await admin.post(`${here()}/ruta`, { coloniaId: String(w.colonias.guerrero), visitOn: w.today });
    assert.equal(twice.statusCode, 422);
    assert.match(text(twice.body), /ya está en la ruta el/);
    assert.equal((await stops()).length, 3);
    const added = await admin.post(`${here()}/ruta`, { coloniaId: String(w.colonias.centro), visitOn: addDays(w.today, 2) });
    assert.equal(added.statusCode, 303);
    assert.equal((await stops()).length, 4);
    const removed = await admin.post(`${here()}/ruta/eliminar`, { coloniaId: String(w.colonias.centro), visitOn: addDays(w.today, 2) });
    assert.equal(removed.statusCode, 303);
    assert.equal((await stops()).length, 3);

    const unknown = await admin.post(`${here()}/integrantes`, { email: "nadie@example.test", role: "brigadista" });
    assert.equal(unknown.statusCode, 422);
    assert.ok(text(unknown.body).includes("No hay ninguna cuenta activa con el correo nadie@example.test."));
    const badRole = await admin.post(`${here()}/integrantes`, { email: w.clerk.email, role: "jefe" });
    assert.ok(text(badRole.body).includes("Elija el papel: coordinador o brigadista."));
    assert.equal((await admin.post(`${here()}/integrantes`, { email: w.clerk.email.toUpperCase(), role: "brigadista" })).statusCode, 303);
    assert.equal((await admin.post(`${here()}/integrantes`, { email: w.clerk.email, role: "coordinador" })).statusCode, 303);
    const role = () => db().selectFrom("brigade_members").select("role").where("brigade_id", "=", w.brigade.id).where("user_id", "=", w.clerk.userId).executeTakeFirst();
    assert.deepEqual(await role(), { role: "coordinador" }, "saving again changes the role");
    assert.equal((await admin.post(`${here()}/integrantes/${w.clerk.userId}/eliminar`)).statusCode, 303);
    assert.equal(await role(), undefined);

    const shrink = await admin.post(here(), { ...BRIGADE_FORM(w.today), slug: w.brigade.slug, name: w.brigade.name, startsOn: w.today, endsOn: w.today });
    assert.equal(shrink.statusCode, 422);
    assert.match(text(shrink.body), /La ruta tiene visitas fuera de las nuevas fechas/);
    const renamed = await admin.post(here(), { ...BRIGADE_FORM(w.today), slug: "centro-historico", name: w.brigade.name, startsOn: addDays(w.today, -5), endsOn: addDays(w.today, 10) });
    assert.equal(renamed.statusCode, 303);
    assert.equal(renamed.headers.location, `${ADMIN}/centro-historico`);
    const actions = await db().selectFrom("audit_log").select("action").where("subject_type", "=", "brigade").where("subject_id", "=", String(w.brigade.id)).where("actor_user_id", "=", w.users.admin).orderBy("seq").execute();
    assert.deepEqual(actions.map((a) => a.action), ["brigades.stop.add", "brigades.stop.remove", "brigades.member.add", "brigades.member.role", "brigades.member.remove", "brigades.update"]);
  });

  it("computes the staff summary from the stored records: households, kinds, services, colonias, members", async () => {
    const ana = await signedIn(w.volunteers.ana.email);
    const beto = await signedIn(w.volunteers.beto.email);
    const [h1, h2] = [crypto.randomUUID(), crypto.randomUUID()];
    const res1 = await postBatch(app, ana, { records: [
      brigadeRecord(w, { householdId: h1 }),
      brigadeRecord(w, { householdId: h1, serviceCode: "basura", description: "La basura lleva tres días en la esquina.", consent: true, contact: { phone: "55 8765 4321" } }),
      brigadeRecord(w, { householdId: h1, kind: "visita", notes: "Pidió volver el sábado." }),
    ] });
    const res2 = await postBatch(app, beto, { records: [brigadeRecord(w, { householdId: h2, coloniaId: w.colonias.guerrero })] });
    assert.ok([res1, res2].every((r) => r.statusCode === 200 && (r.json() as { results: { status: string }[] }).results.every((x) => x.status === "creado")));

    const page = await beto.get(here());
    assert.equal(page.statusCode, 200);
    const stats = (label: string) => new RegExp(`<dt>${label}</dt><dd>(\\d+)</dd>`).exec(page.body)?.[1];
    assert.equal(stats("Viviendas visitadas"), "2");
    assert.equal(stats("Solicitudes"), "3");
    assert.equal(stats("Propuestas"), "0");
    assert.equal(stats("Visitas sin solicitud"), "1");
    const table = (caption: string) => {
      const start = page.body.indexOf(`<caption>${caption}</caption>`);
      assert.ok(start > 0, `a table «${caption}»`);
      return text(page.body.slice(start, page.body.indexOf("</table>", start)));
    };
    assert.match(table("Solicitudes por servicio"), /Luminaria apagada 2 Basura no recolectada 1/);
    assert.match(table("Registros por colonia"), /Centro 3 Guerrero 1/i);
    assert.match(table("Registros por integrante"), /ana\.brigadista 3 beto\.brigadista 1/);
    const followUp = table("Registros con consentimiento de contacto");
    assert.ok(followUp.includes("55 8765 4321"), "the consented phone is on the follow-up list");
    const folio = (await db().selectFrom("service_requests as q").innerJoin("request_services as s", (j) => j.onRef("s.municipality_id", "=", "q.municipality_id").onRef("s.id", "=", "q.service_id")).select("q.folio").where("s.code", "=", "basura").executeTakeFirstOrThrow()).folio;
    assert.ok(page.body.includes(`href="/cuauhtemoc/admin/solicitudes/${folio}"`), "the follow-up links the staff request page");
    assert.equal((followUp.match(/55 /g) ?? []).length, 1, "only the record with consent is listed");
  });

  it("shows the public only active and concluded brigades, without names, phones or e-mails", async () => {
    const ana = await signedIn(w.volunteers.ana.email);
    const sent = await postBatch(app, ana, { records: [brigadeRecord(w, { consent: true, contact: { name: "Josefina Ejemplo", phone: "55 1111 2222", email: "josefina@correo.test" }, paperForm: "F-9" })] });
    assert.equal(sent.statusCode, 200);
    const visitor = new Browser(app);
    const list = await visitor.get("/cuauhtemoc/brigadas");
    assert.equal(list.statusCode, 200);
    assert.ok(text(list.body).includes(w.brigade.name));
    assert.ok(!list.body.includes("Brigada Roma (planeada)"), "a planned brigade is not listed");
    assert.equal((await visitor.get("/cuauhtemoc/brigadas/roma-planeada")).statusCode, 404);
    assert.equal((await visitor.get("/leon/brigadas/roma-planeada")).statusCode, 404);
    const page = await visitor.get(`/cuauhtemoc/brigadas/${w.brigade.slug}`);
    assert.equal(page.statusCode, 200);
    const body = text(page.body);
    assert.match(body, /Viviendas visitadas 1/);
    assert.match(body, /Luminaria apagada 1/);
    assert.match(body, /Guerrero/);
    for (const personal of ["Josefina", "55 1111 2222", "josefina@correo.test", "F-9", w.volunteers.ana.email, w.volunteers.beto.email, "ana.brigadista", "beto.brigadista", "Pidió"]) {
      assert.ok(!page.body.includes(personal), `the public page does not show ${personal}`);
    }
    await db().updateTable("brigades").set({ status: "concluida" }).where("id", "=", w.brigade.id).execute();
    assert.equal((await visitor.get(`/cuauhtemoc/brigadas/${w.brigade.slug}`)).statusCode, 200, "a concluded brigade stays public");
    assert.equal((await visitor.get("/leon/brigadas/centro")).statusCode, 200);
    assert.ok(!text((await visitor.get("/leon/brigadas")).body).includes(w.brigade.name), "León lists only its own brigades");
  });

  it("serves the app to members, explains it to others, and keeps personal data out of datos.json", async () => {
    const clerk = await signedIn(w.clerk.email);
    const none = await clerk.get("/cuauhtemoc/brigada/");
    assert.equal(none.statusCode, 200);
    assert.ok(text(none.body).includes("Usted no es integrante de ninguna brigada activa de este municipio."));
    assert.equal((await clerk.get("/cuauhtemoc/brigada")).statusCode, 301, "the app lives under its scope, with the final slash");

    const ana = await signedIn(w.volunteers.ana.email);
    const page = await ana.get("/cuauhtemoc/brigada/");
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('<link rel="manifest" href="/cuauhtemoc/brigada/manifest.webmanifest"/>'));
    assert.ok(page.body.includes('<script type="module" src="/static/js/brigada.js">'));
    assert.ok(text(page.body).includes("La app de brigada necesita JavaScript"), "the page says what to do without JavaScript");
    assert.ok(page.body.includes('href="/cuauhtemoc/solicitudes/nueva"'));
    assert.equal((page.body.match(/<h1/g) ?? []).length, 1);
    const texts = JSON.parse(/<script type="application\/json" id="brigada-textos">(.*?)<\/script>/s.exec(page.body)![1]!);
    assert.equal(texts.offline, "Sin conexión: los registros se guardan en este teléfono.");

    const datos = await ana.get("/cuauhtemoc/brigada/datos.json");
    assert.equal(datos.statusCode, 200);
    const d = datos.json();
    assert.equal(d.account.id, w.volunteers.ana.userId);
    assert.equal(d.csrfToken, ana.csrf, "a token that matches the phone's cookie");
    assert.deepEqual(d.brigades.map((b: { slug: string }) => b.slug), [w.brigade.slug], "only her active brigade; not the planned one");
    assert.deepEqual(d.brigades[0].route.map((s: { coloniaId: number }) => s.coloniaId), [w.colonias.centro, w.colonias.guerrero, w.colonias.hipodromo]);
    assert.equal(d.brigades[0].proposals.open, true);
    const bache = d.services.find((s: { code: string }) => s.code === "bache");
    assert.deepEqual({ location: bache.locationRequired, required: bache.questions.filter((q: { required: boolean }) => q.required).map((q: { code: string }) => q.code) }, { location: true, required: ["tamano"] });
    for (const personal of [w.volunteers.beto.email, "beto.brigadista", w.volunteers.ana.email, w.emails.admin]) assert.ok(!datos.body.includes(personal), `datos.json does not carry ${personal}`);
    const anonymousData = await new Browser(app).get("/cuauhtemoc/brigada/datos.json");
    assert.equal(anonymousData.statusCode, 401);
    assert.match(anonymousData.headers["content-type"] as string, /^application\/problem\+json/);

    const sw = await ana.get("/cuauhtemoc/brigada/sw.js");
    assert.equal(sw.statusCode, 200);
    assert.match(sw.headers["content-type"] as string, /^text\/javascript/);
    assert.match(sw.body, /^const VERSION = "[0-9a-f]{16}";/);
    assert.ok(sw.body.includes('addEventListener("fetch"'));
    const manifest = await new Browser(app).get("/cuauhtemoc/brigada/manifest.webmanifest");
    assert.equal(manifest.statusCode, 200);
    assert.deepEqual(
      (({ name, start_url, scope, display }) => ({ name, start_url, scope, display }))(JSON.parse(manifest.body)),
      { name: "Brigada — Cuauhtémoc", start_url: "/cuauhtemoc/brigada/", scope: "/cuauhtemoc/brigada/", display: "standalone" },
    );
    assert.equal((await ana.get("/no-existe/brigada/sw.js")).statusCode, 404);
  });
});
