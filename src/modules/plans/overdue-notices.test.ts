import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { readOutbox } from "../../platform/mail.js";
import { runJob } from "../../platform/jobs.js";
import { anonymous } from "../../platform/policy.js";
import { makeUser } from "../accounts/test-support.js";
import { addObservatoryMember, followTarget, registerObservatory } from "./observatory-service.js";
import { observatoryOverdueJob, runObservatoryOverdueNotices } from "./overdue-notices.js";
import { seedPlanWorld, type PlanWorld } from "./test-support.js";

/** Noon in Mexico City on a date (18:00 UTC, no daylight saving since 2022). */
const noon = (date: string) => new Date(`${date}T18:00:00Z`);

describe("overdue notices to observatories", () => {
  let t: TestContext;
  let w: PlanWorld;
  const outbox = () => readOutbox(t.services.mailer.outboxDir!);
  const notices = () => t.services.db.selectFrom("plan_overdue_notices").select(["milestone_id", "audience"]).select((eb) => eb.cast<string>("due_on", "text").as("due_on")).orderBy("sent_at").execute();
  const setDue = (milestoneId: number, dueOn: string) => t.services.db.updateTable("plan_milestones").set({ due_on: dueOn }).where("id", "=", milestoneId).execute();

  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
    const m = w.cuauhtemoc.id;
    await makeUser(t.services.db, "red@observatorio.test");
    await makeUser(t.services.db, "ajena@observatorio.test");
    await t.services.db.transaction().execute(async (trx) => {
      // Two observatories follow the Obras commitment; the seeded member belongs to both.
      await followTarget(trx, m, anonymous, w.observatory.id, "compromiso", w.commitments.obras, true);
      const red = await registerObservatory(trx, m, anonymous, { slug: "red-rendicion", name: "Red por la Rendición de Cuentas", description: "", website: null });
      await addObservatoryMember(trx, m, anonymous, red, { email: "red@observatorio.test", role: "integrante", publicName: "Zyxnombre Privado Red", namePublic: false });
      await addObservatoryMember(trx, m, anonymous, red, { email: w.observatory.memberEmail, role: "integrante", publicName: "", namePublic: false });
      await followTarget(trx, m, anonymous, red, "compromiso", w.commitments.obras, true);
      // A third observatory follows only the Servicios commitment.
      const other = await registerObservatory(trx, m, anonymous, { slug: "otro-observatorio", name: "Otro observatorio", description: "", website: null });
      await addObservatoryMember(trx, m, anonymous, other, { email: "ajena@observatorio.test", role: "integrante", publicName: "", namePublic: false });
      await followTarget(trx, m, anonymous, other, "compromiso", w.commitments.servicios, true);
    });
    // Due Friday 13 March 2026; Monday 16 March is a rest day (LFT art. 74, third Monday of March).
    await setDue(w.milestones.obras[0]!, "2026-03-13");
    // Already delivered on time: never overdue.
    await setDue(w.milestones.obras[1]!, "2026-03-13");
    await t.services.db.updateTable("plan_milestones").set({ status: "completado", completed_on: "2026-03-12" }).where("id", "=", w.milestones.obras[1]!).execute();
  });

  it("e-mails each member of the following observatories once per milestone and due date, with its business days late", async () => {
    // Monday the 16th is a rest day: zero business days have passed since Friday's due date.
    assert.deepEqual(await runObservatoryOverdueNotices(t.services, { now: noon("2026-03-16") }), { notices: 0, emails: 0, failed: [] });
    assert.equal(outbox().length, 0);

    // Tuesday the 17th: one whole business day after the due date. Through the job machinery.
    const run = await runJob(t.services, observatoryOverdueJob, { now: noon("2026-03-17"), force: true });
    assert.deepEqual(run, { status: "ran", outcome: "ok", summary: "1 hito vencido avisado (2 correos)" });
    const mails = outbox();
    assert.deepEqual(mails.map((m) => m.to).sort(), [w.observatory.memberEmail, "red@observatorio.test"], "each member once; the observatory that follows only another commitment, not at all");
    const both = mails.find((m) => m.to === w.observatory.memberEmail)!;
    assert.equal(both.subject, "Hito vencido: «Inventario de obras publicado» (compromiso 1, 1 día hábil de atraso)");
    assert.ok(both.text.includes("El hito «Inventario de obras publicado» del compromiso 1. «Obra pública abierta por colonia» del plan «Plan de Acción Local 2026–2027» venció el viernes 2026-03-13 y sigue pendiente: lleva 1 día hábil de atraso."), both.text);
    assert.match(both.text, /Área responsable del compromiso: [^\n]*Obras/);
    assert.ok(both.text.includes("Responsable del hito: Unidad responsable"));
    assert.ok(both.text.includes("porque Observatorio Ciudadano de Cuauhtémoc, Red por la Rendición de Cuentas da seguimiento"));
    assert.ok(both.text.includes(`${t.config.publicUrl}/cuauhtemoc/planes/plan-2026/compromisos/1`));
    for (const m of mails) {
      for (const secret of [w.observatory.memberEmail, "red@observatorio.test", "ajena@observatorio.test", "Zyxnombre", "Integrante del observatorio"]) {
        if (secret !== m.to) assert.ok(!`${m.subject}\n${m.text}`.includes(secret), `the mail to ${m.to} names ${secret}`);
      }
    }
    assert.deepEqual(await notices(), [{ milestone_id: w.milestones.obras[0]!, audience: "observatorios", due_on: "2026-03-13" }]);
    const audit = await t.services.db.selectFrom("audit_log").select(["action", "actor_label"]).where("action", "=", "plans.milestone.overdueNotice").execute();
    assert.deepEqual(audit, [{ action: "plans.milestone.overdueNotice", actor_label: "sistema (avisos de hitos vencidos a observatorios)" }]);

    // The next runs, that day and the next, send nothing more.
    assert.deepEqual(await runObservatoryOverdueNotices(t.services, { now: noon("2026-03-17") }), { notices: 0, emails: 0, failed: [] });
    assert.deepEqual(await runObservatoryOverdueNotices(t.services, { now: noon("2026-03-18") }), { notices: 0, emails: 0, failed: [] });
    assert.equal(outbox().length, 2);
  });

  it("sends again when the due date changes and the new one passes, counting business days from it", async () => {
    await runObservatoryOverdueNotices(t.services, { now: noon("2026-03-17") });
    assert.equal(outbox().length, 2);
    // Re-dated to Thursday 19 March. Friday 20 (1), Monday 23 (2), Tuesday 24 (3): three business days late.
    await setDue(w.milestones.obras[0]!, "2026-03-19");
    assert.deepEqual(await runObservatoryOverdueNotices(t.services, { now: noon("2026-03-19") }), { notices: 0, emails: 0, failed: [] });
    assert.deepEqual(await runObservatoryOverdueNotices(t.services, { now: noon("2026-03-24") }), { notices: 1, emails: 2, failed: [] });
    const latest = outbox().slice(2);
    assert.equal(latest.length, 2);
    for (const m of latest) assert.match(m.text, /venció el jueves 2026-03-19 y sigue pendiente: lleva 3 días hábiles de atraso\./);
    assert.deepEqual((await notices()).map((n) => n.due_on), ["2026-03-13", "2026-03-19"]);
    assert.deepEqual(await runObservatoryOverdueNotices(t.services, { now: noon("2026-03-25") }), { notices: 0, emails: 0, failed: [] });
  });

  it("stays silent for delivered milestones, unpublished plans and commitments nobody follows", async () => {
    await t.services.db.updateTable("plan_milestones").set({ status: "completado", completed_on: "2026-03-16" }).where("id", "=", w.milestones.obras[0]!).execute();
    assert.deepEqual(await runObservatoryOverdueNotices(t.services, { now: noon("2026-03-20") }), { notices: 0, emails: 0, failed: [] });
    // Servicios' milestone is overdue but only the third observatory follows it — once its plan is unpublished, no one is told.
    await setDue(w.milestones.servicios[0]!, "2026-03-13");
    await t.services.db.updateTable("action_plans").set({ published: false }).where("id", "=", w.plan.id).execute();
    assert.deepEqual(await runObservatoryOverdueNotices(t.services, { now: noon("2026-03-20") }), { notices: 0, emails: 0, failed: [] });
    await t.services.db.updateTable("action_plans").set({ published: true }).where("id", "=", w.plan.id).execute();
    assert.deepEqual(await runObservatoryOverdueNotices(t.services, { now: noon("2026-03-20") }), { notices: 1, emails: 1, failed: [] });
    assert.deepEqual(outbox().map((m) => m.to), ["ajena@observatorio.test"]);
  });
});
