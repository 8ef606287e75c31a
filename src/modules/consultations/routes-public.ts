/**
 * Public consultation pages: the list of a process's consultations and sessions, answering
 * (form without JavaScript, or JSON), results by channel and colonia, text answers, sessions
 * with their photos. Participants are never shown: answers appear by respondent number only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { wantsJson } from "../../platform/http/app.js";
import { anonymousSubmissionLimit } from "../../platform/http/tenant.js";
import { parsePage } from "../../platform/views/components.js";
import type { Services } from "../../platform/services.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { findColoniaBySlug, listColonias, type ActiveMunicipality } from "../territory/queries.js";
import { ParticipationInputError } from "../participation/errors.js";
import { assertOpen, publicProcessOr404, todayIn, type ProcessView } from "../participation/processes.js";
import { currentParticipant, participationGate } from "../participation/participants.js";
import { canManageParticipation } from "../participation/policy.js";
import { checkAnswers, rawAnswersFromForm, rawAnswersFromJson, type FieldErrors, type RawAnswers } from "./questions.js";
import { consultationState, listConsultations, listSessions, loadConsultation, loadSession, respondentColonias, resultsArePublic, sessionPhotos, type ConsultationView } from "./queries.js";
import { computeResults, percent, textAnswers, type ConsultationResults } from "./results.js";
import { recordResponse } from "./service.js";
import { ConsultationListPage, ConsultationPage, ResultsPage, SessionPage, TextAnswersPage, consultationPath, type AnswerFormState } from "./views/public.js";

const TEXTS_PER_PAGE = 25;
const TEXT_PREVIEW = 5;
const MAX_COLONIA_OPTIONS = 3000;

const str = { type: "string", maxLength: 80 } as const;
export const processParams = { type: "object", properties: { slug: str, process: str }, required: ["slug", "process"] } as const;
export const consultationParams = { type: "object", properties: { slug: str, process: str, consultationId: { type: "string", maxLength: 12 } }, required: ["slug", "process", "consultationId"] } as const;

/** The consultation of the URL; drafts exist only for those who manage participation. */
export async function consultationOr404(request: FastifyRequest, services: Services, m: ActiveMunicipality, process: ProcessView, staffView = false): Promise<ConsultationView> {
  const raw = (request.params as { consultationId: string }).consultationId;
  const c = /^\d{1,9}$/.test(raw) ? await loadConsultation(services.db, m.id, process.id, Number(raw)) : null;
  if (!c || (c.status === "draft" && !(staffView || canManageParticipation(request.actor, m.id)))) throw new HttpProblem(404, request.t("errors.notFound"));
  return c;
}

/** Why the consultation takes no answers today, in Spanish; null when it does. */
export function closedReason(request: FastifyRequest, process: ProcessView, c: ConsultationView, today: LocalDate): string | null {
  const state = consultationState(c, today);
  if (state === "draft") return request.t("consultations:page.draft");
  if (state === "upcoming") return request.t("consultations:page.upcoming", { opens: c.opensOn });
  if (state === "closed") return request.t("consultations:page.closed", { closes: c.closesOn });
  try {
    assertOpen(process, "consultations", today);
    return null;
  } catch (error) {
    if (error instanceof HttpProblem) return error.message;
    throw error;
  }
}

export async function coloniaOptions(services: Services, m: ActiveMunicipality) {
  const found = await listColonias(services.db, m.id, { page: 1, perPage: MAX_COLONIA_OPTIONS });
  return found.rows.map((c) => ({ slug: c.slug, name: c.name }));
}

/** The colonia a respondent declared, or null; an unknown one is the respondent's mistake. */
export async function declaredColonia(services: Services, m: ActiveMunicipality, slug: string, errors: FieldErrors): Promise<number | null> {
  if (!slug) return null;
  const colonia = await findColoniaBySlug(services.db, m.id, slug);
  if (!colonia) errors.colonia = "Elija una colonia de la lista.";
  return colonia?.id ?? null;
}

/** Results as open data (no participant, no respondent: only counts). */
export function resultsJson(c: ConsultationView, results: ConsultationResults, colonia: string | null) {
  return {
    consultation: { id: c.id, title: c.title, opensOn: c.opensOn, closesOn: c.closesOn },
    colonia,
    respondents: results.respondents,
    questions: results.questions.map((r) => ({
      id: r.question.id,
      position: r.question.position,
      kind: r.question.kind,
      prompt: r.question.prompt,
      answered: r.answered,
      ...(r.options ? { options: r.options.map((o) => ({ label: o.label, ...o.counts, percent: percent(o.counts.total, r.answered.total) })) } : {}),
      ...(r.borda ? { borda: r.borda.map((b) => ({ label: b.label, points: b.points, averagePlace: b.averagePlace })) } : {}),
      ...(r.scale ? { scale: r.scale } : {}),
    })),
  };
}

export function registerConsultationPublicRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.get("/:slug/participa/:process/consultas", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const today = todayIn(m.timeZone);
    const [consultations, sessions] = await Promise.all([listConsultations(db, m.id, process.id, { includeDrafts: false }), listSessions(db, m.id, process.id)]);
    return reply.page(
      ConsultationListPage({ ctx: request.pageContext({ municipality: m }), municipality: m, process, consultations: consultations.map((c) => ({ c, state: consultationState(c, today) })), sessions }),
    );
  });

  async function renderConsultation(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, c: ConsultationView, form: AnswerFormState, status = 200, alreadyAnswered?: boolean) {
    const today = todayIn(m.timeZone);
    let answered = alreadyAnswered ?? false;
    if (alreadyAnswered === undefined) {
      const me = await currentParticipant(request, services, m.id);
      if (me) {
        const row = await db.selectFrom("consultation_responses").select("id").where("municipality_id", "=", m.id).where("consultation_id", "=", c.id).where("participant_id", "=", me.id).executeTakeFirst();
        answered = Boolean(row);
      }
    }
    return reply.page(
      ConsultationPage({
        ctx: request.pageContext({ municipality: m }),
        municipality: m,
        process,
        consultation: c,
        state: consultationState(c, today),
        closedReason: closedReason(request, process, c, today),
        alreadyAnswered: answered,
        form,
        colonias: await coloniaOptions(services, m),
        resultsPublic: resultsArePublic(c, today),
      }),
      status,
    );
  }

  app.get("/:slug/participa/:process/consultas/:consultationId", { schema: { hide: true, params: consultationParams } }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const c = await consultationOr404(request, services, m, process);
    return renderConsultation(request, reply, m, process, c, { raw: {}, errors: {}, colonia: "" });
  });

  app.post(
    "/:slug/participa/:process/consultas/:consultationId",
    { schema: { hide: true, params: consultationParams }, config: anonymousSubmissionLimit(services.config) },
    async (request, reply) => {
      const { municipality: m, process } = await publicProcessOr404(request, services);
      const c = await consultationOr404(request, services, m, process);
      const json = wantsJson(request) || (request.headers["content-type"] ?? "").includes("application/json");
      const reason = closedReason(request, process, c, todayIn(m.timeZone));
      if (reason) throw new HttpProblem(422, reason);
      const participant = await participationGate(request, reply, services, process, "answer_consultation");
      if (!participant) return reply;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const raw: RawAnswers = json ? rawAnswersFromJson(c.questions, body.answers) : rawAnswersFromForm(c.questions, body);
      const coloniaSlug = typeof body.colonia === "string" ? body.colonia.trim().slice(0, 130) : "";
      const { answers, errors } = checkAnswers(c.questions, raw);
      const coloniaId = await declaredColonia(services, m, coloniaSlug, errors);
      if (Object.keys(errors).length) {
        if (json) throw new ParticipationInputError(Object.entries(errors).map(([field, message]) => ({ field, message })));
        return renderConsultation(request, reply, m, process, c, { raw, errors, colonia: coloniaSlug }, 422, false);
      }
      try {
        const done = await recordResponse(db, m.id, c.id, request.actor, async () => participant, { answers, coloniaId, channel: "online", sessionId: null });
        if (json) return reply.code(201).send({ respondent: done.respondentNumber });
        reply.flash("success", request.t("consultations:page.thanks", { n: done.respondentNumber }));
        return reply.redirect(consultationPath(m, process, c.id), 303);
      } catch (error) {
        if (json || !(error instanceof ParticipationInputError) || error.status !== 409) throw error;
        return renderConsultation(request, reply, m, process, c, { raw: {}, errors: {}, colonia: "" }, 409, true);
      }
    },
  );

  async function visibleResults(request: FastifyRequest) {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const c = await consultationOr404(request, services, m, process);
    if (!resultsArePublic(c, todayIn(m.timeZone)) && !canManageParticipation(request.actor, m.id)) {
      throw new HttpProblem(403, request.t("consultations:results.notYet", { closes: c.closesOn }));
    }
    const q = request.query as Record<string, unknown>;
    const slug = typeof q.colonia === "string" ? q.colonia.trim().slice(0, 130) : "";
    const colonia = slug ? await findColoniaBySlug(db, m.id, slug) : null;
    if (slug && !colonia) throw new HttpProblem(404, request.t("consultations:results.unknownColonia"));
    return { m, process, c, colonia };
  }

  app.get("/:slug/participa/:process/consultas/:consultationId/resultados", { schema: { hide: true, params: consultationParams } }, async (request, reply) => {
    const { m, process, c, colonia } = await visibleResults(request);
    const [results, colonias] = await Promise.all([computeResults(db, m.id, c.id, c.questions, { coloniaId: colonia?.id }), respondentColonias(db, m.id, c.id)]);
    const textPreview = new Map<number, Awaited<ReturnType<typeof textAnswers>>>();
    for (const q of c.questions.filter((x) => x.kind === "text")) textPreview.set(q.id, await textAnswers(db, m.id, c.id, q.id, { page: 1, perPage: TEXT_PREVIEW, coloniaId: colonia?.id }));
    return reply.page(ResultsPage({ ctx: request.pageContext({ municipality: m }), municipality: m, process, consultation: c, results, colonias, coloniaSlug: colonia?.slug ?? "", textPreview }));
  });

  app.get("/:slug/participa/:process/consultas/:consultationId/resultados.json", { schema: { hide: true, params: consultationParams } }, async (request, reply) => {
    const { m, c, colonia } = await visibleResults(request);
    const results = await computeResults(db, m.id, c.id, c.questions, { coloniaId: colonia?.id });
    return reply.header("access-control-allow-origin", "*").send(resultsJson(c, results, colonia?.slug ?? null));
  });

  app.get(
    "/:slug/participa/:process/consultas/:consultationId/textos/:questionId",
    { schema: { hide: true, params: { type: "object", properties: { ...consultationParams.properties, questionId: { type: "string", maxLength: 12 } }, required: ["slug", "process", "consultationId", "questionId"] } } },
    async (request, reply) => {
      const { m, process, c, colonia } = await visibleResults(request);
      const { questionId } = request.params as { questionId: string };
      const q = c.questions.find((x) => String(x.id) === questionId && x.kind === "text");
      if (!q) throw new HttpProblem(404, request.t("errors.notFound"));
      const page = parsePage((request.query as Record<string, unknown>).pagina);
      const { rows, total } = await textAnswers(db, m.id, c.id, q.id, { page, perPage: TEXTS_PER_PAGE, coloniaId: colonia?.id });
      return reply.page(TextAnswersPage({ ctx: request.pageContext({ municipality: m }), municipality: m, process, consultation: c, prompt: q.prompt, rows, info: { page, perPage: TEXTS_PER_PAGE, total } }));
    },
  );

  const sessionParams = { type: "object", properties: { slug: str, process: str, sessionId: { type: "string", maxLength: 12 } }, required: ["slug", "process", "sessionId"] } as const;
  async function sessionOr404(request: FastifyRequest) {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const raw = (request.params as { sessionId: string }).sessionId;
    const session = /^\d{1,9}$/.test(raw) ? await loadSession(db, m.id, process.id, Number(raw)) : null;
    if (!session) throw new HttpProblem(404, request.t("errors.notFound"));
    return { m, process, session };
  }

  app.get("/:slug/participa/:process/sesiones/:sessionId", { schema: { hide: true, params: sessionParams } }, async (request, reply) => {
    const { m, process, session } = await sessionOr404(request);
    return reply.page(SessionPage({ ctx: request.pageContext({ municipality: m }), municipality: m, process, session, photos: await sessionPhotos(db, m.id, session.id) }));
  });

  // Only the processed JPEGs sessions.ts stored (EXIF stripped), found through the session: never an arbitrary key.
  app.get(
    "/:slug/participa/:process/sesiones/:sessionId/fotos/:file",
    { schema: { hide: true, params: { type: "object", properties: { ...sessionParams.properties, file: { type: "string", maxLength: 40 } }, required: ["slug", "process", "sessionId", "file"] } } },
    async (request, reply) => {
      const { m, session } = await sessionOr404(request);
      const match = /^(\d{1,9})(-min)?\.jpg$/.exec((request.params as { file: string }).file);
      const photo = match ? (await sessionPhotos(db, m.id, session.id)).find((p) => String(p.id) === match[1]) : undefined;
      const data = photo ? await services.storage.get(match![2] ? photo.thumbnailKey : photo.storageKey) : null;
      if (!data) throw new HttpProblem(404, request.t("errors.notFound"));
      return reply.type("image/jpeg").header("cache-control", "public, max-age=86400").header("x-content-type-options", "nosniff").send(data);
    },
  );
}
