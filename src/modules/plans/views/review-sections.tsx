/**
 * What the review adds to the public pages: on a commitment, its current assessment per author
 * kind, the star and the history of every checkpoint; on a plan, the checkpoints calendar and the
 * number of starred commitments. Public names only — never the accounts behind them.
 */
import { Table } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { AssessmentView, CheckpointView, CommitmentReview } from "../review-queries.js";
import type { AssessmentAuthorKind } from "../tables.js";
import { AssessmentScales, authorKindLabel, longDate, Paragraphs, StarBadge } from "./review-parts.js";

/** The independent review first: it is the one the star follows. */
const CURRENT_ORDER: AssessmentAuthorKind[] = ["revisor_independiente", "equipo_interno"];

function AssessmentBlock({ ctx, a, checkpoint, heading, state }: { ctx: PageContext; a: AssessmentView; checkpoint?: CheckpointView; heading: string; state?: string }) {
  const t = ctx.t;
  return (
    <article>
      <h4>{heading}{state ? ` (${state})` : ""}</h4>
      <p>
        {t("plansReview:byOn", { name: a.authorPublicName, date: longDate(ctx, a.assessedOn) })}
        {checkpoint && ` · ${t("plansReview:atCheckpoint", { checkpoint: checkpoint.title })}`}
        {a.source === "irm" && ` · ${t("plansReview:fromIrm")}`}
        {a.starred && ` · ${t("plansReview:starredShort")}`}
      </p>
      <AssessmentScales ctx={ctx} a={a} />
      <Paragraphs text={a.narrative} />
    </article>
  );
}

export function CommitmentReviewsSection({ ctx, checkpoints, rows, review }: { ctx: PageContext; checkpoints: CheckpointView[]; rows: AssessmentView[]; review: CommitmentReview }) {
  const t = ctx.t;
  const byId = new Map(checkpoints.map((k) => [k.id, k]));
  const assessed = checkpoints.filter((k) => rows.some((a) => a.checkpointId === k.id)).reverse();
  return (
    <section aria-labelledby="revisiones-del-plan">
      <h2 id="revisiones-del-plan">{t("plansReview:sectionTitle")}</h2>
      {review.star?.starred && <StarBadge ctx={ctx} by={review.star.by} />}
      <h3>{t("plansReview:currentAssessment")}</h3>
      {CURRENT_ORDER.map((kind) => {
        const a = review.current[kind];
        return a ? <AssessmentBlock ctx={ctx} a={a} checkpoint={byId.get(a.checkpointId)} heading={authorKindLabel(ctx, kind)} /> : null;
      })}
      <h3>{t("plansReview:historyTitle")}</h3>
      {assessed.map((k) => {
        const list = rows.filter((a) => a.checkpointId === k.id).reverse();
        return (
          <details>
            <summary>{t("plansReview:historySummary", { checkpoint: k.title, date: longDate(ctx, k.scheduledOn), count: list.length })}</summary>
            {list.map((a) => (
              <AssessmentBlock ctx={ctx} a={a} heading={authorKindLabel(ctx, a.authorKind)} state={review.currentIds.has(a.id) ? t("plansReview:current") : t("plansReview:corrected")} />
            ))}
          </details>
        );
      })}
    </section>
  );
}

export function PlanCheckpointsSection({ ctx, checkpoints, commitmentsCount, starred, today, assessUrl }: { ctx: PageContext; checkpoints: CheckpointView[]; commitmentsCount: number; starred: number; today: string; assessUrl: string | null }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="momentos-de-revision">
      <h2 id="momentos-de-revision">{t("plansReview:planSectionTitle")}</h2>
      <p>{t("plansReview:planSectionIntro")}</p>
      {assessUrl && (
        <p>
          <a href={assessUrl}>{t("plansReview:goToArea")}</a>
        </p>
      )}
      <dl class="stats">
        <div>
          <dt>{t("plansReview:starredCommitments")}</dt>
          <dd>{starred}</dd>
        </div>
        <div>
          <dt>{t("plansReview:checkpointsCount")}</dt>
          <dd>{checkpoints.length}</dd>
        </div>
      </dl>
      <Table<CheckpointView>
        caption={t("plansReview:calendarCaption")}
        empty={t("plansReview:noCheckpoints")}
        rows={checkpoints}
        columns={[
          { header: t("plansReview:date"), cell: (k) => <time dateTime={k.scheduledOn}>{longDate(ctx, k.scheduledOn)}</time> },
          { header: t("plansReview:checkpointTitle"), cell: (k) => k.title },
          {
            header: t("plansReview:statusHeader"),
            cell: (k) => (k.scheduledOn > today ? t("plansReview:upcoming") : t("plansReview:assessedOf", { done: k.assessedCommitments, total: commitmentsCount })),
          },
        ]}
      />
    </section>
  );
}
