/**
 * What the hearing routes share: parameter schemas, the hearing of the URL (public, or for staff
 * behind CHANNELS.attendHearing), the manage check, and the form submission that redirects with a
 * flash or re-renders the page with Spanish messages beside the fields and nothing lost.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { forbidden, HttpProblem } from "../../platform/http/problem.js";
import { authorizeInMunicipality, municipalityOr404, pathParams } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { fieldErrorsOf } from "./errors.js";
import { findHearing, type HearingView } from "./hearing-queries.js";
import { CHANNELS } from "./policy.js";
import type { FailedForm } from "./views/hearing-parts.js";

export { field, values, checked } from "../plans/staff-http.js";

export function hearingParams(...ids: "number"[]) {
  return pathParams(["hearing"], ids);
}

export const hearingSlug = (request: FastifyRequest) => (request.params as { hearing: string }).hearing;
export const turnNumber = (request: FastifyRequest) => (request.params as { number: number }).number;

export function notFound(request: FastifyRequest): HttpProblem {
  return new HttpProblem(404, request.t("errors.notFound"));
}

export interface HearingContext {
  municipality: ActiveMunicipality;
  hearing: HearingView;
}

export async function publicHearing(request: FastifyRequest, services: Services): Promise<HearingContext> {
  const municipality = await municipalityOr404(services.db, request);
  const hearing = await findHearing(services.db, municipality.id, hearingSlug(request));
  if (!hearing) throw notFound(request);
  return { municipality, hearing };
}

/** Staff pages: the municipality when the person may run hearings (anonymous GET → login: null). */
export const staffMunicipality = (request: FastifyRequest, reply: FastifyReply, services: Services) => authorizeInMunicipality(services.db, request, reply, CHANNELS.attendHearing);

/** The hearing of the URL for staff of its municipality; null when the reply is already a redirect. */
export async function staffHearing(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<HearingContext | null> {
  const municipality = await staffMunicipality(request, reply, services);
  if (!municipality) return null;
  const hearing = await findHearing(services.db, municipality.id, hearingSlug(request));
  if (!hearing) throw notFound(request);
  return { municipality, hearing };
}

export function canManage(request: FastifyRequest, municipalityId: number): boolean {
  return can(request.actor, CHANNELS.manage, { municipalityId });
}

export function assertManage(request: FastifyRequest, municipalityId: number): void {
  if (!canManage(request, municipalityId)) throw forbidden(request.t("errors.forbidden"));
}

/** A person's mistake (a field message, a refused state change): the form comes back with it. */
function isFormMistake(error: unknown): error is HttpProblem {
  return error instanceof HttpProblem && (error.status === 400 || error.status === 409 || error.status === 422);
}

/**
 * Runs a form's write; on success flashes and redirects (303); on a person's mistake renders the
 * page again with what was typed, the messages and the error's status (400, 409, 422).
 */
export async function submitHearingForm<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  form: { name: string; values: Record<string, string>; done: (result: T) => string; redirect: (result: T) => string },
  write: () => Promise<T>,
  render: (failed: FailedForm, status: number) => Promise<unknown>,
): Promise<unknown> {
  let result: T;
  try {
    result = await write();
  } catch (error) {
    if (isFormMistake(error)) return render({ form: form.name, values: form.values, errors: fieldErrorsOf(error) }, error.status);
    throw error;
  }
  const done = form.done(result);
  if (done) reply.flash("success", done);
  return reply.redirect(form.redirect(result), 303);
}
