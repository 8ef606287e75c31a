import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { instantAtLocal } from "../../platform/calendar/dates.js";
import type { Actor } from "../../platform/policy.js";
import { LEON, makeUser, seedTowns, type Towns } from "../accounts/test-support.js";
import { loadActor } from "../accounts/queries.js";
import { createDepartment } from "../territory/service.js";
import { findActiveMunicipalityBySlug, type ActiveMunicipality } from "../territory/queries.js";
import { createInformationRequest } from "./info-service.js";
import { applyInfoStep, type InfoStep } from "./info-workflow.js";
import { searchArchive, type ArchiveFilter } from "./archive-queries.js";
import { archiveStatistics } from "./archive-stats.js";
import { seedDemoInformationRequests } from "./info-demo.js";
import { INFO_STATUSES } from "./info-tables.js";
import { listRequestsForStaff } from "./info-queries.js";
import { isOverdue } from "./info-presenters.js";
import { localDateTimeAt } from "../../platform/calendar/dates.js";

const TZ = "America/Mexico_City";
const at = (date: string) => instantAtLocal(date, { hour: 10, minute: 0, second: 0 }, TZ);

describe("public archive of answered information requests", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let leon: ActiveMunicipality;
  let towns: Towns;
  let civil: number;
  let unit: Actor;
  const folios: Record<string, string> = {};
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());

  const intake = async (body: string, receivedOn: string, kind: "information" | "arco" = "information") =>
    (await createInformationRequest(t.services.db, leon, unit, {
      kind, arcoRight: kind === "arco" ? "access" : null, channel: "in_person", body, receivedAt: at(receivedOn), name: "Zyxsolicitante Gómez", email: "zyx@example.mx",
    })).folio;
  const step = (folio: string, s: InfoStep) => applyInfoStep(t.services.db, LEON, unit, folio, s);
  const search = (f: Partial<ArchiveFilter>) => searchArchive(t.services.db, LEON, { page: 1, perPage: 20, ...f });

  beforeEach(async () => {
    await t.reset();
    towns = await seedTowns(t.services.db);
    civil = await t.services.db.transaction().execute(async (trx) => (await createDepartment(trx, LEON, { name: "Protección Civil" })).id);
    leon = (await findActiveMunicipalityBySlug(t.services.db, "leon"))!;
    unit = (await loadActor(t.services.db, await makeUser(t.services.db, "unidad@leon.gob.mx", { role: "transparency_unit", municipalityId: LEON })))!;
    // A: on time, 4 business days (6–9 Oct). B: partial, on time, 9 business days. C: late, 44 business days (16 Sep is a rest day).
    folios.a = await intake("Informe de las inundaciones de la colonia Centro durante 2026.", "2026-10-05");
    await step(folios.a, { step: "turn", departmentIds: [towns.leonDepartment], on: "2026-10-05" });
    await step(folios.a, { step: "answer", partial: false, text: "Se anexa el informe de daños por lluvias y el padrón de viviendas afectadas.", on: "2026-10-09" });
    folios.b = await intake("Monto del crédito contratado con la banca de desarrollo.", "2026-10-05");
    await step(folios.b, { step: "turn", departmentIds: [civil], on: "2026-10-05" });
    await step(folios.b, { step: "answer", partial: true, text: "Se entrega el contrato de crédito; las tablas de amortización no existen aún.", on: "2026-10-16" });
    folios.c = await intake("Nómina del personal de alumbrado público.", "2026-08-03");
    await step(folios.c, { step: "turn", departmentIds: [towns.leonDepartment], on: "2026-08-03" });
    await step(folios.c, { step: "inexistent", text: "No existe una nómina separada del alumbrado público.", resolutionNumber: "CT-2026-014", resolutionDate: "2026-10-02", on: "2026-10-05" });
    // D: still waiting (not in the archive). E: ARCO, answered — never public.
    folios.d = await intake("Estudios de riesgo de inundaciones en la presa.", "2026-10-05");
    folios.e = await intake("Mis datos personales sobre inundaciones zyxarco en el padrón.", "2026-10-05", "arco");
    await step(folios.e, { step: "verifyIdentity", method: "INE original" });
    await step(folios.e, { step: "answer", partial: false, text: "Respuesta zyxarco sobre inundaciones.", on: "2026-10-06" });
  });

  it("finds Spanish stems and ignores accents, only answered information requests", async () => {
    const flood = await search({ q: "inundación" });
    assert.deepEqual(flood.rows.map((r) => r.folio), [folios.a]);
    assert.equal(flood.total, 1);
    assert.deepEqual((await search({ q: "inundacion" })).rows.map((r) => r.folio), [folios.a], "typed without its accent, the singular still finds the plural");
    assert.deepEqual((await search({ q: "INUNDACION" })).rows.map((r) => r.folio), [folios.a]);
    assert.deepEqual((await search({ q: "credito" })).rows.map((r) => r.folio), [folios.b]);
    assert.deepEqual((await search({ q: "CRÉDITOS banca" })).rows.map((r) => r.folio), [folios.b]);
    assert.deepEqual((await search({ q: "viviendas afectadas" })).rows.map((r) => r.folio), [folios.a], "the answer is searched too");
    assert.deepEqual((await search({ q: "nomina alumbrado" })).rows.map((r) => r.folio), [folios.c]);
    assert.equal((await search({ q: "zyxarco" })).total, 0);
    assert.equal((await search({ q: "el la de" })).total, 0, "a query of stop words finds nothing");
    assert.deepEqual((await search({})).rows.map((r) => r.folio).sort(), [folios.a, folios.b, folios.c].sort());

    const page = await new Browser(app).get("/leon/transparencia/archivo?q=inundaci%C3%B3n");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/leon/transparencia/solicitudes/${folios.a}"`));
    assert.ok(!page.body.includes(folios.d!) && !page.body.includes(folios.e!));
    assert.ok(!/zyx/i.test(page.body), "neither requester nor ARCO on the page");
    const detail = await new Browser(app).get(`/leon/transparencia/solicitudes/${folios.a}`);
    assert.match(detail.body, /padrón de viviendas afectadas/, "the request page shows the answer");
    assert.ok(!/zyx/i.test(detail.body));
  });

  it("filters by department, year of receipt and outcome", async () => {
    assert.deepEqual((await search({ departmentId: towns.leonDepartment })).rows.map((r) => r.folio).sort(), [folios.a, folios.c].sort());
    assert.deepEqual((await search({ departmentId: civil })).rows.map((r) => r.folio), [folios.b]);
    assert.deepEqual((await search({ outcome: "inexistente" })).rows.map((r) => r.folio), [folios.c]);
    assert.deepEqual((await search({ outcome: "respondida_parcial", year: 2026 })).rows.map((r) => r.folio), [folios.b]);
    assert.equal((await search({ year: 2025 })).total, 0);
    const page = await new Browser(app).get(`/leon/transparencia/archivo?area=${civil}&anio=2026&resultado=respondida_parcial&q=`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(folios.b!) && !page.body.includes(folios.a!));
    for (const bad of ["area=abc", "anio=20x6", "resultado=recibida"]) {
      const res = await new Browser(app).get(`/leon/transparencia/archivo?${bad}`);
      assert.equal(res.statusCode, 400, bad);
      assert.match(res.body, /filtro no es válido/);
    }
  });

  it("computes the statistics on a hand-checked example, without ARCO requests", async () => {
    const s = await archiveStatistics(t.services.db, LEON, "2026-10-20");
    assert.deepEqual(s.overall, { received: 4, answered: 3, onTime: 2, onTimePercent: 66.7, medianBusinessDays: 9 });
    assert.equal(s.months.length, 12);
    assert.equal(s.months[0]!.month, "2025-11");
    assert.deepEqual(s.months.at(-1), { month: "2026-10", received: 3, answered: 3 });
    assert.deepEqual(s.months.find((m) => m.month === "2026-08"), { month: "2026-08", received: 1, answered: 0 });
    const byName = Object.fromEntries(s.departments.map((d) => [d.name, d]));
    assert.deepEqual(
      { ...byName["Obras Públicas"], id: 0 },
      { id: 0, name: "Obras Públicas", received: 2, answered: 2, onTime: 1, onTimePercent: 50, medianBusinessDays: 24 },
    );
    assert.equal(byName["Protección Civil"]!.medianBusinessDays, 9);
    const page = await new Browser(app).get("/leon/transparencia/estadisticas");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /66\.7 %/);
    assert.match(page.body, /<caption>Por área<\/caption>/);
    assert.ok(!/zyx/i.test(page.body));
  });

  it("paginates the archive, 20 per page", async () => {
    for (let i = 0; i < 20; i++) {
      const folio = await intake(`Contratos de bacheo número ${i} de la calle Hidalgo.`, "2026-09-01");
      await step(folio, { step: "answer", partial: false, text: "Se entregan los contratos.", on: "2026-09-10" });
    }
    const first = await new Browser(app).get("/leon/transparencia/archivo");
    assert.equal((first.body.match(/<li><h3>/g) ?? []).length, 20);
    assert.match(first.body, /rel="next"/);
    const second = await new Browser(app).get("/leon/transparencia/archivo?pagina=2");
    assert.equal((second.body.match(/<li><h3>/g) ?? []).length, 3);
    assert.doesNotMatch(second.body, /rel="next"/);
    assert.equal((await search({ q: "bacheo", page: 2 })).rows.length, 0);
    assert.equal((await search({ q: "bacheo" })).total, 20);
  });

  it("seeds demo requests in every state, some overdue, ARCO never in the archive, and is idempotent", async () => {
    await t.reset();
    await seedTowns(t.services.db);
    const lines: string[] = [];
    await seedDemoInformationRequests(t.services, (l) => lines.push(l));
    await seedDemoInformationRequests(t.services, (l) => lines.push(l));
    assert.match(lines[0]!, /34 solicitudes/);
    assert.match(lines[1]!, / 0 solicitudes/, "a second run adds nothing");
    const { rows } = await listRequestsForStaff(t.services.db, LEON, { includeArco: true, departmentIds: null, limit: 100, offset: 0 });
    assert.deepEqual([...new Set(rows.filter((r) => r.kind === "information").map((r) => r.status))].sort(), [...INFO_STATUSES].sort());
    const today = localDateTimeAt(new Date(), TZ).date;
    assert.ok(rows.filter((r) => isOverdue(r, today)).length >= 2, "some requests are overdue");
    assert.equal(rows.filter((r) => r.kind === "arco").length, 2);
    assert.ok(rows.some((r) => r.status === "inexistente" && r.comite_resolution_number), "inexistencia with its Comité resolution");
    const archive = await search({ q: "inundaciones" });
    assert.equal(archive.total, 1);
    assert.equal((await search({ q: "padron contribuyentes predial" })).total, 0, "the answered ARCO request is not in the archive");
    assert.equal((await search({})).total, 8);
  });
});
