import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { addDays } from "../../platform/calendar/dates.js";
import { loadCalendar } from "../../platform/calendar/queries.js";
import { addEvidenceFile } from "./evidence.js";
import { milestoneDaysLate } from "./progress.js";
import { listCommitmentSummaries, planClock } from "./queries.js";
import { docmFile, EXE, PDF, postFile, signedIn } from "./staff-test-support.js";
import { seedPlanWorld, type PlanWorld } from "./test-support.js";

const PLAN = "/cuauhtemoc/admin/planes/plan-2026";
const OBRAS = `${PLAN}/compromisos/1`;

describe("action plans: milestone plans, milestone status and evidence", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: PlanWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
  });
  after(async () => t.close());

  const db = () => t.services.db;
  const milestoneUrl = (id: number) => `${OBRAS}/hitos/${id}`;
  const obrasRows = () =>
    db().selectFrom("plan_milestones").select(["id", "deliverable", "weight", "status", "position", sql<string>`due_on::text`.as("due_on")])
      .where("commitment_id", "=", w.commitments.obras).orderBy("position").execute();
  const events = (kind?: string) => {
    let q = db().selectFrom("plan_milestone_events").select(["milestone_id", "kind", "from_value", "to_value", "note"]);
    if (kind) q = q.where("kind", "=", kind as "creado");
    return q.orderBy("id").execute();
  };
  const obrasProgress = async () => {
    const [obras] = await listCommitmentSummaries(db(), w.cuauhtemoc.id, { ids: [w.commitments.obras] }, await planClock(db(), w.cuauhtemoc));
    return obras!.progress.percent;
  };
  const storedFiles = () => {
    const dir = path.join(t.config.dataDir, "files", "plans");
    return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).includes(".")) : [];
  };

  /** The form of the obras milestone plan as stored, with `changes` on top. */
  async function planForm(changes: Record<string, string> = {}): Promise<Record<string, string>> {
    const rows = await obrasRows();
    const form: Record<string, string> = {};
    rows.forEach((r, i) => Object.assign(form, { [`id-${i}`]: String(r.id), [`deliverable-${i}`]: r.deliverable, [`description-${i}`]: "", [`dueOn-${i}`]: r.due_on, [`weight-${i}`]: String(r.weight), [`responsible-${i}`]: "Unidad responsable" }));
    // The blank "new milestone" row every form posts.
    Object.assign(form, { [`id-${rows.length}`]: "", [`deliverable-${rows.length}`]: "", [`description-${rows.length}`]: "", [`dueOn-${rows.length}`]: "", [`weight-${rows.length}`]: "", [`responsible-${rows.length}`]: "" });
    return { ...form, ...changes };
  }

  it("refuses a milestone plan whose weights do not add up to 100, or a due date outside the commitment, and changes nothing", async () => {
    const team = await signedIn(app, w.team.email);
    const page = await team.get(`${OBRAS}/hitos`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Suma de los pesos: 100 de 100/);
    const before = await obrasRows();
    const eventsBefore = (await events()).length;
    const ninety = await team.post(`${OBRAS}/hitos`, await planForm({ "weight-2": "40" }));
    assert.equal(ninety.statusCode, 422);
    assert.ok(ninety.body.includes("Los pesos de los hitos suman 90; deben sumar 100."));
    assert.match(ninety.body, /Suma de los pesos: 90 de 100/);
    const outside = await team.post(`${OBRAS}/hitos`, await planForm({ "dueOn-1": addDays(w.plan.endsOn, 1) }));
    assert.equal(outside.statusCode, 422);
    assert.match(outside.body, /La fecha de entrega del hito 2 \(.*\) debe estar dentro del periodo del compromiso/);
    const bad = await team.post(`${OBRAS}/hitos`, await planForm({ "weight-0": "veinte", "dueOn-0": "2026-02-30", "deliverable-1": "" }));
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /El peso del hito 1 debe ser un número entero de 1 a 100/);
    assert.match(bad.body, /La fecha de entrega del hito 1 no es válida/);
    assert.match(bad.body, /Escriba el entregable del hito 2/);
    assert.deepEqual(await obrasRows(), before);
    assert.equal((await events()).length, eventsBefore);
    // Only plan managers edit the milestone plan.
    const obras = await signedIn(app, w.emails.obras);
    assert.equal((await obras.get(`${OBRAS}/hitos`)).statusCode, 403);
    assert.equal((await obras.post(`${OBRAS}/hitos`, await planForm())).statusCode, 403);
  });

  it("saves the milestone plan as a whole: a new due date is a 'fecha' event, new rows are created, rows left out are deleted unless they carry evidence", async () => {
    const team = await signedIn(app, w.team.email);
    const [first, second] = await obrasRows();
    const newDue = addDays(first!.due_on, 15);
    const res = await team.post(`${OBRAS}/hitos`, await planForm({
      "dueOn-0": newDue, "weight-1": "20",
      "deliverable-3": "Tablero público de obras", "dueOn-3": addDays(w.today, 120), "weight-3": "10", "responsible-3": "Dirección de Informática",
    }));
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `${OBRAS}#hitos`);
    const rows = await obrasRows();
    assert.deepEqual(rows.map((r) => [r.deliverable, r.weight, r.position]), [
      ["Inventario de obras publicado", 20, 1], ["Mapa de obras por colonia", 20, 2], ["Informe de avance físico y financiero", 50, 3], ["Tablero público de obras", 10, 4],
    ]);
    const dates = await events("fecha");
    assert.deepEqual(dates.map((e) => [e.milestone_id, e.from_value, e.to_value]), [[first!.id, first!.due_on, newDue]]);
    const created = await events("creado");
    assert.equal(created.length, 1);
    assert.equal(created[0]!.milestone_id, rows[3]!.id);
    const edited = await events("editado");
    assert.deepEqual(edited.map((e) => [e.milestone_id, e.note]), [[second!.id, "Cambió: peso (30 → 20)."]]);

    // A milestone with evidence stays; one without is removed.
    const obras = await signedIn(app, w.emails.obras);
    assert.equal((await obras.post(`${milestoneUrl(second!.id)}/evidencias/enlace`, { title: "Mapa publicado", url: "https://datos.cdmx.gob.mx/mapa-obras" })).statusCode, 303);
    const keep = await team.post(`${OBRAS}/hitos`, await planForm({ "remove-1": "1", "weight-0": "40" }));
    assert.equal(keep.statusCode, 422);
    assert.match(keep.body, /El hito «Mapa de obras por colonia» tiene evidencias o está completado: no se puede quitar/);
    assert.equal((await obrasRows()).length, 4);
    const removed = await team.post(`${OBRAS}/hitos`, await planForm({ "remove-3": "1", "weight-0": "30" }));
    assert.equal(removed.statusCode, 303, removed.body);
    assert.deepEqual((await obrasRows()).map((r) => r.deliverable), ["Inventario de obras publicado", "Mapa de obras por colonia", "Informe de avance físico y financiero"]);
    const audit = await db().selectFrom("audit_log").select("action").where("action", "=", "plans.milestones.save").execute();
    assert.equal(audit.length, 2);
  });

  it("lets the lead department's staff complete milestones with evidence, and progress rises 0 → 20 → 50", async () => {
    const [first, second] = w.milestones.obras;
    const obras = await signedIn(app, w.emails.obras);
    assert.equal(await obrasProgress(), 0);
    const noEvidence = await obras.post(`${milestoneUrl(first!)}/estado`, { status: "completado", note: "" });
    assert.equal(noEvidence.statusCode, 422);
    assert.match(noEvidence.body, /agregue primero al menos una evidencia/);
    const badLink = await obras.post(`${milestoneUrl(first!)}/evidencias/enlace`, { title: "Inventario", url: "javascript:alert(1)" });
    assert.equal(badLink.statusCode, 422);
    assert.match(badLink.body, /debe empezar con https:\/\/ o http:\/\//);
    assert.equal((await obras.post(`${milestoneUrl(first!)}/evidencias/enlace`, { title: "Inventario en datos abiertos", url: "https://datos.cdmx.gob.mx/inventario-obras" })).statusCode, 303);
    const future = await obras.post(`${milestoneUrl(first!)}/estado`, { status: "completado", completedOn: addDays(w.today, 2), note: "" });
    assert.equal(future.statusCode, 422);
    assert.match(future.body, /no puede ser posterior a hoy/);
    const done = await obras.post(`${milestoneUrl(first!)}/estado`, { status: "completado", completedOn: "", note: "Publicado en el portal." });
    assert.equal(done.statusCode, 303, done.body);
    const row = await db().selectFrom("plan_milestones").select(["status", sql<string>`completed_on::text`.as("completed_on")]).where("id", "=", first!).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: "completado", completed_on: w.today });
    assert.equal(await obrasProgress(), 20);

    const up = await postFile(app, obras, `${milestoneUrl(second!)}/evidencias/archivo`, { title: "Mapa de obras (PDF)" }, { filename: "Mapa de obras año 2026.pdf", type: "application/pdf", data: PDF });
    assert.equal(up.statusCode, 303, up.body);
    assert.equal((await obras.post(`${milestoneUrl(second!)}/estado`, { status: "completado", completedOn: addDays(w.today, -1), note: "" })).statusCode, 303);
    assert.equal(await obrasProgress(), 50);
    assert.deepEqual((await events("estado")).map((e) => [e.from_value, e.to_value]), [["pendiente", "completado"], ["pendiente", "completado"]]);
    assert.equal((await events("evidencia")).length, 2);
    assert.equal((await db().selectFrom("audit_log").select("action").where("action", "=", "plans.milestone.status").execute()).length, 2);
    const page = await obras.get(milestoneUrl(second!));
    assert.match(page.body, /Se agregó la evidencia «Mapa de obras \(PDF\)»/);
    assert.match(page.body, /Cambió de «Pendiente» a «Completado»/);

    // Cancelling needs a public reason; reopening clears the delivery date.
    const third = w.milestones.obras[2]!;
    const cancel = await obras.post(`${milestoneUrl(third)}/estado`, { status: "cancelado", note: "" });
    assert.equal(cancel.statusCode, 422);
    assert.match(cancel.body, /Explique por qué se cancela el hito/);
    assert.equal((await obras.post(`${milestoneUrl(third)}/estado`, { status: "cancelado", note: "El informe lo publicará la Secretaría de Finanzas." })).statusCode, 303);
    assert.equal(await obrasProgress(), 100);
    assert.equal((await obras.post(`${milestoneUrl(first!)}/estado`, { status: "en_curso", note: "Falta actualizar el inventario." })).statusCode, 303);
    const reopened = await db().selectFrom("plan_milestones").select(["status", "completed_on"]).where("id", "=", first!).executeTakeFirstOrThrow();
    assert.deepEqual(reopened, { status: "en_curso", completed_on: null });
  });

  it("refuses milestone status and evidence to other departments, the participation team and observers (403); administrators may", async () => {
    const [first] = w.milestones.obras;
    await db().insertInto("plan_milestone_evidence").values({ municipality_id: w.cuauhtemoc.id, milestone_id: first!, title: "Inventario", url: "https://datos.cdmx.gob.mx/x" }).execute();
    for (const email of [w.emails.servicios, w.team.email, w.emails.observer]) {
      const b = await signedIn(app, email);
      const page = await b.get(milestoneUrl(first!));
      assert.equal(page.statusCode, 200, email);
      assert.ok(!page.body.includes(`${milestoneUrl(first!)}/estado`), `${email} gets no status form`);
      assert.equal((await b.post(`${milestoneUrl(first!)}/estado`, { status: "completado", note: "" })).statusCode, 403, email);
      assert.equal((await b.post(`${milestoneUrl(first!)}/evidencias/enlace`, { title: "Otra", url: "https://example.org" })).statusCode, 403, email);
      assert.equal((await postFile(app, b, `${milestoneUrl(first!)}/evidencias/archivo`, { title: "Otra" }, { filename: "a.pdf", type: "application/pdf", data: PDF })).statusCode, 403, email);
    }
    const leon = await signedIn(app, w.emails.leonAdmin);
    assert.equal((await leon.post(`${milestoneUrl(first!)}/estado`, { status: "completado", note: "" })).statusCode, 403);
    assert.equal((await new Browser(app).post(`${milestoneUrl(first!)}/estado`, { status: "completado", note: "" })).statusCode, 401);
    assert.equal((await db().selectFrom("plan_milestones").select("status").where("id", "=", first!).executeTakeFirstOrThrow()).status, "pendiente");
    // A milestone of another commitment is not found under this one.
    const obras = await signedIn(app, w.emails.obras);
    assert.equal((await obras.post(`${OBRAS}/hitos/${w.milestones.servicios[0]}/estado`, { status: "en_curso", note: "" })).statusCode, 404);
    const admin = await signedIn(app, w.emails.admin);
    assert.equal((await admin.post(`${milestoneUrl(first!)}/estado`, { status: "completado", note: "" })).statusCode, 303);
  });

  it("refuses evidence files of a forbidden type (an executable, a .docm renamed) with a 422 naming the accepted types, leaving no row and no file; serves accepted ones only while the plan is published", async () => {
    const [first] = w.milestones.obras;
    const obras = await signedIn(app, w.emails.obras);
    for (const file of [
      { filename: "informe.pdf", type: "application/pdf", data: EXE },
      { filename: "informe.docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data: docmFile() },
      { filename: "vacío.pdf", type: "application/pdf", data: Buffer.alloc(0) },
    ]) {
      const res = await postFile(app, obras, `${milestoneUrl(first!)}/evidencias/archivo`, { title: "Informe" }, file);
      assert.equal(res.statusCode, 422, file.filename);
      assert.match(res.body, file.data.length ? /Tipo de archivo no permitido: solo se aceptan PDF, Word \(DOCX\), OpenDocument \(ODT\), Excel \(XLSX\), CSV, PNG o JPEG/ : /el archivo está vacío/, file.filename);
    }
    assert.equal((await db().selectFrom("plan_milestone_evidence").select("id").execute()).length, 0);
    assert.deepEqual(storedFiles(), []);
    assert.equal((await events("evidencia")).length, 0);

    const up = await postFile(app, obras, `${milestoneUrl(first!)}/evidencias/archivo`, { title: "Inventario firmado" }, { filename: "Inventario año 2026.pdf", type: "application/pdf", data: PDF });
    assert.equal(up.statusCode, 303, up.body);
    const evidence = await db().selectFrom("plan_milestone_evidence").selectAll().executeTakeFirstOrThrow();
    assert.equal(evidence.file_type, "pdf");
    assert.equal(evidence.file_name, "Inventario año 2026.pdf");
    assert.equal(evidence.file_bytes, PDF.length);
    assert.equal(storedFiles().length, 1);
    const url = `/cuauhtemoc/planes/plan-2026/evidencias/${evidence.id}`;
    const anon = new Browser(app);
    const download = await anon.get(url);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers["content-type"], "application/pdf");
    assert.equal(download.headers["x-content-type-options"], "nosniff");
    assert.match(String(download.headers["content-disposition"]), /^attachment; filename="Inventario ano 2026.pdf"; filename\*=UTF-8''Inventario%20a%C3%B1o%202026.pdf$/);
    assert.equal(download.rawPayload.subarray(0, 5).toString(), "%PDF-");
    // Another municipality's address, or another plan's, finds nothing.
    assert.equal((await anon.get(`/leon/planes/plan-2026/evidencias/${evidence.id}`)).statusCode, 404);
    // Unpublished: staff only.
    await db().updateTable("action_plans").set({ published: false }).where("id", "=", w.plan.id).execute();
    assert.equal((await anon.get(url)).statusCode, 404);
    assert.equal((await (await signedIn(app, w.emails.leonAdmin)).get(url)).statusCode, 404);
    assert.equal((await obras.get(url)).statusCode, 200);
  });

  it("removes the stored file again when the upload's transaction fails after writing it", async () => {
    const [first] = w.milestones.obras;
    const actor = { kind: "user" as const, userId: w.users.obras, email: w.emails.obras, displayName: "", emailVerified: true, platformRole: null, oversees: [], memberships: [] };
    const failing = { ...t.services, storage: { ...t.services.storage, put: async (key: string, data: Buffer) => {
      await t.services.storage.put(key, data);
      throw new Error("el almacenamiento se desconectó");
    } } };
    await assert.rejects(addEvidenceFile(failing, w.cuauhtemoc.id, actor, first!, { title: "Inventario", fileName: "inventario.pdf", data: PDF }), /se desconectó/);
    assert.equal((await db().selectFrom("plan_milestone_evidence").select("id").execute()).length, 0);
    assert.deepEqual(storedFiles(), []);
    assert.equal((await events("evidencia")).length, 0);
  });

  it("shows a department its open milestones, overdue first, with the business days of delay", async () => {
    const [first, second] = w.milestones.obras;
    const dueOn = addDays(w.today, -40);
    await db().updateTable("plan_milestones").set({ due_on: dueOn }).where("id", "=", second!).execute();
    await db().updateTable("plan_milestones").set({ status: "completado", completed_on: w.today }).where("id", "=", first!).execute();
    const late = milestoneDaysLate(await loadCalendar(db(), w.cuauhtemoc.id), { status: "pendiente", dueOn }, w.today);
    assert.ok(late >= 20);
    const obras = await signedIn(app, w.emails.obras);
    const page = await obras.get("/cuauhtemoc/admin/planes/mis-hitos");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Hitos abiertos de los compromisos que encabeza Dirección General de Obras/);
    assert.match(page.body, new RegExp(`Mapa de obras por colonia[\\s\\S]*${late} días hábiles de retraso[\\s\\S]*Informe de avance físico y financiero`));
    assert.ok(!page.body.includes("Inventario de obras publicado"), "completed milestones are not listed");
    assert.ok(!page.body.includes("Catálogo de servicios en datos abiertos"), "other departments' milestones are not listed");
    // The administrator sees every department's, and may pick one.
    const admin = await signedIn(app, w.emails.admin);
    const all = await admin.get("/cuauhtemoc/admin/planes/mis-hitos");
    assert.match(all.body, /Catálogo de servicios en datos abiertos/);
    const servicios = await admin.get(`/cuauhtemoc/admin/planes/mis-hitos?dependencia=${w.departments.servicios}`);
    assert.ok(!servicios.body.includes("Mapa de obras por colonia"));
    assert.match(servicios.body, /Catálogo de servicios en datos abiertos/);
  });
});
