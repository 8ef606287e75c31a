/**
 * Reminders and escalations, with dates worked out by hand on the 2026 calendar:
 * a request received Wednesday 21 October 2026 at 10:00 is due 20 business days later, on
 * Thursday 19 November (Monday 16 November, Revolution Day, LFT art. 74, and the weekends do not
 * count). Three business days before it is Friday 13 November (Tue 17, Wed 18, Thu 19 remain),
 * across the weekend and the holiday. With the Comité's extension (10 business days more) it is
 * due Thursday 3 December, and three business days before that is Monday 30 November.
 */
import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { instantAtLocal, type LocalDate } from "../../platform/calendar/dates.js";
import { readOutbox } from "../../platform/mail.js";
import { runJob } from "../../platform/jobs.js";
import type { Actor } from "../../platform/policy.js";
import { CliError } from "../../cli/options.js";
import { CUAUHTEMOC, LEON, login, makeUser, seedTowns } from "../accounts/test-support.js";
import { loadActor } from "../accounts/queries.js";
import { createDepartment } from "../territory/service.js";
import { findActiveMunicipalityBySlug, type ActiveMunicipality } from "../territory/queries.js";
import { createInformationRequest, type IntakeInput } from "./info-service.js";
import { applyInfoStep, type InfoStep } from "./info-workflow.js";
import { saveContribution } from "./info-attachments.js";
import { loadRequestRow } from "./info-queries.js";
import { informationRemindersJob, runInformationReminders } from "./info-reminders.js";
import { reminderDaysCommand, remindersCommand } from "./info-reminders-cli.js";

const TZ = "America/Mexico_City";
const NAME = "Zyxrequirente Gómez";
const EMAIL = "zyx.requirente@example.mx";
const BODY = "Contratos de alumbrado público firmados en 2026 por el municipio.";
const received = (date: LocalDate) => instantAtLocal(date, { hour: 10, minute: 0, second: 0 }, TZ);

describe("reminders before the due date and escalation when overdue", () => {
  let t: TestContext;
  let leon: ActiveMunicipality;
  let unit: Actor;
  let obras: number;
  let servicios: number;
  let serviciosStaff: Actor;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    const { db } = t.services;
    const towns = await seedTowns(db);
    obras = towns.leonDepartment;
    servicios = (await db.transaction().execute((trx) => createDepartment(trx, LEON, { name: "Servicios Municipales" }))).id;
    leon = (await findActiveMunicipalityBySlug(db, "leon"))!;
    unit = (await loadActor(db, await makeUser(db, "unidad@leon.gob.mx", { role: "transparency_unit", municipalityId: LEON })))!;
    await makeUser(db, "admin@leon.gob.mx", { role: "administrator", municipalityId: LEON });
    await makeUser(db, "obras@leon.gob.mx", { role: "department_staff", municipalityId: LEON, departmentId: obras });
    serviciosStaff = (await loadActor(db, await makeUser(db, "servicios@leon.gob.mx", { role: "department_staff", municipalityId: LEON, departmentId: servicios })))!;
    await makeUser(db, "admin@cuauhtemoc.gob.mx", { role: "administrator", municipalityId: CUAUHTEMOC });
  });

  async function request(over: Partial<IntakeInput> = {}, receivedOn: LocalDate = "2026-10-21"): Promise<string> {
    const created = await createInformationRequest(t.services.db, leon, unit, {
      kind: "information", channel: "web", body: BODY, receivedAt: received(receivedOn), name: NAME, email: EMAIL, ...over,
    });
    return created.folio;
  }
  const step = (folio: string, s: InfoStep) => applyInfoStep(t.services.db, LEON, unit, folio, s);
  const turned = async (departmentIds: number[], over: Partial<IntakeInput> = {}, receivedOn?: LocalDate) => {
    const folio = await request(over, receivedOn);
    await step(folio, { step: "turn", departmentIds, on: "2026-10-22" });
    return folio;
  };
  const run = (date: LocalDate) => runInformationReminders(t.services, { municipality: leon, date });
  const outbox = () => readOutbox(t.services.mailer.outboxDir!);
  const recipients = () => outbox().map((m) => m.to).sort();
  const rows = () => t.services.db.selectFrom("information_request_reminders").select(["kind", "business_days"]).select((eb) => eb.cast<string>("due_on", "text").as("due")).orderBy("id").execute();
  const events = (step: string) =>
    t.services.db.selectFrom("information_request_events").select(["note", "public"]).select((eb) => eb.cast<string>("legal_date", "text").as("on")).where("step", "=", step).orderBy("id").execute();

  /** No e-mail carries the requester's name, e-mail or request text. */
  function assertNoRequesterData() {
    for (const m of outbox()) for (const secret of [NAME, EMAIL, BODY, "Zyx"]) assert.ok(!`${m.subject}\n${m.text}`.includes(secret), `an e-mail to ${m.to} contains "${secret}"`);
  }

  it("reminds each turned department exactly 3 business days before the due date, not earlier, and only once", async () => {
    const folio = await turned([obras, servicios]);
    assert.equal((await loadRequestRow(t.services.db, LEON, folio))!.due_on, "2026-11-19");

    for (const day of ["2026-11-06", "2026-11-12"]) {
      await run(day);
      assert.equal(outbox().length, 0, `nothing on ${day}: 4 or more business days are left`);
    }
    const [first] = await run("2026-11-13");
    assert.equal(first!.sent.length, 2);
    assert.deepEqual(recipients(), ["obras@leon.gob.mx", "servicios@leon.gob.mx"]);
    const mail = outbox().find((m) => m.to === "obras@leon.gob.mx")!;
    assert.equal(mail.subject, `Recordatorio: la solicitud ${folio} vence el jueves 2026-11-19`);
    assert.match(mail.text, /se turnó a Obras Públicas y el área aún no registra su aportación/);
    assert.match(mail.text, /Fecha límite de respuesta: jueves 2026-11-19 \(faltan 3 días hábiles\)/);
    assert.ok(mail.text.includes(`${t.config.publicUrl}/leon/admin/transparencia/solicitudes/${folio}`));
    assertNoRequesterData();

    const history = await events("reminder");
    assert.equal(history.length, 2);
    assert.ok(history.every((e) => e.on === "2026-11-13" && e.public === false));
    assert.match(history.map((e) => e.note).join("\n"), /Recordatorio a Obras Públicas: vence el 2026-11-19 \(faltan 3 días hábiles\)/);
    assert.deepEqual((await rows()).map((r) => [r.kind, r.due, r.business_days]), [["reminder", "2026-11-19", 3], ["reminder", "2026-11-19", 3]]);
    const audit = await t.services.db.selectFrom("audit_log").select(["action", "actor_label"]).where("action", "=", "transparency.request.reminder").execute();
    assert.equal(audit.length, 2);
    assert.equal(audit[0]!.actor_label, "sistema (recordatorios de transparencia)");

    // Run again the same day, over the weekend and on the holiday: nothing more.
    for (const day of ["2026-11-13", "2026-11-14", "2026-11-16", "2026-11-18"]) await run(day);
    assert.equal(outbox().length, 2);
    assert.equal((await rows()).length, 2);
  });

  it("leaves out a department that already gave its contribution", async () => {
    const folio = await turned([obras, servicios]);
    await saveContribution(t.services.db, t.services.storage, leon, serviciosStaff, folio, servicios, { text: "Se anexan los contratos solicitados.", files: [] });
    await run("2026-11-13");
    assert.deepEqual(recipients(), ["obras@leon.gob.mx"]);
  });

  it("sends a new reminder for the extended due date after an extension", async () => {
    const folio = await turned([obras]);
    await run("2026-11-13");
    await step(folio, { step: "extend", resolutionNumber: "CT-2026-014", resolutionDate: "2026-11-18", on: "2026-11-18" });
    assert.equal((await loadRequestRow(t.services.db, LEON, folio))!.extended_due_on, "2026-12-03");
    for (const day of ["2026-11-20", "2026-11-27"]) await run(day);
    assert.equal(outbox().length, 1, "no escalation after the first date, no reminder 4 business days before the new one");
    await run("2026-11-30");
    const mails = outbox();
    assert.equal(mails.length, 2);
    assert.equal(mails[1]!.to, "obras@leon.gob.mx");
    assert.match(mails[1]!.text, /jueves 2026-12-03 \(faltan 3 días hábiles\)/);
    assert.deepEqual((await rows()).map((r) => r.due), ["2026-11-19", "2026-12-03"]);
  });

  it("escalates an overdue request to the unit and the administrators from the first business day after the due date, once", async () => {
    const thursday = await turned([obras, servicios]);
    // Received Thursday 22 October: due Friday 20 November.
    const friday = await turned([obras], {}, "2026-10-22");
    assert.equal((await loadRequestRow(t.services.db, LEON, friday))!.due_on, "2026-11-20");
    await saveContribution(t.services.db, t.services.storage, leon, serviciosStaff, thursday, servicios, { text: "Aportación de Servicios.", files: [] });

    await run("2026-11-21"); // Saturday: Thursday's request is 1 business day late, Friday's none yet.
    assert.deepEqual(recipients(), ["admin@leon.gob.mx", "unidad@leon.gob.mx"]);
    const mail = outbox()[0]!;
    assert.equal(mail.subject, `Solicitud vencida: ${thursday} lleva 1 día hábil de retraso`);
    assert.match(mail.text, /venció el jueves 2026-11-19 sin respuesta y lleva 1 día hábil de retraso/);
    assert.match(mail.text, /Áreas turnadas sin aportación: Obras Públicas\./);
    assert.ok(!mail.text.includes("Servicios Municipales"), "the department that contributed is not named");
    assertNoRequesterData();

    await run("2026-11-23"); // Monday: Friday's request is 1 business day late.
    const mails = outbox();
    assert.equal(mails.length, 4);
    assert.ok(mails.slice(2).every((m) => m.subject === `Solicitud vencida: ${friday} lleva 1 día hábil de retraso`));
    await run("2026-11-24");
    assert.equal(outbox().length, 4, "each escalation once");
    const history = await events("escalation");
    assert.deepEqual(history.map((e) => e.on), ["2026-11-21", "2026-11-23"]);
    assert.ok(history.every((e) => e.public === false));
    assert.match(history[0]!.note!, /Escalamiento a la Unidad de Transparencia y la administración municipal: 1 día hábil de retraso/);
  });

  it("sends nothing for answered or prevenida requests", async () => {
    const answered = await turned([obras]);
    await step(answered, { step: "answer", partial: false, text: "Se entregan los contratos.", on: "2026-11-12" });
    const prevented = await turned([obras]);
    await step(prevented, { step: "prevent", note: "Precise el periodo.", on: "2026-10-23" });
    for (const day of ["2026-11-13", "2026-11-20", "2026-12-15"]) await run(day);
    assert.equal(outbox().length, 0);
    assert.equal((await rows()).length, 0);
  });

  it("sends ARCO reminders and escalations only to the transparency unit", async () => {
    const folio = await turned([obras], { kind: "arco", arcoRight: "access" });
    assert.equal((await loadRequestRow(t.services.db, LEON, folio))!.due_on, "2026-11-19");
    await run("2026-11-13");
    assert.deepEqual(recipients(), ["unidad@leon.gob.mx"]);
    assert.match(outbox()[0]!.text, /La solicitud de derechos ARCO .* sigue pendiente de respuesta/);
    await run("2026-11-20");
    assert.deepEqual(recipients(), ["unidad@leon.gob.mx", "unidad@leon.gob.mx"]);
    assertNoRequesterData();
  });

  it("reminds the unit when the request was turned to no department, or the department has no staff", async () => {
    await request();
    const sinPersonal = (await t.services.db.transaction().execute((trx) => createDepartment(trx, LEON, { name: "Catastro" }))).id;
    await turned([sinPersonal]);
    await run("2026-11-13");
    const mails = outbox();
    assert.deepEqual(recipients(), ["unidad@leon.gob.mx", "unidad@leon.gob.mx"]);
    assert.ok(mails.some((m) => /sigue pendiente de respuesta/.test(m.text)));
    assert.ok(mails.some((m) => /Catastro no tiene personal registrado en Cabildo/.test(m.text)));
  });

  it("uses the municipality's number of business days", async () => {
    await turned([obras]);
    const log = await captureConsole(() => reminderDaysCommand.run(["--municipality", "leon", "--dias", "5"], t.services));
    assert.match(log, /León: los recordatorios se envían 5 días hábiles antes del vencimiento/);
    await assert.rejects(reminderDaysCommand.run(["--municipality", "leon", "--dias", "0"], t.services), CliError);
    // Five business days before Thursday 19 November: Wednesday 11 (Thu 12, Fri 13, Tue 17, Wed 18, Thu 19 remain).
    await run("2026-11-10");
    assert.equal(outbox().length, 0);
    await run("2026-11-11");
    assert.match(outbox()[0]!.text, /faltan 5 días hábiles/);
  });

  it("the command with --dry-run shows what it would send and sends nothing; without it, sends", async () => {
    const folio = await turned([obras]);
    const dry = await captureConsole(() => remindersCommand.run(["--municipality", "leon", "--date", "2026-11-13", "--dry-run"], t.services));
    assert.match(dry, /simulación: no se envía nada/);
    assert.ok(dry.includes(`se enviaría recordatorio ${folio} → Obras Públicas: vence el jueves 2026-11-19, faltan 3 días hábiles (1 destinatario: obras@leon.gob.mx)`), dry);
    assert.match(dry, /Se enviarían: 1 recordatorio\./);
    assert.equal(outbox().length, 0);
    assert.equal((await rows()).length, 0);
    assert.equal((await events("reminder")).length, 0);

    const real = await captureConsole(() => remindersCommand.run(["--municipality", "leon", "--date", "2026-11-13"], t.services));
    assert.match(real, new RegExp(`enviado recordatorio ${folio}`));
    assert.equal(outbox().length, 1);
    const operator = await t.services.db.selectFrom("audit_log").select("actor_label").where("action", "=", "transparency.request.reminder").executeTakeFirstOrThrow();
    assert.match(operator.actor_label, /^línea de comandos/);
    await assert.rejects(remindersCommand.run(["--municipality", "leon", "--date", "2099-01-05"], t.services), /posterior a hoy/);
    await assert.rejects(remindersCommand.run(["--municipality", "leon", "--date", "13/11/2026"], t.services), /no es una fecha válida/);
    await assert.rejects(remindersCommand.run(["--municipality", "nohay"], t.services), /No existe un municipio activo/);
  });

  it("runs as the hourly job for every active municipality and records the run", async () => {
    await turned([obras]);
    const result = await runJob(t.services, informationRemindersJob, { now: received("2026-11-13") });
    assert.deepEqual(result, { status: "ran", outcome: "ok", summary: "1 recordatorio" });
    assert.deepEqual(recipients(), ["obras@leon.gob.mx"]);
    const job = await t.services.db.selectFrom("job_runs").selectAll().where("job_name", "=", "transparency.reminders").executeTakeFirstOrThrow();
    assert.equal(job.last_outcome, "ok");
    assert.equal(job.last_summary, "1 recordatorio");
  });

  it("shows the reminders in the staff history, never on the public page, and lists overdue requests with their business days", async () => {
    const folio = await turned([obras]);
    const fresh = await request({ receivedAt: new Date() }); // due weeks from now, whenever the test runs
    await run("2026-11-13");
    const app = await t.app();
    const staff = new Browser(app);
    await login(staff, "unidad@leon.gob.mx");
    const page = await staff.get(`/leon/admin/transparencia/solicitudes/${folio}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Recordatorio enviado/);
    assert.match(page.body, /Recordatorio a Obras Públicas: vence el 2026-11-19/);
    const visitor = new Browser(app);
    const publicPage = await visitor.get(`/leon/transparencia/solicitudes/${folio}`);
    assert.equal(publicPage.statusCode, 200);
    assert.ok(!/Recordatorio/.test(publicPage.body), "reminders are not public");

    // The list's overdue filter, on the real date (the request due 19 November 2026 is overdue from the 20th on).
    const list = await staff.get("/leon/admin/transparencia/solicitudes?estado=vencidas");
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(folio));
    assert.ok(!list.body.includes(fresh), "a request still in its term is not listed");
    assert.match(list.body, /aria-current="page">Vencidas/);
    assert.match(list.body, /\d+ días? hábil(es)? de retraso/);
    const all = await staff.get("/leon/admin/transparencia/solicitudes");
    assert.ok(all.body.includes(fresh) && all.body.includes(folio));
  });
});

async function captureConsole(fn: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    await fn();
  } finally {
    console.log = original;
  }
  return lines.join("\n");
}
