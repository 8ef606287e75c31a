/** Public pages of brigades: those under way or concluded (a planned brigade is not public yet). */
import type { FastifyInstance } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { municipalityOr404, pathParams, slugParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { listPublicFolios } from "./brigade-public-queries.js";
import { findBrigadeBySlug, listBrigades, listRoute } from "./brigade-queries.js";
import { brigadeCounts } from "./brigade-summary.js";
import type { BrigadeStatus } from "./tables.js";
import { PublicBrigadePage, PublicBrigadesPage } from "./views/brigade-public.js";

const PUBLIC_STATUSES: BrigadeStatus[] = ["activa", "concluida"];
const BRIGADES_PER_PAGE = 20;
const ROUTE_PER_PAGE = 50;
const FOLIOS_PER_PAGE = 25;

export function registerBrigadePublicRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.get("/:slug/brigadas", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const municipality = await municipalityOr404(db, request);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const { rows, total } = await listBrigades(db, municipality.id, { statuses: PUBLIC_STATUSES, page, perPage: BRIGADES_PER_PAGE });
    return reply.page(PublicBrigadesPage({ ctx: request.pageContext({ municipality }), brigades: rows, info: { page, perPage: BRIGADES_PER_PAGE, total } }));
  });

  app.get("/:slug/brigadas/:brigade", { schema: { params: pathParams(["brigade"]), hide: true } }, async (request, reply) => {
    const municipality = await municipalityOr404(db, request);
    const brigade = await findBrigadeBySlug(db, municipality.id, (request.params as { brigade: string }).brigade);
    if (!brigade || !PUBLIC_STATUSES.includes(brigade.status)) throw new HttpProblem(404, request.t("brigades:notFound"));
    const q = request.query as Record<string, unknown>;
    const [routePage, foliosPage] = [parsePage(q.ruta), parsePage(q.folios)];
    const [counts, route, folios] = await Promise.all([
      brigadeCounts(db, municipality.id, brigade.id),
      listRoute(db, municipality.id, brigade.id, { page: routePage, perPage: ROUTE_PER_PAGE }),
      listPublicFolios(db, municipality.id, brigade.id, foliosPage, FOLIOS_PER_PAGE),
    ]);
    return reply.page(
      PublicBrigadePage({
        ctx: request.pageContext({ municipality }),
        brigade,
        counts,
        route: route.rows,
        routeInfo: { page: routePage, perPage: ROUTE_PER_PAGE, total: route.total },
        folios: folios.rows,
        foliosInfo: { page: foliosPage, perPage: FOLIOS_PER_PAGE, total: folios.total },
      }),
    );
  });
}
