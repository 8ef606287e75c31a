/** "Seguir por correo": subscribe forms on folio and colonia pages, and the confirm / unsubscribe links. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { municipalityOr404 } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import { findColoniaBySlug, type ActiveMunicipality } from "../territory/queries.js";
import { RequestInputError } from "./errors.js";
import { normalizeFolio } from "./folio.js";
import { fieldErrors } from "./public-filters.js";
import { findFolio, folioView } from "./routes-public.js";
import { micrositeData } from "./routes-public-colonia.js";
import {
  confirmSubscription, findByConfirmToken, findByUnsubscribeToken, subscribe, unsubscribe, type SubscriptionSummary, type SubscriptionTarget,
} from "./subscriptions.js";
import { FolioPage } from "./views/public-folio.js";
import { MicrositePage } from "./views/public-colonia.js";
import { SubscriptionLinkPage } from "./views/public-subscription.js";

const SUBSCRIBE_LIMIT = { rateLimit: { max: 10, timeWindow: "10 minutes" } };

async function targetOf(services: Services, request: FastifyRequest, m: ActiveMunicipality, s: SubscriptionSummary): Promise<SubscriptionTarget> {
  if (s.targetKind === "request") {
    const r = await services.db.selectFrom("service_requests").select("folio").where("municipality_id", "=", m.id).where("id", "=", s.targetId).executeTakeFirst();
    const folio = r?.folio ?? "";
    return { kind: "request", id: s.targetId, label: request.t("reqPublic:subscribe.targetRequest", { folio }), url: `/${m.slug}/solicitudes/${folio}` };
  }
  const c = await services.db.selectFrom("colonias").select(["name", "slug"]).where("municipality_id", "=", m.id).where("id", "=", Number(s.targetId)).executeTakeFirst();
  return { kind: "colonia", id: s.targetId, label: request.t("reqPublic:subscribe.targetColonia", { colonia: c?.name ?? "" }), url: `/${m.slug}/colonias/${c?.slug ?? ""}/solicitudes` };
}

function emailOf(request: FastifyRequest): string {
  const v = (request.body as Record<string, unknown> | undefined)?.email;
  return typeof v === "string" ? v.slice(0, 300) : "";
}

/** Run a subscription; a form mistake re-renders the page it came from (422), anything else propagates. */
async function trySubscribe(run: () => Promise<void>, rerender: (errors: Record<string, string>) => Promise<FastifyReply>): Promise<FastifyReply | null> {
  try {
    await run();
    return null;
  } catch (error) {
    if (error instanceof RequestInputError && error.status === 422) return rerender(fieldErrors(error));
    throw error;
  }
}

export async function publicSubscriptionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  app.post("/:slug/solicitudes/:folio/suscripcion", { schema: { hide: true }, config: SUBSCRIBE_LIMIT }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const folio = normalizeFolio((request.params as { folio: string }).folio);
    const row = folio ? await findFolio(services, m.id, folio) : null;
    if (!row) throw new HttpProblem(404, request.t("reqPublic:search.notFound", { folio: folio ?? "" }));
    const email = emailOf(request);
    const target: SubscriptionTarget = { kind: "request", id: row.id, label: request.t("reqPublic:subscribe.targetRequest", { folio: row.folio }), url: `/${m.slug}/solicitudes/${row.folio}` };
    const failed = await trySubscribe(
      () => subscribe(services, m, target, email),
      async (errors) => reply.page(FolioPage({ ctx: request.pageContext({ municipality: m }), ...(await folioView(services, m, row)), subscribeErrors: errors, subscribeEmail: email }), 422),
    );
    if (failed) return failed;
    reply.flash("success", request.t("reqPublic:subscribe.sent"));
    return reply.redirect(target.url, 303);
  });

  app.post("/:slug/colonias/:coloniaSlug/solicitudes/suscripcion", { schema: { hide: true }, config: SUBSCRIBE_LIMIT }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const row = await findColoniaBySlug(db, m.id, (request.params as { coloniaSlug: string }).coloniaSlug);
    if (!row) throw new HttpProblem(404, request.t("territory:api.notFoundColonia"));
    const email = emailOf(request);
    const target: SubscriptionTarget = { kind: "colonia", id: row.id, label: request.t("reqPublic:subscribe.targetColonia", { colonia: row.name }), url: `/${m.slug}/colonias/${row.slug}/solicitudes` };
    const failed = await trySubscribe(
      () => subscribe(services, m, target, email),
      async (errors) =>
        reply.page(
          MicrositePage({ ctx: request.pageContext({ municipality: m }), ...(await micrositeData(services, request, m, { id: row.id, slug: row.slug, name: row.name })), subscribeErrors: errors, subscribeEmail: email }),
          422,
        ),
    );
    if (failed) return failed;
    reply.flash("success", request.t("reqPublic:subscribe.sent"));
    return reply.redirect(target.url, 303);
  });

  const tokenOf = (request: FastifyRequest) => String((request.params as { token: string }).token);

  app.get("/:slug/solicitudes/suscripciones/confirmar/:token", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const found = await findByConfirmToken(services, m.id, tokenOf(request));
    if (!found) throw new HttpProblem(404, request.t("reqPublic:subscribe.unknownLink"));
    const target = await targetOf(services, request, m, found);
    const t = request.t;
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    return reply.page(
      SubscriptionLinkPage({
        ctx: request.pageContext({ municipality: m }),
        title: t("reqPublic:subscribe.confirmTitle"),
        lead: found.active ? t("reqPublic:subscribe.confirmed") : t("reqPublic:subscribe.confirmLead", { target: target.label }),
        action: found.active ? null : request.url.split("?")[0]!,
        button: t("reqPublic:subscribe.confirmButton"),
      }),
    );
  });

  app.post("/:slug/solicitudes/suscripciones/confirmar/:token", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const done = await confirmSubscription(services, m.id, tokenOf(request));
    const target = await targetOf(services, request, m, done);
    reply.flash("success", request.t("reqPublic:subscribe.confirmed"));
    return reply.redirect(target.url, 303);
  });

  app.get("/:slug/solicitudes/suscripciones/baja/:token", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const found = await findByUnsubscribeToken(services, m.id, tokenOf(request));
    if (!found) throw new HttpProblem(404, request.t("reqPublic:subscribe.unknownLink"));
    const target = await targetOf(services, request, m, found);
    const t = request.t;
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    return reply.page(
      SubscriptionLinkPage({
        ctx: request.pageContext({ municipality: m }),
        title: t("reqPublic:subscribe.unsubscribeTitle"),
        lead: found.active ? t("reqPublic:subscribe.unsubscribeLead", { target: target.label }) : t("reqPublic:subscribe.alreadyOff"),
        action: found.active ? request.url.split("?")[0]! : null,
        button: t("reqPublic:subscribe.unsubscribeButton"),
      }),
    );
  });

  app.post("/:slug/solicitudes/suscripciones/baja/:token", { schema: { hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const done = await unsubscribe(services, m.id, tokenOf(request));
    const target = await targetOf(services, request, m, done);
    reply.flash("success", request.t("reqPublic:subscribe.unsubscribed", { target: target.label }));
    return reply.redirect(target.url, 303);
  });
}
