/**
 * Public pages of conversations: the list, the voting page (a form per statement, no JavaScript
 * needed), votes and statements, results with the map, the printable report, the live stream
 * of "analysis updated", and the exports in Polis' open-data layout.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { wantsJson } from "../../platform/http/app.js";
import { anonymousSubmissionLimit, municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import { streamBus } from "../../platform/bus.js";
import { parsePage } from "../../platform/views/components.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { listConversations, statementTexts, type ConversationView } from "./conversations.js";
import { fieldErrorsOf, isFormMistake } from "./errors.js";
import { actingVoter, conversationParams, field, numeric, publicConversationOr404, signInNeeded, viewerParticipantId } from "./http.js";
import { loadStoredAnalysis } from "./analysis-store.js";
import { ANALYSIS_TOPIC } from "./analysis-runner.js";
import { castVote, nextStatement, parseVoteWord, statementVotable, submitStatement } from "./voting.js";
import { ConversationListPage, ResultsPage, VotePage, conversationBase } from "./views/public.js";
import { ReportPage } from "./views/report.js";

export const LIST_PER_PAGE = 20;
export const STATEMENTS_PER_PAGE = 25;

const LIVE_SCRIPT = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "live.js"), "utf8");

export function publicRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;

  // The results page's small script (CSP allows same-origin scripts only); the page works without it.
  app.get("/:slug/opinion/en-vivo.js", { schema: { hide: true, params: slugParams } }, async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(LIVE_SCRIPT),
  );

  app.get("/:slug/opinion", { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const list = await listConversations(db, m.id, page, LIST_PER_PAGE, { publicOnly: true });
    return reply.page(ConversationListPage({ ctx: request.pageContext({ municipality: m }), rows: list.rows, info: { page, perPage: LIST_PER_PAGE, total: list.total } }));
  });

  async function renderVote(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, c: ConversationView, values?: { body: string }, errors?: Record<string, string>) {
    const participantId = await viewerParticipantId(request, services, m.id);
    const next = await nextStatement(db, m.id, c.id, participantId);
    reply.header("cache-control", "no-store");
    return reply.page(VotePage({ ctx: request.pageContext({ municipality: m }), conversation: c, next, canWrite: c.participantStatements && c.status === "open", mustSignIn: signInNeeded(request, c), values, errors }), errors ? 422 : 200);
  }

  app.get("/:slug/opinion/:conversationId", { schema: { hide: true, params: conversationParams } }, async (request, reply) => {
    const { municipality: m, conversation: c } = await publicConversationOr404(request, services);
    if (wantsJson(request)) {
      const next = await nextStatement(db, m.id, c.id, await viewerParticipantId(request, services, m.id));
      return { conversation: { id: c.id, topic: c.topic, status: c.status }, next: next.statement, voted: next.voted, total: next.total };
    }
    return renderVote(request, reply, m, c);
  });

  app.post("/:slug/opinion/:conversationId/votos", { schema: { hide: true, params: conversationParams }, config: { rateLimit: { max: 600, timeWindow: "1 minute" } } }, async (request, reply) => {
    const { municipality: m, conversation: c } = await publicConversationOr404(request, services);
    const statement = numeric(field(request.body, "statement", 12));
    const vote = parseVoteWord(field(request.body, "vote", 12));
    if (statement === null) throw new HttpProblem(422, request.t("opinion:errors.statement"));
    if (c.status !== "open") throw new HttpProblem(422, request.t("opinion:vote.closed"));
    if (!(await statementVotable(db, m.id, c.id, statement))) throw new HttpProblem(422, request.t("opinion:errors.unavailable"));
    const who = await actingVoter(request, reply, services, m, c);
    if (!who) return reply;
    const result = await castVote(db, m.id, c.id, who, statement, vote);
    if (wantsJson(request)) return { ok: true, voter: result.voterNumber, changed: result.changed };
    return reply.redirect(conversationBase(m.slug, c.id), 303);
  });

  app.post("/:slug/opinion/:conversationId/afirmaciones", { schema: { hide: true, params: conversationParams }, config: anonymousSubmissionLimit(config) }, async (request, reply) => {
    const { municipality: m, conversation: c } = await publicConversationOr404(request, services);
    const body = field(request.body, "body", 2000);
    if (c.status !== "open") throw new HttpProblem(422, request.t("opinion:vote.closed"));
    const who = await actingVoter(request, reply, services, m, c);
    if (!who) return reply;
    try {
      const s = await submitStatement(db, m.id, c.id, who, body);
      if (wantsJson(request)) return reply.code(201).send({ number: s.number, pending: s.pending });
      reply.flash("success", request.t(s.pending ? "opinion:flash.pending" : "opinion:flash.published"));
      return reply.redirect(conversationBase(m.slug, c.id), 303);
    } catch (error) {
      if (!isFormMistake(error) || wantsJson(request)) throw error;
      return renderVote(request, reply, m, c, { body }, fieldErrorsOf(error));
    }
  });

  async function resultsData(m: ActiveMunicipality, c: ConversationView) {
    const [stored, texts] = await Promise.all([loadStoredAnalysis(db, m.id, c.id), statementTexts(db, m.id, c.id)]);
    return { stored, texts };
  }

  app.get("/:slug/opinion/:conversationId/resultados", { schema: { hide: true, params: conversationParams } }, async (request, reply) => {
    const { municipality: m, conversation: c } = await publicConversationOr404(request, services);
    const { stored, texts } = await resultsData(m, c);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const all = stored?.result.statements ?? [];
    const rows = all.slice((page - 1) * STATEMENTS_PER_PAGE, page * STATEMENTS_PER_PAGE);
    return reply.page(
      ResultsPage({
        ctx: request.pageContext({ municipality: m }), conversation: c, result: stored?.result ?? null, computedAt: stored?.computedAt ?? null, texts,
        statementRows: rows, info: { page, perPage: STATEMENTS_PER_PAGE, total: all.length }, timeZone: m.timeZone,
      }),
    );
  });

  app.get("/:slug/opinion/:conversationId/informe", { schema: { hide: true, params: conversationParams } }, async (request, reply) => {
    const { municipality: m, conversation: c } = await publicConversationOr404(request, services);
    const { stored, texts } = await resultsData(m, c);
    return reply.page(ReportPage({ ctx: request.pageContext({ municipality: m }), conversation: c, result: stored?.result ?? null, computedAt: stored?.computedAt ?? null, texts, timeZone: m.timeZone, municipalityName: m.name }));
  });

  app.get("/:slug/opinion/:conversationId/eventos", { schema: { hide: true, params: conversationParams } }, async (request, reply) => {
    const { municipality: m, conversation: c } = await publicConversationOr404(request, services);
    await streamBus(
      request, reply, services.bus,
      (msg) => msg.topic === ANALYSIS_TOPIC && msg.municipalityId === m.id && Number(msg.data.conversationId) === c.id,
      (msg) => ({ event: "analisis", data: { conversacion: c.id, grupos: Number(msg.data.groups ?? 0), participantes: Number(msg.data.participants ?? 0), resultados: `${conversationBase(m.slug, c.id)}/resultados` } }),
    );
    return reply;
  });
}
