/**
 * Inter-municipal commitments and the state view. Public: one agreement with every partner's own
 * commitment (/compromisos-intermunicipales/:shared), the state view and its CSV
 * (/estados/:state/planes). Staff (/:slug/admin/planes/intermunicipales): plan managers convene an
 * agreement, its convener edits it and invites partners, each partner links its own commitment.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { authorizeInMunicipality } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import { parsePage } from "../../platform/views/components.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { PlanInputError } from "./errors.js";
import { PLANS } from "./policy.js";
import { registerSharedSections } from "./shared-sections.js";
import { notFound, submitForm, values } from "./staff-http.js";
import {
  findActiveMunicipalityIdBySlug, findSharedBySlug, invitableMunicipalities, isPartner, linkableCommitments, listSharedForMunicipality,
  partnerProgress, sharedForState, type SharedCommitmentView,
} from "./shared-queries.js";
import { createSharedCommitment, invitePartner, linkCommitment, updateSharedCommitment } from "./shared-service.js";
import { findStateBySlug, listStates } from "./state-names.js";
import { statePlans, statePlansCsv } from "./state-view.js";
import { adminSharedBase, AdminSharedListPage, AdminSharedPage } from "./views/shared-admin.js";
import type { FailedForm } from "./views/staff-parts.js";
import { SharedCommitmentPage } from "./views/shared-public.js";
import { StatePlansPage } from "./views/state-plans.js";

const PER_PAGE = 20;
const SHARED_PER_PAGE = 10;
const name = { type: "string", maxLength: 80 } as const;
const sharedParams = { type: "object", properties: { shared: name }, required: ["shared"] } as const;
const stateParams = { type: "object", properties: { state: name }, required: ["state"] } as const;
const adminParams = { type: "object", properties: { slug: name }, required: ["slug"] } as const;
const adminSharedParams = { type: "object", properties: { slug: name, shared: name }, required: ["slug", "shared"] } as const;

const AGREEMENT_FIELDS = ["slug", "title", "description", "stateCode"];

export function registerSharedRoutes(app: FastifyInstance, services: Services): void {
  registerSharedSections();
  const { db, config } = services;

  // ——— Public ———

  app.get("/compromisos-intermunicipales/:shared", { schema: { params: sharedParams, hide: true } }, async (request, reply) => {
    const shared = await findSharedBySlug(db, (request.params as { shared: string }).shared);
    if (!shared) throw notFound(request);
    return reply.page(SharedCommitmentPage({ ctx: request.pageContext(), shared, partners: await partnerProgress(db, shared) }));
  });

  app.get("/estados/:state/planes", { schema: { params: stateParams, hide: true } }, async (request, reply) => {
    const state = await findStateBySlug(db, (request.params as { state: string }).state);
    if (!state) throw notFound(request);
    const q = request.query as Record<string, unknown>;
    const page = parsePage(q.pagina);
    const sharedPage = parsePage(q.intermunicipales);
    const [plans, shared] = await Promise.all([
      statePlans(db, state, { page, perPage: PER_PAGE }),
      sharedForState(db, state.code, { page: sharedPage, perPage: SHARED_PER_PAGE }),
    ]);
    const blocks = await Promise.all(shared.rows.map(async (s) => ({ shared: s, partners: await partnerProgress(db, s) })));
    return reply.page(
      StatePlansPage({
        ctx: request.pageContext(), state, rows: plans.rows, info: { page, perPage: PER_PAGE, total: plans.total },
        shared: blocks, sharedInfo: { page: sharedPage, perPage: SHARED_PER_PAGE, total: shared.total },
      }),
    );
  });

  app.get("/estados/:state/planes.csv", { schema: { params: stateParams, hide: true } }, async (request, reply) => {
    const state = await findStateBySlug(db, (request.params as { state: string }).state);
    if (!state) throw notFound(request);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="planes-de-accion-${state.slug}.csv"`)
      .header("cache-control", "public, max-age=300")
      .send(statePlansCsv(db, state, config.publicUrl));
  });

  // ——— Staff ———

  const canManage = (request: FastifyRequest, m: ActiveMunicipality) => can(request.actor, PLANS.manage, { municipalityId: m.id });

  async function listPage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, failed?: FailedForm, status = 200) {
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const { rows, total } = await listSharedForMunicipality(db, m.id, { page, perPage: PER_PAGE });
    return reply.page(
      AdminSharedListPage({
        ctx: request.pageContext({ municipality: m }), rows, info: { page, perPage: PER_PAGE, total }, canManage: canManage(request, m),
        states: await listStates(db), defaultStateCode: m.stateCode, failed,
      }),
      status,
    );
  }

  app.get("/:slug/admin/planes/intermunicipales", { schema: { params: adminParams, hide: true } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, PLANS.view);
    if (!m) return reply;
    return listPage(request, reply, m);
  });

  app.post("/:slug/admin/planes/intermunicipales", { schema: { params: adminParams, hide: true } }, async (request, reply) => {
    const m = (await authorizeInMunicipality(db, request, reply, PLANS.manage))!;
    const input = values(request.body, AGREEMENT_FIELDS);
    return submitForm(
      request, reply,
      { name: "create", values: input, done: request.t("plansShared:created"), redirect: () => `${adminSharedBase(m.slug)}/${input.slug!.trim().toLowerCase()}` },
      () => db.transaction().execute((trx) => createSharedCommitment(trx, m.id, request.actor, { slug: input.slug!, title: input.title!, description: input.description!, stateCode: input.stateCode || null })),
      (failed, status) => listPage(request, reply, m, failed, status),
    );
  });

  /** The agreement when the municipality takes part in it (convener or invited); another municipality's staff get 403. */
  async function involvedShared(request: FastifyRequest, m: ActiveMunicipality): Promise<SharedCommitmentView> {
    const shared = await findSharedBySlug(db, (request.params as { shared: string }).shared);
    if (!shared) throw notFound(request);
    if (!(await isPartner(db, shared.id, m.id))) throw new HttpProblem(403, request.t("plansShared:notInvolved"));
    return shared;
  }

  async function sharedPage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, shared: SharedCommitmentView, failed?: FailedForm, status = 200) {
    const isConvener = shared.convener.id === m.id;
    const [partners, states, invitable, linkable] = await Promise.all([
      partnerProgress(db, shared, { ownMunicipalityId: m.id }),
      listStates(db),
      isConvener ? invitableMunicipalities(db, shared.id) : Promise.resolve([]),
      linkableCommitments(db, m.id, shared.id),
    ]);
    return reply.page(
      AdminSharedPage({ ctx: request.pageContext({ municipality: m }), shared, partners, isConvener, canManage: canManage(request, m), states, invitable, linkable, failed }),
      status,
    );
  }

  app.get("/:slug/admin/planes/intermunicipales/:shared", { schema: { params: adminSharedParams, hide: true } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, PLANS.view);
    if (!m) return reply;
    return sharedPage(request, reply, m, await involvedShared(request, m));
  });

  /** Staff POSTs on one agreement: plan managers of a municipality that takes part (of its convener, for `convenerOnly`). */
  async function managedShared(request: FastifyRequest, reply: FastifyReply, convenerOnly = false) {
    const m = (await authorizeInMunicipality(db, request, reply, PLANS.manage))!;
    const shared = await involvedShared(request, m);
    if (convenerOnly && shared.convener.id !== m.id) throw new HttpProblem(403, request.t("plansShared:onlyConvener"));
    return { m, shared };
  }

  app.post("/:slug/admin/planes/intermunicipales/:shared", { schema: { params: adminSharedParams, hide: true } }, async (request, reply) => {
    const { m, shared } = await managedShared(request, reply, true);
    const input = values(request.body, AGREEMENT_FIELDS);
    return submitForm(
      request, reply,
      { name: "edit", values: input, done: request.t("plansShared:saved"), redirect: () => `${adminSharedBase(m.slug)}/${shared.slug}` },
      () => db.transaction().execute((trx) => updateSharedCommitment(trx, m.id, request.actor, shared.id, { title: input.title!, description: input.description!, stateCode: input.stateCode || null })),
      (failed, status) => sharedPage(request, reply, m, shared, failed, status),
    );
  });

  app.post("/:slug/admin/planes/intermunicipales/:shared/socios", { schema: { params: adminSharedParams, hide: true } }, async (request, reply) => {
    const { m, shared } = await managedShared(request, reply, true);
    const input = values(request.body, ["partner"]);
    return submitForm(
      request, reply,
      { name: "invite", values: input, done: request.t("plansShared:invited"), redirect: () => `${adminSharedBase(m.slug)}/${shared.slug}#socios` },
      async () => {
        const partnerId = await findActiveMunicipalityIdBySlug(db, input.partner!.trim());
        if (partnerId === undefined) throw PlanInputError.single("partner", "Elija un municipio activo en Cabildo.");
        await db.transaction().execute((trx) => invitePartner(trx, m.id, request.actor, shared.id, partnerId));
      },
      (failed, status) => sharedPage(request, reply, m, shared, failed, status),
    );
  });

  app.post("/:slug/admin/planes/intermunicipales/:shared/vinculo", { schema: { params: adminSharedParams, hide: true } }, async (request, reply) => {
    const { m, shared } = await managedShared(request, reply);
    const input = values(request.body, ["commitmentId"]);
    const raw = input.commitmentId!.trim();
    return submitForm(
      request, reply,
      { name: "link", values: input, done: request.t(raw ? "plansShared:linked" : "plansShared:unlinked"), redirect: () => `${adminSharedBase(m.slug)}/${shared.slug}#socios` },
      async () => {
        if (raw !== "" && !/^\d{1,9}$/.test(raw)) throw PlanInputError.single("commitmentId", "Elija uno de los compromisos de la lista.");
        await db.transaction().execute((trx) => linkCommitment(trx, m.id, request.actor, shared.id, raw === "" ? null : Number(raw)));
      },
      (failed, status) => sharedPage(request, reply, m, shared, failed, status),
    );
  });
}
