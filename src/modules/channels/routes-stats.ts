/**
 * Assisted filing (assisted-routes.ts), the staff dashboard by channel and colonia with its CSV,
 * and the open-data CSV of requests by month, colonia and channel (helper D).
 */
import type { FastifyInstance } from "fastify";
import { authorizeInMunicipality, municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { listServices } from "../requests/catalogue.js";
import { ChannelInputError } from "./errors.js";
import { registerAssistedRoutes } from "./assisted-routes.js";
import { channelDatasetCsv, requestsByMonthColoniaChannel } from "./opendata-stats.js";
import { CHANNELS } from "./policy.js";
import { coloniaChannelCsv } from "./stats-csv.js";
import { parseStatsFilters } from "./stats-filters.js";
import { assistedByChannel, assistedByOffice, proposalsByChannel, requestsByChannel, requestsByColoniaAndChannel } from "./stats-queries.js";
import { ChannelStatsPage, type StatsFigures } from "./views/stats-dashboard.js";

export const COLONIAS_PER_PAGE = 25;
export const PROCESSES_PER_PAGE = 20;

export function registerChannelStatsRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;
  registerAssistedRoutes(app, services);

  app.get("/:slug/admin/canales", { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, CHANNELS.viewStats);
    if (!m) return reply;
    const query = request.query as Record<string, unknown>;
    const parsed = await parseStatsFilters(db, m.id, query, request.t);
    let figures: StatsFigures | null = null;
    if (parsed.filters) {
      const f = parsed.filters;
      const coloniaPage = { page: parsePage(query.pagina), perPage: COLONIAS_PER_PAGE };
      const processPage = { page: parsePage(query.pagina_propuestas), perPage: PROCESSES_PER_PAGE };
      const byChannel = await requestsByChannel(db, m, f);
      const [assisted, offices, colonias, proposals] = await Promise.all([
        assistedByChannel(db, m, f),
        assistedByOffice(db, m, f),
        requestsByColoniaAndChannel(db, m, f, coloniaPage),
        proposalsByChannel(db, m, f, processPage),
      ]);
      figures = {
        byChannel,
        assistedByChannel: assisted,
        assistedByOffice: offices,
        colonias: { rows: colonias.rows, info: { ...coloniaPage, total: colonias.total } },
        proposals: { rows: proposals.rows, info: { ...processPage, total: proposals.total } },
      };
    }
    const catalogue = await listServices(db, m.id);
    return reply.page(
      ChannelStatsPage({
        ctx: request.pageContext({ municipality: m }),
        municipality: m,
        values: parsed.values,
        errors: parsed.errors,
        services: catalogue.map((s) => ({ code: s.code, name: s.name })),
        figures,
        query: parsed.query,
      }),
      figures ? 200 : 422,
    );
  });

  app.get("/:slug/admin/canales.csv", { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, CHANNELS.viewStats);
    if (!m) return reply;
    const parsed = await parseStatsFilters(db, m.id, request.query as Record<string, unknown>, request.t);
    if (!parsed.filters) throw new ChannelInputError(Object.entries(parsed.errors).map(([field, message]) => ({ field, message })));
    const { rows } = await requestsByColoniaAndChannel(db, m, parsed.filters, null);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="solicitudes-por-colonia-y-canal-${m.slug}.csv"`)
      .header("cache-control", "no-store")
      .send(coloniaChannelCsv(rows, request.t("channelStats:stats.colonias.none")));
  });

  app.get("/:slug/datos/solicitudes-por-canal.csv", { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="solicitudes-por-canal-${m.slug}.csv"`)
      .send(channelDatasetCsv(await requestsByMonthColoniaChannel(db, m)));
  });
}
