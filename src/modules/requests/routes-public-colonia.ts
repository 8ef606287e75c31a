/** Colonia microsites and the municipality summary, their RSS/Atom feeds, and the open-data exports. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { municipalityOr404 } from "../../platform/http/tenant.js";
import { parsePage } from "../../platform/views/components.js";
import type { PageContext } from "../../platform/views/context.js";
import type { Services } from "../../platform/services.js";
import { findColoniaBySlug, type ActiveMunicipality } from "../territory/queries.js";
import { atomFeed, rssFeed, tagUri, type Feed } from "./feeds.js";
import { csvStream, geojsonStream } from "./opendata.js";
import { parseDataFilters } from "./public-filters.js";
import { listPublicRequests, medianAttentionByService, recentActivity, requestCounts } from "./queries-public.js";
import { activityText, MicrositePage } from "./views/public-colonia.js";

export const MICROSITE_PER_PAGE = 10;
const FEED_ITEMS = 50;

async function coloniaOr404(services: Services, request: FastifyRequest, m: ActiveMunicipality) {
  const { coloniaSlug } = request.params as { coloniaSlug: string };
  const row = await findColoniaBySlug(services.db, m.id, coloniaSlug);
  if (!row) throw new HttpProblem(404, request.t("territory:api.notFoundColonia"));
  return { id: row.id, slug: row.slug, name: row.name };
}

/** Everything a microsite (colonia) or the summary (colonia null) shows. */
export async function micrositeData(services: Services, request: FastifyRequest, m: ActiveMunicipality, colonia: { id: number; slug: string; name: string } | null) {
  const { db } = services;
  const q = request.query as Record<string, unknown>;
  const coloniaId = colonia?.id ?? null;
  const [counts, medians, open, closed, activity] = await Promise.all([
    requestCounts(db, m.id, coloniaId),
    medianAttentionByService(db, m.id, coloniaId),
    listPublicRequests(db, m, { state: "abiertas", coloniaId }, parsePage(q.abiertas), MICROSITE_PER_PAGE),
    listPublicRequests(db, m, { state: "cerradas", coloniaId }, parsePage(q.cerradas), MICROSITE_PER_PAGE),
    recentActivity(db, m.id, coloniaId, 15),
  ]);
  return { municipality: m, colonia: colonia ? { slug: colonia.slug, name: colonia.name } : null, counts, medians, open, closed, activity };
}

async function buildFeed(services: Services, ctx: PageContext, m: ActiveMunicipality, colonia: { id: number; slug: string; name: string } | null, kind: "rss" | "atom"): Promise<Feed> {
  const base = services.config.publicUrl;
  const path = colonia ? `/${m.slug}/colonias/${colonia.slug}/solicitudes` : `/${m.slug}/solicitudes`;
  const place = colonia ? `${colonia.name}, ${m.name}` : m.name;
  const activity = await recentActivity(services.db, m.id, colonia?.id ?? null, FEED_ITEMS);
  return {
    title: ctx.t("reqPublic:feed.title", { place }),
    description: ctx.t("reqPublic:feed.description", { place }),
    link: `${base}${path}`,
    self: `${base}${path}/feed.${kind}`,
    id: tagUri(base, `solicitudes/${m.slug}${colonia ? `/${colonia.slug}` : ""}`),
    items: activity.map((a) => ({
      id: tagUri(base, `solicitudes/${m.slug}/evento/${a.key}`),
      title: activityText(ctx, a),
      link: `${base}/${m.slug}/solicitudes/${a.folio}`,
      summary: [a.coloniaName, a.text ?? a.description].filter(Boolean).join(" — "),
      updated: a.at,
    })),
  };
}

function sendFeed(reply: import("fastify").FastifyReply, feed: Feed, kind: "rss" | "atom") {
  return reply
    .type(kind === "rss" ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8")
    .header("cache-control", "public, max-age=300")
    .send(kind === "rss" ? rssFeed(feed) : atomFeed(feed));
}

export async function publicColoniaRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  app.get("/:slug/solicitudes/resumen", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    return reply.page(MicrositePage({ ctx: request.pageContext({ municipality: m }), ...(await micrositeData(services, request, m, null)) }));
  });

  app.get("/:slug/colonias/:coloniaSlug/solicitudes", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const colonia = await coloniaOr404(services, request, m);
    return reply.page(MicrositePage({ ctx: request.pageContext({ municipality: m }), ...(await micrositeData(services, request, m, colonia)) }));
  });

  for (const kind of ["rss", "atom"] as const) {
    app.get(`/:slug/solicitudes/feed.${kind}`, { schema: { hide: true } }, async (request, reply) => {
      const m = await municipalityOr404(db, request);
      return sendFeed(reply, await buildFeed(services, request.pageContext({ municipality: m }), m, null, kind), kind);
    });
    app.get(`/:slug/colonias/:coloniaSlug/solicitudes/feed.${kind}`, { schema: { hide: true } }, async (request, reply) => {
      const m = await municipalityOr404(db, request);
      const colonia = await coloniaOr404(services, request, m);
      return sendFeed(reply, await buildFeed(services, request.pageContext({ municipality: m }), m, colonia, kind), kind);
    });
  }

  app.get("/:slug/datos/solicitudes.csv", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const parsed = await parseDataFilters(db, request, reply, m.id);
    if (!parsed) return reply;
    const { filters } = parsed;
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="solicitudes-${m.slug}.csv"`)
      .send(csvStream(db, m, filters));
  });

  app.get("/:slug/datos/solicitudes.geojson", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const parsed = await parseDataFilters(db, request, reply, m.id);
    if (!parsed) return reply;
    const { filters } = parsed;
    return reply
      .type("application/geo+json; charset=utf-8")
      .header("content-disposition", `inline; filename="solicitudes-${m.slug}.geojson"`)
      .send(geojsonStream(db, m, filters, services.config.publicUrl));
  });
}
