/**
 * Staff pages of information and ARCO requests: the list (due dates, overdue flags), the
 * registration of requests received in person, by e-mail or by post (ARCO included), one
 * request's page and its step forms. ARCO requests exist only for the transparency unit and
 * administrators: for anyone else they are 404 and absent from the list.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { authorizeInMunicipality, slugParams } from "../../platform/http/tenant.js";
import { forbidden, HttpProblem } from "../../platform/http/problem.js";
import { isLocalDate, localDateTimeAt } from "../../platform/calendar/dates.js";
import { parsePage, type FieldErrors } from "../../platform/views/components.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { loadCalendarSettings } from "../../platform/calendar/queries.js";
import { parseReceivedAt } from "./deadlines.js";
import { staffDepartments } from "./obligations-policy.js";
import { listDepartments } from "./obligations-queries.js";
import { canManageInfoRequests, INFO_REQUESTS } from "./info-policy.js";
import { createInformationRequest, InfoRequestError } from "./info-service.js";
import { applyInfoStep, type InfoStep } from "./info-workflow.js";
import { isTurnedTo, listRequestsForStaff, loadEvents, loadRequester, loadRequestRow, loadTurns } from "./info-queries.js";
import { presentPublicRequest, presentStaffAttachment, staffHistory } from "./info-presenters.js";
import { listAttachments, loadContributions } from "./info-attachments-queries.js";
import { checkUploads } from "./info-attachments.js";
import { UPLOAD_ROUTE_CONFIG, uploadsFrom } from "./info-attachments-http.js";
import type { ArcoRight, Channel } from "./info-tables.js";
import { folioParams, formText, registerInfoPublicRoutes } from "./routes-info-public.js";
import { StaffInfoListPage, StaffNewInfoRequestPage } from "./views/info-staff.js";
import { staffListRows } from "./info-reminders-queries.js";
import { STEP_PATHS, StaffInfoRequestPage, type StaffFormName, type StepName } from "./views/info-request-staff.js";

const PAGE_SIZE = 50;
const today = (m: ActiveMunicipality) => localDateTimeAt(new Date(), m.timeZone).date;
const STEP_BY_PATH = new Map<string, StepName>(Object.entries(STEP_PATHS).map(([step, path]) => [path, step as StepName]));

function stepFromForm(step: StepName, body: unknown): InfoStep {
  const f = (k: string) => formText(body, k);
  const raw = (body as Record<string, unknown> | undefined)?.departments;
  const departmentIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => Number(v)).filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31);
  switch (step) {
    case "turn": return { step, departmentIds, on: f("on") };
    case "prevent": return { step, on: f("on"), note: f("note") };
    case "clarify": case "notFiled": case "recurso": return { step, on: f("on") };
    case "extend": return { step, resolutionNumber: f("resolutionNumber"), resolutionDate: f("resolutionDate"), on: f("on") };
    case "verifyIdentity": return { step, method: f("method") };
    case "answer": return { step, partial: f("partial") === "si", text: f("text"), on: f("on") };
    case "inexistent": return { step, text: f("text"), resolutionNumber: f("resolutionNumber"), resolutionDate: f("resolutionDate"), on: f("on") };
    case "classify": return { step, classification: f("classification"), legalBasis: f("legalBasis"), years: f("years"), text: f("text"), resolutionNumber: f("resolutionNumber"), resolutionDate: f("resolutionDate"), on: f("on") };
    case "incompetent": return { step, competentBody: f("competentBody"), on: f("on") };
    case "recursoOutcome": return { step, outcome: f("outcome"), on: f("on") };
  }
}

/** A form that failed on the staff request page: which form, what was typed, the messages. */
export interface FailedForm {
  step: StaffFormName;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** The staff request page and who may see it, shared by the step, attachment and contribution routes. */
export function staffRequestPages({ db }: Services) {
  /** The request when this staff member may see it; otherwise 404 (ARCO and others' requests do not exist for them). */
  async function visibleRow(request: FastifyRequest, m: ActiveMunicipality) {
    const row = await loadRequestRow(db, m.id, (request.params as { folio: string }).folio.trim().toUpperCase());
    const notFound = new HttpProblem(404, request.t("errors.notFound"));
    if (!row) throw notFound;
    if (canManageInfoRequests(request.actor, m.id)) return row;
    if (row.kind === "arco" || !(await isTurnedTo(db, m.id, row.id, staffDepartments(request.actor, m.id)))) throw notFound;
    return row;
  }

  async function renderRequest(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, folio: string, failed?: FailedForm) {
    const row = (await loadRequestRow(db, m.id, folio))!;
    const canManage = canManageInfoRequests(request.actor, m.id);
    const [turns, events, requester, departments, attachmentRows, contributions] = await Promise.all([
      loadTurns(db, m.id, row.id), loadEvents(db, m.id, row.id, false), canManage ? loadRequester(db, m.id, row.id) : null, canManage ? listDepartments(db, m.id) : [],
      listAttachments(db, m.id, row.id), loadContributions(db, m.id, row.id),
    ]);
    const base = `/${m.slug}/admin/transparencia/solicitudes/${row.folio}`;
    const files = { rows: attachmentRows, base };
    const view = { ...presentPublicRequest({ ...row, kind: "information" }, turns, events, today(m), files)!, history: staffHistory(events, files) };
    const mine = staffDepartments(request.actor, m.id);
    const contributeAs = turns.filter((d) => canManage || mine.includes(d.departmentId)).map((d) => ({ id: d.departmentId, name: d.departmentName }));
    const ctx = request.pageContext({ municipality: m });
    return reply.page(
      StaffInfoRequestPage({
        ctx, row, view, requester, canManage, departments, failed,
        attachments: attachmentRows.map((a) => presentStaffAttachment(a, base)), contributions, contributeAs,
      }),
      failed ? 422 : 200,
    );
  }

  return { visibleRow, renderRequest };
}

export function registerInfoStaffRoutes(app: FastifyInstance, services: Services): void {
  const { db, storage } = services;
  const base = (slug: string) => `/${slug}/admin/transparencia/solicitudes`;
  const { visibleRow, renderRequest } = staffRequestPages(services);

  app.get("/:slug/admin/transparencia/solicitudes", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, INFO_REQUESTS.view);
    if (!m) return reply;
    const canManage = canManageInfoRequests(request.actor, m.id);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const filter = (request.query as Record<string, unknown>).estado === "vencidas" ? "vencidas" : "todas";
    const day = today(m);
    const listFilter = { includeArco: canManage, departmentIds: canManage ? null : staffDepartments(request.actor, m.id), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
    const { rows, total } = await listRequestsForStaff(db, m.id, filter === "vencidas" ? { ...listFilter, overdueOn: day } : listFilter);
    const ctx = request.pageContext({ municipality: m });
    return reply.page(StaffInfoListPage({ ctx, rows: await staffListRows(db, m.id, rows, day), info: { page, perPage: PAGE_SIZE, total }, canManage, filter }));
  });

  app.get("/:slug/admin/transparencia/solicitudes/nueva", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, INFO_REQUESTS.manage);
    if (!m) return reply;
    return reply.page(StaffNewInfoRequestPage({ ctx: request.pageContext({ municipality: m }) }));
  });

  app.post("/:slug/admin/transparencia/solicitudes/nueva", { schema: { params: slugParams } }, async (request, reply) => {
    const m = (await authorizeInMunicipality(db, request, reply, INFO_REQUESTS.manage))!;
    const values = Object.fromEntries(["kind", "arcoRight", "channel", "fecha", "hora", "body", "name", "email", "address"].map((k) => [k, formText(request.body, k).trim()]));
    const ctx = request.pageContext({ municipality: m });
    const errors: FieldErrors = {};
    if (!isLocalDate(values.fecha)) errors.fecha = request.t("trRequests:errDate");
    if (!/^\d{2}:\d{2}$/.test(values.hora!)) errors.hora = request.t("trRequests:errTime");
    const { timeZone } = await loadCalendarSettings(db, m.id);
    const receivedAt = Object.keys(errors).length === 0 ? parseReceivedAt(`${values.fecha}T${values.hora}`, timeZone) : null;
    if (!receivedAt && !errors.fecha) errors.hora = request.t("trRequests:errTime");
    if (!receivedAt) return reply.page(StaffNewInfoRequestPage({ ctx, values, errors }), 422);
    try {
      const created = await createInformationRequest(db, m, request.actor, {
        kind: values.kind as "information" | "arco", arcoRight: values.kind === "arco" ? (values.arcoRight as ArcoRight) : null, channel: values.channel as Channel,
        body: values.body!, receivedAt, name: values.name!, email: values.email, address: values.address,
      });
      reply.flash("success", request.t("trRequests:created", { folio: created.folio }));
      return reply.redirect(`${base(m.slug)}/${created.folio}`, 303);
    } catch (error) {
      if (!(error instanceof InfoRequestError)) throw error;
      const field = error.field === "receivedAt" ? "fecha" : (error.field ?? "body");
      return reply.page(StaffNewInfoRequestPage({ ctx, values, errors: { [field]: error.message } }), 422);
    }
  });

  app.get("/:slug/admin/transparencia/solicitudes/:folio", { schema: { params: folioParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, INFO_REQUESTS.view);
    if (!m) return reply;
    const row = await visibleRow(request, m);
    return renderRequest(request, reply, m, row.folio);
  });

  const stepParams = { ...folioParams, properties: { ...folioParams.properties, step: { type: "string", maxLength: 40 } }, required: ["slug", "folio", "step"] } as const;
  app.post("/:slug/admin/transparencia/solicitudes/:folio/:step", { schema: { params: stepParams }, config: UPLOAD_ROUTE_CONFIG }, async (request, reply) => {
    const m = (await authorizeInMunicipality(db, request, reply, INFO_REQUESTS.view))!;
    const row = await visibleRow(request, m);
    if (!canManageInfoRequests(request.actor, m.id)) throw forbidden(request.t("errors.forbidden"));
    const step = STEP_BY_PATH.get((request.params as { step: string }).step);
    if (!step) throw new HttpProblem(404, request.t("errors.notFound"));
    try {
      const files = checkUploads(uploadsFrom(request, "file"), false);
      await applyInfoStep(db, m.id, request.actor, row.folio, stepFromForm(step, request.body), { storage, files, publicVersion: formText(request.body, "publicVersion") === "si" });
      reply.flash("success", request.t("trRequests:saved", { step: request.t(`trRequests:step_${step}`) }));
      return reply.redirect(`${base(m.slug)}/${row.folio}`, 303);
    } catch (error) {
      if (!(error instanceof InfoRequestError)) throw error;
      const values = Object.fromEntries(Object.keys((request.body as object) ?? {}).filter((k) => k !== "file").map((k) => [k, formText(request.body, k)]));
      return renderRequest(request, reply, m, row.folio, { step, values, errors: { [error.field ?? "on"]: error.message } });
    }
  });
}

/** Every page of information and ARCO requests: the public ones, then the staff ones. */
export function registerInfoRequestRoutes(app: FastifyInstance, services: Services): void {
  registerInfoPublicRoutes(app, services);
  registerInfoStaffRoutes(app, services);
}
