/**
 * The state view: every published plan of the state's active municipalities side by side —
 * period, commitments, mean progress, overdue milestones and starred commitments — each figure
 * computed on its own municipality's business calendar. Unpublished plans never appear; no
 * person's name is read. Also its CSV.
 */
import { Readable } from "node:stream";
import { sql } from "kysely";
import { csvField } from "../../platform/csv.js";
import type { Executor } from "../../platform/db/database.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { listCommitmentSummaries, planClock, planProgress, type PlanClock } from "./queries.js";
import type { MunicipalityRef } from "./shared-queries.js";
import type { StateRef } from "./state-names.js";
import type { PlanStatus } from "./tables.js";

export interface StatePlanRow {
  municipality: MunicipalityRef;
  plan: { slug: string; title: string; startsOn: LocalDate; endsOn: LocalDate; status: PlanStatus };
  /** Commitments not withdrawn. */
  commitments: number;
  /** Mean progress of the plan's commitments (planProgress); null without milestones. */
  progress: number | null;
  overdueMilestones: number;
  starred: number;
}

/**
 * Commitments whose current assessment is starred. The current one is the newest row per
 * checkpoint, commitment and author kind (assessments are append-only: a correction is a new row);
 * a commitment is starred when one of its current assessments is.
 */
export async function starredCommitmentIds(db: Executor, municipalityId: number, commitmentIds: number[]): Promise<Set<number>> {
  if (commitmentIds.length === 0) return new Set();
  const current = await db
    .selectFrom("plan_assessments as a")
    .distinctOn(["a.checkpoint_id", "a.commitment_id", "a.author_kind"])
    .select(["a.commitment_id", "a.starred"])
    .where("a.municipality_id", "=", municipalityId)
    .where("a.commitment_id", "in", commitmentIds)
    .orderBy("a.checkpoint_id").orderBy("a.commitment_id").orderBy("a.author_kind").orderBy("a.created_at", "desc").orderBy("a.id", "desc")
    .execute();
  return new Set(current.filter((a) => a.starred).map((a) => a.commitment_id));
}

function publishedPlansOfState(db: Executor, stateCode: string) {
  return db
    .selectFrom("action_plans as p")
    .innerJoin("municipalities as m", "m.id", "p.municipality_id")
    .where("m.state_code", "=", stateCode)
    .where("m.active", "=", true)
    .where("p.published", "=", true);
}

async function pageOfRows(db: Executor, state: StateRef, limit: number, offset: number, clocks: Map<number, PlanClock>): Promise<StatePlanRow[]> {
  const plans = await publishedPlansOfState(db, state.code)
    .select([
      "p.municipality_id", "p.id", "p.slug", "p.title", "p.status",
      sql<string>`p.starts_on::text`.as("starts_on"),
      sql<string>`p.ends_on::text`.as("ends_on"),
      "m.name as municipality_name", "m.slug as municipality_slug", "m.time_zone",
    ])
    .orderBy(sql`unaccent(m.name)`).orderBy("m.id").orderBy("p.starts_on", "desc").orderBy("p.id", "desc")
    .limit(limit).offset(offset)
    .execute();
  const rows: StatePlanRow[] = [];
  for (const p of plans) {
    let clock = clocks.get(p.municipality_id);
    if (!clock) {
      clock = await planClock(db, { id: p.municipality_id, timeZone: p.time_zone });
      clocks.set(p.municipality_id, clock);
    }
    const commitments = (await listCommitmentSummaries(db, p.municipality_id, { planId: p.id }, clock)).filter((c) => !c.withdrawn);
    const starred = await starredCommitmentIds(db, p.municipality_id, commitments.map((c) => c.id));
    rows.push({
      municipality: { id: p.municipality_id, name: p.municipality_name, slug: p.municipality_slug ?? "", stateName: state.name },
      plan: { slug: p.slug, title: p.title, startsOn: p.starts_on, endsOn: p.ends_on, status: p.status },
      commitments: commitments.length,
      progress: planProgress(commitments),
      overdueMilestones: commitments.reduce((n, c) => n + c.overdueMilestones, 0),
      starred: starred.size,
    });
  }
  return rows;
}

/** One page of the state's published plans, by municipality name (accents ignored), newest plan first. */
export async function statePlans(db: Executor, state: StateRef, opts: { page: number; perPage: number }): Promise<{ rows: StatePlanRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    pageOfRows(db, state, opts.perPage, (opts.page - 1) * opts.perPage, new Map()),
    publishedPlansOfState(db, state.code).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const STATE_PLAN_COLUMNS = [
  "estado", "municipio", "clave_inegi", "plan", "titulo", "inicio", "fin", "etapa_del_plan",
  "compromisos", "avance_promedio", "hitos_vencidos", "compromisos_estelares", "url",
] as const;

const BATCH = 50;

/** Every published plan of the state as CSV (UTF-8 with BOM, CRLF, formulas neutralised), in batches. */
export function statePlansCsv(db: Executor, state: StateRef, publicUrl: string): Readable {
  return Readable.from(
    (async function* () {
      yield "\uFEFF" + STATE_PLAN_COLUMNS.join(",") + "\r\n";
      const clocks = new Map<number, PlanClock>();
      for (let offset = 0; ; offset += BATCH) {
        const rows = await pageOfRows(db, state, BATCH, offset, clocks);
        if (rows.length === 0) break;
        yield rows
          .map((r) =>
            [
              state.name, r.municipality.name, String(r.municipality.id).padStart(5, "0"), r.plan.slug, r.plan.title, r.plan.startsOn, r.plan.endsOn, r.plan.status,
              r.commitments, r.progress, r.overdueMilestones, r.starred, `${publicUrl}/${r.municipality.slug}/planes/${r.plan.slug}`,
            ].map((v) => csvField(v)).join(",") + "\r\n",
          )
          .join("");
        if (rows.length < BATCH) break;
      }
    })(),
  );
}
