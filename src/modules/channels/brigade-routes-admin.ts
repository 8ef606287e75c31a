/**
 * Staff pages of brigades: the list and creation (channel managers), a brigade's page with its
 * summary and follow-up list (its coordinators too), and the forms of its route, members and data
 * (channel managers).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { forbidden, HttpProblem, unauthorized } from "../../platform/http/problem.js";
import { authorizeInMunicipality, loginUrl, municipalityOr404, pathParams, slugParams } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { listPublicProcesses } from "../participation/team.js";
import { chosenId, field, optionalId, submitForm, values } from "../plans/staff-http.js";
import type { FailedForm } from "../plans/views/staff-parts.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { brigadeSubject, coloniaChoices, findBrigadeBySlug, isBrigadeMemberIn, listBrigades, listMembers, listRoute, type BrigadeRow } from "./brigade-queries.js";
import { addStop, createBrigade, removeMember, removeStop, saveMember, updateBrigade, type BrigadeInput } from "./brigade-service.js";
import { listFollowUp, staffBrigadeSummary } from "./brigade-summary.js";
import { CHANNELS } from "./policy.js";
import * as u from "./urls.js";
import { AdminBrigadePage, AdminBrigadesPage, BRIGADE_FIELDS, MEMBER_FIELDS, STOP_FIELDS } from "./views/brigade-admin.js";

const BRIGADES_PER_PAGE = 20;
const FOLLOW_UP_PER_PAGE = 25;
const ROUTE_PER_PAGE = 50;
const MEMBERS_PER_PAGE = 50;
const PROCESS_CHOICES = 100;

const brigadeParams = pathParams(["brigade"]);
const memberParams = pathParams(["brigade"], ["userId"]);
const query = (request: FastifyRequest) => request.query as Record<string, unknown>;

function brigadeInput(body: unknown): BrigadeInput {
  return {
    name: field(body, "name", 400),
    slug: field(body, "slug", 200),
    description: field(body, "description", 10_000),
    startsOn: field(body, "startsOn", 20),
    endsOn: field(body, "endsOn", 20),
    status: field(body, "status", 40),
    processId: chosenId(field(body, "processId", 20)),
  };
}

interface StaffBrigade {
  municipality: ActiveMunicipality;
  brigade: BrigadeRow;
  canManage: boolean;
}

export function registerBrigadeAdminRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;
  const manager = (request: FastifyRequest, reply: FastifyReply) => authorizeInMunicipality(db, request, reply, CHANNELS.manage);
  const processes = async (municipalityId: number) =>
    (await listPublicProcesses(db, municipalityId, 1, PROCESS_CHOICES, true)).rows.map((p) => ({ id: p.id, name: p.title, slug: p.slug }));
  const notFound = (request: FastifyRequest) => new HttpProblem(404, request.t("brigades:notFound"));

  /** A brigade's page: channel managers, and its coordinators (brigades.view); anonymous GET → login. */
  async function viewable(request: FastifyRequest, reply: FastifyReply): Promise<StaffBrigade | null> {
    const municipality = await municipalityOr404(db, request);
    const actor = request.actor;
    if (actor.kind !== "user") {
      if (request.method !== "GET") throw unauthorized(request.t("errors.loginRequired"));
      reply.redirect(loginUrl(request.url));
      return null;
    }
    const canManage = can(actor, CHANNELS.manage, { municipalityId: municipality.id });
    // Someone with no part in this municipality's brigades learns nothing, not even which exist.
    if (!canManage && !(await isBrigadeMemberIn(db, municipality.id, actor.userId))) throw forbidden(request.t("errors.forbidden"));
    const brigade = await findBrigadeBySlug(db, municipality.id, (request.params as { brigade: string }).brigade);
    if (!brigade) throw notFound(request);
    if (!can(actor, CHANNELS.viewBrigade, await brigadeSubject(db, municipality.id, brigade, actor))) throw forbidden(request.t("errors.forbidden"));
    return { municipality, brigade, canManage };
  }

  /** The brigade for a manager's write (anonymous → 401, others → 403, unknown → 404). */
  async function managed(request: FastifyRequest, reply: FastifyReply): Promise<StaffBrigade> {
    const municipality = (await manager(request, reply))!;
    const brigade = await findBrigadeBySlug(db, municipality.id, (request.params as { brigade: string }).brigade);
    if (!brigade) throw notFound(request);
    return { municipality, brigade, canManage: true };
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, municipality: ActiveMunicipality, failed?: FailedForm, status = 200) {
    const page = parsePage(query(request).pagina);
    const [{ rows, total }, choices] = await Promise.all([listBrigades(db, municipality.id, { page, perPage: BRIGADES_PER_PAGE }), processes(municipality.id)]);
    const ctx = request.pageContext({ municipality });
    return reply.page(AdminBrigadesPage({ ctx, brigades: rows, info: { page, perPage: BRIGADES_PER_PAGE, total }, processes: choices, failed }), status);
  }

  app.get("/:slug/admin/brigadas", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const municipality = await manager(request, reply);
    if (!municipality) return reply;
    return listPage(request, reply, municipality);
  });

  app.post("/:slug/admin/brigadas", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const municipality = (await manager(request, reply))!;
    let slug = "";
    return submitForm(
      request,
      reply,
      { name: "create", values: values(request.body, BRIGADE_FIELDS), done: request.t("brigades:flash.created"), redirect: () => u.adminBrigadePath(municipality.slug, slug) },
      async () => {
        slug = (await db.transaction().execute((trx) => createBrigade(trx, municipality.id, request.actor, brigadeInput(request.body)))).slug;
      },
      (failed, status) => listPage(request, reply, municipality, failed, status),
    );
  });

  async function brigadePage(request: FastifyRequest, reply: FastifyReply, s: StaffBrigade, failed?: FailedForm, status = 200) {
    const { municipality: m, brigade, canManage } = s;
    const q = query(request);
    const [followUpPage, routePage, membersPage] = [parsePage(q.seguimiento), parsePage(q.ruta), parsePage(q.integrantes)];
    const [summary, followUp, route, members, colonias, choices] = await Promise.all([
      staffBrigadeSummary(db, m.id, brigade.id),
      listFollowUp(db, m.id, brigade.id, followUpPage, FOLLOW_UP_PER_PAGE),
      listRoute(db, m.id, brigade.id, { page: routePage, perPage: ROUTE_PER_PAGE }),
      listMembers(db, m.id, brigade.id, membersPage, MEMBERS_PER_PAGE),
      canManage ? coloniaChoices(db, m.id) : Promise.resolve([]),
      processes(m.id),
    ]);
    reply.header("cache-control", "no-store");
    return reply.page(
      AdminBrigadePage({
        ctx: request.pageContext({ municipality: m }),
        brigade,
        timeZone: m.timeZone,
        canManage,
        summary,
        followUp: followUp.rows,
        followUpInfo: { page: followUpPage, perPage: FOLLOW_UP_PER_PAGE, total: followUp.total },
        route: route.rows,
        routeInfo: { page: routePage, perPage: ROUTE_PER_PAGE, total: route.total },
        members: members.rows,
        membersInfo: { page: membersPage, perPage: MEMBERS_PER_PAGE, total: members.total },
        colonias,
        processes: choices,
        failed,
      }),
      status,
    );
  }

  app.get("/:slug/admin/brigadas/:brigade", { schema: { params: brigadeParams, hide: true } }, async (request, reply) => {
    const s = await viewable(request, reply);
    if (!s) return reply;
    return brigadePage(request, reply, s);
  });

  app.post("/:slug/admin/brigadas/:brigade", { schema: { params: brigadeParams, hide: true } }, async (request, reply) => {
    const s = await managed(request, reply);
    const input = brigadeInput(request.body);
    return submitForm(
      request,
      reply,
      // The slug may change: the page is then at its new address.
      { name: "edit", values: values(request.body, BRIGADE_FIELDS), done: request.t("brigades:flash.saved"), redirect: () => u.adminBrigadePath(s.municipality.slug, input.slug.trim().toLowerCase()) },
      () => db.transaction().execute((trx) => updateBrigade(trx, s.municipality.id, request.actor, s.brigade.id, input)),
      (failed, status) => brigadePage(request, reply, s, failed, status),
    );
  });

  app.post("/:slug/admin/brigadas/:brigade/ruta", { schema: { params: brigadeParams, hide: true } }, async (request, reply) => {
    const s = await managed(request, reply);
    const body = request.body;
    return submitForm(
      request,
      reply,
      { name: "stop", values: values(body, STOP_FIELDS), done: request.t("brigades:flash.stopAdded"), redirect: `${u.adminBrigadePath(s.municipality.slug, s.brigade.slug)}#ruta` },
      () => db.transaction().execute((trx) => addStop(trx, s.municipality.id, request.actor, s.brigade.id, { coloniaId: optionalId(field(body, "coloniaId", 20)), visitOn: field(body, "visitOn", 20) })),
      (failed, status) => brigadePage(request, reply, s, failed, status),
    );
  });

  app.post("/:slug/admin/brigadas/:brigade/ruta/eliminar", { schema: { params: brigadeParams, hide: true } }, async (request, reply) => {
    const s = await managed(request, reply);
    const coloniaId = optionalId(field(request.body, "coloniaId", 20));
    const visitOn = field(request.body, "visitOn", 20);
    if (coloniaId === null || !/^\d{4}-\d{2}-\d{2}$/.test(visitOn)) throw new HttpProblem(400, request.t("brigades:route.gone"));
    await db.transaction().execute((trx) => removeStop(trx, s.municipality.id, request.actor, s.brigade.id, { coloniaId, visitOn }));
    reply.flash("success", request.t("brigades:flash.stopRemoved"));
    return reply.redirect(`${u.adminBrigadePath(s.municipality.slug, s.brigade.slug)}#ruta`, 303);
  });

  app.post("/:slug/admin/brigadas/:brigade/integrantes", { schema: { params: brigadeParams, hide: true } }, async (request, reply) => {
    const s = await managed(request, reply);
    const body = request.body;
    let added = true;
    return submitForm(
      request,
      reply,
      { name: "member", values: values(body, MEMBER_FIELDS), done: "", redirect: `${u.adminBrigadePath(s.municipality.slug, s.brigade.slug)}#integrantes` },
      async () => {
        added = (await db.transaction().execute((trx) => saveMember(trx, s.municipality.id, request.actor, s.brigade.id, { email: field(body, "email", 300), role: field(body, "role", 40) }))).added;
        reply.flash("success", request.t(added ? "brigades:flash.memberAdded" : "brigades:flash.memberRole"));
      },
      (failed, status) => brigadePage(request, reply, s, failed, status),
    );
  });

  app.post("/:slug/admin/brigadas/:brigade/integrantes/:userId/eliminar", { schema: { params: memberParams, hide: true } }, async (request, reply) => {
    const s = await managed(request, reply);
    await db.transaction().execute((trx) => removeMember(trx, s.municipality.id, request.actor, s.brigade.id, (request.params as { userId: number }).userId));
    reply.flash("success", request.t("brigades:flash.memberRemoved"));
    return reply.redirect(`${u.adminBrigadePath(s.municipality.slug, s.brigade.slug)}#integrantes`, 303);
  });
}
