import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { readOutbox } from "../../platform/mail.js";
import { addDays } from "../../platform/calendar/dates.js";
import { runJob } from "../../platform/jobs.js";
import { milestoneDaysLate } from "./progress.js";
import { planClock } from "./queries.js";
import { runSubscriptionNotices, subscriptionNoticesJob } from "./subscription-notices.js";
import { seedPlanWorld, type PlanWorld } from "./test-support.js";

const PLAN_FOLLOWER = "sigue.plan@correo.test";
const COMMITMENT_FOLLOWER = "sigue.obras@correo.test";
const PENDING = "sin.confirmar@correo.test";
const HOUR = 3_600_000;

describe("the subscribers' notices job (plans.subscription-notices)", () => {
  let t: TestContext;
  let w: PlanWorld;
  const outbox = () => readOutbox(path.join(t.config.dataDir, "outbox"));
  const mailsTo = (email: string) => outbox().filter((m) => m.to === email);

  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
  });

  async function subscription(email: string, kind: "plan" | "compromiso", targetId: number, confirmedAt: Date | null) {
    await t.services.db
      .insertInto("plan_subscriptions")
      .values({ municipality_id: w.cuauhtemoc.id, email, target_kind: kind, target_id: targetId, token_hash: `${email}-${kind}-hash`, confirmed_at: confirmedAt, unsubscribed_at: null })
      .execute();
  }
  const event = (milestone: number, values: { kind: "estado" | "evidencia" | "fecha" | "creado"; from_value?: string; to_value?: string; note?: string; at?: Date }) =>
    t.services.db.insertInto("plan_milestone_events").values({ municipality_id: w.cuauhtemoc.id, milestone_id: milestone, by_user_id: w.users.obras, ...values }).execute();

  it("e-mails each confirmed subscriber the new status changes and evidence once, with the unsubscribe link", async () => {
    const confirmed = new Date(Date.now() - HOUR);
    await subscription(PLAN_FOLLOWER, "plan", w.plan.id, confirmed);
    await subscription(COMMITMENT_FOLLOWER, "compromiso", w.commitments.obras, confirmed);
    await subscription(PENDING, "plan", w.plan.id, null);
    // Before anyone confirmed: never announced. A "created" event: not a notice.
    await event(w.milestones.servicios[1]!, { kind: "estado", from_value: "pendiente", to_value: "en_curso", at: new Date(Date.now() - 2 * HOUR) });
    await event(w.milestones.obras[0]!, { kind: "creado" });
    await event(w.milestones.obras[0]!, { kind: "estado", from_value: "pendiente", to_value: "completado", note: "Inventario publicado en el portal." });
    await event(w.milestones.obras[0]!, { kind: "evidencia", to_value: "Inventario en CSV" });
    await event(w.milestones.servicios[0]!, { kind: "fecha", from_value: addDays(w.today, 60), to_value: addDays(w.today, 90) });

    // The job runs after these events. The server stamps them in microseconds and a Date holds
    // milliseconds, so "now" taken the same millisecond may fall just before the last one.
    const first = await runSubscriptionNotices(t.services, { now: new Date(Date.now() + 1000) });
    assert.equal(first.emails, 2);
    const [planMail] = mailsTo(PLAN_FOLLOWER);
    assert.match(planMail!.subject, /Plan de Acción Local 2026–2027: 3 novedades/);
    assert.match(planMail!.text, /Compromiso 1 · Inventario de obras publicado: Estado: Pendiente → Completado — Inventario publicado en el portal\./);
    assert.match(planMail!.text, /Evidencia agregada: Inventario en CSV/);
    assert.match(planMail!.text, /Compromiso 2 · Catálogo de servicios en datos abiertos: Fecha compromiso: /);
    assert.ok(!planMail!.text.includes("Tablero de atención"), "an event before the subscription was confirmed");
    assert.match(planMail!.text, /Para dejar de recibir estos avisos: http:\/\/\S+\/cuauhtemoc\/planes\/suscripcion\/baja\?token=\d+\.\S{32}/);
    const [obrasMail] = mailsTo(COMMITMENT_FOLLOWER);
    assert.match(obrasMail!.subject, /2 novedades/);
    assert.ok(!obrasMail!.text.includes("Catálogo de servicios"), "only the followed commitment");
    assert.equal(mailsTo(PENDING).length, 0);
    assert.ok(!outbox().some((m) => m.text.includes(w.emails.obras)));

    const audit = await t.services.db.selectFrom("audit_log").select(["details", "actor_label"]).where("action", "=", "plans.subscribers.notice").execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.details.emails, 2);
    assert.ok(!JSON.stringify(audit).includes("@"), "no address in the audit log");
    // Once: a second run sends nothing; the events are claimed with their recipients counted.
    assert.equal((await runSubscriptionNotices(t.services)).emails, 0);
    assert.equal(outbox().length, 2);
    const claims = await t.services.db.selectFrom("plan_event_notices").select(["recipients"]).orderBy("event_id").execute();
    assert.deepEqual(claims.map((c) => c.recipients), [0, 2, 2, 1]);
  });

  it("tells subscribers once that a milestone is overdue, naming its department and business days late; a new due date is a new notice", async () => {
    await subscription(PLAN_FOLLOWER, "plan", w.plan.id, new Date(Date.now() - HOUR));
    await subscription(COMMITMENT_FOLLOWER, "compromiso", w.commitments.obras, new Date(Date.now() - HOUR));
    const dueOn = addDays(w.today, -20);
    await t.services.db.updateTable("plan_milestones").set({ due_on: dueOn }).where("id", "=", w.milestones.servicios[0]!).execute();
    const clock = await planClock(t.services.db, w.cuauhtemoc);
    const late = milestoneDaysLate(clock.calendar, { status: "pendiente", dueOn }, clock.today);
    const department = (await t.services.db.selectFrom("departments").select("name").where("id", "=", w.departments.servicios).executeTakeFirstOrThrow()).name;

    const job = await runJob(t.services, subscriptionNoticesJob, { force: true });
    assert.equal(job.status, "ran");
    assert.equal(job.status === "ran" && job.outcome, "ok");
    const [mail] = mailsTo(PLAN_FOLLOWER);
    assert.match(mail!.subject, /1 hito vencido/);
    assert.ok(mail!.text.includes(`Catálogo de servicios en datos abiertos: vencido desde el `));
    assert.ok(mail!.text.includes(`${late} días hábiles de retraso (${department})`));
    assert.equal(mailsTo(COMMITMENT_FOLLOWER).length, 0, "the overdue milestone is not in the followed commitment");
    const notices = await t.services.db.selectFrom("plan_overdue_notices").selectAll().execute();
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.audience, "suscriptores");

    assert.equal((await runSubscriptionNotices(t.services)).emails, 0);
    // Moved to a new date that is also past: that is news again.
    await t.services.db.updateTable("plan_milestones").set({ due_on: addDays(w.today, -10) }).where("id", "=", w.milestones.servicios[0]!).execute();
    assert.equal((await runSubscriptionNotices(t.services)).overdue, 1);
    assert.equal(mailsTo(PLAN_FOLLOWER).length, 2);
  });

  it("says nothing about unpublished plans, withdrawn commitments, or events older than a week", async () => {
    await subscription(PLAN_FOLLOWER, "plan", w.plan.id, new Date(Date.now() - 30 * 24 * HOUR));
    await event(w.milestones.obras[0]!, { kind: "estado", from_value: "pendiente", to_value: "en_curso", at: new Date(Date.now() - 8 * 24 * HOUR) });
    await t.services.db.updateTable("plan_milestones").set({ due_on: addDays(w.today, -20) }).where("id", "=", w.milestones.obras[2]!).execute();
    await t.services.db.updateTable("plan_commitments").set({ withdrawn_at: new Date(), withdrawn_reason: "Se fusionó con otro compromiso." }).where("id", "=", w.commitments.obras).execute();
    assert.equal((await runSubscriptionNotices(t.services)).emails, 0);

    await t.services.db.updateTable("action_plans").set({ published: false }).where("id", "=", w.plan.id).execute();
    await event(w.milestones.servicios[0]!, { kind: "estado", from_value: "pendiente", to_value: "en_curso" });
    assert.equal((await runSubscriptionNotices(t.services)).emails, 0);
    assert.equal(outbox().length, 0);
  });
});
