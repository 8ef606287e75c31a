/** Pieces shared by the review and observatory pages: the IRM's scales in words, dates (with the staff pages' helpers). */
import type { PageContext } from "../../../platform/views/context.js";
import type { AssessmentView } from "../review-queries.js";
import type { AssessmentAuthorKind } from "../tables.js";

export { bytes, formState, longDate, type FailedForm } from "./staff-parts.js";

/** The day of an instant in the municipality's time zone, in words. */
export function instantDate(ctx: PageContext, d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(ctx.locale === "en" ? "en" : "es-MX", { dateStyle: "long", timeZone }).format(d);
}

export const yesNo = (ctx: PageContext, v: boolean | null) => (v === null ? ctx.t("plansReview:notAssessed") : v ? ctx.t("plansReview:yes") : ctx.t("plansReview:no"));
export const authorKindLabel = (ctx: PageContext, kind: AssessmentAuthorKind) => ctx.t(`plansReview:authorKind.${kind}`);

/** One assessment on the IRM's scales, every value in words. */
export function AssessmentScales({ ctx, a }: { ctx: PageContext; a: AssessmentView }) {
  const t = ctx.t;
  return (
    <dl class="facts">
      <dt>{t("plansReview:scale.verifiable")}</dt>
      <dd>{yesNo(ctx, a.verifiable)}</dd>
      <dt>{t("plansReview:scale.potential")}</dt>
      <dd>{a.potential ? t(`plansReview:potential.${a.potential}`) : t("plansReview:notAssessed")}</dd>
      <dt>{t("plansReview:scale.completion")}</dt>
      <dd>{t(`plansReview:completion.${a.completion}`)}</dd>
      <dt>{t("plansReview:scale.onTime")}</dt>
      <dd>{yesNo(ctx, a.onTime)}</dd>
      <dt>{t("plansReview:scale.openedGovernment")}</dt>
      <dd>{a.openedGovernment ? t(`plansReview:opened.${a.openedGovernment}`) : t("plansReview:notAssessed")}</dd>
    </dl>
  );
}

/** The narrative keeps the reviewer's paragraphs. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((p) => (
        <p>{p}</p>
      ))}
    </>
  );
}

export function StarBadge({ ctx, by }: { ctx: PageContext; by: AssessmentAuthorKind }) {
  return (
    <p>
      <strong>{ctx.t("plansReview:starred")}</strong> {ctx.t(`plansReview:starredBy.${by}`)}
    </p>
  );
}
