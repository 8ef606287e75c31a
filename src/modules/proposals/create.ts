/**
 * Filing a proposal, online or in person: validated input, the next number of the process, its
 * colonia (the polygon under the pin when there is one, else the chosen colonia), an optional
 * photo through the requests pipeline (type read from the bytes, EXIF dropped), the first history
 * row and the audit entry, in one transaction.
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { isStaffOf } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { publish } from "../../platform/bus.js";
import { findColoniaAt, isInsideMunicipality } from "../territory/lookup.js";
import { processPhoto } from "../requests/photos.js";
import { ProposalInputError } from "./errors.js";
import { PROPOSAL_KINDS, type ProposalChannel, type ProposalKind } from "./tables.js";

export const PROPOSALS_TOPIC = "proposals.changed";
export const TITLE_MAX = 150;
export const BODY_MAX = 6000;

export interface ProposalInput {
  kind: ProposalKind | string;
  title: string;
  body: string;
  categoryId?: number | null;
  coloniaId?: number | null;
  location?: { lat: number; lon: number } | null;
  channel: ProposalChannel;
}

/** Who files it: the actor (staff for in-person and roundtable entries) and the participant who authors it. */
export interface ProposalAuthor {
  actor: Actor;
  participantId: number;
}

/** A photo already processed and stored (see storeProposalImage). */
export interface StoredProposalImage {
  imageKey: string;
  thumbnailKey: string;
  width: number;
  height: number;
}

export interface CreatedProposal {
  id: number;
  number: number;
  folio: string;
}

export function proposalFolio(number: number): string {
  return `PROP-${String(number).padStart(4, "0")}`;
}

/** "PROP-0007", "prop-7" or "7" → 7. */
export function parseProposalNumber(text: string): number | null {
  const m = /^(?:prop-?)?0*(\d{1,9})$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 && n <= 2_000_000_000 ? n : null;
}

const collapse = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "").trim();

/** Every mistake at once, as field messages (422). */
export function checkProposalInput(input: ProposalInput): { kind: ProposalKind; title: string; body: string } {
  const errors: { field: string; message: string }[] = [];
  const title = collapse(input.title ?? "").replace(/\s+/g, " ");
  const body = collapse(input.body ?? "");
  if (!PROPOSAL_KINDS.includes(input.kind as ProposalKind)) errors.push({ field: "kind", message: "Elija el tipo: tema, idea, reto o propuesta." });
  if (title.length < 5) errors.push({ field: "title", message: "Escriba un título de al menos 5 caracteres." });
  if (title.length > TITLE_MAX) errors.push({ field: "title", message: `El título admite hasta ${TITLE_MAX} caracteres.` });
  if (body.length < 15) errors.push({ field: "body", message: "Describa su aportación (al menos 15 caracteres)." });
  if (body.length > BODY_MAX) errors.push({ field: "body", message: `La descripción admite hasta ${BODY_MAX} caracteres.` });
  const loc = input.location;
  if (loc && (!Number.isFinite(loc.lat) || !Number.isFinite(loc.lon) || Math.abs(loc.lat) > 90 || Math.abs(loc.lon) > 180)) {
    errors.push({ field: "location", message: "Las coordenadas no son válidas." });
  }
  if (errors.length) throw new ProposalInputError(errors);
  return { kind: input.kind as ProposalKind, title, body };
}

/** Process a photo (outside any transaction) and store it; the caller removes it if filing fails. */
export async function storeProposalImage(services: Pick<Services, "storage">, municipalityId: number, image: Buffer): Promise<StoredProposalImage> {
  const photo = await processPhoto(image, "image");
  const base = `proposals/${municipalityId}/${crypto.randomUUID()}`;
  await services.storage.put(`${base}.jpg`, photo.image);
  await services.storage.put(`${base}-min.jpg`, photo.thumbnail);
  return { imageKey: `${base}.jpg`, thumbnailKey: `${base}-min.jpg`, width: photo.width, height: photo.height };
}

export async function removeProposalImage(services: Pick<Services, "storage">, image: StoredProposalImage | null): Promise<void> {
  if (!image) return;
  await services.storage.delete(image.imageKey);
  await services.storage.delete(image.thumbnailKey);
}

/**
 * Create a proposal inside the caller's transaction (other modules use it: a roundtable agreement
 * becomes a proposal). It does not check the phase or the participation level: callers do.
 */
export async function createProposal(
  trx: Executor,
  municipalityId: number,
  by: ProposalAuthor,
  processId: number,
  input: ProposalInput,
  image: StoredProposalImage | null = null,
  now: Date = new Date(),
): Promise<CreatedProposal> {
  const clean = checkProposalInput(input);
  const location = input.location ?? null;
  let coloniaId: number | null = null;
  let coloniaSource: "polygon" | "chosen" | null = null;
  if (location) {
    if ((await isInsideMunicipality(trx, municipalityId, location.lon, location.lat)) === false) {
      throw ProposalInputError.single("location", "La ubicación está fuera del municipio. Marque un punto dentro de sus límites.");
    }
    const hit = await findColoniaAt(trx, municipalityId, location.lon, location.lat);
    if (hit) [coloniaId, coloniaSource] = [hit.id, "polygon"];
  }
  if (coloniaId === null && input.coloniaId != null) {
    const colonia = await trx.selectFrom("colonias").select("id").where("municipality_id", "=", municipalityId).where("id", "=", input.coloniaId).executeTakeFirst();
    if (!colonia) throw ProposalInputError.single("colonia", "La colonia elegida no existe en este municipio.");
    [coloniaId, coloniaSource] = [colonia.id, "chosen"];
  }
  if (input.categoryId != null) {
    const category = await trx
      .selectFrom("proposal_categories")
      .select("id")
      .where("municipality_id", "=", municipalityId)
      .where("process_id", "=", processId)
      .where("id", "=", input.categoryId)
      .executeTakeFirst();
    if (!category) throw ProposalInputError.single("category", "La categoría elegida no existe en este proceso.");
  }
  const counter = await sql<{ last_number: number }>`
    insert into proposal_settings (municipality_id, process_id, last_number) values (${municipalityId}, ${processId}, 1)
    on conflict (municipality_id, process_id) do update set last_number = proposal_settings.last_number + 1
    returning last_number`.execute(trx);
  const number = counter.rows[0]!.last_number;
  const staffUser = by.actor.kind === "user" && isStaffOf(by.actor, municipalityId) ? by.actor.userId : null;
  const row = await trx
    .insertInto("proposals")
    .values({
      municipality_id: municipalityId,
      process_id: processId,
      number,
      kind: clean.kind,
      title: clean.title,
      body: clean.body,
      category_id: input.categoryId ?? null,
      colonia_id: coloniaId,
      colonia_source: coloniaSource,
      lat: location?.lat ?? null,
      lon: location?.lon ?? null,
      image_key: image?.imageKey ?? null,
      thumbnail_key: image?.thumbnailKey ?? null,
      image_width: image?.width ?? null,
      image_height: image?.height ?? null,
      channel: input.channel,
      author_participant_id: by.participantId,
      entered_by: input.channel !== "online" ? staffUser : null,
      answer: null,
      answered_at: null,
      merged_into_id: null,
      hidden_at: null,
      hidden_reason: null,
      created_at: now,
      updated_at: now,
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("proposal_events")
    .values({ municipality_id: municipalityId, proposal_id: row.id, kind: "created", from_status: null, to_status: "publicada", body: null, other_proposal_id: null, actor_user_id: staffUser, occurred_at: now })
    .execute();
  const folio = proposalFolio(number);
  await recordAudit(trx, {
    actor: by.actor,
    actorLabel: by.actor.kind === "user" ? undefined : "participante",
    municipalityId,
    action: "proposals.create",
    subjectType: "proposal",
    subjectId: row.id,
    details: { processId, folio, channel: input.channel, kind: clean.kind },
  });
  await publish(trx, { topic: PROPOSALS_TOPIC, municipalityId, data: { processId, proposalId: row.id, kind: "created" } });
  return { id: row.id, number, folio };
}

/** Filing with a photo: the photo is processed and stored first and removed if the transaction fails. */
export async function submitProposal(
  services: Services,
  municipalityId: number,
  by: ProposalAuthor,
  processId: number,
  input: ProposalInput,
  imageBytes: Buffer | null,
): Promise<CreatedProposal> {
  checkProposalInput(input);
  const image = imageBytes && imageBytes.length > 0 ? await storeProposalImage(services, municipalityId, imageBytes) : null;
  try {
    return await services.db.transaction().execute((trx) => createProposal(trx, municipalityId, by, processId, input, image));
  } catch (error) {
    await removeProposalImage(services, image);
    throw error;
  }
}
