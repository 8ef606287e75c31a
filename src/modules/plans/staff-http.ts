/**
 * What the plans' staff routes share: reading posted fields, route parameter schemas, the
 * staff context of a plan (tenant + PLANS.view + the plan, unpublished included), the policy
 * checks of writes, and the form submission that redirects with a flash or re-renders with
 * Spanish field messages.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { forbidden, HttpProblem } from "../../platform/http/problem.js";
import { authorizeInMunicipality, pathParams } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { fieldErrorsOf, PlanInputError } from "./errors.js";
import { PLANS, type MilestoneSubject } from "./policy.js";
import { findPlanBySlug, type PlanRow } from "./queries.js";
import type { FailedForm } from "./views/staff-parts.js";

type Body = Record<string, unknown> | undefined;

/** One text field whatever the body parser produced (a repeated field: its first value). */
export function field(body: unknown, name: string, max = 20_000): string {
  const v = (body as Body)?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first.slice(0, max) : "";
}

/** Every value of a repeated field (rows of a form, a multiple select), files left out. */
export function fields(body: unknown, name: string, max = 20_000): string[] {
  const v = (body as Body)?.[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((x) => (typeof x === "string" ? x.slice(0, max) : ""));
}

export const checked = (body: unknown, name: string) => field(body, name, 10) === "1";

export function values(body: unknown, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, field(body, n)]));
}

/** "12" → 12; "" or anything that is not a positive id → null. */
export function optionalId(value: string): number | null {
  return /^\d{1,9}$/.test(value.trim()) && Number(value) >= 1 ? Number(value) : null;
}

/** An id the person chose from a list: "" → null; anything else that is not an id → NaN (the service refuses it). */
export function chosenId(value: string): number | null {
  const v = value.trim();
  return v === "" ? null : optionalId(v) ?? Number.NaN;
}

/** An uploaded file and the name the browser gave it (platform/http/app.ts records names). */
export function uploadedFile(request: FastifyRequest, name: string): { data: Buffer; fileName: string } {
  const v = (request.body as Body)?.[name];
  const data = (Array.isArray(v) ? v[0] : v) as unknown;
  const names = (request as { uploadedFileNames?: Record<string, string[]> }).uploadedFileNames?.[name];
  return { data: Buffer.isBuffer(data) ? data : Buffer.alloc(0), fileName: names?.[0] ?? "" };
}


/** Route params: :slug, :plan and the ids below them, as many as the route has. */
export function params(...ids: ("number" | "memberId" | "draftId" | "milestoneId" | "evidenceId")[]) {
  return pathParams(["plan"], ids);
}

export type Ids = { number: number; memberId: number; draftId: number; milestoneId: number; evidenceId: number };
export const ids = (request: FastifyRequest) => request.params as Ids;

export interface StaffPlan {
  municipality: ActiveMunicipality;
  plan: PlanRow;
}

export function notFound(request: FastifyRequest): HttpProblem {
  return new HttpProblem(404, request.t("errors.notFound"));
}

/** The municipality when the person may see plans' staff pages (anonymous GET → login; others → 403). */
export const staffMunicipality = (request: FastifyRequest, reply: FastifyReply, services: Services) => authorizeInMunicipality(services.db, request, reply, PLANS.view);

/** The plan of the URL for staff (unpublished too); null when the reply is already a redirect to the login. */
export async function staffPlan(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<StaffPlan | null> {
  const municipality = await staffMunicipality(request, reply, services);
  if (!municipality) return null;
  const plan = await findPlanBySlug(services.db, municipality.id, (request.params as { plan: string }).plan, { includeUnpublished: true });
  if (!plan) throw notFound(request);
  return { municipality, plan };
}

export function assertManage(request: FastifyRequest, municipalityId: number): void {
  if (!can(request.actor, PLANS.manage, { municipalityId })) throw forbidden(request.t("errors.forbidden"));
}

export function assertUpdateMilestone(request: FastifyRequest, subject: MilestoneSubject): void {
  if (!can(request.actor, PLANS.updateMilestone, subject)) throw forbidden(request.t("errors.forbidden"));
}

/**
 * Runs a form's write; on success flashes and redirects (303), on a person's mistake renders the
 * page again with the form's values and messages and the error's status (422, 409).
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
    if (error instanceof PlanInputError || (error instanceof HttpProblem && (error.status === 409 || error.status === 422))) {
      return render({ form: form.name, values: form.values, errors: fieldErrorsOf(error) }, error.status);
    }
    throw error;
  }
  if (form.done) reply.flash("success", form.done);
  return reply.redirect(typeof form.redirect === "string" ? form.redirect : form.redirect(), 303);
}
