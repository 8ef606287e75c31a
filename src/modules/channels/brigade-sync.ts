/**
 * Batch synchronisation of the brigade app. Each record carries the id its phone generated and
 * is processed on its own, in its own transaction, together with its brigade_records row keyed
 * by (municipality, client id):
 * - a record already received answers `ya_recibido` with the same folio, so a batch resent ten
 *   times, or cut in the middle and resent, creates each record once;
 * - two syncs of the same record at the same moment: the second one's insert of the key fails
 *   and rolls back its request too; it then answers `ya_recibido` with the first one's folio;
 * - a record with mistakes (a service withdrawn meanwhile, a colonia no longer in the catalogue,
 *   a photo too large, a brigade the person does not belong to) answers `error` with Spanish
 *   messages per field and is not stored; the rest of the batch is.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import { localDateTimeAt } from "../../platform/calendar/dates.js";
import type { Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { can, type Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { inPersonParticipant } from "../participation/participants.js";
import { assertOpen, loadProcessById, todayIn, type ProcessView } from "../participation/processes.js";
import { proposalFolio, removeProposalImage, storeProposalImage, createProposal, type StoredProposalImage } from "../proposals/create.js";
import { findServiceByCode } from "../requests/catalogue.js";
import { createRequest } from "../requests/create.js";
import { findColoniaAt, isInsideMunicipality } from "../territory/lookup.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { brigadeSubject, findBrigadeBySlug, type BrigadeRow } from "./brigade-queries.js";
import { clientIdOf, parseRecord, type BrigadeRecordInput, type FieldError } from "./brigade-record.js";
import { CHANNELS } from "./policy.js";
import { spanishDate } from "../plans/staff-inputs.js";

export type SyncStatus = "creado" | "ya_recibido" | "error";

export interface SyncResult {
  /** The record's position in the batch (results come in the same order). */
  index: number;
  clientId: string | null;
  status: SyncStatus;
  folio?: string;
  proposalFolio?: string;
  errors?: FieldError[];
}

interface BrigadeCheck {
  brigade: BrigadeRow;
  mayCapture: boolean;
  process: ProcessView | null;
}

/** The brigades a batch names, each loaded once. */
type BrigadeCache = Map<string, BrigadeCheck | null>;

const ERROR_FIELDS: Record<string, string> = {
  service_code: "serviceCode", name: "contact.name", email: "contact.email", phone: "contact.phone", colonia: "coloniaId", image: "photo", kind: "proposalKind", category: "general",
};

/** Another module's field names (createRequest, createProposal) as the record's. */
function recordField(field: string): string {
  const attribute = /^attribute\[(.+)\]$/.exec(field);
  return attribute ? `attributes.${attribute[1]}` : ERROR_FIELDS[field] ?? field;
}

export async function syncBatch(services: Services, municipality: ActiveMunicipality, actor: Actor, records: unknown[], now = new Date()): Promise<SyncResult[]> {
  const cache: BrigadeCache = new Map();
  const results: SyncResult[] = [];
  // One after the other: records of one household keep their order, and the audit chain its pace.
  for (const [index, raw] of records.entries()) results.push(await syncRecord(services, municipality, actor, raw, index, cache, now));
  return results;
}

async function syncRecord(services: Services, m: ActiveMunicipality, actor: Actor, raw: unknown, index: number, cache: BrigadeCache, now: Date): Promise<SyncResult> {
  const clientId = clientIdOf(raw);
  if (clientId) {
    const earlier = await receivedBefore(services.db, m.id, clientId, actor, index);
    if (earlier) return earlier;
  }
  const parsed = parseRecord(raw, now);
  if (!parsed.ok) return { index, clientId: parsed.clientId, status: "error", errors: parsed.errors };
  const record = parsed.record;
  const errors: FieldError[] = [];
  const check = await checkAgainstDatabase(services, m, actor, record, cache, errors);
  if (errors.length || !check) return { index, clientId, status: "error", errors };
  try {
    if (record.kind === "solicitud") return await fileRequest(services, m, actor, record, check, index);
    if (record.kind === "propuesta") return await fileProposal(services, m, actor, record, check, index, now);
    return await fileVisit(services, m, actor, record, check, index);
  } catch (error) {
    if ((error as { code?: string }).code === "23505") {
      // The same record stored by a concurrent sync between our check and our insert.
      const earlier = await receivedBefore(services.db, m.id, record.clientId, actor, index);
      if (earlier) return earlier;
    }
    if (error instanceof HttpProblem && error.status < 500) {
      const list = error.errors?.length ? error.errors : [{ field: "general", message: error.message }];
      return { index, clientId, status: "error", errors: list.map((e) => ({ field: recordField(e.field), message: e.message })) };
    }
    throw error;
  }
}

/** The answer for a record this municipality already holds under that client id, or null. */
async function receivedBefore(db: Executor, municipalityId: number, clientId: string, actor: Actor, index: number): Promise<SyncResult | null> {
  const row = await db
    .selectFrom("brigade_records as r")
    .leftJoin("service_requests as q", (j) => j.onRef("q.municipality_id", "=", "r.municipality_id").onRef("q.id", "=", "r.request_id"))
    .leftJoin("proposals as p", (j) => j.onRef("p.municipality_id", "=", "r.municipality_id").onRef("p.id", "=", "r.proposal_id"))
    .select(["r.member_user_id", "q.folio", "p.number"])
    .where("r.municipality_id", "=", municipalityId)
    .where("r.client_id", "=", clientId)
    .executeTakeFirst();
  if (!row) return null;
  if (actor.kind !== "user" || row.member_user_id !== actor.userId) {
    // Another person's record: say nothing about it.
    return { index, clientId, status: "error", errors: [{ field: "clientId", message: "Ese identificador ya se usó en otro registro; guarde el registro de nuevo en el teléfono." }] };
  }
  return {
    index, clientId, status: "ya_recibido",
    ...(row.folio ? { folio: row.folio } : {}),
    ...(row.number !== null ? { proposalFolio: proposalFolio(row.number) } : {}),
  };
}

async function brigadeCheck(services: Services, m: ActiveMunicipality, actor: Actor, slug: string, cache: BrigadeCache): Promise<BrigadeCheck | null> {
  if (cache.has(slug)) return cache.get(slug)!;
  const brigade = await findBrigadeBySlug(services.db, m.id, slug);
  let check: BrigadeCheck | null = null;
  if (brigade) {
    const mayCapture = can(actor, CHANNELS.captureBrigade, await brigadeSubject(services.db, m.id, brigade, actor));
    const process = brigade.processId !== null ? await loadProcessById(services.db, m.id, brigade.processId) : null;
    check = { brigade, mayCapture, process };
  }
  cache.set(slug, check);
  return check;
}

/** What only the database knows: the brigade and the person's place in it, the colonia, the boundary, the service, the process. */
async function checkAgainstDatabase(services: Services, m: ActiveMunicipality, actor: Actor, r: BrigadeRecordInput, cache: BrigadeCache, errors: FieldError[]): Promise<BrigadeCheck | null> {
  const { db } = services;
  const check = await brigadeCheck(services, m, actor, r.brigade, cache);
  if (!check) {
    errors.push({ field: "brigade", message: `La brigada «${r.brigade}» no existe en este municipio.` });
  } else if (check.brigade.status !== "activa") {
    errors.push({ field: "brigade", message: `La brigada «${check.brigade.name}» no está activa: ya no recibe registros.` });
  } else if (!check.mayCapture) {
    errors.push({ field: "brigade", message: `Usted no es integrante de la brigada «${check.brigade.name}»; pida a la coordinación que le agregue.` });
  }
  if (check) {
    const capturedOn = localDateTimeAt(r.capturedAt, m.timeZone).date;
    if (capturedOn < check.brigade.startsOn) {
      errors.push({ field: "capturedAt", message: `La fecha de captura (${spanishDate(capturedOn)}) es anterior al inicio de la brigada (${spanishDate(check.brigade.startsOn)}): revise la fecha del teléfono.` });
    }
  }
  if (r.coloniaId !== null) {
    const colonia = await db.selectFrom("colonias").select("id").where("municipality_id", "=", m.id).where("id", "=", r.coloniaId).executeTakeFirst();
    if (!colonia) errors.push({ field: "coloniaId", message: "La colonia ya no existe en el catálogo; elija otra." });
  }
  if (r.location && (await isInsideMunicipality(db, m.id, r.location.lon, r.location.lat)) === false) {
    errors.push({ field: "location", message: `La ubicación está fuera de ${m.name}: vuelva a tomarla o elija solo la colonia.` });
  }
  if (r.kind === "solicitud") {
    const service = await findServiceByCode(db, m.id, r.serviceCode);
    if (!service) errors.push({ field: "serviceCode", message: `El servicio «${r.serviceCode}» no existe en este municipio; elija otro.` });
    else if (!service.active) errors.push({ field: "serviceCode", message: `El servicio «${service.name}» ya no se ofrece; elija otro.` });
  }
  if (r.kind === "propuesta" && check) {
    if (!check.process) {
      errors.push({ field: "kind", message: `La brigada «${check.brigade.name}» no recibe propuestas: no tiene un proceso participativo.` });
    } else {
      try {
        assertOpen(check.process, "proposals", todayIn(m.timeZone));
      } catch (error) {
        if (!(error instanceof HttpProblem)) throw error;
        errors.push({ field: "kind", message: error.message });
      }
    }
  }
  return check;
}

/** The colonia a visit or a proposal is counted under: the polygon under the point, else the one chosen. */
async function coloniaOf(db: Executor, municipalityId: number, r: BrigadeRecordInput): Promise<number | null> {
  if (r.location) {
    const hit = await findColoniaAt(db, municipalityId, r.location.lon, r.location.lat);
    if (hit) return hit.id;
  }
  return r.coloniaId;
}

async function storeRecord(trx: Executor, m: ActiveMunicipality, actor: Actor, r: BrigadeRecordInput, brigade: BrigadeRow, link: { requestId?: string; proposalId?: number; coloniaId: number | null; folio: string | null }) {
  await trx
    .insertInto("brigade_records")
    .values({
      municipality_id: m.id,
      client_id: r.clientId,
      brigade_id: brigade.id,
      member_user_id: actor.kind === "user" ? actor.userId : null,
      kind: r.kind,
      household_id: r.householdId,
      colonia_id: link.coloniaId,
      paper_form: r.paperForm,
      consent: r.consent,
      contact_name: r.consent ? r.contact.name : null,
      contact_phone: r.consent ? r.contact.phone : null,
      contact_email: r.consent ? r.contact.email : null,
      notes: r.notes,
      captured_at: r.capturedAt,
      request_id: link.requestId ?? null,
      proposal_id: link.proposalId ?? null,
    })
    .execute();
  await recordAudit(trx, {
    actor, municipalityId: m.id, action: "brigades.record.sync", subjectType: "brigade_record", subjectId: r.clientId,
    details: { brigade: brigade.slug, kind: r.kind, folio: link.folio },
  });
}

async function fileRequest(services: Services, m: ActiveMunicipality, actor: Actor, r: BrigadeRecordInput, check: BrigadeCheck, index: number): Promise<SyncResult> {
  const created = await createRequest(
    services,
    m,
    {
      serviceCode: r.serviceCode,
      description: r.description,
      location: r.location,
      coloniaId: r.coloniaId,
      attributes: r.attributes,
      contact: r.consent ? r.contact : null,
      photos: r.photo ? [r.photo] : [],
      channel: "brigade",
    },
    actor,
    new Date(),
    (trx, made) => storeRecord(trx, m, actor, r, check.brigade, { requestId: made.id, coloniaId: made.coloniaId, folio: made.folio }),
  );
  return { index, clientId: r.clientId, status: "creado", folio: created.folio };
}

async function fileProposal(services: Services, m: ActiveMunicipality, actor: Actor, r: BrigadeRecordInput, check: BrigadeCheck, index: number, now: Date): Promise<SyncResult> {
  const coloniaId = await coloniaOf(services.db, m.id, r);
  const image: StoredProposalImage | null = r.photo ? await storeProposalImage(services, m.id, r.photo) : null;
  try {
    const created = await services.db.transaction().execute(async (trx) => {
      const participant = await inPersonParticipant(trx, m.id, null, actor);
      const proposal = await createProposal(
        trx, m.id, { actor, participantId: participant.id }, check.process!.id,
        { kind: r.proposalKind, title: r.title, body: r.body, coloniaId: r.coloniaId, location: r.location, channel: "brigade" },
        image, now,
      );
      await storeRecord(trx, m, actor, r, check.brigade, { proposalId: proposal.id, coloniaId, folio: proposal.folio });
      return proposal;
    });
    return { index, clientId: r.clientId, status: "creado", proposalFolio: created.folio };
  } catch (error) {
    await removeProposalImage(services, image);
    throw error;
  }
}

async function fileVisit(services: Services, m: ActiveMunicipality, actor: Actor, r: BrigadeRecordInput, check: BrigadeCheck, index: number): Promise<SyncResult> {
  const coloniaId = await coloniaOf(services.db, m.id, r);
  await services.db.transaction().execute((trx) => storeRecord(trx, m, actor, r, check.brigade, { coloniaId, folio: null }));
  return { index, clientId: r.clientId, status: "creado" };
}
