/**
 * One record of a synchronised batch, as the members' app sends it, checked on its own: a batch
 * with one malformed record still stores the others. Everything that can be said without the
 * database is said here, every mistake at once, in Spanish, with the record's field names
 * (`serviceCode`, `contact.phone`, `attributes.tamano`) so the app can show each beside its field.
 */
import { BRIGADE_RECORD_KINDS, type BrigadeRecordKind } from "./tables.js";

export const MAX_PHOTO_BYTES = 4 * 1024 * 1024;
/** How far ahead of the server's clock a phone's clock may run before a capture counts as "in the future". */
export const CLOCK_TOLERANCE_MS = 10 * 60 * 1000;

export interface FieldError {
  field: string;
  message: string;
}

export interface BrigadeRecordInput {
  clientId: string;
  brigade: string;
  kind: BrigadeRecordKind;
  householdId: string;
  capturedAt: Date;
  coloniaId: number | null;
  location: { lat: number; lon: number } | null;
  serviceCode: string;
  description: string;
  attributes: Record<string, string | string[]>;
  title: string;
  body: string;
  proposalKind: string;
  consent: boolean;
  contact: { name: string | null; phone: string | null; email: string | null };
  paperForm: string | null;
  notes: string;
  photo: Buffer | null;
}

export type ParsedRecord = { ok: true; record: BrigadeRecordInput } | { ok: false; clientId: string | null; errors: FieldError[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const PHONE = /^[0-9 +()\-.]{7,30}$/;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A valid client id (lower case) or null. */
export function clientIdOf(raw: unknown): string | null {
  const id = raw && typeof raw === "object" ? (raw as Record<string, unknown>).clientId : undefined;
  return typeof id === "string" && UUID.test(id) ? id.toLowerCase() : null;
}

/** "5.2" for 5.2 MB (one decimal, as the phone shows sizes). */
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The photo's bytes from base64 (with or without a data: prefix), or a message saying what is wrong. */
export function decodePhoto(value: unknown): { photo: Buffer | null; error?: string } {
  if (value === undefined || value === null || value === "") return { photo: null };
  if (typeof value !== "string") return { photo: null, error: "La foto no llegó como imagen; vuelva a tomarla." };
  const data = value.replace(/^data:[a-z/+.-]+;base64,/i, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return { photo: null, error: "La foto llegó dañada; vuelva a tomarla." };
  // Size first, from the length alone: a huge photo is refused without decoding it.
  const bytes = Math.floor((data.length * 3) / 4) - (data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0);
  if (bytes > MAX_PHOTO_BYTES) return { photo: null, error: `La foto pesa ${megabytes(bytes)} MB; el máximo es ${megabytes(MAX_PHOTO_BYTES).replace(/\.0$/, "")} MB.` };
  const photo = Buffer.from(data, "base64");
  const jpeg = photo.length > 3 && photo[0] === 0xff && photo[1] === 0xd8 && photo[2] === 0xff;
  const png = photo.length > 8 && photo.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!jpeg && !png) return { photo: null, error: "El archivo de la foto no es una imagen JPEG o PNG." };
  return { photo };
}

function text(value: unknown, max: number, field: string, label: string, errors: FieldError[], oneLine = false): string {
  if (value !== undefined && value !== null && typeof value !== "string") {
    errors.push({ field, message: `${label} debe ser un texto.` });
    return "";
  }
  let v = (value ?? "").replace(CONTROL, "").replace(/\r\n?/g, "\n").trim();
  if (oneLine) v = v.replace(/\s+/g, " ");
  if (v.length > max) errors.push({ field, message: `${label} admite hasta ${max} caracteres.` });
  return v;
}

function attributesOf(value: unknown, errors: FieldError[]): Record<string, string | string[]> {
  if (value === undefined || value === null) return {};
  const ok = typeof value === "object" && !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string")));
  if (!ok) {
    errors.push({ field: "attributes", message: "Las respuestas del servicio no tienen el formato esperado; vuelva a contestarlas." });
    return {};
  }
  return value as Record<string, string | string[]>;
}

function locationOf(value: unknown, errors: FieldError[]): { lat: number; lon: number } | null {
  if (value === undefined || value === null) return null;
  const v = value as Record<string, unknown>;
  const lat = typeof v === "object" ? v.lat : undefined;
  const lon = typeof v === "object" ? v.lon : undefined;
  if (typeof lat !== "number" || typeof lon !== "number" || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    errors.push({ field: "location", message: "Las coordenadas de la ubicación no son válidas; vuelva a tomarla o elija solo la colonia." });
    return null;
  }
  return { lat, lon };
}

/**
 * Checks one record. `now` bounds the capture time (a phone's clock may run a little ahead);
 * the brigade's own dates, membership, services and colonias are checked against the database
 * by the sync.
 */
export function parseRecord(raw: unknown, now: Date): ParsedRecord {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, clientId: null, errors: [{ field: "general", message: "El registro no tiene el formato esperado." }] };
  }
  const r = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  const clientId = clientIdOf(r);
  if (!clientId) errors.push({ field: "clientId", message: "El registro no trae un identificador válido (UUID) generado por el teléfono." });
  const brigade = typeof r.brigade === "string" ? r.brigade.trim() : "";
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(brigade) || brigade.length > 80) errors.push({ field: "brigade", message: "Elija la brigada del registro." });
  const kind = r.kind as BrigadeRecordKind;
  if (!BRIGADE_RECORD_KINDS.includes(kind)) errors.push({ field: "kind", message: "Elija qué registra: una solicitud, una propuesta o una vivienda visitada sin solicitud." });
  const householdId = typeof r.householdId === "string" && UUID.test(r.householdId) ? r.householdId.toLowerCase() : "";
  if (!householdId) errors.push({ field: "householdId", message: "El registro no indica la vivienda; pulse «Nueva vivienda» y vuelva a guardarlo." });

  const capturedAt = typeof r.capturedAt === "string" && /^\d{4}-\d{2}-\d{2}T/.test(r.capturedAt) ? new Date(r.capturedAt) : new Date(Number.NaN);
  if (Number.isNaN(capturedAt.getTime())) errors.push({ field: "capturedAt", message: "La fecha y hora de captura no son válidas." });
  else if (capturedAt.getTime() > now.getTime() + CLOCK_TOLERANCE_MS) errors.push({ field: "capturedAt", message: "La fecha de captura está en el futuro: revise la fecha y la hora del teléfono." });

  let coloniaId: number | null = null;
  if (r.coloniaId !== undefined && r.coloniaId !== null && r.coloniaId !== "") {
    if (typeof r.coloniaId === "number" && Number.isSafeInteger(r.coloniaId) && r.coloniaId >= 1 && r.coloniaId <= 2147483647) coloniaId = r.coloniaId;
    else errors.push({ field: "coloniaId", message: "La colonia ya no existe en el catálogo; elija otra." });
  }
  const location = locationOf(r.location, errors);
  if (coloniaId === null && location === null && !errors.some((e) => e.field === "coloniaId" || e.field === "location")) {
    errors.push({ field: "coloniaId", message: "Elija la colonia o use la ubicación del teléfono." });
  }

  const serviceCode = typeof r.serviceCode === "string" ? r.serviceCode.trim() : "";
  const description = text(r.description, 5000, "description", "La descripción", errors);
  const attributes = attributesOf(r.attributes, errors);
  const title = text(r.title, 150, "title", "El título", errors, true);
  const body = text(r.body, 6000, "body", "La propuesta", errors);
  const proposalKind = typeof r.proposalKind === "string" && r.proposalKind ? r.proposalKind : "propuesta";
  if (kind === "solicitud" && !serviceCode) errors.push({ field: "serviceCode", message: "Elija el servicio de la solicitud." });

  if (r.consent !== undefined && typeof r.consent !== "boolean") errors.push({ field: "consent", message: "Indique si la persona acepta que la contacten." });
  const consent = r.consent === true;
  const c = (r.contact && typeof r.contact === "object" ? r.contact : {}) as Record<string, unknown>;
  const contact = {
    name: text(c.name, 120, "contact.name", "El nombre", errors, true) || null,
    phone: text(c.phone, 30, "contact.phone", "El teléfono", errors, true) || null,
    email: text(c.email, 254, "contact.email", "El correo", errors, true).toLowerCase() || null,
  };
  if (contact.phone && !PHONE.test(contact.phone)) errors.push({ field: "contact.phone", message: "El teléfono solo puede tener números, espacios y + ( ) -." });
  if (contact.email && !EMAIL.test(contact.email)) errors.push({ field: "contact.email", message: "El correo electrónico no es válido." });
  const hasContact = !!(contact.name || contact.phone || contact.email);
  if (hasContact && !consent) {
    errors.push({ field: "consent", message: "Sin el consentimiento de la persona no se guardan sus datos de contacto: marque que acepta que la contacten o borre el contacto." });
  } else if (consent && !contact.phone && !contact.email) {
    errors.push({ field: "contact.phone", message: "Para dar seguimiento, anote un teléfono o un correo de la persona." });
  }

  const paperForm = text(r.paperForm, 40, "paperForm", "El número de formato en papel", errors, true) || null;
  const notes = text(r.notes, 2000, "notes", "Las notas", errors);
  const decoded = decodePhoto(r.photo);
  if (decoded.error) errors.push({ field: "photo", message: decoded.error });
  if (decoded.photo && kind === "visita") errors.push({ field: "photo", message: "Una vivienda visitada sin solicitud no guarda fotos: quite la foto o registre una solicitud." });

  if (errors.length || !clientId) return { ok: false, clientId, errors };
  return {
    ok: true,
    record: { clientId, brigade, kind, householdId, capturedAt, coloniaId, location, serviceCode, description, attributes, title, body, proposalKind, consent, contact, paperForm, notes, photo: decoded.photo },
  };
}
