/**
 * Staff pages of the catalogue of procedures and services (CHANNELS.manage): the paginated,
 * searchable list with the create form, and a procedure's page with its data and the offices
 * where it can be done. The routes themselves are office-staff-forms.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { listServices } from "../requests/catalogue.js";
import { listDepartments, type ActiveMunicipality } from "../territory/queries.js";
import type { FailedForm } from "../plans/views/staff-parts.js";
import { procedureInput, query, queryText } from "./office-http.js";
import { pageOfficeChoices } from "./office-queries.js";
import { registerStaffForms } from "./office-staff-forms.js";
import { findProcedureBySlug, type ProcedureRow } from "./procedure-queries.js";
import { searchProcedures } from "./procedure-search.js";
import { createProcedure, setProcedureOffices, updateProcedure } from "./procedure-service.js";
import { AdminProcedurePage, AdminProceduresPage, PROCEDURE_FIELDS, type Option } from "./views/procedure-admin.js";

const PROCEDURES_PER_PAGE = 25;
const CHOICES_PER_PAGE = 50;

export function registerProcedureAdminRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  /** The departments and request services a procedure may point to (inactive services too: staff see what is stored). */
  async function options(m: ActiveMunicipality): Promise<{ departments: Option[]; services: Option[] }> {
    const [departments, requestServices] = await Promise.all([listDepartments(db, m.id, { includeInactive: true }), listServices(db, m.id, { includeInactive: true })]);
    return {
      departments: departments.map((d) => ({ value: String(d.id), label: d.name })),
      services: requestServices.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` })),
    };
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, failed?: FailedForm, status = 200) {
    const page = parsePage(query(request).pagina);
    const q = queryText(request, "q", 200);
    const [found, choices] = await Promise.all([searchProcedures(db, m.id, { q, kind: null, page, perPage: PROCEDURES_PER_PAGE, includeInactive: true }), options(m)]);
    const ctx = request.pageContext({ municipality: m });
    return reply.page(AdminProceduresPage({ ctx, procedures: found.rows, info: { page, perPage: PROCEDURES_PER_PAGE, total: found.total }, q, ...choices, failed }), status);
  }

  async function procedurePage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, procedure: ProcedureRow, failed?: FailedForm, status = 200) {
    const page = parsePage(query(request).oficinas);
    const [{ rows, total }, choices] = await Promise.all([pageOfficeChoices(db, m.id, procedure.id, page, CHOICES_PER_PAGE), options(m)]);
    const ctx = request.pageContext({ municipality: m });
    const offices = rows.map((o) => ({ id: o.id, label: o.active ? o.name : `${o.name} (${ctx.t("offices:admin.inactive")})`, checked: o.offers }));
    return reply.page(AdminProcedurePage({ ctx, procedure, ...choices, choices: offices, choicesInfo: { page, perPage: CHOICES_PER_PAGE, total }, failed }), status);
  }

  registerStaffForms(app, services, {
    segment: "tramites",
    param: "procedure",
    fields: PROCEDURE_FIELDS,
    links: { field: "offices", segment: "oficinas", anchor: "oficinas-tramite" },
    flash: { created: "offices:flash.procedureCreated", saved: "offices:flash.procedureSaved", linked: "offices:flash.whereSaved" },
    load: (s, municipalityId, slug) => findProcedureBySlug(s.db, municipalityId, slug, { includeInactive: true }),
    read: procedureInput,
    create: createProcedure,
    update: updateProcedure,
    link: setProcedureOffices,
    listPage,
    recordPage: procedurePage,
  });
}
