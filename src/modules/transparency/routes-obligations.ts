/** Obligations pages: the public semáforo and histories, and the staff list, publish and assign forms. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { authorizeInMunicipality, municipalityOr404 } from "../../platform/http/tenant.js";
import { forbidden, HttpProblem } from "../../platform/http/problem.js";
import { can } from "../../platform/policy.js";
import { isLocalDate, localDateTimeAt, type LocalDate } from "../../platform/calendar/dates.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import type { FieldErrors } from "../../platform/views/components.js";
import { complianceReport, loadThresholds } from "./compliance.js";
import { CONTENT_TYPES } from "./obligations-files.js";
import { OBLIGATIONS, registerObligationPolicies, staffDepartments } from "./obligations-policy.js";
import { findObligation, listDepartments, obligationHistory, recordFile } from "./obligations-queries.js";
import { assignResponsible, findObligationRef, ObligationInputError, publishRecord, type ObligationRef } from "./obligations-service.js";
import { ObligationHistoryPage, SemaforoPage } from "./views/obligations-public.js";
import { AdminObligationPage, AdminObligationsPage } from "./views/obligations-admin.js";

const idParams = {
  type: "object",
  properties: { slug: { type: "string", maxLength: 80 }, id: { type: "integer", minimum: 1, maximum: 2147483647 } },
  required: ["slug", "id"],
} as const;

type Body = Record<string, unknown> | undefined;
const text = (body: unknown, name: string, max = 2000) => {
  const v = (body as Body)?.[name];
  return typeof v === "string" ? v.slice(0, max) : "";
};

function today(m: ActiveMunicipality): LocalDate {
  return localDateTimeAt(new Date(), m.timeZone).date;
}

/** `?fecha=AAAA-MM-DD` shows the semáforo as it stood on that date. */
function dateFromQuery(request: FastifyRequest, m: ActiveMunicipality): LocalDate {
  const fecha = (request.query as Record<string, unknown>).fecha;
  if (fecha === undefined || fecha === "") return today(m);
  if (!isLocalDate(fecha)) throw new HttpProblem(400, "La fecha debe tener el formato AAAA-MM-DD.");
  return fecha;
}

export function registerObligationRoutes(app: FastifyInstance, { db, storage }: Services): void {
  registerObligationPolicies();

  app.get("/:slug/transparencia", async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const report = await complianceReport(db, m, dateFromQuery(request, m));
    return reply.page(SemaforoPage({ ctx: request.pageContext({ municipality: m }), report, thresholds: await loadThresholds(db, m.id) }));
  });

  app.get("/:slug/transparencia/obligaciones/:id", { schema: { params: idParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const obligation = await findObligation(db, m.id, (request.params as { id: number }).id);
    if (!obligation) throw new HttpProblem(404, request.t("errors.notFound"));
    const history = await obligationHistory(db, m, obligation, dateFromQuery(request, m));
    return reply.page(ObligationHistoryPage({ ctx: request.pageContext({ municipality: m }), obligation, history }));
  });

  app.get("/:slug/transparencia/obligaciones/:id/periodos/:period", async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const { id, period } = request.params as { id: string; period: string };
    const file = /^\d{1,9}$/.test(id) ? await recordFile(db, m.id, Number(id), period.slice(0, 20)) : null;
    const data = file ? await storage.get(file.key) : null;
    if (!file || !data) throw new HttpProblem(404, request.t("errors.notFound"));
    return reply
      .header("content-type", CONTENT_TYPES[file.type])
      .header("content-disposition", `attachment; filename="obligacion-${id}-${period.slice(0, 20).replace(/[^A-Za-z0-9-]/g, "")}.${file.type}"`)
      .header("x-content-type-options", "nosniff")
      .send(data);
  });

  app.get("/:slug/admin/transparencia/obligaciones", async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, OBLIGATIONS.view);
    if (!m) return reply;
    const report = await complianceReport(db, m);
    const unit = can(request.actor, OBLIGATIONS.manage, { municipalityId: m.id });
    const mine = staffDepartments(request.actor, m.id);
    const states = unit ? report.states : report.states.filter((s) => s.departmentId !== null && mine.includes(s.departmentId));
    return reply.page(AdminObligationsPage({ ctx: request.pageContext({ municipality: m }), states }));
  });

  async function obligationOr404(request: FastifyRequest, m: ActiveMunicipality): Promise<ObligationRef> {
    const ref = await findObligationRef(db, m.id, (request.params as { id: number }).id);
    if (!ref) throw new HttpProblem(404, request.t("errors.notFound"));
    return ref;
  }

  async function detailPage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, ref: ObligationRef, extra: { values?: Record<string, string>; errors?: FieldErrors } = {}, status = 200) {
    const obligation = (await findObligation(db, m.id, ref.id))!;
    return reply.page(
      AdminObligationPage({
        ctx: request.pageContext({ municipality: m }),
        obligation,
        history: await obligationHistory(db, m, obligation, request.method === "GET" ? dateFromQuery(request, m) : today(m)),
        canPublish: can(request.actor, OBLIGATIONS.publish, { municipalityId: m.id, departmentId: ref.departmentId }),
        canManage: can(request.actor, OBLIGATIONS.manage, { municipalityId: m.id }),
        departments: await listDepartments(db, m.id),
        ...extra,
      }),
      status,
    );
  }

  app.get("/:slug/admin/transparencia/obligaciones/:id", { schema: { params: idParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, OBLIGATIONS.view);
    if (!m) return reply;
    return detailPage(request, reply, m, await obligationOr404(request, m));
  });

  app.post("/:slug/admin/transparencia/obligaciones/:id/publicar", { schema: { params: idParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, OBLIGATIONS.view);
    if (!m) return reply;
    const ref = await obligationOr404(request, m);
    if (!can(request.actor, OBLIGATIONS.publish, { municipalityId: m.id, departmentId: ref.departmentId })) throw forbidden(request.t("errors.forbidden"));
    const body = request.body;
    const fileField = (body as Body)?.file;
    const file = Buffer.isBuffer(fileField) ? fileField : null;
    const values = { period: text(body, "period", 20), link: text(body, "link", 1100), note: text(body, "note") };
    const actor = request.actor;
    try {
      const { period } = await db.transaction().execute((trx) => publishRecord(trx, storage, ref, { ...values, file }, { actor, userId: actor.kind === "user" ? actor.userId : null }));
      reply.flash("success", request.t("trObligations:published", { period }));
      return reply.redirect(`/${m.slug}/admin/transparencia/obligaciones/${ref.id}`, 303);
    } catch (error) {
      if (!(error instanceof ObligationInputError)) throw error;
      return detailPage(request, reply, m, ref, { values, errors: { [error.field]: error.message } }, 422);
    }
  });

  app.post("/:slug/admin/transparencia/obligaciones/:id/responsable", { schema: { params: idParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, OBLIGATIONS.manage);
    if (!m) return reply;
    const ref = await obligationOr404(request, m);
    const body = request.body;
    const values = { department: text(body, "department", 12).trim(), officialName: text(body, "officialName", 300), officialTitle: text(body, "officialTitle", 300), weight: text(body, "weight", 10), dueDays: text(body, "dueDays", 10) };
    try {
      if (values.department !== "" && !/^\d{1,9}$/.test(values.department)) throw new ObligationInputError("department", "El área responsable no existe en este municipio.");
      await db.transaction().execute((trx) =>
        assignResponsible(trx, ref, { departmentId: values.department === "" ? null : Number(values.department), officialName: values.officialName, officialTitle: values.officialTitle, weight: values.weight, dueDays: values.dueDays }, { actor: request.actor }),
      );
      reply.flash("success", request.t("trObligations:responsibleSaved"));
      return reply.redirect(`/${m.slug}/admin/transparencia/obligaciones/${ref.id}`, 303);
    } catch (error) {
      if (!(error instanceof ObligationInputError)) throw error;
      return detailPage(request, reply, m, ref, { values, errors: { [error.field]: error.message } }, 422);
    }
  });
}
