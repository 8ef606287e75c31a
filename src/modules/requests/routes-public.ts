/**
 * The public side of atención ciudadana: list and map, folio search, folio pages with photos,
 * the requester's private tracking page with the rating form. Thin: parse, ask, present, render.
 * Colonia microsites, feeds and open data live in routes-public-colonia.ts; e-mail
 * subscriptions in routes-public-subscriptions.ts; notifications start here.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { municipalityOr404 } from "../../platform/http/tenant.js";
import { parsePage } from "../../platform/views/components.js";
import type { PageContext } from "../../platform/views/context.js";
import type { NavItem } from "../../platform/views/nav.js";
import type { Services } from "../../platform/services.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { listServices } from "./catalogue.js";
import { RequestInputError } from "./errors.js";
import { normalizeFolio } from "./folio.js";
import { resolveMergedFolio } from "./merge.js";
import { startRequestNotifier } from "./notify.js";
import { presentPublicRequest, type PublicRequestRow } from "./presenters.js";
import { publicRequestQuery, publicTimeline, requestPhotos } from "./queries.js";
import { coloniasWithRequests, listPublicRequests, publicRequestFeatures } from "./queries-public.js";
import { findByTrackingToken, rateRequest } from "./rating.js";
import { fieldErrors, parseDataFilters, parsePublicFilters } from "./public-filters.js";
import { publicColoniaRoutes } from "./routes-public-colonia.js";
import { publicSubscriptionRoutes } from "./routes-public-subscriptions.js";
import { FolioPage, type TrackingView } from "./views/public-folio.js";
import { RequestListPage } from "./views/public-list.js";

export const REQUESTS_PER_PAGE = 25;

/** The "Solicitudes" link of a municipality's navigation (for the lead to add to the manifest's municipalityNav). */
export function publicNav(ctx: PageContext, slug: string): NavItem[] {
  return [{ href: `/${slug}/solicitudes`, label: ctx.t("reqPublic:nav") }];
}

/** A folio's public row by folio (with its internal id, which never leaves the server), or null. */
export async function findFolio(services: Services, municipalityId: number, folio: string) {
  const row = await publicRequestQuery(services.db, municipalityId).select("r.merged_into_id").where("r.folio", "=", folio).executeTakeFirst();
  return (row as (PublicRequestRow & { merged_into_id: string | null }) | undefined) ?? null;
}

/** Everything the folio page shows, for the public page and the tracking page alike. */
export async function folioView(services: Services, m: ActiveMunicipality, row: PublicRequestRow & { merged_into_id: string | null }) {
  const [timeline, photos, survivor] = await Promise.all([
    publicTimeline(services.db, m.id, row.id),
    requestPhotos(services.db, m.id, row.id),
    row.merged_into_id !== null ? resolveMergedFolio(services.db, m.id, row.folio) : Promise.resolve(null),
  ]);
  const base = `/${m.slug}/solicitudes/${row.folio}/fotos`;
  return {
    municipality: m,
    request: presentPublicRequest(row),
    timeline,
    photos: photos.map((p) => ({ url: `${base}/${p.id}.jpg`, thumbnailUrl: `${base}/${p.id}-min.jpg`, width: p.width, height: p.height })),
    mergedInto: survivor && survivor !== row.folio ? survivor : null,
  };
}

async function trackedRequest(services: Services, request: FastifyRequest, m: ActiveMunicipality) {
  const { token } = request.params as { token: string };
  const tracked = await findByTrackingToken(services, token);
  if (!tracked || tracked.municipality_id !== m.id) throw new HttpProblem(404, request.t("reqPublic:subscribe.unknownLink"));
  const row = await findFolio(services, m.id, tracked.folio);
  if (!row) throw new HttpProblem(404, request.t("errors.notFound"));
  return { token, row };
}

export async function publicRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  app.get("/:slug/solicitudes", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const { filters, values } = await parsePublicFilters(db, request, m.id);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const [result, catalogue, colonias] = await Promise.all([
      listPublicRequests(db, m, filters, page, REQUESTS_PER_PAGE),
      listServices(db, m.id),
      coloniasWithRequests(db, m.id),
    ]);
    return reply.page(
      RequestListPage({
        ctx: request.pageContext({ municipality: m }),
        municipality: m,
        rows: result.rows,
        info: result,
        filters: values,
        services: catalogue.map((s) => ({ code: s.code, name: s.name })),
        colonias,
        mapTileUrl: services.config.mapTileUrl,
      }),
    );
  });

  app.get("/:slug/solicitudes/mapa.geojson", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const parsed = await parseDataFilters(db, request, reply, m.id);
    if (!parsed) return reply;
    const { filters } = parsed;
    return reply.type("application/geo+json; charset=utf-8").header("cache-control", "public, max-age=60").send(await publicRequestFeatures(db, m, filters));
  });

  app.get("/:slug/solicitudes/buscar", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const typed = String((request.query as Record<string, unknown>).folio ?? "").slice(0, 40);
    const folio = normalizeFolio(typed);
    const found = folio ? await findFolio(services, m.id, folio) : null;
    if (found) return reply.redirect(`/${m.slug}/solicitudes/${found.folio}`, 303);
    const [result, catalogue, colonias] = await Promise.all([listPublicRequests(db, m, { state: "todas" }, 1, REQUESTS_PER_PAGE), listServices(db, m.id), coloniasWithRequests(db, m.id)]);
    return reply.page(
      RequestListPage({
        ctx: request.pageContext({ municipality: m }),
        municipality: m,
        rows: result.rows,
        info: result,
        filters: { servicio: "", estado: "", colonia: "", desde: "", hasta: "" },
        services: catalogue.map((s) => ({ code: s.code, name: s.name })),
        colonias,
        mapTileUrl: services.config.mapTileUrl,
        folioValue: typed,
        // Opened without a folio (the "follow a folio" link): the search form, no complaint yet.
        folioError: !typed.trim() ? undefined : folio ? request.t("reqPublic:search.notFound", { folio }) : request.t("reqPublic:search.invalid"),
      }),
      !typed.trim() ? 200 : folio ? 404 : 422,
    );
  });

  app.get("/:slug/solicitudes/:folio", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const folio = normalizeFolio((request.params as { folio: string }).folio);
    if (folio && folio !== (request.params as { folio: string }).folio) return reply.redirect(`/${m.slug}/solicitudes/${folio}`, 301);
    const row = folio ? await findFolio(services, m.id, folio) : null;
    if (!row) throw new HttpProblem(404, request.t("reqPublic:search.notFound", { folio: folio ?? "" }));
    return reply.page(FolioPage({ ctx: request.pageContext({ municipality: m }), ...(await folioView(services, m, row)) }));
  });

  // Only the processed JPEGs create.ts stored (EXIF stripped), found through the folio: never an arbitrary key.
  app.get("/:slug/solicitudes/:folio/fotos/:file", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const { folio: rawFolio, file } = request.params as { folio: string; file: string };
    const match = /^(\d{1,18})(-min)?\.jpg$/.exec(file);
    const folio = normalizeFolio(rawFolio);
    const row = folio && match ? await findFolio(services, m.id, folio) : null;
    const photo = row ? (await requestPhotos(db, m.id, row.id)).find((p) => String(p.id) === match![1]) : undefined;
    const data = photo ? await services.storage.get(match![2] ? photo.thumbnail_key : photo.storage_key) : null;
    if (!data) throw new HttpProblem(404, request.t("errors.notFound"));
    return reply.type("image/jpeg").header("cache-control", "public, max-age=86400").header("x-content-type-options", "nosniff").send(data);
  });

  app.get("/:slug/solicitudes/seguimiento/:token", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const { token, row } = await trackedRequest(services, request, m);
    const view = await folioView(services, m, row);
    const tracking: TrackingView = { action: `/${m.slug}/solicitudes/seguimiento/${token}/calificar`, canRate: row.status === "atendida" || row.status === "cerrada" };
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    return reply.page(FolioPage({ ctx: request.pageContext({ municipality: m }), ...view, tracking }));
  });

  app.post("/:slug/solicitudes/seguimiento/:token/calificar", { schema: { hide: true }, config: { rateLimit: { max: 20, timeWindow: "1 minute" } } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const { token, row } = await trackedRequest(services, request, m);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { rating: String(body.rating ?? ""), comment: String(body.comment ?? "").slice(0, 2000) };
    try {
      await rateRequest(services, token, values.rating ? Number(values.rating) : NaN, values.comment);
    } catch (error) {
      if (!(error instanceof RequestInputError)) throw error;
      if (error.status !== 422) throw new HttpProblem(error.status, error.message, { errors: error.errors });
      const view = await folioView(services, m, row);
      const tracking: TrackingView = { action: `/${m.slug}/solicitudes/seguimiento/${token}/calificar`, canRate: true, errors: fieldErrors(error), values };
      reply.header("cache-control", "no-store");
      return reply.page(FolioPage({ ctx: request.pageContext({ municipality: m }), ...view, tracking }), 422);
    }
    reply.flash("success", request.t("reqPublic:tracking.thanks"));
    return reply.redirect(`/${m.slug}/solicitudes/seguimiento/${token}`, 303);
  });

  await publicColoniaRoutes(app, services);
  await publicSubscriptionRoutes(app, services);
  const stop = await startRequestNotifier(services);
  app.addHook("onClose", async () => stop());
}
