/**
 * The members' area of an observatory (`/:slug/observatorios/:observatory/panel`, signed in):
 * members (observatory.publish) follow commitments and services and write reports; a report is
 * edited, given files and published only by its author while a member (observatory.editReport).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { addReportFile, removeReportFile } from "./observatory-files.js";
import { findObservatory, followableCommitments, followableServices, followedTargets, isObservatoryMember, type ObservatoryRow } from "./observatory-queries.js";
import { findReport, listPanelReports, type ReportDetail } from "./observatory-report-queries.js";
import { followTarget, publishReport, saveReport, type ReportInput } from "./observatory-service.js";
import { PLANS } from "./policy.js";
import { demand, pageNumber, paramsOf, requestUserId, routeParams, signedInArea } from "./review-http.js";
import { chosenId, field, notFound, submitForm, uploadedFile, values } from "./staff-http.js";
import { panelReportUrl, panelUrl } from "./review-urls.js";
import type { FollowKind, ReportKind, ReportVerdict } from "./tables.js";
import { PanelPage, ReportFormPage, type Choices } from "./views/observatory-panel.js";
import type { FailedForm } from "./views/staff-parts.js";

const PER_PAGE = 20;
const REPORT_FIELDS = ["kind", "commitmentId", "serviceId", "title", "body", "verdict", "dataUrl"];

type Panel = { municipality: ActiveMunicipality; observatory: ObservatoryRow; userId: number };
type Authoring = Panel & { report: ReportDetail };

function reportInput(body: unknown): ReportInput {
  const verdict = field(body, "verdict", 40);
  return {
    kind: field(body, "kind", 40) as ReportKind,
    commitmentId: chosenId(field(body, "commitmentId", 20)),
    serviceId: chosenId(field(body, "serviceId", 20)),
    title: field(body, "title", 400),
    body: field(body, "body", 31000),
    verdict: verdict === "" ? null : (verdict as ReportVerdict),
    dataUrl: field(body, "dataUrl", 1100) || null,
  };
}

export function registerObservatoryPanelRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  /** Signed in and a member of this observatory (403 otherwise); null when the reply is a redirect to sign in. */
  async function panel(request: FastifyRequest, reply: FastifyReply): Promise<Panel | null> {
    const municipality = await signedInArea(db, request, reply);
    if (!municipality) return null;
    const observatory = await findObservatory(db, municipality.id, paramsOf(request).observatory);
    if (!observatory) throw notFound(request);
    const userId = requestUserId(request)!;
    demand(request, PLANS.publishObservatoryReport, { municipalityId: municipality.id, isMember: await isObservatoryMember(db, municipality.id, observatory.id, userId) });
    return { municipality, observatory, userId };
  }

  /** A report of this observatory that the actor wrote (other members and outsiders: 403 — outsiders whether or not it exists; unknown: 404). */
  async function authoring(request: FastifyRequest, reply: FastifyReply): Promise<Authoring | null> {
    const p = await panel(request, reply);
    if (!p) return null;
    const report = await findReport(db, p.municipality.id, p.observatory.id, paramsOf(request).reportId);
    if (!report) throw notFound(request);
    demand(request, PLANS.editObservatoryReport, { municipalityId: p.municipality.id, isMember: true, authorUserId: report.authorUserId });
    return { ...p, report };
  }

  const choices = async (municipalityId: number): Promise<Choices> => {
    const [commitments, services] = await Promise.all([followableCommitments(db, municipalityId), followableServices(db, municipalityId)]);
    return { commitments, services };
  };

  async function panelPage(request: FastifyRequest, reply: FastifyReply, p: Panel, failed?: FailedForm, status = 200) {
    const page = parsePage(pageNumber(request, "pagina"));
    const [followed, options, reports] = await Promise.all([
      followedTargets(db, p.municipality.id, p.observatory.id),
      choices(p.municipality.id),
      listPanelReports(db, p.municipality.id, p.observatory.id, { page, perPage: PER_PAGE }),
    ]);
    return reply.page(
      PanelPage({
        ctx: request.pageContext({ municipality: p.municipality }), timeZone: p.municipality.timeZone, observatory: p.observatory,
        followed, choices: options, reports: reports.rows, reportsInfo: { page, perPage: PER_PAGE, total: reports.total }, userId: p.userId, failed,
      }),
      status,
    );
  }

  const observatoryParams = { schema: { params: routeParams(["observatory"]), hide: true } };
  const reportParams = { schema: { params: routeParams(["observatory"], ["reportId"]), hide: true } };

  app.get("/:slug/observatorios/:observatory/panel", observatoryParams, async (request, reply) => {
    const p = await panel(request, reply);
    return p ? panelPage(request, reply, p) : reply;
  });

  app.post("/:slug/observatorios/:observatory/panel/seguimiento", observatoryParams, async (request, reply) => {
    const p = await panel(request, reply);
    if (!p) return reply;
    const kind = field(request.body, "kind", 20) as FollowKind;
    const follow = field(request.body, "follow", 5) !== "0";
    const targetId = chosenId(field(request.body, follow ? (kind === "servicio" ? "serviceId" : "commitmentId") : "targetId", 20));
    return submitForm(
      request, reply,
      { name: kind === "servicio" ? "followService" : "followCommitment", values: values(request.body, ["commitmentId", "serviceId"]), done: request.t(follow ? "plansReview:followed" : "plansReview:unfollowed"), redirect: `${panelUrl(p.municipality.slug, p.observatory.slug)}#seguimiento` },
      () => db.transaction().execute((trx) => followTarget(trx, p.municipality.id, request.actor, p.observatory.id, kind, targetId ?? Number.NaN, follow)),
      (failed, status) => panelPage(request, reply, p, failed, status),
    );
  });

  const formPage = async (request: FastifyRequest, reply: FastifyReply, p: Panel, report: ReportDetail | null, failed?: FailedForm, status = 200) =>
    reply.page(ReportFormPage({ ctx: request.pageContext({ municipality: p.municipality }), timeZone: p.municipality.timeZone, observatory: p.observatory, report, choices: await choices(p.municipality.id), failed }), status);

  app.get("/:slug/observatorios/:observatory/panel/informes/nuevo", observatoryParams, async (request, reply) => {
    const p = await panel(request, reply);
    return p ? formPage(request, reply, p, null) : reply;
  });

  app.post("/:slug/observatorios/:observatory/panel/informes", observatoryParams, async (request, reply) => {
    const p = await panel(request, reply);
    if (!p) return reply;
    let id = 0;
    return submitForm(
      request, reply,
      { name: "report", values: values(request.body, REPORT_FIELDS), done: request.t("plansReview:reportSaved"), redirect: () => panelReportUrl(p.municipality.slug, p.observatory.slug, id) },
      async () => {
        id = await db.transaction().execute((trx) => saveReport(trx, p.municipality.id, request.actor, p.observatory.id, reportInput(request.body)));
      },
      (failed, status) => formPage(request, reply, p, null, failed, status),
    );
  });

  const rerender = (request: FastifyRequest, reply: FastifyReply, a: Authoring) => async (failed: FailedForm, status: number) =>
    formPage(request, reply, a, (await findReport(db, a.municipality.id, a.observatory.id, a.report.id)) ?? a.report, failed, status);

  app.get("/:slug/observatorios/:observatory/panel/informes/:reportId", reportParams, async (request, reply) => {
    const a = await authoring(request, reply);
    return a ? formPage(request, reply, a, a.report) : reply;
  });

  app.post("/:slug/observatorios/:observatory/panel/informes/:reportId", reportParams, async (request, reply) => {
    const a = await authoring(request, reply);
    if (!a) return reply;
    return submitForm(
      request, reply,
      { name: "report", values: values(request.body, REPORT_FIELDS), done: request.t("plansReview:reportSaved"), redirect: panelReportUrl(a.municipality.slug, a.observatory.slug, a.report.id) },
      () => db.transaction().execute((trx) => saveReport(trx, a.municipality.id, request.actor, a.observatory.id, reportInput(request.body), a.report.id)),
      rerender(request, reply, a),
    );
  });

  app.post("/:slug/observatorios/:observatory/panel/informes/:reportId/publicar", reportParams, async (request, reply) => {
    const a = await authoring(request, reply);
    if (!a) return reply;
    return submitForm(
      request, reply,
      { name: "publish", values: {}, done: request.t("plansReview:reportPublished"), redirect: panelReportUrl(a.municipality.slug, a.observatory.slug, a.report.id) },
      () => db.transaction().execute((trx) => publishReport(trx, a.municipality.id, request.actor, a.report.id)),
      rerender(request, reply, a),
    );
  });

  app.post("/:slug/observatorios/:observatory/panel/informes/:reportId/archivos", reportParams, async (request, reply) => {
    const a = await authoring(request, reply);
    if (!a) return reply;
    const upload = uploadedFile(request, "file");
    return submitForm(
      request, reply,
      { name: "file", values: values(request.body, ["fileTitle"]), done: request.t("plansReview:fileAdded"), redirect: `${panelReportUrl(a.municipality.slug, a.observatory.slug, a.report.id)}#archivos` },
      () => addReportFile(services, a.municipality.id, request.actor, a.report.id, { title: field(request.body, "fileTitle", 400), ...upload }),
      rerender(request, reply, a),
    );
  });

  app.post("/:slug/observatorios/:observatory/panel/informes/:reportId/archivos/:fileId/eliminar", { schema: { params: routeParams(["observatory"], ["reportId", "fileId"]), hide: true } }, async (request, reply) => {
    const a = await authoring(request, reply);
    if (!a) return reply;
    const key = await db.transaction().execute((trx) => removeReportFile(trx, a.municipality.id, request.actor, a.report.id, paramsOf(request).fileId));
    // After the commit: a rolled-back removal never loses the file.
    await services.storage.delete(key);
    reply.flash("success", request.t("plansReview:fileRemoved"));
    return reply.redirect(`${panelReportUrl(a.municipality.slug, a.observatory.slug, a.report.id)}#archivos`, 303);
  });
}
