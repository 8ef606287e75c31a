import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { anonymous } from "../../platform/policy.js";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { createRequest, type NewRequest } from "./create.js";
import { login, seedRequestsWorld, ZOCALO, type RequestsWorld } from "./test-support.js";

const DAY = 24 * 3_600_000;

describe("the staff queue and request page", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: RequestsWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
  });
  after(async () => t.close());

  /** alumbrado → Servicios Urbanos; banqueta → Obras. */
  const file = (input: Partial<NewRequest> = {}, now?: Date) =>
    createRequest(
      t.services,
      w.cuauhtemoc,
      { serviceCode: "alumbrado", description: "La luminaria de la esquina lleva una semana apagada", location: ZOCALO, channel: "web", ...input },
      anonymous,
      now,
    );
  const as = async (email: string) => {
    const b = new Browser(app);
    await login(b, email);
    return b;
  };
  const statusOf = async (folio: string) =>
    (await t.services.db.selectFrom("service_requests").select(["status", "assignee_user_id", "priority"]).where("folio", "=", folio).executeTakeFirstOrThrow());

  it("lists requests with time left, flags overdue ones in words, and filters by department, status and urgency", async () => {
    const late = await file({}, new Date(Date.now() - 30 * DAY));
    const fresh = await file({ serviceCode: "banqueta", description: "Banqueta levantada por raíces frente al número 10" });
    const admin = await as(w.emails.admin);

    const all = await admin.get("/cuauhtemoc/admin/solicitudes");
    assert.equal(all.statusCode, 200);
    assert.match(all.body, new RegExp(late.folio));
    assert.match(all.body, new RegExp(fresh.folio));
    assert.match(all.body, /Vencida<\/strong> \(vencida hace \d+ días\)/);
    // Sorted by due date: the overdue one first.
    assert.ok(all.body.indexOf(late.folio) < all.body.indexOf(fresh.folio));

    const obras = await admin.get(`/cuauhtemoc/admin/solicitudes?dependencia=${w.departments.obras}`);
    assert.doesNotMatch(obras.body, new RegExp(late.folio));
    assert.match(obras.body, new RegExp(fresh.folio));

    const overdue = await admin.get("/cuauhtemoc/admin/solicitudes?urgencia=vencidas");
    assert.match(overdue.body, new RegExp(late.folio));
    assert.doesNotMatch(overdue.body, new RegExp(fresh.folio));
    const onTime = await admin.get("/cuauhtemoc/admin/solicitudes?urgencia=a-tiempo");
    assert.doesNotMatch(onTime.body, new RegExp(late.folio));
    assert.match(onTime.body, new RegExp(fresh.folio));

    await admin.post(`/cuauhtemoc/admin/solicitudes/${fresh.folio}/estado`, { status: "en_proceso" });
    const inProcess = await admin.get("/cuauhtemoc/admin/solicitudes?estado=en_proceso");
    assert.match(inProcess.body, new RegExp(fresh.folio));
    assert.doesNotMatch(inProcess.body, new RegExp(late.folio));
    const received = await admin.get("/cuauhtemoc/admin/solicitudes?estado=recibida&estado=cerrada");
    assert.match(received.body, new RegExp(late.folio));
    assert.doesNotMatch(received.body, new RegExp(fresh.folio));
  });

  it("shows department staff their own department by default, and all when they widen the filter", async () => {
    const luz = await file();
    const banqueta = await file({ serviceCode: "banqueta", description: "Banqueta levantada por raíces frente al número 10" });
    const obras = await as(w.emails.obras);
    const own = await obras.get("/cuauhtemoc/admin/solicitudes");
    assert.match(own.body, new RegExp(banqueta.folio));
    assert.doesNotMatch(own.body, new RegExp(luz.folio));
    assert.match(own.body, /las solicitudes de su dependencia/);
    const wide = await obras.get("/cuauhtemoc/admin/solicitudes?dependencia=");
    assert.match(wide.body, new RegExp(luz.folio));
  });

  it("changes a status with a history row, an audit entry and a 303; refuses an invalid one with 409 and changes nothing", async () => {
    const r = await file();
    const admin = await as(w.emails.admin);
    const ok = await admin.post(`/cuauhtemoc/admin/solicitudes/${r.folio}/estado`, { status: "en_proceso" });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/cuauhtemoc/admin/solicitudes/${r.folio}`);
    assert.equal((await statusOf(r.folio)).status, "en_proceso");
    const events = await t.services.db.selectFrom("request_events").select(["kind", "from_value", "to_value", "actor_user_id"]).where("request_id", "=", r.id).where("kind", "=", "status").execute();
    assert.deepEqual(events, [{ kind: "status", from_value: "recibida", to_value: "en_proceso", actor_user_id: w.users.admin }]);
    const audit = await t.services.db.selectFrom("audit_log").select(["action"]).where("subject_id", "=", r.folio).execute();
    assert.deepEqual(audit.map((a) => a.action), ["requests.status"]);
    const page = await admin.get(`/cuauhtemoc/admin/solicitudes/${r.folio}`);
    assert.match(page.body, /Estado actualizado/);

    const bad = await admin.post(`/cuauhtemoc/admin/solicitudes/${r.folio}/estado`, { status: "cerrada" });
    assert.equal(bad.statusCode, 409);
    assert.match(bad.body, /está en proceso y no puede pasar a cerrada/);
    assert.equal((await statusOf(r.folio)).status, "en_proceso");
    assert.equal((await t.services.db.selectFrom("request_events").select("id").where("request_id", "=", r.id).where("kind", "=", "status").execute()).length, 1);
  });

  it("requires a reason to reject", async () => {
    const r = await file();
    const admin = await as(w.emails.admin);
    const res = await admin.post(`/cuauhtemoc/admin/solicitudes/${r.folio}/estado`, { status: "rechazada", reason: "  " });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Explique el motivo para marcarla como rechazada/);
    assert.match(res.body, /href="#campo-reason"/, "the error summary points at the reason field");
    assert.equal((await statusOf(r.folio)).status, "recibida");
    const done = await admin.post(`/cuauhtemoc/admin/solicitudes/${r.folio}/estado`, { status: "rechazada", reason: "Es una luminaria federal" });
    assert.equal(done.statusCode, 303);
    assert.equal((await statusOf(r.folio)).status, "rechazada");
  });

  it("assigning a received request moves it to asignada", async () => {
    const r = await file();
    const admin = await as(w.emails.admin);
    const res = await admin.post(`/cuauhtemoc/admin/solicitudes/${r.folio}/asignar`, { assignee: String(w.users.servicios) });
    assert.equal(res.statusCode, 303);
    const row = await statusOf(r.folio);
    assert.equal(row.status, "asignada");
    assert.equal(row.assignee_user_id, w.users.servicios);
    const outsider = await admin.post(`/cuauhtemoc/admin/solicitudes/${r.folio}/asignar`, { assignee: String(w.users.leonAdmin) });
    assert.equal(outsider.statusCode, 422);
    assert.match(outsider.body, /no pertenece al personal del municipio/);
  });

  it("keeps internal notes internal and public updates public, and merges a duplicate by folio", async () => {
    const a = await file();
    const b = await file({ description: "La luminaria de la esquina no prende desde el lunes" });
    const admin = await as(w.emails.admin);
    assert.equal((await admin.post(`/cuauhtemoc/admin/solicitudes/${a.folio}/nota`, { body: "Revisar con CFE" })).statusCode, 303);
    assert.equal((await admin.post(`/cuauhtemoc/admin/solicitudes/${a.folio}/actualizacion`, { publicBody: "La cuadrilla irá el jueves" })).statusCode, 303);
    const page = await admin.get(`/cuauhtemoc/admin/solicitudes/${a.folio}`);
    assert.match(page.body, /Revisar con CFE<\/td><td>[^<]*<\/td><td><strong>Interna \(solo personal\)/);
    assert.match(page.body, /La cuadrilla irá el jueves<\/td><td>[^<]*<\/td><td>Pública/);
    const unknown = await admin.post(`/cuauhtemoc/admin/solicitudes/${b.folio}/fusionar`, { survivor: "CUAUH-2026-999999" });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /No existe la solicitud CUAUH-2026-999999/);
    const merged = await admin.post(`/cuauhtemoc/admin/solicitudes/${b.folio}/fusionar`, { survivor: a.folio.toLowerCase() });
    assert.equal(merged.statusCode, 303);
    assert.equal((await statusOf(b.folio)).status, "duplicada");
  });

  it("changes three requests in bulk, and none when one of them cannot change", async () => {
    const rs = [await file(), await file(), await file()];
    const admin = await as(w.emails.admin);
    const res = await admin.post("/cuauhtemoc/admin/solicitudes/lote", { ids: rs.map((r) => r.id), accion: "priority", prioridad: "urgente", volver: "estado=recibida" });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/cuauhtemoc/admin/solicitudes?estado=recibida");
    for (const r of rs) assert.equal((await statusOf(r.folio)).priority, "urgente");

    await admin.post(`/cuauhtemoc/admin/solicitudes/${rs[1]!.folio}/estado`, { status: "rechazada", reason: "Fuera de jurisdicción" });
    const blocked = await admin.post("/cuauhtemoc/admin/solicitudes/lote", { ids: rs.map((r) => r.id), accion: "status", estado: "en_proceso" });
    assert.equal(blocked.statusCode, 409);
    assert.match(blocked.body, new RegExp(`La solicitud ${rs[1]!.folio} está rechazada`));
    assert.deepEqual(await Promise.all(rs.map(async (r) => (await statusOf(r.folio)).status)), ["recibida", "rechazada", "recibida"]);

    const empty = await admin.post("/cuauhtemoc/admin/solicitudes/lote", { accion: "priority", prioridad: "alta" });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Elija al menos una solicitud/);
  });

  it("refuses department staff work on another department's request, alone or in bulk", async () => {
    const servicios = await file();
    const obrasRequest = await file({ serviceCode: "banqueta", description: "Banqueta levantada por raíces frente al número 10" });
    const obras = await as(w.emails.obras);
    const res = await obras.post(`/cuauhtemoc/admin/solicitudes/${servicios.folio}/estado`, { status: "en_proceso" });
    assert.equal(res.statusCode, 403);
    assert.equal((await statusOf(servicios.folio)).status, "recibida");
    const bulk = await obras.post("/cuauhtemoc/admin/solicitudes/lote", { ids: [obrasRequest.id, servicios.id], accion: "priority", prioridad: "alta" });
    assert.equal(bulk.statusCode, 403);
    assert.match(bulk.body, new RegExp(`No puede trabajar la solicitud ${servicios.folio}`));
    assert.equal((await statusOf(obrasRequest.folio)).priority, "normal");
    const own = await obras.post(`/cuauhtemoc/admin/solicitudes/${obrasRequest.folio}/estado`, { status: "en_proceso" });
    assert.equal(own.statusCode, 303);
    const triage = await obras.post(`/cuauhtemoc/admin/solicitudes/${obrasRequest.folio}/dependencia`, { department: String(w.departments.servicios) });
    assert.equal(triage.statusCode, 403);
  });

  it("shows contact data to the department and the administrator, never to an observer", async () => {
    const r = await file({ contact: { name: "Ximena Contacto Única", email: "ximena.unica@example.test", phone: "55 1234 9876" }, address: "Calle Secreta 123" });
    const admin = await as(w.emails.admin);
    const adminPage = await admin.get(`/cuauhtemoc/admin/solicitudes/${r.folio}`);
    assert.match(adminPage.body, /Ximena Contacto Única/);
    assert.match(adminPage.body, /ximena\.unica@example\.test/);
    const observer = await as(w.emails.observer);
    const page = await observer.get(`/cuauhtemoc/admin/solicitudes/${r.folio}`);
    assert.equal(page.statusCode, 200);
    for (const secret of ["Ximena", "ximena.unica", "1234 9876"]) assert.ok(!page.body.includes(secret), `observer saw ${secret}`);
    assert.match(page.body, /Puede consultar esta solicitud, pero no trabajarla/);
    const queue = await observer.get("/cuauhtemoc/admin/solicitudes");
    assert.match(queue.body, new RegExp(r.folio));
    assert.ok(!queue.body.includes("Ximena"));
    const post = await observer.post(`/cuauhtemoc/admin/solicitudes/${r.folio}/nota`, { body: "hola" });
    assert.equal(post.statusCode, 403);
  });

  it("serves a request's photos and thumbnails to staff only, attribute questions shown with their answers", async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 10, b: 10 } } }).jpeg().toBuffer();
    const r = await file({ serviceCode: "poda", description: "Árbol a punto de caer sobre cables", photos: [jpeg], attributes: { riesgo: ["1", "3"] } });
    const admin = await as(w.emails.admin);
    const page = await admin.get(`/cuauhtemoc/admin/solicitudes/${r.folio}`);
    assert.match(page.body, /<dt>¿Qué riesgo ve\?<\/dt><dd>Toca cables, Tapa una luminaria<\/dd>/);
    const photo = await t.services.db.selectFrom("request_photos").select("id").where("request_id", "=", r.id).executeTakeFirstOrThrow();
    const thumbUrl = `/cuauhtemoc/admin/solicitudes/${r.folio}/fotos/${photo.id}/miniatura`;
    assert.match(page.body, new RegExp(thumbUrl));
    const thumb = await admin.get(thumbUrl);
    assert.equal(thumb.statusCode, 200);
    assert.equal(thumb.headers["content-type"], "image/jpeg");
    assert.equal((await sharp(thumb.rawPayload).metadata()).format, "jpeg");
    assert.equal((await admin.get(`/cuauhtemoc/admin/solicitudes/${r.folio}/fotos/999999`)).statusCode, 404);
    assert.equal((await new Browser(app).get(thumbUrl)).statusCode, 302);
  });

  it("serves one row for the live script under the viewer's filters, and 204 when it does not match", async () => {
    const r = await file();
    const admin = await as(w.emails.admin);
    const row = await admin.get(`/cuauhtemoc/admin/solicitudes/fila/${r.folio}?dependencia=`);
    assert.equal(row.statusCode, 200);
    assert.match(row.body, new RegExp(`^<tr id="fila-${r.folio}"`));
    const other = await admin.get(`/cuauhtemoc/admin/solicitudes/fila/${r.folio}?dependencia=${w.departments.obras}`);
    assert.equal(other.statusCode, 204);
    const page = await admin.get("/cuauhtemoc/admin/solicitudes");
    assert.match(page.body, /<script type="module" src="\/static\/js\/staff-queue.js"><\/script>/);
    assert.doesNotMatch(page.body, /<script>/, "no inline scripts (CSP)");
    assert.match(page.body, /data-events="\/cuauhtemoc\/admin\/solicitudes\/eventos"/);
    const script = await admin.get("/static/js/staff-queue.js");
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers["content-type"]), /javascript/);
    assert.match(script.body, /new EventSource/);
  });

  it("gives León's staff 403 on Cuauhtémoc's queue and request pages, and sends anonymous visitors to sign in", async () => {
    const r = await file();
    const leon = await as(w.emails.leonAdmin);
    assert.equal((await leon.get("/cuauhtemoc/admin/solicitudes")).statusCode, 403);
    assert.equal((await leon.get(`/cuauhtemoc/admin/solicitudes/${r.folio}`)).statusCode, 403);
    assert.equal((await leon.post(`/cuauhtemoc/admin/solicitudes/${r.folio}/estado`, { status: "en_proceso" })).statusCode, 403);
    const anon = new Browser(app);
    const res = await anon.get("/cuauhtemoc/admin/solicitudes");
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^\/entrar\?next=/);
  });
});
