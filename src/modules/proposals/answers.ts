/**
 * The municipality's side: official reasoned answers (aceptada, en evaluación, no viable) and
 * merging a proposal into a similar one, whose supports follow without counting anyone twice.
 */
import { sql } from "kysely";
import type { Db, Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { publish } from "../../platform/bus.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { PROPOSALS_TOPIC, proposalFolio } from "./create.js";
import { isDraftSource } from "./commitments.js";
import { ProposalInputError } from "./errors.js";
import { applyThreshold, recountSupports } from "./supports.js";
import { ANSWER_STATUSES, type AnswerStatus } from "./tables.js";

const ANSWER_MIN = 10;
const ANSWER_MAX = 6000;

const userId = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

async function lockedProposal(trx: Executor, municipalityId: number, processId: number, number: number) {
  const p = await trx
    .selectFrom("proposals")
    .select(["id", "number", "status", "hidden_at", "merged_into_id"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("number", "=", number)
    .forUpdate()
    .executeTakeFirst();
  if (!p) throw new HttpProblem(404, `La propuesta ${proposalFolio(number)} no existe en este proceso.`);
  return p;
}

export async function answerProposal(db: Db, municipalityId: number, processId: number, number: number, actor: Actor, input: { status: string; answer: string }): Promise<void> {
  const errors: { field: string; message: string }[] = [];
  const status = input.status as AnswerStatus;
  const answer = input.answer.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "").trim();
  if (!ANSWER_STATUSES.includes(status)) errors.push({ field: "status", message: "Elija la respuesta: aceptada, en evaluación o no viable." });
  if (answer.length < ANSWER_MIN) errors.push({ field: "answer", message: `Explique las razones de la respuesta (al menos ${ANSWER_MIN} caracteres): la respuesta oficial debe ser razonada.` });
  if (answer.length > ANSWER_MAX) errors.push({ field: "answer", message: `La respuesta admite hasta ${ANSWER_MAX} caracteres.` });
  if (errors.length) throw new ProposalInputError(errors);
  await db.transaction().execute(async (trx) => {
    const p = await lockedProposal(trx, municipalityId, processId, number);
    if (p.status === "fusionada") throw ProposalInputError.single("status", "La propuesta se fusionó con otra: responda la propuesta en la que se fusionó.");
    if (status !== "aceptada" && (await isDraftSource(trx, municipalityId, p.id))) {
      throw ProposalInputError.single("status", "La propuesta ya se convirtió en borrador de compromiso: su respuesta debe seguir siendo «aceptada».");
    }
    const now = new Date();
    await trx.updateTable("proposals").set({ status, answer, answered_at: now, updated_at: now }).where("municipality_id", "=", municipalityId).where("id", "=", p.id).execute();
    await trx
      .insertInto("proposal_events")
      .values({ municipality_id: municipalityId, proposal_id: p.id, kind: "answer", from_status: p.status, to_status: status, body: answer, other_proposal_id: null, actor_user_id: userId(actor), occurred_at: now })
      .execute();
    await recordAudit(trx, { actor, municipalityId, action: "proposals.answer", subjectType: "proposal", subjectId: p.id, details: { folio: proposalFolio(number), from: p.status, to: status } });
    await publish(trx, { topic: PROPOSALS_TOPIC, municipalityId, data: { processId, proposalId: p.id, kind: "answer", status } });
  });
}

/**
 * Merge proposal `from` into `into` (both of this process). `from` becomes "fusionada en" `into`;
 * its supports move to `into` (a participant who supported both counts once); proposals merged
 * earlier into `from` now point at `into`; comments stay where they were written.
 */
export async function mergeProposals(db: Db, municipalityId: number, processId: number, fromNumber: number, intoNumber: number, actor: Actor, note = ""): Promise<{ supports: number }> {
  if (fromNumber === intoNumber) throw ProposalInputError.single("into", "Una propuesta no se puede fusionar consigo misma.");
  const reason = note.trim().slice(0, 1000);
  return db.transaction().execute(async (trx) => {
    // Lock in number order so two opposite merges cannot deadlock.
    const [first, second] = fromNumber < intoNumber ? [fromNumber, intoNumber] : [intoNumber, fromNumber];
    const a = await lockedProposal(trx, municipalityId, processId, first);
    const b = await lockedProposal(trx, municipalityId, processId, second);
    const [from, into] = fromNumber < intoNumber ? [a, b] : [b, a];
    if (from.status === "fusionada") throw ProposalInputError.single("into", `La propuesta ${proposalFolio(fromNumber)} ya está fusionada.`);
    if (into.status === "fusionada") throw ProposalInputError.single("into", `La propuesta ${proposalFolio(intoNumber)} ya está fusionada en otra; elija la propuesta final.`);
    if (await isDraftSource(trx, municipalityId, from.id)) throw ProposalInputError.single("into", `La propuesta ${proposalFolio(fromNumber)} ya se convirtió en borrador de compromiso: no se puede fusionar en otra.`);
    if (into.hidden_at) throw ProposalInputError.single("into", `La propuesta ${proposalFolio(intoNumber)} está oculta por moderación.`);
    const moved = await sql<{ n: number }>`
      with moved as (
        insert into proposal_supports (municipality_id, proposal_id, participant_id, created_at)
        select municipality_id, ${into.id}, participant_id, created_at from proposal_supports
         where municipality_id = ${municipalityId} and proposal_id = ${from.id}
        on conflict do nothing returning 1)
      select count(*)::int as n from moved`.execute(trx);
    await trx.deleteFrom("proposal_supports").where("municipality_id", "=", municipalityId).where("proposal_id", "=", from.id).execute();
    const now = new Date();
    await trx
      .updateTable("proposals")
      .set({ status: "fusionada", merged_into_id: into.id, supports_count: 0, updated_at: now })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", from.id)
      .execute();
    await trx.updateTable("proposals").set({ merged_into_id: into.id, updated_at: now }).where("municipality_id", "=", municipalityId).where("merged_into_id", "=", from.id).execute();
    const supports = await recountSupports(trx, municipalityId, into.id);
    await trx.updateTable("proposals").set({ updated_at: now }).where("municipality_id", "=", municipalityId).where("id", "=", into.id).execute();
    const events = [
      { proposal_id: from.id, kind: "merged_into" as const, from_status: from.status, to_status: "fusionada", other_proposal_id: into.id },
      { proposal_id: into.id, kind: "merged_from" as const, from_status: null, to_status: null, other_proposal_id: from.id },
    ];
    for (const e of events) {
      await trx.insertInto("proposal_events").values({ municipality_id: municipalityId, ...e, body: reason || null, actor_user_id: userId(actor), occurred_at: now }).execute();
    }
    await applyThreshold(trx, municipalityId, processId, into.id, supports);
    await recordAudit(trx, {
      actor, municipalityId, action: "proposals.merge", subjectType: "proposal", subjectId: from.id,
      details: { from: proposalFolio(fromNumber), into: proposalFolio(intoNumber), supportsMoved: Number(moved.rows[0]?.n ?? 0), supportsAfter: supports },
    });
    await publish(trx, { topic: PROPOSALS_TOPIC, municipalityId, data: { processId, proposalId: into.id, kind: "merge" } });
    return { supports };
  });
}
