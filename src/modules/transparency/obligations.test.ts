import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { instantAtLocal } from "../../platform/calendar/dates.js";
import { createDepartment } from "../territory/service.js";
import { LEON, login, makeUser, seedTowns } from "../accounts/test-support.js";
import { loadObligationsCommand } from "./obligations-catalogue.js";
import { obligationThresholdsCommand } from "./obligations-settings.js";
import { CliError } from "../../cli/options.js";

const TZ = "America/Mexico_City";

async function postMultipart(browser: Browser, url: string, fields: Record<string, string>, file?: { filename: string; type: string; data: Buffer }) {
  if (!browser.cookies.has("cabildo_csrf")) await browser.get("/");
  const boundary = "----cabildoprueba" + Math.random().toString(36).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: browser.csrf, ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from("\r\n"));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const app = (browser as unknown as { app: FastifyInstance }).app;
  return app.inject({ method: "POST", url, payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: browser.cookieHeader } });
}

async function runLoad(t: TestContext, command = loadObligationsCommand, args: string[] = []): Promise<string> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    await command.run(["--municipality", "leon", ...args], t.services);
  } finally {
    console.log = original;
  }
  return lines.join("\n");
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

describe("transparency obligations", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let treasury: number;
  let works: number;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    const { db } = t.services;
    await seedTowns(db);
    [treasury, works] = await db.transaction().execute(async (trx) => [
      (await createDepartment(trx, LEON, { name: "Tesorería" })).id,
      (await createDepartment(trx, LEON, { name: "Obras y Servicios" })).id,
    ]);
    await makeUser(db, "unidad@leon.gob.mx", { role: "transparency_unit", municipalityId: LEON });
    await makeUser(db, "tesoreria@leon.gob.mx", { role: "department_staff", municipalityId: LEON, departmentId: treasury });
  });

  const obligationId = async (fraction: string) =>
    (await t.services.db.selectFrom("obligations").select("id").where("municipality_id", "=", LEON).where("article", "=", "70").where("fraction", "=", fraction).executeTakeFirstOrThrow()).id;

  async function assign(unit: Browser, fraction: string, department: number, officialName: string, officialTitle: string) {
    const res = await unit.post(`/leon/admin/transparencia/obligaciones/${await obligationId(fraction)}/responsable`, { department: String(department), officialName, officialTitle });
    assert.equal(res.statusCode, 303, res.body);
  }

  it("loads the catalogue from the command line once, however often it runs", async () => {
    const first = await runLoad(t);
    assert.match(first, /56 obligaciones nuevas/);
    const unit = new Browser(app);
    await login(unit, "unidad@leon.gob.mx");
    await assign(unit, "VIII", treasury, "María López", "Tesorera municipal");
    const second = await runLoad(t);
    assert.match(second, /nada que agregar/);
    const rows = await t.services.db.selectFrom("obligations").select(["article", "fraction", "department_id", "official_name"]).where("municipality_id", "=", LEON).execute();
    assert.equal(rows.length, 56);
    assert.equal(rows.filter((r) => r.article === "70").length, 48);
    const viii = rows.find((r) => r.fraction === "VIII")!;
    assert.equal(viii.department_id, treasury);
    assert.equal(viii.official_name, "María López");
  });

  it("shows the semáforo with text labels and an overdue list naming department and official", async () => {
    await runLoad(t);
    const unit = new Browser(app);
    await login(unit, "unidad@leon.gob.mx");
    await assign(unit, "I", treasury, "María López", "Tesorera municipal");
    await assign(unit, "II", works, "Pedro Ramírez", "Director de Obras");
    await t.services.db
      .insertInto("obligation_records")
      .values({ municipality_id: LEON, obligation_id: await obligationId("I"), period: "2026-Q3", published_at: instantAtLocal("2026-10-10", { hour: 10, minute: 0, second: 0 }, TZ), published_by: null, published_by_label: "prueba", link: "https://leon.gob.mx/marco.pdf" })
      .execute();
    const res = await new Browser(app).get("/leon/transparencia?fecha=2026-11-15");
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Verde: cumple/); // Tesorería: its one obligation is al día
    assert.match(res.body, /Rojo: incumplimiento/); // the municipality: 1 of 56
    assert.match(res.body, /1\.8 %/);
    const overdue = res.body.slice(res.body.indexOf('id="vencidas"'), res.body.indexOf('id="todas"'));
    assert.match(overdue, /fracc\. II: Estructura orgánica/);
    assert.match(overdue, /Obras y Servicios/);
    assert.match(overdue, /Pedro Ramírez, Director de Obras/);
    assert.match(overdue, /16 días/);
    assert.doesNotMatch(overdue, /fracc\. I: Marco normativo/);
    const bad = await new Browser(app).get("/leon/transparencia?fecha=2026-13-01");
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /AAAA-MM-DD/);
  });

  it("refuses forbidden file types by their content and stores nothing", async () => {
    await runLoad(t);
    const unit = new Browser(app);
    await login(unit, "unidad@leon.gob.mx");
    await assign(unit, "VIII", treasury, "María López", "Tesorera");
    const staff = new Browser(app);
    await login(staff, "tesoreria@leon.gob.mx");
    const url = `/leon/admin/transparencia/obligaciones/${await obligationId("VIII")}/publicar`;
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(64)]);
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
    for (const file of [{ filename: "sueldos.exe", type: "application/octet-stream", data: exe }, { filename: "sueldos.csv", type: "text/csv", data: png }]) {
      const res = await postMultipart(staff, url, { period: "2026-Q3" }, file);
      assert.equal(res.statusCode, 422, file.filename);
      assert.match(res.body, /Tipo de archivo no permitido/);
    }
    assert.equal((await t.services.db.selectFrom("obligation_records").select("period").execute()).length, 0);
    assert.deepEqual(filesUnder(path.join(t.config.dataDir, "files")), []);

    const csv = Buffer.from("puesto,sueldo_bruto\nTesorera,45000\n");
    const ok = await postMultipart(staff, url, { period: "2026-Q3", note: "Primer envío" }, { filename: "sueldos.csv", type: "text/csv", data: csv });
    assert.equal(ok.statusCode, 303, ok.body);
    const rows = await t.services.db.selectFrom("obligation_records").select(["period", "file_type", "published_by_label"]).execute();
    assert.deepEqual(rows, [{ period: "2026-Q3", file_type: "csv", published_by_label: "tesoreria" }]);
    const download = await new Browser(app).get(`/leon/transparencia/obligaciones/${await obligationId("VIII")}/periodos/2026-Q3`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.body, csv.toString());
    const again = await postMultipart(staff, url, { period: "2026-Q3" }, { filename: "otra.csv", type: "text/csv", data: csv });
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /ya está publicado/);
  });

  it("does not let department staff publish another department's obligation", async () => {
    await runLoad(t);
    const unit = new Browser(app);
    await login(unit, "unidad@leon.gob.mx");
    await assign(unit, "II", works, "Pedro Ramírez", "Director de Obras");
    const staff = new Browser(app);
    await login(staff, "tesoreria@leon.gob.mx");
    const res = await postMultipart(staff, `/leon/admin/transparencia/obligaciones/${await obligationId("II")}/publicar`, { period: "2026-Q3", link: "https://leon.gob.mx/estructura.pdf" });
    assert.equal(res.statusCode, 403);
    assert.equal((await t.services.db.selectFrom("obligation_records").select("period").execute()).length, 0);
    // Nor reassign responsibility: that belongs to the transparency unit.
    const reassign = await staff.post(`/leon/admin/transparencia/obligaciones/${await obligationId("II")}/responsable`, { department: String(treasury), officialName: "", officialTitle: "" });
    assert.equal(reassign.statusCode, 403);
    // Their list shows only their department's obligations.
    const list = await staff.get("/leon/admin/transparencia/obligaciones");
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /Estructura orgánica/);
  });

  it("shows each obligation's history: who published, when and how late", async () => {
    await runLoad(t);
    const unit = new Browser(app);
    await login(unit, "unidad@leon.gob.mx");
    await assign(unit, "VIII", treasury, "María López", "Tesorera municipal");
    const id = await obligationId("VIII");
    await t.services.db
      .insertInto("obligation_records")
      .values({ municipality_id: LEON, obligation_id: id, period: "2026-Q2", published_at: instantAtLocal("2026-08-09", { hour: 10, minute: 0, second: 0 }, TZ), published_by: null, published_by_label: "Enlace de Tesorería", link: "https://leon.gob.mx/sueldos-q2.pdf" })
      .execute();
    const staff = new Browser(app);
    await login(staff, "tesoreria@leon.gob.mx");
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const ok = await postMultipart(staff, `/leon/admin/transparencia/obligaciones/${id}/publicar`, { period: "2026-Q3" }, { filename: "sueldos.pdf", type: "application/pdf", data: pdf });
    assert.equal(ok.statusCode, 303, ok.body);
    const page = await new Browser(app).get(`/leon/transparencia/obligaciones/${id}?fecha=2026-11-15`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Tesorería/);
    assert.match(page.body, /María López, Tesorera municipal/);
    // Q2 was due on 2026-07-30 and came on 2026-08-09: ten days late.
    assert.match(page.body, /2026-Q2[\s\S]*?Publicada con atraso[\s\S]*?10 días/);
    assert.match(page.body, /Descargar PDF/);
    assert.doesNotMatch(page.body, /Enlace de Tesorería/); // who clicked is staff information
    const staffPage = await staff.get(`/leon/admin/transparencia/obligaciones/${id}?fecha=2026-11-15`);
    assert.equal(staffPage.statusCode, 200);
    assert.match(staffPage.body, /Enlace de Tesorería/);
    assert.match(staffPage.body, /Publicar un periodo/);
    const list = await unit.get("/leon/admin/transparencia/obligaciones");
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Estructura orgánica/);
    assert.equal((await new Browser(app).get("/leon/admin/transparencia/obligaciones")).statusCode, 302);
  });

  it("lets the transparency unit set weight and due rule, and the operator the semáforo thresholds", async () => {
    await runLoad(t);
    const unit = new Browser(app);
    await login(unit, "unidad@leon.gob.mx");
    const id = await obligationId("XXI");
    const bad = await unit.post(`/leon/admin/transparencia/obligaciones/${id}/responsable`, { department: String(treasury), officialName: "María López", officialTitle: "", weight: "0", dueDays: "30" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /El peso debe ser un número entero de 1 a 100/);
    const ok = await unit.post(`/leon/admin/transparencia/obligaciones/${id}/responsable`, { department: String(treasury), officialName: "María López", officialTitle: "", weight: "5", dueDays: "20" });
    assert.equal(ok.statusCode, 303);
    const row = await t.services.db.selectFrom("obligations").select(["weight", "due_days", "department_id"]).where("municipality_id", "=", LEON).where("id", "=", id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { weight: 5, due_days: 20, department_id: treasury });

    await assert.rejects(runLoad(t, obligationThresholdsCommand, ["--green", "60", "--yellow", "80"]), (e) => e instanceof CliError && /amarillo no puede ser mayor/.test(e.message));
    assert.equal((await t.services.db.selectFrom("obligation_settings").select("green_min").execute()).length, 0);
    assert.match(await runLoad(t, obligationThresholdsCommand, ["--green", "1", "--yellow", "0.5"]), /verde desde 1 %/);
    const page = await new Browser(app).get("/leon/transparencia?fecha=2026-11-15");
    assert.match(page.body, /Verde desde 1 %, amarillo desde 0\.5 %/);
  });
});
