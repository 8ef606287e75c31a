/**
 * Staff pages of consultations (administrators and the participation team): build a
 * consultation and its questions, publish it, enter paper answers gathered at an in-person
 * session, and record sessions with attendance, minutes and photos.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { wantsJson } from "../../platform/http/app.js";
import type { Services } from "../../platform/services.js";
import type { FieldErrors } from "../../platform/views/components.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { ParticipationInputError } from "../participation/errors.js";
import { managedProcessOr404, todayIn, type ProcessView } from "../participation/processes.js";
import { inPersonParticipant } from "../participation/participants.js";
import { checkAnswers, checkQuestion, rawAnswersFromForm } from "./questions.js";
import { consultationState, listConsultations, listSessions, loadSession, sessionPhotos, type ConsultationView } from "./queries.js";
import { addQuestion, createConsultation, deleteQuestion, moveQuestion, publishConsultation, recordResponse, updateConsultation, updateQuestion, withinConsultation, type ConsultationInput } from "./service.js";
import { addSessionPhoto, createSession, EMPTY_SESSION, sessionFormFrom, updateSession, type SessionForm } from "./sessions.js";
import { coloniaOptions, consultationOr404, consultationParams, declaredColonia, processParams } from "./routes-public.js";
import {
  EMPTY_QUESTION, PaperEntryPage, QuestionEditPage, SessionFormPage, StaffConsultationPage, StaffConsultationsPage, adminBase, adminConsultation, questionFormValues,
  type ConsultationFormValues, type PaperFormValues, type QuestionFormValues,
} from "./views/staff.js";

const text = (body: unknown, name: string, max = 20000): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v.slice(0, max) : "";
};

function consultationForm(body: unknown): ConsultationInput & ConsultationFormValues {
  return { title: text(body, "title", 400), description: text(body, "description", 12000), opensOn: text(body, "opensOn", 20), closesOn: text(body, "closesOn", 20), resultsLive: text(body, "resultsLive") === "1" };
}

function questionForm(body: unknown): QuestionFormValues {
  const keys = ["kind", "prompt", "help", "options", "maxChoices", "scaleMin", "scaleMax", "scaleMinLabel", "scaleMaxLabel", "maxLength"] as const;
  const out = { ...EMPTY_QUESTION, required: text(body, "required") === "1" };
  for (const k of keys) out[k] = text(body, k, k === "options" ? 6000 : 1200);
  return out;
}

const formValues = (c: ConsultationView): ConsultationFormValues => ({ title: c.title, description: c.description, opensOn: c.opensOn, closesOn: c.closesOn, resultsLive: c.resultsLive });

/** Field messages of a person's mistake; anything else is rethrown. */
function inputErrors(error: unknown): FieldErrors {
  if (error instanceof ParticipationInputError) return error.fieldErrors();
  throw error;
}

const idParam = (request: FastifyRequest, name: string): number => {
  const raw = (request.params as Record<string, string>)[name] ?? "";
  if (!/^\d{1,9}$/.test(raw)) throw new HttpProblem(404, request.t("errors.notFound"));
  return Number(raw);
};

const questionParams = { type: "object", properties: { ...consultationParams.properties, questionId: { type: "string", maxLength: 12 } }, required: ["slug", "process", "consultationId", "questionId"] } as const;
const sessionParams = { type: "object", properties: { ...processParams.properties, sessionId: { type: "string", maxLength: 12 } }, required: ["slug", "process", "sessionId"] } as const;

export function registerConsultationStaffRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  async function renderList(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, values: ConsultationFormValues, errors: FieldErrors, status = 200) {
    const today = todayIn(m.timeZone);
    const [consultations, sessions] = await Promise.all([listConsultations(db, m.id, process.id, { includeDrafts: true }), listSessions(db, m.id, process.id)]);
    return reply.page(
      StaffConsultationsPage({ ctx: request.pageContext({ municipality: m }), municipality: m, process, consultations: consultations.map((c) => ({ c, state: consultationState(c, today) })), sessions, values, errors }),
      status,
    );
  }

  app.get("/:slug/admin/participa/:process/consultas", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    return renderList(request, reply, found.municipality, found.process, { title: "", description: "", opensOn: "", closesOn: "", resultsLive: false }, {});
  });

  app.post("/:slug/admin/participa/:process/consultas", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const input = consultationForm(request.body);
    try {
      const id = await createConsultation(db, process, request.actor, input);
      if (wantsJson(request)) return reply.code(201).send({ id });
      reply.flash("success", request.t("consultations:staff.created"));
      return reply.redirect(adminConsultation(m, process, id), 303);
    } catch (error) {
      if (wantsJson(request)) throw error;
      return renderList(request, reply, m, process, input, inputErrors(error), 422);
    }
  });

  async function managedConsultation(request: FastifyRequest, reply: FastifyReply) {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return null;
    const c = await consultationOr404(request, services, found.municipality, found.process, true);
    return { m: found.municipality, process: found.process, c };
  }

  async function renderConsultation(
    request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, c: ConsultationView,
    failed: { values?: ConsultationFormValues; errors?: FieldErrors; question?: QuestionFormValues; questionErrors?: FieldErrors } = {}, status = 200,
  ) {
    return reply.page(
      StaffConsultationPage({
        ctx: request.pageContext({ municipality: m }), municipality: m, process, consultation: c, state: consultationState(c, todayIn(m.timeZone)),
        values: failed.values ?? formValues(c), errors: failed.errors ?? {}, question: failed.question ?? EMPTY_QUESTION, questionErrors: failed.questionErrors ?? {},
      }),
      status,
    );
  }

  app.get("/:slug/admin/participa/:process/consultas/:consultationId", { schema: { hide: true, params: consultationParams } }, async (request, reply) => {
    const found = await managedConsultation(request, reply);
    if (!found) return reply;
    return renderConsultation(request, reply, found.m, found.process, found.c);
  });

  app.post("/:slug/admin/participa/:process/consultas/:consultationId", { schema: { hide: true, params: consultationParams } }, async (request, reply) => {
    const found = await managedConsultation(request, reply);
    if (!found) return reply;
    const { m, process, c } = found;
    const input = consultationForm(request.body);
    try {
      await updateConsultation(db, process, c.id, request.actor, input);
    } catch (error) {
      if (wantsJson(request)) throw error;
      return renderConsultation(request, reply, m, process, c, { values: input, errors: inputErrors(error) }, 422);
    }
    reply.flash("success", request.t("consultations:staff.saved"));
    return reply.redirect(adminConsultation(m, process, c.id), 303);
  });

  app.post("/:slug/admin/participa/:process/consultas/:consultationId/publicar", { schema: { hide: true, params: consultationParams } }, async (request, reply) => {
    const found = await managedConsultation(request, reply);
    if (!found) return reply;
    const { m, process, c } = found;
    try {
      await publishConsultation(db, m.id, c.id, request.actor);
    } catch (error) {
      if (wantsJson(request) || !(error instanceof ParticipationInputError)) throw error;
      return renderConsultation(request, reply, m, process, c, { errors: { questions: error.message } }, error.status);
    }
    reply.flash("success", request.t("consultations:staff.published"));
    return reply.redirect(adminConsultation(m, process, c.id), 303);
  });

  app.post("/:slug/admin/participa/:process/consultas/:consultationId/preguntas", { schema: { hide: true, params: consultationParams } }, async (request, reply) => {
    const found = await managedConsultation(request, reply);
    if (!found) return reply;
    const { m, process, c } = found;
    const values = questionForm(request.body);
    const checked = checkQuestion({ ...values, required: values.required ? "1" : "" });
    try {
      if (!checked.ok) throw new ParticipationInputError(Object.entries(checked.errors).map(([field, message]) => ({ field, message })));
      await addQuestion(db, m.id, c.id, request.actor, checked.question);
    } catch (error) {
      if (wantsJson(request)) throw error;
      return renderConsultation(request, reply, m, process, c, { question: values, questionErrors: inputErrors(error) }, error instanceof HttpProblem ? error.status : 422);
    }
    reply.flash("success", request.t("consultations:staff.questionAdded"));
    return reply.redirect(adminConsultation(m, process, c.id), 303);
  });

  app.get("/:slug/admin/participa/:process/consultas/:consultationId/preguntas/:questionId", { schema: { hide: true, params: questionParams } }, async (request, reply) => {
    const found = await managedConsultation(request, reply);
    if (!found) return reply;
    const { m, process, c } = found;
    const q = c.questions.find((x) => x.id === idParam(request, "questionId"));
    if (!q) throw new HttpProblem(404, request.t("errors.notFound"));
    return reply.page(QuestionEditPage({ ctx: request.pageContext({ municipality: m }), municipality: m, process, consultation: c, questionId: q.id, values: questionFormValues(q), errors: {} }));
  });

  app.post("/:slug/admin/participa/:process/consultas/:consultationId/preguntas/:questionId", { schema: { hide: true, params: questionParams } }, async (request, reply) => {
    const found = await managedConsultation(request, reply);
    if (!found) return reply;
    const { m, process, c } = found;
    const questionId = idParam(request, "questionId");
    const values = questionForm(request.body);
    const checked = checkQuestion({ ...values, required: values.required ? "1" : "" });
    try {
      if (!checked.ok) throw new ParticipationInputError(Object.entries(checked.errors).map(([field, message]) => ({ field, message })));
      await updateQuestion(db, m.id, c.id, questionId, request.actor, checked.question);
    } catch (error) {
      if (wantsJson(request)) throw error;
      const errors = inputErrors(error);
      return reply.page(QuestionEditPage({ ctx: request.pageContext({ municipality: m }), municipality: m, process, consultation: c, questionId, values, errors }), (error as HttpProblem).status);
    }
    reply.flash("success", request.t("consultations:staff.saved"));
    return reply.redirect(adminConsultation(m, process, c.id), 303);
  });

  for (const [suffix, act] of [
    ["eliminar", (m: number, c: number, q: number, request: FastifyRequest) => deleteQuestion(db, m, c, q, request.actor)],
    ["mover", (m: number, c: number, q: number, request: FastifyRequest) => moveQuestion(db, m, c, q, text(request.body, "direction") === "up" ? "up" : "down", request.actor)],
  ] as const) {
    app.post(`/:slug/admin/participa/:process/consultas/:consultationId/preguntas/:questionId/${suffix}`, { schema: { hide: true, params: questionParams } }, async (request, reply) => {
      const found = await managedConsultation(request, reply);
      if (!found) return reply;
      const { m, process, c } = found;
      try {
        await act(m.id, c.id, idParam(request, "questionId"), request);
      } catch (error) {
        if (wantsJson(request) || !(error instanceof ParticipationInputError)) throw error;
        return renderConsultation(request, reply, m, process, c, { errors: { questions: error.message } }, error.status);
      }
      reply.flash("success", request.t("consultations:staff.saved"));
      return reply.redirect(adminConsultation(m, process, c.id), 303);
    });
  }

  // ——— Paper answers gathered at an in-person session ———

  async function renderPaper(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, c: ConsultationView, values: PaperFormValues, errors: FieldErrors, status = 200) {
    const sessions = (await listSessions(db, m.id, process.id)).filter((s) => withinConsultation(c, s.heldOn));
    const entered = await db.selectFrom("consultation_responses").select((eb) => eb.fn.countAll<string>().as("n")).where("municipality_id", "=", m.id).where("consultation_id", "=", c.id).where("channel", "=", "in_person").executeTakeFirstOrThrow();
    return reply.page(
      PaperEntryPage({ ctx: request.pageContext({ municipality: m }), municipality: m, process, consultation: c, sessions, colonias: await coloniaOptions(services, m), values, errors, entered: Number(entered.n) }),
      status,
    );
  }

  async function paperConsultation(request: FastifyRequest, reply: FastifyReply) {
    const found = await managedConsultation(request, reply);
    if (!found) return null;
    const state = consultationState(found.c, todayIn(found.m.timeZone));
    if (state === "draft" || state === "upcoming") throw new HttpProblem(422, request.t("consultations:paper.notYet"));
    return found;
  }

  app.get("/:slug/admin/participa/:process/consultas/:consultationId/presencial", { schema: { hide: true, params: consultationParams } }, async (request, reply) => {
    const found = await paperConsultation(request, reply);
    if (!found) return reply;
    return renderPaper(request, reply, found.m, found.process, found.c, { session: "", curp: "", colonia: "", raw: {} }, {});
  });

  app.post("/:slug/admin/participa/:process/consultas/:consultationId/presencial", { schema: { hide: true, params: consultationParams } }, async (request, reply) => {
    const found = await paperConsultation(request, reply);
    if (!found) return reply;
    const { m, process, c } = found;
    const body = request.body;
    const values: PaperFormValues = { session: text(body, "session", 12).trim(), curp: text(body, "curp", 40).trim().toUpperCase(), colonia: text(body, "colonia", 130).trim(), raw: rawAnswersFromForm(c.questions, body) };
    const { answers, errors } = checkAnswers(c.questions, values.raw);
    const session = /^\d{1,9}$/.test(values.session) ? await loadSession(db, m.id, process.id, Number(values.session)) : null;
    if (!session) errors.session = request.t("consultations:paper.chooseSession");
    else if (!withinConsultation(c, session.heldOn)) errors.session = request.t("consultations:paper.sessionOutside", { opens: c.opensOn, closes: c.closesOn });
    const coloniaId = await declaredColonia(services, m, values.colonia, errors);
    try {
      if (Object.keys(errors).length) throw new ParticipationInputError(Object.entries(errors).map(([field, message]) => ({ field, message })));
      const done = await recordResponse(db, m.id, c.id, request.actor, (trx) => inPersonParticipant(trx, m.id, values.curp || null, request.actor), {
        answers, coloniaId: coloniaId ?? session!.colonia?.id ?? null, channel: "in_person", sessionId: session!.id,
      });
      if (wantsJson(request)) return reply.code(201).send({ respondent: done.respondentNumber });
      reply.flash("success", request.t("consultations:paper.saved", { n: done.respondentNumber }));
      return reply.redirect(`${adminConsultation(m, process, c.id)}/presencial?sesion=${session!.id}`, 303);
    } catch (error) {
      if (wantsJson(request)) throw error;
      const fieldErrors = inputErrors(error);
      // A repeated person is reported next to the CURP, where staff can see why.
      if ((error as HttpProblem).status === 409) return renderPaper(request, reply, m, process, c, values, { curp: (error as HttpProblem).message }, 409);
      return renderPaper(request, reply, m, process, c, values, fieldErrors, 422);
    }
  });

  // ——— In-person sessions ———

  async function renderSession(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, sessionId: number | null, values: SessionForm | null, errors: FieldErrors, photoErrors: FieldErrors = {}, status = 200) {
    const session = sessionId === null ? null : await loadSession(db, m.id, process.id, sessionId);
    if (sessionId !== null && !session) throw new HttpProblem(404, request.t("errors.notFound"));
    const shown: SessionForm = values ?? (session ? {
      title: session.title, place: session.place, heldOn: session.heldOn, colonia: session.colonia?.slug ?? "", minutes: session.minutes,
      attendance: Object.fromEntries([...Object.entries(session.attendance), ...Object.entries(session.attendanceBySex)].map(([k, v]) => [k, String(v)])) as SessionForm["attendance"],
    } : EMPTY_SESSION);
    return reply.page(
      SessionFormPage({
        ctx: request.pageContext({ municipality: m }), municipality: m, process, session, values: shown, errors, colonias: await coloniaOptions(services, m),
        photos: session ? await sessionPhotos(db, m.id, session.id) : [], photoErrors,
      }),
      status,
    );
  }

  app.get("/:slug/admin/participa/:process/sesiones/nueva", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    return renderSession(request, reply, found.municipality, found.process, null, null, {});
  });

  app.post("/:slug/admin/participa/:process/sesiones", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const form = sessionFormFrom(request.body);
    try {
      const id = await createSession(db, process, request.actor, form);
      if (wantsJson(request)) return reply.code(201).send({ id });
      reply.flash("success", request.t("consultations:sessionForm.created"));
      return reply.redirect(`${adminBase(m, process)}/sesiones/${id}`, 303);
    } catch (error) {
      if (wantsJson(request)) throw error;
      return renderSession(request, reply, m, process, null, form, inputErrors(error), {}, 422);
    }
  });

  app.get("/:slug/admin/participa/:process/sesiones/:sessionId", { schema: { hide: true, params: sessionParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    return renderSession(request, reply, found.municipality, found.process, idParam(request, "sessionId"), null, {});
  });

  app.post("/:slug/admin/participa/:process/sesiones/:sessionId", { schema: { hide: true, params: sessionParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const sessionId = idParam(request, "sessionId");
    const form = sessionFormFrom(request.body);
    try {
      await updateSession(db, process, sessionId, request.actor, form);
    } catch (error) {
      if (wantsJson(request) || (error as HttpProblem).status === 404) throw error;
      return renderSession(request, reply, m, process, sessionId, form, inputErrors(error), {}, 422);
    }
    reply.flash("success", request.t("consultations:staff.saved"));
    return reply.redirect(`${adminBase(m, process)}/sesiones/${sessionId}`, 303);
  });

  app.post("/:slug/admin/participa/:process/sesiones/:sessionId/fotos", { schema: { hide: true, params: sessionParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const sessionId = idParam(request, "sessionId");
    if (!(await loadSession(db, m.id, process.id, sessionId))) throw new HttpProblem(404, request.t("errors.notFound"));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const file = Buffer.isBuffer(body.photo) ? body.photo : Buffer.alloc(0);
    try {
      await addSessionPhoto(services, m.id, sessionId, request.actor, file, text(body, "description", 400));
    } catch (error) {
      if (wantsJson(request)) throw error;
      return renderSession(request, reply, m, process, sessionId, null, {}, inputErrors(error), 422);
    }
    reply.flash("success", request.t("consultations:sessionForm.photoAdded"));
    return reply.redirect(`${adminBase(m, process)}/sesiones/${sessionId}`, 303);
  });
}
