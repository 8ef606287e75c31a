/** On a public commitment page, beside the official progress: what observatories published about it. */
import { Pagination, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { ReportSummary } from "../observatory-report-queries.js";
import { observatoriesUrl } from "../review-urls.js";
import { ReportCards } from "./observatory-parts.js";

export function CommitmentObservatoriesSection({ ctx, timeZone, reports, info, officialPercent }: { ctx: PageContext; timeZone: string; reports: ReportSummary[]; info: PageInfo; officialPercent: number | null }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="observatorios-dicen">
      <h2 id="observatorios-dicen">{t("plansReview:observatoriesSay")}</h2>
      <p>
        {officialPercent === null ? t("plansReview:besideNoProgress") : t("plansReview:besideProgress", { percent: officialPercent })}{" "}
        <a href={observatoriesUrl(ctx.municipality!.slug)}>{t("plansReview:whatAreObservatories")}</a>
      </p>
      <ReportCards ctx={ctx} timeZone={timeZone} reports={reports} headingLevel={3} showObservatory={true} showTarget={false} />
      <Pagination ctx={ctx} info={info} param="informes" label={t("plansReview:observatoriesSay")} />
    </section>
  );
}
