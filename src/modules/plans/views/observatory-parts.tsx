/** Pieces shared by the observatory pages: a report's subject and verdict in words, report lists. */
import type { PageContext } from "../../../platform/views/context.js";
import type { ReportSummary, ReportTarget } from "../observatory-report-queries.js";
import { publicCommitmentUrl, reportUrl } from "../review-urls.js";
import { instantDate } from "./review-parts.js";

export const verdictLabel = (ctx: PageContext, verdict: ReportSummary["verdict"]) =>
  verdict ? ctx.t(`plansReview:verdict.${verdict}`) : ctx.t("plansReview:noVerdict");

/** What a report is about, linked to the public commitment page when it is one. */
export function ReportTargetText({ ctx, target, link = true }: { ctx: PageContext; target: ReportTarget; link?: boolean }) {
  const t = ctx.t;
  if (!target) return <>{t("plansReview:generalReport")}</>;
  if (target.kind === "servicio") return <>{t("plansReview:aboutService", { name: target.name })}</>;
  const c = target.commitment;
  const label = t("plansReview:aboutCommitment", { number: c.number, title: c.title, plan: c.planTitle });
  return link ? <a href={publicCommitmentUrl(ctx.municipality!.slug, c.planSlug, c.number)}>{label}</a> : <>{label}</>;
}

/**
 * Published reports as cards: title (to the report), observatory, verdict in words, date, excerpt.
 * `showObservatory` on a commitment's page; `showTarget` on an observatory's page.
 */
export function ReportCards({ ctx, timeZone, reports, headingLevel, showObservatory, showTarget }: {
  ctx: PageContext; timeZone: string; reports: ReportSummary[]; headingLevel: 2 | 3; showObservatory: boolean; showTarget: boolean;
}) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul class="cards">
      {reports.map((r) => (
        <li class="card">
          <H>
            <a href={reportUrl(m, r.observatory.slug, r.id)}>{r.title}</a>
          </H>
          <dl class="facts">
            {showObservatory && (
              <>
                <dt>{t("plansReview:observatory")}</dt>
                <dd>{r.observatory.name}</dd>
              </>
            )}
            {showTarget && (
              <>
                <dt>{t("plansReview:about")}</dt>
                <dd><ReportTargetText ctx={ctx} target={r.target} /></dd>
              </>
            )}
            <dt>{t("plansReview:verdictLabel")}</dt>
            <dd>{verdictLabel(ctx, r.verdict)}</dd>
            <dt>{t("plansReview:publishedOn")}</dt>
            <dd>{r.publishedAt ? <time dateTime={r.publishedAt.toISOString()}>{instantDate(ctx, r.publishedAt, timeZone)}</time> : "—"}</dd>
          </dl>
          <p>{r.excerpt}</p>
        </li>
      ))}
    </ul>
  );
}
