/**
 * Agreements of a roundtable: numbered 1, 2, 3… per roundtable (a counter on the roundtable row,
 * taken under its row lock, so concurrent sessions never share or skip a number), with the
 * responsible organisation, due date and status; every status change is kept as an event.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { Checker, RoundtableInputError } from "./inputs.js";
import type { RoundtableRef } from "./roundtables-service.js";
import { AGREEMENT_STATUSES, type AgreementStatus } from "./tables.js";

export interface AgreementInput {
  text: string;
  responsibleMemberId: string;
  dueOn: string;
  sessionId: string;
}

export interface AgreementRef {
  municipalityId: number;
  roundtableId: number;
  id: number;
  number: number;
}

const userId = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

async function checkAgreement(trx: Executor, roundtable: RoundtableRef, input: AgreementInput) {
  const c = new Checker();
  const text = c.text("text", input.text, { label: "el texto del acuerdo", min: 3, max: 2000 });
  const responsible = c.id("responsibleMemberId", input.responsibleMemberId, "Elija una organización integrante de la mesa.");
  const dueOn = c.date("dueOn", input.dueOn, { label: "la fecha compromiso", required: false });
  const sessionId = c.id("sessionId", input.sessionId, "Elija una sesión de esta mesa.");
  if (responsible !== null) {
    const member = await trx.selectFrom("roundtable_members").select("id").where("municipality_id", "=", roundtable.municipalityId).where("roundtable_id", "=", roundtable.id).where("id", "=", responsible).executeTakeFirst();
    if (!member) c.fail("responsibleMemberId", "Elija una organización integrante de la mesa.");
  }
  if (sessionId !== null) {
    const session = await trx.selectFrom("roundtable_sessions").select("id").where("municipality_id", "=", roundtable.municipalityId).where("roundtable_id", "=", roundtable.id).where("id", "=", sessionId).executeTakeFirst();
    if (!session) c.fail("sessionId", "Elija una sesión de esta mesa.");
  }
  c.done();
  return { text, responsible, dueOn, sessionId };
}

export async function createAgreement(trx: Executor, roundtable: RoundtableRef, input: AgreementInput, actor: Actor): Promise<AgreementRef> {
  const v = await checkAgreement(trx, roundtable, input);
  const counter = await trx
    .updateTable("roundtables")
    .set({ next_agreement_number: sql`next_agreement_number + 1` })
    .where("municipality_id", "=", roundtable.municipalityId)
    .where("id", "=", roundtable.id)
    .returning(sql<number>`next_agreement_number - 1`.as("number"))
    .executeTakeFirstOrThrow();
  const number = Number(counter.number);
  const row = await trx
    .insertInto("roundtable_agreements")
    .values({
      municipality_id: roundtable.municipalityId,
      roundtable_id: roundtable.id,
      number,
      session_id: v.sessionId,
      text: v.text,
      responsible_member_id: v.responsible,
      due_on: v.dueOn,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx.insertInto("roundtable_agreement_events").values({ municipality_id: roundtable.municipalityId, agreement_id: row.id, from_status: null, to_status: "pendiente", by_user: userId(actor) }).execute();
  await recordAudit(trx, {
    actor,
    municipalityId: roundtable.municipalityId,
    action: "roundtables.agreement.create",
    subjectType: "roundtable_agreement",
    subjectId: row.id,
    details: { roundtableId: roundtable.id, number, dueOn: v.dueOn, responsibleMemberId: v.responsible, sessionId: v.sessionId },
  });
  return { municipalityId: roundtable.municipalityId, roundtableId: roundtable.id, id: row.id, number };
}

export async function updateAgreement(trx: Executor, roundtable: RoundtableRef, agreement: AgreementRef, input: AgreementInput, actor: Actor): Promise<void> {
  const v = await checkAgreement(trx, roundtable, input);
  await trx
    .updateTable("roundtable_agreements")
    .set({ text: v.text, responsible_member_id: v.responsible, due_on: v.dueOn, session_id: v.sessionId, updated_at: new Date() })
    .where("municipality_id", "=", agreement.municipalityId)
    .where("id", "=", agreement.id)
    .execute();
  await recordAudit(trx, {
    actor,
    municipalityId: agreement.municipalityId,
    action: "roundtables.agreement.update",
    subjectType: "roundtable_agreement",
    subjectId: agreement.id,
    details: { number: agreement.number, dueOn: v.dueOn, responsibleMemberId: v.responsible, sessionId: v.sessionId },
  });
}

/** Moves an agreement to another status; discarding needs a reason, which is shown publicly. */
export async function changeAgreementStatus(trx: Executor, agreement: AgreementRef, input: { status: string; reason: string }, actor: Actor): Promise<void> {
  const c = new Checker();
  const to = c.oneOf<AgreementStatus>("status", input.status, AGREEMENT_STATUSES, "Elija un estado: pendiente, en curso, cumplido o descartado.");
  const reason = c.text("reason", input.reason, { label: "el motivo", max: 2000 });
  if (to === "descartado" && reason === "") c.fail("reason", "Explique por qué se descarta el acuerdo: el motivo se publica.");
  c.done();
  const current = await trx
    .selectFrom("roundtable_agreements")
    .select("status")
    .where("municipality_id", "=", agreement.municipalityId)
    .where("id", "=", agreement.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (current.status === to) throw RoundtableInputError.single("status", "El acuerdo ya tiene ese estado.", 409);
  await trx
    .updateTable("roundtable_agreements")
    .set({ status: to, status_reason: reason, status_changed_at: new Date(), updated_at: new Date() })
    .where("municipality_id", "=", agreement.municipalityId)
    .where("id", "=", agreement.id)
    .execute();
  await trx.insertInto("roundtable_agreement_events").values({ municipality_id: agreement.municipalityId, agreement_id: agreement.id, from_status: current.status, to_status: to, reason, by_user: userId(actor) }).execute();
  await recordAudit(trx, { actor, municipalityId: agreement.municipalityId, action: "roundtables.agreement.status", subjectType: "roundtable_agreement", subjectId: agreement.id, details: { number: agreement.number, from: current.status, to, reason } });
}
