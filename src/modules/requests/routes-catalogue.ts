/** Catalogue admin pages (administrators): services, their Open311 attributes and routing exceptions per colonia. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorizeInMunicipality } from "../../platform/http/tenant.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { findColoniaBySlug, listColonias, listDepartments, type ActiveMunicipality } from "../territory/queries.js";
import { createService, setRoute, updateService } from "./catalogue-admin.js";
import { blankService, catalogueErrors, readServiceForm, serviceValues, toServiceInput, type ServiceFormValues } from "./catalogue-form.js";
import { listRouteExceptions } from "./catalogue-queries.js";
import { findServiceByCode, listServices, type ServiceDefinition } from "./catalogue.js";
import { field } from "./citizen-form.js";
import { RequestInputError } from "./errors.js";
import { REQUESTS } from "./policy.js";
import { CatalogueListPage } from "./views/catalogue.js";
import { RoutesSection, ServiceFormPage } from "./views/catalogue-form.js";

export const SERVICES_PER_PAGE = 25;

const codeParams = {
  type: "object",
  properties: { slug: { type: "string", maxLength: 80 }, code: { type: "string", maxLength: 60 } },
  required: ["slug", "code"],
} as const;

export async function catalogueRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const authorize = (request: FastifyRequest, reply: FastifyReply) => authorizeInMunicipality(db, request, reply, REQUESTS.manageCatalogue);
  const by = (request: FastifyRequest) => ({ actor: request.actor });

  async function departmentOptions(m: ActiveMunicipality) {
    return (await listDepartments(db, m.id)).map((d) => ({ value: String(d.id), label: d.name }));
  }

  async function serviceOr404(request: FastifyRequest, m: ActiveMunicipality): Promise<ServiceDefinition> {
    const { code } = request.params as { code: string };
    const service = await findServiceByCode(db, m.id, code);
    if (!service) throw new HttpProblem(404, request.t("reqSubmit:errors.unknownService", { code }));
    return service;
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    m: ActiveMunicipality,
    values: ServiceFormValues,
    errors: Record<string, string>,
    editing: ServiceDefinition | null,
    status = 200,
    routeErrors: Record<string, string> = {},
  ) {
    const ctx = request.pageContext({ municipality: m });
    const departments = await departmentOptions(m);
    let routes = null;
    if (editing) {
      const colonias = (await listColonias(db, m.id, { page: 1, perPage: 5000 })).rows.map((c) => ({ value: c.slug, label: c.postal_code ? `${c.name} (${c.postal_code})` : c.name }));
      routes = RoutesSection({ ctx, municipality: m, code: editing.code, routes: await listRouteExceptions(db, m.id, editing.id), colonias, departments, errors: routeErrors });
    }
    return reply.page(ServiceFormPage({ ctx, municipality: m, values, errors, departments, editing: editing?.code ?? null, children: routes }), status);
  }

  app.get("/:slug/admin/servicios", { schema: { hide: true } }, async (request, reply) => {
    const m = await authorize(request, reply);
    if (!m) return reply;
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const [all, departments] = await Promise.all([listServices(db, m.id, { includeInactive: true }), listDepartments(db, m.id, { includeInactive: true })]);
    const names = new Map(departments.map((d) => [d.id, d.name]));
    const t = request.t;
    const rows = all.slice((page - 1) * SERVICES_PER_PAGE, page * SERVICES_PER_PAGE).map((s) => ({
      code: s.code,
      name: s.name,
      group: s.group,
      department: s.departmentId === null ? null : (names.get(s.departmentId) ?? null),
      target: t(s.target.unit === "hours" ? "reqSubmit:catalogue.targetHours" : "reqSubmit:catalogue.targetDays", { count: s.target.amount }),
      attributes: s.attributes.length,
      active: s.active,
    }));
    return reply.page(CatalogueListPage({ ctx: request.pageContext({ municipality: m }), municipality: m, rows, info: { page, perPage: SERVICES_PER_PAGE, total: all.length } }));
  });

  app.get("/:slug/admin/servicios/nuevo", { schema: { hide: true } }, async (request, reply) => {
    const m = await authorize(request, reply);
    if (!m) return reply;
    return renderForm(request, reply, m, blankService(), {}, null);
  });

  app.post("/:slug/admin/servicios", { schema: { hide: true } }, async (request, reply) => {
    const m = (await authorize(request, reply))!;
    const values = readServiceForm(request.body);
    const position = (await listServices(db, m.id, { includeInactive: true })).length;
    const { input, rowOf } = toServiceInput(values, position);
    try {
      await db.transaction().execute((trx) => createService(trx, m.id, input, by(request)));
    } catch (error) {
      if (!(error instanceof RequestInputError)) throw error;
      return renderForm(request, reply, m, values, catalogueErrors(error.errors, rowOf), null, 422);
    }
    reply.flash("success", request.t("reqSubmit:catalogue.created", { name: input.name.trim() }));
    return reply.redirect(`/${m.slug}/admin/servicios/${input.code}/editar`, 303);
  });

  app.get("/:slug/admin/servicios/:code/editar", { schema: { hide: true, params: codeParams } }, async (request, reply) => {
    const m = await authorize(request, reply);
    if (!m) return reply;
    const service = await serviceOr404(request, m);
    return renderForm(request, reply, m, serviceValues(service), {}, service);
  });

  app.post("/:slug/admin/servicios/:code/editar", { schema: { hide: true, params: codeParams } }, async (request, reply) => {
    const m = (await authorize(request, reply))!;
    const service = await serviceOr404(request, m);
    const values = readServiceForm(request.body);
    const { input, rowOf } = toServiceInput(values);
    try {
      await db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom("request_services").select("position").where("municipality_id", "=", m.id).where("id", "=", service.id).executeTakeFirstOrThrow();
        await updateService(trx, m.id, service.id, { ...input, position: current.position }, by(request));
      });
    } catch (error) {
      if (!(error instanceof RequestInputError)) throw error;
      return renderForm(request, reply, m, values, catalogueErrors(error.errors, rowOf), service, 422);
    }
    reply.flash("success", request.t("reqSubmit:catalogue.updated", { name: input.name.trim() }));
    return reply.redirect(`/${m.slug}/admin/servicios/${input.code}/editar`, 303);
  });

  app.post("/:slug/admin/servicios/:code/rutas", { schema: { hide: true, params: codeParams } }, async (request, reply) => {
    const m = (await authorize(request, reply))!;
    const service = await serviceOr404(request, m);
    const coloniaSlug = field(request.body, "colonia", 130).trim();
    const departmentValue = field(request.body, "routeDepartment", 20).trim();
    const errors: Record<string, string> = {};
    const colonia = coloniaSlug ? await findColoniaBySlug(db, m.id, coloniaSlug) : null;
    if (!colonia) errors.colonia = request.t("reqSubmit:catalogue.routeNoColonia");
    const departments = await listDepartments(db, m.id);
    const department = departmentValue ? departments.find((d) => String(d.id) === departmentValue) : null;
    if (departmentValue && !department) errors.routeDepartment = request.t("reqSubmit:catalogue.routeNoDepartment");
    if (Object.keys(errors).length || !colonia) return renderForm(request, reply, m, serviceValues(service), {}, service, 422, errors);
    await db.transaction().execute((trx) => setRoute(trx, m.id, service.id, colonia.id, department?.id ?? null, by(request)));
    reply.flash("success", request.t(department ? "reqSubmit:catalogue.routeSet" : "reqSubmit:catalogue.routeRemoved", { colonia: colonia.name, department: department?.name ?? "" }));
    return reply.redirect(`/${m.slug}/admin/servicios/${service.code}/editar`, 303);
  });
}
