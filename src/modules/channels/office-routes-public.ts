/**
 * The public side of the offices: the paginated list (works without JavaScript; the map enhances
 * it), the GeoJSON behind the map, and one office's page with what can be done there. Inactive
 * offices answer 404. Everything passes through office-presenters.ts.
 */
import type { FastifyInstance } from "fastify";
import { municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { notFound, officeParams, query } from "./office-http.js";
import { presentOffice, presentOfficeFeature, presentProcedure } from "./office-presenters.js";
import { findOfficeBySlug, listActiveOffices, listOffices } from "./office-queries.js";
import { pageProceduresOfOffice } from "./procedure-queries.js";
import { OfficePage, OfficesPage } from "./views/office-public.js";

const OFFICES_PER_PAGE = 20;
const PROCEDURES_PER_PAGE = 20;

export function registerOfficePublicRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;

  app.get("/:slug/oficinas", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const page = parsePage(query(request).pagina);
    const { rows, total } = await listOffices(db, m.id, { page, perPage: OFFICES_PER_PAGE });
    const now = new Date();
    return reply.page(
      OfficesPage({
        ctx: request.pageContext({ municipality: m }),
        offices: rows.map((o) => presentOffice(m, o, now)),
        info: { page, perPage: OFFICES_PER_PAGE, total },
        tiles: config.mapTileUrl,
      }),
    );
  });

  app.get("/:slug/oficinas.geojson", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const features = (await listActiveOffices(db, m.id)).filter((o) => o.lat !== null && o.lon !== null).map((o) => presentOfficeFeature(m, o));
    return reply.type("application/geo+json; charset=utf-8").header("cache-control", "public, max-age=300").send({ type: "FeatureCollection", features });
  });

  app.get("/:slug/oficinas/:office", { schema: { params: officeParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const office = await findOfficeBySlug(db, m.id, (request.params as { office: string }).office);
    if (!office) throw notFound(request);
    const page = parsePage(query(request).pagina);
    const { rows, total } = await pageProceduresOfOffice(db, m.id, office.id, page, PROCEDURES_PER_PAGE);
    return reply.page(
      OfficePage({
        ctx: request.pageContext({ municipality: m }),
        office: presentOffice(m, office, new Date()),
        procedures: rows.map((p) => presentProcedure(m, p)),
        info: { page, perPage: PROCEDURES_PER_PAGE, total },
        tiles: config.mapTileUrl,
      }),
    );
  });
}
