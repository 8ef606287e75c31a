/**
 * What the review and observatory routes add to the staff routes' helpers (staff-http.ts: form
 * fields, the form runner): parameter schemas with observatories and checkpoints, and the doors of
 * the areas that are not staff pages (reviewers, observatory members): signed in, then the policy.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { forbidden, unauthorized } from "../../platform/http/problem.js";
import { loginUrl, municipalityOr404, pathParams } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import type { Executor } from "../../platform/db/database.js";
import type { ActiveMunicipality } from "../territory/queries.js";


type SlugName = "plan" | "observatory";
type IdName = "checkpointId" | "number" | "userId" | "reportId" | "fileId";

/** Route params: :slug plus the named slugs and ids the route has. */
export function routeParams(slugs: SlugName[], ids: IdName[] = []) {
  return pathParams(slugs, ids);
}

export type RouteParams = { slug: string; plan: string; observatory: string; checkpointId: number; number: number; userId: number; reportId: number; fileId: number };
export const paramsOf = (request: FastifyRequest) => request.params as RouteParams;

export function pageNumber(request: FastifyRequest, name: string): unknown {
  return (request.query as Record<string, unknown> | undefined)?.[name];
}

/**
 * The door of an area for signed-in people who are not necessarily staff (reviewers, observatory
 * members): unknown municipality → 404; anonymous → the sign-in page (GET; null, the reply is a
 * redirect) or 401. The caller then loads the facts its policy needs and calls `demand`.
 */
export async function signedInArea(
  db: Executor,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ActiveMunicipality | null> {
  const municipality = await municipalityOr404(db, request);
  if (request.actor.kind === "anonymous") {
    if (request.method === "GET") {
      reply.redirect(loginUrl(request.url));
      return null;
    }
    throw unauthorized(request.t("errors.loginRequired"));
  }
  return municipality;
}

/** 403 unless the actor may do `action` on `subject`. */
export function demand(request: FastifyRequest, action: string, subject: unknown): void {
  if (!can(request.actor, action, subject)) throw forbidden(request.t("errors.forbidden"));
}

export const requestUserId = (request: FastifyRequest): number | null => (request.actor.kind === "user" ? request.actor.userId : null);
