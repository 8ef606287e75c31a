/** Pieces shared by the plans' staff pages: addresses, breadcrumbs, dates, labels, progress, form state. */
import { Breadcrumbs } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { Progress } from "../progress.js";
import type { MilestoneStatus, PlanStatus } from "../tables.js";

export const plansAdminBase = (municipalitySlug: string) => `/${municipalitySlug}/admin/planes`;
export const planAdminPath = (municipalitySlug: string, planSlug: string) => `${plansAdminBase(municipalitySlug)}/${planSlug}`;
export const commitmentAdminPath = (municipalitySlug: string, planSlug: string, number: number) => `${planAdminPath(municipalitySlug, planSlug)}/compromisos/${number}`;
export const milestonePlanPath = (municipalitySlug: string, planSlug: string, number: number) => `${commitmentAdminPath(municipalitySlug, planSlug, number)}/hitos`;
export const milestoneAdminPath = (municipalitySlug: string, planSlug: string, number: number, milestoneId: number) => `${milestonePlanPath(municipalitySlug, planSlug, number)}/${milestoneId}`;
export const myMilestonesPath = (municipalitySlug: string) => `${plansAdminBase(municipalitySlug)}/mis-hitos`;
/** The public pages (built by the public helper, same URL map). */
export const publicPlanPath = (municipalitySlug: string, planSlug: string) => `/${municipalitySlug}/planes/${planSlug}`;

/** Administración › Planes de acción › …items */
export function PlansCrumbs({ ctx, items }: { ctx: PageContext; items: { href?: string; label: string }[] }) {
  const m = ctx.municipality!.slug;
  return <Breadcrumbs items={[{ href: `/${m}/admin`, label: ctx.t("plans:crumbs.admin") }, { href: plansAdminBase(m), label: ctx.t("plans:title") }, ...items]} />;
}

const lang = (ctx: PageContext) => (ctx.locale === "en" ? "en" : "es-MX");

/** A local date (AAAA-MM-DD) in words, e.g. "14 de marzo de 2026". */
export function longDate(ctx: PageContext, date: string): string {
  return new Intl.DateTimeFormat(lang(ctx), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}

export function dateTime(ctx: PageContext, d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(lang(ctx), { dateStyle: "long", timeStyle: "short", timeZone }).format(d);
}

export const period = (ctx: PageContext, from: string, to: string) => ctx.t("plans:period", { from: longDate(ctx, from), to: longDate(ctx, to) });
export const planStatusLabel = (ctx: PageContext, s: PlanStatus) => ctx.t(`plans:planStatus.${s}`);
export const milestoneStatusLabel = (ctx: PageContext, s: MilestoneStatus) => ctx.t(`plans:milestoneStatus.${s}`);

/** Progress in words and as a bar; the bar is named by its text, so it never speaks by colour alone. */
export function ProgressBar({ ctx, progress, label }: { ctx: PageContext; progress: Progress; label: string }) {
  if (progress.percent === null) return <span>{ctx.t("plans:noMilestones")}</span>;
  return (
    <span class="plan-progress">
      <progress max={100} value={progress.percent} aria-label={label}>
        {progress.percent} %
      </progress>{" "}
      <span>{ctx.t("plans:percent", { percent: progress.percent })}</span>
    </span>
  );
}

/** "N días hábiles de retraso" when late; the word says it, the colour only repeats it. */
export function Lateness({ ctx, daysLate }: { ctx: PageContext; daysLate: number }) {
  if (daysLate < 1) return null;
  return <strong class="flag-overdue">{ctx.t("plans:daysLate", { count: daysLate })}</strong>;
}

export function Checkbox({ name, label, checked, value = "1", id, describedBy }: { name: string; label: string; checked: boolean; value?: string; id?: string; describedBy?: string }) {
  const fieldId = id ?? `campo-${name}`;
  return (
    <div class="checkbox">
      <input type="checkbox" id={fieldId} name={name} value={value} checked={checked} aria-describedby={describedBy} />
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

export function formState(failed: FailedForm | undefined, form: string, initial: Record<string, string> = {}): { values: Record<string, string>; errors: Record<string, string> | undefined } {
  return failed && failed.form === form ? { values: failed.values, errors: failed.errors } : { values: initial, errors: undefined };
}

/** A general message of a form (not tied to one field), where the error summary links to. */
export function GeneralError({ errors }: { errors?: Record<string, string> }) {
  if (!errors?.general) return null;
  return (
    <p class="error-message" id="campo-general">
      {errors.general}
    </p>
  );
}

export function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
