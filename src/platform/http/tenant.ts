/**
 * Tenant resolution shared by every module's pages: the municipality named by `:slug`, and
 * the one policy check staff pages make before anything else. (It reads territory's
 * municipalities through territory's query: the tenant is the one concept every module shares.)
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { findActiveMunicipalityBySlug, type ActiveMunicipality } from "../../modules/territory/queries.js";
import type { Executor } from "../db/database.js";
import { can } from "../policy.js";
import { forbidden, HttpProblem, unauthorized } from "./problem.js";

export const slugParams = {
  type: "object",
  properties: { slug: { type: "string", maxLength: 80 } },
  required: ["slug"],
} as const;

const SLUG = { type: "string", maxLength: 80 } as const;
const ID = { type: "integer", minimum: 1, maximum: 2147483647 } as const;

/**
 * The params schema of a route below /:slug: every name in `slugs` a slug like :slug, every name
 * in `ids` a positive 32-bit integer (a key of the row), all required. Modules wrap it with the
 * names their routes use.
 */
export function pathParams(slugs: readonly string[], ids: readonly string[] = []) {
  return {
    type: "object",
    properties: { slug: SLUG, ...Object.fromEntries(slugs.map((n) => [n, SLUG])), ...Object.fromEntries(ids.map((n) => [n, ID])) },
    required: ["slug", ...slugs, ...ids],
  } as const;
}

/** The active municipality of the URL, or a Spanish 404. */
export async function municipalityOr404(db: Executor, request: FastifyRequest): Promise<ActiveMunicipality> {
  const { slug } = request.params as { slug: string };
  const municipality = await findActiveMunicipalityBySlug(db, slug);
  if (!municipality) throw new HttpProblem(404, request.t("errors.notFound"));
  return municipality;
}

export function loginUrl(next: string): string {
  return `/entrar?next=${encodeURIComponent(next)}`;
}

/**
 * The municipality when the visitor may perform `action` on it. Unknown slug → 404; anonymous →
 * login page (GET, returns null: the reply is already a redirect) or 401; signed in without the
 * right (e.g. staff of another town hall) → 403.
 */
export async function authorizeInMunicipality(
  db: Executor,
  request: FastifyRequest,
  reply: FastifyReply,
  action: string,
): Promise<ActiveMunicipality | null> {
  const municipality = await municipalityOr404(db, request);
  if (request.actor.kind === "anonymous") {
    if (request.method === "GET") {
      reply.redirect(loginUrl(request.url));
      return null;
    }
    throw unauthorized(request.t("errors.loginRequired"));
  }
  if (!can(request.actor, action, { id: municipality.id, municipalityId: municipality.id })) {
    throw forbidden(request.t("errors.forbidden"));
  }
  return municipality;
}

/**
 * The rate limit of every anonymous submission that stores something or sends an e-mail
 * (citizen reports, sign-up, password reset): SUBMISSION_RATE_LIMIT per hour per address.
 */
export function anonymousSubmissionLimit(config: { submissionRateLimit: number }) {
  return { rateLimit: { max: config.submissionRateLimit, timeWindow: "1 hour" } };
}
