import { recordAudit } from "../audit/audit.js";
import type { Executor } from "../db/database.js";
import type { Actor } from "../policy.js";
import { isLocalDate, toDayNumber, type LocalDate } from "./dates.js";
import { clearCalendarCache, type NonWorkingDays } from "./queries.js";
import "./tables.js";

/** Invalid calendar input, with a Spanish message per field (routes answer 422 with them). */
export class CalendarInputError extends Error {
  constructor(readonly errors: { field: string; message: string }[]) {
    super(errors.map((e) => e.message).join(" "));
  }
}

export interface NonWorkingDaysInput {
  startsOn: string;
  endsOn: string;
  reason: string;
  /** Where it was published, e.g. "Gaceta Municipal núm. 12, acuerdo de cabildo 45/2026". */
  officialNotice: string;
  noticeUrl?: string | null;
}

function validate(input: NonWorkingDaysInput): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const startsOk = isLocalDate(input.startsOn);
  const endsOk = isLocalDate(input.endsOn);
  if (!startsOk) errors.push({ field: "startsOn", message: "La fecha de inicio no es una fecha válida (AAAA-MM-DD)." });
  if (!endsOk) errors.push({ field: "endsOn", message: "La fecha de término no es una fecha válida (AAAA-MM-DD)." });
  if (startsOk && endsOk) {
    const span = toDayNumber(input.endsOn) - toDayNumber(input.startsOn);
    if (span < 0) errors.push({ field: "endsOn", message: "La fecha de término no puede ser anterior a la de inicio." });
    else if (span >= 366) errors.push({ field: "endsOn", message: "Un periodo de días inhábiles no puede durar más de un año." });
  }
  const reason = (input.reason ?? "").trim();
  if (!reason) errors.push({ field: "reason", message: "Indique el motivo de los días inhábiles." });
  else if (reason.length > 300) errors.push({ field: "reason", message: "El motivo no puede exceder 300 caracteres." });
  const notice = (input.officialNotice ?? "").trim();
  if (!notice) errors.push({ field: "officialNotice", message: "Indique dónde se publicó el acuerdo (gaceta o periódico oficial)." });
  else if (notice.length > 500) errors.push({ field: "officialNotice", message: "La referencia de publicación no puede exceder 500 caracteres." });
  const url = input.noticeUrl?.trim();
  if (url && !/^https?:\/\/[^\s]+$/.test(url)) errors.push({ field: "noticeUrl", message: "La liga de la publicación debe empezar con http:// o https://." });
  return errors;
}

/**
 * Declare a range of días inhábiles for a municipality and record it in the audit log, in the
 * caller's transaction. Throws CalendarInputError (nothing written) on invalid input.
 */
export async function addNonWorkingDays(
  trx: Executor,
  municipalityId: number,
  input: NonWorkingDaysInput,
  actor: Actor,
  options: { actorLabel?: string } = {},
): Promise<NonWorkingDays> {
  const errors = validate(input);
  if (errors.length) throw new CalendarInputError(errors);
  const label = options.actorLabel ?? (actor.kind === "user" ? actor.email : "anónimo");
  const row = await trx
    .insertInto("municipal_non_working_days")
    .values({
      municipality_id: municipalityId,
      starts_on: input.startsOn as LocalDate,
      ends_on: input.endsOn as LocalDate,
      reason: input.reason.trim(),
      official_notice: input.officialNotice.trim(),
      notice_url: input.noticeUrl?.trim() || null,
      created_by_user_id: actor.kind === "user" ? actor.userId : null,
      created_by_label: label,
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  const created: NonWorkingDays = {
    id: Number(row.id),
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    reason: input.reason.trim(),
    officialNotice: input.officialNotice.trim(),
    noticeUrl: input.noticeUrl?.trim() || null,
    createdByLabel: label,
  };
  await recordAudit(trx, {
    actor,
    actorLabel: options.actorLabel,
    municipalityId,
    action: "calendar.nonWorkingDays.add",
    subjectType: "municipal_non_working_days",
    subjectId: created.id,
    details: { startsOn: created.startsOn, endsOn: created.endsOn, reason: created.reason, officialNotice: created.officialNotice, noticeUrl: created.noticeUrl },
  });
  clearCalendarCache(municipalityId);
  return created;
}

/** Set the local time ("HH:MM") after which submissions count as received the next business day. */
export async function setCutoffTime(trx: Executor, municipalityId: number, cutoffTime: string, actor: Actor, options: { actorLabel?: string } = {}): Promise<void> {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(cutoffTime);
  if (!m || cutoffTime === "00:00") {
    throw new CalendarInputError([{ field: "cutoffTime", message: "La hora de corte debe tener el formato HH:MM, entre 00:01 y 23:59." }]);
  }
  await trx
    .insertInto("calendar_settings")
    .values({ municipality_id: municipalityId, cutoff_time: cutoffTime })
    .onConflict((oc) => oc.column("municipality_id").doUpdateSet({ cutoff_time: cutoffTime, updated_at: new Date() }))
    .execute();
  await recordAudit(trx, {
    actor,
    actorLabel: options.actorLabel,
    municipalityId,
    action: "calendar.cutoffTime.set",
    subjectType: "calendar_settings",
    subjectId: municipalityId,
    details: { cutoffTime },
  });
}
