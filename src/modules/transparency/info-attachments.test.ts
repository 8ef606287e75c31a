import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { handmadeZip } from "../../platform/test-files.js";
import { instantAtLocal } from "../../platform/calendar/dates.js";
import type { Actor } from "../../platform/policy.js";
import { CUAUHTEMOC, LEON, login, makeUser, seedTowns, type Towns } from "../accounts/test-support.js";
import { loadActor } from "../accounts/queries.js";
import { createDepartment } from "../territory/service.js";
import { findActiveMunicipalityBySlug, type ActiveMunicipality } from "../territory/queries.js";
import { createInformationRequest } from "./info-service.js";
import { applyInfoStep } from "./info-workflow.js";
import { loadRequestRow } from "./info-queries.js";
import { addAttachments, checkUploads } from "./info-attachments.js";
import { cleanFileName, contentDisposition, detectAttachmentType } from "./info-attachments-files.js";

const TZ = "America/Mexico_City";
const at = (date: string) => instantAtLocal(date, { hour: 10, minute: 0, second: 0 }, TZ);

const contentTypes = (part: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${type}"/></Types>`;

const FILES = {
  pdf: Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  csv: Buffer.from("colonia,monto\nCentro,1200\n\"San Juan, norte\",800\n"),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from("IHDR"), Buffer.alloc(17, 1)]),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from("JFIF\0"), Buffer.alloc(40, 7), Buffer.from([0xff, 0xd9])]),
  xlsx: handmadeZip([
    { name: "[Content_Types].xml", data: contentTypes("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml") },
    { name: "xl/workbook.xml", data: "<workbook/>" },
  ]),
  docx: handmadeZip([
    { name: "[Content_Types].xml", data: contentTypes("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml") },
    { name: "word/document.xml", data: "<w:document/>" },
  ]),
  odt: handmadeZip([
    { name: "mimetype", data: "application/vnd.oasis.opendocument.text", store: true },
    { name: "content.xml", data: "<office:document-content/>" },
  ]),
};
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(64, 0), Buffer.from("This program cannot be run in DOS mode.")]);
const FORBIDDEN: [string, Buffer][] = [
  ["programa.exe", EXE],
  ["pagina.html", Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>")],
  ["logo.svg", Buffer.from("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")],
  ["datos.csv", Buffer.from("alert(document.cookie);\nfetch('/x');\n")],
  ["anexos.zip", handmadeZip([{ name: "programa.exe", data: EXE }, { name: "leeme.txt", data: "hola" }])],
  ["macro.docx", handmadeZip([
    { name: "[Content_Types].xml", data: contentTypes("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml") },
    { name: "word/document.xml", data: "<w:document/>" },
  ])],
  ["hoja.ods", handmadeZip([{ name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", store: true }, { name: "content.xml", data: "<x/>" }])],
];

type FilePart = { filename: string; data: Buffer; type?: string };

async function postFiles(browser: Browser, app: FastifyInstance, url: string, fields: Record<string, string>, files: FilePart[]) {
  if (!browser.cookies.has("cabildo_csrf")) await browser.get("/");
  const boundary = "----cabildoanexos" + crypto.randomBytes(6).toString("hex");
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: browser.csrf, ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? "application/octet-stream"}\r\n\r\n`), f.data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({ method: "POST", url, payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: browser.cookieHeader } });
}

function storedFiles(t: TestContext): string[] {
  const dir = path.join(t.config.dataDir, "files");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

describe("attachments of information requests and departments' contributions", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let towns: Towns;
  let leon: ActiveMunicipality;
  let unitActor: Actor;
  let treasury: number;
  let folio: string;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    const { db } = t.services;
    towns = await seedTowns(db);
    treasury = await db.transaction().execute(async (trx) => (await createDepartment(trx, LEON, { name: "Tesorería" })).id);
    leon = (await findActiveMunicipalityBySlug(db, "leon"))!;
    unitActor = (await loadActor(db, await makeUser(db, "unidad@leon.gob.mx", { role: "transparency_unit", municipalityId: LEON })))!;
    await makeUser(db, "obras@leon.gob.mx", { role: "department_staff", municipalityId: LEON, departmentId: towns.leonDepartment });
    await makeUser(db, "tesoreria@leon.gob.mx", { role: "department_staff", municipalityId: LEON, departmentId: treasury });
    await makeUser(db, "observa@leon.gob.mx", { role: "observer", municipalityId: LEON });
    await makeUser(db, "unidad@cuauhtemoc.gob.mx", { role: "transparency_unit", municipalityId: CUAUHTEMOC });
    folio = await intake("information");
    await applyInfoStep(db, LEON, unitActor, folio, { step: "turn", departmentIds: [towns.leonDepartment], on: "2026-10-05" });
  });

  const intake = async (kind: "information" | "arco") =>
    (await createInformationRequest(t.services.db, leon, unitActor, {
      kind, arcoRight: kind === "arco" ? "access" : null, channel: "in_person", body: "Informe de daños por lluvias en la colonia Centro.", receivedAt: at("2026-10-05"), name: "Zyxsolicitante Ruiz", email: "zyx@example.mx",
    })).folio;
  const staff = async (email: string) => {
    const b = new Browser(app);
    await login(b, email);
    return b;
  };
  const attachments = () => t.services.db.selectFrom("information_request_attachments").selectAll().orderBy("id").execute();
  const events = async (f: string) => {
    const r = (await loadRequestRow(t.services.db, LEON, f))!;
    return t.services.db.selectFrom("information_request_events").select(["id", "step", "public", "note"]).where("request_id", "=", r.id).orderBy("id").execute();
  };
  const adminUrl = (f: string) => `/leon/admin/transparencia/solicitudes/${f}`;
  const publicUrl = (f: string) => `/leon/transparencia/solicitudes/${f}`;
  const answer = (b: Browser, f: string, files: FilePart[], publicVersion = "si") =>
    postFiles(b, app, `${adminUrl(f)}/responder`, { partial: "no", text: "Se entrega el informe de daños.", on: "2026-10-09", publicVersion }, files);

  it("accepts PDF, XLSX, CSV, DOCX, ODT, PNG and JPEG, deciding the type from the bytes", async () => {
    const unit = await staff("unidad@leon.gob.mx");
    const kinds = Object.keys(FILES) as (keyof typeof FILES)[];
    // The names lie on purpose: the bytes decide.
    const parts = kinds.map((k) => ({ filename: `documento.${k === "pdf" ? "exe" : "bin"}`, data: FILES[k] }));
    for (const batch of [parts.slice(0, 4), parts.slice(4)]) {
      const res = await postFiles(unit, app, `${adminUrl(folio)}/anexos`, {}, batch);
      assert.equal(res.statusCode, 303, res.body);
    }
    const rows = await attachments();
    assert.deepEqual(rows.map((r) => r.file_type), kinds);
    assert.equal(storedFiles(t).length, kinds.length);
    for (const [i, row] of rows.entries()) {
      const data = FILES[kinds[i]!];
      assert.equal(Number(row.byte_size), data.length);
      assert.equal(row.sha256, crypto.createHash("sha256").update(data).digest("hex"));
      assert.equal(row.public_version, false, "not confirmed as a versión pública");
      assert.equal(row.department_id, null);
      const download = await unit.get(`${adminUrl(folio)}/anexos/${row.id}`);
      assert.equal(download.statusCode, 200);
      assert.ok(download.rawPayload.equals(data));
      assert.match(String(download.headers["content-disposition"]), /^attachment; filename="/);
      assert.equal(download.headers["x-content-type-options"], "nosniff");
    }
    assert.equal((await unit.get(`${adminUrl(folio)}/anexos/${rows[0]!.id}`)).headers["content-type"], "application/pdf");
    assert.ok(rows.every((r) => r.file_name.endsWith(`.${r.file_type === "jpeg" ? "jpg" : r.file_type}`)));
    const page = await unit.get(adminUrl(folio));
    assert.match(page.body, /Anexos agregados/);
    assert.ok(rows.every((r) => page.body.includes(r.file_name)));
  });

  it("refuses forbidden types, oversized and empty files with a Spanish 422, storing nothing", async () => {
    const unit = await staff("unidad@leon.gob.mx");
    const before = await events(folio);
    for (const [filename, data] of FORBIDDEN) {
      const res = await postFiles(unit, app, `${adminUrl(folio)}/anexos`, { publicVersion: "si" }, [{ filename, data }]);
      assert.equal(res.statusCode, 422, filename);
      assert.match(res.body, /solo se aceptan PDF, Word \(DOCX\), OpenDocument \(ODT\), Excel \(XLSX\), CSV, PNG o JPEG/, filename);
      assert.ok(res.body.includes('href="#campo-file-attach"') && res.body.includes('id="campo-file-attach"'), "the error summary leads to the file field");
    }
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const oversize = await postFiles(unit, app, `${adminUrl(folio)}/anexos`, {}, [{ filename: "grande.pdf", data: big }]);
    assert.equal(oversize.statusCode, 422);
    assert.match(oversize.body, /pesa más de 10 MB/);
    const empty = await postFiles(unit, app, `${adminUrl(folio)}/anexos`, {}, [{ filename: "vacio.pdf", data: Buffer.alloc(0) }]);
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Elija al menos un archivo|está vacío/);
    const tooMany = await postFiles(unit, app, `${adminUrl(folio)}/anexos`, {}, Array.from({ length: 6 }, (_, i) => ({ filename: `f${i}.pdf`, data: FILES.pdf })));
    assert.equal(tooMany.statusCode, 422);
    assert.match(tooMany.body, /hasta 5 archivos/);
    // One bad file refuses the whole submission, the good one included.
    const mixed = await postFiles(unit, app, `${adminUrl(folio)}/anexos`, {}, [{ filename: "bueno.pdf", data: FILES.pdf }, { filename: "malo.exe", data: EXE }]);
    assert.equal(mixed.statusCode, 422);
    // With a step: the answer is not recorded either.
    const refusedAnswer = await answer(unit, folio, [{ filename: "respuesta.html", data: FORBIDDEN[1]![1] }]);
    assert.equal(refusedAnswer.statusCode, 422);
    assert.match(refusedAnswer.body, /no es de un tipo permitido/);
    assert.equal((await loadRequestRow(t.services.db, LEON, folio))!.status, "turnada");
    assert.deepEqual(await attachments(), []);
    assert.deepEqual(storedFiles(t), []);
    assert.deepEqual(await events(folio), before);
  });

  it("publishes only the unit's versiones públicas of answered information requests", async () => {
    const { db } = t.services;
    const unit = await staff("unidad@leon.gob.mx");
    const visitor = new Browser(app);
    assert.equal((await postFiles(unit, app, `${adminUrl(folio)}/anexos`, { publicVersion: "si" }, [{ filename: "a.pdf", data: FILES.pdf }])).statusCode, 303);
    assert.equal((await postFiles(unit, app, `${adminUrl(folio)}/anexos`, {}, [{ filename: "b.xlsx", data: FILES.xlsx }])).statusCode, 303);
    const works = await staff("obras@leon.gob.mx");
    assert.equal((await postFiles(works, app, `${adminUrl(folio)}/aportacion`, { contribution: "Se anexa el padrón de viviendas afectadas." }, [{ filename: "c.csv", data: FILES.csv }])).statusCode, 303);
    const [early, internal, departmental] = await attachments();
    assert.equal(early!.public_version, true);
    assert.equal(departmental!.department_id, towns.leonDepartment);
    assert.equal(departmental!.public_version, false);

    // Not answered yet: nothing public.
    assert.equal((await visitor.get(`${publicUrl(folio)}/anexos/${early!.id}`)).statusCode, 404);
    assert.ok(!(await visitor.get(publicUrl(folio))).body.includes(early!.file_name));

    const answered = await answer(unit, folio, [{ filename: "respuesta.docx", data: FILES.docx }]);
    assert.equal(answered.statusCode, 303, answered.body);
    const withAnswer = (await attachments()).at(-1)!;
    assert.equal(withAnswer.public_version, true);
    const answerEvent = (await events(folio)).find((e) => e.step === "answer")!;
    assert.equal(Number(withAnswer.event_id), Number(answerEvent.id), "the answer step lists its attachments");

    const page = await visitor.get(publicUrl(folio));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Anexos de la respuesta/);
    for (const a of [early!, withAnswer]) {
      assert.ok(page.body.includes(`${publicUrl(folio)}/anexos/${a.id}`), a.file_name);
      const res = await visitor.get(`${publicUrl(folio)}/anexos/${a.id}`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.rawPayload.length > 0);
    }
    assert.match(page.body, new RegExp(`Anexos: ${withAnswer.file_name.replace(/[.]/g, "\\.")}`), "the answer's history row names its file");
    for (const a of [internal!, departmental!]) {
      assert.ok(!page.body.includes(a.file_name), a.file_name);
      assert.equal((await visitor.get(`${publicUrl(folio)}/anexos/${a.id}`)).statusCode, 404);
    }
    assert.ok(!page.body.includes("padrón de viviendas afectadas"), "contributions are never public");
    assert.ok(!/zyx/i.test(page.body));

    const archive = await visitor.get("/leon/transparencia/archivo");
    assert.ok(archive.body.includes(`${publicUrl(folio)}/anexos/${withAnswer.id}`));
    assert.ok(!archive.body.includes(departmental!.file_name) && !archive.body.includes(internal!.file_name));

    // Another municipality's URL never reaches León's files.
    assert.equal((await visitor.get(`/cuauhtemoc/transparencia/solicitudes/${folio}/anexos/${withAnswer.id}`)).statusCode, 404);
    const otherUnit = await staff("unidad@cuauhtemoc.gob.mx");
    assert.equal((await otherUnit.get(`/leon/admin/transparencia/solicitudes/${folio}/anexos/${internal!.id}`)).statusCode, 403);
    assert.equal((await visitor.get(`${publicUrl(folio)}/anexos/999999`)).statusCode, 404);
    assert.equal((await visitor.get(`${publicUrl(folio)}/anexos/abc`)).statusCode, 400);

    // Staff downloads follow who may see the request.
    assert.equal((await works.get(`${adminUrl(folio)}/anexos/${internal!.id}`)).statusCode, 200);
    assert.equal((await (await staff("tesoreria@leon.gob.mx")).get(`${adminUrl(folio)}/anexos/${internal!.id}`)).statusCode, 404);
    assert.equal((await (await staff("observa@leon.gob.mx")).get(`${adminUrl(folio)}/anexos/${internal!.id}`)).statusCode, 403);
    assert.equal((await visitor.get(`${adminUrl(folio)}/anexos/${internal!.id}`)).statusCode, 302);

    // ARCO: never public, even answered with a file the unit marks as versión pública.
    const arco = await intake("arco");
    await applyInfoStep(db, LEON, unitActor, arco, { step: "verifyIdentity", method: "INE original" });
    assert.equal((await answer(unit, arco, [{ filename: "datos.pdf", data: FILES.pdf }])).statusCode, 303);
    const arcoFile = (await attachments()).at(-1)!;
    assert.equal(arcoFile.public_version, false);
    assert.equal((await visitor.get(`${publicUrl(arco)}/anexos/${arcoFile.id}`)).statusCode, 404);
    assert.equal((await unit.get(`${adminUrl(arco)}/anexos/${arcoFile.id}`)).statusCode, 200);
    assert.equal((await works.get(`${adminUrl(arco)}/anexos/${arcoFile.id}`)).statusCode, 404);
  });

  it("lets a turned department record its contribution until the request is answered", async () => {
    const { db } = t.services;
    const works = await staff("obras@leon.gob.mx");
    const form = await works.get(adminUrl(folio));
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Aportación de la dependencia/);
    const url = `${adminUrl(folio)}/aportacion`;
    const first = await postFiles(works, app, url, { contribution: "Se localizaron 42 viviendas afectadas." }, [{ filename: "padron.xlsx", data: FILES.xlsx }]);
    assert.equal(first.statusCode, 303, first.body);
    const again = await postFiles(works, app, url, { contribution: "Se localizaron 45 viviendas afectadas (corrección)." }, []);
    assert.equal(again.statusCode, 303, again.body);
    const rows = await db.selectFrom("information_request_contributions").selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.body, "Se localizaron 45 viviendas afectadas (corrección).");
    assert.equal(rows[0]!.department_id, towns.leonDepartment);
    const [file] = await attachments();
    assert.equal(file!.department_id, towns.leonDepartment);

    const emptyText = await postFiles(works, app, url, { contribution: "  " }, []);
    assert.equal(emptyText.statusCode, 422);
    assert.match(emptyText.body, /Escriba la aportación del área/);
    const badFile = await postFiles(works, app, url, { contribution: "Otra versión." }, [{ filename: "x.exe", data: EXE }]);
    assert.equal(badFile.statusCode, 422);
    assert.equal((await db.selectFrom("information_request_contributions").select("body").executeTakeFirstOrThrow()).body, rows[0]!.body);

    // A department the request was not turned to, and an observer.
    const treasuryStaff = await staff("tesoreria@leon.gob.mx");
    assert.equal((await postFiles(treasuryStaff, app, url, { contribution: "No nos corresponde." }, [])).statusCode, 403);
    assert.equal((await postFiles(works, app, url, { contribution: "A nombre de Tesorería.", department: String(treasury) }, [])).statusCode, 403);
    assert.equal((await postFiles(await staff("observa@leon.gob.mx"), app, url, { contribution: "x" }, [])).statusCode, 403);

    // The unit sees every department's part and its files.
    const unit = await staff("unidad@leon.gob.mx");
    const unitPage = await unit.get(adminUrl(folio));
    assert.match(unitPage.body, /Aportaciones de las áreas/);
    assert.match(unitPage.body, /Se localizaron 45 viviendas afectadas \(corrección\)\./);
    assert.ok(unitPage.body.includes(file!.file_name));

    // The unit delivers the department's file as a versión pública of its own; the original stays internal.
    assert.equal((await works.post(`${adminUrl(folio)}/anexos/${file!.id}/version-publica`)).statusCode, 403);
    const adopt = await unit.post(`${adminUrl(folio)}/anexos/${file!.id}/version-publica`);
    assert.equal(adopt.statusCode, 303, adopt.body);
    const copy = (await attachments()).at(-1)!;
    assert.deepEqual([copy.department_id, copy.public_version, copy.sha256, copy.file_name], [null, true, file!.sha256, file!.file_name]);
    assert.notEqual(copy.file_key, file!.file_key);
    const twice = await unit.post(`${adminUrl(folio)}/anexos/${file!.id}/version-publica`);
    assert.equal(twice.statusCode, 422);
    assert.match(twice.body, /ya se entregó como versión pública/);
    assert.equal((await attachments()).length, 2);

    // Answered: contributions are closed.
    assert.equal((await answer(unit, folio, [])).statusCode, 303);
    const visitor = new Browser(app);
    assert.equal((await visitor.get(`${publicUrl(folio)}/anexos/${copy.id}`)).statusCode, 200);
    assert.equal((await visitor.get(`${publicUrl(folio)}/anexos/${file!.id}`)).statusCode, 404);
    const closed = await postFiles(works, app, url, { contribution: "Tarde." }, []);
    assert.equal(closed.statusCode, 422);
    assert.match(closed.body, /las aportaciones de las áreas están cerradas/);
    assert.equal((await db.selectFrom("information_request_contributions").select("body").executeTakeFirstOrThrow()).body, rows[0]!.body);
    assert.doesNotMatch((await works.get(adminUrl(folio))).body, /Guardar aportación/);
  });

  it("writes a history row and an audit entry for every upload, public only for what the public may see", async () => {
    const { db } = t.services;
    const unit = await staff("unidad@leon.gob.mx");
    const works = await staff("obras@leon.gob.mx");
    await postFiles(unit, app, `${adminUrl(folio)}/anexos`, { publicVersion: "si" }, [{ filename: "a.pdf", data: FILES.pdf }]);
    await postFiles(works, app, `${adminUrl(folio)}/aportacion`, { contribution: "Aportación de Obras." }, [{ filename: "b.png", data: FILES.png }]);
    await answer(unit, folio, [{ filename: "c.jpg", data: FILES.jpeg }]);
    await postFiles(unit, app, `${adminUrl(folio)}/anexos`, { publicVersion: "si" }, [{ filename: "d.odt", data: FILES.odt }]);
    const history = await events(folio);
    assert.deepEqual(history.map((e) => [e.step, e.public]), [["recibida", true], ["turn", true], ["attachment", false], ["contribution", false], ["answer", true], ["attachment", true]]);
    assert.equal(history.find((e) => e.step === "contribution")!.note, "Obras Públicas");
    const audit = await db.selectFrom("audit_log").select(["action", "details"]).where("action", "like", "transparency.request.%").orderBy("seq").execute();
    assert.deepEqual(audit.map((a) => a.action), ["transparency.request.create", "transparency.request.turn", "transparency.request.attach", "transparency.request.contribute", "transparency.request.answer", "transparency.request.attach"]);
    const answerAudit = audit[4]!.details as { attachments: { sha256: string }[] };
    assert.equal(answerAudit.attachments[0]!.sha256, crypto.createHash("sha256").update(FILES.jpeg).digest("hex"));

    const publicPage = (await new Browser(app).get(publicUrl(folio))).body;
    assert.match(publicPage, /Anexos agregados/);
    assert.doesNotMatch(publicPage, /Aportación de un área/);
    const staffPage = (await unit.get(adminUrl(folio))).body;
    assert.match(staffPage, /Aportación de un área/);
  });

  it("cleans file names and reads types from the bytes in the service", async () => {
    assert.equal(cleanFileName("..\\..\\Informe de daños\u0000.exe", "pdf", "x"), "Informe de daños_.exe.pdf");
    assert.equal(cleanFileName("C:/fotos/Foto.JPEG", "jpeg", "x"), "Foto.jpeg");
    assert.equal(cleanFileName("   ", "csv", "LEON-UT-2026-000001-anexo-1"), "LEON-UT-2026-000001-anexo-1.csv");
    assert.equal(cleanFileName(`${"a".repeat(300)}.pdf`, "pdf", "x").length, 114);
    assert.match(contentDisposition("Informe de daños.pdf"), /filename="Informe de danos\.pdf"; filename\*=UTF-8''Informe%20de%20da%C3%B1os\.pdf/);
    for (const [name, data] of FORBIDDEN) assert.equal(detectAttachmentType(data), null, name);
    assert.equal(detectAttachmentType(Buffer.from("Hola, buenas tardes\nGracias por la información.\n")), null, "prose is not a table");
    assert.equal(detectAttachmentType(Buffer.from("nombre;monto\r\n\"Ana; Luis\";12\r\n")), "csv");
    const stored = await addAttachments(t.services.db, t.services.storage, leon, unitActor, folio, {
      files: checkUploads([{ data: FILES.pdf, name: "../Versión pública: acta <1>.pdf" }], true), publicVersion: true,
    });
    assert.equal(stored[0]!.fileName, "Versión pública_ acta _1_.pdf");
    assert.throws(() => checkUploads([{ data: Buffer.alloc(0), name: "vacio.pdf" }], false), /El archivo «vacio\.pdf» está vacío/);
  });
});
