/** Pieces shared by the public plan pages: dates and states in words, breadcrumbs, the subscribe form, feed and data links. */
import { Breadcrumbs, Form, TextField } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { CommitmentStage } from "../progress.js";
import { longDateIn } from "../public-event-text.js";
import { planDataPath, planFeedPath, plansPath } from "../public-urls.js";
import type { MilestoneStatus, PlanStatus } from "../tables.js";

const lang = (ctx: PageContext) => (ctx.locale === "en" ? "en" : "es-MX");

/** A local date (AAAA-MM-DD) in words, e.g. "14 de marzo de 2026". */
export const longDate = (ctx: PageContext, date: string): string => longDateIn(ctx.locale, date);

export function instantDate(ctx: PageContext, d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(lang(ctx), { dateStyle: "long", timeStyle: "short", timeZone }).format(d);
}

export const planStatusLabel = (ctx: PageContext, s: PlanStatus) => ctx.t(`plansPublic:planStatus.${s}`);
export const stageLabel = (ctx: PageContext, s: CommitmentStage) => ctx.t(`plansPublic:stage.${s}`);
export const milestoneStatusLabel = (ctx: PageContext, s: MilestoneStatus) => ctx.t(`plansPublic:milestoneStatus.${s}`);

export function Period({ ctx, startsOn, endsOn }: { ctx: PageContext; startsOn: string; endsOn: string }) {
  return (
    <>
      <time dateTime={startsOn}>{longDate(ctx, startsOn)}</time>
      {" – "}
      <time dateTime={endsOn}>{longDate(ctx, endsOn)}</time>
    </>
  );
}

/** The stage in words; a late one says so in words, the colour only repeats it. */
export function StageText({ ctx, stage }: { ctx: PageContext; stage: CommitmentStage }) {
  return stage === "con_retraso" ? <strong class="flag-overdue">{stageLabel(ctx, stage)}</strong> : <>{stageLabel(ctx, stage)}</>;
}

export function PlansCrumbs({ ctx, items }: { ctx: PageContext; items: { href?: string; label: string }[] }) {
  const slug = ctx.municipality!.slug;
  return <Breadcrumbs items={[{ href: `/${slug}`, label: ctx.municipality!.name }, { href: plansPath(slug), label: ctx.t("plansPublic:list.title") }, ...items]} />;
}

export interface SubscribeFormState {
  email?: string;
  error?: string;
}

/** "Recibir avisos por correo": double opt-in; the address is never shown anywhere. */
export function SubscribeForm({ ctx, action, target, state }: { ctx: PageContext; action: string; target: string; state?: SubscribeFormState }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="avisos-por-correo">
      <h2 id="avisos-por-correo">{t("plansPublic:subscribe.title")}</h2>
      <p>{t("plansPublic:subscribe.intro", { target })}</p>
      <Form ctx={ctx} action={action} errors={state?.error ? { email: state.error } : undefined}>
        <TextField ctx={ctx} name="email" type="email" autocomplete="email" inputmode="email" label={t("plansPublic:subscribe.email")} hint={t("plansPublic:subscribe.hint")} value={state?.email} error={state?.error} required />
        <button type="submit" class="button button-secondary">
          {t("plansPublic:subscribe.button")}
        </button>
      </Form>
    </section>
  );
}

export function PlanDataLinks({ ctx, planSlug }: { ctx: PageContext; planSlug: string }) {
  const { t } = ctx;
  const m = ctx.municipality!.slug;
  const data = (d: "planes-de-accion" | "compromisos" | "hitos", label: string) => (
    <li>
      {label}: <a href={planDataPath(m, d, "csv")}>CSV</a> · <a href={planDataPath(m, d, "json")}>JSON</a>
    </li>
  );
  return (
    <section aria-labelledby="datos-abiertos">
      <h2 id="datos-abiertos">{t("plansPublic:data.title")}</h2>
      <ul>
        <li>
          <a href={planFeedPath(m, planSlug)} type="application/atom+xml">
            {t("plansPublic:data.feed")}
          </a>
        </li>
        {data("planes-de-accion", t("plansPublic:data.plans"))}
        {data("compromisos", t("plansPublic:data.commitments"))}
        {data("hitos", t("plansPublic:data.milestones"))}
      </ul>
    </section>
  );
}
