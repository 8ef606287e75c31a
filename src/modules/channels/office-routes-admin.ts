/**
 * Staff pages of the offices (CHANNELS.manage): the paginated list with the create form, an
 * office's page with its data, hours and location, and the procedures offered there (one page of
 * the catalogue at a time, filterable by name). The routes themselves are office-staff-forms.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import type { FailedForm } from "../plans/views/staff-parts.js";
import { officeInput, query, queryText } from "./office-http.js";
import { findOfficeBySlug, listOffices, type OfficeRow } from "./office-queries.js";
import { createOffice, setOfficeProcedures, updateOffice } from "./office-service.js";
import { registerStaffForms } from "./office-staff-forms.js";
import { pageProcedureChoices } from "./procedure-queries.js";
import { AdminOfficePage, AdminOfficesPage, OFFICE_FIELDS } from "./views/office-admin.js";
import { procedureKindLabel } from "./views/office-parts.js";

const OFFICES_PER_PAGE = 20;
const CHOICES_PER_PAGE = 50;

export function registerOfficeAdminRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;

  async function listPage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, failed?: FailedForm, status = 200) {
    const page = parsePage(query(request).pagina);
    const { rows, total } = await listOffices(db, m.id, { includeInactive: true, page, perPage: OFFICES_PER_PAGE });
    const ctx = request.pageContext({ municipality: m });
    return reply.page(AdminOfficesPage({ ctx, offices: rows, info: { page, perPage: OFFICES_PER_PAGE, total }, tiles: config.mapTileUrl, failed }), status);
  }

  async function officePage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, office: OfficeRow, failed?: FailedForm, status = 200) {
    const page = parsePage(query(request).tramites);
    const filter = queryText(request, "filtro", 100);
    const { rows, total } = await pageProcedureChoices(db, m.id, office.id, { q: filter, page, perPage: CHOICES_PER_PAGE });
    const ctx = request.pageContext({ municipality: m });
    const choices = rows.map((p) => ({
      id: p.id,
      label: `${p.name} (${procedureKindLabel(ctx, p.kind)}${p.active ? "" : `, ${ctx.t("offices:admin.inactive")}`})`,
      checked: p.offered,
    }));
    return reply.page(AdminOfficePage({ ctx, office, tiles: config.mapTileUrl, choices, choicesInfo: { page, perPage: CHOICES_PER_PAGE, total }, filter, failed }), status);
  }

  registerStaffForms(app, services, {
    segment: "oficinas",
    param: "office",
    fields: OFFICE_FIELDS,
    links: { field: "procedures", segment: "tramites", anchor: "tramites-oficina" },
    flash: { created: "offices:flash.officeCreated", saved: "offices:flash.officeSaved", linked: "offices:flash.offeredSaved" },
    load: (s, municipalityId, slug) => findOfficeBySlug(s.db, municipalityId, slug, { includeInactive: true }),
    read: officeInput,
    create: createOffice,
    update: updateOffice,
    link: setOfficeProcedures,
    listPage,
    recordPage: officePage,
  });
}
