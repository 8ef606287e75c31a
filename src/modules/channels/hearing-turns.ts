/**
 * Turns of an open hearing. One number sequence per hearing, shared by turns asked online and
 * turns given on arrival: the next number is max + 1 under a lock on the hearing row, so two
 * people asking at the same moment never get the same number nor go beyond the capacity. Online
 * turns are limited by the online capacity, all turns by the capacity. Calling the next turn
 * moves the public screen.
 */
import crypto from "node:crypto";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { hashToken } from "../requests/create.js";
import { ChannelInputError } from "./errors.js";
import { HearingChecker } from "./hearing-inputs.js";
import { turnCounts } from "./hearing-queries.js";
import { announceHearing, lockHearing, type HearingRef } from "./hearing-service.js";
import type { TurnStatus, TurnVia } from "./tables.js";

export interface TurnInput {
  topic: string;
  name?: string;
  email?: string;
  phone?: string;
}

export interface GivenTurn {
  number: number;
  /** The attendee's private link secret: shown once, only its hash is stored. */
  token: string;
}

export const fullMessage = (capacity: number) => `Ya no hay turnos disponibles para esta audiencia (cupo de ${capacity} personas).`;

/**
 * Give the next turn. `via` en_linea: the attendee asks on the public page (topic and an optional
 * e-mail to receive the folio); llegada: staff register someone in the room (topic, optional name,
 * phone and e-mail).
 */
export async function registerTurn(trx: Executor, hearing: HearingRef, via: TurnVia, input: TurnInput, actor: Actor, now = new Date()): Promise<GivenTurn> {
  const c = new HearingChecker();
  const topic = c.text("topic", input.topic, { label: "el tema de su petición", min: 3, max: 500 });
  const name = via === "llegada" ? c.optional("name", input.name ?? "", { label: "el nombre", max: 120 }) : null;
  const email = c.email("email", input.email ?? "");
  const phone = via === "llegada" ? c.phone("phone", input.phone ?? "") : null;
  c.done();

  const h = await lockHearing(trx, hearing);
  if (h.status === "concluida" || h.status === "cancelada") {
    throw ChannelInputError.single("general", h.status === "concluida" ? "Esta audiencia ya concluyó: ya no se dan turnos." : "Esta audiencia fue cancelada: no se dan turnos.");
  }
  if (via === "en_linea" && (h.status === "en_curso" || new Date(h.starts_at) <= now)) {
    throw ChannelInputError.single("general", "La audiencia ya comenzó: los turnos en línea se cerraron. Puede pedir su turno al llegar a la sede.");
  }
  const counts = await turnCounts(trx, hearing.municipalityId, hearing.id);
  if (counts.taken >= h.capacity) throw ChannelInputError.single("general", fullMessage(h.capacity));
  if (via === "en_linea" && counts.online >= h.online_capacity) {
    throw ChannelInputError.single(
      "general",
      h.online_capacity === 0
        ? "Esta audiencia no da turnos en línea: pida su turno al llegar a la sede."
        : `Ya no hay turnos en línea para esta audiencia (cupo en línea: ${h.online_capacity}). Aún puede pedir su turno al llegar a la sede.`,
    );
  }
  const last = await trx
    .selectFrom("hearing_turns")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("municipality_id", "=", hearing.municipalityId)
    .where("hearing_id", "=", hearing.id)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const token = crypto.randomBytes(24).toString("base64url");
  await trx
    .insertInto("hearing_turns")
    .values({
      municipality_id: hearing.municipalityId,
      hearing_id: hearing.id,
      number,
      registered_via: via,
      topic,
      name,
      email,
      phone,
      token_hash: hashToken(token),
      called_at: null,
      attended_at: null,
      created_at: now,
    })
    .execute();
  if (via === "llegada") {
    // The audit keeps the fact, not the person: no topic, name or contact.
    await recordAudit(trx, { actor, municipalityId: hearing.municipalityId, action: "hearings.turn.arrival", subjectType: "hearing", subjectId: hearing.id, details: { number } });
  }
  await announceHearing(trx, hearing, "turn");
  return { number, token };
}

/**
 * Call the lowest waiting number. The turn called before it, if it is still "llamado" (no
 * petition was recorded), becomes `previous`: atendido (heard without a petition) or ausente.
 * Returns the number called, or null when nobody is waiting.
 */
export async function callNextTurn(trx: Executor, hearing: HearingRef, previous: "atendido" | "ausente", actor: Actor, now = new Date()): Promise<number | null> {
  const h = await lockHearing(trx, hearing);
  if (h.status !== "en_curso") throw ChannelInputError.single("general", h.status === "programada" ? "Abra la audiencia antes de llamar turnos." : "La audiencia ya no está en curso.", 409);
  const turns = trx.updateTable("hearing_turns").where("municipality_id", "=", hearing.municipalityId).where("hearing_id", "=", hearing.id);
  await turns.set(previous === "atendido" ? { status: "atendido", attended_at: now } : { status: "ausente" }).where("status", "=", "llamado").execute();
  const next = await trx
    .selectFrom("hearing_turns")
    .select("number")
    .where("municipality_id", "=", hearing.municipalityId)
    .where("hearing_id", "=", hearing.id)
    .where("status", "=", "en_espera")
    .orderBy("number")
    .limit(1)
    .executeTakeFirst();
  if (!next) {
    // Nobody waits: the previous turn is settled and the screen keeps its number.
    await announceHearing(trx, hearing, "turn");
    return null;
  }
  await turns.set({ status: "llamado", called_at: now }).where("number", "=", next.number).execute();
  await trx.updateTable("hearings").set({ current_turn: next.number, updated_at: now }).where("municipality_id", "=", hearing.municipalityId).where("id", "=", hearing.id).execute();
  await recordAudit(trx, { actor, municipalityId: hearing.municipalityId, action: "hearings.turn.call", subjectType: "hearing", subjectId: hearing.id, details: { number: next.number, previous } });
  await announceHearing(trx, hearing, "call");
  return next.number;
}

const MARKABLE: Record<"atendido" | "ausente" | "en_espera", TurnStatus[]> = {
  atendido: ["en_espera", "llamado", "ausente"],
  ausente: ["en_espera", "llamado"],
  // Someone marked absent who shows up after all goes back to the queue.
  en_espera: ["ausente"],
};

/** Staff mark one turn by hand (heard, absent, back to waiting). */
export async function markTurn(trx: Executor, hearing: HearingRef, number: number, to: "atendido" | "ausente" | "en_espera", actor: Actor, now = new Date()): Promise<void> {
  const h = await lockHearing(trx, hearing);
  if (h.status === "cancelada") throw ChannelInputError.single("general", "La audiencia fue cancelada.", 409);
  const turn = await trx
    .selectFrom("hearing_turns")
    .select("status")
    .where("municipality_id", "=", hearing.municipalityId)
    .where("hearing_id", "=", hearing.id)
    .where("number", "=", number)
    .executeTakeFirst();
  if (!turn) throw ChannelInputError.single("general", `No existe el turno ${number} en esta audiencia.`, 404);
  if (!MARKABLE[to].includes(turn.status)) throw ChannelInputError.single("general", `El turno ${number} está «${turn.status.replace("_", " ")}»: no se puede marcar así.`, 409);
  await trx
    .updateTable("hearing_turns")
    .set(to === "atendido" ? { status: to, attended_at: now } : { status: to })
    .where("municipality_id", "=", hearing.municipalityId)
    .where("hearing_id", "=", hearing.id)
    .where("number", "=", number)
    .execute();
  await recordAudit(trx, { actor, municipalityId: hearing.municipalityId, action: "hearings.turn.mark", subjectType: "hearing", subjectId: hearing.id, details: { number, from: turn.status, to } });
  await announceHearing(trx, hearing, "turn");
}
