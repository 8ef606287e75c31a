/**
 * Public pages of a process's proposals: the list (filters, sort, pages), the form, one proposal
 * with supports and threaded comments, reports and the moderation log. Acting needs the level
 * the process asks for each action (participationGate) and the component open in today's phase.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { anonymousSubmissionLimit } from "../../platform/http/tenant.js";
import { parsePage } from "../../platform/views/components.js";
import { listColonias, findColoniaBySlug, type ActiveMunicipality } from "../territory/queries.js";
import { assertOpen, isOpen, publicProcessOr404, todayIn, type ProcessView } from "../participation/processes.js";
import { currentParticipant, identifyPath, participationGate, requiredLevel } from "../participation/participants.js";
import { addComment, commentThreads, COMMENTS_PER_PAGE } from "./comments.js";
import { draftOfProposal } from "./commitments.js";
import { parseProposalNumber, submitProposal } from "./create.js";
import { fieldErrorsOf, ProposalInputError } from "./errors.js";
import { field, readLocation, readProposalForm, upload, viewerMeets } from "./form.js";
import { LOG_PER_PAGE, moderationLog, reportContent } from "./moderation.js";
import { findPublicProposal, listPublicProposals, PER_PAGE, proposalEvents, proposalImageKeys, readFilters, type PublicProposal } from "./queries.js";
import { listCategories, supportThreshold } from "./settings.js";
import { hasSupported, supportProposal, withdrawSupport } from "./supports.js";
import { EMPTY_PROPOSAL, ModerationLogPage, ProposalFormPage, ReportPage, type ProposalFormValues } from "./views/forms.js";
import { ProposalListPage } from "./views/public-list.js";
import { ProposalPage } from "./views/public-proposal.js";

const text = { type: "string", maxLength: 80 } as const;
export const processParams = { type: "object", properties: { slug: text, process: text }, required: ["slug", "process"] } as const;
export const proposalParams = { type: "object", properties: { slug: text, process: text, proposalId: { type: "string", maxLength: 20 } }, required: ["slug", "process", "proposalId"] } as const;

const COLONIA_OPTIONS = 500;

export async function coloniaOptions(services: Services, municipalityId: number) {
  const found = await listColonias(services.db, municipalityId, { page: 1, perPage: COLONIA_OPTIONS });
  return found.rows.map((c) => ({ slug: c.slug, name: c.name }));
}

/** The proposal of the URL, or 404 (unknown number, or another process's). */
export async function proposalOr404(request: FastifyRequest, services: Services, m: ActiveMunicipality, process: ProcessView): Promise<PublicProposal> {
  const number = parseProposalNumber((request.params as { proposalId: string }).proposalId);
  const p = number === null ? null : await findPublicProposal(services.db, m.id, process.id, number);
  if (!p) throw new HttpProblem(404, request.t("proposals:errors.notFound"));
  return p;
}

/** The form values → service input, reporting colonia and category mistakes like the others. */
export async function proposalInput(services: Services, m: ActiveMunicipality, process: ProcessView, values: ProposalFormValues, channel: "online" | "in_person") {
  const location = readLocation(values);
  let coloniaId: number | null = null;
  if (values.colonia) {
    const colonia = await findColoniaBySlug(services.db, m.id, values.colonia);
    if (!colonia) throw ProposalInputError.single("colonia", "La colonia elegida no existe en este municipio.");
    coloniaId = colonia.id;
  }
  let categoryId: number | null = null;
  if (values.category) {
    const categories = await listCategories(services.db, m.id, process.id);
    categoryId = categories.find((c) => String(c.id) === values.category)?.id ?? null;
    if (categoryId === null) throw ProposalInputError.single("category", "La categoría elegida no existe en este proceso.");
  }
  return { kind: values.kind, title: values.title, body: values.body, coloniaId, categoryId, location, channel };
}

export function publicRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;
  const base = (m: ActiveMunicipality, p: ProcessView) => `/${m.slug}/participa/${p.slug}/propuestas`;
  const processRef = (p: ProcessView) => ({ slug: p.slug, title: p.title });

  app.get("/:slug/participa/:process/propuestas", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const query = request.query as Record<string, unknown>;
    const filters = readFilters(query);
    // A random order keeps its seed in the URL, so the next page continues the same order.
    if (filters.orden === "aleatorio" && query.semilla !== String(filters.semilla)) {
      const q = new URLSearchParams(request.url.split("?")[1] ?? "");
      q.set("semilla", String(filters.semilla));
      return reply.redirect(`${base(m, process)}?${q.toString()}`, 303);
    }
    const page = parsePage(query.pagina);
    const [list, colonias, categories] = await Promise.all([
      listPublicProposals(db, m.id, process.id, filters, page),
      coloniaOptions(services, m.id),
      listCategories(db, m.id, process.id),
    ]);
    const today = todayIn(m.timeZone);
    return reply.page(
      ProposalListPage({
        ctx: request.pageContext({ municipality: m }), process: processRef(process), timeZone: m.timeZone, rows: list.rows,
        info: { page, perPage: PER_PAGE, total: list.total }, filters, colonias, categories, canPropose: isOpen(process, "proposals", today),
      }),
    );
  });

  async function renderForm(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, values: ProposalFormValues, errors?: Record<string, string>, status = 200) {
    const [colonias, categories] = await Promise.all([coloniaOptions(services, m.id), listCategories(db, m.id, process.id)]);
    return reply.page(ProposalFormPage({ ctx: request.pageContext({ municipality: m }), process: processRef(process), values, errors, colonias, categories }), status);
  }

  app.get("/:slug/participa/:process/propuestas/nueva", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    assertOpen(process, "proposals", todayIn(m.timeZone));
    if (!(await participationGate(request, reply, services, process, "propose"))) return reply;
    return renderForm(request, reply, m, process, EMPTY_PROPOSAL);
  });

  app.post("/:slug/participa/:process/propuestas", { schema: { hide: true, params: processParams }, config: anonymousSubmissionLimit(config) }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    assertOpen(process, "proposals", todayIn(m.timeZone));
    const participant = await participationGate(request, reply, services, process, "propose");
    if (!participant) return reply;
    const values = readProposalForm(request.body);
    try {
      const input = await proposalInput(services, m, process, values, "online");
      const created = await submitProposal(services, m.id, { actor: request.actor, participantId: participant.id }, process.id, input, upload(request.body, "image"));
      reply.flash("success", request.t("proposals:flash.created", { folio: created.folio }));
      return reply.redirect(`${base(m, process)}/${created.number}`, 303);
    } catch (error) {
      if (!(error instanceof HttpProblem) || ![400, 422].includes(error.status) || !error.errors) throw error;
      return renderForm(request, reply, m, process, values, fieldErrorsOf(error), 422);
    }
  });

  async function renderProposal(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, p: PublicProposal, commentErrors?: Record<string, string>, commentValue?: string) {
    const today = todayIn(m.timeZone);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const here = `${base(m, process)}/${p.number}`;
    const participant = await currentParticipant(request, services, m.id);
    const [events, comments, threshold, supportLevel, commentLevel, supported, draft] = await Promise.all([
      proposalEvents(db, m.id, p.id),
      commentThreads(db, m.id, p.id, page),
      supportThreshold(db, m.id, process.id),
      requiredLevel(db, m.id, process.id, "support"),
      requiredLevel(db, m.id, process.id, "comment"),
      participant ? hasSupported(db, m.id, p.id, participant.id) : Promise.resolve(false),
      draftOfProposal(db, m.id, p.id),
    ]);
    const identify = (action: "support" | "comment", level: typeof supportLevel) => (viewerMeets(request, participant, level) ? null : identifyPath(m.slug, process.slug, action, here));
    return reply.page(
      ProposalPage({
        ctx: request.pageContext({ municipality: m }), process: processRef(process), timeZone: m.timeZone, p, events, threads: comments.threads,
        commentInfo: { page, perPage: COMMENTS_PER_PAGE, total: comments.total }, threshold, commentErrors, commentValue,
        commitment: draft ? { title: draft.title, status: draft.status } : null,
        actions: {
          support: isOpen(process, "supports", today) ? { open: true, supported, identify: identify("support", supportLevel) } : null,
          comment: isOpen(process, "comments", today) ? { identify: identify("comment", commentLevel) } : null,
          reportHref: (commentId) => `${here}/reportar${commentId === null ? "" : `?comentario=${commentId}`}`,
        },
      }),
      commentErrors ? 422 : 200,
    );
  }

  app.get("/:slug/participa/:process/propuestas/:proposalId", { schema: { hide: true, params: proposalParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const p = await proposalOr404(request, services, m, process);
    return renderProposal(request, reply, m, process, p);
  });

  for (const [suffix, kind] of [["imagen.jpg", "image_key"], ["imagen-min.jpg", "thumbnail_key"]] as const) {
    app.get(`/:slug/participa/:process/propuestas/:proposalId/${suffix}`, { schema: { hide: true, params: proposalParams } }, async (request, reply) => {
      const { municipality: m, process } = await publicProcessOr404(request, services);
      const number = parseProposalNumber((request.params as { proposalId: string }).proposalId);
      const keys = number === null ? null : await proposalImageKeys(db, m.id, process.id, number);
      const key = keys && !keys.hidden_at ? keys[kind] : null;
      const data = key ? await services.storage.get(key) : null;
      if (!data) throw new HttpProblem(404, request.t("errors.notFound"));
      return reply.type("image/jpeg").header("cache-control", "public, max-age=3600").header("x-content-type-options", "nosniff").send(data);
    });
  }

  app.post("/:slug/participa/:process/propuestas/:proposalId/apoyo", { schema: { hide: true, params: proposalParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const p = await proposalOr404(request, services, m, process);
    assertOpen(process, "supports", todayIn(m.timeZone));
    const participant = await participationGate(request, reply, services, process, "support");
    if (!participant) return reply;
    const outcome = await supportProposal(services, m.id, process.id, p.id, participant.id, request.actor);
    const key = !outcome.counted ? "proposals:flash.alreadySupported" : outcome.reachedThreshold ? "proposals:flash.supportedThreshold" : "proposals:flash.supported";
    reply.flash(outcome.counted ? "success" : "info", request.t(key, { folio: p.folio }));
    return reply.redirect(`${base(m, process)}/${p.number}`, 303);
  });

  app.post("/:slug/participa/:process/propuestas/:proposalId/apoyo/retirar", { schema: { hide: true, params: proposalParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const p = await proposalOr404(request, services, m, process);
    assertOpen(process, "supports", todayIn(m.timeZone));
    const participant = await participationGate(request, reply, services, process, "support");
    if (!participant) return reply;
    const removed = await withdrawSupport(db, m.id, process.id, p.id, participant.id, request.actor);
    reply.flash("info", request.t(removed ? "proposals:flash.withdrawn" : "proposals:flash.notSupported", { folio: p.folio }));
    return reply.redirect(`${base(m, process)}/${p.number}`, 303);
  });

  app.post("/:slug/participa/:process/propuestas/:proposalId/comentarios", { schema: { hide: true, params: proposalParams }, config: anonymousSubmissionLimit(config) }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const p = await proposalOr404(request, services, m, process);
    assertOpen(process, "comments", todayIn(m.timeZone));
    const participant = await participationGate(request, reply, services, process, "comment");
    if (!participant) return reply;
    const parentText = field(request.body, "responde_a", 12).trim();
    const parentId = /^\d{1,9}$/.test(parentText) ? Number(parentText) : null;
    const body = parentId !== null ? field(request.body, `respuesta-${parentId}`, 6000) || field(request.body, "comment", 6000) : field(request.body, "comment", 6000);
    try {
      const created = await addComment(db, m.id, process.id, p.id, participant.id, request.actor, { body, parentId });
      reply.flash("success", request.t("proposals:flash.commented"));
      return reply.redirect(`${base(m, process)}/${p.number}#comentario-${created.id}`, 303);
    } catch (error) {
      if (!(error instanceof ProposalInputError)) throw error;
      return renderProposal(request, reply, m, process, p, fieldErrorsOf(error), body);
    }
  });

  const commentOf = (request: FastifyRequest, source: "query" | "body"): number | null => {
    const raw = source === "query" ? (request.query as Record<string, unknown>).comentario : field(request.body, "comentario", 12);
    return typeof raw === "string" && /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : null;
  };

  app.get("/:slug/participa/:process/propuestas/:proposalId/reportar", { schema: { hide: true, params: proposalParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const p = await proposalOr404(request, services, m, process);
    if (!(await participationGate(request, reply, services, process, "report"))) return reply;
    return reply.page(ReportPage({ ctx: request.pageContext({ municipality: m }), process: processRef(process), folio: p.folio, number: p.number, commentId: commentOf(request, "query") }));
  });

  app.post("/:slug/participa/:process/propuestas/:proposalId/reportes", { schema: { hide: true, params: proposalParams }, config: anonymousSubmissionLimit(config) }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const p = await proposalOr404(request, services, m, process);
    const participant = await participationGate(request, reply, services, process, "report");
    if (!participant) return reply;
    const commentId = commentOf(request, "body");
    const values = { reason: field(request.body, "reason", 40), details: field(request.body, "details", 2000) };
    try {
      const counted = await reportContent(db, m.id, process.id, participant.id, request.actor, { proposalId: p.id, commentId }, values);
      reply.flash(counted ? "success" : "info", request.t(counted ? "proposals:flash.reported" : "proposals:flash.alreadyReported"));
      return reply.redirect(`${base(m, process)}/${p.number}`, 303);
    } catch (error) {
      if (!(error instanceof ProposalInputError)) throw error;
      return reply.page(
        ReportPage({ ctx: request.pageContext({ municipality: m }), process: processRef(process), folio: p.folio, number: p.number, commentId, errors: fieldErrorsOf(error), values }),
        422,
      );
    }
  });

  app.get("/:slug/participa/:process/moderacion", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const log = await moderationLog(db, m.id, process.id, page);
    return reply.page(ModerationLogPage({ ctx: request.pageContext({ municipality: m }), process: processRef(process), timeZone: m.timeZone, entries: log.entries, info: { page, perPage: LOG_PER_PAGE, total: log.total } }));
  });
}
