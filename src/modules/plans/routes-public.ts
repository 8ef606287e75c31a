/**
 * The public side of action plans: the list of published plans, a plan's page, a commitment's
 * page, the plan's Atom feed, the open-data downloads, and (in public-forms.ts) comments,
 * moderation and e-mail subscriptions. Unpublished plans answer 404 everywhere.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import type { MunicipalityNavContributor } from "../../platform/views/nav.js";
import { parsePage } from "../../platform/views/components.js";
import { planAtomFeed } from "./feed.js";
import { planDatasetRecords, toCsv, toJson, type DatasetName } from "./opendata.js";
import { registerPublicFormRoutes } from "./public-forms.js";
import { listPublishedPlanCards } from "./public-queries.js";
import { planParams, publicCommitmentOr404, publicPlanOr404, renderCommitmentPage, renderPlanPage } from "./public-render.js";
import { plansPath } from "./public-urls.js";
import { planClock } from "./queries.js";
import { PlansListPage } from "./views/public-plans.js";

const PLANS_PER_PAGE = 20;

/** "Plan de acción" in every municipality's navigation. */
export const plansNav: MunicipalityNavContributor = (ctx, municipalitySlug) => [{ href: plansPath(municipalitySlug), label: ctx.t("plansPublic:nav") }];

export function registerPublicRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;

  app.get("/:slug/planes", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const { rows, total } = await listPublishedPlanCards(db, m.id, await planClock(db, m), page, PLANS_PER_PAGE);
    return reply.page(PlansListPage({ ctx: request.pageContext({ municipality: m }), cards: rows, info: { page, perPage: PLANS_PER_PAGE, total } }));
  });

  app.get("/:slug/planes/:plan", { schema: { params: planParams(), hide: true } }, async (request, reply) => {
    const { municipality, plan } = await publicPlanOr404(request, services);
    return renderPlanPage(request, reply, services, municipality, plan);
  });

  app.get("/:slug/planes/:plan/compromisos/:number", { schema: { params: planParams("number"), hide: true } }, async (request, reply) => {
    const { municipality, plan, detail } = await publicCommitmentOr404(request, services);
    return renderCommitmentPage(request, reply, services, municipality, plan, detail);
  });

  app.get("/:slug/planes/:plan/feed.atom", { schema: { params: planParams(), hide: true } }, async (request, reply) => {
    const { municipality, plan } = await publicPlanOr404(request, services);
    return reply
      .type("application/atom+xml; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .send(await planAtomFeed(db, municipality, plan, config.publicUrl));
  });

  const send = (reply: FastifyReply, type: string, disposition: string, body: string) =>
    reply.type(type).header("content-disposition", disposition).header("cache-control", "public, max-age=300").send(body);
  for (const dataset of ["planes-de-accion", "compromisos", "hitos"] as DatasetName[]) {
    app.get(`/:slug/datos/${dataset}.csv`, { schema: { params: slugParams, hide: true } }, async (request, reply) => {
      const m = await municipalityOr404(db, request);
      const records = await planDatasetRecords(db, m, await planClock(db, m), config.publicUrl, dataset);
      return send(reply, "text/csv; charset=utf-8", `attachment; filename="${dataset}-${m.slug}.csv"`, toCsv(dataset, records));
    });
    app.get(`/:slug/datos/${dataset}.json`, { schema: { params: slugParams, hide: true } }, async (request, reply) => {
      const m = await municipalityOr404(db, request);
      const records = await planDatasetRecords(db, m, await planClock(db, m), config.publicUrl, dataset);
      return send(reply, "application/json; charset=utf-8", `inline; filename="${dataset}-${m.slug}.json"`, toJson(records));
    });
  }

  registerPublicFormRoutes(app, services);
}
