/**
 * Intake of access-to-information and ARCO requests: folio, the legal profile in force at
 * receipt, the deadlines from the engine, the requester's data in its own table, the first
 * history row and the audit entry — all in one transaction.
 */
import { sql } from "kysely";
import type { Db, Executor } from "../../platform/db/database.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/policy.js";
import { localDateTimeAt } from "../../platform/calendar/dates.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { deadlinesFor, type LegalDeadlines } from "./deadlines.js";
import { profileInForce, type RequestKind } from "./profiles.js";
import { ARCO_RIGHTS, CHANNELS, type ArcoRight, type Channel } from "./info-tables.js";

/** A request or a step the law (or the form) does not allow; nothing was changed. */
export class InfoRequestError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface IntakeInput {
  kind: RequestKind;
  arcoRight?: ArcoRight | null;
  channel: Channel;
  body: string;
  receivedAt: Date;
  name: string;
  email?: string | null;
  address?: string | null;
}

export interface IntakeResult {
  id: number;
  folio: string;
  profileId: string;
  deadlines: LegalDeadlines;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkIntake(input: IntakeInput, now: Date): void {
  if (input.kind !== "information" && input.kind !== "arco") throw new InfoRequestError("El tipo de solicitud no es válido.", "kind");
  if (input.kind === "arco" && !ARCO_RIGHTS.includes(input.arcoRight as ArcoRight)) throw new InfoRequestError("Indique el derecho ARCO que se ejerce.", "arcoRight");
  if (!CHANNELS.includes(input.channel)) throw new InfoRequestError("El medio de recepción no es válido.", "channel");
  const body = input.body.trim();
  if (body.length < 10) throw new InfoRequestError("Describa la información que solicita (al menos 10 caracteres).", "body");
  if (body.length > 10000) throw new InfoRequestError("La solicitud no puede exceder 10,000 caracteres.", "body");
  const name = input.name.trim();
  if (name.length < 1 || name.length > 200) throw new InfoRequestError("Escriba un nombre o seudónimo (máximo 200 caracteres).", "name");
  const email = input.email?.trim() || null;
  const address = input.address?.trim() || null;
  if (!email && !address) throw new InfoRequestError("Indique un correo electrónico o un domicilio para recibir notificaciones.", "email");
  if (email && (!EMAIL.test(email) || email.length > 254)) throw new InfoRequestError("El correo electrónico no es válido.", "email");
  if (address && address.length > 500) throw new InfoRequestError("El domicilio no puede exceder 500 caracteres.", "address");
  if (Number.isNaN(input.receivedAt.getTime())) throw new InfoRequestError("La fecha de recepción no es válida.", "receivedAt");
  if (input.receivedAt.getTime() > now.getTime() + 60_000) throw new InfoRequestError("La fecha de recepción no puede estar en el futuro.", "receivedAt");
}

async function nextInfoFolio(trx: Executor, municipalityId: number, prefix: string, year: number): Promise<string> {
  const row = await sql<{ last_number: number }>`
    insert into information_request_folio_counters (municipality_id, year, last_number) values (${municipalityId}, ${year}, 1)
    on conflict (municipality_id, year) do update set last_number = information_request_folio_counters.last_number + 1
    returning last_number`.execute(trx);
  return `${prefix}-UT-${year}-${String(row.rows[0]!.last_number).padStart(6, "0")}`;
}

/** Register a request (web intake by anyone, or staff registration of any channel). */
export async function createInformationRequest(db: Db, municipality: ActiveMunicipality, actor: Actor, input: IntakeInput, now = new Date()): Promise<IntakeResult> {
  checkIntake(input, now);
  return db.transaction().execute(async (trx) => {
    const profile = await profileInForce(trx, municipality.id, input.kind, input.receivedAt);
    const deadlines = await deadlinesFor(trx, municipality.id, profile, { receivedAt: input.receivedAt });
    const year = Number(localDateTimeAt(input.receivedAt, municipality.timeZone).date.slice(0, 4));
    const folio = await nextInfoFolio(trx, municipality.id, municipality.folioPrefix, year);
    const row = await trx
      .insertInto("information_requests")
      .values({
        municipality_id: municipality.id,
        folio,
        kind: input.kind,
        arco_right: input.kind === "arco" ? input.arcoRight! : null,
        profile_id: profile.id,
        channel: input.channel,
        body: input.body.trim(),
        received_at: input.receivedAt,
        received_on: deadlines.receivedOn,
        prevention_by: deadlines.preventionBy,
        incompetence_by: deadlines.incompetenceBy,
        due_on: deadlines.due,
        extended_due_on: null,
        prevention_notified_on: null, clarify_by: null, clarified_on: null, answer_text: null, answered_on: null,
        classification: null, legal_basis: null, reservation_years: null, competent_body: null,
        extension_resolution_number: null, extension_resolution_date: null, comite_resolution_number: null, comite_resolution_date: null,
        identity_method: null, identity_verified_by: null, identity_verified_at: null,
        recurso_filed_on: null, recurso_outcome: null, recurso_outcome_on: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await trx
      .insertInto("information_request_requesters")
      .values({ municipality_id: municipality.id, request_id: id, name: input.name.trim(), email: input.email?.trim() || null, address: input.address?.trim() || null })
      .execute();
    await trx
      .insertInto("information_request_events")
      .values({
        municipality_id: municipality.id, request_id: id, step: "recibida", status: "recibida", legal_date: deadlines.receivedOn,
        note: null, public: input.kind === "information", actor_user_id: actor.kind === "user" ? actor.userId : null,
      })
      .execute();
    await recordAudit(trx, {
      actor,
      actorLabel: actor.kind === "user" ? undefined : "solicitante",
      municipalityId: municipality.id,
      action: "transparency.request.create",
      subjectType: "information_request",
      subjectId: folio,
      details: { kind: input.kind, channel: input.channel, profile: profile.id },
    });
    return { id, folio, profileId: profile.id, deadlines };
  });
}
