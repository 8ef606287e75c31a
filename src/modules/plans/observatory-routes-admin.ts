/**
 * Staff pages of observatories (`/:slug/admin/observatorios`): plans.view to look, plans.manage to
 * register observatories and add or remove their members (existing accounts, by e-mail).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { authorizeInMunicipality } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import { parsePage } from "../../platform/views/components.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { findObservatory, listObservatories, staffObservatoryMembers, type ObservatoryRow } from "./observatory-queries.js";
import { addObservatoryMember, registerObservatory, removeObservatoryMember } from "./observatory-service.js";
import { PLANS } from "./policy.js";
import { pageNumber, paramsOf, routeParams } from "./review-http.js";
import { checked, field, notFound, submitForm, values } from "./staff-http.js";
import { normalizeSlug } from "./review-checks.js";
import { adminObservatoryUrl } from "./review-urls.js";
import type { ObservatoryRole } from "./tables.js";
import { AdminObservatoriesPage, AdminObservatoryPage } from "./views/observatory-admin.js";
import type { FailedForm } from "./views/staff-parts.js";

const PER_PAGE = 20;

type Managed = { municipality: ActiveMunicipality; observatory: ObservatoryRow };

export function registerObservatoryAdminRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;
  const canManage = (request: FastifyRequest, municipality: ActiveMunicipality) => can(request.actor, PLANS.manage, { municipalityId: municipality.id });

  async function listPage(request: FastifyRequest, reply: FastifyReply, municipality: ActiveMunicipality, failed?: FailedForm, status = 200) {
    const page = parsePage(pageNumber(request, "pagina"));
    const { rows, total } = await listObservatories(db, municipality.id, { page, perPage: PER_PAGE, activeOnly: false });
    return reply.page(AdminObservatoriesPage({ ctx: request.pageContext({ municipality }), observatories: rows, info: { page, perPage: PER_PAGE, total }, canManage: canManage(request, municipality), failed }), status);
  }

  const slugOnly = { schema: { params: routeParams([]), hide: true } };

  app.get("/:slug/admin/observatorios", slugOnly, async (request, reply) => {
    const municipality = await authorizeInMunicipality(db, request, reply, PLANS.view);
    return municipality ? listPage(request, reply, municipality) : reply;
  });

  app.post("/:slug/admin/observatorios", slugOnly, async (request, reply) => {
    const municipality = await authorizeInMunicipality(db, request, reply, PLANS.manage);
    if (!municipality) return reply;
    const input = values(request.body, ["name", "slug", "description", "website"]);
    return submitForm(
      request, reply,
      { name: "register", values: input, done: request.t("plansReview:observatoryRegistered"), redirect: () => adminObservatoryUrl(municipality.slug, normalizeSlug(input.slug!)) },
      () => db.transaction().execute((trx) =>
        registerObservatory(trx, municipality.id, request.actor, { slug: input.slug!.slice(0, 200), name: input.name!.slice(0, 400), description: input.description!.slice(0, 8000), website: input.website!.slice(0, 1100) || null }),
      ),
      (failed, status) => listPage(request, reply, municipality, failed, status),
    );
  });

  async function managed(request: FastifyRequest, reply: FastifyReply, action: string): Promise<Managed | null> {
    const municipality = await authorizeInMunicipality(db, request, reply, action);
    if (!municipality) return null;
    const observatory = await findObservatory(db, municipality.id, paramsOf(request).observatory);
    if (!observatory) throw notFound(request);
    return { municipality, observatory };
  }

  async function observatoryPage(request: FastifyRequest, reply: FastifyReply, s: Managed, failed?: FailedForm, status = 200) {
    const page = parsePage(pageNumber(request, "pagina"));
    const manage = canManage(request, s.municipality);
    const { rows, total } = await staffObservatoryMembers(db, s.municipality.id, s.observatory.id, { page, perPage: PER_PAGE, withAccounts: manage });
    return reply.page(
      AdminObservatoryPage({
        ctx: request.pageContext({ municipality: s.municipality }), timeZone: s.municipality.timeZone, observatory: s.observatory,
        members: rows, info: { page, perPage: PER_PAGE, total }, canManage: manage, failed,
      }),
      status,
    );
  }

  app.get("/:slug/admin/observatorios/:observatory", { schema: { params: routeParams(["observatory"]), hide: true } }, async (request, reply) => {
    const s = await managed(request, reply, PLANS.view);
    return s ? observatoryPage(request, reply, s) : reply;
  });

  app.post("/:slug/admin/observatorios/:observatory/integrantes", { schema: { params: routeParams(["observatory"]), hide: true } }, async (request, reply) => {
    const s = await managed(request, reply, PLANS.manage);
    if (!s) return reply;
    const input = values(request.body, ["email", "role", "publicName", "namePublic"]);
    return submitForm(
      request, reply,
      { name: "member", values: input, done: request.t("plansReview:memberAdded"), redirect: `${adminObservatoryUrl(s.municipality.slug, s.observatory.slug)}#integrantes` },
      () => db.transaction().execute((trx) =>
        addObservatoryMember(trx, s.municipality.id, request.actor, s.observatory.id, {
          email: field(request.body, "email", 300), role: field(request.body, "role", 40) as ObservatoryRole, publicName: field(request.body, "publicName", 400), namePublic: checked(request.body, "namePublic"),
        }),
      ),
      (failed, status) => observatoryPage(request, reply, s, failed, status),
    );
  });

  app.post("/:slug/admin/observatorios/:observatory/integrantes/:userId/quitar", { schema: { params: routeParams(["observatory"], ["userId"]), hide: true } }, async (request, reply) => {
    const s = await managed(request, reply, PLANS.manage);
    if (!s) return reply;
    await db.transaction().execute((trx) => removeObservatoryMember(trx, s.municipality.id, request.actor, s.observatory.id, paramsOf(request).userId));
    reply.flash("success", request.t("plansReview:memberRemoved"));
    return reply.redirect(`${adminObservatoryUrl(s.municipality.slug, s.observatory.slug)}#integrantes`, 303);
  });
}
