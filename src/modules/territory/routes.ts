/** Public territory pages. Thin: parse, ask queries, present, render. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { parsePage } from "../../platform/views/components.js";
import type { Services } from "../../platform/services.js";
import {
  findColoniaBySlug, listActiveMunicipalities, listColonias, listDepartments, searchMunicipalities, territoryCounts,
} from "./queries.js";
import { presentColonia, presentMunicipalitySummary } from "./presenters.js";
import { LandingPage, MunicipalityListPage } from "./views/landing.js";
import { DepartmentListPage, MunicipalityHomePage } from "./views/municipality.js";
import { ColoniaListPage, ColoniaPage } from "./views/colonias.js";
import { municipalityOr404 as municipalityOrNotFound, territoryApiRoutes } from "./api.js";

export const MUNICIPALITIES_PER_PAGE = 50;
export const COLONIAS_PER_PAGE = 25;

type Query = Record<string, string | undefined>;
const searchText = (q: unknown) => (typeof q === "string" ? q.trim().slice(0, 100) : "");

const municipalityOr404 = (services: Services, request: FastifyRequest) => municipalityOrNotFound(services, request, "errors.notFound");

export async function territoryRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  app.get("/", { schema: { hide: true } }, async (request, reply) => {
    const active = (await listActiveMunicipalities(db)).map(presentMunicipalitySummary);
    const catalogue = await searchMunicipalities(db, { page: 1, perPage: 1 });
    return reply.page(LandingPage({ ctx: request.pageContext(), active, catalogueSize: catalogue.total }));
  });

  app.get("/municipios", { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Query;
    const q = searchText(query.q);
    const page = parsePage(query.pagina);
    const result = await searchMunicipalities(db, { q, page, perPage: MUNICIPALITIES_PER_PAGE });
    return reply.page(
      MunicipalityListPage({ ctx: request.pageContext(), rows: result.rows.map(presentMunicipalitySummary), info: result, q }),
    );
  });

  app.get("/:slug", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(services, request);
    const [departments, colonias, counts] = await Promise.all([
      listDepartments(db, m.id),
      listColonias(db, m.id, { page: 1, perPage: 12 }),
      territoryCounts(db, m.id),
    ]);
    return reply.page(
      MunicipalityHomePage({
        ctx: request.pageContext({ municipality: m }),
        municipality: m,
        departments,
        colonias: colonias.rows.map((c) => presentColonia(m.slug, c)),
        counts,
      }),
    );
  });

  app.get("/:slug/colonias", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(services, request);
    const query = request.query as Query;
    const q = searchText(query.q);
    const result = await listColonias(db, m.id, { q, page: parsePage(query.pagina), perPage: COLONIAS_PER_PAGE });
    return reply.page(
      ColoniaListPage({ ctx: request.pageContext({ municipality: m }), municipality: m, rows: result.rows.map((c) => presentColonia(m.slug, c)), info: result, q }),
    );
  });

  app.get("/:slug/colonias/:coloniaSlug", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(services, request);
    const { coloniaSlug } = request.params as { coloniaSlug: string };
    const row = await findColoniaBySlug(db, m.id, coloniaSlug);
    if (!row) throw new HttpProblem(404, request.t("territory:api.notFoundColonia"));
    return reply.page(
      ColoniaPage({ ctx: request.pageContext({ municipality: m }), municipality: m, colonia: presentColonia(m.slug, row), hasPolygon: row.geometry !== null }),
    );
  });

  app.get("/:slug/dependencias", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(services, request);
    const departments = await listDepartments(db, m.id);
    return reply.page(DepartmentListPage({ ctx: request.pageContext({ municipality: m }), municipality: m, departments }));
  });

  await territoryApiRoutes(app, services);
}
