/**
 * The forms on the public plan pages: comments on a commitment and their moderation, and e-mail
 * subscriptions to a plan or a commitment with the pages behind the links in their e-mails.
 * A person's mistake shows the page again with the message beside the field (422); a missing
 * right is a 401/403 problem in Spanish.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { anonymousSubmissionLimit, municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { addPlanComment, commentListPage, hidePlanComment } from "./comments.js";
import { fieldErrorsOf, PlanInputError } from "./errors.js";
import { PLANS } from "./policy.js";
import { findPublicCommitment, subscriptionTarget } from "./public-queries.js";
import { notFound, planParams, publicCommitmentOr404, publicPlanOr404, renderCommitmentPage, renderPlanPage } from "./public-render.js";
import { commitmentPath, planPath, plansPath } from "./public-urls.js";
import { confirmPlanSubscription, findByConfirmToken, findByUnsubscribeToken, subscribeToPlan, unsubscribeFromPlan, type SubscriptionLink } from "./subscriptions.js";
import { SubscriptionLinkPage } from "./views/public-subscription.js";

const SUBSCRIBE_LIMIT = { rateLimit: { max: 10, timeWindow: "10 minutes" } };

function field(request: FastifyRequest, name: string, max: number): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value.slice(0, max) : "";
}

/** A person's mistake (422 with field messages), as opposed to a missing right or a missing page. */
const isFormMistake = (error: unknown): error is PlanInputError => error instanceof PlanInputError && error.status === 422;

/** Where a subscription's links lead back to: its commitment or plan page (the list when the plan is no longer public). */
async function targetPath(services: Services, m: ActiveMunicipality, link: SubscriptionLink): Promise<string> {
  const target = await subscriptionTarget(services.db, m.id, link.targetKind, link.targetId);
  if (!target) return plansPath(m.slug);
  return target.number !== null ? commitmentPath(m.slug, target.planSlug, target.number) : planPath(m.slug, target.planSlug);
}

export function registerPublicFormRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;

  app.post("/:slug/planes/:plan/compromisos/:number/comentarios", { schema: { params: planParams("number"), hide: true }, config: anonymousSubmissionLimit(config) }, async (request, reply) => {
    const { municipality, plan, detail } = await publicCommitmentOr404(request, services);
    const values = { nombre: field(request, "nombre", 400), comentario: field(request, "comentario", 20000) };
    let commentId: number;
    try {
      commentId = await addPlanComment(db, municipality.id, detail.id, request.actor, { authorName: values.nombre, body: values.comentario });
    } catch (error) {
      if (!isFormMistake(error)) throw error;
      return renderCommitmentPage(request, reply, services, municipality, plan, detail, { comment: { values, errors: fieldErrorsOf(error) } }, 422);
    }
    const page = await commentListPage(db, municipality.id, detail.id, commentId);
    reply.flash("success", request.t("plansPublic:comments.published"));
    return reply.redirect(`${commitmentPath(municipality.slug, plan.slug, detail.number)}${page > 1 ? `?comentarios=${page}` : ""}#comentario-${commentId}`, 303);
  });

  app.post("/:slug/planes/:plan/compromisos/:number/comentarios/:commentId/ocultar", { schema: { params: planParams("number", "commentId"), hide: true } }, async (request, reply) => {
    const { municipality, plan, detail } = await publicCommitmentOr404(request, services);
    const { commentId } = request.params as { commentId: number };
    if (request.actor.kind !== "user") throw new HttpProblem(401, request.t("errors.loginRequired"));
    if (!can(request.actor, PLANS.manage, { municipalityId: municipality.id })) throw new HttpProblem(403, request.t("plansPublic:comments.hideForbidden"));
    try {
      await hidePlanComment(db, municipality.id, detail.id, commentId, request.actor, field(request, `motivo-${commentId}`, 2000));
    } catch (error) {
      if (!isFormMistake(error)) throw error;
      return renderCommitmentPage(request, reply, services, municipality, plan, detail, { hideError: { commentId, message: error.message } }, 422);
    }
    reply.flash("success", request.t("plansPublic:comments.hiddenDone"));
    return reply.redirect(`${commitmentPath(municipality.slug, plan.slug, detail.number)}#comentario-${commentId}`, 303);
  });

  app.post("/:slug/planes/:plan/suscripcion", { schema: { params: planParams(), hide: true }, config: SUBSCRIBE_LIMIT }, async (request, reply) => {
    const { municipality, plan } = await publicPlanOr404(request, services);
    const raw = (request.query as Record<string, unknown>).compromiso;
    const number = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
    if (raw !== undefined && number === null) throw notFound(request);
    const detail = number !== null ? await findPublicCommitment(db, plan, number) : null;
    if (number !== null && !detail) throw notFound(request);
    const email = field(request, "email", 300);
    const target = detail
      ? { kind: "compromiso" as const, id: detail.id, label: request.t("plansPublic:commitment.short", { number: detail.number }) + ` · ${plan.title}`, path: commitmentPath(municipality.slug, plan.slug, detail.number) }
      : { kind: "plan" as const, id: plan.id, label: plan.title, path: planPath(municipality.slug, plan.slug) };
    try {
      await subscribeToPlan(services, municipality, target, email);
    } catch (error) {
      if (!isFormMistake(error)) throw error;
      const subscribe = { email, error: error.message };
      return detail
        ? renderCommitmentPage(request, reply, services, municipality, plan, detail, { subscribe }, 422)
        : renderPlanPage(request, reply, services, municipality, plan, subscribe, 422);
    }
    reply.flash("success", request.t("plansPublic:subscribe.sent"));
    return reply.redirect(target.path, 303);
  });

  const tokenOf = (request: FastifyRequest) => {
    const q = (request.query as Record<string, unknown>).token;
    const b = (request.body as Record<string, unknown> | undefined)?.token;
    return (typeof b === "string" ? b : typeof q === "string" ? q : "").slice(0, 100);
  };
  const linkPage = (kind: "confirm" | "unsubscribe") => async (request: FastifyRequest, reply: FastifyReply) => {
    const m = await municipalityOr404(db, request);
    const token = tokenOf(request);
    const found = kind === "confirm" ? await findByConfirmToken(services, m.id, token) : await findByUnsubscribeToken(services, m.id, token);
    if (!found) throw new HttpProblem(404, request.t("plansPublic:subscribe.unknownLink"));
    const t = request.t;
    const pending = kind === "confirm" ? !found.confirmed : found.active;
    const lead = kind === "confirm" ? (found.active ? t("plansPublic:subscribe.alreadyConfirmed") : found.confirmed ? t("plansPublic:subscribe.alreadyOff") : t("plansPublic:subscribe.confirmLead")) : pending ? t("plansPublic:subscribe.unsubscribeLead") : t("plansPublic:subscribe.alreadyOff");
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    return reply.page(
      SubscriptionLinkPage({
        ctx: request.pageContext({ municipality: m }),
        title: t(kind === "confirm" ? "plansPublic:subscribe.confirmTitle" : "plansPublic:subscribe.unsubscribeTitle"),
        lead,
        action: pending ? `/${m.slug}/planes/suscripcion/${kind === "confirm" ? "confirmar" : "baja"}` : null,
        token,
        button: t(kind === "confirm" ? "plansPublic:subscribe.confirmButton" : "plansPublic:subscribe.unsubscribeButton"),
        back: { href: await targetPath(services, m, found), label: t("plansPublic:subscribe.back") },
      }),
    );
  };
  app.get("/:slug/planes/suscripcion/confirmar", { schema: { params: slugParams, hide: true } }, linkPage("confirm"));
  app.get("/:slug/planes/suscripcion/baja", { schema: { params: slugParams, hide: true } }, linkPage("unsubscribe"));

  app.post("/:slug/planes/suscripcion/confirmar", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const done = await confirmPlanSubscription(services, m.id, tokenOf(request));
    reply.header("referrer-policy", "no-referrer");
    reply.flash("success", request.t(done.active ? "plansPublic:subscribe.confirmed" : "plansPublic:subscribe.alreadyOff"));
    return reply.redirect(await targetPath(services, m, done), 303);
  });

  app.post("/:slug/planes/suscripcion/baja", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const done = await unsubscribeFromPlan(services, m.id, tokenOf(request));
    reply.header("referrer-policy", "no-referrer");
    reply.flash("success", request.t("plansPublic:subscribe.unsubscribed"));
    return reply.redirect(await targetPath(services, m, done), 303);
  });
}
