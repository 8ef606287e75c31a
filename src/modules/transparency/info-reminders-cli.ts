/**
 * `cabildo transparencia recordatorios`: send the reminders and escalations due now (or on a
 * given date, to catch up after the server was down), or show them without sending (--dry-run).
 * `cabildo transparencia anticipacion`: how many business days before the due date reminders go out.
 */
import { CliError, municipalityOption, operatorLabel, optionalOption, parseOptions } from "../../cli/options.js";
import { recordAudit, type AuditBy } from "../../platform/audit/audit.js";
import { isLocalDate, localDateTimeAt, withSpanishWeekday } from "../../platform/calendar/dates.js";
import type { Executor } from "../../platform/db/database.js";
import type { CliCommand } from "../../platform/module.js";
import { anonymous } from "../../platform/policy.js";
import { findActiveMunicipalityBySlug } from "../territory/queries.js";
import { describeNotice, runInformationReminders, summarize } from "./info-reminders.js";
import { MAX_DAYS_BEFORE, type Notice } from "./info-reminders-plan.js";

function line(n: Notice, verb: string): string {
  const d = describeNotice(n);
  const what = n.kind === "reminder" ? `recordatorio ${n.folio} → ${d.audience}: vence el ${d.due}, ${d.days}` : `escalamiento ${n.folio} → ${d.audience}: venció el ${d.due}, ${d.days}. ${d.missing}`;
  const to = n.recipients.length === 1 ? "1 destinatario" : `${n.recipients.length} destinatarios`;
  return `  ${verb} ${what} (${to}: ${n.recipients.join(", ")})`;
}

export const remindersCommand: CliCommand = {
  name: "transparencia recordatorios",
  usage: "transparencia recordatorios [--municipality <slug>] [--date AAAA-MM-DD] [--dry-run]",
  description: "Envía los recordatorios a las áreas antes del vencimiento y los escalamientos de solicitudes vencidas (una vez cada uno)",
  async run(args, services) {
    const options = parseOptions(args);
    const slug = optionalOption(options, "municipality");
    const municipality = slug === undefined ? undefined : await findActiveMunicipalityBySlug(services.db, slug);
    if (municipality === null) throw new CliError(`No existe un municipio activo con el identificador "${slug}".`);
    const date = optionalOption(options, "date");
    if (date !== undefined && !isLocalDate(date)) throw new CliError(`--date: "${date}" no es una fecha válida (use AAAA-MM-DD).`);
    const dryRun = options["dry-run"] === true;
    // A notice's legal date is the day it was sent: replaying a past day is fine, one in the future is not.
    if (date !== undefined && !dryRun && date > localDateTimeAt(new Date(), municipality?.timeZone ?? "America/Mexico_City").date) {
      throw new CliError(`--date: ${date} es posterior a hoy; use --dry-run para ver lo que se enviaría ese día.`);
    }
    const runs = await runInformationReminders(services, { municipality, date, dryRun, by: { actor: anonymous, label: operatorLabel() } });
    for (const run of runs) {
      const notices = [...run.sent, ...run.noRecipients, ...run.failed.map((f) => f.notice)];
      if (notices.length === 0 && runs.length > 1) continue;
      console.log(`${run.municipality.name}, ${withSpanishWeekday(run.date)} (recordatorios ${run.daysBefore} días hábiles antes del vencimiento)${dryRun ? " — simulación: no se envía nada" : ""}`);
      for (const n of run.sent) console.log(line(n, dryRun ? "se enviaría" : "enviado"));
      for (const n of run.noRecipients) console.log(line(n, "sin destinatarios (registre a la Unidad de Transparencia o a un administrador):"));
      for (const f of run.failed) console.log(`${line(f.notice, "NO enviado")} — ${f.error}`);
    }
    const summary = summarize(runs);
    console.log(summary ? `${dryRun ? "Se enviarían" : "Enviados"}: ${summary}.` : "Nada que enviar.");
    return runs.some((r) => r.failed.length > 0) ? 1 : 0;
  },
};

export async function setReminderDaysBefore(trx: Executor, municipalityId: number, days: number, by: AuditBy): Promise<void> {
  await trx
    .insertInto("information_reminder_settings")
    .values({ municipality_id: municipalityId, days_before: days })
    .onConflict((oc) => oc.column("municipality_id").doUpdateSet({ days_before: days, updated_at: new Date() }))
    .execute();
  await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "transparency.reminders.daysBefore", subjectType: "information_reminder_settings", subjectId: municipalityId, details: { days } });
}

export const reminderDaysCommand: CliCommand = {
  name: "transparencia anticipacion",
  usage: "transparencia anticipacion --municipality <slug> --dias <1-15>",
  description: "Fija cuántos días hábiles antes del vencimiento se envía el recordatorio a las áreas (3 por omisión)",
  async run(args, services) {
    const options = parseOptions(args);
    const municipality = await municipalityOption(options, services);
    const text = optionalOption(options, "dias");
    if (text === undefined) throw new CliError("Falta la opción --dias (días hábiles antes del vencimiento, de 1 a 15).");
    const days = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
    if (!(days >= 1 && days <= MAX_DAYS_BEFORE)) throw new CliError(`--dias: "${text}" debe ser un número entero de 1 a ${MAX_DAYS_BEFORE}.`);
    await services.db.transaction().execute((trx) => setReminderDaysBefore(trx, municipality.id, days, { actor: anonymous, label: operatorLabel() }));
    console.log(`${municipality.name}: los recordatorios se envían ${days} ${days === 1 ? "día hábil" : "días hábiles"} antes del vencimiento.`);
  },
};
