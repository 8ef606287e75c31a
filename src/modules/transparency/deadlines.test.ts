import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { addNonWorkingDays } from "../../platform/calendar/service.js";
import { LEON, login, makeUser, seedTowns } from "../accounts/test-support.js";
import { DeadlineInputError, deadlinesFor, type DeadlineInput } from "./deadlines.js";
import { chooseLegalProfile, findLegalProfile, profileInForce, type LegalProfile } from "./profiles.js";

// Friday 13 November 2026, 19:00 in Mexico City (UTC−6): after the 18:00 cut-off; Saturday 14
// and Sunday 15 are weekend, Monday 16 is Día de la Revolución (third Monday of November), so
// the request counts as received on Tuesday 17 and terms count from Wednesday 18.
const FRIDAY_EVENING = new Date("2026-11-14T01:00:00Z");

describe("legal deadlines", () => {
  let t: TestContext;
  let app: FastifyInstance;
  const profile = async (id: string): Promise<LegalProfile> => (await findLegalProfile(t.services.db, id))!;
  const national = async (id: string, input: Partial<DeadlineInput> = {}) => deadlinesFor(t.services.db, null, await profile(id), { receivedAt: FRIDAY_EVENING, ...input });

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  let leonDepartment = 0;
  beforeEach(async () => {
    await t.reset();
    ({ leonDepartment } = await seedTowns(t.services.db));
  });
  after(async () => t.close());

  it("lgtaip-2015: Friday-evening request → received Tue 17; prevención by Tue 24, incompetence by Fri 20, due Tue 15 Dec, extension to Wed 30 Dec", async () => {
    // +5: 18, 19, 20, 23, 24 Nov. +3: 18, 19, 20. +20: 18–20 (3), 23–27 (8), 30 Nov–4 Dec (13),
    // 7–11 (18), 14, 15 (20). Extension +10 from 15 Dec: 16–18 (3), 21–24 (7), 25 is a rest day, 28–30 (10).
    const d = await national("lgtaip-2015");
    assert.deepEqual(
      [d.receivedOn, d.preventionBy, d.incompetenceBy, d.due, d.extendedDue, d.clarifyBy, d.recursoBy, d.madeEffectiveBy],
      ["2026-11-17", "2026-11-24", "2026-11-20", "2026-12-15", "2026-12-30", null, null, null],
    );
  });

  it("edomex-2016: 15 days + 7 of extension → due Tue 8 Dec, extended Thu 17 Dec", async () => {
    // +15 from 17 Nov: 18–20 (3), 23–27 (8), 30 Nov–4 Dec (13), 7, 8 (15). +7: 9–11 (3), 14–17 (7).
    const d = await national("edomex-2016");
    assert.deepEqual([d.receivedOn, d.preventionBy, d.incompetenceBy, d.due, d.extendedDue], ["2026-11-17", "2026-11-24", "2026-11-20", "2026-12-08", "2026-12-17"]);
  });

  it("arco-2017: 20 + 10 days; the right is made effective within 15 days of the notified answer", async () => {
    // Answer notified Tue 15 Dec: +15 = 16–18 (3), 21–24 (7), 28–31 (11), 1 Jan is a rest day, 4–7 Jan (15).
    const d = await national("arco-2017", { answerNotifiedOn: "2026-12-15" });
    assert.deepEqual([d.receivedOn, d.preventionBy, d.due, d.extendedDue, d.madeEffectiveBy, d.recursoBy], ["2026-11-17", "2026-11-24", "2026-12-15", "2026-12-30", "2027-01-07", "2027-01-07"]);
  });

  it("before the cut-off the same Friday counts: 17:00 on the 13th is received that day", async () => {
    // +20 from Fri 13: 17–20 (4; 16 is a rest day), 23–27 (9), 30 Nov–4 Dec (14), 7–11 (19), 14 (20).
    const d = await deadlinesFor(t.services.db, null, await profile("lgtaip-2015"), { receivedAt: new Date("2026-11-13T23:00:00Z") });
    assert.deepEqual([d.receivedOn, d.due], ["2026-11-13", "2026-12-14"]);
  });

  it("skips León's published días inhábiles (23–27 November) and moves a request received inside them", async () => {
    await t.services.db.transaction().execute((trx) =>
      addNonWorkingDays(trx, LEON, { startsOn: "2026-11-23", endsOn: "2026-11-27", reason: "Feria", officialNotice: "Gaceta Municipal núm. 40", noticeUrl: null }, anonymous),
    );
    const lgtaip = await profile("lgtaip-2015");
    // From Tue 17: +5 = 18, 19, 20, 30 Nov, 1 Dec. +20 = 18–20 (3), 30 Nov–4 Dec (8), 7–11 (13), 14–18 (18), 21, 22 (20).
    // +10 = 23, 24 (2), 28–31 (6), 1 Jan rest, 4–7 Jan (10).
    const d = await deadlinesFor(t.services.db, LEON, lgtaip, { receivedAt: FRIDAY_EVENING });
    assert.deepEqual([d.receivedOn, d.preventionBy, d.due, d.extendedDue], ["2026-11-17", "2026-12-01", "2026-12-22", "2027-01-07"]);
    // Tuesday 24 at 10:00 is inside the range: received Monday 30 November.
    const inside = await deadlinesFor(t.services.db, LEON, lgtaip, { receivedAt: new Date("2026-11-24T16:00:00Z") });
    assert.equal(inside.receivedOn, "2026-11-30");
    // The nation (no municipality) does not know León's range.
    assert.equal((await national("lgtaip-2015")).preventionBy, "2026-11-24");
  });

  it("a prevención and its clarification restart the full response term the day after the clarification", async () => {
    // Prevención notified Fri 20 Nov: clarify by +10 = 23–27 (5), 30 Nov–4 Dec (10) → Fri 4 Dec.
    // Clarified Saturday 28 Nov → taken as made Monday 30; the term runs again from Tue 1 Dec:
    // +20 from 30 Nov = 1–4 (4), 7–11 (9), 14–18 (14), 21–24 (18), 25 rest, 28, 29 (20) → Tue 29 Dec.
    // Extension +10: 30, 31 (2), 1 Jan rest, 4–8 (7), 11–13 (10) → Wed 13 Jan 2027.
    const d = await national("lgtaip-2015", { preventionNotifiedOn: "2026-11-20", clarifiedOn: "2026-11-28" });
    assert.deepEqual([d.clarifyBy, d.restartedFrom, d.due, d.extendedDue], ["2026-12-04", "2026-12-01", "2026-12-29", "2027-01-13"]);
  });

  it("recurso de revisión: 15 business days after the answer was notified", async () => {
    // Answer notified Fri 18 Dec: 21–24 (4), 28–31 (8), 1 Jan rest, 4–8 (13), 11, 12 (15).
    const d = await national("lgtaip-2015", { answerNotifiedOn: "2026-12-18" });
    assert.equal(d.recursoBy, "2027-01-12");
    assert.equal(d.madeEffectiveBy, null, "only ARCO profiles have a term to make a right effective");
  });

  it("refuses a late prevención, a clarification out of time and dates out of order, in Spanish", async () => {
    const refuses = (input: Partial<DeadlineInput>, field: string, pattern: RegExp) =>
      assert.rejects(national("lgtaip-2015", input), (e: unknown) => e instanceof DeadlineInputError && e.field === field && pattern.test(e.message));
    await refuses({ preventionNotifiedOn: "2026-11-25" }, "preventionNotifiedOn", /a más tardar el 2026-11-24 \(art\. 128\)/);
    await refuses({ preventionNotifiedOn: "2026-11-10" }, "preventionNotifiedOn", /antes de la recepción/);
    await refuses({ preventionNotifiedOn: "2026-11-20", clarifiedOn: "2026-12-07" }, "clarifiedOn", /se tiene por no presentada/);
    await refuses({ preventionNotifiedOn: "2026-11-20", clarifiedOn: "2026-11-19" }, "clarifiedOn", /no puede ser anterior/);
    await refuses({ clarifiedOn: "2026-11-20" }, "clarifiedOn", /Sin una prevención/);
  });

  it("profileInForce keeps the profile in force on the day of receipt when a new law starts later", async () => {
    const db = t.services.db;
    assert.equal((await profileInForce(db, LEON, "information", FRIDAY_EVENING)).id, "lgtaip-2015", "the general law by default");
    assert.equal((await profileInForce(db, LEON, "arco", FRIDAY_EVENING)).id, "arco-2017");
    // A reform arrives as a new row with its own start date (a test profile: 12 + 5 days).
    await db
      .insertInto("legal_profiles")
      .values({
        id: "prueba-2026", name: "Reforma de prueba", law: "Ley de prueba", kind: "information", in_force_from: "2026-12-01",
        response_days: 12, response_article: "art. 1", extension_days: 5, extension_article: "art. 1", extension_approved_by: "Comité de Transparencia",
        prevention_days: 3, prevention_article: "art. 2", clarify_days: 5, clarify_article: "art. 2", incompetence_days: 2, incompetence_article: "art. 3",
        recurso_days: 15, recurso_article: "art. 4", made_effective_days: null, made_effective_article: null,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    await db.transaction().execute(async (trx) => {
      await chooseLegalProfile(trx, LEON, "information", "edomex-2016", "2020-01-01");
      await chooseLegalProfile(trx, LEON, "information", "prueba-2026", "2026-12-01");
    });
    // 05:59 UTC on 1 Dec is 23:59 of 30 Nov in León: still the old profile; a minute later, the new one.
    assert.equal((await profileInForce(db, LEON, "information", new Date("2026-12-01T05:59:00Z"))).id, "edomex-2016");
    assert.equal((await profileInForce(db, LEON, "information", new Date("2026-12-01T06:00:00Z"))).id, "prueba-2026");
    assert.equal((await profileInForce(db, LEON, "information", new Date("2019-06-01T18:00:00Z"))).id, "lgtaip-2015", "before any choice");
    await assert.rejects(db.transaction().execute((trx) => chooseLegalProfile(trx, LEON, "information", "arco-2017", "2026-01-01")), /no es para solicitudes de tipo acceso/);
    await assert.rejects(db.transaction().execute((trx) => chooseLegalProfile(trx, LEON, "information", "prueba-2026", "2026-11-01")), /rige desde 2026-12-01/);
    await assert.rejects(db.transaction().execute((trx) => chooseLegalProfile(trx, LEON, "information", "no-existe", "2026-11-01")), /No existe el perfil legal/);
    assert.equal((await db.selectFrom("municipal_legal_profiles").selectAll().execute()).length, 2);
  });

  it("staff calculator: the transparency unit gets the dates; others are refused; bad input is a Spanish 422", async () => {
    await makeUser(t.services.db, "ut@leon.test", { role: "transparency_unit", municipalityId: LEON });
    await makeUser(t.services.db, "obras@leon.test", { role: "department_staff", municipalityId: LEON, departmentId: leonDepartment });
    const url = "/leon/admin/transparencia/plazos";
    assert.equal((await new Browser(app).get(url)).statusCode, 302, "anonymous visitors are sent to sign in");
    const staff = new Browser(app);
    await login(staff, "obras@leon.test");
    assert.equal((await staff.get(url)).statusCode, 403);

    const unit = new Browser(app);
    await login(unit, "ut@leon.test");
    const form = await unit.get(url);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<label for="campo-fecha">Fecha de recepción/);
    const res = await unit.get(`${url}?perfil=lgtaip-2015&fecha=2026-11-13&hora=19:00&prevencion=2026-11-20&aclaracion=2026-11-28&respuesta=`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /martes, 17 de noviembre de 2026/);
    assert.match(res.body, /<time datetime="2026-12-29">martes, 29 de diciembre de 2026<\/time>/);
    assert.match(res.body, /aprobada por el Comité de Transparencia, art\. 132/);

    const bad = await unit.get(`${url}?perfil=ley-inventada&fecha=13/11/2026&hora=7pm`);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Elija un perfil legal de la lista/);
    assert.match(bad.body, /Escriba una fecha válida/);
    assert.match(bad.body, /Escriba una hora válida/);
    const late = await unit.get(`${url}?perfil=lgtaip-2015&fecha=2026-11-13&hora=19:00&prevencion=2026-11-20&aclaracion=2026-12-07`);
    assert.equal(late.statusCode, 422);
    assert.match(late.body, /se tiene por no presentada/);
  });
});
