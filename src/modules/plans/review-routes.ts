/**
 * Pages of a plan's review. Staff: `/:slug/admin/planes/:plan/revision` (checkpoints and
 * reviewers; plans.view to look, plans.manage to change). Reviewers' area, outside /admin since
 * reviewers are usually not staff: `/:slug/revision/planes/:plan` and the assessment form per
 * checkpoint and commitment (plans.assess: the plan's reviewers, and managers as the plan's team).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { authorizeInMunicipality } from "../../platform/http/tenant.js";
import { parsePage } from "../../platform/views/components.js";
import { can } from "../../platform/policy.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { PLANS } from "./policy.js";
import { findPlanBySlug, listCommitmentSummaries, planClock, type PlanClock, type PlanRow } from "./queries.js";
import { demand, pageNumber, paramsOf, requestUserId, routeParams, signedInArea } from "./review-http.js";
import { field, notFound, submitForm, values } from "./staff-http.js";
import { cellKey, findCheckpoint, listAssessments, listCheckpoints, listReviewers, newestBy, reviewerOf, reviewOf } from "./review-queries.js";
import { addReviewer, recordAssessment, removeReviewer, scheduleCheckpoint, type AssessmentInput } from "./review-service.js";
import { reviewAdminUrl, reviewAreaUrl } from "./review-urls.js";
import type { CompletionLevel, OpenedGovernmentLevel, PotentialLevel, ReviewerKind } from "./tables.js";
import { ReviewAdminPage } from "./views/review-admin.js";
import { AssessmentFormPage, ReviewerAreaPage, type Reviewing } from "./views/review-area.js";
import type { FailedForm } from "./views/staff-parts.js";

const PER_PAGE = 20;
const CHECKPOINTS_PER_AREA_PAGE = 10;
/** The public name of assessments written by plan managers who are not reviewers. */
export const TEAM_PUBLIC_NAME = "Equipo del plan de acción";
const ASSESSMENT_FIELDS = ["verifiable", "potential", "completion", "onTime", "openedGovernment", "narrative", "assessedOn"];

type StaffPlan = { municipality: ActiveMunicipality; plan: PlanRow };
type ReviewContext = StaffPlan & { reviewing: Reviewing; clock: PlanClock };

/** The assessment form's values as the service takes them; unknown words pass through for it to refuse in Spanish. */
function assessmentInput(body: unknown): AssessmentInput {
  const yesNo = (v: string) => (v === "si" ? true : v === "no" ? false : v === "" ? null : (v as unknown as boolean));
  const optional = <T,>(v: string) => (v === "" ? null : (v as T));
  const verifiable = field(body, "verifiable", 10);
  return {
    verifiable: verifiable === "si" ? true : verifiable === "no" ? false : (null as unknown as boolean),
    potential: optional<PotentialLevel>(field(body, "potential", 40)),
    completion: field(body, "completion", 40) as CompletionLevel,
    onTime: yesNo(field(body, "onTime", 10)),
    openedGovernment: optional<OpenedGovernmentLevel>(field(body, "openedGovernment", 40)),
    narrative: field(body, "narrative", 13000),
    assessedOn: field(body, "assessedOn", 20),
  };
}

export function registerReviewPages(app: FastifyInstance, services: Services): void {
  const { db } = services;

  async function staffPlan(request: FastifyRequest, reply: FastifyReply, action: string): Promise<StaffPlan | null> {
    const municipality = await authorizeInMunicipality(db, request, reply, action);
    if (!municipality) return null;
    const plan = await findPlanBySlug(db, municipality.id, paramsOf(request).plan, { includeUnpublished: true });
    if (!plan) throw notFound(request);
    return { municipality, plan };
  }

  async function adminPage(request: FastifyRequest, reply: FastifyReply, s: StaffPlan, failed?: FailedForm, status = 200) {
    const checkpointsPage = parsePage(pageNumber(request, "momentos"));
    const reviewersPage = parsePage(pageNumber(request, "revisores"));
    const canManage = can(request.actor, PLANS.manage, { municipalityId: s.municipality.id });
    const [checkpoints, reviewers, commitments] = await Promise.all([
      listCheckpoints(db, s.municipality.id, s.plan.id, { page: checkpointsPage, perPage: PER_PAGE }),
      listReviewers(db, s.municipality.id, s.plan.id, { page: reviewersPage, perPage: PER_PAGE, withAccounts: canManage }),
      listCommitmentSummaries(db, s.municipality.id, { planId: s.plan.id }, await planClock(db, s.municipality)),
    ]);
    return reply.page(
      ReviewAdminPage({
        ctx: request.pageContext({ municipality: s.municipality }),
        timeZone: s.municipality.timeZone,
        plan: s.plan,
        commitmentsCount: commitments.length,
        checkpoints: checkpoints.rows,
        checkpointsInfo: { page: checkpointsPage, perPage: PER_PAGE, total: checkpoints.total },
        reviewers: reviewers.rows,
        reviewersInfo: { page: reviewersPage, perPage: PER_PAGE, total: reviewers.total },
        canManage,
        failed,
      }),
      status,
    );
  }

  const planOnly = { schema: { params: routeParams(["plan"]), hide: true } };

  app.get("/:slug/admin/planes/:plan/revision", planOnly, async (request, reply) => {
    const s = await staffPlan(request, reply, PLANS.view);
    return s ? adminPage(request, reply, s) : reply;
  });

  app.post("/:slug/admin/planes/:plan/revision/momentos", planOnly, async (request, reply) => {
    const s = await staffPlan(request, reply, PLANS.manage);
    if (!s) return reply;
    const input = values(request.body, ["title", "scheduledOn"]);
    return submitForm(
      request, reply,
      { name: "checkpoint", values: input, done: request.t("plansReview:checkpointScheduled"), redirect: `${reviewAdminUrl(s.municipality.slug, s.plan.slug)}#momentos` },
      () => db.transaction().execute((trx) => scheduleCheckpoint(trx, s.municipality.id, request.actor, s.plan.id, { title: input.title!.slice(0, 400), scheduledOn: input.scheduledOn!.slice(0, 20) })),
      (failed, status) => adminPage(request, reply, s, failed, status),
    );
  });

  app.post("/:slug/admin/planes/:plan/revision/revisores", planOnly, async (request, reply) => {
    const s = await staffPlan(request, reply, PLANS.manage);
    if (!s) return reply;
    const input = values(request.body, ["email", "kind", "publicName"]);
    return submitForm(
      request, reply,
      { name: "reviewer", values: input, done: request.t("plansReview:reviewerAdded"), redirect: `${reviewAdminUrl(s.municipality.slug, s.plan.slug)}#revisores` },
      () => db.transaction().execute((trx) => addReviewer(trx, s.municipality.id, request.actor, s.plan.id, { email: input.email!.slice(0, 300), kind: input.kind as ReviewerKind, publicName: input.publicName!.slice(0, 400) })),
      (failed, status) => adminPage(request, reply, s, failed, status),
    );
  });

  app.post("/:slug/admin/planes/:plan/revision/revisores/:userId/quitar", { schema: { params: routeParams(["plan"], ["userId"]), hide: true } }, async (request, reply) => {
    const s = await staffPlan(request, reply, PLANS.manage);
    if (!s) return reply;
    await db.transaction().execute((trx) => removeReviewer(trx, s.municipality.id, request.actor, s.plan.id, paramsOf(request).userId));
    reply.flash("success", request.t("plansReview:reviewerRemoved"));
    return reply.redirect(`${reviewAdminUrl(s.municipality.slug, s.plan.slug)}#revisores`, 303);
  });

  // ——— The reviewers' area ———

  async function reviewContext(request: FastifyRequest, reply: FastifyReply): Promise<ReviewContext | null> {
    const municipality = await signedInArea(db, request, reply);
    if (!municipality) return null;
    const plan = await findPlanBySlug(db, municipality.id, paramsOf(request).plan, { includeUnpublished: true });
    if (!plan) throw notFound(request);
    const reviewer = await reviewerOf(db, municipality.id, plan.id, requestUserId(request));
    const subject = { municipalityId: municipality.id, reviewerKind: reviewer?.kind ?? null };
    // An unpublished plan does not reveal that it exists to someone who may not assess it.
    if (!plan.published && !can(request.actor, PLANS.assess, subject)) throw notFound(request);
    demand(request, PLANS.assess, subject);
    const reviewing: Reviewing = reviewer
      ? { authorKind: reviewer.kind === "independiente" ? "revisor_independiente" : "equipo_interno", publicName: reviewer.publicName }
      : { authorKind: "equipo_interno", publicName: TEAM_PUBLIC_NAME };
    return { municipality, plan, reviewing, clock: await planClock(db, municipality) };
  }

  app.get("/:slug/revision/planes/:plan", planOnly, async (request, reply) => {
    const r = await reviewContext(request, reply);
    if (!r) return reply;
    const page = parsePage(pageNumber(request, "pagina"));
    const [checkpoints, commitments, assessments] = await Promise.all([
      listCheckpoints(db, r.municipality.id, r.plan.id, { page, perPage: CHECKPOINTS_PER_AREA_PAGE }),
      listCommitmentSummaries(db, r.municipality.id, { planId: r.plan.id }, r.clock),
      listAssessments(db, r.municipality.id, { planId: r.plan.id }),
    ]);
    return reply.page(
      ReviewerAreaPage({
        ctx: request.pageContext({ municipality: r.municipality }),
        plan: r.plan, reviewing: r.reviewing, today: r.clock.today,
        checkpoints: checkpoints.rows, checkpointsInfo: { page, perPage: CHECKPOINTS_PER_AREA_PAGE, total: checkpoints.total },
        commitments,
        current: newestBy(assessments, (a) => cellKey(a.checkpointId, a.commitmentId, a.authorKind)),
      }),
    );
  });

  const cellParams = { schema: { params: routeParams(["plan"], ["checkpointId", "number"]), hide: true } };

  async function assessmentPage(request: FastifyRequest, reply: FastifyReply, r: ReviewContext, failed?: FailedForm, status = 200) {
    const { checkpointId, number } = paramsOf(request);
    const [checkpoint, commitments] = await Promise.all([
      findCheckpoint(db, r.municipality.id, r.plan.id, checkpointId),
      listCommitmentSummaries(db, r.municipality.id, { planId: r.plan.id }, r.clock),
    ]);
    const commitment = commitments.find((c) => c.number === number);
    if (!checkpoint || !commitment) throw notFound(request);
    const all = await listAssessments(db, r.municipality.id, { commitmentId: commitment.id });
    const history = all.filter((a) => a.checkpointId === checkpoint.id).reverse();
    const mine = history.find((a) => a.authorKind === r.reviewing.authorKind);
    // A correction starts from the current assessment; the date defaults to today.
    const preset: Record<string, string> = mine
      ? {
          verifiable: mine.verifiable ? "si" : "no", potential: mine.potential ?? "", completion: mine.completion,
          onTime: mine.onTime === null ? "" : mine.onTime ? "si" : "no", openedGovernment: mine.openedGovernment ?? "", narrative: mine.narrative, assessedOn: r.clock.today,
        }
      : { assessedOn: r.clock.today };
    return {
      checkpoint, commitment,
      render: () => reply.page(
        AssessmentFormPage({
          ctx: request.pageContext({ municipality: r.municipality }),
          plan: r.plan, reviewing: r.reviewing, checkpoint, commitment, history, currentIds: reviewOf(all).currentIds, values: preset, failed,
        }),
        status,
      ),
    };
  }

  app.get("/:slug/revision/planes/:plan/momentos/:checkpointId/compromisos/:number", cellParams, async (request, reply) => {
    const r = await reviewContext(request, reply);
    if (!r) return reply;
    return (await assessmentPage(request, reply, r)).render();
  });

  app.post("/:slug/revision/planes/:plan/momentos/:checkpointId/compromisos/:number", cellParams, async (request, reply) => {
    const r = await reviewContext(request, reply);
    if (!r) return reply;
    const { checkpoint, commitment } = await assessmentPage(request, reply, r);
    return submitForm(
      request, reply,
      { name: "assessment", values: values(request.body, ASSESSMENT_FIELDS), done: request.t("plansReview:assessmentSaved", { number: commitment.number }), redirect: `${reviewAreaUrl(r.municipality.slug, r.plan.slug)}#momento-${checkpoint.id}` },
      () => db.transaction().execute((trx) =>
        recordAssessment(trx, r.municipality.id, request.actor, { checkpointId: checkpoint.id, commitmentId: commitment.id, authorKind: r.reviewing.authorKind, authorPublicName: r.reviewing.publicName }, assessmentInput(request.body)),
      ),
      async (failed, status) => (await assessmentPage(request, reply, r, failed, status)).render(),
    );
  });
}
