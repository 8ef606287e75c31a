/**
 * Checkpoints on the IRM's scales, plan reviewers and civil-society observatories: their staff
 * pages, the reviewers' area, the observatories' public pages and members' area, and what they
 * add to the public plan and commitment pages (through sections.ts, never by importing the pages).
 */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { registerObservatoryAdminRoutes } from "./observatory-routes-admin.js";
import { registerObservatoryPanelRoutes } from "./observatory-routes-panel.js";
import { registerObservatoryPublicRoutes } from "./observatory-routes-public.js";
import { listPublishedReports } from "./observatory-report-queries.js";
import { can } from "../../platform/policy.js";
import { PLANS } from "./policy.js";
import { listAssessments, listCheckpoints, reviewerOf, reviewOf, starredCount } from "./review-queries.js";
import { adminObservatoriesUrl, observatoriesUrl, reviewAreaUrl } from "./review-urls.js";
import type { PageLinkContributors } from "../../platform/views/nav.js";
import { registerReviewPages } from "./review-routes.js";
import { registerCommitmentSection, registerPlanSection } from "./sections.js";
import { CommitmentObservatoriesSection } from "./views/observatory-section.js";
import { CommitmentReviewsSection, PlanCheckpointsSection } from "./views/review-sections.js";

const OBSERVATORY_REPORTS_PER_SECTION = 5;

/** The review's and the observatories' blocks on the public plan and commitment pages. */
export function registerReviewSections(): void {
  registerPlanSection({
    id: "plans-review-checkpoints",
    order: 40,
    async render(ctx, { services, municipality, plan, commitments, clock }) {
      const { rows: checkpoints } = await listCheckpoints(services.db, municipality.id, plan.id);
      if (checkpoints.length === 0) return null;
      const [assessments, reviewer] = await Promise.all([
        listAssessments(services.db, municipality.id, { planId: plan.id }),
        reviewerOf(services.db, municipality.id, plan.id, ctx.actor.kind === "user" ? ctx.actor.userId : null),
      ]);
      // Reviewers are usually not staff: the plan's page is where they find their area.
      const canAssess = can(ctx.actor, PLANS.assess, { municipalityId: municipality.id, reviewerKind: reviewer?.kind ?? null });
      return PlanCheckpointsSection({
        ctx, checkpoints, commitmentsCount: commitments.length, starred: starredCount(assessments), today: clock.today,
        assessUrl: canAssess ? reviewAreaUrl(municipality.slug, plan.slug) : null,
      });
    },
  });
  registerCommitmentSection({
    id: "plans-review-assessments",
    order: 40,
    async render(ctx, { services, municipality, plan, commitment }) {
      const rows = await listAssessments(services.db, municipality.id, { commitmentId: commitment.id });
      if (rows.length === 0) return null;
      const { rows: checkpoints } = await listCheckpoints(services.db, municipality.id, plan.id);
      return CommitmentReviewsSection({ ctx, checkpoints, rows, review: reviewOf(rows) });
    },
  });
  registerCommitmentSection({
    id: "plans-observatory-reports",
    order: 50,
    async render(ctx, { services, municipality, commitment, query }) {
      const page = parsePage(query.informes);
      const { rows, total } = await listPublishedReports(services.db, municipality.id, { commitmentId: commitment.id }, { page, perPage: OBSERVATORY_REPORTS_PER_SECTION });
      if (total === 0) return null;
      return CommitmentObservatoriesSection({
        ctx, timeZone: municipality.timeZone, reports: rows, info: { page, perPage: OBSERVATORY_REPORTS_PER_SECTION, total }, officialPercent: commitment.progress.percent,
      });
    },
  });
}

/**
 * Links for the manifest's `pageLinks` (merged with the module's others): the observatories on the
 * municipality's page, and their staff page on the administration dashboard for those who may see it.
 */
export const reviewPageLinks: PageLinkContributors = {
  municipality: (ctx, slug) => [{ href: observatoriesUrl(slug), label: ctx.t("plansReview:observatories") }],
  admin: (ctx, slug, municipalityId) => (can(ctx.actor, PLANS.view, { municipalityId }) ? [{ href: adminObservatoriesUrl(slug), label: ctx.t("plansReview:adminObservatories") }] : []),
};

export function registerReviewRoutes(app: FastifyInstance, services: Services): void {
  registerReviewSections();
  registerReviewPages(app, services);
  registerObservatoryAdminRoutes(app, services);
  registerObservatoryPublicRoutes(app, services);
  registerObservatoryPanelRoutes(app, services);
}
