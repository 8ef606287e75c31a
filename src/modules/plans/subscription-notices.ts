/**
 * The hourly job `plans.subscription-notices`: e-mails confirmed subscribers of a published plan
 * (or of one of its commitments) one message per plan with
 *  - the milestones' new public events (status changes, evidence, due-date changes) since the last
 *    notice — each event is claimed once in plan_event_notices, and a subscriber only hears of
 *    events after they confirmed;
 *  - milestones that became overdue — once per (milestone, due date) for subscribers, claimed in
 *    plan_overdue_notices (a new due date makes a new notice).
 * Claims and mail go in one transaction per plan: if the mail server fails, nothing is claimed
 * and the next run tries again. Only events younger than a week are considered, so a server
 * started on an old history floods no one. Every message carries its unsubscribe link(s).
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import { anonymous } from "../../platform/policy.js";
import type { JobDefinition } from "../../platform/jobs.js";
import type { Services } from "../../platform/services.js";
import type { Executor } from "../../platform/db/database.js";
import { overdueCutoff } from "../../platform/calendar/overdue.js";
import { findActiveMunicipalityBySlug, listActiveMunicipalities, type ActiveMunicipality } from "../territory/queries.js";
import { milestoneDaysLate } from "./progress.js";
import { presentMilestoneEvent, type PublicMilestoneEvent } from "./presenters.js";
import { describeMilestoneEvent, longDateIn } from "./public-event-text.js";
import { commitmentPath, planPath } from "./public-urls.js";
import { planClock } from "./queries.js";
import { inSpanish, unsubscribeUrl } from "./subscriptions.js";
import { OPEN_MILESTONE_STATUSES, type MilestoneEventKind } from "./tables.js";
import "./subscription-tables.js";

export const NOTICE_EVENT_KINDS: MilestoneEventKind[] = ["estado", "evidencia", "fecha"];
const MAX_EVENT_AGE_MS = 7 * 24 * 3_600_000;
const NOTICES_BY = { actor: anonymous, actorLabel: "sistema (avisos a suscriptores de planes)" };

interface PlanRef { id: number; slug: string; title: string }
interface NoticeEvent extends PublicMilestoneEvent { commitmentId: number; commitmentNumber: number }
interface OverdueNotice { milestoneId: number; dueOn: string; deliverable: string; daysLate: number; commitmentId: number; commitmentNumber: number; department: string | null }
interface Subscriber { id: string; email: string; kind: "plan" | "compromiso"; targetId: number; confirmedAt: Date }

export interface NoticeRun { emails: number; events: number; overdue: number }

async function candidateEvents(db: Executor, municipalityId: number, now: Date) {
  return db
    .selectFrom("plan_milestone_events as e")
    .innerJoin("plan_milestones as ms", (j) => j.onRef("ms.municipality_id", "=", "e.municipality_id").onRef("ms.id", "=", "e.milestone_id"))
    .innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "ms.municipality_id").onRef("c.id", "=", "ms.commitment_id"))
    .innerJoin("action_plans as p", (j) => j.onRef("p.municipality_id", "=", "c.municipality_id").onRef("p.id", "=", "c.plan_id"))
    .select(["e.id", "e.milestone_id", "ms.deliverable", "e.kind", "e.from_value", "e.to_value", "e.note", "e.at", "c.id as commitment_id", "c.number", "p.id as plan_id", "p.slug", "p.title"])
    .where("e.municipality_id", "=", municipalityId)
    .where("p.published", "=", true)
    .where("e.kind", "in", NOTICE_EVENT_KINDS)
    .where("e.at", ">", new Date(now.getTime() - MAX_EVENT_AGE_MS))
    .where("e.at", "<=", now)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("plan_event_notices as n").select("n.event_id").whereRef("n.municipality_id", "=", "e.municipality_id").whereRef("n.event_id", "=", "e.id"))))
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
}

async function candidateOverdue(db: Executor, m: ActiveMunicipality, now: Date) {
  const clock = await planClock(db, m, now);
  const rows = await db
    .selectFrom("plan_milestones as ms")
    .innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "ms.municipality_id").onRef("c.id", "=", "ms.commitment_id"))
    .innerJoin("action_plans as p", (j) => j.onRef("p.municipality_id", "=", "c.municipality_id").onRef("p.id", "=", "c.plan_id"))
    .leftJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "c.municipality_id").onRef("d.id", "=", "c.lead_department_id"))
    .select(["ms.id", "ms.deliverable", "ms.status", sql<string>`ms.due_on::text`.as("due_on"), "c.id as commitment_id", "c.number", "d.name as department", "p.id as plan_id", "p.slug", "p.title"])
    .where("ms.municipality_id", "=", m.id)
    .where("p.published", "=", true)
    .where("c.withdrawn_at", "is", null)
    .where("ms.status", "in", OPEN_MILESTONE_STATUSES)
    .where("ms.due_on", "<=", overdueCutoff(clock.calendar, clock.today))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("plan_overdue_notices as n").select("n.milestone_id")
            .whereRef("n.municipality_id", "=", "ms.municipality_id").whereRef("n.milestone_id", "=", "ms.id").whereRef("n.due_on", "=", "ms.due_on").where("n.audience", "=", "suscriptores"),
        ),
      ),
    )
    .orderBy("ms.due_on")
    .execute();
  return rows
    .map((r) => ({ ...r, daysLate: milestoneDaysLate(clock.calendar, { status: r.status, dueOn: r.due_on }, clock.today) }))
    .filter((r) => r.daysLate >= 1);
}

async function subscribersOf(db: Executor, municipalityId: number, planId: number, commitmentIds: number[]): Promise<Subscriber[]> {
  const rows = await db
    .selectFrom("plan_subscriptions")
    .select(["id", "email", "target_kind", "target_id", "confirmed_at"])
    .where("municipality_id", "=", municipalityId)
    .where("confirmed_at", "is not", null)
    .where("unsubscribed_at", "is", null)
    .where((eb) => eb.or([eb.and([eb("target_kind", "=", "plan"), eb("target_id", "=", planId)]), eb.and([eb("target_kind", "=", "compromiso"), eb("target_id", "in", commitmentIds.length ? commitmentIds : [-1])])]))
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: String(r.id), email: r.email, kind: r.target_kind, targetId: r.target_id, confirmedAt: new Date(r.confirmed_at!) }));
}

const follows = (s: Subscriber, planId: number, commitmentId: number) => (s.kind === "plan" ? s.targetId === planId : s.targetId === commitmentId);

function mailText(services: Services, m: ActiveMunicipality, plan: PlanRef, events: NoticeEvent[], overdue: OverdueNotice[], unsubscribe: string[]): string {
  const url = (n: number) => `${services.config.publicUrl}${commitmentPath(m.slug, plan.slug, n)}`;
  const say = (key: string, options?: Record<string, unknown>) => inSpanish(key.replace(/^plansPublic:/, ""), options);
  const lines = [inSpanish("mail.noticeHeader", { plan: plan.title, municipality: m.name }), ""];
  if (events.length) {
    lines.push(inSpanish("mail.eventsTitle"));
    for (const e of events) lines.push(`- ${inSpanish("commitment.short", { number: e.commitmentNumber })} · ${e.deliverable}: ${describeMilestoneEvent(say, "es-MX", e)}${e.note ? ` — ${e.note}` : ""}`, `  ${url(e.commitmentNumber)}`);
    lines.push("");
  }
  if (overdue.length) {
    lines.push(inSpanish("mail.overdueTitle"));
    for (const o of overdue) {
      const who = o.department ?? inSpanish("commitment.noLead");
      lines.push(`- ${inSpanish("commitment.short", { number: o.commitmentNumber })} · ${o.deliverable}: ${inSpanish("mail.overdueLine", { due: longDateIn("es-MX", o.dueOn), count: o.daysLate, department: who })}`, `  ${url(o.commitmentNumber)}`);
    }
    lines.push("");
  }
  lines.push(inSpanish("mail.seePlan", { url: `${services.config.publicUrl}${planPath(m.slug, plan.slug)}` }), "", ...unsubscribe.map((u) => inSpanish("mail.unsubscribe", { url: u })));
  return lines.join("\n");
}

/** One plan's notices: claim, then mail each subscriber what concerns them; all in one transaction. */
async function noticePlan(services: Services, m: ActiveMunicipality, plan: PlanRef, events: NoticeEvent[], overdue: OverdueNotice[]): Promise<NoticeRun> {
  const commitmentIds = [...new Set([...events.map((e) => e.commitmentId), ...overdue.map((o) => o.commitmentId)])];
  const subscribers = await subscribersOf(services.db, m.id, plan.id, commitmentIds);
  const eventsFor = (s: Subscriber) => events.filter((e) => follows(s, plan.id, e.commitmentId) && s.confirmedAt <= e.at);
  const overdueFor = (s: Subscriber) => overdue.filter((o) => follows(s, plan.id, o.commitmentId));
  const recipients = (pred: (s: Subscriber) => boolean) => new Set(subscribers.filter(pred).map((s) => s.email)).size;
  const noticed = overdue.filter((o) => recipients((s) => follows(s, plan.id, o.commitmentId)) > 0);
  return services.db.transaction().execute(async (trx) => {
    const claimedEvents = new Set<string>();
    if (events.length) {
      const rows = await trx
        .insertInto("plan_event_notices")
        .values(events.map((e) => ({ municipality_id: m.id, event_id: e.id, recipients: recipients((s) => eventsFor(s).includes(e)), sent_at: new Date() })))
        .onConflict((oc) => oc.doNothing())
        .returning("event_id")
        .execute();
      for (const r of rows) claimedEvents.add(String(r.event_id));
    }
    const claimedOverdue = new Set<number>();
    if (noticed.length) {
      const rows = await trx
        .insertInto("plan_overdue_notices")
        .values(noticed.map((o) => ({ municipality_id: m.id, milestone_id: o.milestoneId, due_on: o.dueOn, audience: "suscriptores" as const, sent_at: new Date() })))
        .onConflict((oc) => oc.doNothing())
        .returning("milestone_id")
        .execute();
      for (const r of rows) claimedOverdue.add(r.milestone_id);
    }
    const byEmail = new Map<string, Subscriber[]>();
    for (const s of subscribers) byEmail.set(s.email, [...(byEmail.get(s.email) ?? []), s]);
    let emails = 0;
    for (const [email, subs] of byEmail) {
      const mine = events.filter((e) => claimedEvents.has(e.id) && subs.some((s) => eventsFor(s).includes(e)));
      const late = noticed.filter((o) => claimedOverdue.has(o.milestoneId) && subs.some((s) => overdueFor(s).includes(o)));
      if (mine.length === 0 && late.length === 0) continue;
      const unsubscribe = subs.map((s) => unsubscribeUrl(services, m, s.id, s.email));
      const subject = late.length ? inSpanish("mail.noticeSubjectOverdue", { plan: plan.title, count: late.length }) : inSpanish("mail.noticeSubject", { plan: plan.title, count: mine.length });
      await services.mailer.send({ to: email, subject, text: mailText(services, m, plan, mine, late, unsubscribe) });
      emails++;
    }
    if (emails > 0) {
      await recordAudit(trx, {
        ...NOTICES_BY, municipalityId: m.id, action: "plans.subscribers.notice", subjectType: "action_plan", subjectId: plan.id,
        details: { events: [...claimedEvents], overdueMilestones: [...claimedOverdue], emails },
      });
    }
    return { emails, events: claimedEvents.size, overdue: claimedOverdue.size };
  });
}

export async function runSubscriptionNotices(services: Services, options: { now?: Date; municipality?: ActiveMunicipality } = {}): Promise<NoticeRun & { failed: string[] }> {
  const now = options.now ?? new Date();
  const total = { emails: 0, events: 0, overdue: 0, failed: [] as string[] };
  const municipalities = options.municipality
    ? [options.municipality]
    : (await Promise.all((await listActiveMunicipalities(services.db)).map((r) => findActiveMunicipalityBySlug(services.db, r.slug!)))).filter((m) => m !== null);
  for (const m of municipalities) {
    const [events, overdue] = await Promise.all([candidateEvents(services.db, m.id, now), candidateOverdue(services.db, m, now)]);
    const plans = new Map<number, { plan: PlanRef; events: NoticeEvent[]; overdue: OverdueNotice[] }>();
    const group = (r: { plan_id: number; slug: string; title: string }) => {
      let g = plans.get(r.plan_id);
      if (!g) plans.set(r.plan_id, (g = { plan: { id: r.plan_id, slug: r.slug, title: r.title }, events: [], overdue: [] }));
      return g;
    };
    for (const r of events) group(r).events.push({ ...presentMilestoneEvent(r), commitmentId: r.commitment_id, commitmentNumber: r.number });
    for (const r of overdue) group(r).overdue.push({ milestoneId: r.id, dueOn: r.due_on, deliverable: r.deliverable, daysLate: r.daysLate, commitmentId: r.commitment_id, commitmentNumber: r.number, department: r.department });
    for (const g of plans.values()) {
      try {
        const run = await noticePlan(services, m, g.plan, g.events, g.overdue);
        total.emails += run.emails;
        total.events += run.events;
        total.overdue += run.overdue;
      } catch (error) {
        total.failed.push(`${m.slug}/${g.plan.slug}: ${String((error as Error)?.message ?? error)}`);
      }
    }
  }
  return total;
}

export const subscriptionNoticesJob: JobDefinition = {
  name: "plans.subscription-notices",
  intervalMs: 3_600_000,
  async run(services, now) {
    const run = await runSubscriptionNotices(services, { now });
    const summary = run.emails || run.events || run.overdue ? `${run.emails} correos; ${run.events} novedades; ${run.overdue} hitos vencidos` : "";
    if (run.failed.length) throw new Error(`${summary ? `${summary}; ` : ""}${run.failed.length} planes sin enviar (${run.failed.slice(0, 5).join("; ")})`);
    return summary;
  },
};
