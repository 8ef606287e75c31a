/** Small pieces shared by the roundtable pages: dates, labels, the agreement status. */
import type { PageContext } from "../../../platform/views/context.js";
import type { AgreementEventView, AgreementView, PublicMember, SessionSummary } from "../presenters.js";
import { ROUNDTABLE_SECTORS, type AgreementStatus, type RoundtableSector } from "../tables.js";

const lang = (ctx: PageContext) => (ctx.locale === "en" ? "en" : "es-MX");

export function dateTime(ctx: PageContext, d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(lang(ctx), { dateStyle: "full", timeStyle: "short", timeZone }).format(d);
}

export function time(ctx: PageContext, d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(lang(ctx), { timeStyle: "short", timeZone }).format(d);
}

/** A local date (AAAA-MM-DD) in words, e.g. "14 de marzo de 2026". */
export function longDate(ctx: PageContext, date: string): string {
  return new Intl.DateTimeFormat(lang(ctx), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}

export function instantDate(ctx: PageContext, d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(lang(ctx), { dateStyle: "long", timeZone }).format(d);
}

export const sectorLabel = (ctx: PageContext, s: RoundtableSector) => ctx.t(`roundtables:sector.${s}`);
export const statusLabel = (ctx: PageContext, s: AgreementStatus) => ctx.t(`roundtables:status.${s}`);

export function bySector<M extends PublicMember>(members: M[]): { sector: RoundtableSector; members: M[] }[] {
  return ROUNDTABLE_SECTORS.map((sector) => ({ sector, members: members.filter((m) => m.sector === sector) })).filter((g) => g.members.length > 0);
}

export function SessionWhen({ ctx, session, timeZone }: { ctx: PageContext; session: SessionSummary; timeZone: string }) {
  return (
    <>
      <time dateTime={session.startsAt.toISOString()}>{dateTime(ctx, session.startsAt, timeZone)}</time>
      {" – "}
      <time dateTime={session.endsAt.toISOString()}>{time(ctx, session.endsAt, timeZone)}</time>
    </>
  );
}

export function SessionWhere({ ctx, session }: { ctx: PageContext; session: SessionSummary }) {
  return (
    <>
      {session.place}
      {session.place && session.onlineUrl && " · "}
      {session.onlineUrl && (
        <a href={session.onlineUrl} rel="noopener noreferrer nofollow">
          {ctx.t("roundtables:onlineLink")}
        </a>
      )}
    </>
  );
}

/** The status in words; an overdue agreement says so in words, the colour only repeats it. */
export function AgreementStatusText({ ctx, agreement }: { ctx: PageContext; agreement: AgreementView }) {
  return (
    <>
      {statusLabel(ctx, agreement.status)}
      {agreement.daysLate > 0 && (
        <>
          {" · "}
          <strong class="flag-overdue">{ctx.t("roundtables:overdueBy", { count: agreement.daysLate })}</strong>
        </>
      )}
    </>
  );
}

export function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function Checkbox({ name, label, checked, value = "1", id }: { name: string; label: string; checked: boolean; value?: string; id?: string }) {
  const fieldId = id ?? `campo-${name}`;
  return (
    <div class="checkbox">
      <input type="checkbox" id={fieldId} name={name} value={value} checked={checked} />
      <label for={fieldId}>{label}</label>
    </div>
  );
}

/** Which form on a page failed, with what was typed and the messages. */
export interface FailedForm {
  form: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

export function formState(failed: FailedForm | undefined, form: string): { values: Record<string, string>; errors: Record<string, string> | undefined } {
  return failed && failed.form === form ? { values: failed.values, errors: failed.errors } : { values: {}, errors: undefined };
}

/** An agreement's status history, oldest first (public page and staff page alike: no one's name). */
export function AgreementTimeline({ ctx, events, timeZone }: { ctx: PageContext; events: AgreementEventView[]; timeZone: string }) {
  const { t } = ctx;
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li>
          <time dateTime={e.occurredAt.toISOString()}>{dateTime(ctx, e.occurredAt, timeZone)}</time>
          <p>
            {e.fromStatus ? t("roundtables:changedTo", { from: statusLabel(ctx, e.fromStatus), to: statusLabel(ctx, e.toStatus) }) : t("roundtables:registered")}
            {e.reason && ` — ${e.reason}`}
          </p>
        </li>
      ))}
    </ol>
  );
}
