/**
 * What the public plan and commitment pages need, loaded once for a GET and again when a form on
 * them (comment, moderation, subscription) must be shown with its messages: the route guards
 * (published plans only, 404 otherwise) and the two page builders.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { municipalityOr404, pathParams } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { COMMENTS_PER_PAGE, listPlanComments } from "./comments.js";
import { PLANS } from "./policy.js";
import { commitmentHistory, findPublicCommitment, milestoneEvidence, overdueMilestones, planOrigin, publicTeam, punctualityByDepartment, type CommitmentDetail } from "./public-queries.js";
import { findPlanBySlug, listCommitmentSummaries, planClock, planProgress, type PlanRow } from "./queries.js";
import { renderCommitmentSections, renderPlanSections } from "./sections.js";
import type { CommentAccess, CommentFormState } from "./views/public-comments.js";
import { CommitmentPage } from "./views/public-commitment.js";
import type { SubscribeFormState } from "./views/public-parts.js";
import { PlanPage } from "./views/public-plans.js";

export const TEAM_PER_PAGE = 30;
export const COMMITMENTS_PER_PAGE = 20;
export const OVERDUE_PER_PAGE = 20;
export const HISTORY_PER_PAGE = 20;


/** Route params: :slug, :plan and, when given, the commitment's :number and a comment's :commentId. */
export function planParams(...ids: ("number" | "commentId")[]) {
  return pathParams(["plan"], ids);
}

export const notFound = (request: FastifyRequest) => new HttpProblem(404, request.t("errors.notFound"));

/** The published plan of :slug/:plan, or 404 (unknown, unpublished, another municipality's). */
export async function publicPlanOr404(request: FastifyRequest, services: Services): Promise<{ municipality: ActiveMunicipality; plan: PlanRow }> {
  const municipality = await municipalityOr404(services.db, request);
  const { plan: slug } = request.params as { plan?: string };
  const plan = slug && /^[a-z0-9-]{1,80}$/.test(slug) ? await findPlanBySlug(services.db, municipality.id, slug) : undefined;
  if (!plan) throw notFound(request);
  return { municipality, plan };
}

export async function publicCommitmentOr404(request: FastifyRequest, services: Services) {
  const { municipality, plan } = await publicPlanOr404(request, services);
  const detail = await findPublicCommitment(services.db, plan, (request.params as { number: number }).number);
  if (!detail) throw notFound(request);
  return { municipality, plan, detail };
}

const queryOf = (request: FastifyRequest) => request.query as Record<string, string | undefined>;

export async function renderPlanPage(request: FastifyRequest, reply: FastifyReply, services: Services, m: ActiveMunicipality, plan: PlanRow, subscribe?: SubscribeFormState, status = 200) {
  const { db } = services;
  const q = queryOf(request);
  const [teamPage, commitmentsPage, overduePage] = [parsePage(q.equipo), parsePage(q.compromisos), parsePage(q.vencidos)];
  const clock = await planClock(db, m);
  const [commitments, team, origin] = await Promise.all([
    listCommitmentSummaries(db, m.id, { planId: plan.id }, clock),
    publicTeam(db, m.id, plan.id, teamPage, TEAM_PER_PAGE),
    planOrigin(db, plan),
  ]);
  const overdue = overdueMilestones(commitments);
  const ctx = request.pageContext({ municipality: m });
  const sections = await renderPlanSections(ctx, { services, municipality: m, plan, commitments, clock, query: q });
  const slice = <T>(rows: T[], page: number, per: number) => rows.slice((page - 1) * per, page * per);
  return reply.page(
    PlanPage({
      ctx, plan, origin, progress: planProgress(commitments), commitmentTotal: commitments.length,
      team: team.rows, teamInfo: { page: teamPage, perPage: TEAM_PER_PAGE, total: team.total },
      commitments: slice(commitments, commitmentsPage, COMMITMENTS_PER_PAGE), commitmentsInfo: { page: commitmentsPage, perPage: COMMITMENTS_PER_PAGE, total: commitments.length },
      chart: punctualityByDepartment(commitments),
      overdue: slice(overdue, overduePage, OVERDUE_PER_PAGE), overdueInfo: { page: overduePage, perPage: OVERDUE_PER_PAGE, total: overdue.length },
      sections, subscribe,
    }),
    status,
  );
}

export interface CommitmentForms {
  comment?: CommentFormState;
  hideError?: { commentId: number; message: string };
  subscribe?: SubscribeFormState;
}

export async function renderCommitmentPage(
  request: FastifyRequest, reply: FastifyReply, services: Services, m: ActiveMunicipality, plan: PlanRow, detail: CommitmentDetail, forms: CommitmentForms = {}, status = 200,
) {
  const { db } = services;
  const q = queryOf(request);
  const [historyPage, commentsPage] = [parsePage(q.historial), parsePage(q.comentarios)];
  const clock = await planClock(db, m);
  const [summary] = await listCommitmentSummaries(db, m.id, { ids: [detail.id] }, clock);
  if (!summary) throw notFound(request);
  const [evidence, history, comments] = await Promise.all([
    milestoneEvidence(db, m.id, summary.milestones.map((ms) => ms.id)),
    commitmentHistory(db, m.id, detail.id, historyPage, HISTORY_PER_PAGE),
    listPlanComments(db, m.id, detail.id, commentsPage),
  ]);
  const ctx = request.pageContext({ municipality: m });
  const sections = await renderCommitmentSections(ctx, { services, municipality: m, plan, commitment: summary, clock, query: q });
  const actor = request.actor;
  const access: CommentAccess = actor.kind !== "user" ? "anonymous" : actor.emailVerified ? "allowed" : "unverified";
  return reply.page(
    CommitmentPage({
      ctx, plan, summary, detail, timeZone: m.timeZone, evidence,
      history: history.rows, historyInfo: { page: historyPage, perPage: HISTORY_PER_PAGE, total: history.total },
      sections,
      comments: {
        comments: comments.rows, info: { page: commentsPage, perPage: COMMENTS_PER_PAGE, total: comments.total }, access,
        defaultName: actor.kind === "user" ? actor.displayName : "", moderate: can(actor, PLANS.manage, { municipalityId: m.id }),
        form: forms.comment, hideError: forms.hideError,
      },
      subscribe: forms.subscribe,
    }),
    status,
  );
}
