/**
 * Staff pages of a process's proposals (participation team and administrators): the list with
 * settings (threshold, categories), in-person entry, one proposal with the official answer,
 * merging and hiding, and the moderation queue.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { parsePage } from "../../platform/views/components.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { managedProcessOr404, type ProcessView } from "../participation/processes.js";
import { inPersonParticipant } from "../participation/participants.js";
import { answerProposal, mergeProposals } from "./answers.js";
import { commentThreads, COMMENTS_PER_PAGE } from "./comments.js";
import { draftOfProposal } from "./commitments.js";
import { createProposal, parseProposalNumber, removeProposalImage, storeProposalImage, checkProposalInput } from "./create.js";
import { fieldErrorsOf } from "./errors.js";
import { field, readProposalForm, upload } from "./form.js";
import { dismissReports, findReportTarget, hideContent, moderationQueue, QUEUE_PER_PAGE } from "./moderation.js";
import { findStaffProposal, listStaffProposals, PER_PAGE } from "./queries.js";
import { coloniaOptions, processParams, proposalInput } from "./routes-public.js";
import { addCategory, listCategories, removeCategory, setSupportThreshold, supportThreshold } from "./settings.js";
import { EMPTY_PROPOSAL, ProposalFormPage, type ProposalFormValues } from "./views/forms.js";
import { ModerationQueuePage, StaffListPage, StaffProposalPage } from "./views/staff.js";

const text = { type: "string", maxLength: 80 } as const;
const id = { type: "string", maxLength: 20 } as const;
const staffProposalParams = { type: "object", properties: { slug: text, process: text, proposalId: id }, required: ["slug", "process", "proposalId"] } as const;
const categoryParams = { type: "object", properties: { slug: text, process: text, categoryId: id }, required: ["slug", "process", "categoryId"] } as const;
const reportParams = { type: "object", properties: { slug: text, process: text, reportId: id }, required: ["slug", "process", "reportId"] } as const;

const isFormMistake = (error: unknown): error is HttpProblem => error instanceof HttpProblem && [400, 422].includes(error.status) && Boolean(error.errors);
const numeric = (raw: string) => (/^\d{1,9}$/.test(raw) ? Number(raw) : null);

export function staffRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;
  const adminBase = (m: ActiveMunicipality, p: ProcessView) => `/${m.slug}/admin/participa/${p.slug}/propuestas`;
  const processRef = (p: ProcessView) => ({ slug: p.slug, title: p.title });

  async function renderList(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, errors?: Record<string, string>) {
    const query = request.query as Record<string, unknown>;
    const filter = { estado: typeof query.estado === "string" ? query.estado.slice(0, 20) : "", pendientes: query.pendientes === "1" };
    const page = parsePage(query.pagina);
    const [list, threshold, categories, queue] = await Promise.all([
      listStaffProposals(db, m.id, process.id, filter, page),
      supportThreshold(db, m.id, process.id),
      listCategories(db, m.id, process.id),
      moderationQueue(db, m.id, process.id, 1),
    ]);
    return reply.page(
      StaffListPage({
        ctx: request.pageContext({ municipality: m }), process: processRef(process), timeZone: m.timeZone, rows: list.rows,
        info: { page, perPage: PER_PAGE, total: list.total }, filter, threshold, categories, pendingReports: queue.total, errors,
      }),
      errors ? 422 : 200,
    );
  }

  app.get("/:slug/admin/participa/:process/propuestas", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    return renderList(request, reply, found.municipality, found.process);
  });

  app.post("/:slug/admin/participa/:process/propuestas/umbral", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    try {
      const value = await setSupportThreshold(db, m.id, process.id, request.actor, field(request.body, "threshold", 20));
      reply.flash("success", request.t("proposals:flash.threshold", { value }));
      return reply.redirect(adminBase(m, process), 303);
    } catch (error) {
      if (!isFormMistake(error)) throw error;
      return renderList(request, reply, m, process, fieldErrorsOf(error));
    }
  });

  app.post("/:slug/admin/participa/:process/propuestas/categorias", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    try {
      const c = await addCategory(db, m.id, process.id, request.actor, field(request.body, "category", 200));
      reply.flash("success", request.t("proposals:flash.categoryAdded", { name: c.name }));
      return reply.redirect(adminBase(m, process), 303);
    } catch (error) {
      if (!isFormMistake(error)) throw error;
      return renderList(request, reply, m, process, fieldErrorsOf(error));
    }
  });

  app.post("/:slug/admin/participa/:process/propuestas/categorias/:categoryId/borrar", { schema: { hide: true, params: categoryParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const categoryId = numeric((request.params as { categoryId: string }).categoryId);
    if (categoryId === null) throw new HttpProblem(404, request.t("errors.notFound"));
    await removeCategory(db, found.municipality.id, found.process.id, request.actor, categoryId);
    reply.flash("success", request.t("proposals:flash.categoryRemoved"));
    return reply.redirect(adminBase(found.municipality, found.process), 303);
  });

  async function renderInPersonForm(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, values: ProposalFormValues, errors?: Record<string, string>) {
    const [colonias, categories] = await Promise.all([coloniaOptions(services, m.id), listCategories(db, m.id, process.id)]);
    return reply.page(ProposalFormPage({ ctx: request.pageContext({ municipality: m }), process: processRef(process), values, errors, colonias, categories, inPerson: true }), errors ? 422 : 200);
  }

  app.get("/:slug/admin/participa/:process/propuestas/nueva", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    return renderInPersonForm(request, reply, found.municipality, found.process, EMPTY_PROPOSAL);
  });

  /**
   * Proposals gathered at in-person sessions are typed in later, so the phase is not checked here;
   * with a CURP the author is that person's one participant (the same one they have online).
   */
  app.post("/:slug/admin/participa/:process/propuestas", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const values = readProposalForm(request.body);
    let image = null;
    try {
      const input = await proposalInput(services, m, process, values, "in_person");
      checkProposalInput(input);
      const bytes = upload(request.body, "image");
      image = bytes ? await storeProposalImage(services, m.id, bytes) : null;
      const stored = image;
      const created = await db.transaction().execute(async (trx) => {
        const author = await inPersonParticipant(trx, m.id, values.curp || null, request.actor);
        return createProposal(trx, m.id, { actor: request.actor, participantId: author.id }, process.id, input, stored);
      });
      reply.flash("success", request.t("proposals:flash.createdInPerson", { folio: created.folio }));
      return reply.redirect(`${adminBase(m, process)}/${created.number}`, 303);
    } catch (error) {
      await removeProposalImage(services, image);
      if (!isFormMistake(error)) throw error;
      return renderInPersonForm(request, reply, m, process, values, fieldErrorsOf(error));
    }
  });

  async function staffProposal(request: FastifyRequest, m: ActiveMunicipality, process: ProcessView) {
    const number = parseProposalNumber((request.params as { proposalId: string }).proposalId);
    const p = number === null ? null : await findStaffProposal(db, m.id, process.id, number);
    if (!p) throw new HttpProblem(404, request.t("proposals:errors.notFound"));
    return p;
  }

  async function renderProposal(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, errors?: Record<string, string>, values?: Record<string, string>) {
    const p = await staffProposal(request, m, process);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const [comments, draft] = await Promise.all([commentThreads(db, m.id, p.id, page), draftOfProposal(db, m.id, p.id)]);
    return reply.page(
      StaffProposalPage({
        ctx: request.pageContext({ municipality: m }), process: processRef(process), timeZone: m.timeZone,
        p: { ...p, folio: `PROP-${String(p.number).padStart(4, "0")}`, created_at: new Date(p.created_at) },
        threads: comments.threads, commentInfo: { page, perPage: COMMENTS_PER_PAGE, total: comments.total }, errors, values, draft,
      }),
      errors ? 422 : 200,
    );
  }

  app.get("/:slug/admin/participa/:process/propuestas/:proposalId", { schema: { hide: true, params: staffProposalParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    return renderProposal(request, reply, found.municipality, found.process);
  });

  /** One staff action on a proposal: run it, flash, back to the proposal; a mistake re-renders the page with messages. */
  function action(path: string, run: (m: ActiveMunicipality, process: ProcessView, number: number, request: FastifyRequest) => Promise<string>, valuesOf: (body: unknown) => Record<string, string>) {
    app.post(`/:slug/admin/participa/:process/propuestas/:proposalId/${path}`, { schema: { hide: true, params: staffProposalParams } }, async (request, reply) => {
      const found = await managedProcessOr404(request, reply, services);
      if (!found) return reply;
      const { municipality: m, process } = found;
      const p = await staffProposal(request, m, process);
      try {
        const message = await run(m, process, p.number, request);
        reply.flash("success", message);
        return reply.redirect(`${adminBase(m, process)}/${p.number}`, 303);
      } catch (error) {
        if (!isFormMistake(error)) throw error;
        return renderProposal(request, reply, m, process, fieldErrorsOf(error), valuesOf(request.body));
      }
    });
  }

  action(
    "respuesta",
    async (m, process, number, request) => {
      await answerProposal(db, m.id, process.id, number, request.actor, { status: field(request.body, "status", 20), answer: field(request.body, "answer", 12_000) });
      return request.t("proposals:flash.answered");
    },
    (body) => ({ status: field(body, "status", 20), answer: field(body, "answer", 12_000) }),
  );

  action(
    "fusion",
    async (m, process, number, request) => {
      const into = parseProposalNumber(field(request.body, "into", 20));
      if (into === null) throw new HttpProblem(422, "Escriba el folio de la propuesta destino (p. ej. PROP-0012).", { errors: [{ field: "into", message: "Escriba el folio de la propuesta destino (p. ej. PROP-0012)." }] });
      await mergeProposals(db, m.id, process.id, number, into, request.actor, field(request.body, "note", 1000));
      return request.t("proposals:flash.merged");
    },
    (body) => ({ into: field(body, "into", 20), note: field(body, "note", 1000) }),
  );

  action(
    "ocultar",
    async (m, process, number, request) => {
      const commentId = numeric(field(request.body, "comentario", 12).trim());
      const reason = commentId === null ? field(request.body, "reason", 600) : field(request.body, `motivo-${commentId}`, 600);
      const p = await findStaffProposal(db, m.id, process.id, number);
      await hideContent(db, m.id, process.id, request.actor, { proposalId: p!.id, commentId }, reason);
      return request.t("proposals:flash.hidden");
    },
    (body) => ({ reason: field(body, "reason", 600) }),
  );

  app.get("/:slug/admin/participa/:process/propuestas/moderacion", { schema: { hide: true, params: processParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const queue = await moderationQueue(db, m.id, process.id, page);
    return reply.page(ModerationQueuePage({ ctx: request.pageContext({ municipality: m }), process: processRef(process), timeZone: m.timeZone, items: queue.items, info: { page, perPage: QUEUE_PER_PAGE, total: queue.total } }));
  });

  app.post("/:slug/admin/participa/:process/propuestas/moderacion/:reportId/:decision", {
    schema: { hide: true, params: { ...reportParams, properties: { ...reportParams.properties, decision: { type: "string", enum: ["ocultar", "descartar"] } }, required: [...reportParams.required, "decision"] } },
  }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const { reportId: raw, decision } = request.params as { reportId: string; decision: "ocultar" | "descartar" };
    const reportId = numeric(raw);
    const report = reportId === null ? undefined : await findReportTarget(db, m.id, process.id, reportId);
    if (!report) throw new HttpProblem(404, request.t("errors.notFound"));
    const queue = `${adminBase(m, process)}/moderacion`;
    if (decision === "descartar") {
      await dismissReports(db, m.id, process.id, request.actor, reportId!);
      reply.flash("success", request.t("proposals:flash.dismissed"));
      return reply.redirect(queue, 303);
    }
    try {
      await hideContent(db, m.id, process.id, request.actor, report, field(request.body, `motivo-${reportId}`, 600));
      reply.flash("success", request.t("proposals:flash.hidden"));
    } catch (error) {
      if (!isFormMistake(error)) throw error;
      reply.flash("error", error.message);
    }
    return reply.redirect(queue, 303);
  });
}
