/** Staff page of a plan's review: its checkpoints and its reviewers (plan managers change them). */
import { Layout } from "../../../platform/views/layout.js";
import { Breadcrumbs, Button, Form, Pagination, SelectField, Table, TextField, type PageInfo } from "../../../platform/views/components.js";
import type { PageContext } from "../../../platform/views/context.js";
import type { PlanRow } from "../queries.js";
import type { CheckpointView, StaffReviewer } from "../review-queries.js";
import { REVIEWER_KINDS } from "../tables.js";
import { adminPlansUrl, adminPlanUrl, publicPlanUrl, reviewAdminUrl, reviewAreaUrl } from "../review-urls.js";
import { formState, instantDate, longDate, type FailedForm } from "./review-parts.js";

export interface ReviewAdminProps {
  ctx: PageContext;
  timeZone: string;
  plan: PlanRow;
  commitmentsCount: number;
  checkpoints: CheckpointView[];
  checkpointsInfo: PageInfo;
  reviewers: StaffReviewer[];
  reviewersInfo: PageInfo;
  canManage: boolean;
  failed?: FailedForm;
}

export function ReviewAdminPage({ ctx, timeZone, plan, commitmentsCount, checkpoints, checkpointsInfo, reviewers, reviewersInfo, canManage, failed }: ReviewAdminProps) {
  const t = ctx.t;
  const m = ctx.municipality!.slug;
  const here = reviewAdminUrl(m, plan.slug);
  const checkpoint = formState(failed, "checkpoint");
  const reviewer = formState(failed, "reviewer");
  return (
    <Layout ctx={ctx} title={`${t("plansReview:adminTitle")} · ${plan.title}`}>
      <Breadcrumbs items={[{ href: adminPlansUrl(m), label: t("plansReview:plans") }, { href: adminPlanUrl(m, plan.slug), label: plan.title }, { label: t("plansReview:adminTitle") }]} />
      <h1>{t("plansReview:adminTitle")}</h1>
      <p class="lead">{t("plansReview:adminIntro", { start: longDate(ctx, plan.startsOn), end: longDate(ctx, plan.endsOn) })}</p>
      <ul>
        {plan.published && (
          <li>
            <a href={publicPlanUrl(m, plan.slug)}>{t("plansReview:publicPlan")}</a>
          </li>
        )}
        {canManage && (
          <li>
            <a href={reviewAreaUrl(m, plan.slug)}>{t("plansReview:assessAsTeam")}</a>
          </li>
        )}
      </ul>
      <section>
        <h2 id="momentos">{t("plansReview:checkpoints")}</h2>
        <Table<CheckpointView>
          caption={t("plansReview:checkpoints")}
          empty={t("plansReview:noCheckpoints")}
          rows={checkpoints}
          columns={[
            { header: t("plansReview:checkpointTitle"), cell: (k) => k.title },
            { header: t("plansReview:date"), cell: (k) => <time dateTime={k.scheduledOn}>{longDate(ctx, k.scheduledOn)}</time> },
            { header: t("plansReview:assessedHeader"), cell: (k) => t("plansReview:assessedOf", { done: k.assessedCommitments, total: commitmentsCount }) },
          ]}
        />
        <Pagination ctx={ctx} info={checkpointsInfo} param="momentos" label={t("plansReview:checkpoints")} />
        {canManage && (
          <>
            <h3>{t("plansReview:scheduleCheckpoint")}</h3>
            <Form ctx={ctx} action={`${here}/momentos`} errors={checkpoint.errors}>
              <TextField ctx={ctx} name="title" label={t("plansReview:checkpointTitle")} hint={t("plansReview:checkpointTitleHint")} value={checkpoint.values.title} error={checkpoint.errors?.title} required />
              <TextField ctx={ctx} name="scheduledOn" type="date" label={t("plansReview:date")} hint={t("plansReview:checkpointDateHint", { start: plan.startsOn, end: plan.endsOn })} value={checkpoint.values.scheduledOn} error={checkpoint.errors?.scheduledOn} required />
              <Button kind="secondary">{t("plansReview:scheduleButton")}</Button>
            </Form>
          </>
        )}
      </section>
      <section>
        <h2 id="revisores">{t("plansReview:reviewers")}</h2>
        <p>{t("plansReview:reviewersIntro")}</p>
        
        <Table<StaffReviewer>
          caption={t("plansReview:reviewers")}
          empty={t("plansReview:noReviewers")}
          rows={reviewers}
          columns={[
            { header: t("plansReview:publicName"), cell: (r) => r.publicName },
            { header: t("plansReview:reviewerKindLabel"), cell: (r) => t(`plansReview:reviewerKind.${r.kind}`) },
            ...(canManage ? [{ header: t("plansReview:account"), cell: (r: StaffReviewer) => r.email }] : []),
            { header: t("plansReview:since"), cell: (r) => instantDate(ctx, r.addedAt, timeZone) },
            ...(canManage
              ? [{
                  header: t("plansReview:actions"),
                  cell: (r: StaffReviewer) => (
                    <form method="post" action={`${here}/revisores/${r.userId}/quitar`} class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="link-button" aria-label={t("plansReview:removeReviewerLabel", { name: r.publicName })}>
                        {t("plansReview:remove")}
                      </button>
                    </form>
                  ),
                }]
              : []),
          ]}
        />
        <Pagination ctx={ctx} info={reviewersInfo} param="revisores" label={t("plansReview:reviewers")} />
        {canManage && (
          <>
            <h3>{t("plansReview:addReviewer")}</h3>
            <Form ctx={ctx} action={`${here}/revisores`} errors={reviewer.errors}>
              <TextField ctx={ctx} name="email" type="email" autocomplete="off" label={t("plansReview:reviewerEmail")} hint={t("plansReview:reviewerEmailHint")} value={reviewer.values.email} error={reviewer.errors?.email} required />
              <SelectField ctx={ctx} name="kind" label={t("plansReview:reviewerKindLabel")} value={reviewer.values.kind} error={reviewer.errors?.kind} placeholder={t("plansReview:choose")} options={REVIEWER_KINDS.map((k) => ({ value: k, label: t(`plansReview:reviewerKind.${k}`) }))} required />
              <TextField ctx={ctx} name="publicName" label={t("plansReview:publicName")} hint={t("plansReview:publicNameHint")} value={reviewer.values.publicName} error={reviewer.errors?.publicName} required />
              <Button kind="secondary">{t("plansReview:addReviewerButton")}</Button>
            </Form>
          </>
        )}
      </section>
    </Layout>
  );
}
