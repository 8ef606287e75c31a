/**
 * Filing a citizen request, on any channel (web form, Open311, staff on the phone…): one
 * transaction gives it a folio, its colonia, its department and its target time, records the
 * first history row, keeps the contact apart, and announces it on the bus.
 */
import crypto from "node:crypto";
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { isStaffOf } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { publish } from "../../platform/bus.js";
import { checkAttributes, type AttributeAnswers } from "./attributes.js";
import { findServiceByCode } from "./catalogue.js";
import { computeDue } from "./deadline.js";
import { RequestInputError } from "./errors.js";
import { nextFolio } from "./folio.js";
import { processPhoto, type ProcessedPhoto } from "./photos.js";
import { departmentFor, placeRequest } from "./routing.js";
import type { Channel } from "./tables.js";

export const REQUESTS_TOPIC = "requests.changed";
export const MAX_PHOTOS = 3;

export interface NewRequest {
  serviceCode: string;
  description: string;
  address?: string | null;
  location?: { lat: number; lon: number } | null;
  coloniaId?: number | null;
  attributes?: AttributeAnswers;
  contact?: { name?: string | null; email?: string | null; phone?: string | null } | null;
  photos?: Buffer[];
  channel: Channel;
  /** Staff file it on behalf of a person (at an office, a hearing, on the phone): recorded as assisted by the acting staff member. */
  assisted?: boolean;
}

export interface CreatedRequest {
  id: string;
  folio: string;
  /** Shown once: the private link's secret (only its hash is stored). */
  trackingToken: string;
  dueAt: Date;
  departmentId: number | null;
  coloniaId: number | null;
}

/**
 * Work another module must do in the same transaction as the filing (a brigade's record keyed by
 * its client id, a hearing's petition): if it throws, the request is not filed either, so a
 * retried sync or a double click never leaves a request without its link, nor a link twice.
 */
export type AlongWithRequest = (trx: Executor, created: CreatedRequest) => Promise<void>;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

function cleanText(value: string | null | undefined, max: number, field: string, label: string, errors: { field: string; message: string }[]): string | null {
  const v = (value ?? "").trim().replace(/\s+/g, " ");
  if (!v) return null;
  if (v.length > max) errors.push({ field, message: `${label} admite hasta ${max} caracteres.` });
  return v;
}

export async function createRequest(
  services: Services,
  municipality: { id: number; folioPrefix: string; timeZone: string },
  input: NewRequest,
  actor: Actor,
  now: Date = new Date(),
  along?: AlongWithRequest,
): Promise<CreatedRequest> {
  const { db, storage } = services;
  const service = await findServiceByCode(db, municipality.id, input.serviceCode.trim());
  if (!service || !service.active) {
    throw RequestInputError.single("service_code", `El servicio "${input.serviceCode}" no existe en este municipio.`);
  }
  const errors: { field: string; message: string }[] = [];
  const description = (input.description ?? "").trim();
  if (description.length < 5) errors.push({ field: "description", message: "Describa el problema (al menos 5 caracteres)." });
  if (description.length > 5000) errors.push({ field: "description", message: "La descripción admite hasta 5000 caracteres." });
  const address = cleanText(input.address, 300, "address", "La dirección", errors);
  const name = cleanText(input.contact?.name, 120, "name", "El nombre", errors);
  const email = cleanText(input.contact?.email, 254, "email", "El correo", errors)?.toLowerCase() ?? null;
  if (email && !EMAIL.test(email)) errors.push({ field: "email", message: "El correo electrónico no es válido." });
  const phone = cleanText(input.contact?.phone, 30, "phone", "El teléfono", errors);
  if (phone && !/^[0-9 +()\-.]{7,30}$/.test(phone)) errors.push({ field: "phone", message: "El teléfono solo puede tener números, espacios y + ( ) -." });
  const location = input.location ?? null;
  if (location && (!Number.isFinite(location.lat) || !Number.isFinite(location.lon) || Math.abs(location.lat) > 90 || Math.abs(location.lon) > 180)) {
    errors.push({ field: "location", message: "Las coordenadas no son válidas." });
  }
  if (service.locationRequired && !location) errors.push({ field: "location", message: `El servicio "${service.name}" necesita la ubicación en el mapa.` });
  const photos = input.photos ?? [];
  if (photos.length > MAX_PHOTOS) errors.push({ field: "photo", message: `Se aceptan hasta ${MAX_PHOTOS} fotos.` });
  if (service.photoRequired && photos.length === 0) errors.push({ field: "photo", message: `El servicio "${service.name}" necesita una foto.` });
  let attributes: Record<string, string | string[]> = {};
  try {
    attributes = checkAttributes(service.attributes, input.attributes ?? {});
  } catch (error) {
    if (error instanceof RequestInputError) errors.push(...error.errors);
    else throw error;
  }
  if (errors.length) throw new RequestInputError(errors, 400);

  const placement = await placeRequest(db, municipality.id, location, input.coloniaId ?? null);
  const departmentId = await departmentFor(db, municipality.id, service.id, placement.coloniaId, service.departmentId);
  const { receivedOn, dueAt } = await computeDue(db, municipality.id, now, service.target);
  const processed: ProcessedPhoto[] = [];
  for (const [i, p] of photos.entries()) processed.push(await processPhoto(p, i === 0 ? "photo" : `photo${i + 1}`));

  // Files first (outside the transaction), removed again if the transaction fails.
  const stored: { image: string; thumbnail: string; photo: ProcessedPhoto }[] = [];
  for (const photo of processed) {
    const base = `requests/${municipality.id}/${crypto.randomUUID()}`;
    await storage.put(`${base}.jpg`, photo.image);
    await storage.put(`${base}-min.jpg`, photo.thumbnail);
    stored.push({ image: `${base}.jpg`, thumbnail: `${base}-min.jpg`, photo });
  }
  const trackingToken = crypto.randomBytes(24).toString("base64url");
  try {
    return await db.transaction().execute(async (trx) => {
      const year = Number(new Intl.DateTimeFormat("en", { year: "numeric", timeZone: municipality.timeZone }).format(now));
      const folio = await nextFolio(trx, municipality.id, municipality.folioPrefix, year);
      const row = await trx
        .insertInto("service_requests")
        .values({
          municipality_id: municipality.id,
          folio,
          service_id: service.id,
          department_id: departmentId,
          colonia_id: placement.coloniaId,
          colonia_source: placement.coloniaSource,
          address,
          description,
          lat: location?.lat ?? null,
          lon: location?.lon ?? null,
          attributes: JSON.stringify(attributes),
          channel: input.channel,
          assisted_by_user_id: input.assisted && isStaffOf(actor, municipality.id) && actor.kind === "user" ? actor.userId : null,
          received_on: receivedOn,
          due_at: dueAt,
          created_at: now,
          updated_at: now,
          tracking_token_hash: hashToken(trackingToken),
          status_reason: null,
          assignee_user_id: null,
          attended_at: null,
          closed_at: null,
          rating: null,
          rating_comment: null,
          rated_at: null,
        })
        .returning(["id"])
        .executeTakeFirstOrThrow();
      if (name || email || phone) {
        await trx.insertInto("request_contacts").values({ municipality_id: municipality.id, request_id: row.id, name, email, phone }).execute();
      }
      for (const s of stored) {
        await trx
          .insertInto("request_photos")
          .values({
            municipality_id: municipality.id,
            request_id: row.id,
            storage_key: s.image,
            thumbnail_key: s.thumbnail,
            content_type: s.photo.contentType,
            width: s.photo.width,
            height: s.photo.height,
            bytes: s.photo.image.length,
            created_at: now,
          })
          .execute();
      }
      const staff = isStaffOf(actor, municipality.id);
      await trx
        .insertInto("request_events")
        .values({
          municipality_id: municipality.id,
          request_id: row.id,
          occurred_at: now,
          actor_user_id: staff && actor.kind === "user" ? actor.userId : null,
          kind: "created",
          from_value: null,
          to_value: "recibida",
          body: null,
          public: true,
        })
        .execute();
      if (staff) {
        await recordAudit(trx, { actor, municipalityId: municipality.id, action: "requests.create", subjectType: "service_request", subjectId: folio, details: { channel: input.channel, service: service.code } });
      }
      const created = { id: row.id, folio, trackingToken, dueAt, departmentId, coloniaId: placement.coloniaId };
      if (along) await along(trx, created);
      await publish(trx, { topic: REQUESTS_TOPIC, municipalityId: municipality.id, data: { requestId: row.id, folio, kind: "created", status: "recibida" } });
      return created;
    });
  } catch (error) {
    for (const s of stored) {
      await storage.delete(s.image);
      await storage.delete(s.thumbnail);
    }
    throw error;
  }
}
