/**
 * Staff pages of action plans (issue 7, points 1–2): the list and creation of plans, a plan's page
 * (data, team, commitments with progress, drafts from the participation to adopt), and the
 * download of evidence files (public while the plan is published). Commitments and milestones
 * are in routes-staff-commitments.ts and routes-staff-milestones.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { DRAFTS_PER_PAGE, pageCommitmentDrafts } from "../proposals/commitments.js";
import { adoptDraftAsCommitment } from "./commitments-service.js";
import { findEvidenceFile, sendEvidenceFile } from "./evidence.js";
import { addTeamMember, createPlan, removeTeamMember, updatePlan, type PlanInput } from "./plans-service.js";
import { PLANS } from "./policy.js";
import { findPlanBySlug, listCommitmentSummaries, listPlans, planClock, planProgress } from "./queries.js";
import { registerCommitmentStaffRoutes } from "./routes-staff-commitments.js";
import { registerMilestoneStaffRoutes } from "./routes-staff-milestones.js";
import { assertManage, checked, chosenId, field, ids, notFound, params, staffMunicipality, staffPlan, submitForm, values, type StaffPlan } from "./staff-http.js";
import { listTeam, processChoices, TEAM_PER_PAGE } from "./staff-queries.js";
import type { PlanStatus, TeamSector } from "./tables.js";
import { PLAN_FIELDS, StaffPlanPage, StaffPlansPage, TEAM_FIELDS } from "./views/staff-plans.js";
import { commitmentAdminPath, myMilestonesPath, planAdminPath, plansAdminBase, type FailedForm } from "./views/staff-parts.js";
import type { PageContext } from "../../platform/views/context.js";
import type { NavItem } from "../../platform/views/nav.js";

const PLANS_PER_PAGE = 20;
const COMMITMENTS_PER_PAGE = 20;

const query = (request: FastifyRequest) => request.query as Record<string, unknown>;

function planInput(body: unknown): PlanInput {
  return {
    slug: field(body, "slug", 200),
    title: field(body, "title", 400),
    description: field(body, "description", 10_000),
    startsOn: field(body, "startsOn", 20),
    endsOn: field(body, "endsOn", 20),
    status: field(body, "status", 40) as PlanStatus,
    processId: chosenId(field(body, "processId", 20)),
    sourceReference: field(body, "sourceReference", 1000),
    published: checked(body, "published"),
  };
}

/**
 * The plans' links on the administration dashboard (manifest pageLinks.admin): the plans for
 * anyone who may see them, and a department's milestones for its staff.
 */
export function plansAdminLinks(ctx: PageContext, slug: string, municipalityId: number): NavItem[] {
  if (!can(ctx.actor, PLANS.view, { municipalityId })) return [];
  const links = [{ href: plansAdminBase(slug), label: ctx.t("plans:title") }];
  const ownDepartment = ctx.actor.kind === "user" && ctx.actor.memberships.some((m) => m.municipalityId === municipalityId && m.role === "department_staff");
  if (ownDepartment) links.push({ href: myMilestonesPath(slug), label: ctx.t("plans:myMilestones.title") });
  return links;
}

export function registerStaffRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  async function listPage(request: FastifyRequest, reply: FastifyReply, municipality: StaffPlan["municipality"], failed?: FailedForm, status = 200) {
    const page = parsePage(query(request).pagina);
    const canManage = can(request.actor, PLANS.manage, { municipalityId: municipality.id });
    const [{ rows, total }, processes] = await Promise.all([
      listPlans(db, municipality.id, { includeUnpublished: true, page, perPage: PLANS_PER_PAGE }),
      canManage ? processChoices(db, municipality.id) : Promise.resolve([]),
    ]);
    const ctx = request.pageContext({ municipality });
    return reply.page(StaffPlansPage({ ctx, plans: rows, info: { page, perPage: PLANS_PER_PAGE, total }, canManage, processes, failed }), status);
  }

  app.get("/:slug/admin/planes", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const municipality = await staffMunicipality(request, reply, services);
    if (!municipality) return reply;
    return listPage(request, reply, municipality);
  });

  app.post("/:slug/admin/planes", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const municipality = await staffMunicipality(request, reply, services);
    if (!municipality) return reply;
    assertManage(request, municipality.id);
    let slug = "";
    return submitForm(
      request,
      reply,
      { name: "create", values: values(request.body, PLAN_FIELDS), done: request.t("plans:flash.created"), redirect: () => planAdminPath(municipality.slug, slug) },
      async () => {
        slug = (await db.transaction().execute((trx) => createPlan(trx, municipality.id, request.actor, planInput(request.body)))).slug;
      },
      (failed, status) => listPage(request, reply, municipality, failed, status),
    );
  });

  async function planPage(request: FastifyRequest, reply: FastifyReply, s: StaffPlan, failed?: FailedForm, status = 200) {
    const { municipality, plan } = s;
    const q = query(request);
    const canManage = can(request.actor, PLANS.manage, { municipalityId: municipality.id });
    const clock = await planClock(db, municipality);
    const commitmentsPage = parsePage(q.compromisos);
    const teamPage = parsePage(q.equipo);
    const draftsPage = parsePage(q.borradores);
    const [all, team, drafts, processes] = await Promise.all([
      listCommitmentSummaries(db, municipality.id, { planId: plan.id }, clock),
      listTeam(db, municipality.id, plan.id, teamPage),
      canManage && plan.processId !== null ? pageCommitmentDrafts(db, municipality.id, plan.processId, "draft", draftsPage) : Promise.resolve(null),
      processChoices(db, municipality.id),
    ]);
    const start = (commitmentsPage - 1) * COMMITMENTS_PER_PAGE;
    return reply.page(
      StaffPlanPage({
        ctx: request.pageContext({ municipality }),
        plan,
        canManage,
        overall: planProgress(all),
        commitments: all.slice(start, start + COMMITMENTS_PER_PAGE),
        commitmentsInfo: { page: commitmentsPage, perPage: COMMITMENTS_PER_PAGE, total: all.length },
        team: team.rows,
        teamInfo: { page: teamPage, perPage: TEAM_PER_PAGE, total: team.total },
        drafts: drafts?.rows ?? null,
        draftsInfo: { page: draftsPage, perPage: DRAFTS_PER_PAGE, total: drafts?.total ?? 0 },
        processes,
        failed,
      }),
      status,
    );
  }

  app.get("/:slug/admin/planes/:plan", { schema: { params: params(), hide: true } }, async (request, reply) => {
    const s = await staffPlan(request, reply, services);
    if (!s) return reply;
    return planPage(request, reply, s);
  });

  app.post("/:slug/admin/planes/:plan", { schema: { params: params(), hide: true } }, async (request, reply) => {
    const s = await staffPlan(request, reply, services);
    if (!s) return reply;
    assertManage(request, s.municipality.id);
    const input = planInput(request.body);
    return submitForm(
      request,
      reply,
      // The slug may change: the page is then at its new address.
      { name: "edit", values: values(request.body, PLAN_FIELDS), done: request.t("plans:flash.saved"), redirect: () => planAdminPath(s.municipality.slug, input.slug.trim().toLowerCase()) },
      () => db.transaction().execute((trx) => updatePlan(trx, s.municipality.id, request.actor, s.plan.id, input)),
      (failed, status) => planPage(request, reply, s, failed, status),
    );
  });

  app.post("/:slug/admin/planes/:plan/equipo", { schema: { params: params(), hide: true } }, async (request, reply) => {
    const s = await staffPlan(request, reply, services);
    if (!s) return reply;
    assertManage(request, s.municipality.id);
    const body = request.body;
    return submitForm(
      request,
      reply,
      { name: "member", values: values(body, TEAM_FIELDS), done: request.t("plans:flash.memberAdded"), redirect: `${planAdminPath(s.municipality.slug, s.plan.slug)}#equipo` },
      () =>
        db.transaction().execute((trx) =>
          addTeamMember(trx, s.municipality.id, request.actor, s.plan.id, {
            sector: field(body, "sector", 40) as TeamSector, organisation: field(body, "organisation", 400), role: field(body, "role", 400),
            personName: field(body, "personName", 400), namePublic: checked(body, "namePublic"),
          }),
        ),
      (failed, status) => planPage(request, reply, s, failed, status),
    );
  });

  app.post("/:slug/admin/planes/:plan/equipo/:memberId/eliminar", { schema: { params: params("memberId"), hide: true } }, async (request, reply) => {
    const s = await staffPlan(request, reply, services);
    if (!s) return reply;
    assertManage(request, s.municipality.id);
    await db.transaction().execute((trx) => removeTeamMember(trx, s.municipality.id, request.actor, s.plan.id, ids(request).memberId));
    reply.flash("success", request.t("plans:flash.memberRemoved"));
    return reply.redirect(`${planAdminPath(s.municipality.slug, s.plan.slug)}#equipo`, 303);
  });

  app.post("/:slug/admin/planes/:plan/borradores/:draftId/adoptar", { schema: { params: params("draftId"), hide: true } }, async (request, reply) => {
    const s = await staffPlan(request, reply, services);
    if (!s) return reply;
    assertManage(request, s.municipality.id);
    let number = 0;
    return submitForm(
      request,
      reply,
      { name: "adopt", values: {}, done: "", redirect: () => commitmentAdminPath(s.municipality.slug, s.plan.slug, number) },
      async () => {
        number = (await db.transaction().execute((trx) => adoptDraftAsCommitment(trx, s.municipality.id, request.actor, s.plan.id, ids(request).draftId))).number;
        reply.flash("success", request.t("plans:flash.adopted", { number }));
      },
      (failed, status) => planPage(request, reply, s, failed, status),
    );
  });

  // Evidence files: public while the plan is published; staff of the municipality see them before.
  app.get("/:slug/planes/:plan/evidencias/:evidenceId", { schema: { params: params("evidenceId"), hide: true } }, async (request, reply) => {
    const municipality = await municipalityOr404(db, request);
    const plan = await findPlanBySlug(db, municipality.id, (request.params as { plan: string }).plan, { includeUnpublished: true });
    if (!plan || (!plan.published && !can(request.actor, PLANS.view, { municipalityId: municipality.id }))) throw notFound(request);
    const file = await findEvidenceFile(db, municipality.id, plan.id, ids(request).evidenceId);
    if (!file) throw notFound(request);
    return sendEvidenceFile(reply, services, file, request.t("errors.notFound"));
  });

  registerCommitmentStaffRoutes(app, services);
  registerMilestoneStaffRoutes(app, services);
}
