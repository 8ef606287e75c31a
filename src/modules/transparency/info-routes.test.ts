import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { LEON, login, makeUser, seedTowns, type Towns } from "../accounts/test-support.js";
import { deadlinesFor } from "./deadlines.js";
import { findLegalProfile } from "./profiles.js";
import { loadRequestRow } from "./info-queries.js";

const NAME = "Zyxseudo Pérez";
const EMAIL = "zyx.solicita@example.mx";
const ADDRESS = "Calle Zyxdomicilio 12, Centro";

describe("information request pages", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let towns: Towns;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    towns = await seedTowns(t.services.db);
    await makeUser(t.services.db, "unidad@leon.gob.mx", { role: "transparency_unit", municipalityId: LEON });
    await makeUser(t.services.db, "obras@leon.gob.mx", { role: "department_staff", municipalityId: LEON, departmentId: towns.leonDepartment });
    await makeUser(t.services.db, "observa@leon.gob.mx", { role: "observer", municipalityId: LEON });
  });

  const count = async () => Number((await t.services.db.selectFrom("information_requests").select(t.services.db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const staff = async (email: string) => {
    const b = new Browser(app);
    await login(b, email);
    return b;
  };

  async function webRequest(): Promise<string> {
    const visitor = new Browser(app);
    const form = await visitor.get("/leon/transparencia/solicitudes/nueva");
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Solicitud de acceso a la información/);
    const res = await visitor.post("/leon/transparencia/solicitudes/nueva", { body: "Padrón de proveedores del municipio en 2026.", name: NAME, email: EMAIL, address: ADDRESS });
    assert.equal(res.statusCode, 303, res.body);
    const match = /\/leon\/transparencia\/solicitudes\/(LEON-UT-\d{4}-\d{6})\/acuse$/.exec(res.headers.location as string);
    assert.ok(match, String(res.headers.location));
    return match[1]!;
  }

  it("takes a pseudonymous web request and acknowledges it with the engine's due date", async () => {
    const folio = await webRequest();
    const row = (await loadRequestRow(t.services.db, LEON, folio))!;
    assert.equal(row.channel, "web");
    const expected = await deadlinesFor(t.services.db, LEON, (await findLegalProfile(t.services.db, "lgtaip-2015"))!, { receivedAt: row.received_at });
    const ack = await new Browser(app).get(`/leon/transparencia/solicitudes/${folio}/acuse`);
    assert.equal(ack.statusCode, 200);
    assert.match(ack.body, new RegExp(folio));
    assert.match(ack.body, new RegExp(`Fecha límite de respuesta</dt><dd>${expected.due}`));
    for (const page of [ack.body, (await new Browser(app).get(`/leon/transparencia/solicitudes/${folio}`)).body]) {
      assert.ok(!/zyx/i.test(page), "the requester is never on a public page");
    }
  });

  it("re-renders the public form with a Spanish message and stores nothing on bad input", async () => {
    const res = await new Browser(app).post("/leon/transparencia/solicitudes/nueva", { body: "Padrón de proveedores.", name: "Ana", email: "", address: "" });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Indique un correo electrónico o un domicilio/);
    assert.equal(await count(), 0);
  });

  it("keeps ARCO requests off every public page and away from department staff and observers", async () => {
    const unit = await staff("unidad@leon.gob.mx");
    const res = await unit.post("/leon/admin/transparencia/solicitudes/nueva", {
      kind: "arco", arcoRight: "access", channel: "in_person", fecha: "2026-10-09", hora: "19:30", body: "Acceso a mis datos en el padrón de licencias.", name: NAME, email: EMAIL, address: "",
    });
    assert.equal(res.statusCode, 303, res.body);
    const arco = (await t.services.db.selectFrom("information_requests").select("folio").where("kind", "=", "arco").executeTakeFirstOrThrow()).folio;
    const row = (await loadRequestRow(t.services.db, LEON, arco))!;
    assert.equal(row.received_on, "2026-10-12", "Friday after the cut-off counts from Monday");
    assert.equal(row.profile_id, "arco-2017");
    const info = await webRequest();
    const turned = await unit.post(`/leon/admin/transparencia/solicitudes/${info}/turnar`, { departments: String(towns.leonDepartment), on: (await loadRequestRow(t.services.db, LEON, info))!.received_on });
    assert.equal(turned.statusCode, 303, turned.body);

    const visitor = new Browser(app);
    assert.equal((await visitor.get(`/leon/transparencia/solicitudes/${arco}`)).statusCode, 404);
    assert.equal((await visitor.get(`/leon/transparencia/solicitudes/${arco}/acuse`)).statusCode, 404);
    assert.ok(!(await visitor.get("/leon/transparencia")).body.includes(arco));

    const unitList = await unit.get("/leon/admin/transparencia/solicitudes");
    assert.ok(unitList.body.includes(arco) && unitList.body.includes(info));
    const unitPage = await unit.get(`/leon/admin/transparencia/solicitudes/${arco}`);
    assert.equal(unitPage.statusCode, 200);
    assert.ok(unitPage.body.includes(EMAIL), "the unit sees the requester");

    const works = await staff("obras@leon.gob.mx");
    const worksList = await works.get("/leon/admin/transparencia/solicitudes");
    assert.equal(worksList.statusCode, 200);
    assert.ok(worksList.body.includes(info), "department staff see requests turned to them");
    assert.ok(!worksList.body.includes(arco), "but never ARCO requests");
    assert.equal((await works.get(`/leon/admin/transparencia/solicitudes/${arco}`)).statusCode, 404);
    const worksPage = await works.get(`/leon/admin/transparencia/solicitudes/${info}`);
    assert.equal(worksPage.statusCode, 200);
    assert.ok(!/zyx/i.test(worksPage.body), "department staff do not see the requester");
    assert.equal((await works.post(`/leon/admin/transparencia/solicitudes/${info}/responder`, { text: "x", on: "2026-11-25" })).statusCode, 403);

    const observer = await staff("observa@leon.gob.mx");
    assert.equal((await observer.get("/leon/admin/transparencia/solicitudes")).statusCode, 403);
    assert.equal((await observer.get(`/leon/admin/transparencia/solicitudes/${arco}`)).statusCode, 403);
  });

  it("refuses an extension without a Comité resolution with 422, and records it with one", async () => {
    const folio = await webRequest();
    const unit = await staff("unidad@leon.gob.mx");
    const before = await loadRequestRow(t.services.db, LEON, folio);
    const refused = await unit.post(`/leon/admin/transparencia/solicitudes/${folio}/ampliar`, { resolutionNumber: "", resolutionDate: "", on: before!.received_on });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /requiere la resolución del Comité de Transparencia/);
    assert.deepEqual(await loadRequestRow(t.services.db, LEON, folio), before);
    const early = await unit.post(`/leon/admin/transparencia/solicitudes/${folio}/ampliar`, { resolutionNumber: "CT-01/2026", resolutionDate: "2020-01-01", on: before!.received_on });
    assert.equal(early.statusCode, 422);
    assert.match(early.body, /anterior a la recepción/);
    const ok = await unit.post(`/leon/admin/transparencia/solicitudes/${folio}/ampliar`, { resolutionNumber: "CT-01/2026", resolutionDate: before!.received_on, on: before!.received_on });
    assert.equal(ok.statusCode, 303, ok.body);
    const after = (await loadRequestRow(t.services.db, LEON, folio))!;
    const expected = await deadlinesFor(t.services.db, LEON, (await findLegalProfile(t.services.db, "lgtaip-2015"))!, { receivedAt: after.received_at });
    assert.equal(after.extended_due_on, expected.extendedDue);
    const page = await new Browser(app).get(`/leon/transparencia/solicitudes/${folio}`);
    assert.match(page.body, new RegExp(`Fecha límite con ampliación</dt><dd>${expected.extendedDue}`));
    assert.match(page.body, /Ampliación del plazo/);
    assert.ok(!/zyx/i.test(page.body));
  });
  it("refuses a staff registration with a date in the wrong format or in the future, storing nothing", async () => {
    const unit = await staff("unidad@leon.gob.mx");
    const form = { kind: "information", arcoRight: "", channel: "post", fecha: "09/10/2026", hora: "10:00", body: "Actas de cabildo de 2025.", name: "Ana", email: "", address: "Calle 1" };
    const wrong = await unit.post("/leon/admin/transparencia/solicitudes/nueva", form);
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Escriba la fecha como AAAA-MM-DD/);
    const future = await unit.post("/leon/admin/transparencia/solicitudes/nueva", { ...form, fecha: "2099-01-05" });
    assert.equal(future.statusCode, 422);
    assert.match(future.body, /no puede estar en el futuro/);
    const noRight = await unit.post("/leon/admin/transparencia/solicitudes/nueva", { ...form, kind: "arco", fecha: "2026-10-09" });
    assert.equal(noRight.statusCode, 422);
    assert.match(noRight.body, /Indique el derecho ARCO/);
    assert.equal(await count(), 0);
    assert.equal((await new Browser(app).post("/leon/admin/transparencia/solicitudes/nueva", form)).statusCode, 401);
  });
});
