/**
 * An agreement becomes a proposal of the process (the proposals module's createProposal), entered
 * by staff as an in-person contribution of the roundtable: the proposal keeps the agreement's text
 * and says where it came from; the agreement links to it. Only while the process takes proposals.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { Actor } from "../../platform/policy.js";
import { inPersonParticipant } from "../participation/participants.js";
import { assertOpen, type ProcessView } from "../participation/processes.js";
import { createProposal, TITLE_MAX, type CreatedProposal } from "../proposals/create.js";
import type { AgreementRef } from "./agreements-service.js";
import { Checker, RoundtableInputError } from "./inputs.js";

export async function agreementToProposal(
  trx: Executor,
  process: ProcessView,
  today: LocalDate,
  agreement: AgreementRef & { roundtableName: string },
  input: { title: string },
  actor: Actor,
): Promise<CreatedProposal> {
  const c = new Checker();
  const title = c.text("proposalTitle", input.title, { label: "el título de la propuesta", min: 3, max: TITLE_MAX });
  c.done();
  assertOpen(process, "proposals", today);
  const row = await trx
    .selectFrom("roundtable_agreements")
    .select(["text", "proposal_id"])
    .where("municipality_id", "=", agreement.municipalityId)
    .where("id", "=", agreement.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (row.proposal_id !== null) throw RoundtableInputError.single("proposalTitle", "Este acuerdo ya se convirtió en propuesta.", 409);
  const participant = await inPersonParticipant(trx, agreement.municipalityId, null, actor);
  const created = await createProposal(trx, agreement.municipalityId, { actor, participantId: participant.id }, process.id, {
    kind: "propuesta",
    title,
    body: `${row.text}\n\n(Acuerdo ${agreement.number} de la mesa de trabajo «${agreement.roundtableName}».)`,
    channel: "in_person",
  });
  await trx
    .updateTable("roundtable_agreements")
    .set({ proposal_id: created.id, proposal_number: created.number, updated_at: new Date() })
    .where("municipality_id", "=", agreement.municipalityId)
    .where("id", "=", agreement.id)
    .execute();
  await recordAudit(trx, {
    actor,
    municipalityId: agreement.municipalityId,
    action: "roundtables.agreement.toProposal",
    subjectType: "roundtable_agreement",
    subjectId: agreement.id,
    details: { number: agreement.number, proposalId: created.id, folio: created.folio },
  });
  return created;
}
