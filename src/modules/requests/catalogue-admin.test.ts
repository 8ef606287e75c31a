import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { login, seedRequestsWorld, ZOCALO, type RequestsWorld } from "./test-support.js";

describe("the service catalogue admin pages", () => {
  let t: TestContext;
  let w: RequestsWorld;
  let app: FastifyInstance;
  before(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
    app = await t.app();
  });
  after(async () => t.close());

  const services = () => t.services.db.selectFrom("request_services").select(["id", "code", "name", "department_id", "target_amount", "target_unit", "location_required", "active"]).where("municipality_id", "=", w.cuauhtemoc.id).execute();
  const admin = async () => {
    const b = new Browser(app);
    await login(b, w.emails.admin);
    return b;
  };
  const semaforo = (extra: Record<string, string> = {}) => ({
    code: "semaforo",
    name: "Semáforo descompuesto",
    description: "Semáforos apagados o intermitentes.",
    group: "Vialidades",
    keywords: "semáforo crucero",
    departmentId: String(w.departments.obras),
    targetAmount: "2",
    targetUnit: "business_days",
    locationRequired: "1",
    active: "1",
    attr_rows: "3",
    attr0_code: "falla",
    attr0_question: "¿Qué le pasa al semáforo?",
    attr0_type: "singlevaluelist",
    attr0_required: "1",
    attr0_options: "apagado|Apagado\r\nintermitente|Intermitente\r\n",
    attr1_code: "",
    attr1_question: "",
    attr1_type: "string",
    attr2_code: "",
    attr2_question: "",
    attr2_type: "string",
    ...extra,
  });

  it("lists the catalogue and adds a service with a list question that citizens then see", async () => {
    const b = await admin();
    const list = await b.get("/cuauhtemoc/admin/servicios");
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Catálogo de servicios/);
    assert.match(list.body, /Luminaria apagada/);
    assert.match(list.body, /5 días hábiles/);
    assert.match(list.body, /48 horas/);
    assert.equal((await b.get("/cuauhtemoc/admin/servicios/nuevo")).statusCode, 200);

    const res = await b.post("/cuauhtemoc/admin/servicios", semaforo());
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, "/cuauhtemoc/admin/servicios/semaforo/editar");
    const row = (await services()).find((s) => s.code === "semaforo");
    assert.ok(row);
    assert.deepEqual([row.name, row.department_id, row.target_amount, row.target_unit, row.location_required, row.active], ["Semáforo descompuesto", w.departments.obras, 2, "business_days", true, true]);
    const attribute = await t.services.db.selectFrom("request_service_attributes").selectAll().where("service_id", "=", row.id).executeTakeFirstOrThrow();
    assert.equal(attribute.datatype, "singlevaluelist");
    assert.equal(attribute.required, true);
    assert.deepEqual(attribute.values, [{ key: "apagado", name: "Apagado" }, { key: "intermitente", name: "Intermitente" }]);
    const audit = await t.services.db.selectFrom("audit_log").select(["action", "subject_id"]).where("action", "=", "requests.service.create").where("subject_id", "=", "semaforo").execute();
    assert.equal(audit.length, 1);

    const edit = await b.get(res.headers.location as string);
    assert.match(edit.body, /Se agregó el servicio «Semáforo descompuesto»/);
    assert.match(edit.body, /apagado\|Apagado/);
    const citizen = await new Browser(app).get("/cuauhtemoc/solicitudes/nueva?servicio=semaforo");
    assert.match(citizen.body, /¿Qué le pasa al semáforo\?/);
    assert.match(citizen.body, /<option value="intermitente"[^>]*>Intermitente<\/option>/);
  });

  it("refuses a bad service with Spanish messages per field and stores nothing", async () => {
    const b = await admin();
    const before = (await services()).length;
    const res = await b.post(
      "/cuauhtemoc/admin/servicios",
      semaforo({ code: "Semáforo Roto", targetAmount: "cero", attr0_options: "solo-una|Solo una", attr1_code: "dias", attr1_question: "¿Cuántos días?", attr1_type: "number", attr1_options: "1|Uno\n2|Dos" }),
    );
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /El código solo admite minúsculas/);
    assert.match(res.body, /entero entre 1 y 1000/);
    assert.match(res.body, /necesita al menos dos opciones/);
    assert.match(res.body, /Solo los atributos de opción llevan opciones/);
    assert.match(res.body, /value="Semáforo Descompuesto"|value="Semáforo descompuesto"/, "what was typed is kept");
    assert.equal((await services()).length, before);
    assert.equal((await t.services.db.selectFrom("request_service_attributes").select("code").where("code", "=", "falla").execute()).length, 0, "no attribute of the refused service");

    const duplicate = await b.post("/cuauhtemoc/admin/servicios", semaforo({ code: "bache" }));
    assert.equal(duplicate.statusCode, 422);
    assert.match(duplicate.body, /Ya existe un servicio con el código &quot;bache&quot;|Ya existe un servicio con el código "bache"/);
    const wrongDepartment = await b.post("/cuauhtemoc/admin/servicios", semaforo({ departmentId: "99999" }));
    assert.equal(wrongDepartment.statusCode, 422);
    assert.match(wrongDepartment.body, /La dependencia no existe en este municipio/);
    assert.equal((await services()).length, before);
  });

  it("edits a service and routes one colonia to another department", async () => {
    const b = await admin();
    const form = await b.get("/cuauhtemoc/admin/servicios/alumbrado/editar");
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="poste"/);
    const values = {
      code: "alumbrado", name: "Luminaria apagada o dañada", description: "Lámparas apagadas.", group: "Servicios públicos", keywords: "lámpara luz",
      departmentId: String(w.departments.servicios), targetAmount: "3", targetUnit: "business_days", active: "1",
      attr_rows: "1", attr0_code: "poste", attr0_question: "Número del poste", attr0_type: "string",
    };
    const saved = await b.post("/cuauhtemoc/admin/servicios/alumbrado/editar", values);
    assert.equal(saved.statusCode, 303);
    const row = (await services()).find((s) => s.code === "alumbrado")!;
    assert.deepEqual([row.name, row.target_amount], ["Luminaria apagada o dañada", 3]);

    const bad = await b.post("/cuauhtemoc/admin/servicios/alumbrado/rutas", { colonia: "no-existe", routeDepartment: String(w.departments.obras) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Elija una colonia de este municipio/);
    const routed = await b.post("/cuauhtemoc/admin/servicios/alumbrado/rutas", { colonia: "centro", routeDepartment: String(w.departments.obras) });
    assert.equal(routed.statusCode, 303);
    assert.match((await b.get("/cuauhtemoc/admin/servicios/alumbrado/editar")).body, /Los reportes de Centro irán a/);

    const citizen = new Browser(app);
    const filed = await citizen.post("/cuauhtemoc/solicitudes", { servicio: "alumbrado", description: "Luminaria apagada junto a la catedral", lat: String(ZOCALO.lat), lon: String(ZOCALO.lon) });
    assert.equal(filed.statusCode, 303);
    const request = await t.services.db.selectFrom("service_requests").select("department_id").executeTakeFirstOrThrow();
    assert.equal(request.department_id, w.departments.obras, "Centro's exception sends it to Obras");

    const removed = await b.post("/cuauhtemoc/admin/servicios/alumbrado/rutas", { colonia: "centro", routeDepartment: "" });
    assert.equal(removed.statusCode, 303);
    assert.equal((await t.services.db.selectFrom("request_routes").selectAll().execute()).length, 0);
  });

  it("is only for Cuauhtémoc's administrators", async () => {
    for (const email of [w.emails.observer, w.emails.servicios, w.emails.leonAdmin]) {
      const b = new Browser(app);
      await login(b, email);
      assert.equal((await b.get("/cuauhtemoc/admin/servicios")).statusCode, 403, email);
      assert.equal((await b.get("/cuauhtemoc/admin/servicios/bache/editar")).statusCode, 403, email);
      const post = await b.post("/cuauhtemoc/admin/servicios", semaforo());
      assert.equal(post.statusCode, 403, email);
      assert.match(post.body, /permiso|autoriz/i);
    }
    assert.equal((await services()).some((s) => s.code === "semaforo"), false);
    const anonymous = await new Browser(app).get("/cuauhtemoc/admin/servicios");
    assert.equal(anonymous.statusCode, 302);
    assert.match(String(anonymous.headers.location), /^\/entrar\?next=/);
  });
});
