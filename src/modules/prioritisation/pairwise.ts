/**
 * Pairwise comparison: "¿Cuál es más urgente?". Each participant is offered one pair at a time
 * (stored, so only that pair is accepted as an answer and nobody picks what to compare); the
 * answer is left, right or "no sé". Staff enter comparisons gathered on paper.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Db, Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { ParticipationInputError } from "../participation/errors.js";
import { inPersonParticipant, type Participant } from "../participation/participants.js";
import { assertOpen, type ProcessView } from "../participation/processes.js";
import { itemsOf, type ItemView } from "./items.js";
import { choosePair, pairKey } from "./pairs.js";
import { PAIRWISE_OUTCOMES, type PairwiseOutcome } from "./tables.js";

export interface Offer {
  left: ItemView;
  right: ItemView;
  /** Answers this participant has given in the process. */
  answered: number;
}

/** How every pairwise item and pair has been compared so far, and this participant's history. */
async function history(db: Executor, process: ProcessView, participantId: number, itemIds: number[]) {
  const m = process.municipalityId;
  const pairs = await sql<{ a: number; b: number; n: string | number }>`
    select least(left_item_id, right_item_id) as a, greatest(left_item_id, right_item_id) as b, count(*) as n
      from pairwise_comparisons where municipality_id = ${m} and process_id = ${process.id}
     group by 1, 2`.execute(db);
  const itemCounts = new Map<number, number>();
  const pairCounts = new Map<string, number>();
  for (const r of pairs.rows) {
    const n = Number(r.n);
    pairCounts.set(pairKey(r.a, r.b), n);
    itemCounts.set(r.a, (itemCounts.get(r.a) ?? 0) + n);
    itemCounts.set(r.b, (itemCounts.get(r.b) ?? 0) + n);
  }
  const own = await db
    .selectFrom("pairwise_comparisons")
    .select(["left_item_id", "right_item_id"])
    .where("municipality_id", "=", m)
    .where("process_id", "=", process.id)
    .where("participant_id", "=", participantId)
    .orderBy("id")
    .execute();
  const mine = new Map<string, number>();
  for (const r of own) mine.set(pairKey(r.left_item_id, r.right_item_id), (mine.get(pairKey(r.left_item_id, r.right_item_id)) ?? 0) + 1);
  const lastRow = own.at(-1);
  const last = lastRow ? ([lastRow.left_item_id, lastRow.right_item_id] as const) : null;
  return { itemIds, itemCounts, pairCounts, mine, last, seed: participantId * 7919 + own.length, answered: own.length };
}

/**
 * The pair this participant should answer now: the one already offered if it is still valid,
 * otherwise a new informative pair (stored). Null with fewer than three items.
 */
export async function currentOffer(db: Db, process: ProcessView, participant: Participant): Promise<Offer | null> {
  const m = process.municipalityId;
  const items = await itemsOf(db, m, process.id, "pairwise");
  if (items.length < 3) return null;
  const byId = new Map(items.map((i) => [i.id, i]));
  return db.transaction().execute(async (trx) => {
    const offered = await trx
      .selectFrom("pairwise_offers")
      .select(["left_item_id", "right_item_id"])
      .where("municipality_id", "=", m)
      .where("process_id", "=", process.id)
      .where("participant_id", "=", participant.id)
      .forUpdate()
      .executeTakeFirst();
    const h = await history(trx, process, participant.id, items.map((i) => i.id));
    if (offered && byId.has(offered.left_item_id) && byId.has(offered.right_item_id)) {
      return { left: byId.get(offered.left_item_id)!, right: byId.get(offered.right_item_id)!, answered: h.answered };
    }
    const pair = choosePair(h);
    if (!pair) return null;
    const row = { municipality_id: m, process_id: process.id, participant_id: participant.id, left_item_id: pair[0], right_item_id: pair[1] };
    await trx
      .insertInto("pairwise_offers")
      .values(row)
      .onConflict((oc) => oc.columns(["municipality_id", "process_id", "participant_id"]).doUpdateSet({ left_item_id: pair[0], right_item_id: pair[1], offered_at: sql`now()` }))
      .execute();
    return { left: byId.get(pair[0])!, right: byId.get(pair[1])!, answered: h.answered };
  });
}

export interface PairAnswer {
  left: number;
  right: number;
  outcome: PairwiseOutcome;
}

/** The answer of a form or JSON body; null when malformed. */
export function readPairAnswer(body: unknown): PairAnswer | null {
  const b = (body ?? {}) as Record<string, unknown>;
  const id = (v: unknown) => {
    const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
    return /^\d{1,9}$/.test(text) && Number(text) > 0 ? Number(text) : null;
  };
  const left = id(b.left);
  const right = id(b.right);
  const outcome = typeof b.outcome === "string" && (PAIRWISE_OUTCOMES as readonly string[]).includes(b.outcome) ? (b.outcome as PairwiseOutcome) : null;
  if (left === null || right === null || outcome === null || left === right) return null;
  return { left, right, outcome };
}

/** Record a participant's answer to the pair they were offered; any other pair is refused (409). */
export async function answerPair(db: Db, process: ProcessView, participant: Participant, answer: PairAnswer, actor: Actor, today: LocalDate): Promise<void> {
  assertOpen(process, "pairwise", today);
  const m = process.municipalityId;
  await db.transaction().execute(async (trx) => {
    const offered = await trx
      .selectFrom("pairwise_offers")
      .select(["left_item_id", "right_item_id"])
      .where("municipality_id", "=", m)
      .where("process_id", "=", process.id)
      .where("participant_id", "=", participant.id)
      .forUpdate()
      .executeTakeFirst();
    if (!offered || offered.left_item_id !== answer.left || offered.right_item_id !== answer.right) {
      throw new HttpProblem(409, "Ese par ya no está vigente (quizá ya lo respondió en otra pestaña). Le mostramos el par que toca ahora.");
    }
    const row = await trx
      .insertInto("pairwise_comparisons")
      .values({ municipality_id: m, process_id: process.id, participant_id: participant.id, left_item_id: answer.left, right_item_id: answer.right, outcome: answer.outcome, channel: "online", entered_by: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.deleteFrom("pairwise_offers").where("municipality_id", "=", m).where("process_id", "=", process.id).where("participant_id", "=", participant.id).execute();
    await recordAudit(trx, {
      actor,
      actorLabel: actor.kind === "user" ? undefined : "participante",
      municipalityId: m,
      action: "prioritisation.pairwise.answer",
      subjectType: "pairwise_comparison",
      subjectId: String(row.id),
      details: { processId: process.id, participantId: participant.id, left: answer.left, right: answer.right, outcome: answer.outcome },
    });
  });
}

/**
 * A comparison gathered on paper (e.g. at an in-person session), entered by staff: the person of
 * the CURP, an anonymous in-person participant without one, or `participant` when several
 * answers of one in-person participant are entered in a row.
 */
export async function enterPaperComparison(db: Db, process: ProcessView, staff: Actor, curp: string | null, answer: PairAnswer, today: LocalDate, participant?: Participant): Promise<{ participantId: number }> {
  assertOpen(process, "pairwise", today);
  const m = process.municipalityId;
  const items = new Set((await itemsOf(db, m, process.id, "pairwise")).map((i) => i.id));
  if (!items.has(answer.left) || !items.has(answer.right)) {
    throw ParticipationInputError.single("left", "Elija dos elementos distintos de la comparación por pares.");
  }
  return db.transaction().execute(async (trx) => {
    const who = participant ?? (await inPersonParticipant(trx, m, curp, staff));
    const row = await trx
      .insertInto("pairwise_comparisons")
      .values({
        municipality_id: m, process_id: process.id, participant_id: who.id, left_item_id: answer.left, right_item_id: answer.right, outcome: answer.outcome,
        channel: "in_person", entered_by: staff.kind === "user" ? staff.userId : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: staff,
      municipalityId: m,
      action: "prioritisation.pairwise.enter",
      subjectType: "pairwise_comparison",
      subjectId: String(row.id),
      details: { processId: process.id, participantId: who.id, left: answer.left, right: answer.right, outcome: answer.outcome },
    });
    return { participantId: who.id };
  });
}
