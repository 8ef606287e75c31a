/**
 * Assisted filing: staff file a citizen request on behalf of a person at an office's front desk,
 * at an open hearing or on the phone. It is an ordinary request (folio, target time, the live
 * queue) recorded with its channel and as assisted by the acting staff member, plus where it
 * happened (assisted_filings) — stored in the request's own transaction, or not at all.
 */
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { createRequest, type CreatedRequest, type NewRequest } from "../requests/create.js";
import { RequestInputError } from "../requests/errors.js";
import { ChannelInputError } from "./errors.js";
import "./assisted-tables.js";

/** Where staff meet the person: the channels of an assisted filing (the office one first: the default). */
export const ASSISTED_CHANNELS = ["office", "phone", "hearing"] as const;
export type AssistedChannel = (typeof ASSISTED_CHANNELS)[number];

export function isAssistedChannel(value: string): value is AssistedChannel {
  return (ASSISTED_CHANNELS as readonly string[]).includes(value);
}

export interface AssistedRequest extends Omit<NewRequest, "channel" | "assisted"> {
  /** As the form sent it: checked here. */
  channel: string;
  officeId: number | null;
}

type FieldError = { field: string; message: string };

async function activeOffice(db: Executor, municipalityId: number, officeId: number): Promise<boolean> {
  const row = await db
    .selectFrom("service_offices")
    .select("id")
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", officeId)
    .where("active", "=", true)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * File the request. `formErrors` are mistakes the route found reading the form (a malformed pin,
 * an unknown colonia): they are reported together with every other mistake, in one ChannelInputError
 * (422) whose fields are the form's, and nothing is stored.
 */
export async function fileAssistedRequest(
  services: Services,
  municipality: { id: number; folioPrefix: string; timeZone: string },
  input: AssistedRequest,
  actor: Actor,
  formErrors: FieldError[] = [],
  now: Date = new Date(),
): Promise<CreatedRequest & { channel: AssistedChannel }> {
  const problems = [...formErrors];
  const channel = input.channel;
  if (!isAssistedChannel(channel)) {
    problems.push({ field: "canal", message: "Elija cómo se recibe la solicitud: en una oficina, por teléfono o en una audiencia pública." });
  } else if (channel === "office" && input.officeId === null) {
    problems.push({ field: "oficina", message: "Elija la oficina donde se atiende a la persona." });
  }
  if (input.officeId !== null && !(await activeOffice(services.db, municipality.id, input.officeId))) {
    problems.push({ field: "oficina", message: "La oficina elegida no existe o ya no está activa en este municipio." });
  }
  const { officeId, channel: _given, ...request } = input;
  try {
    // createRequest checks the request's own fields first (all of them, before storing anything);
    // our problems make its transaction roll back, so the person sees every mistake at once.
    const created = await createRequest(
      services,
      municipality,
      { ...request, channel: isAssistedChannel(channel) ? channel : "office", assisted: true },
      actor,
      now,
      async (trx, filed) => {
        if (problems.length) throw new ChannelInputError(problems);
        await trx.insertInto("assisted_filings").values({ municipality_id: municipality.id, request_id: filed.id, office_id: officeId, created_at: now }).execute();
        await recordAudit(trx, { actor, municipalityId: municipality.id, action: "requests.fileAssisted", subjectType: "service_request", subjectId: filed.folio, details: { channel, officeId } });
      },
    );
    return { ...created, channel: channel as AssistedChannel };
  } catch (error) {
    if (error instanceof RequestInputError) throw new ChannelInputError([...problems, ...error.errors]);
    throw error;
  }
}

export interface AssistedFilingFacts {
  office: string | null;
}

/** The assisted filing of a request (the office where it happened), or null when the request was not filed on someone's behalf. */
export async function findAssistedFiling(db: Executor, municipalityId: number, requestId: string): Promise<AssistedFilingFacts | null> {
  const row = await db
    .selectFrom("assisted_filings as a")
    .leftJoin("service_offices as o", (j) => j.onRef("o.municipality_id", "=", "a.municipality_id").onRef("o.id", "=", "a.office_id"))
    .select(["a.request_id", "o.name as office"])
    .where("a.municipality_id", "=", municipalityId)
    .where("a.request_id", "=", requestId)
    .executeTakeFirst();
  return row ? { office: row.office } : null;
}
