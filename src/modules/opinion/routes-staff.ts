/** Staff pages of conversations (administrators and the participation team of the municipality). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { authorizeInMunicipality, slugParams } from "../../platform/http/tenant.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { parsePage } from "../../platform/views/components.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import {
  addSeedStatement, createConversation, findConversation, listConversations, listStatements, moderateStatement, setConversationStatus, updateConversation,
  type ConversationInput, type ConversationView,
} from "./conversations.js";
import { fieldErrorsOf, isFormMistake } from "./errors.js";
import { conversationParams, field, numeric, statementParams } from "./http.js";
import { loadStoredAnalysis } from "./analysis-store.js";
import { recomputeConversation } from "./analysis-runner.js";
import { OPINION_MANAGE } from "./policy.js";
import { adminBase, EMPTY_CONVERSATION, StaffConversationPage, StaffListPage, type ConversationFormValues } from "./views/staff.js";

export const STAFF_PER_PAGE = 25;

function readForm(body: unknown): ConversationFormValues {
  return {
    topic: field(body, "topic", 300), description: field(body, "description", 6000), moderation: field(body, "moderation", 10), identity: field(body, "identity", 12),
    participantStatements: field(body, "participantStatements", 2) === "1", process: field(body, "process", 12), seeds: field(body, "seeds", 50_000),
  };
}

function toInput(v: ConversationFormValues): ConversationInput {
  return { topic: v.topic, description: v.description, moderation: v.moderation, identity: v.identity, participantStatements: v.participantStatements, processId: numeric(v.process) };
}

const formValues = (c: ConversationView): ConversationFormValues => ({
  topic: c.topic, description: c.description, moderation: c.moderation, identity: c.identity, participantStatements: c.participantStatements, process: c.processId === null ? "" : String(c.processId),
});

export function staffRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  const processes = (m: ActiveMunicipality) => db.selectFrom("participatory_processes").select(["id", "title"]).where("municipality_id", "=", m.id).orderBy("id", "desc").limit(200).execute();

  async function managed(request: FastifyRequest, reply: FastifyReply): Promise<{ m: ActiveMunicipality; c: ConversationView } | null> {
    const m = await authorizeInMunicipality(db, request, reply, OPINION_MANAGE);
    if (!m) return null;
    const cid = numeric((request.params as { conversationId: string }).conversationId);
    const c = cid === null ? null : await findConversation(db, m.id, cid);
    if (!c) throw new HttpProblem(404, request.t("opinion:errors.notFound"));
    return { m, c };
  }

  async function renderList(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, values = EMPTY_CONVERSATION, errors?: Record<string, string>) {
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const [list, procs] = await Promise.all([listConversations(db, m.id, page, STAFF_PER_PAGE), processes(m)]);
    return reply.page(StaffListPage({ ctx: request.pageContext({ municipality: m }), rows: list.rows, info: { page, perPage: STAFF_PER_PAGE, total: list.total }, values, errors, processes: procs }), errors ? 422 : 200);
  }

  async function renderConversation(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, c: ConversationView, extra: { values?: ConversationFormValues; errors?: Record<string, string>; seedError?: string } = {}) {
    const query = request.query as Record<string, unknown>;
    const page = parsePage(query.pagina);
    const queuePage = parsePage(query.cola);
    const [pending, all, procs, stored] = await Promise.all([
      listStatements(db, m.id, c.id, { status: "pending", page: queuePage, perPage: STAFF_PER_PAGE }),
      listStatements(db, m.id, c.id, { page, perPage: STAFF_PER_PAGE }),
      processes(m),
      loadStoredAnalysis(db, m.id, c.id),
    ]);
    return reply.page(
      StaffConversationPage({
        ctx: request.pageContext({ municipality: m }), conversation: c, values: extra.values ?? formValues(c), errors: extra.errors, seedError: extra.seedError, processes: procs,
        pending: pending.rows, pendingInfo: { page: queuePage, perPage: STAFF_PER_PAGE, total: pending.total }, statements: all.rows, info: { page, perPage: STAFF_PER_PAGE, total: all.total },
        analysis: stored ? { computedAt: stored.computedAt, durationMs: stored.durationMs, votes: stored.votesCounted, groups: stored.result.groups.length } : null,
      }),
      extra.errors || extra.seedError ? 422 : 200,
    );
  }

  app.get("/:slug/admin/opinion", { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, OPINION_MANAGE);
    if (!m) return reply;
    return renderList(request, reply, m);
  });

  app.post("/:slug/admin/opinion", { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, OPINION_MANAGE);
    if (!m) return reply;
    const values = readForm(request.body);
    try {
      const seeds = (values.seeds ?? "").split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
      const c = await createConversation(db, m.id, request.actor, toInput(values), seeds);
      reply.flash("success", request.t("opinion:flash.created"));
      return reply.redirect(`${adminBase(m.slug)}/${c.id}`, 303);
    } catch (error) {
      if (!isFormMistake(error)) throw error;
      return renderList(request, reply, m, values, fieldErrorsOf(error));
    }
  });

  app.get("/:slug/admin/opinion/:conversationId", { schema: { hide: true, params: conversationParams } }, async (request, reply) => {
    const found = await managed(request, reply);
    if (!found) return reply;
    return renderConversation(request, reply, found.m, found.c);
  });

  app.post("/:slug/admin/opinion/:conversationId", { schema: { hide: true, params: conversationParams } }, async (request, reply) => {
    const found = await managed(request, reply);
    if (!found) return reply;
    const values = readForm(request.body);
    try {
      await updateConversation(db, found.m.id, request.actor, found.c.id, toInput(values));
      reply.flash("success", request.t("opinion:flash.saved"));
      return reply.redirect(`${adminBase(found.m.slug)}/${found.c.id}`, 303);
    } catch (error) {
      if (!isFormMistake(error)) throw error;
      return renderConversation(request, reply, found.m, found.c, { values, errors: fieldErrorsOf(error) });
    }
  });

  app.post("/:slug/admin/opinion/:conversationId/estado", { schema: { hide: true, params: conversationParams } }, async (request, reply) => {
    const found = await managed(request, reply);
    if (!found) return reply;
    const status = field(request.body, "status", 10);
    if (status !== "open" && status !== "closed") throw new HttpProblem(422, request.t("opinion:errors.status"));
    await setConversationStatus(db, found.m.id, request.actor, found.c.id, status);
    reply.flash("success", request.t(status === "closed" ? "opinion:flash.closed" : "opinion:flash.reopened"));
    return reply.redirect(`${adminBase(found.m.slug)}/${found.c.id}`, 303);
  });

  app.post("/:slug/admin/opinion/:conversationId/afirmaciones", { schema: { hide: true, params: conversationParams } }, async (request, reply) => {
    const found = await managed(request, reply);
    if (!found) return reply;
    try {
      await addSeedStatement(db, found.m.id, request.actor, found.c.id, field(request.body, "body", 2000));
      reply.flash("success", request.t("opinion:flash.seeded"));
      return reply.redirect(`${adminBase(found.m.slug)}/${found.c.id}`, 303);
    } catch (error) {
      if (!isFormMistake(error)) throw error;
      return renderConversation(request, reply, found.m, found.c, { seedError: error.message });
    }
  });

  app.post("/:slug/admin/opinion/:conversationId/afirmaciones/:statementId/moderar", { schema: { hide: true, params: statementParams } }, async (request, reply) => {
    const found = await managed(request, reply);
    if (!found) return reply;
    const decision = field(request.body, "decision", 10);
    const statementId = numeric((request.params as { statementId: string }).statementId);
    if ((decision !== "accepted" && decision !== "rejected") || statementId === null) throw new HttpProblem(422, request.t("opinion:errors.decision"));
    await moderateStatement(db, found.m.id, request.actor, found.c.id, statementId, decision);
    reply.flash("success", request.t(decision === "accepted" ? "opinion:flash.accepted" : "opinion:flash.rejected"));
    return reply.redirect(`${adminBase(found.m.slug)}/${found.c.id}#moderacion`, 303);
  });

  app.post("/:slug/admin/opinion/:conversationId/recalcular", { schema: { hide: true, params: conversationParams } }, async (request, reply) => {
    const found = await managed(request, reply);
    if (!found) return reply;
    const outcome = await recomputeConversation(services, found.m.id, found.c.id, { force: true });
    await recordAudit(db, { actor: request.actor, municipalityId: found.m.id, action: "opinion.analysis.recompute", subjectType: "opinion_conversation", subjectId: found.c.id, details: { outcome: outcome.status } });
    reply.flash(outcome.status === "computed" ? "success" : "info", request.t(outcome.status === "computed" ? "opinion:flash.recomputed" : "opinion:flash.busy"));
    return reply.redirect(`${adminBase(found.m.slug)}/${found.c.id}`, 303);
  });
}
