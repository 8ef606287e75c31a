/**
 * The reviewers' area (not a staff page: reviewers are usually not staff): the plan's checkpoints
 * with each commitment's current assessment by the person's author kind, and the assessment form
 * on the IRM's scales with the history of that checkpoint.
 */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextArea, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { CommitmentSummary, PlanRow } from "../queries.js";
import { cellKey, type AssessmentView, type CheckpointView } from "../review-queries.js";
import { COMPLETION_LEVELS, OPENED_GOVERNMENT_LEVELS, POTENTIAL_LEVELS, type AssessmentAuthorKind } from "../tables.js";
import { assessmentUrl, publicCommitmentUrl, reviewAreaUrl } from "../review-urls.js";
import { AssessmentScales, authorKindLabel, longDate, Paragraphs, type FailedForm } from "./review-parts.js";

export interface Reviewing {
  authorKind: AssessmentAuthorKind;
  publicName: string;
}

function crumbs(ctx: PageContext, plan: PlanRow, more: { href?: string; label: string }[]) {
  const m = ctx.municipality!.slug;
  return <Breadcrumbs items={[{ href: `/${m}`, label: ctx.municipality!.name }, { href: reviewAreaUrl(m, plan.slug), label: ctx.t("plansReview:areaTitle", { plan: plan.title }) }, ...more]} />;
}

function AsWho({ ctx, reviewing }: { ctx: PageContext; reviewing: Reviewing }) {
  return <p class="lead">{ctx.t("plansReview:assessingAs", { name: reviewing.publicName, kind: authorKindLabel(ctx, reviewing.authorKind) })}</p>;
}

export interface ReviewerAreaProps {
  ctx: PageContext;
  plan: PlanRow;
  reviewing: Reviewing;
  today: string;
  checkpoints: CheckpointView[];
  checkpointsInfo: PageInfo;
  commitments: CommitmentSummary[];
  /** Current assessments by cellKey(checkpoint, commitment, author kind). */
  current: Map<string, AssessmentView>;
}

export function ReviewerAreaPage({ ctx, plan, reviewing, today, checkpoints, checkpointsInfo, commitments, current }: ReviewerAreaProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  return (
    <Layout ctx={ctx} title={t("plansReview:areaTitle", { plan: plan.title })}>
      {crumbs(ctx, plan, [])}
      <h1>{t("plansReview:areaTitle", { plan: plan.title })}</h1>
      <AsWho ctx={ctx} reviewing={reviewing} />
      <p>{t("plansReview:areaIntro")}</p>
      {checkpoints.length === 0 && <p class="empty">{t("plansReview:noCheckpointsYet")}</p>}
      {checkpoints.map((k) => {
        const open = k.scheduledOn <= today;
        return (
          <section aria-labelledby={`momento-${k.id}`}>
            <h2 id={`momento-${k.id}`}>
              {k.title} · <time dateTime={k.scheduledOn}>{longDate(ctx, k.scheduledOn)}</time>
            </h2>
            {!open && <p>{t("plansReview:opensOn", { date: longDate(ctx, k.scheduledOn) })}</p>}
            <Table<CommitmentSummary>
              caption={t("plansReview:commitmentsAt", { checkpoint: k.title })}
              empty={t("plansReview:noCommitments")}
              rows={commitments}
              columns={[
                { header: t("plansReview:commitment"), cell: (c) => `${c.number}. ${c.title}` },
                {
                  header: t("plansReview:yourAssessment"),
                  cell: (c) => {
                    const a = current.get(cellKey(k.id, c.id, reviewing.authorKind));
                    return a ? t("plansReview:assessedCell", { completion: t(`plansReview:completion.${a.completion}`), date: longDate(ctx, a.assessedOn) }) : t("plansReview:notYet");
                  },
                },
                {
                  header: t("plansReview:actions"),
                  cell: (c) =>
                    open ? (
                      <a href={assessmentUrl(m, plan.slug, k.id, c.number)} aria-label={t("plansReview:assessLabel", { number: c.number, checkpoint: k.title })}>
                        {current.has(cellKey(k.id, c.id, reviewing.authorKind)) ? t("plansReview:correct") : t("plansReview:assess")}
                      </a>
                    ) : (
                      "—"
                    ),
                },
              ]}
            />
          </section>
        );
      })}
      <Pagination ctx={ctx} info={checkpointsInfo} label={t("plansReview:checkpoints")} />
    </Layout>
  );
}

export interface AssessmentFormProps {
  ctx: PageContext;
  plan: PlanRow;
  reviewing: Reviewing;
  checkpoint: CheckpointView;
  commitment: CommitmentSummary;
  /** This checkpoint's assessments of the commitment, every author kind, newest first. */
  history: AssessmentView[];
  currentIds: Set<number>;
  values: Record<string, string>;
  failed?: FailedForm;
}

export function AssessmentFormPage({ ctx, plan, reviewing, checkpoint, commitment, history, currentIds, values, failed }: AssessmentFormProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const v = failed?.values ?? values;
  const e = failed?.errors;
  const title = t("plansReview:assessTitle", { number: commitment.number, checkpoint: checkpoint.title });
  const values3 = (list: readonly string[], prefix: string) => list.map((x) => ({ value: x, label: t(`plansReview:${prefix}.${x}`) }));
  const yesNo = [{ value: "si", label: t("plansReview:yes") }, { value: "no", label: t("plansReview:no") }];
  const relevance = (["transparency", "accountability", "participation"] as const).filter((k) => commitment.relevance[k]).map((k) => t(`plansReview:value.${k}`));
  return (
    <Layout ctx={ctx} title={title}>
      {crumbs(ctx, plan, [{ label: title }])}
      <h1>{title}</h1>
      <AsWho ctx={ctx} reviewing={reviewing} />
      <dl class="facts">
        <dt>{t("plansReview:commitment")}</dt>
        <dd>{plan.published ? <a href={publicCommitmentUrl(m, plan.slug, commitment.number)}>{`${commitment.number}. ${commitment.title}`}</a> : `${commitment.number}. ${commitment.title}`}</dd>
        <dt>{t("plansReview:checkpoint")}</dt>
        <dd>{`${checkpoint.title} · ${longDate(ctx, checkpoint.scheduledOn)}`}</dd>
        <dt>{t("plansReview:ogpValues")}</dt>
        <dd>{relevance.length ? relevance.join(", ") : t("plansReview:noOgpValue")}</dd>
        <dt>{t("plansReview:officialProgress")}</dt>
        <dd>{commitment.progress.percent === null ? t("plansReview:noMilestones") : `${commitment.progress.percent} %`}</dd>
      </dl>
      <Form ctx={ctx} action={assessmentUrl(m, plan.slug, checkpoint.id, commitment.number)} errors={e}>
        <SelectField ctx={ctx} name="verifiable" label={t("plansReview:scale.verifiable")} hint={t("plansReview:hint.verifiable")} value={v.verifiable} error={e?.verifiable} placeholder={t("plansReview:choose")} options={yesNo} required />
        <SelectField ctx={ctx} name="potential" label={t("plansReview:scale.potential")} hint={t("plansReview:hint.potential")} value={v.potential} error={e?.potential} placeholder={t("plansReview:notAssessed")} options={values3(POTENTIAL_LEVELS, "potential")} />
        <SelectField ctx={ctx} name="completion" label={t("plansReview:scale.completion")} value={v.completion} error={e?.completion} placeholder={t("plansReview:choose")} options={values3(COMPLETION_LEVELS, "completion")} required />
        <SelectField ctx={ctx} name="onTime" label={t("plansReview:scale.onTime")} value={v.onTime} error={e?.onTime} placeholder={t("plansReview:notAssessed")} options={yesNo} />
        <SelectField ctx={ctx} name="openedGovernment" label={t("plansReview:scale.openedGovernment")} hint={t("plansReview:hint.openedGovernment")} value={v.openedGovernment} error={e?.openedGovernment} placeholder={t("plansReview:notAssessed")} options={values3(OPENED_GOVERNMENT_LEVELS, "opened")} />
        <TextArea ctx={ctx} name="narrative" label={t("plansReview:narrative")} hint={t("plansReview:hint.narrative")} value={v.narrative} error={e?.narrative} rows={8} required />
        <TextField ctx={ctx} name="assessedOn" type="date" label={t("plansReview:assessedOn")} hint={t("plansReview:hint.assessedOn", { date: checkpoint.scheduledOn })} value={v.assessedOn} error={e?.assessedOn} required />
        <Button>{history.some((a) => a.authorKind === reviewing.authorKind) ? t("plansReview:saveCorrection") : t("plansReview:saveAssessment")}</Button>
      </Form>
      <section aria-labelledby="historial">
        <h2 id="historial">{t("plansReview:historyAt")}</h2>
        {history.length === 0 && <p class="empty">{t("plansReview:noHistory")}</p>}
        {history.map((a) => (
          <article>
            <h3>
              {`${a.authorPublicName} · ${authorKindLabel(ctx, a.authorKind)} · ${longDate(ctx, a.assessedOn)}`}
              {" "}({currentIds.has(a.id) ? t("plansReview:current") : t("plansReview:corrected")})
            </h3>
            <AssessmentScales ctx={ctx} a={a} />
            <Paragraphs text={a.narrative} />
          </article>
        ))}
      </section>
    </Layout>
  );
}
