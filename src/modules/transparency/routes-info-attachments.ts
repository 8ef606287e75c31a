/**
 * Attachments of information requests and the departments' contributions: the unit's uploads,
 * a turned department's "Aportación de la dependencia", the staff download (same rule as seeing
 * the request) and the public download (versiones públicas of answered information requests only).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { authorizeInMunicipality, municipalityOr404 } from "../../platform/http/tenant.js";
import { forbidden, HttpProblem } from "../../platform/http/problem.js";
import { can, definePolicy, hasRole, isPlatformAdmin } from "../../platform/policy.js";
import { staffDepartments } from "./obligations-policy.js";
import { canManageInfoRequests, INFO_REQUESTS } from "./info-policy.js";
import { InfoRequestError } from "./info-service.js";
import { loadRequestRow, loadTurns } from "./info-queries.js";
import { findAttachment, publicAttachments } from "./info-attachments-queries.js";
import { addAttachments, adoptDepartmentFile, checkUploads, saveContribution } from "./info-attachments.js";
import { sendAttachment, UPLOAD_ROUTE_CONFIG, uploadsFrom } from "./info-attachments-http.js";
import { folioParams, formText } from "./routes-info-public.js";
import { staffRequestPages } from "./routes-info-staff.js";

export const INFO_CONTRIBUTIONS = {
  /** Record a department's part of the answer: its own staff, or the unit on its behalf. */
  contribute: "infoRequests.contribute",
} as const;

interface ContributionSubject {
  municipalityId: number;
  departmentId: number;
}

export function registerContributionPolicies(): void {
  definePolicy<ContributionSubject>(
    INFO_CONTRIBUTIONS.contribute,
    (actor, s) => isPlatformAdmin(actor) || hasRole(actor, s.municipalityId, "administrator", "transparency_unit") || staffDepartments(actor, s.municipalityId).includes(s.departmentId),
  );
}

const attachmentParams = {
  type: "object",
  properties: { ...folioParams.properties, attachmentId: { type: "integer", minimum: 1, maximum: 9007199254740991 } },
  required: ["slug", "folio", "attachmentId"],
} as const;

const folioOf = (request: FastifyRequest) => (request.params as { folio: string }).folio.trim().toUpperCase();

export function registerInfoAttachmentRoutes(app: FastifyInstance, services: Services): void {
  const { db, storage } = services;
  const { visibleRow, renderRequest } = staffRequestPages(services);
  registerContributionPolicies();
  const staffBase = (slug: string, folio: string) => `/${slug}/admin/transparencia/solicitudes/${folio}`;
  const formValues = (body: unknown, names: string[]) => Object.fromEntries(names.map((k) => [k, formText(body, k)]));

  app.post("/:slug/admin/transparencia/solicitudes/:folio/anexos", { schema: { params: folioParams }, config: UPLOAD_ROUTE_CONFIG }, async (request, reply) => {
    const m = (await authorizeInMunicipality(db, request, reply, INFO_REQUESTS.view))!;
    const row = await visibleRow(request, m);
    if (!canManageInfoRequests(request.actor, m.id)) throw forbidden(request.t("errors.forbidden"));
    try {
      const files = checkUploads(uploadsFrom(request, "file"), true);
      const stored = await addAttachments(db, storage, m, request.actor, row.folio, { files, publicVersion: formText(request.body, "publicVersion") === "si" });
      reply.flash("success", request.t("trAttachments:uploaded", { count: stored.length }));
      return reply.redirect(staffBase(m.slug, row.folio), 303);
    } catch (error) {
      if (!(error instanceof InfoRequestError)) throw error;
      return renderRequest(request, reply, m, row.folio, { step: "attach", values: formValues(request.body, ["publicVersion"]), errors: { [error.field ?? "file"]: error.message } });
    }
  });

  app.post("/:slug/admin/transparencia/solicitudes/:folio/aportacion", { schema: { params: folioParams }, config: UPLOAD_ROUTE_CONFIG }, async (request, reply) => {
    const m = (await authorizeInMunicipality(db, request, reply, INFO_REQUESTS.view))!;
    const row = await loadRequestRow(db, m.id, folioOf(request));
    const canManage = canManageInfoRequests(request.actor, m.id);
    if (!row || (row.kind === "arco" && !canManage)) throw new HttpProblem(404, request.t("errors.notFound"));
    const turned = (await loadTurns(db, m.id, row.id)).map((d) => d.departmentId);
    // The department: the one chosen in the form, or the only one this person works for.
    const chosen = formText(request.body, "department", 12).trim();
    const mine = staffDepartments(request.actor, m.id);
    const eligible = canManage ? turned : mine;
    const departmentId = /^\d{1,9}$/.test(chosen) ? Number(chosen) : eligible.length === 1 ? eligible[0]! : null;
    if (departmentId === null) {
      if (chosen !== "") throw new HttpProblem(400, request.t("trAttachments:badDepartment"));
      return renderRequest(request, reply, m, row.folio, { step: "contribute", values: formValues(request.body, ["contribution"]), errors: { department: request.t("trAttachments:chooseDepartment") } });
    }
    if (!can(request.actor, INFO_CONTRIBUTIONS.contribute, { municipalityId: m.id, departmentId }) || !turned.includes(departmentId)) {
      throw forbidden(request.t("trAttachments:notTurned"));
    }
    const values = formValues(request.body, ["contribution", "department"]);
    try {
      const files = checkUploads(uploadsFrom(request, "file"), false);
      await saveContribution(db, storage, m, request.actor, row.folio, departmentId, { text: formText(request.body, "contribution", 20000), files });
      reply.flash("success", request.t("trAttachments:saved"));
      return reply.redirect(staffBase(m.slug, row.folio), 303);
    } catch (error) {
      if (!(error instanceof InfoRequestError)) throw error;
      return renderRequest(request, reply, m, row.folio, { step: "contribute", values, errors: { [error.field ?? "contribution"]: error.message } });
    }
  });

  app.post("/:slug/admin/transparencia/solicitudes/:folio/anexos/:attachmentId/version-publica", { schema: { params: attachmentParams } }, async (request, reply) => {
    const m = (await authorizeInMunicipality(db, request, reply, INFO_REQUESTS.view))!;
    const row = await visibleRow(request, m);
    if (!canManageInfoRequests(request.actor, m.id)) throw forbidden(request.t("errors.forbidden"));
    try {
      await adoptDepartmentFile(db, storage, m, request.actor, row.folio, (request.params as { attachmentId: number }).attachmentId);
      reply.flash("success", request.t("trAttachments:adoptedFlash"));
      return reply.redirect(staffBase(m.slug, row.folio), 303);
    } catch (error) {
      if (!(error instanceof InfoRequestError)) throw error;
      return renderRequest(request, reply, m, row.folio, { step: "attach", values: {}, errors: { file: error.message } });
    }
  });

  app.get("/:slug/admin/transparencia/solicitudes/:folio/anexos/:attachmentId", { schema: { params: attachmentParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, INFO_REQUESTS.view);
    if (!m) return reply;
    const row = await visibleRow(request, m);
    const attachment = await findAttachment(db, m.id, row.id, (request.params as { attachmentId: number }).attachmentId);
    if (!attachment) throw new HttpProblem(404, request.t("errors.notFound"));
    return sendAttachment(reply, storage, attachment, request.t("errors.notFound"));
  });

  app.get("/:slug/transparencia/solicitudes/:folio/anexos/:attachmentId", { schema: { params: attachmentParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const row = await loadRequestRow(db, m.id, folioOf(request));
    const notFound = new HttpProblem(404, request.t("errors.notFound"));
    if (!row || row.kind !== "information") throw notFound;
    const [attachment] = await publicAttachments(db, m.id, [row.id], (request.params as { attachmentId: number }).attachmentId);
    if (!attachment) throw notFound;
    return sendAttachment(reply, storage, attachment, request.t("errors.notFound"));
  });
}
