/**
 * Public pages of observatories: `/:slug/observatorios` (active ones), an observatory, a published
 * report and its files. A draft is never public: its page is 404, and its files are served only to
 * the observatory's members.
 */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { contentDisposition, DOCUMENT_CONTENT_TYPES } from "../../platform/documents.js";
import { municipalityOr404 } from "../../platform/http/tenant.js";
import { parsePage } from "../../platform/views/components.js";
import { findReportFile } from "./observatory-files.js";
import { findObservatory, followedTargets, isObservatoryMember, listObservatories, publicObservatoryMembers } from "./observatory-queries.js";
import { findReport, listPublishedReports } from "./observatory-report-queries.js";
import { pageNumber, paramsOf, requestUserId, routeParams } from "./review-http.js";
import { notFound } from "./staff-http.js";
import { ObservatoriesPage, ObservatoryPage, ReportPage } from "./views/observatory-public.js";

const PER_PAGE = 20;
const REPORTS_PER_PAGE = 10;

export function registerObservatoryPublicRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.get("/:slug/observatorios", { schema: { params: routeParams([]), hide: true } }, async (request, reply) => {
    const municipality = await municipalityOr404(db, request);
    const page = parsePage(pageNumber(request, "pagina"));
    const { rows, total } = await listObservatories(db, municipality.id, { page, perPage: PER_PAGE, activeOnly: true });
    return reply.page(ObservatoriesPage({ ctx: request.pageContext({ municipality }), observatories: rows, info: { page, perPage: PER_PAGE, total } }));
  });

  async function observatoryOr404(request: Parameters<typeof municipalityOr404>[1]) {
    const municipality = await municipalityOr404(db, request);
    const observatory = await findObservatory(db, municipality.id, paramsOf(request).observatory);
    if (!observatory) throw notFound(request);
    return { municipality, observatory };
  }

  app.get("/:slug/observatorios/:observatory", { schema: { params: routeParams(["observatory"]), hide: true } }, async (request, reply) => {
    const { municipality, observatory } = await observatoryOr404(request);
    const page = parsePage(pageNumber(request, "pagina"));
    const [members, followed, reports, isMember] = await Promise.all([
      publicObservatoryMembers(db, municipality.id, observatory.id),
      followedTargets(db, municipality.id, observatory.id),
      listPublishedReports(db, municipality.id, { observatoryId: observatory.id }, { page, perPage: REPORTS_PER_PAGE }),
      isObservatoryMember(db, municipality.id, observatory.id, requestUserId(request)),
    ]);
    return reply.page(
      ObservatoryPage({
        ctx: request.pageContext({ municipality }), timeZone: municipality.timeZone, observatory, members,
        commitments: followed.commitments, services: followed.services,
        reports: reports.rows, reportsInfo: { page, perPage: REPORTS_PER_PAGE, total: reports.total }, isMember,
      }),
    );
  });

  app.get("/:slug/observatorios/:observatory/informes/:reportId", { schema: { params: routeParams(["observatory"], ["reportId"]), hide: true } }, async (request, reply) => {
    const { municipality, observatory } = await observatoryOr404(request);
    const report = await findReport(db, municipality.id, observatory.id, paramsOf(request).reportId);
    if (!report || report.publishedAt === null) throw notFound(request);
    return reply.page(ReportPage({ ctx: request.pageContext({ municipality }), timeZone: municipality.timeZone, observatory, report }));
  });

  app.get("/:slug/observatorios/:observatory/informes/:reportId/archivos/:fileId", { schema: { params: routeParams(["observatory"], ["reportId", "fileId"]), hide: true } }, async (request, reply) => {
    const { municipality, observatory } = await observatoryOr404(request);
    const { reportId, fileId } = paramsOf(request);
    const report = await findReport(db, municipality.id, observatory.id, reportId);
    const visible = report && (report.publishedAt !== null || (await isObservatoryMember(db, municipality.id, observatory.id, requestUserId(request))));
    const file = visible ? await findReportFile(db, municipality.id, reportId, fileId) : undefined;
    const data = file ? await services.storage.get(file.file_key) : null;
    if (!file || !data) throw notFound(request);
    const inline = file.file_type === "pdf" || file.file_type === "jpeg" || file.file_type === "png";
    return reply
      .header("content-type", DOCUMENT_CONTENT_TYPES[file.file_type])
      .header("content-disposition", inline ? contentDisposition(file.file_name).replace(/^attachment/, "inline") : contentDisposition(file.file_name))
      .header("x-content-type-options", "nosniff")
      // A draft's file must not sit in a shared cache.
      .header("cache-control", report!.publishedAt !== null ? "public, max-age=3600" : "private, no-store")
      .send(data);
  });
}
