import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import sharp from "sharp";
import { sql } from "kysely";
import { anonymous } from "../../platform/policy.js";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { loadActor } from "../accounts/queries.js";
import { allowedTransitions, canTransition } from "./status.js";
import { createRequest, type NewRequest } from "./create.js";
import { RequestInputError } from "./errors.js";
import { applyStaffChange } from "./workflow.js";
import { findSimilarOpenRequests, mergeRequests, resolveMergedFolio, supportRequest } from "./merge.js";
import { rateRequest } from "./rating.js";
import { processPhoto } from "./photos.js";
import { COYOACAN, PARQUE_MEXICO, seedRequestsWorld, ZOCALO, type RequestsWorld } from "./test-support.js";

/** 2026-11-13 is a Friday; Monday 2026-11-16 is the Revolution rest day (LFT art. 74). */
const FRIDAY_NOON_CDMX = new Date("2026-11-13T18:00:00Z"); // 12:00 in Mexico City (UTC−6)

describe("the request status machine", () => {
  it("follows recibida → asignada → en proceso → atendida → cerrada", () => {
    assert.ok(canTransition("recibida", "asignada"));
    assert.ok(canTransition("asignada", "en_proceso"));
    assert.ok(canTransition("en_proceso", "atendida"));
    assert.ok(canTransition("atendida", "cerrada"));
  });
  it("ends at rechazada and duplicada, and never jumps from recibida to cerrada", () => {
    assert.deepEqual(allowedTransitions("rechazada"), []);
    assert.deepEqual(allowedTransitions("duplicada"), []);
    assert.equal(canTransition("recibida", "cerrada"), false);
    assert.ok(canTransition("cerrada", "en_proceso"), "a closed request may be reopened");
  });
});

describe("filing and working citizen requests", () => {
  let t: TestContext;
  let w: RequestsWorld;
  before(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
  });
  after(async () => t.close());

  const file = (input: Partial<NewRequest>, now?: Date) =>
    createRequest(t.services, w.cuauhtemoc, { serviceCode: "alumbrado", description: "La luminaria de la esquina lleva una semana apagada", channel: "web", ...input }, anonymous, now);

  it("routes a pin by the colonia polygon under it and the service's department, with a yearly folio", async () => {
    const first = await file({ location: ZOCALO }, FRIDAY_NOON_CDMX);
    const second = await file({ location: PARQUE_MEXICO }, FRIDAY_NOON_CDMX);
    assert.equal(first.folio, "CUAUH-2026-000001");
    assert.equal(second.folio, "CUAUH-2026-000002");
    const rows = await t.services.db.selectFrom("service_requests as r").innerJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "r.municipality_id").onRef("c.id", "=", "r.colonia_id")).select(["r.folio", "c.name", "r.colonia_source", "r.department_id"]).orderBy("r.folio").execute();
    assert.deepEqual(rows.map((r) => [r.name, r.colonia_source, r.department_id]), [["Centro", "polygon", w.departments.servicios], ["Hipódromo", "polygon", w.departments.servicios]]);
  });

  it("uses the colonia the citizen chose when there is no pin", async () => {
    const condesa = await t.services.db.selectFrom("colonias").select("id").where("municipality_id", "=", w.cuauhtemoc.id).where("name", "=", "Condesa").executeTakeFirstOrThrow();
    const r = await file({ coloniaId: condesa.id });
    const row = await t.services.db.selectFrom("service_requests").select(["colonia_id", "colonia_source"]).where("folio", "=", r.folio).executeTakeFirstOrThrow();
    assert.deepEqual(row, { colonia_id: condesa.id, colonia_source: "chosen" });
  });

  it("routes a bache to Obras and follows a per-colonia route when one exists", async () => {
    const r = await file({ serviceCode: "bache", location: ZOCALO, attributes: { tamano: "2" } });
    assert.equal(r.departmentId, w.departments.obras);
  });

  it("sets a 5-business-day target across the weekend and the Revolution holiday", async () => {
    // Received Friday 13 (before the 18:00 cut-off): 17, 18, 19, 20, 23 → due Monday 23 at the end of the day.
    const r = await file({ location: ZOCALO }, FRIDAY_NOON_CDMX);
    const row = await sql<{ received_on: string }>`select received_on::text from service_requests where folio = ${r.folio}`.execute(t.services.db);
    assert.equal(row.rows[0]!.received_on, "2026-11-13");
    assert.equal(r.dueAt.toISOString(), "2026-11-24T05:59:59.999Z", "23:59:59.999 of Monday 23 November in Mexico City");
  });

  it("counts a request filed after the cut-off from the next business day", async () => {
    const fridayEvening = new Date("2026-11-14T01:30:00Z"); // Friday 19:30 in Mexico City
    const r = await file({ location: ZOCALO }, fridayEvening);
    // Received Tuesday 17 (Mon 16 is a rest day): 18, 19, 20, 23, 24 → due Tuesday 24.
    assert.equal(r.dueAt.toISOString(), "2026-11-25T05:59:59.999Z");
  });

  it("runs hour targets on the clock: a water leak is due 24 hours later", async () => {
    const r = await file({ serviceCode: "fuga-agua", location: ZOCALO }, FRIDAY_NOON_CDMX);
    assert.equal(r.dueAt.getTime() - FRIDAY_NOON_CDMX.getTime(), 24 * 3_600_000);
  });

  async function refused(input: Partial<NewRequest>, field: string) {
    await assert.rejects(file(input), (e: unknown) => e instanceof RequestInputError && e.errors.some((x) => x.field === field) && e.status === 400);
    const n = await t.services.db.selectFrom("service_requests").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0, "nothing stored");
  }

  it("refuses bad input with a Spanish message per field and stores nothing", async () => {
    await refused({ serviceCode: "no-existe" }, "service_code");
    await refused({ location: COYOACAN }, "location");
    await refused({ serviceCode: "bache", location: ZOCALO }, "attribute[tamano]");
    await refused({ serviceCode: "bache", location: ZOCALO, attributes: { tamano: "9" } }, "attribute[tamano]");
    await refused({ serviceCode: "basura", attributes: { dias: "muchos" } }, "attribute[dias]");
    await refused({ serviceCode: "bache", attributes: { tamano: "1" } }, "location");
    await refused({ serviceCode: "grafiti" }, "photo");
    await refused({ contact: { email: "no-es-correo" } }, "email");
    await refused({ photos: [Buffer.from("esto no es una imagen")] }, "photo");
  });

  it("strips the GPS position and camera data from a JPEG and makes a thumbnail", async () => {
    const original = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#888" } })
      .jpeg()
      .withExif({ IFD0: { Make: "CamaraSecreta", Model: "Modelo-XYZ-123" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "19/1 25/1 57/1", GPSLongitudeRef: "W", GPSLongitude: "99/1 7/1 59/1" } })
      .toBuffer();
    const before = await sharp(original).metadata();
    assert.ok(before.exif && before.exif.toString("latin1").includes("CamaraSecreta"), "the fixture carries EXIF");
    const processed = await processPhoto(original);
    const after = await sharp(processed.image).metadata();
    assert.equal(after.exif, undefined, "no EXIF block at all");
    assert.equal(processed.image.toString("latin1").includes("CamaraSecreta"), false);
    assert.equal((await sharp(processed.thumbnail).metadata()).width, 320);
    const r = await file({ location: ZOCALO, photos: [original] });
    const photo = await t.services.db.selectFrom("request_photos").selectAll().executeTakeFirstOrThrow();
    const stored = await t.services.storage.get(photo.storage_key);
    assert.ok(stored && !stored.toString("latin1").includes("CamaraSecreta"), `stored photo of ${r.folio} is clean`);
  });

  it("suggests open requests of the same service within 100 m with similar text, and counts a support once", async () => {
    const a = await file({ location: ZOCALO, description: "Luminaria apagada frente a la catedral" });
    await file({ location: PARQUE_MEXICO, description: "Luminaria apagada frente a la catedral" });
    const near = { lat: ZOCALO.lat + 0.0003, lon: ZOCALO.lon };
    const similar = await findSimilarOpenRequests(t.services.db, w.cuauhtemoc.id, (await t.services.db.selectFrom("request_services").select("id").where("code", "=", "alumbrado").where("municipality_id", "=", w.cuauhtemoc.id).executeTakeFirstOrThrow()).id, { location: near, coloniaId: null }, "luminaria apagada catedral");
    assert.deepEqual(similar.map((s) => s.folio), [a.folio], "only the one within 100 m");
    assert.ok(similar[0]!.distanceMetres! < 100);
    assert.equal(await supportRequest(t.services, w.cuauhtemoc.id, a.id, "vecino-1"), true);
    assert.equal(await supportRequest(t.services, w.cuauhtemoc.id, a.id, "vecino-1"), false);
    const row = await t.services.db.selectFrom("service_requests").select("supporters_count").where("folio", "=", a.folio).executeTakeFirstOrThrow();
    assert.equal(row.supporters_count, 1);
  });

  it("merges a duplicate into a survivor: status, supporters and the folio follow it", async () => {
    const admin = (await loadActor(t.services.db, w.users.admin))!;
    const survivor = await file({ location: ZOCALO });
    const duplicate = await file({ location: ZOCALO });
    await supportRequest(t.services, w.cuauhtemoc.id, duplicate.id, "vecino-2");
    await mergeRequests(t.services, w.cuauhtemoc.id, duplicate.id, survivor.id, admin);
    const rows = await t.services.db.selectFrom("service_requests").select(["folio", "status", "status_reason", "supporters_count"]).orderBy("folio").execute();
    assert.deepEqual(rows, [
      { folio: survivor.folio, status: "recibida", status_reason: null, supporters_count: 2 },
      { folio: duplicate.folio, status: "duplicada", status_reason: `Duplicada de ${survivor.folio}.`, supporters_count: 1 },
    ]);
    assert.equal(await resolveMergedFolio(t.services.db, w.cuauhtemoc.id, duplicate.folio), survivor.folio);
    const audit = await t.services.db.selectFrom("audit_log").select("action").where("action", "=", "requests.merge").execute();
    assert.equal(audit.length, 1);
  });

  it("records each staff change in the history and the audit log, refusing illegal ones", async () => {
    const staff = (await loadActor(t.services.db, w.users.servicios))!;
    const r = await file({ location: ZOCALO });
    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "assignee", userId: w.users.servicios }, staff);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "en_proceso" }, staff);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "note", body: "Falta refacción NOTA-INTERNA" }, staff);
    await assert.rejects(applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "cerrada" }, staff), (e: unknown) => e instanceof RequestInputError && e.status === 409);
    await assert.rejects(applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "rechazada" }, staff), (e: unknown) => e instanceof RequestInputError && e.status === 422);
    const events = await t.services.db.selectFrom("request_events").select(["kind", "from_value", "to_value", "public"]).orderBy("id").execute();
    assert.deepEqual(events.map((e) => `${e.kind}:${e.from_value ?? ""}→${e.to_value ?? ""}:${e.public}`), [
      "created:→recibida:true",
      "status:recibida→asignada:true",
      `assignee:→${w.users.servicios}:false`,
      "status:asignada→en_proceso:true",
      "note:→:false",
    ]);
    const audit = await t.services.db.selectFrom("audit_log").select(["action", "details"]).where("action", "like", "requests.%").where("action", "not like", "requests.service.%").orderBy("seq").execute();
    assert.deepEqual(audit.map((a) => a.action), ["requests.assignee", "requests.status", "requests.note"]);
    assert.ok(!JSON.stringify(audit).includes("NOTA-INTERNA"), "the audit keeps no typed text");
  });

  it("applies a bulk change to all requests or to none", async () => {
    const admin = (await loadActor(t.services.db, w.users.admin))!;
    const a = await file({ location: ZOCALO });
    const b = await file({ location: ZOCALO });
    const c = await file({ location: ZOCALO });
    await applyStaffChange(t.services, w.cuauhtemoc.id, [c.id], { kind: "status", to: "rechazada", reason: "No es competencia municipal" }, admin);
    await assert.rejects(applyStaffChange(t.services, w.cuauhtemoc.id, [a.id, b.id, c.id], { kind: "status", to: "en_proceso" }, admin), /no puede pasar/);
    const open = await t.services.db.selectFrom("service_requests").select("status").where("id", "in", [a.id, b.id]).execute();
    assert.deepEqual(open.map((r) => r.status), ["recibida", "recibida"], "the failed bulk change changed nothing");
    await applyStaffChange(t.services, w.cuauhtemoc.id, [a.id, b.id], { kind: "priority", to: "alta" }, admin);
    const prios = await t.services.db.selectFrom("service_requests").select("priority").where("id", "in", [a.id, b.id]).execute();
    assert.deepEqual(prios.map((r) => r.priority), ["alta", "alta"]);
  });

  it("lets the citizen rate once, only after the request was attended", async () => {
    const admin = (await loadActor(t.services.db, w.users.admin))!;
    const r = await file({ location: ZOCALO });
    await assert.rejects(rateRequest(t.services, r.trackingToken, 5, null), /cuando la solicitud esté atendida/);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "atendida" }, admin);
    await applyStaffChange(t.services, w.cuauhtemoc.id, [r.id], { kind: "status", to: "cerrada" }, admin);
    await rateRequest(t.services, r.trackingToken, 4, "Rápido y bien");
    await assert.rejects(rateRequest(t.services, r.trackingToken, 5, null), /ya fue calificada/);
    const row = await t.services.db.selectFrom("service_requests").select(["rating", "rating_comment"]).where("folio", "=", r.folio).executeTakeFirstOrThrow();
    assert.deepEqual(row, { rating: 4, rating_comment: "Rápido y bien" });
  });
});
