/**
 * What an attendee asks for at a hearing, recorded by staff as an ordinary citizen request (channel
 * "hearing", assisted by the staff member, into the live queue) or as a proposal of a process open
 * for proposals. The petition row that links it to the hearing and its turn is written in the same
 * transaction as the request or proposal, and the turn becomes atendido. When the attendee left an
 * e-mail, the folio goes to it once the transaction has committed.
 */
import type { Executor } from "../../platform/db/database.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { translator } from "../../platform/i18n/index.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { inPersonParticipant } from "../participation/participants.js";
import { assertOpen, loadProcessById, todayIn } from "../participation/processes.js";
import { checkProposalInput, createProposal } from "../proposals/create.js";
import type { ProposalKind } from "../proposals/tables.js";
import type { AttributeAnswers } from "../requests/attributes.js";
import { findServiceByCode } from "../requests/catalogue.js";
import { createRequest } from "../requests/create.js";
import { ChannelInputError } from "./errors.js";
import { announceHearing, lockHearing, type HearingRef } from "./hearing-service.js";
import { proposalPagePath, requestFolioPath } from "./urls.js";

export interface PetitionMunicipality {
  id: number;
  slug: string;
  name: string;
  folioPrefix: string;
  timeZone: string;
}

export interface RequestPetitionInput {
  serviceCode: string;
  description: string;
  address: string;
  coloniaId: number | null;
  location: { lat: number; lon: number } | null;
  attributes: AttributeAnswers;
  /** The attendee agreed that the turn's contact becomes the request's contact. */
  shareContact: boolean;
}

export interface ProposalPetitionInput {
  processId: number | null;
  categoryId: number | null;
  kind: string;
  title: string;
  body: string;
  coloniaId: number | null;
}

export interface RecordedPetition {
  folio: string;
  /** The public page of the request or proposal. */
  path: string;
}

const t = (key: string, options?: Record<string, unknown>): string => translator("es-MX")(key, options ?? {}) as string;

async function turnRow(db: Executor, hearing: HearingRef, number: number) {
  return db
    .selectFrom("hearing_turns")
    .select(["number", "status", "name", "email", "phone"])
    .where("municipality_id", "=", hearing.municipalityId)
    .where("hearing_id", "=", hearing.id)
    .where("number", "=", number)
    .executeTakeFirst();
}

/**
 * Inside the writing transaction: the hearing still takes petitions (under way, or concluded and
 * being written up), the turn exists and was not cancelled.
 */
async function assertTakesPetitions(trx: Executor, hearing: HearingRef, number: number): Promise<void> {
  const h = await lockHearing(trx, hearing);
  if (h.status === "programada") throw ChannelInputError.single("general", "Abra la audiencia antes de registrar peticiones.", 409);
  if (h.status === "cancelada") throw ChannelInputError.single("general", "La audiencia fue cancelada: no admite peticiones.", 409);
  const turn = await turnRow(trx, hearing, number);
  if (!turn) throw ChannelInputError.single("general", `No existe el turno ${number} en esta audiencia.`, 404);
  if (turn.status === "cancelado") throw ChannelInputError.single("general", `El turno ${number} fue cancelado.`, 409);
}

/** The petition row, the turn heard, the audit entry and the screen's news, in the caller's transaction. */
async function linkPetition(
  trx: Executor,
  hearing: HearingRef,
  number: number,
  link: { topic: string; requestId: string | null; proposalId: number | null; folio: string },
  actor: Actor,
  now: Date,
): Promise<void> {
  await trx
    .insertInto("hearing_petitions")
    .values({
      municipality_id: hearing.municipalityId,
      hearing_id: hearing.id,
      turn_number: number,
      topic: link.topic.slice(0, 200),
      request_id: link.requestId,
      proposal_id: link.proposalId,
      created_by: actor.kind === "user" ? actor.userId : null,
      created_at: now,
    })
    .execute();
  await trx
    .updateTable("hearing_turns")
    .set({ status: "atendido", attended_at: now })
    .where("municipality_id", "=", hearing.municipalityId)
    .where("hearing_id", "=", hearing.id)
    .where("number", "=", number)
    .where("status", "<>", "atendido")
    .execute();
  await recordAudit(trx, {
    actor,
    municipalityId: hearing.municipalityId,
    action: "hearings.petition",
    subjectType: "hearing",
    subjectId: hearing.id,
    details: { turn: number, folio: link.folio, kind: link.requestId !== null ? "solicitud" : "propuesta", topic: link.topic },
  });
  await announceHearing(trx, hearing, "petition");
}

/** The folio by e-mail to the address the attendee left; a mail failure never undoes the petition. */
async function mailFolio(services: Services, m: PetitionMunicipality, hearingTitle: string, email: string | null, petition: RecordedPetition, trackingPath: string | null): Promise<void> {
  if (!email) return;
  const base = services.config.publicUrl;
  const text = [
    t("hearings:mail.greeting", { municipality: m.name }),
    "",
    t("hearings:mail.recorded", { hearing: hearingTitle, folio: petition.folio }),
    "",
    t("hearings:mail.public", { url: `${base}${petition.path}` }),
    ...(trackingPath ? ["", t("hearings:mail.tracking", { url: `${base}${trackingPath}` })] : []),
    "",
    t("hearings:mail.privacy"),
  ].join("\n");
  try {
    await services.mailer.send({ to: email, subject: t("hearings:mail.subject", { folio: petition.folio }), text });
  } catch (error) {
    process.stderr.write(`aviso: no se pudo enviar el folio ${petition.folio} de una audiencia: ${(error as Error).message}\n`);
  }
}

/** A petition as a citizen request: it enters the staff live queue like any other, channel "hearing". */
export async function recordRequestPetition(
  services: Services,
  m: PetitionMunicipality,
  hearing: HearingRef & { title: string },
  number: number,
  input: RequestPetitionInput,
  actor: Actor,
  now = new Date(),
): Promise<RecordedPetition> {
  const turn = await turnRow(services.db, hearing, number);
  if (!turn) throw ChannelInputError.single("general", `No existe el turno ${number} en esta audiencia.`, 404);
  const service = await findServiceByCode(services.db, m.id, input.serviceCode.trim());
  const contact = input.shareContact ? { name: turn.name, email: turn.email, phone: turn.phone } : null;
  const created = await createRequest(
    services,
    m,
    {
      serviceCode: input.serviceCode,
      description: input.description,
      address: input.address,
      coloniaId: input.coloniaId,
      location: input.location,
      attributes: input.attributes,
      contact,
      channel: "hearing",
      assisted: true,
    },
    actor,
    now,
    async (trx, request) => {
      await assertTakesPetitions(trx, hearing, number);
      await linkPetition(trx, hearing, number, { topic: service?.name ?? input.serviceCode, requestId: request.id, proposalId: null, folio: request.folio }, actor, now);
    },
  );
  const petition = { folio: created.folio, path: requestFolioPath(m.slug, created.folio) };
  await mailFolio(services, m, hearing.title, turn.email, petition, `/${m.slug}/solicitudes/seguimiento/${encodeURIComponent(created.trackingToken)}`);
  return petition;
}

const KIND_TOPICS: Record<ProposalKind, string> = { tema: "Tema de participación", idea: "Idea", reto: "Reto", propuesta: "Propuesta" };

/** A petition as a proposal of a process open for proposals, entered in person by staff. */
export async function recordProposalPetition(
  services: Services,
  m: PetitionMunicipality,
  hearing: HearingRef & { title: string; startsAt: Date },
  number: number,
  input: ProposalPetitionInput,
  actor: Actor,
  now = new Date(),
): Promise<RecordedPetition> {
  // What staff typed is checked as typed, before the note on where it came from is added.
  checkProposalInput({ kind: input.kind, title: input.title, body: input.body, channel: "hearing" });
  const recorded = await services.db.transaction().execute(async (trx) => {
    await assertTakesPetitions(trx, hearing, number);
    const process = input.processId === null ? null : await loadProcessById(trx, m.id, input.processId);
    if (!process || process.status === "draft") throw ChannelInputError.single("processId", "Elija un proceso de participación abierto a propuestas.");
    assertOpen(process, "proposals", todayIn(m.timeZone, now));
    const category =
      input.categoryId === null
        ? null
        : await trx.selectFrom("proposal_categories").select("name").where("municipality_id", "=", m.id).where("process_id", "=", process.id).where("id", "=", input.categoryId).executeTakeFirst();
    if (input.categoryId !== null && !category) throw ChannelInputError.single("categoryId", "La categoría elegida no es de ese proceso.");
    const participant = await inPersonParticipant(trx, m.id, null, actor);
    const day = new Intl.DateTimeFormat("es-MX", { dateStyle: "long", timeZone: m.timeZone }).format(hearing.startsAt);
    const created = await createProposal(
      trx,
      m.id,
      { actor, participantId: participant.id },
      process.id,
      {
        kind: input.kind,
        title: input.title,
        body: `${input.body.trim()}\n\n(${t("hearings:proposalNote", { hearing: hearing.title, date: day })})`,
        categoryId: input.categoryId,
        coloniaId: input.coloniaId,
        channel: "hearing",
      },
      null,
      now,
    );
    const topic = category?.name ?? KIND_TOPICS[input.kind as ProposalKind] ?? "Propuesta";
    await linkPetition(trx, hearing, number, { topic, requestId: null, proposalId: created.id, folio: created.folio }, actor, now);
    return { folio: created.folio, path: proposalPagePath(m.slug, process.slug, created.number) };
  });
  const turn = await turnRow(services.db, hearing, number);
  await mailFolio(services, m, hearing.title, turn?.email ?? null, recorded, null);
  return recorded;
}
