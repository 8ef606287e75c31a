/**
 * The citizen form's plumbing: reading a posted form (urlencoded or multipart) into the values
 * the page re-renders and the input createRequest takes, turning RequestInputError into messages
 * per form field, the "me too" supporter key, the confirmation e-mail, and the colonias and map a
 * request form offers.
 */
import crypto from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { findColoniaBySlug, listColonias, type ActiveMunicipality } from "../territory/queries.js";
import type { AttributeAnswers } from "./attributes.js";
import type { ServiceDefinition } from "./catalogue.js";
import type { NewRequest } from "./create.js";
import { RequestInputError } from "./errors.js";

/** What the citizen typed, as strings, so a page can show it again. */
export interface SubmitValues {
  service: string;
  description: string;
  address: string;
  colonia: string;
  lat: string;
  lon: string;
  name: string;
  email: string;
  phone: string;
  attributes: Record<string, string[]>;
}

export const EMPTY_VALUES: SubmitValues = { service: "", description: "", address: "", colonia: "", lat: "", lon: "", name: "", email: "", phone: "", attributes: {} };

type Body = Record<string, unknown> | undefined;

/** One text field of a form body; files and repeated values read as "". */
export function field(body: unknown, name: string, max = 10_000): string {
  const v = (body as Body)?.[name];
  return typeof v === "string" ? v.slice(0, max) : "";
}

function texts(body: unknown, name: string): string[] {
  const v = (body as Body)?.[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === "string").map((x) => x.slice(0, 2000));
}

/** Uploaded files of a field; an empty file input arrives as an empty buffer and is skipped. */
export function uploads(body: unknown, name: string): Buffer[] {
  const v = (body as Body)?.[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is Buffer => Buffer.isBuffer(x) && x.length > 0);
}

export function readValues(body: unknown, service: ServiceDefinition | null): SubmitValues {
  const attributes: Record<string, string[]> = {};
  for (const def of service?.attributes ?? []) {
    const answers = texts(body, `attribute[${def.code}]`).filter((a) => a.trim() !== "");
    if (answers.length) attributes[def.code] = answers;
  }
  return {
    service: field(body, "servicio", 60).trim(),
    description: field(body, "description", 6000),
    address: field(body, "address", 400),
    colonia: field(body, "colonia", 130).trim(),
    lat: field(body, "lat", 40).trim(),
    lon: field(body, "lon", 40).trim(),
    name: field(body, "name", 200),
    email: field(body, "email", 300),
    phone: field(body, "phone", 60),
    attributes,
  };
}

/** What a request form's values say, as createRequest takes it (the channel is the route's to say). */
export function requestFields(
  serviceCode: string,
  values: SubmitValues,
  place: { location: { lat: number; lon: number } | null; coloniaId: number | null },
  photos: Buffer[],
): Omit<NewRequest, "channel" | "assisted"> {
  return {
    serviceCode,
    description: values.description,
    address: values.address,
    location: place.location,
    coloniaId: place.coloniaId,
    attributes: attributeAnswers(values),
    contact: { name: values.name, email: values.email, phone: values.phone },
    photos,
  };
}

export function attributeAnswers(values: SubmitValues): AttributeAnswers {
  const answers: AttributeAnswers = {};
  for (const [code, list] of Object.entries(values.attributes)) answers[code] = list.length === 1 ? list[0]! : list;
  return answers;
}

const DEGREES = /^-?\d{1,3}(\.\d{1,12})?$/;

/** The pin, null when none was given; a half-filled or malformed pin is the citizen's mistake. */
export function readLocation(values: SubmitValues): { lat: number; lon: number } | null {
  if (!values.lat && !values.lon) return null;
  if (!DEGREES.test(values.lat) || !DEGREES.test(values.lon)) {
    throw RequestInputError.single("location", "Las coordenadas no son válidas: escriba latitud y longitud en grados decimales (p. ej. 19.4326 y -99.1332).", 422);
  }
  return { lat: Number(values.lat), lon: Number(values.lon) };
}

/** Messages per form field; photo2/photo3 belong to the one photo input. */
export function fieldErrors(error: RequestInputError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of error.errors) {
    const key = /^photo\d*$/.test(e.field) ? "photo" : e.field;
    out[key] = out[key] ? `${out[key]} ${e.message}` : e.message;
  }
  return out;
}

export const NEIGHBOUR_COOKIE = "cabildo_vecino";

/**
 * Who is supporting: the account when signed in, else a long-lived random browser id. Only the
 * hash is stored, so supports cannot be traced back to a cookie or an account by reading the table.
 */
export function supporterKey(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  if (request.actor.kind === "user") return crypto.createHash("sha256").update(`cuenta:${request.actor.userId}`).digest("hex");
  let id = request.cookies[NEIGHBOUR_COOKIE];
  if (!id || !/^[A-Za-z0-9_-]{32,64}$/.test(id)) {
    id = crypto.randomBytes(24).toString("base64url");
    reply.setCookie(NEIGHBOUR_COOKIE, id, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 2 * 365 * 24 * 3600, secure });
  }
  return crypto.createHash("sha256").update(`vecino:${id}`).digest("hex");
}

export function requestLinks(services: Services, slug: string, folio: string, token: string) {
  const base = services.config.publicUrl;
  return {
    publicPath: `/${slug}/solicitudes/${encodeURIComponent(folio)}`,
    trackingPath: `/${slug}/solicitudes/seguimiento/${encodeURIComponent(token)}`,
    publicUrl: `${base}/${slug}/solicitudes/${encodeURIComponent(folio)}`,
    trackingUrl: `${base}/${slug}/solicitudes/seguimiento/${encodeURIComponent(token)}`,
  };
}

/** The folio and both links by e-mail; a mail failure never undoes the filed request. */
export async function sendConfirmation(
  services: Services,
  request: FastifyRequest,
  municipality: ActiveMunicipality,
  created: { folio: string; trackingToken: string },
  serviceName: string,
  email: string,
): Promise<void> {
  const links = requestLinks(services, municipality.slug, created.folio, created.trackingToken);
  const t = request.t;
  const text = [
    t("reqSubmit:mail.greeting", { municipality: municipality.name }),
    "",
    t("reqSubmit:mail.folio", { folio: created.folio }),
    t("reqSubmit:mail.service", { service: serviceName }),
    "",
    t("reqSubmit:mail.public"),
    links.publicUrl,
    "",
    t("reqSubmit:mail.tracking"),
    links.trackingUrl,
    "",
    t("reqSubmit:mail.privacy"),
  ].join("\n");
  try {
    await services.mailer.send({ to: email.trim().toLowerCase(), subject: t("reqSubmit:mail.subject", { folio: created.folio }), text });
  } catch (error) {
    request.log.error({ err: error }, "no se pudo enviar el correo de confirmación");
  }
}

const COLONIA_OPTIONS = 200;

/**
 * What a request form offers to say where the problem is: the colonias (a search narrows them; the
 * one already chosen is always listed) and the addresses the map script reads. Shared with staff
 * forms that file a request.
 */
export async function formPlaces(services: Services, m: ActiveMunicipality, coloniaQ: string, chosen: string) {
  const found = await listColonias(services.db, m.id, { q: coloniaQ, page: 1, perPage: COLONIA_OPTIONS });
  const colonias = found.rows.map((c) => ({ slug: c.slug, name: c.name, postalCode: c.postal_code }));
  if (chosen && !colonias.some((c) => c.slug === chosen)) {
    const colonia = await findColoniaBySlug(services.db, m.id, chosen);
    if (colonia) colonias.unshift({ slug: colonia.slug, name: colonia.name, postalCode: colonia.postal_code });
  }
  const api = `/api/v1/municipalities/${m.slug}`;
  return {
    colonias,
    coloniaTotal: found.total,
    map: { tiles: services.config.mapTileUrl, geojson: `${api}/colonias.geojson`, lookup: `${api}/colonias/lookup`, similar: `${api}/requests/similar` },
  };
}

/**
 * The private link of a request just filed travels to the page after the redirect in a signed,
 * short-lived cookie scoped to that page (only the link's hash is stored).
 */
export function rememberFiled(
  reply: FastifyReply,
  cookie: string,
  path: string,
  filed: { folio: string; trackingToken: string; emailed: boolean },
  options: { secure: boolean; maxAge: number },
): void {
  reply.setCookie(cookie, JSON.stringify({ folio: filed.folio, token: filed.trackingToken, emailed: filed.emailed }), {
    path,
    httpOnly: true,
    sameSite: "lax",
    signed: true,
    maxAge: options.maxAge,
    secure: options.secure,
  });
}

/** The private link remembered for this folio in this browser, if any (see rememberFiled). */
export function rememberedFiling(request: FastifyRequest, cookie: string, folio: string): { token: string; emailed: boolean } | null {
  const raw = request.cookies[cookie];
  const unsigned = raw ? request.unsignCookie(raw) : null;
  if (!unsigned?.valid || !unsigned.value) return null;
  try {
    const saved = JSON.parse(unsigned.value) as { folio?: unknown; token?: unknown; emailed?: unknown };
    return saved.folio === folio && typeof saved.token === "string" ? { token: saved.token, emailed: saved.emailed === true } : null;
  } catch {
    return null;
  }
}
