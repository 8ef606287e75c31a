/**
 * Approval and budget ballots: one per participant and process, changed while voting is open.
 * An approval ballot approves up to the process's limit; a budget ballot's projects must fit the
 * budget. Staff enter paper ballots for in-person participants (the same person as online when
 * the CURP matches), and a second ballot of one person is refused, never counted twice.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Db, Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { ParticipationInputError } from "../participation/errors.js";
import { inPersonParticipant, type Participant } from "../participation/participants.js";
import { assertOpen, type ProcessView } from "../participation/processes.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { ballotFit, pesos } from "./budget.js";
import { itemsOf } from "./items.js";
import { loadSettings } from "./settings.js";
import type { BallotChannel } from "./tables.js";

export type BallotKind = "approval" | "budget";

const TABLES = {
  approval: { ballots: "approval_ballots", items: "approval_ballot_items", component: "approval_voting" },
  budget: { ballots: "budget_ballots", items: "budget_ballot_items", component: "budgeting" },
} as const;

/** Item ids from a form (one `item` field per ticked box) or a JSON array; null when malformed. */
export function readItemIds(value: unknown): number[] | null {
  const list = value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value];
  if (list.length > 500) return null;
  const ids: number[] = [];
  for (const v of list) {
    const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
    if (!/^\d{1,9}$/.test(text)) return null;
    ids.push(Number(text));
  }
  return [...new Set(ids)];
}

export interface Ballot {
  itemIds: number[];
  channel: BallotChannel;
  castAt: string;
}

export async function findBallot(db: Executor, kind: BallotKind, municipalityId: number, processId: number, participantId: number): Promise<Ballot | null> {
  const t = TABLES[kind];
  const ballot = await db
    .selectFrom(t.ballots)
    .select(["channel", "updated_at"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("participant_id", "=", participantId)
    .executeTakeFirst();
  if (!ballot) return null;
  const items = await db
    .selectFrom(t.items)
    .select("item_id")
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("participant_id", "=", participantId)
    .execute();
  return { itemIds: items.map((i) => i.item_id).sort((a, b) => a - b), channel: ballot.channel, castAt: new Date(ballot.updated_at).toISOString() };
}

/** The ballot checked against the items and rules of the process: the total cost for budgets. */
async function checkBallot(db: Executor, kind: BallotKind, process: ProcessView, itemIds: number[]): Promise<{ total: number }> {
  if (itemIds.length === 0) {
    throw ParticipationInputError.single("items", kind === "approval" ? "Elija al menos un elemento para aprobar." : "Elija al menos un proyecto.");
  }
  const items = await itemsOf(db, process.municipalityId, process.id, kind);
  const byId = new Map(items.map((i) => [i.id, i]));
  if (itemIds.some((id) => !byId.has(id))) {
    throw ParticipationInputError.single("items", "La boleta incluye un elemento que no forma parte de esta votación.");
  }
  const settings = await loadSettings(db, process.municipalityId, process.id);
  if (kind === "approval") {
    if (itemIds.length > settings.approvalLimit) {
      throw ParticipationInputError.single("items", `Puede aprobar hasta ${settings.approvalLimit} elementos y eligió ${itemIds.length}. Quite ${itemIds.length - settings.approvalLimit} para continuar.`);
    }
    return { total: 0 };
  }
  if (settings.budgetTotal === null) throw new HttpProblem(422, "El presupuesto de esta votación aún no está definido.");
  const fit = ballotFit(itemIds.map((id) => byId.get(id)!.cost ?? 0), settings.budgetTotal);
  if (!fit.fits) {
    throw ParticipationInputError.single(
      "items",
      `Su selección suma ${pesos(fit.total)} y el presupuesto es de ${pesos(settings.budgetTotal)}: se excede por ${pesos(fit.excess)}. Quite uno o más proyectos.`,
    );
  }
  return { total: fit.total };
}

interface CastOptions {
  channel: BallotChannel;
  /** Who acts: the signed-in person (or anonymous for a one-time participant), or the staff member entering a paper ballot. */
  actor: Actor;
  today: LocalDate;
}

async function writeBallot(trx: Executor, kind: BallotKind, process: ProcessView, participant: Participant, itemIds: number[], total: number, options: CastOptions): Promise<"cast" | "changed"> {
  const t = TABLES[kind];
  const m = process.municipalityId;
  const key = { municipality_id: m, process_id: process.id, participant_id: participant.id };
  const existing = await trx.selectFrom(t.ballots).select("channel").where("municipality_id", "=", m).where("process_id", "=", process.id).where("participant_id", "=", participant.id).forUpdate().executeTakeFirst();
  if (existing && options.channel === "in_person") {
    throw new HttpProblem(409, "Esta persona ya tiene un voto registrado en esta votación (en línea o en persona): cuenta una sola vez y no se registró otro.");
  }
  const enteredBy = options.channel === "in_person" && options.actor.kind === "user" ? options.actor.userId : null;
  if (existing) {
    await trx.deleteFrom(t.items).where("municipality_id", "=", m).where("process_id", "=", process.id).where("participant_id", "=", participant.id).execute();
    if (kind === "budget") {
      await trx.updateTable("budget_ballots").set({ channel: options.channel, total_cost: total, updated_at: sql`now()` }).where("municipality_id", "=", m).where("process_id", "=", process.id).where("participant_id", "=", participant.id).execute();
    } else {
      await trx.updateTable("approval_ballots").set({ channel: options.channel, updated_at: sql`now()` }).where("municipality_id", "=", m).where("process_id", "=", process.id).where("participant_id", "=", participant.id).execute();
    }
  } else if (kind === "budget") {
    await trx.insertInto("budget_ballots").values({ ...key, channel: options.channel, entered_by: enteredBy, total_cost: total }).execute();
  } else {
    await trx.insertInto("approval_ballots").values({ ...key, channel: options.channel, entered_by: enteredBy }).execute();
  }
  await trx.insertInto(t.items).values(itemIds.map((item_id) => ({ ...key, item_id }))).execute();
  await recordAudit(trx, {
    actor: options.actor,
    actorLabel: options.actor.kind === "user" ? undefined : "participante",
    municipalityId: m,
    action: `prioritisation.${kind}.${existing ? "change" : "cast"}`,
    subjectType: "participant",
    subjectId: participant.id,
    details: { processId: process.id, channel: options.channel, items: itemIds, ...(kind === "budget" ? { total } : {}) },
  });
  return existing ? "changed" : "cast";
}

/** A participant's own ballot, online: cast or replaced while the voting is open. */
export async function castBallot(db: Db, kind: BallotKind, process: ProcessView, participant: Participant, itemIds: number[], options: Omit<CastOptions, "channel">): Promise<"cast" | "changed"> {
  assertOpen(process, TABLES[kind].component, options.today);
  const sorted = [...new Set(itemIds)].sort((a, b) => a - b);
  return db.transaction().execute(async (trx) => {
    const { total } = await checkBallot(trx, kind, process, sorted);
    return writeBallot(trx, kind, process, participant, sorted, total, { ...options, channel: "online" });
  });
}

/**
 * A paper ballot entered by staff. With a CURP the ballot belongs to that person (refused if they
 * already voted, online or in person); without one it is an anonymous in-person ballot.
 */
export async function enterPaperBallot(db: Db, kind: BallotKind, process: ProcessView, staff: Actor, curp: string | null, itemIds: number[], today: LocalDate): Promise<{ participantId: number }> {
  assertOpen(process, TABLES[kind].component, today);
  const sorted = [...new Set(itemIds)].sort((a, b) => a - b);
  return db.transaction().execute(async (trx) => {
    const { total } = await checkBallot(trx, kind, process, sorted);
    const participant = await inPersonParticipant(trx, process.municipalityId, curp, staff);
    await writeBallot(trx, kind, process, participant, sorted, total, { actor: staff, channel: "in_person", today });
    return { participantId: participant.id };
  });
}
