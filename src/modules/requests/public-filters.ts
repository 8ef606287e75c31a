/** The query string of the public list, map and open data (?servicio=&estado=&colonia=&desde=&hasta=), checked; bad values are a Spanish 400. */
import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem, problem } from "../../platform/http/problem.js";
import type { Executor } from "../../platform/db/database.js";
import { findColoniaBySlug } from "../territory/queries.js";
import { findServiceByCode } from "./catalogue.js";
import { RequestInputError } from "./errors.js";
import { LIST_STATES, type ListState, type PublicFilters } from "./queries-public.js";
import type { ListFilterValues } from "./views/public-list.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function str(v: unknown, max = 120): string {
  return typeof v === "string" ? v.trim().slice(0, max) : "";
}

function isRealDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export interface ParsedFilters {
  filters: PublicFilters;
  values: ListFilterValues;
  colonia: { id: number; slug: string; name: string } | null;
}

export async function parsePublicFilters(db: Executor, request: FastifyRequest, municipalityId: number): Promise<ParsedFilters> {
  const q = (request.query ?? {}) as Record<string, unknown>;
  const t = request.t;
  const values: ListFilterValues = { servicio: str(q.servicio, 40), estado: str(q.estado, 20), colonia: str(q.colonia), desde: str(q.desde, 20), hasta: str(q.hasta, 20) };
  const errors: { field: string; message: string }[] = [];
  if (values.estado && !(LIST_STATES as readonly string[]).includes(values.estado)) errors.push({ field: "estado", message: t("reqPublic:list.badState") });
  for (const field of ["desde", "hasta"] as const) {
    if (values[field] && !isRealDate(values[field])) errors.push({ field, message: t("reqPublic:list.badDate", { value: values[field] }) });
  }
  if (!errors.length && values.desde && values.hasta && values.desde > values.hasta) errors.push({ field: "desde", message: t("reqPublic:list.badRange") });
  if (values.servicio && !(await findServiceByCode(db, municipalityId, values.servicio))) errors.push({ field: "servicio", message: t("reqPublic:list.badService", { value: values.servicio }) });
  const colonia = values.colonia ? await findColoniaBySlug(db, municipalityId, values.colonia) : null;
  if (values.colonia && !colonia) errors.push({ field: "colonia", message: t("reqPublic:list.badColonia", { value: values.colonia }) });
  if (errors.length) throw new HttpProblem(400, errors.map((e) => e.message).join(" "), { errors });
  return {
    values,
    colonia: colonia ? { id: colonia.id, slug: colonia.slug, name: colonia.name } : null,
    filters: {
      serviceCode: values.servicio || null,
      state: (values.estado || "todas") as ListState,
      coloniaId: colonia?.id ?? null,
      from: values.desde || null,
      to: values.hasta || null,
    },
  };
}

export function fieldErrors(error: RequestInputError): Record<string, string> {
  return Object.fromEntries(error.errors.map((e) => [e.field, e.message]));
}

/**
 * The filters of a machine-readable URL (.geojson, .csv): a mistake answers problem+json even to
 * a browser, since the caller expects data, not a page. Returns null when the reply was sent.
 */
export async function parseDataFilters(db: Executor, request: FastifyRequest, reply: FastifyReply, municipalityId: number): Promise<ParsedFilters | null> {
  try {
    return await parsePublicFilters(db, request, municipalityId);
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    const body = problem(error.status, error.message, { errors: error.errors, instance: request.url.split("?")[0] });
    await reply.code(error.status).type("application/problem+json; charset=utf-8").send(body);
    return null;
  }
}
