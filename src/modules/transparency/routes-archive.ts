/** Public archive of answered information requests and the request statistics (never ARCO, never the requester). */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { parsePage } from "../../platform/views/components.js";
import { localDateTimeAt } from "../../platform/calendar/dates.js";
import { ANSWERED_STATUSES, type InfoStatus } from "./info-tables.js";
import { archiveFacets, searchArchive, type ArchiveFilter } from "./archive-queries.js";
import { archiveStatistics } from "./archive-stats.js";
import { ArchivePage, StatisticsPage, type ArchiveValues } from "./views/archive.js";

export const ARCHIVE_PAGE_SIZE = 20;

const text = (query: unknown, name: string): string => {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v.trim().slice(0, 200) : "";
};

/** The archive filters from the query string; a malformed one is a 400 with a Spanish message. */
export function parseArchiveQuery(query: unknown, t: (k: string, o?: Record<string, unknown>) => string): { values: ArchiveValues; filter: ArchiveFilter } {
  const values: ArchiveValues = { q: text(query, "q"), area: text(query, "area"), anio: text(query, "anio"), resultado: text(query, "resultado") };
  const bad = (field: string): never => {
    throw new HttpProblem(400, t("trArchive:badFilter", { field }));
  };
  if (values.area && !/^\d{1,9}$/.test(values.area)) bad(t("trArchive:department"));
  if (values.anio && !(/^\d{4}$/.test(values.anio) && Number(values.anio) >= 2000 && Number(values.anio) <= 2100)) bad(t("trArchive:year"));
  if (values.resultado && !ANSWERED_STATUSES.includes(values.resultado as InfoStatus)) bad(t("trArchive:outcome"));
  return {
    values,
    filter: {
      q: values.q,
      departmentId: values.area ? Number(values.area) : null,
      year: values.anio ? Number(values.anio) : null,
      outcome: (values.resultado || null) as InfoStatus | null,
      page: parsePage((query as Record<string, unknown> | undefined)?.pagina),
      perPage: ARCHIVE_PAGE_SIZE,
    },
  };
}

export function registerArchiveRoutes(app: FastifyInstance, { db }: Services): void {
  app.get("/:slug/transparencia/archivo", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const { values, filter } = parseArchiveQuery(request.query, request.t);
    const [facets, result] = await Promise.all([archiveFacets(db, m.id), searchArchive(db, m.id, filter, `/${m.slug}/transparencia/solicitudes`)]);
    return reply.page(ArchivePage({ ctx: request.pageContext({ municipality: m }), values, facets, rows: result.rows, info: { page: filter.page, perPage: filter.perPage, total: result.total } }));
  });

  app.get("/:slug/transparencia/estadisticas", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const stats = await archiveStatistics(db, m.id, localDateTimeAt(new Date(), m.timeZone).date);
    return reply.page(StatisticsPage({ ctx: request.pageContext({ municipality: m }), stats }));
  });
}
