/** What the roundtable routes share: parameter schemas, form fields, the agreements' clock. */
import type { FastifyReply, FastifyRequest } from "fastify";
import { pathParams } from "../../platform/http/tenant.js";
import type { Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { loadCalendar } from "../../platform/calendar/queries.js";
import { todayIn } from "../participation/processes.js";
import type { AgreementClock } from "./agreements-queries.js";
import { RoundtableInputError } from "./inputs.js";
import type { FailedForm } from "./views/parts.js";


/** Route params: :slug, :process and the ids below them, as many as the route has. */
export function params(...ids: ("roundtableId" | "sessionId" | "fileId" | "agreementId" | "memberId")[]) {
  return pathParams(["process"], ids);
}

export type Ids = { roundtableId: number; sessionId: number; fileId: number; agreementId: number; memberId: number };
export const ids = (request: FastifyRequest) => request.params as Ids;

/** A form field as a string whatever the body parser produced (repeated fields: the first). */
export function field(body: unknown, name: string, max = 60000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value === "string") return value.slice(0, max);
  if (Array.isArray(value) && typeof value[0] === "string") return value[0].slice(0, max);
  return "";
}

/** Every value of a repeated field (checkbox groups). */
export function fields(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

export const checked = (body: unknown, name: string) => field(body, name, 10) === "1";

export function values(body: unknown, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, field(body, n)]));
}

export async function agreementClock(db: Executor, municipality: { id: number; timeZone: string }, now = new Date()): Promise<AgreementClock> {
  return { calendar: await loadCalendar(db, municipality.id), today: todayIn(municipality.timeZone, now) };
}

export function notFound(request: FastifyRequest): HttpProblem {
  return new HttpProblem(404, request.t("errors.notFound"));
}

/**
 * Runs a staff form's write; on success flashes and redirects (303), on a person's mistake
 * renders the page again with the form's messages and the error's status.
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
    if (error instanceof HttpProblem && (error instanceof RoundtableInputError || error.errors?.length || error.status === 409 || error.status === 422)) {
      const errors = error.errors?.length ? Object.fromEntries(error.errors.map((e) => [e.field, e.message])) : { form: error.message };
      return render({ form: form.name, values: form.values, errors }, error.status);
    }
    throw error;
  }
  if (form.done) reply.flash("success", form.done);
  return reply.redirect(typeof form.redirect === "string" ? form.redirect : form.redirect(), 303);
}
