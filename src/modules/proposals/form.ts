/** Reading posted forms (urlencoded or multipart) for the proposal pages. */
import type { FastifyRequest } from "fastify";
import type { Participant } from "../participation/participants.js";
import { meetsLevel } from "../participation/participants.js";
import type { ParticipationLevel } from "../participation/tables.js";
import { ProposalInputError } from "./errors.js";
import type { ProposalFormValues } from "./views/forms.js";

type Body = Record<string, unknown> | undefined;

/** One text field; files and repeated values read as "". */
export function field(body: unknown, name: string, max = 10_000): string {
  const v = (body as Body)?.[name];
  return typeof v === "string" ? v.slice(0, max) : "";
}

/** An uploaded file; an empty file input arrives as an empty buffer and counts as none. */
export function upload(body: unknown, name: string): Buffer | null {
  const v = (body as Body)?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return Buffer.isBuffer(first) && first.length > 0 ? first : null;
}

export function readProposalForm(body: unknown): ProposalFormValues {
  return {
    kind: field(body, "kind", 20).trim(),
    title: field(body, "title", 400),
    body: field(body, "body", 12_000),
    colonia: field(body, "colonia", 130).trim(),
    category: field(body, "category", 12).trim(),
    lat: field(body, "lat", 40).trim(),
    lon: field(body, "lon", 40).trim(),
    curp: field(body, "curp", 40).trim(),
  };
}

const DEGREES = /^-?\d{1,3}(\.\d{1,12})?$/;

export function readLocation(values: ProposalFormValues): { lat: number; lon: number } | null {
  if (!values.lat && !values.lon) return null;
  if (!DEGREES.test(values.lat) || !DEGREES.test(values.lon)) {
    throw ProposalInputError.single("location", "Las coordenadas no son válidas: escriba latitud y longitud en grados decimales (p. ej. 21.1221 y -101.6860).");
  }
  return { lat: Number(values.lat), lon: Number(values.lon) };
}

/** Would the gate let this visitor act? A signed-in person without a participant row yet counts as their account. */
export function viewerMeets(request: FastifyRequest, participant: Participant | null, level: ParticipationLevel): boolean {
  if (meetsLevel(participant, level)) return true;
  const actor = request.actor;
  if (participant === null && actor.kind === "user") {
    return meetsLevel({ municipalityId: 0, id: 0, kind: "account", userId: actor.userId, emailConfirmed: actor.emailVerified, identityVerified: false }, level);
  }
  return false;
}
