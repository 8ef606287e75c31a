/** Reading GeoReport parameters: jurisdiction, GET filters and the POST form, with Spanish 400s. */
import type { Executor } from "../../../platform/db/database.js";
import { findActiveMunicipalityBySlug, type ActiveMunicipality } from "../../territory/queries.js";
import { findColoniaBySlug } from "../../territory/queries.js";
import type { AttributeAnswers } from "../attributes.js";
import type { NewRequest } from "../create.js";
import { fail, Open311Failure } from "./http.js";
import type { Open311Filters } from "./queries.js";

/** GeoReport: "default query limit is a span of 90 days or first 1000 requests, whichever is smallest". */
export const MAX_SPAN_DAYS = 90;
export const MAX_RESULTS = 1000;
const DAY = 86_400_000;

type Fields = Record<string, unknown>;

/** One text value of a form or JSON field (numbers become text; files and lists are refused). */
export function text(fields: Fields | undefined, name: string): string | undefined {
  const v = fields?.[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v.trim() === "" ? undefined : v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw fail(400, `El campo ${name} debe enviarse una sola vez y como texto.`);
}

/** We host several municipalities, so jurisdiction_id (the municipality's slug) is always required. */
export async function jurisdiction(db: Executor, fields: Fields | undefined): Promise<ActiveMunicipality> {
  const slug = text(fields, "jurisdiction_id");
  if (!slug) throw fail(400, "Falta jurisdiction_id: indique el identificador del municipio (por ejemplo, cuauhtemoc).");
  const m = await findActiveMunicipalityBySlug(db, slug.toLowerCase());
  if (!m) throw fail(404, `La jurisdicción "${slug.slice(0, 80)}" no existe en Cabildo.`);
  return m;
}

const W3C_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A W3C-DTF (ISO 8601) date: a full datetime with its offset, or a bare date read as the whole
 * UTC day (its start for start_date, its end for end_date).
 */
export function parseW3cDate(raw: string, name: string, edge: "start" | "end"): Date {
  // A "+" offset that was not URL-encoded arrives as a space.
  const value = raw.replace(/ (\d{2}:\d{2})$/, "+$1");
  const bad = () => fail(400, `${name} no es una fecha válida: use el formato ISO 8601 con zona horaria, por ejemplo 2026-03-01T00:00:00-06:00.`);
  const match = W3C_DATETIME.exec(value);
  if (!match) throw bad();
  const [, y, mo, d, h, mi, s] = match;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) throw bad();
  if (h === undefined) return edge === "start" ? day : new Date(day.getTime() + DAY - 1);
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) throw bad();
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw bad();
  return at;
}

function list(value: string | undefined): string[] {
  return (value ?? "").split(",").map((v) => v.trim()).filter(Boolean);
}

function integer(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,7}$/.test(value) || Number(value) < min || Number(value) > max) throw fail(400, `${name} debe ser un número entero entre ${min} y ${max}.`);
  return Number(value);
}

/** GET requests filters, by the spec's rules; `page`/`page_size` follow the common pagination extension. */
export function requestFilters(query: Fields, now = new Date()): Open311Filters {
  const pageSize = integer(text(query, "page_size"), "page_size", 1, MAX_RESULTS, MAX_RESULTS);
  const page = integer(text(query, "page"), "page", 1, 100_000, 1);
  const paging = { limit: pageSize, offset: (page - 1) * pageSize };
  const ids = list(text(query, "service_request_id"));
  if (ids.length > 0) {
    if (ids.length > 200) throw fail(400, "service_request_id admite hasta 200 folios separados por comas.");
    const bad = ids.find((id) => !/^[A-Za-z0-9-]{3,60}$/.test(id));
    if (bad) throw fail(400, `"${bad.slice(0, 60)}" no es un folio válido.`);
    // With service_request_id, every other filter is ignored (GeoReport v2).
    return { ids: ids.map((id) => id.toUpperCase()), ...paging };
  }
  const statuses = list(text(query, "status")).map((s) => s.toLowerCase());
  const wrong = statuses.find((s) => s !== "open" && s !== "closed");
  if (wrong) throw fail(400, `status admite open y closed (separados por comas), no "${wrong.slice(0, 40)}".`);
  const serviceCodes = list(text(query, "service_code"));
  if (serviceCodes.length > 100) throw fail(400, "service_code admite hasta 100 códigos.");
  const rawStart = text(query, "start_date");
  const rawEnd = text(query, "end_date");
  let start = rawStart !== undefined ? parseW3cDate(rawStart, "start_date", "start") : undefined;
  let end = rawEnd !== undefined ? parseW3cDate(rawEnd, "end_date", "end") : undefined;
  if (start && end && start > end) throw fail(400, "start_date debe ser anterior a end_date.");
  if (start && end && end.getTime() - start.getTime() > MAX_SPAN_DAYS * DAY) throw fail(400, `El periodo entre start_date y end_date no puede pasar de ${MAX_SPAN_DAYS} días.`);
  if (start && !end) end = new Date(start.getTime() + MAX_SPAN_DAYS * DAY);
  if (end && !start) start = new Date(end.getTime() - MAX_SPAN_DAYS * DAY);
  if (!start) start = new Date(now.getTime() - MAX_SPAN_DAYS * DAY);
  return { serviceCodes, statuses: statuses as ("open" | "closed")[], start, end, ...paging };
}

/** `attribute[code]=value` form fields (repeated for multivaluelist), or a JSON `attribute` object. */
function attributesOf(body: Fields): AttributeAnswers {
  const answers: AttributeAnswers = {};
  const put = (code: string, v: unknown) => {
    const values = (Array.isArray(v) ? v : [v]).map((x) => (typeof x === "string" || typeof x === "number" ? String(x) : null));
    if (values.some((x) => x === null)) throw fail(400, `attribute[${code}] debe ser texto.`);
    answers[code] = values.length === 1 ? values[0]! : (values as string[]);
  };
  for (const [key, v] of Object.entries(body)) {
    const m = /^attribute\[([^\]]{1,40})\](\[\])?$/.exec(key);
    if (m) put(m[1]!, v);
  }
  const nested = body.attribute;
  if (nested && typeof nested === "object" && !Array.isArray(nested)) for (const [code, v] of Object.entries(nested)) put(code, v);
  return answers;
}

function coordinate(value: string, name: string, limit: number): number {
  if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(value) || Math.abs(Number(value)) > limit) throw fail(400, `${name} debe ser un número decimal (WGS84) entre -${limit} y ${limit}.`);
  return Number(value);
}

export interface Open311Submission {
  input: NewRequest;
  /** Echoed back as GeoReport asks; we create no accounts. */
  accountId: string | null;
  mediaUrl: string | null;
}

/** The POST form → createRequest's input. Every field problem is collected into one 400. */
export async function submission(db: Executor, municipalityId: number, body: Fields): Promise<Open311Submission> {
  const problems: string[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof Open311Failure) problems.push(...error.descriptions);
      else throw error;
      return undefined;
    }
  };
  const serviceCode = attempt(() => text(body, "service_code"));
  if (!serviceCode && !problems.length) problems.push("Falta service_code: elija un servicio de services.json.");
  const lat = attempt(() => text(body, "lat"));
  const lon = attempt(() => text(body, "long"));
  const addressString = attempt(() => text(body, "address_string"));
  const addressId = attempt(() => text(body, "address_id"));
  let location: { lat: number; lon: number } | null = null;
  if ((lat === undefined) !== (lon === undefined)) problems.push("Envíe lat y long juntos.");
  else if (lat !== undefined && lon !== undefined) {
    const la = attempt(() => coordinate(lat, "lat", 90));
    const lo = attempt(() => coordinate(lon, "long", 180));
    if (la !== undefined && lo !== undefined) location = { lat: la, lon: lo };
  }
  if (lat === undefined && !addressString && !addressId) problems.push("Indique la ubicación: lat y long, address_string o address_id (la colonia).");
  let coloniaId: number | null = null;
  if (addressId) {
    // address_id is the colonia's identifier (its slug), as GET requests returns it.
    const colonia = await findColoniaBySlug(db, municipalityId, addressId.toLowerCase());
    if (!colonia) problems.push(`address_id "${addressId.slice(0, 80)}" no es una colonia de este municipio.`);
    else coloniaId = colonia.id;
  }
  const mediaUrl = attempt(() => text(body, "media_url")) ?? null;
  if (mediaUrl && (mediaUrl.length > 2000 || !/^https?:\/\/[^\s]+$/i.test(mediaUrl))) problems.push("media_url debe ser una dirección http(s) válida.");
  const first = attempt(() => text(body, "first_name"));
  const last = attempt(() => text(body, "last_name"));
  const name = [first, last].filter(Boolean).join(" ") || null;
  const contact = { name, email: attempt(() => text(body, "email")) ?? null, phone: attempt(() => text(body, "phone")) ?? null };
  const description = attempt(() => text(body, "description")) ?? "";
  const attributes = attempt(() => attributesOf(body)) ?? {};
  const accountId = attempt(() => text(body, "account_id")) ?? null;
  attempt(() => text(body, "device_id"));
  if (problems.length) throw new Open311Failure(400, problems);
  return {
    input: { serviceCode: serviceCode!, description, address: addressString ?? null, location, coloniaId, attributes, contact, channel: "open311" },
    accountId: accountId && accountId.length <= 100 ? accountId : null,
    mediaUrl,
  };
}
