/**
 * What the office and procedure routes share: route parameter schemas, the staff door
 * (CHANNELS.manage in the URL's municipality), and reading the posted forms into service inputs.
 * Form plumbing (fields, re-rendering with Spanish messages) is the plans module's, reused.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { authorizeInMunicipality, pathParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import { checked, chosenId, field, fields } from "../plans/staff-http.js";
import type { LinkChoice } from "./office-links.js";
import { WEEKDAYS } from "./office-hours.js";
import type { OfficeInput } from "./office-service.js";
import type { ProcedureInput } from "./procedure-service.js";
import { CHANNELS } from "./policy.js";

export const officeParams = pathParams(["office"]);
export const procedureParams = pathParams(["procedure"]);

export const query = (request: FastifyRequest) => request.query as Record<string, unknown>;

/** A query-string text, trimmed and cut to `max` (a repeated parameter: its first value). */
export function queryText(request: FastifyRequest, name: string, max = 200): string {
  const v = query(request)[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first.trim().slice(0, max) : "";
}

/** The municipality when the person may manage offices and the catalogue (anonymous GET → login, others → 403). */
export const managerMunicipality = (request: FastifyRequest, reply: FastifyReply, services: Services) => authorizeInMunicipality(services.db, request, reply, CHANNELS.manage);

export const notFound = (request: FastifyRequest) => new HttpProblem(404, request.t("errors.notFound"));

export function officeInput(body: unknown): OfficeInput {
  return {
    name: field(body, "name", 400),
    slug: field(body, "slug", 200),
    kind: field(body, "kind", 40),
    address: field(body, "address", 600),
    lat: field(body, "lat", 40),
    lon: field(body, "lon", 40),
    hours: WEEKDAYS.map((day) => ({ day, opens: field(body, `opens-${day}`, 20), closes: field(body, `closes-${day}`, 20) })),
    phone: field(body, "phone", 80),
    email: field(body, "email", 400),
    accessibility: field(body, "accessibility", 4000),
    notes: field(body, "notes", 4000),
    active: checked(body, "active"),
  };
}

export function procedureInput(body: unknown): ProcedureInput {
  return {
    name: field(body, "name", 400),
    slug: field(body, "slug", 200),
    kind: field(body, "kind", 40),
    summary: field(body, "summary", 2000),
    requirements: field(body, "requirements", 20_000),
    costText: field(body, "costText", 600),
    costMxn: field(body, "costMxn", 40),
    duration: field(body, "duration", 400),
    howTo: field(body, "howTo", 8000),
    onlineUrl: field(body, "onlineUrl", 1000),
    departmentId: chosenId(field(body, "departmentId", 20)),
    requestServiceCode: field(body, "requestServiceCode", 80),
    legalBasis: field(body, "legalBasis", 1000),
    active: checked(body, "active"),
  };
}

/** The ids a tick list showed and those ticked ("12" → 12; anything else → NaN, refused by the service). */
export function linkChoice(body: unknown, name: string): LinkChoice {
  const ids = (list: string[]) => list.map((v) => (/^\d{1,10}$/.test(v) ? Number(v) : Number.NaN));
  return { shown: ids(fields(body, `${name}_shown`, 20)), chosen: ids(fields(body, name, 20)) };
}
