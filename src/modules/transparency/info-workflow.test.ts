import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { instantAtLocal } from "../../platform/calendar/dates.js";
import type { Actor } from "../../platform/policy.js";
import { LEON, makeUser, seedTowns, type Towns } from "../accounts/test-support.js";
import { loadActor } from "../accounts/queries.js";
import { findActiveMunicipalityBySlug, type ActiveMunicipality } from "../territory/queries.js";
import { deadlinesFor } from "./deadlines.js";
import { findLegalProfile } from "./profiles.js";
import { createInformationRequest, InfoRequestError, type IntakeInput } from "./info-service.js";
import { applyInfoStep, type InfoStep } from "./info-workflow.js";
import { loadRequestRow } from "./info-queries.js";

const TZ = "America/Mexico_City";
/** Monday 5 October 2026, 10:00 in León: a business day before the cut-off. */
const RECEIVED = instantAtLocal("2026-10-05", { hour: 10, minute: 0, second: 0 }, TZ);

describe("information requests: intake and legal workflow", () => {
  let t: TestContext;
  let leon: ActiveMunicipality;
  let towns: Towns;
  let unit: Actor;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    towns = await seedTowns(t.services.db);
    leon = (await findActiveMunicipalityBySlug(t.services.db, "leon"))!;
    unit = (await loadActor(t.services.db, await makeUser(t.services.db, "unidad@leon.gob.mx", { role: "transparency_unit", municipalityId: LEON })))!;
  });

  const intake = (over: Partial<IntakeInput> = {}) =>
    createInformationRequest(t.services.db, leon, unit, {
      kind: "information", channel: "in_person", body: "Copia de los contratos de obra pública de 2025.", receivedAt: RECEIVED, name: "Juan Pérez", email: "juan@example.mx", ...over,
    });
  const step = (folio: string, s: InfoStep) => applyInfoStep(t.services.db, LEON, unit, folio, s);

  async function snapshot(folio: string) {
    const { db } = t.services;
    const row = await loadRequestRow(db, LEON, folio);
    const events = await db.selectFrom("information_request_events").select(db.fn.countAll().as("n")).where("municipality_id", "=", LEON).executeTakeFirstOrThrow();
    const turns = await db.selectFrom("information_request_turns").select(db.fn.countAll().as("n")).where("municipality_id", "=", LEON).executeTakeFirstOrThrow();
    const audit = await db.selectFrom("audit_log").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow();
    return JSON.stringify({ row, events: Number(events.n), turns: Number(turns.n), audit: Number(audit.n) });
  }

  async function refused(folio: string, s: InfoStep, message: RegExp) {
    const before = await snapshot(folio);
    await assert.rejects(step(folio, s), (e: unknown) => e instanceof InfoRequestError && message.test(e.message));
    assert.equal(await snapshot(folio), before, "nothing changed");
  }

  it("registers a request with its folio, the profile in force and the engine's due date", async () => {
    const a = await intake();
    const b = await intake({ channel: "email" });
    assert.equal(a.folio, "LEON-UT-2026-000001");
    assert.equal(b.folio, "LEON-UT-2026-000002");
    const profile = (await findLegalProfile(t.services.db, "lgtaip-2015"))!;
    const expected = await deadlinesFor(t.services.db, LEON, profile, { receivedAt: RECEIVED });
    const row = (await loadRequestRow(t.services.db, LEON, a.folio))!;
    assert.equal(row.profile_id, "lgtaip-2015");
    assert.equal(row.received_on, "2026-10-05");
    assert.equal(row.due_on, expected.due);
    assert.equal(row.prevention_by, expected.preventionBy);
    assert.equal(row.status, "recibida");
    const requester = await t.services.db.selectFrom("information_request_requesters").selectAll().where("request_id", "=", row.id).executeTakeFirstOrThrow();
    assert.equal(requester.name, "Juan Pérez");
    const arco = await intake({ kind: "arco", arcoRight: "access" });
    assert.equal((await loadRequestRow(t.services.db, LEON, arco.folio))!.profile_id, "arco-2017");
  });

  it("refuses intake without a way to notify, or an ARCO request without its right, storing nothing", async () => {
    await assert.rejects(intake({ email: "", address: "" }), /correo electrónico o un domicilio/);
    await assert.rejects(intake({ kind: "arco", arcoRight: null }), /derecho ARCO/);
    await assert.rejects(intake({ receivedAt: new Date(Date.now() + 86_400_000) }), /futuro/);
    const n = await t.services.db.selectFrom("information_requests").select(t.services.db.fn.countAll().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
  });

  it("refuses every step the law does not allow, changing nothing", async () => {
    const { folio } = await intake();
    const row = (await loadRequestRow(t.services.db, LEON, folio))!;
    await refused(folio, { step: "extend", resolutionNumber: "", resolutionDate: "", on: "2026-10-20" }, /Comité de Transparencia/);
    await refused(folio, { step: "extend", resolutionNumber: "CT-07/2026", resolutionDate: "2026-10-01", on: "2026-10-20" }, /anterior a la recepción/);
    await refused(folio, { step: "inexistent", text: "No se localizó.", resolutionNumber: "", resolutionDate: "", on: "2026-10-20" }, /inexistencia requiere la resolución/);
    const classify = { step: "classify" as const, classification: "reservada", legalBasis: "", years: "3", text: "", resolutionNumber: "CT-08/2026", resolutionDate: "2026-10-15", on: "2026-10-20" };
    await refused(folio, classify, /fundamento legal/);
    await refused(folio, { ...classify, legalBasis: "Art. 113 fr. I LGTAIP", years: "" }, /periodo de reserva/);
    await refused(folio, { ...classify, resolutionNumber: "" }, /resolución del Comité/);
    await refused(folio, { step: "prevent", on: "2026-10-20", note: "Precise el periodo." }, /a más tardar el/);
    await refused(folio, { step: "recurso", on: "2026-10-20" }, /ya respondida/);
    await refused(folio, { step: "answer", partial: false, text: "", on: "2026-10-20" }, /Escriba la respuesta/);
    await refused(folio, { step: "incompetent", competentBody: "Gobierno del Estado", on: "2026-10-30" }, /incompetencia debía hacerse/);
    await refused(folio, { step: "turn", departmentIds: [towns.cuauhtemocDepartment], on: "2026-10-06" }, /no existe en este municipio/);
    await refused(folio, { step: "answer", partial: false, text: "Respuesta", on: "05/10/2026" }, /AAAA-MM-DD/);

    await step(folio, { step: "prevent", on: row.prevention_by, note: "Precise el periodo." });
    await refused(folio, { step: "prevent", on: row.prevention_by, note: "Otra vez." }, /solo puede hacerse una vez/);
    await refused(folio, { step: "answer", partial: false, text: "Respuesta", on: "2026-10-20" }, /prevenida/);
  });

  it("restarts the clock from the clarification, and extends only once with a Comité resolution", async () => {
    const { folio } = await intake();
    const original = (await loadRequestRow(t.services.db, LEON, folio))!;
    await step(folio, { step: "turn", departmentIds: [towns.leonDepartment], on: "2026-10-05" });
    await step(folio, { step: "prevent", on: "2026-10-07", note: "Indique el periodo que le interesa." });
    await step(folio, { step: "clarify", on: "2026-10-14" });
    const profile = (await findLegalProfile(t.services.db, "lgtaip-2015"))!;
    const expected = await deadlinesFor(t.services.db, LEON, profile, { receivedAt: RECEIVED, preventionNotifiedOn: "2026-10-07", clarifiedOn: "2026-10-14" });
    const clarified = (await loadRequestRow(t.services.db, LEON, folio))!;
    assert.equal(clarified.status, "desahogada");
    assert.equal(clarified.due_on, expected.due);
    assert.ok(clarified.due_on > original.due_on, `${clarified.due_on} after ${original.due_on}`);

    await step(folio, { step: "extend", resolutionNumber: "CT-09/2026", resolutionDate: "2026-10-20", on: "2026-10-21" });
    const extended = (await loadRequestRow(t.services.db, LEON, folio))!;
    assert.equal(extended.extended_due_on, expected.extendedDue);
    assert.equal(extended.extension_resolution_number, "CT-09/2026");
    await refused(folio, { step: "extend", resolutionNumber: "CT-10/2026", resolutionDate: "2026-10-22", on: "2026-10-22" }, /solo puede hacerse una vez/);

    await step(folio, { step: "answer", partial: true, text: "Se entregan los contratos disponibles.", on: "2026-11-02" });
    const answered = await deadlinesFor(t.services.db, LEON, profile, { receivedAt: RECEIVED, preventionNotifiedOn: "2026-10-07", clarifiedOn: "2026-10-14", answerNotifiedOn: "2026-11-02" });
    const late = new Date(`${answered.recursoBy}T12:00:00Z`);
    late.setUTCDate(late.getUTCDate() + 1);
    await refused(folio, { step: "recurso", on: late.toISOString().slice(0, 10) }, /venció el/);
    await step(folio, { step: "recurso", on: answered.recursoBy! });
    await step(folio, { step: "recursoOutcome", outcome: "confirma", on: "2026-11-24" });
    const final = (await loadRequestRow(t.services.db, LEON, folio))!;
    assert.equal(final.status, "respondida_parcial");
    assert.equal(final.recurso_filed_on, answered.recursoBy);
    assert.equal(final.recurso_outcome, "confirma");
    const steps = await t.services.db.selectFrom("information_request_events").select(["step", "legal_date"]).where("request_id", "=", final.id).orderBy("id").execute();
    assert.deepEqual(steps.map((s) => s.step), ["recibida", "turn", "prevent", "clarify", "extend", "answer", "recurso", "recursoOutcome"]);
  });

  it("treats an unclarified request as not filed only after the clarification term", async () => {
    const { folio } = await intake();
    await step(folio, { step: "prevent", on: "2026-10-06", note: "Precise." });
    const row = (await loadRequestRow(t.services.db, LEON, folio))!;
    await refused(folio, { step: "notFiled", on: row.clarify_by! }, /aún no puede/);
    await refused(folio, { step: "clarify", on: "2026-11-20" }, /no presentada/);
    await step(folio, { step: "notFiled", on: "2026-11-20" });
    assert.equal((await loadRequestRow(t.services.db, LEON, folio))!.status, "no_presentada");
  });

  it("answers an ARCO request only after the identity of the holder was verified", async () => {
    const { folio } = await intake({ kind: "arco", arcoRight: "rectification" });
    await refused(folio, { step: "answer", partial: false, text: "Se rectificaron sus datos.", on: "2026-10-20" }, /verificar la identidad/);
    await step(folio, { step: "verifyIdentity", method: "Credencial para votar presentada en ventanilla" });
    await step(folio, { step: "answer", partial: false, text: "Se rectificaron sus datos.", on: "2026-10-20" });
    const row = (await loadRequestRow(t.services.db, LEON, folio))!;
    assert.equal(row.status, "respondida");
    assert.equal(row.identity_method, "Credencial para votar presentada en ventanilla");
    assert.ok(row.identity_verified_at);
    const publicEvents = await t.services.db.selectFrom("information_request_events").select("id").where("request_id", "=", row.id).where("public", "=", true).execute();
    assert.equal(publicEvents.length, 0, "no history row of an ARCO request is public");
  });
});
