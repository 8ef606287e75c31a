/**
 * Reminders to departments before an information request's due date, and escalation to the
 * transparency unit and the administrators once it passed (see info-reminders-plan.ts for who
 * gets what). Each notice is one transaction: the request's row is locked, the plan recomputed,
 * a non-public history row with its legal date written, the reminder row(s) that make it
 * once-only inserted, the audit entry recorded and the e-mails sent before the commit — a mail
 * failure rolls it back and the next run tries again.
 *
 * The hourly job `transparency.reminders` runs it for every active municipality; the command
 * `cabildo transparencia recordatorios` runs it once (for a date, or as a dry run).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Services } from "../../platform/services.js";
import type { JobDefinition } from "../../platform/jobs.js";
import { recordAudit, type AuditBy } from "../../platform/audit/audit.js";
import { anonymous } from "../../platform/policy.js";
import { localDateTimeAt, withSpanishWeekday, type LocalDate } from "../../platform/calendar/dates.js";
import { addLocaleFolder, translator } from "../../platform/i18n/index.js";
import { findActiveMunicipalityBySlug, listActiveMunicipalities, type ActiveMunicipality } from "../territory/queries.js";
import type { InfoStatus } from "./info-tables.js";
import { noticeKey, planNotices, reminderDaysBefore, type Notice } from "./info-reminders-plan.js";

// The job and the command send mail without an HTTP app, which is what loads module locales.
addLocaleFolder(path.join(path.dirname(fileURLToPath(import.meta.url)), "locales"));
const t = (key: string, options?: Record<string, unknown>): string => translator("es-MX")(key, options ?? {}) as string;

export const REMINDERS_BY: AuditBy = { actor: anonymous, label: "sistema (recordatorios de transparencia)" };

/** The phrases a notice is written with, shared by the e-mail, the history row and the command's output. */
export function describeNotice(n: Notice) {
  const due = withSpanishWeekday(n.dueOn);
  const names = n.departments.map((d) => d.name).join(", ");
  const audience = n.audience === "department" ? t("trReminders:audience_department", { department: names }) : t(`trReminders:audience_${n.audience}`);
  const days = n.kind === "reminder" ? t("trReminders:daysLeft", { count: n.businessDays }) : t("trReminders:daysOverdue", { count: n.businessDays });
  const missing = n.departments.length > 0 ? t("trReminders:pending", { departments: names }) : n.turned ? t("trReminders:allContributed") : t("trReminders:notTurned");
  const note = n.kind === "reminder" ? t("trReminders:note_reminder", { audience, due: n.dueOn, left: days }) : t("trReminders:note_escalation", { audience, overdue: days, departments: missing });
  return { due, names, audience, days, missing, note };
}

function mailFor(services: Services, m: ActiveMunicipality, n: Notice): { subject: string; text: string } {
  const d = describeNotice(n);
  const kind = t(`trReminders:kind_${n.requestKind}`);
  const url = `${services.config.publicUrl}/${m.slug}/admin/transparencia/solicitudes/${n.folio}`;
  const lines =
    n.kind === "reminder"
      ? [
          n.departments.length > 0 ? t("trReminders:mail.reminderDepartment", { kind, folio: n.folio, department: d.names }) : t("trReminders:mail.reminderUnit", { kind, folio: n.folio }),
          ...(n.noStaff ? [t("trReminders:mail.reminderNoStaff", { department: d.names })] : []),
          t("trReminders:mail.due", { due: d.due, left: d.days }),
        ]
      : [t("trReminders:mail.escalation", { kind, folio: n.folio, due: d.due, overdue: d.days }), d.missing];
  const subject = n.kind === "reminder" ? t("trReminders:mail.reminderSubject", { folio: n.folio, due: d.due }) : t("trReminders:mail.escalationSubject", { folio: n.folio, overdue: d.days });
  const text = [...lines, "", t("trReminders:mail.see", { url }), "", t("trReminders:mail.footer", { municipality: `${m.name}, ${m.stateName}` })].join("\n");
  return { subject, text };
}

/**
 * Send one notice: re-plan under the request's lock (it may have been answered, extended, or
 * contributed to, or another run may have sent it), write, audit, e-mail, commit.
 * Returns false when it no longer applies.
 */
export async function sendNotice(services: Services, m: ActiveMunicipality, notice: Notice, today: LocalDate, daysBefore: number, by: AuditBy = REMINDERS_BY): Promise<boolean> {
  return services.db.transaction().execute(async (trx) => {
    const locked = await sql<{ status: InfoStatus }>`select status from information_requests where municipality_id = ${m.id} and id = ${notice.requestId} for update`.execute(trx);
    if (locked.rows.length === 0) return false;
    const fresh = (await planNotices(trx, m.id, today, daysBefore, notice.requestId)).find((n) => noticeKey(n) === noticeKey(notice));
    if (!fresh || fresh.recipients.length === 0) return false;
    const { note } = describeNotice(fresh);
    const event = await trx
      .insertInto("information_request_events")
      .values({ municipality_id: m.id, request_id: fresh.requestId, step: fresh.kind, status: locked.rows[0]!.status, legal_date: today, note, public: false, actor_user_id: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("information_request_reminders")
      .values(
        fresh.keys.map((department_id) => ({
          municipality_id: m.id, request_id: fresh.requestId, kind: fresh.kind, due_on: fresh.dueOn, department_id, sent_on: today,
          business_days: fresh.businessDays, recipients: fresh.recipients.length, event_id: Number(event.id),
        })),
      )
      .execute();
    await recordAudit(trx, {
      actor: by.actor, actorLabel: by.label, municipalityId: m.id, action: `transparency.request.${fresh.kind}`, subjectType: "information_request", subjectId: fresh.folio,
      details: { dueOn: fresh.dueOn, businessDays: fresh.businessDays, departments: fresh.departments.map((d) => d.id), audience: fresh.audience, recipients: fresh.recipients.length, legalDate: today },
    });
    const mail = mailFor(services, m, fresh);
    for (const to of fresh.recipients) await services.mailer.send({ to, ...mail });
    return true;
  });
}

export interface MunicipalityRun {
  municipality: ActiveMunicipality;
  date: LocalDate;
  daysBefore: number;
  /** Sent, or (dry run) what would be sent. */
  sent: Notice[];
  /** Due but nobody to send it to (no unit, no administrators, no staff). */
  noRecipients: Notice[];
  failed: { notice: Notice; error: string }[];
}

export interface ReminderRunOptions {
  /** Only this municipality (default: every active one). */
  municipality?: ActiveMunicipality;
  /** The local date to act on (default: today in each municipality's time zone). */
  date?: LocalDate;
  dryRun?: boolean;
  by?: AuditBy;
  now?: Date;
}

/** Send every reminder and escalation due, municipality by municipality; one failure does not stop the rest. */
export async function runInformationReminders(services: Services, options: ReminderRunOptions = {}): Promise<MunicipalityRun[]> {
  const municipalities = options.municipality
    ? [options.municipality]
    : (await Promise.all((await listActiveMunicipalities(services.db)).map((row) => findActiveMunicipalityBySlug(services.db, row.slug!)))).filter((m) => m !== null);
  const runs: MunicipalityRun[] = [];
  for (const m of municipalities) {
    const date = options.date ?? localDateTimeAt(options.now ?? new Date(), m.timeZone).date;
    const daysBefore = await reminderDaysBefore(services.db, m.id);
    const run: MunicipalityRun = { municipality: m, date, daysBefore, sent: [], noRecipients: [], failed: [] };
    runs.push(run);
    for (const notice of await planNotices(services.db, m.id, date, daysBefore)) {
      if (notice.recipients.length === 0) run.noRecipients.push(notice);
      else if (options.dryRun) run.sent.push(notice);
      else {
        try {
          if (await sendNotice(services, m, notice, date, daysBefore, options.by)) run.sent.push(notice);
        } catch (error) {
          run.failed.push({ notice, error: String((error as Error)?.message ?? error) });
        }
      }
    }
  }
  return runs;
}

/** "2 recordatorios, 1 escalamiento", or "" when nothing was due. */
export function summarize(runs: MunicipalityRun[]): string {
  const sent = runs.flatMap((r) => r.sent);
  const count = (kind: string) => sent.filter((n) => n.kind === kind).length;
  const parts: string[] = [];
  const reminders = count("reminder");
  const escalations = count("escalation");
  if (reminders) parts.push(`${reminders} ${reminders === 1 ? "recordatorio" : "recordatorios"}`);
  if (escalations) parts.push(`${escalations} ${escalations === 1 ? "escalamiento" : "escalamientos"}`);
  const lonely = runs.flatMap((r) => r.noRecipients).length;
  if (lonely) parts.push(`${lonely} sin destinatarios`);
  return parts.join(", ");
}

/** Hourly: a reminder goes out the first hour of its day (in the municipality's time zone) the server is up. */
export const informationRemindersJob: JobDefinition = {
  name: "transparency.reminders",
  intervalMs: 3_600_000,
  async run(services, now) {
    const runs = await runInformationReminders(services, { now });
    const failed = runs.flatMap((r) => r.failed.map((f) => `${f.notice.folio}: ${f.error}`));
    const summary = summarize(runs);
    if (failed.length > 0) throw new Error(`${summary ? `${summary}; ` : ""}${failed.length} no se pudieron enviar (${failed.slice(0, 5).join("; ")})`);
    return summary;
  },
};
