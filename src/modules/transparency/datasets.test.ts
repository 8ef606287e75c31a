import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { instantAtLocal, localDateTimeAt } from "../../platform/calendar/dates.js";
import type { Actor } from "../../platform/policy.js";
import { CUAUHTEMOC, LEON, makeUser, seedTowns, type Towns } from "../accounts/test-support.js";
import { loadActor } from "../accounts/queries.js";
import { createDepartment } from "../territory/service.js";
import { findActiveMunicipalityBySlug, type ActiveMunicipality } from "../territory/queries.js";
import { createInformationRequest } from "./info-service.js";
import { applyInfoStep, type InfoStep } from "./info-workflow.js";
import { publishRecord } from "./obligations-service.js";
import { complianceReport } from "./compliance.js";
import { complianceRows, COMPLIANCE_COLUMNS, INFO_REQUEST_COLUMNS, OBLIGATION_RECORD_COLUMNS } from "./datasets-export.js";

const TZ = "America/Mexico_City";
const at = (date: string) => instantAtLocal(date, { hour: 10, minute: 0, second: 0 }, TZ);
/** Requester data and staff-only text: none of it may reach any download. */
const SECRET = {
  name: "Zyxnombre Secreto Quiñones",
  email: "zyx.secreto.4471@correo.test",
  address: "Calle Zyxdomicilio 99, int. 4",
  preventionNote: "Aclare zyxnota el expediente de su cuñado",
  publisher: "Zyxpublicador Municipal",
  recordNote: "zyxnota-registro interna",
  arco: "zyxarco",
};

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') [field, i] = [field + '"', i + 1];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") [row, field] = [[...row, field], ""];
    else if (c === "\r" && text[i + 1] === "\n") {
      rows.push([...row, field]);
      [row, field] = [[], ""];
      i++;
    } else field += c;
  }
  assert.equal(field + row.join(""), "", "the file ends with CRLF");
  return rows;
}

describe("transparency datasets in the open-data catalogue", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let towns: Towns;
  let leon: ActiveMunicipality;
  let cuauhtemoc: ActiveMunicipality;
  let unit: Actor;
  const folios: Record<string, string> = {};
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    towns = await seedTowns(t.services.db);
    leon = (await findActiveMunicipalityBySlug(t.services.db, "leon"))!;
    cuauhtemoc = (await findActiveMunicipalityBySlug(t.services.db, "cuauhtemoc"))!;
    unit = (await loadActor(t.services.db, await makeUser(t.services.db, "unidad@leon.gob.mx", { role: "transparency_unit", municipalityId: LEON })))!;
  });

  const intake = async (m: ActiveMunicipality, body: string, receivedOn: string, kind: "information" | "arco" = "information") =>
    (await createInformationRequest(t.services.db, m, unit, {
      kind, arcoRight: kind === "arco" ? "access" : null, channel: "in_person", body, receivedAt: at(receivedOn), name: SECRET.name, email: SECRET.email, address: SECRET.address,
    })).folio;
  const step = (m: ActiveMunicipality, folio: string, s: InfoStep) => applyInfoStep(t.services.db, m.id, unit, folio, s);

  /** León: answered, late, classified, incompetent, prevenida, pending and ARCO requests; Cuauhtémoc: one answered. */
  async function seedRequests() {
    const d = [towns.leonDepartment];
    folios.answered = await intake(leon, "Informe de las inundaciones de la colonia Centro, con \"anexos\", durante 2026.", "2026-10-05");
    await step(leon, folios.answered, { step: "turn", departmentIds: d, on: "2026-10-05" });
    await step(leon, folios.answered, { step: "answer", partial: false, text: "Se anexa el informe de daños,\r\ny el padrón de viviendas afectadas.", on: "2026-10-09" });
    await step(leon, folios.answered, { step: "recurso", on: "2026-10-20" });
    await step(leon, folios.answered, { step: "recursoOutcome", outcome: "confirma", on: "2026-11-10" });
    folios.late = await intake(leon, "Nómina del personal de alumbrado público.", "2026-08-03");
    await step(leon, folios.late, { step: "turn", departmentIds: d, on: "2026-08-03" });
    await step(leon, folios.late, { step: "inexistent", text: "No existe una nómina separada del alumbrado público.", resolutionNumber: "CT-2026-014", resolutionDate: "2026-10-02", on: "2026-10-05" });
    folios.classified = await intake(leon, "Planes de seguridad de la cárcel municipal.", "2026-10-05");
    await step(leon, folios.classified, {
      step: "classify", classification: "reservada", legalBasis: "LGTAIP art. 113, fracc. I", years: "3", text: "Se reserva por seguridad pública.",
      resolutionNumber: "CT-2026-020", resolutionDate: "2026-10-07", on: "2026-10-08",
    });
    folios.incompetent = await intake(leon, "Expedientes clínicos del hospital estatal.", "2026-10-05");
    await step(leon, folios.incompetent, { step: "incompetent", competentBody: "Secretaría de Salud de Guanajuato", on: "2026-10-06" });
    folios.prevented = await intake(leon, "Contratos de la obra zyxprevenida sin precisar cuál.", "2026-10-05");
    await step(leon, folios.prevented, { step: "prevent", on: "2026-10-06", note: SECRET.preventionNote });
    folios.pending = await intake(leon, "Estudios de riesgo zyxpendiente de la presa.", "2026-10-05");
    folios.arco = await intake(leon, `Mis datos personales ${SECRET.arco} en el padrón.`, "2026-10-05", "arco");
    await step(leon, folios.arco, { step: "verifyIdentity", method: "INE original" });
    await step(leon, folios.arco, { step: "answer", partial: false, text: `Respuesta ${SECRET.arco}.`, on: "2026-10-06" });
    folios.cdmx = await intake(cuauhtemoc, "Padrón de mercados públicos zyxcdmx de la alcaldía.", "2026-10-05");
    await step(cuauhtemoc, folios.cdmx, { step: "answer", partial: false, text: "Se entrega el padrón zyxcdmx.", on: "2026-10-07" });
  }

  /** The compliance.test.ts example (60 % on 2026-11-15) plus a PDF of an older period and a Cuauhtémoc record. */
  async function seedObligations() {
    const { db } = t.services;
    const [a, b] = await db.transaction().execute(async (trx) => [
      (await createDepartment(trx, LEON, { name: "Tesorería" })).id,
      (await createDepartment(trx, LEON, { name: "Desarrollo Urbano" })).id,
    ]);
    const make = async (municipalityId: number, fraction: string, weight: number, department: number) =>
      (
        await db
          .insertInto("obligations")
          .values({ municipality_id: municipalityId, article: "70", fraction, title: `Fracción ${fraction}`, legal_reference: `LGTAIP art. 70, fracc. ${fraction}`, update_period: "quarterly", weight, due_days: 30, department_id: department, official_name: null })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const o = { I: await make(LEON, "I", 3, a), II: await make(LEON, "II", 1, b), III: await make(LEON, "III", 2, a), IV: await make(LEON, "IV", 4, b), cdmx: await make(CUAUHTEMOC, "IX", 1, towns.cuauhtemocDepartment) };
    const publish = (municipalityId: number, obligationId: number, date: string, link: string) =>
      db.insertInto("obligation_records").values({ municipality_id: municipalityId, obligation_id: obligationId, period: "2026-Q3", published_at: at(date), published_by: null, published_by_label: SECRET.publisher, link, note: SECRET.recordNote }).execute();
    await publish(LEON, o.I, "2026-10-20", "https://example.org/datos.csv?a=1,b=2");
    await publish(LEON, o.II, "2026-10-30", "https://example.org/ii.csv");
    await publish(LEON, o.III, "2026-11-05", "https://example.org/iii.csv");
    await publish(CUAUHTEMOC, o.cdmx, "2026-10-15", "https://example.org/zyxcdmx.csv");
    await db.transaction().execute((trx) =>
      publishRecord(trx, t.services.storage, { id: o.I, municipalityId: LEON, departmentId: a, updatePeriod: "quarterly" }, { period: "2026-Q2", file: Buffer.from("%PDF-1.4\n%prueba\n"), link: "", note: SECRET.recordNote }, { actor: unit, label: SECRET.publisher, userId: null }),
    );
    return { a, b, o };
  }

  async function download(path: string) {
    const res = await app.inject(path);
    assert.equal(res.statusCode, 200, `${path}: ${res.body}`);
    return res;
  }

  async function csvRecords(path: string, columns: readonly string[]): Promise<Record<string, string>[]> {
    const res = await download(path);
    assert.match(res.headers["content-type"] as string, /^text\/csv; charset=utf-8/);
    assert.match(res.headers["content-disposition"] as string, /^attachment; filename="[a-z-]+\.csv"/);
    assert.equal(res.headers["cache-control"], "public, max-age=300");
    assert.ok(res.body.startsWith("\uFEFF"), "UTF-8 with BOM");
    const [header, ...rows] = parseCsv(res.body.slice(1));
    assert.deepEqual(header, [...columns]);
    return rows.map((r) => {
      assert.equal(r.length, columns.length);
      return Object.fromEntries(columns.map((c, i) => [c, r[i]!]));
    });
  }

  function assertPrivate(body: string, what: string) {
    for (const value of Object.values(SECRET)) assert.ok(!body.includes(value), `${what} no debe contener ${value}`);
    assert.ok(!/zyxarco|zyx\.secreto|zyxnombre|zyxdomicilio|zyxpublicador/i.test(body), what);
  }

  it("lists the three datasets with CSV and JSON downloads on the catalogue page, in DCAT and through CKAN", async () => {
    await seedRequests();
    const ids = ["leon-solicitudes-informacion", "leon-obligaciones-transparencia", "leon-indice-cumplimiento"];
    const page = await download("/leon/datos");
    for (const title of ["Solicitudes de acceso a la información de León", "Obligaciones de transparencia publicadas por León", "Índice de cumplimiento de obligaciones de transparencia de León"]) {
      assert.ok(page.body.includes(title), title);
    }
    const record = await download("/leon/datos/conjuntos/leon-solicitudes-informacion");
    assert.match(record.body, /del 2026-08-03 al 2026-10-05/);
    const hrefs = [...record.body.matchAll(/<a href="([^"]+)" type="(text\/csv|application\/json)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, ["/leon/datos/solicitudes-informacion.csv", "/leon/datos/solicitudes-informacion.json"]);

    const dcat = (await download("/leon/datos/catalogo.jsonld")).json();
    for (const id of ids) {
      const ds = dcat["dcat:dataset"].find((d: { "dct:identifier": string }) => d["dct:identifier"] === id);
      assert.ok(ds, id);
      assert.equal(ds["dct:license"]["@id"], "https://datos.gob.mx/libreusomx");
      const dist = ds["dcat:distribution"].map((r: { "dct:format": string; "dcat:mediaType": string }) => [r["dct:format"], r["dcat:mediaType"]]);
      assert.deepEqual(dist, [["CSV", "text/csv"], ["JSON", "application/json"]]);
      for (const r of ds["dcat:distribution"]) assertPrivate((await download(new URL(r["dcat:downloadURL"]["@id"]).pathname)).body, id);
    }
    const index = dcat["dcat:dataset"].find((d: { "dct:identifier": string }) => d["dct:identifier"] === "leon-indice-cumplimiento");
    assert.equal(index["dct:accrualPeriodicity"]["@id"], "http://publications.europa.eu/resource/authority/frequency/DAILY");

    const list = (await download("/api/3/action/package_list")).json();
    for (const id of [...ids, "cuauhtemoc-solicitudes-informacion", "cuauhtemoc-obligaciones-transparencia", "cuauhtemoc-indice-cumplimiento"]) assert.ok(list.result.includes(id), id);
    const show = (await download("/api/3/action/package_show?id=leon-obligaciones-transparencia")).json();
    assert.equal(show.result.title, "Obligaciones de transparencia publicadas por León");
    assert.deepEqual(show.result.resources.map((r: { format: string; url: string }) => [r.format, new URL(r.url).pathname]), [
      ["CSV", "/leon/datos/obligaciones.csv"],
      ["JSON", "/leon/datos/obligaciones.json"],
    ]);
    const search = (await download("/api/3/action/package_search?q=solicitudes%20informacion&fq=organization:leon%20res_format:JSON")).json();
    assert.deepEqual(search.result.results.map((r: { id: string }) => r.id), ["leon-solicitudes-informacion"]);
  });

  it("exports every information request with its deadlines, business days to answer and outcome, never ARCO, the requester or notes", async () => {
    await seedRequests();
    const rows = await csvRecords("/leon/datos/solicitudes-informacion.csv", INFO_REQUEST_COLUMNS);
    const byFolio = new Map(rows.map((r) => [r.folio, r]));
    assert.deepEqual([...byFolio.keys()].sort(), [folios.answered, folios.late, folios.classified, folios.incompetent, folios.prevented, folios.pending].sort());
    assert.ok(!byFolio.has(folios.arco!) && !byFolio.has(folios.cdmx!));

    // 20 business days from Monday 5 October 2026: 2 November. Answered on Friday 9 October: 4 business days.
    const a = byFolio.get(folios.answered!)!;
    assert.deepEqual(
      { ...a },
      {
        folio: folios.answered, fecha_recepcion: "2026-10-05", perfil_legal: "lgtaip-2015", medio_recepcion: "En persona", estado_codigo: "respondida", estado: "Respondida",
        areas_turnadas: "Obras Públicas", fecha_limite: "2026-11-02", fecha_limite_ampliada: "", fecha_respuesta: "2026-10-09", dias_habiles_respuesta: "4",
        en_plazo: "sí", vencida: "no", resultado: "Entrega de la información", clasificacion: "", fundamento_clasificacion: "", periodo_reserva_anios: "",
        resolucion_comite: "", sujeto_obligado_competente: "", recurso_fecha: "2026-10-20", recurso_resultado: "confirma", recurso_fecha_resolucion: "2026-11-10",
        solicitud: "Informe de las inundaciones de la colonia Centro, con \"anexos\", durante 2026.",
        respuesta: "Se anexa el informe de daños,\r\ny el padrón de viviendas afectadas.",
        url: `${t.services.config.publicUrl}/leon/transparencia/solicitudes/${folios.answered}`,
      },
    );
    // Received Monday 3 August (due 31 August), answered 5 October: 44 business days (16 September is a rest day), late.
    const late = byFolio.get(folios.late!)!;
    assert.equal(late.fecha_limite, "2026-08-31");
    assert.equal(late.dias_habiles_respuesta, "44");
    assert.equal(late.en_plazo, "no");
    assert.equal(late.estado, "Información inexistente");
    assert.equal(late.resultado, "Inexistencia de la información");
    assert.equal(late.resolucion_comite, "CT-2026-014 (2026-10-02)");
    const k = byFolio.get(folios.classified!)!;
    assert.deepEqual([k.clasificacion, k.fundamento_clasificacion, k.periodo_reserva_anios, k.dias_habiles_respuesta, k.en_plazo], ["reservada", "LGTAIP art. 113, fracc. I", "3", "3", "sí"]);
    const inc = byFolio.get(folios.incompetent!)!;
    assert.deepEqual([inc.estado_codigo, inc.sujeto_obligado_competente, inc.dias_habiles_respuesta, inc.respuesta], ["incompetente", "Secretaría de Salud de Guanajuato", "1", ""]);
    const prevented = byFolio.get(folios.prevented!)!;
    assert.deepEqual([prevented.estado, prevented.resultado, prevented.en_plazo, prevented.vencida, prevented.solicitud], ["Prevenida", "", "", "no", ""]);
    const pending = byFolio.get(folios.pending!)!;
    assert.deepEqual([pending.estado_codigo, pending.fecha_respuesta, pending.dias_habiles_respuesta, pending.en_plazo, pending.vencida, pending.solicitud], ["recibida", "", "", "", "sí", ""]);

    const csv = (await download("/leon/datos/solicitudes-informacion.csv")).body;
    const json = await download("/leon/datos/solicitudes-informacion.json");
    assert.match(json.headers["content-type"] as string, /^application\/json; charset=utf-8/);
    for (const [body, what] of [[csv, "CSV"], [json.body, "JSON"]] as const) {
      assertPrivate(body, what);
      assert.ok(!body.includes("zyxprevenida") && !body.includes("zyxpendiente"), `${what}: the request text waits for the answer, as in the archive`);
      assert.ok(!body.includes("zyxcdmx"), `${what}: never another municipality's rows`);
    }
    const items = json.json() as Record<string, unknown>[];
    assert.equal(items.length, 6);
    const ja = items.find((i) => i.folio === folios.answered)!;
    assert.deepEqual(Object.keys(ja), [...INFO_REQUEST_COLUMNS]);
    assert.deepEqual([ja.dias_habiles_respuesta, ja.en_plazo, ja.vencida, ja.areas_turnadas, ja.fecha_limite_ampliada], [4, true, false, ["Obras Públicas"], null]);

    const cdmx = await csvRecords("/cuauhtemoc/datos/solicitudes-informacion.csv", INFO_REQUEST_COLUMNS);
    assert.deepEqual(cdmx.map((r) => [r.folio, r.dias_habiles_respuesta, r.respuesta]), [[folios.cdmx, "2", "Se entrega el padrón zyxcdmx."]]);
  });

  it("exports the published obligation records with due dates and days late, and the compliance index", async () => {
    const { o } = await seedObligations();
    const rows = await csvRecords("/leon/datos/obligaciones.csv", OBLIGATION_RECORD_COLUMNS);
    const base = `${t.services.config.publicUrl}/leon/transparencia/obligaciones`;
    const today = localDateTimeAt(new Date(), TZ).date;
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [
        { obligacion_id: String(o.I), articulo: "70", fraccion: "I", obligacion: "Fracción I", area_responsable: "Tesorería", periodo: "2026-Q2", fecha_limite: "2026-07-30", fecha_publicacion: today, dias_atraso: String(Math.round((Date.parse(today) - Date.parse("2026-07-30")) / 86_400_000)), tipo_archivo: "PDF", archivo_url: `${base}/${o.I}/periodos/2026-Q2`, liga: "", url_obligacion: `${base}/${o.I}` },
        { obligacion_id: String(o.I), articulo: "70", fraccion: "I", obligacion: "Fracción I", area_responsable: "Tesorería", periodo: "2026-Q3", fecha_limite: "2026-10-30", fecha_publicacion: "2026-10-20", dias_atraso: "0", tipo_archivo: "", archivo_url: "", liga: "https://example.org/datos.csv?a=1,b=2", url_obligacion: `${base}/${o.I}` },
        { obligacion_id: String(o.II), articulo: "70", fraccion: "II", obligacion: "Fracción II", area_responsable: "Desarrollo Urbano", periodo: "2026-Q3", fecha_limite: "2026-10-30", fecha_publicacion: "2026-10-30", dias_atraso: "0", tipo_archivo: "", archivo_url: "", liga: "https://example.org/ii.csv", url_obligacion: `${base}/${o.II}` },
        { obligacion_id: String(o.III), articulo: "70", fraccion: "III", obligacion: "Fracción III", area_responsable: "Tesorería", periodo: "2026-Q3", fecha_limite: "2026-10-30", fecha_publicacion: "2026-11-05", dias_atraso: "6", tipo_archivo: "", archivo_url: "", liga: "https://example.org/iii.csv", url_obligacion: `${base}/${o.III}` },
      ],
    );
    const pdf = await download(new URL(rows[0]!.archivo_url!).pathname);
    assert.match(pdf.headers["content-type"] as string, /^application\/pdf/);
    const json = await download("/leon/datos/obligaciones.json");
    assert.equal(json.json().length, 4);
    for (const body of [json.body, (await download("/leon/datos/obligaciones.csv")).body]) {
      assertPrivate(body, "obligaciones");
      assert.ok(!body.includes("zyxcdmx") && !body.includes("Servicios Urbanos"), "never another municipality's records");
    }
    assert.deepEqual((await csvRecords("/cuauhtemoc/datos/obligaciones.csv", OBLIGATION_RECORD_COLUMNS)).map((r) => [r.fraccion, r.area_responsable, r.liga]), [["IX", "Servicios Urbanos", "https://example.org/zyxcdmx.csv"]]);

    // The hand example on 2026-11-15: Tesorería 100 % (verde), Desarrollo Urbano 20 % (rojo), the municipality 60 %.
    const batches = [];
    for await (const batch of complianceRows(t.services.db, leon, "2026-11-15")) batches.push(...batch);
    assert.deepEqual(batches, [
      { fecha_corte: "2026-11-15", ambito: "Área responsable", area_responsable: "Desarrollo Urbano", obligaciones: 2, al_dia: 1, vencidas: 1, indice: 20, semaforo: "rojo" },
      { fecha_corte: "2026-11-15", ambito: "Área responsable", area_responsable: "Tesorería", obligaciones: 2, al_dia: 2, vencidas: 0, indice: 100, semaforo: "verde" },
      { fecha_corte: "2026-11-15", ambito: "Municipio", area_responsable: null, obligaciones: 4, al_dia: 3, vencidas: 1, indice: 60, semaforo: "rojo" },
    ]);
    // Today's index, as the semáforo page computes it.
    const report = await complianceReport(t.services.db, leon);
    const index = await csvRecords("/leon/datos/indice-cumplimiento.csv", COMPLIANCE_COLUMNS);
    assert.deepEqual(
      index.map((r) => [r.fecha_corte, r.area_responsable, r.indice, r.semaforo]),
      [...report.departments.map((d) => [report.on, d.departmentName, String(d.index), d.light]), [report.on, "", String(report.index), report.light]],
    );
    const indexJson = (await download("/leon/datos/indice-cumplimiento.json")).json();
    assert.equal(indexJson.at(-1).ambito, "Municipio");
    assert.ok(!JSON.stringify(indexJson).includes("Servicios Urbanos"));
  });

  it("streams tables larger than one read batch completely, in order, without repeating a row", async () => {
    const { db } = t.services;
    await sql`insert into information_requests (municipality_id, folio, kind, profile_id, channel, body, received_at, received_on, prevention_by, incompetence_by, due_on)
      select ${CUAUHTEMOC}, 'CUAUH-UT-2025-' || lpad(g::text, 6, '0'), 'information', 'lgtaip-2015', 'web', 'Solicitud número ' || g,
             timestamptz '2025-03-03 16:00Z', date '2025-03-03', date '2025-03-10', date '2025-03-06', date '2025-03-31'
        from generate_series(1, 2050) g`.execute(db);
    const requests = await csvRecords("/cuauhtemoc/datos/solicitudes-informacion.csv", INFO_REQUEST_COLUMNS);
    assert.equal(requests.length, 2050);
    assert.deepEqual(requests.map((r) => r.folio), Array.from({ length: 2050 }, (_, i) => `CUAUH-UT-2025-${String(i + 1).padStart(6, "0")}`));
    assert.equal((await download("/cuauhtemoc/datos/solicitudes-informacion.json")).json().length, 2050);

    await sql`insert into obligations (municipality_id, article, fraction, title, legal_reference, update_period, weight, due_days, created_at, updated_at)
      select ${CUAUHTEMOC}, '70', 'F' || g, 'Obligación ' || g, 'LGTAIP art. 70', 'monthly', 1, 30, now(), now() from generate_series(1, 60) g`.execute(db);
    await sql`insert into obligation_records (municipality_id, obligation_id, period, published_at, published_by_label, link)
      select o.municipality_id, o.id, to_char(date '2025-01-01' + make_interval(months => n), 'YYYY-MM'), timestamptz '2026-09-01 16:00Z', 'prueba', 'https://example.org/x'
        from obligations o cross join generate_series(0, 19) n where o.municipality_id = ${CUAUHTEMOC}`.execute(db);
    const records = await csvRecords("/cuauhtemoc/datos/obligaciones.csv", OBLIGATION_RECORD_COLUMNS);
    assert.equal(records.length, 1200);
    assert.equal(new Set(records.map((r) => `${r.obligacion_id}/${r.periodo}`)).size, 1200);
    const keys = records.map((r) => [Number(r.obligacion_id), r.periodo] as const);
    assert.ok(keys.every((k, i) => i === 0 || k[0] > keys[i - 1]![0] || (k[0] === keys[i - 1]![0] && k[1] > keys[i - 1]![1])), "ordered by obligation and period");
    assert.equal(records.find((r) => r.periodo === "2025-01")!.fecha_limite, "2025-03-02");
  });

  it("gives a municipality without data valid empty downloads with their headers", async () => {
    for (const [file, columns] of [["solicitudes-informacion", INFO_REQUEST_COLUMNS], ["obligaciones", OBLIGATION_RECORD_COLUMNS], ["indice-cumplimiento", COMPLIANCE_COLUMNS]] as const) {
      const csv = await download(`/leon/datos/${file}.csv`);
      assert.equal(csv.body, "\uFEFF" + columns.join(",") + "\r\n", file);
      const json = await download(`/leon/datos/${file}.json`);
      assert.deepEqual(json.json(), [], file);
    }
    const dataset = await download("/leon/datos/conjuntos/leon-solicitudes-informacion");
    assert.match(dataset.body, /Solicitudes de acceso a la información de León/);
    assert.equal((await app.inject("/no-existe/datos/obligaciones.csv")).statusCode, 404);
  });
});
