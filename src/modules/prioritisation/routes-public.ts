/**
 * Public prioritisation pages of a process: the approval ballot (/votaciones), the participatory
 * budget ballot (/presupuesto), pairwise comparison (/comparaciones) and each one's results.
 * Ballot forms work without JavaScript; the same POST routes answer JSON to scripts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { wantsJson } from "../../platform/http/app.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { ParticipationInputError } from "../participation/errors.js";
import { ruleSentence } from "../participation/participation-rules.js";
import {
  currentParticipant, ensureAccountParticipant, identifyPath, meetsLevel, participationGate, requiredLevel, type Participant,
} from "../participation/participants.js";
import { assertOpen, isOpen, publicProcessOr404, todayIn, type ProcessView } from "../participation/processes.js";
import type { Component, ParticipationAction } from "../participation/tables.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { castBallot, findBallot, readItemIds, type BallotKind } from "./ballots.js";
import { itemsOf } from "./items.js";
import { answerPair, currentOffer, readPairAnswer } from "./pairwise.js";
import { approvalResults, budgetResults, pairwiseResults } from "./results.js";
import { loadSettings } from "./settings.js";
import { BallotPage, PairwisePage, type Gate } from "./views/ballot.js";
import { ApprovalResultsPage, BudgetResultsPage, PairwiseResultsPage } from "./views/results.js";

export const RESULTS_PAGE_SIZE = 50;

export const processParams = {
  type: "object",
  properties: { slug: { type: "string", maxLength: 80 }, process: { type: "string", maxLength: 80 } },
  required: ["slug", "process"],
} as const;

const METHOD = {
  approval: { path: "votaciones", component: "approval_voting", action: "approval_vote" },
  budget: { path: "presupuesto", component: "budgeting", action: "budget_vote" },
} as const;

/** Why a component is closed, in the core's Spanish words; null when open. */
export function closedReason(process: ProcessView, component: Component, today: string): string | null {
  try {
    assertOpen(process, component, today);
    return null;
  } catch (error) {
    if (error instanceof HttpProblem) return error.message;
    throw error;
  }
}

/** Who is looking, and whether they may take part in `action` (without creating anything for anonymous visitors). */
async function viewer(request: FastifyRequest, services: Services, m: ActiveMunicipality, process: ProcessView, action: ParticipationAction): Promise<{ participant: Participant | null; gate: Gate }> {
  const level = await requiredLevel(services.db, m.id, process.id, action);
  const participant = request.actor.kind === "user" ? await ensureAccountParticipant(services.db, request, m.id) : await currentParticipant(request, services, m.id);
  const ok = meetsLevel(participant, level);
  const path = new URL(request.url, "http://x").pathname;
  return { participant: ok ? participant : null, gate: { rule: ruleSentence(action, level), identifyHref: ok ? null : identifyPath(m.slug, process.slug, action, path) } };
}

export function registerPublicRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  async function renderBallot(request: FastifyRequest, reply: FastifyReply, kind: BallotKind, m: ActiveMunicipality, process: ProcessView, submitted?: { ids: number[]; errors: Record<string, string>; status: number }) {
    const today = todayIn(m.timeZone);
    const { participant, gate } = await viewer(request, services, m, process, METHOD[kind].action);
    const [items, settings, ballot] = await Promise.all([
      itemsOf(db, m.id, process.id, kind),
      loadSettings(db, m.id, process.id),
      participant ? findBallot(db, kind, m.id, process.id, participant.id) : Promise.resolve(null),
    ]);
    return reply.page(
      BallotPage({
        ctx: request.pageContext({ municipality: m }),
        process,
        kind,
        items,
        selected: submitted?.ids ?? ballot?.itemIds ?? [],
        hasBallot: ballot !== null,
        open: isOpen(process, METHOD[kind].component, today),
        closedReason: closedReason(process, METHOD[kind].component, today),
        gate,
        approvalLimit: settings.approvalLimit,
        budgetTotal: settings.budgetTotal,
        errors: submitted?.errors,
      }),
      submitted?.status ?? 200,
    );
  }

  for (const kind of ["approval", "budget"] as const) {
    const path = `/:slug/participa/:process/${METHOD[kind].path}`;
    app.get(path, { schema: { hide: true, params: processParams } }, async (request, reply) => {
      const { municipality, process } = await publicProcessOr404(request, services);
      return renderBallot(request, reply, kind, municipality, process);
    });

    app.post(path, { schema: { hide: true, params: processParams } }, async (request, reply) => {
      const { municipality, process } = await publicProcessOr404(request, services);
      const participant = await participationGate(request, reply, services, process, METHOD[kind].action);
      if (!participant) return reply;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const ids = readItemIds(body.items ?? body.item);
      if (ids === null) throw ParticipationInputError.single("items", request.t("prioritisation:badItems"), 400);
      try {
        const result = await castBallot(db, kind, process, participant, ids, { actor: request.actor, today: todayIn(municipality.timeZone) });
        if (wantsJson(request)) return reply.send({ status: result, items: [...ids].sort((a, b) => a - b) });
        reply.flash("success", request.t(result === "cast" ? "prioritisation:voteCast" : "prioritisation:voteChanged"));
        return reply.redirect(`/${municipality.slug}/participa/${process.slug}/${METHOD[kind].path}`, 303);
      } catch (error) {
        if (wantsJson(request) || !(error instanceof HttpProblem) || ![409, 422].includes(error.status)) throw error;
        const errors = error instanceof ParticipationInputError ? error.fieldErrors() : { items: error.message };
        return renderBallot(request, reply, kind, municipality, process, { ids, errors, status: error.status });
      }
    });
  }

  const pairPath = "/:slug/participa/:process/comparaciones";
  app.get(pairPath, { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const today = todayIn(m.timeZone);
    const open = isOpen(process, "pairwise", today);
    const { participant, gate } = await viewer(request, services, m, process, "pairwise");
    const items = await itemsOf(db, m.id, process.id, "pairwise");
    const offer = open && participant && items.length >= 3 ? await currentOffer(db, process, participant) : null;
    return reply.page(PairwisePage({ ctx: request.pageContext({ municipality: m }), process, offer, itemCount: items.length, open, closedReason: closedReason(process, "pairwise", today), gate }));
  });

  app.post(pairPath, { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const participant = await participationGate(request, reply, services, process, "pairwise");
    if (!participant) return reply;
    const answer = readPairAnswer(request.body);
    if (!answer) throw new HttpProblem(400, request.t("prioritisation:badPair"));
    const back = `/${m.slug}/participa/${process.slug}/comparaciones`;
    try {
      await answerPair(db, process, participant, answer, request.actor, todayIn(m.timeZone));
    } catch (error) {
      if (wantsJson(request) || !(error instanceof HttpProblem) || error.status !== 409) throw error;
      reply.flash("warning", error.message);
      return reply.redirect(back, 303);
    }
    if (wantsJson(request)) return reply.send({ status: "recorded" });
    reply.flash("success", request.t("prioritisation:pairwise.thanks"));
    return reply.redirect(back, 303);
  });

  const resultsPage = (request: FastifyRequest) => ({ page: parsePage((request.query as Record<string, unknown> | undefined)?.pagina), perPage: RESULTS_PAGE_SIZE });

  app.get("/:slug/participa/:process/votaciones/resultados", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const results = await approvalResults(db, m.id, process.id);
    const info = { ...resultsPage(request), total: results.rows.length };
    return reply.page(ApprovalResultsPage({ ctx: request.pageContext({ municipality: m }), process, info, open: isOpen(process, "approval_voting", todayIn(m.timeZone)), results }));
  });

  app.get("/:slug/participa/:process/presupuesto/resultados", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const results = await budgetResults(db, m.id, process.id);
    const info = { ...resultsPage(request), total: results.rows.length };
    return reply.page(BudgetResultsPage({ ctx: request.pageContext({ municipality: m }), process, info, open: isOpen(process, "budgeting", todayIn(m.timeZone)), results }));
  });

  app.get("/:slug/participa/:process/comparaciones/resultados", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const results = await pairwiseResults(db, m.id, process.id);
    const info = { ...resultsPage(request), total: results.rows.length };
    return reply.page(PairwiseResultsPage({ ctx: request.pageContext({ municipality: m }), process, info, open: isOpen(process, "pairwise", todayIn(m.timeZone)), results }));
  });
}
