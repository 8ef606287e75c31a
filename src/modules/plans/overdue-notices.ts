/**
 * Overdue notices to observatories: when a milestone of a commitment some observatory follows
 * becomes overdue (still open one whole business day after its due date, on the municipality's
 * calendar), every member of those observatories gets an e-mail — once per milestone, due date and
 * audience (plan_overdue_notices), so a new due date that passes brings a new notice. Each notice
 * is one transaction: the milestone locked and re-checked, the notice row, the audit entry and the
 * e-mails; a mail failure rolls it back and the next run tries again. Each e-mail goes to one
 * person and names no one else.
 *
 * The hourly job `plans.overdue-observatories` runs it for every active municipality.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { recordAudit, type AuditBy } from "../../platform/audit/audit.js";
import { withSpanishWeekday, type LocalDate } from "../../platform/calendar/dates.js";
import { overdueCutoff } from "../../platform/calendar/overdue.js";
import type { Executor } from "../../platform/db/database.js";
import { addLocaleFolder, translator } from "../../platform/i18n/index.js";
import type { JobDefinition } from "../../platform/jobs.js";
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { findActiveMunicipalityBySlug, listActiveMunicipalities, type ActiveMunicipality } from "../territory/queries.js";
import { isMilestoneOverdue, milestoneDaysLate } from "./progress.js";
import { planClock, type PlanClock } from "./queries.js";
import { publicCommitmentUrl } from "./review-urls.js";
import { OPEN_MILESTONE_STATUSES, type MilestoneStatus } from "./tables.js";

// The job sends mail without an HTTP app, which is what loads module locales.
addLocaleFolder(path.join(path.dirname(fileURLToPath(import.meta.url)), "locales"));
const t = (key: string, options?: Record<string, unknown>): string => translator("es-MX")(key, options ?? {}) as string;

export const OVERDUE_NOTICES_BY: AuditBy = { actor: anonymous, label: "sistema (avisos de hitos vencidos a observatorios)" };

interface OverdueMilestone {
  milestoneId: number;
  deliverable: string;
  responsible: string;
  status: MilestoneStatus;
  dueOn: LocalDate;
  commitmentId: number;
  commitmentNumber: number;
  commitmentTitle: string;
  planSlug: string;
  planTitle: string;
  department: string | null;
}

function milestoneQuery(db: Executor, municipalityId: number) {
  return db
    .selectFrom("plan_milestones as m")
    .innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "m.municipality_id").onRef("c.id", "=", "m.commitment_id"))
    .innerJoin("action_plans as p", (j) => j.onRef("p.municipality_id", "=", "c.municipality_id").onRef("p.id", "=", "c.plan_id"))
    .leftJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "c.municipality_id").onRef("d.id", "=", "c.lead_department_id"))
    .select([
      "m.id", "m.deliverable", "m.responsible", "m.status", sql<string>`m.due_on::text`.as("due_on"),
      "c.id as commitment_id", "c.number", "c.title as commitment_title", "p.slug as plan_slug", "p.title as plan_title", "d.name as department",
    ])
    .where("m.municipality_id", "=", municipalityId)
    .where("m.status", "in", OPEN_MILESTONE_STATUSES)
    .where("c.withdrawn_at", "is", null)
    .where("p.published", "=", true);
}

const toOverdue = (r: { id: number; deliverable: string; responsible: string; status: MilestoneStatus; due_on: string; commitment_id: number; number: number; commitment_title: string; plan_slug: string; plan_title: string; department: string | null }): OverdueMilestone => ({
  milestoneId: r.id, deliverable: r.deliverable, responsible: r.responsible, status: r.status, dueOn: r.due_on, commitmentId: r.commitment_id,
  commitmentNumber: r.number, commitmentTitle: r.commitment_title, planSlug: r.plan_slug, planTitle: r.plan_title, department: r.department,
});

/** Open milestones of followed commitments (published plans) overdue today with no notice yet for their due date. */
async function dueNotices(db: Executor, municipalityId: number, clock: PlanClock): Promise<OverdueMilestone[]> {
  const rows = await milestoneQuery(db, municipalityId)
    .where("m.due_on", "<=", overdueCutoff(clock.calendar, clock.today))
    .where(({ exists, selectFrom }) => exists(
      selectFrom("observatory_follows as f").select("f.observatory_id")
        .whereRef("f.municipality_id", "=", "c.municipality_id").where("f.target_kind", "=", "compromiso").whereRef("f.target_id", "=", "c.id"),
    ))
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom("plan_overdue_notices as n").select("n.milestone_id")
        .whereRef("n.municipality_id", "=", "m.municipality_id").whereRef("n.milestone_id", "=", "m.id").whereRef("n.due_on", "=", "m.due_on").where("n.audience", "=", "observatorios"),
    )))
    .orderBy("m.due_on").orderBy("m.id")
    .execute();
  return rows.map(toOverdue).filter((m) => isMilestoneOverdue(clock.calendar, m, clock.today));
}

/** Each member of the observatories following the commitment, once, with the observatories that bring them the notice. */
async function recipients(trx: Executor, municipalityId: number, commitmentId: number): Promise<{ email: string; observatories: string[] }[]> {
  const rows = await trx
    .selectFrom("observatory_follows as f")
    .innerJoin("observatories as o", (j) => j.onRef("o.municipality_id", "=", "f.municipality_id").onRef("o.id", "=", "f.observatory_id"))
    .innerJoin("observatory_members as om", (j) => j.onRef("om.municipality_id", "=", "f.municipality_id").onRef("om.observatory_id", "=", "f.observatory_id"))
    .innerJoin("users as u", "u.id", "om.user_id")
    .select(["u.email", "o.name"])
    .where("f.municipality_id", "=", municipalityId).where("f.target_kind", "=", "compromiso").where("f.target_id", "=", commitmentId)
    .where("o.active", "=", true).where("u.disabled_at", "is", null)
    .orderBy("u.email").orderBy("o.name")
    .execute();
  const byEmail = new Map<string, string[]>();
  for (const r of rows) byEmail.set(r.email, [...(byEmail.get(r.email) ?? []), r.name]);
  return [...byEmail].map(([email, observatories]) => ({ email, observatories }));
}

export function overdueMail(services: Services, municipality: ActiveMunicipality, m: OverdueMilestone, daysLate: number, observatories: string[]) {
  const url = `${services.config.publicUrl}${publicCommitmentUrl(municipality.slug, m.planSlug, m.commitmentNumber)}`;
  const lines = [
    t("plansReview:mail.body", { deliverable: m.deliverable, number: m.commitmentNumber, commitment: m.commitmentTitle, plan: m.planTitle, due: withSpanishWeekday(m.dueOn), count: daysLate }),
    "",
    t("plansReview:mail.department", { department: m.department ?? t("plansReview:mail.noDepartment") }),
    ...(m.responsible ? [t("plansReview:mail.responsible", { responsible: m.responsible })] : []),
    "",
    t("plansReview:mail.why", { observatories: observatories.join(", ") }),
    t("plansReview:mail.see", { url }),
    "",
    t("plansReview:mail.footer", { municipality: `${municipality.name}, ${municipality.stateName}` }),
  ];
  return { subject: t("plansReview:mail.subject", { deliverable: m.deliverable, number: m.commitmentNumber, count: daysLate }), text: lines.join("\n") };
}

/** Sends one notice under the milestone's lock; 0 when it no longer applies (delivered, re-dated, already sent, no one to tell). */
async function sendNotice(services: Services, municipality: ActiveMunicipality, clock: PlanClock, milestoneId: number): Promise<number> {
  return services.db.transaction().execute(async (trx) => {
    await sql`select id from plan_milestones where municipality_id = ${municipality.id} and id = ${milestoneId} for update`.execute(trx);
    const row = await milestoneQuery(trx, municipality.id).where("m.id", "=", milestoneId).executeTakeFirst();
    const m = row ? toOverdue(row) : null;
    if (!m || !isMilestoneOverdue(clock.calendar, m, clock.today)) return 0;
    const to = await recipients(trx, municipality.id, m.commitmentId);
    if (to.length === 0) return 0;
    const inserted = await trx
      .insertInto("plan_overdue_notices")
      .values({ municipality_id: municipality.id, milestone_id: m.milestoneId, due_on: m.dueOn, audience: "observatorios" })
      .onConflict((oc) => oc.doNothing())
      .returning("milestone_id")
      .executeTakeFirst();
    if (!inserted) return 0;
    const daysLate = milestoneDaysLate(clock.calendar, m, clock.today);
    await recordAudit(trx, {
      actor: OVERDUE_NOTICES_BY.actor, actorLabel: OVERDUE_NOTICES_BY.label, municipalityId: municipality.id, action: "plans.milestone.overdueNotice",
      subjectType: "plan_milestone", subjectId: m.milestoneId,
      details: { audience: "observatorios", commitmentId: m.commitmentId, dueOn: m.dueOn, businessDaysLate: daysLate, recipients: to.length, legalDate: clock.today },
    });
    for (const r of to) await services.mailer.send({ to: r.email, ...overdueMail(services, municipality, m, daysLate, r.observatories) });
    return to.length;
  });
}

export interface OverdueNoticeCounts {
  /** Milestones notified in this run. */
  notices: number;
  emails: number;
  failed: string[];
}

/** Sends every observatory overdue notice due now, municipality by municipality; one failure does not stop the rest. */
export async function runObservatoryOverdueNotices(services: Services, options: { now?: Date } = {}): Promise<OverdueNoticeCounts> {
  const counts: OverdueNoticeCounts = { notices: 0, emails: 0, failed: [] };
  for (const row of await listActiveMunicipalities(services.db)) {
    const municipality = row.slug ? await findActiveMunicipalityBySlug(services.db, row.slug) : null;
    if (!municipality) continue;
    const clock = await planClock(services.db, municipality, options.now);
    for (const m of await dueNotices(services.db, municipality.id, clock)) {
      try {
        const emails = await sendNotice(services, municipality, clock, m.milestoneId);
        if (emails > 0) {
          counts.notices++;
          counts.emails += emails;
        }
      } catch (error) {
        counts.failed.push(`${municipality.slug} hito ${m.milestoneId}: ${String((error as Error)?.message ?? error)}`);
      }
    }
  }
  return counts;
}

/** Hourly: a milestone that became overdue is announced in the first run of the day the server is up. */
export const observatoryOverdueJob: JobDefinition = {
  name: "plans.overdue-observatories",
  intervalMs: 3_600_000,
  async run(services, now) {
    const counts = await runObservatoryOverdueNotices(services, { now });
    const summary = counts.notices ? `${counts.notices} ${counts.notices === 1 ? "hito vencido avisado" : "hitos vencidos avisados"} (${counts.emails} ${counts.emails === 1 ? "correo" : "correos"})` : "";
    if (counts.failed.length > 0) throw new Error(`${summary ? `${summary}; ` : ""}${counts.failed.length} no se pudieron enviar (${counts.failed.slice(0, 5).join("; ")})`);
    return summary;
  },
};
