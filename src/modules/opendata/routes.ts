/** The catalogue's pages and DCAT documents; the CKAN API lives in ckan.ts. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { parsePage } from "../../platform/views/components.js";
import { findActiveMunicipalityBySlug } from "../territory/queries.js";
import { allDatasets, catalogueMunicipality, findDataset, LICENCE, municipalityDatasets, searchDatasets } from "./catalogue.js";
import { presentDcatCatalog } from "./dcat.js";
import { registerCkanRoutes } from "./ckan.js";
import { CataloguePage, DatasetPage } from "./views/catalogue.js";

const PER_PAGE = 20;

function searchParams(request: FastifyRequest): { q: string; page: number } {
  const query = request.query as { q?: unknown; pagina?: unknown };
  return { q: typeof query.q === "string" ? query.q.slice(0, 100) : "", page: parsePage(query.pagina) };
}

export function registerOpenDataRoutes(app: FastifyInstance, services: Services): void {
  const base = services.config.publicUrl;
  const hide = { schema: { hide: true } };

  async function municipalityOr404(request: FastifyRequest) {
    const m = await catalogueMunicipality(services, (request.params as { slug: string }).slug);
    if (!m) throw new HttpProblem(404, request.t("errors.notFound"));
    return m;
  }

  app.get("/datos", hide, async (request, reply) => {
    const { q, page } = searchParams(request);
    const found = searchDatasets(await allDatasets(services), q);
    const rows = found.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    return reply.page(CataloguePage({ ctx: request.pageContext(), municipality: null, rows, info: { page, perPage: PER_PAGE, total: found.length }, q, licence: LICENCE }));
  });

  app.get("/:slug/datos", hide, async (request, reply) => {
    const m = await municipalityOr404(request);
    const pageMunicipality = (await findActiveMunicipalityBySlug(services.db, m.slug))!;
    const { q, page } = searchParams(request);
    const found = searchDatasets(await municipalityDatasets(services, m), q);
    const rows = found.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    return reply.page(
      CataloguePage({ ctx: request.pageContext({ municipality: pageMunicipality }), municipality: m, rows, info: { page, perPage: PER_PAGE, total: found.length }, q, licence: LICENCE }),
    );
  });

  app.get("/:slug/datos/conjuntos/:datasetId", hide, async (request, reply) => {
    const m = await municipalityOr404(request);
    const { datasetId } = request.params as { datasetId: string };
    const dataset = await findDataset(services, datasetId);
    if (!dataset || dataset.publisher.slug !== m.slug) throw new HttpProblem(404, request.t("openData:notFound"));
    const pageMunicipality = (await findActiveMunicipalityBySlug(services.db, m.slug))!;
    return reply.page(DatasetPage({ ctx: request.pageContext({ municipality: pageMunicipality }), dataset }));
  });

  app.get("/datos/catalogo.jsonld", hide, async (_request, reply) => {
    const doc = presentDcatCatalog(await allDatasets(services), {
      base,
      path: "/datos/catalogo.jsonld",
      title: "Datos abiertos de los municipios en Cabildo",
      description: "Catálogo de los conjuntos de datos públicos de todos los municipios que usan Cabildo.",
      publisherName: "Cabildo",
      publisherPath: "/",
    });
    return reply.type("application/ld+json; charset=utf-8").send(doc);
  });

  app.get("/:slug/datos/catalogo.jsonld", hide, async (request, reply) => {
    const m = await municipalityOr404(request);
    const doc = presentDcatCatalog(await municipalityDatasets(services, m), {
      base,
      path: `/${m.slug}/datos/catalogo.jsonld`,
      title: `Datos abiertos de ${m.name}`,
      description: `Catálogo de los conjuntos de datos públicos de ${m.name}.`,
      publisherName: m.name,
      publisherPath: `/${m.slug}`,
    });
    return reply.type("application/ld+json; charset=utf-8").send(doc);
  });

  registerCkanRoutes(app, services);
}
