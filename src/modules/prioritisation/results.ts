/**
 * Results of each method, aggregates only (never who voted): approvals with percentages,
 * the participatory budget with its budget line, and Bradley–Terry scores with intervals.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { fitBradleyTerry } from "./bradley-terry.js";
import { budgetLine } from "./budget.js";
import { itemsOf, type ItemView } from "./items.js";
import { loadSettings } from "./settings.js";

export interface Turnout {
  participants: number;
  online: number;
  inPerson: number;
}

export interface ApprovalRow {
  item: ItemView;
  approvals: number;
  /** Share of ballots that approve the item, 0–100. */
  percent: number;
}

export interface ApprovalResults {
  turnout: Turnout;
  approvalLimit: number;
  rows: ApprovalRow[];
}

export interface BudgetRow {
  item: ItemView;
  votes: number;
  percent: number;
  rank: number;
  funded: boolean;
  committed: number;
}

export interface BudgetResults {
  turnout: Turnout;
  budgetTotal: number | null;
  funded: number;
  rows: BudgetRow[];
}

export interface PairwiseRow {
  item: ItemView;
  wins: number;
  losses: number;
  score: number;
  low: number | null;
  high: number | null;
}

export interface PairwiseResults {
  turnout: Turnout;
  comparisons: number;
  unsure: number;
  rows: PairwiseRow[];
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

async function ballotTurnout(db: Executor, table: "approval_ballots" | "budget_ballots", municipalityId: number, processId: number): Promise<Turnout> {
  const rows = await db
    .selectFrom(table)
    .select(["channel", (eb) => eb.fn.countAll<string>().as("n")])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .groupBy("channel")
    .execute();
  const online = Number(rows.find((r) => r.channel === "online")?.n ?? 0);
  const inPerson = Number(rows.find((r) => r.channel === "in_person")?.n ?? 0);
  return { participants: online + inPerson, online, inPerson };
}

async function tally(db: Executor, table: "approval_ballot_items" | "budget_ballot_items", municipalityId: number, processId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom(table)
    .select(["item_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .groupBy("item_id")
    .execute();
  return new Map(rows.map((r) => [r.item_id, Number(r.n)]));
}

export async function approvalResults(db: Executor, municipalityId: number, processId: number): Promise<ApprovalResults> {
  const [items, turnout, counts, settings] = await Promise.all([
    itemsOf(db, municipalityId, processId, "approval"),
    ballotTurnout(db, "approval_ballots", municipalityId, processId),
    tally(db, "approval_ballot_items", municipalityId, processId),
    loadSettings(db, municipalityId, processId),
  ]);
  const rows = items
    .map((item) => ({ item, approvals: counts.get(item.id) ?? 0, percent: pct(counts.get(item.id) ?? 0, turnout.participants) }))
    .sort((a, b) => b.approvals - a.approvals || a.item.id - b.item.id);
  return { turnout, approvalLimit: settings.approvalLimit, rows };
}

export async function budgetResults(db: Executor, municipalityId: number, processId: number): Promise<BudgetResults> {
  const [items, turnout, counts, settings] = await Promise.all([
    itemsOf(db, municipalityId, processId, "budget"),
    ballotTurnout(db, "budget_ballots", municipalityId, processId),
    tally(db, "budget_ballot_items", municipalityId, processId),
    loadSettings(db, municipalityId, processId),
  ]);
  const byId = new Map(items.map((i) => [i.id, i]));
  const line = budgetLine(items.map((i) => ({ itemId: i.id, cost: i.cost ?? 0, votes: counts.get(i.id) ?? 0 })), settings.budgetTotal ?? 0);
  const rows = line.map((r) => ({ item: byId.get(r.itemId)!, votes: r.votes, percent: pct(r.votes, turnout.participants), rank: r.rank, funded: settings.budgetTotal !== null && r.funded, committed: r.committed }));
  return { turnout, budgetTotal: settings.budgetTotal, funded: rows.filter((r) => r.funded).reduce((a, r) => a + (r.item.cost ?? 0), 0), rows };
}

export async function pairwiseResults(db: Executor, municipalityId: number, processId: number): Promise<PairwiseResults> {
  const items = await itemsOf(db, municipalityId, processId, "pairwise");
  const [decided, summary] = await Promise.all([
    sql<{ winner: number; loser: number; n: string | number }>`
      select case when outcome = 'left' then left_item_id else right_item_id end as winner,
             case when outcome = 'left' then right_item_id else left_item_id end as loser,
             count(*) as n
        from pairwise_comparisons
       where municipality_id = ${municipalityId} and process_id = ${processId} and outcome <> 'unsure'
       group by 1, 2`.execute(db),
    sql<{ comparisons: string | number; unsure: string | number; participants: string | number; online: string | number; in_person: string | number }>`
      select count(*) as comparisons,
             count(*) filter (where outcome = 'unsure') as unsure,
             count(distinct participant_id) as participants,
             count(distinct participant_id) filter (where channel = 'online') as online,
             count(distinct participant_id) filter (where channel = 'in_person') as in_person
        from pairwise_comparisons
       where municipality_id = ${municipalityId} and process_id = ${processId}`.execute(db),
  ]);
  const fit = fitBradleyTerry(
    items.map((i) => i.id),
    decided.rows.map((r) => ({ winner: r.winner, loser: r.loser, count: Number(r.n) })),
  );
  const byId = new Map(items.map((i) => [i.id, i]));
  const rows = fit.scores
    .map((s) => ({ item: byId.get(s.itemId)!, wins: s.wins, losses: s.losses, score: s.score, low: s.low, high: s.high }))
    .sort((a, b) => b.score - a.score || a.item.id - b.item.id);
  const s = summary.rows[0]!;
  return {
    turnout: { participants: Number(s.participants), online: Number(s.online), inPerson: Number(s.in_person) },
    comparisons: Number(s.comparisons),
    unsure: Number(s.unsure),
    rows,
  };
}
