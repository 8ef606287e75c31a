/**
 * What the review and observatory routes share: parameter schemas, form fields, the form runner
 * (redirect with a flash, or the page again with Spanish field messages), and the doors of the
 * areas that are not staff pages (reviewers, observatory members): signed in, then the policy.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem, forbidden, unauthorized } from "../../platform/http/problem.js";
import { loginUrl, municipalityOr404 } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import type { Executor } from "../../platform/db/database.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import type { FailedForm } from "./views/review-parts.js";

const id = { type: "integer", minimum: 1, maximum: 2147483647 } as const;
const slug = { type: "string", maxLength: 80 } as const;

type SlugName = "plan" | "observatory";
type IdName = "checkpointId" | "number" | "userId" | "reportId" | "fileId";

/** Route params: :slug plus the named slugs and ids the route has. */
export function routeParams(slugs: SlugName[], ids: IdName[] = []) {
  return {
    type: "object",
    properties: { slug, ...Object.fromEntries(slugs.map((n) => [n, slug])), ...Object.fromEntries(ids.map((n) => [n, id])) },
    required: ["slug", ...slugs, ...ids],
  } as const;
}

export type RouteParams = { slug: string; plan: string; observatory: string; checkpointId: number; number: number; userId: number; reportId: number; fileId: number };
export const paramsOf = (request: FastifyRequest) => request.params as RouteParams;

/** A form field as a string whatever the body parser produced (repeated fields: the first). */
export function field(body: unknown, name: string, max = 60000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value === "string") return value.slice(0, max);
  if (Array.isArray(value) && typeof value[0] === "string") return value[0].slice(0, max);
  return "";
}

export const checked = (body: unknown, name: string) => field(body, name, 10) === "1";

export function values(body: unknown, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, field(body, n)]));
}

/** An optional id typed in a select: null when empty, NaN (refused by the service) when not a number. */
export function optionalId(body: unknown, name: string): number | null {
  const v = field(body, name, 20).trim();
  if (v === "") return null;
  return /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
}

export function notFound(request: FastifyRequest): HttpProblem {
  return new HttpProblem(404, request.t("errors.notFound"));
}

export function pageNumber(request: FastifyRequest, name: string): unknown {
  return (request.query as Record<string, unknown> | undefined)?.[name];
}

/**
 * Runs a form's write; on success flashes and redirects (303), on a person's mistake renders the
 * page again with the form's messages and the error's status (422, 409, or 404 for a vanished row).
 */
export async function submitForm(
  request: FastifyRequest,
  reply: FastifyReply,
  form: { name: string; values: Record<string, string>; done: string; redirect: string | (() => string) },
  write: () => Promise<unknown>,
  render: (failed: FailedForm, status: number) => Promise<unknown>,
): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    if (error instanceof HttpProblem && (error.errors?.length || error.status === 409 || error.status === 422)) {
      const errors = error.errors?.length ? Object.fromEntries(error.errors.map((e) => [e.field, e.message])) : { form: error.message };
      return render({ form: form.name, values: form.values, errors }, error.status);
    }
    throw error;
  }
  if (form.done) reply.flash("success", form.done);
  return reply.redirect(typeof form.redirect === "string" ? form.redirect : form.redirect(), 303);
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

export const actorUserId = (request: FastifyRequest): number | null => (request.actor.kind === "user" ? request.actor.userId : null);
