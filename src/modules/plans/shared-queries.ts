/**
 * Reading shared (inter-municipal) commitments: the agreement, its partners, and each partner's
 * own commitment with progress computed from that partner's milestones on that partner's
 * business calendar. Another municipality's commitment counts only when its plan is published:
 * an unpublished plan is private to its town hall, even towards a partner.
 */
import type { Executor } from "../../platform/db/database.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { CommitmentStage, Progress } from "./progress.js";
import { listCommitmentSummaries, planClock, type CommitmentSummary, type MilestoneView } from "./queries.js";
import { findStateByCode, stateDisplayName, type StateRef } from "./state-names.js";
import "./tables.js";

export interface SharedCommitmentView {
  id: number;
  slug: string;
  title: string;
  description: string;
  state: StateRef | null;
  convener: { id: number; name: string; slug: string };
}

export interface MunicipalityRef {
  id: number;
  name: string;
  slug: string;
  stateName: string;
}

/** A milestone count for the "on time vs late" figures. */
export interface Punctualities {
  /** Delivered on time, or open and still within its term. */
  onTime: number;
  /** Delivered late, or open past its due date. */
  late: number;
  /** Of the late ones, those still open (overdue today). */
  overdue: number;
}

export interface PartnerCommitment {
  id: number;
  number: number;
  title: string;
  planSlug: string;
  planTitle: string;
  planPublished: boolean;
  leadDepartment: string | null;
  progress: Progress;
  stage: CommitmentStage;
  punctuality: Punctualities;
  endsOn: LocalDate;
}

export interface PartnerProgress {
  municipality: MunicipalityRef;
  convener: boolean;
  /** Null until the partner links a commitment of a published plan. */
  commitment: PartnerCommitment | null;
}

export function countPunctuality(milestones: readonly MilestoneView[]): Punctualities {
  let onTime = 0, late = 0, overdue = 0;
  for (const m of milestones) {
    if (m.punctuality === "a_tiempo" || m.punctuality === "en_plazo") onTime++;
    else if (m.punctuality === "entregado_tarde") late++;
    else if (m.punctuality === "vencido") {
      late++;
      overdue++;
    }
  }
  return { onTime, late, overdue };
}

const sharedColumns = ["s.id", "s.slug", "s.title", "s.description", "s.state_code", "s.convener_municipality_id", "m.name as convener_name", "m.slug as convener_slug"] as const;

function baseShared(db: Executor) {
  return db.selectFrom("shared_commitments as s").innerJoin("municipalities as m", "m.id", "s.convener_municipality_id");
}

async function toView(db: Executor, r: { id: number; slug: string; title: string; description: string; state_code: string | null; convener_municipality_id: number; convener_name: string; convener_slug: string | null }): Promise<SharedCommitmentView> {
  return {
    id: r.id, slug: r.slug, title: r.title, description: r.description,
    state: (await findStateByCode(db, r.state_code)) ?? null,
    convener: { id: r.convener_municipality_id, name: r.convener_name, slug: r.convener_slug ?? "" },
  };
}

export async function findSharedBySlug(db: Executor, slug: string): Promise<SharedCommitmentView | undefined> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return undefined;
  const row = await baseShared(db).select(sharedColumns).where("s.slug", "=", slug).executeTakeFirst();
  return row ? toView(db, row) : undefined;
}

export async function findSharedByIds(db: Executor, ids: number[]): Promise<SharedCommitmentView[]> {
  if (ids.length === 0) return [];
  const rows = await baseShared(db).select(sharedColumns).where("s.id", "in", ids).orderBy("s.title").execute();
  return Promise.all(rows.map((r) => toView(db, r)));
}

/**
 * Each partner of a shared commitment (active municipalities only, convener first) with its linked
 * commitment. `ownMunicipalityId`: that municipality's staff also see their own link from an
 * unpublished plan; every other partner's link counts only from a published plan.
 */
export async function partnerProgress(db: Executor, shared: { id: number; convener: { id: number } }, opts: { ownMunicipalityId?: number } = {}): Promise<PartnerProgress[]> {
  const partners = await db
    .selectFrom("shared_commitment_partners as p")
    .innerJoin("municipalities as m", "m.id", "p.municipality_id")
    .innerJoin("states as st", "st.code", "m.state_code")
    .select(["m.id", "m.name", "m.slug", "m.time_zone", "st.name as state_name"])
    .where("p.shared_commitment_id", "=", shared.id)
    .where("m.active", "=", true)
    .orderBy("m.name")
    .execute();
  const linked = await db
    .selectFrom("plan_commitments as c")
    .innerJoin("action_plans as pl", (j) => j.onRef("pl.municipality_id", "=", "c.municipality_id").onRef("pl.id", "=", "c.plan_id"))
    .select(["c.municipality_id", "c.id", "pl.slug as plan_slug", "pl.title as plan_title", "pl.published"])
    .where("c.shared_commitment_id", "=", shared.id)
    .where((eb) => eb.or([eb("pl.published", "=", true), ...(opts.ownMunicipalityId ? [eb("c.municipality_id", "=", opts.ownMunicipalityId)] : [])]))
    .orderBy("c.id")
    .execute();
  const out = await Promise.all(
    partners.map(async (p): Promise<PartnerProgress> => {
      const municipality = { id: p.id, name: p.name, slug: p.slug ?? "", stateName: stateDisplayName(p.state_name) };
      const link = linked.find((l) => l.municipality_id === p.id);
      if (!link) return { municipality, convener: p.id === shared.convener.id, commitment: null };
      const clock = await planClock(db, { id: p.id, timeZone: p.time_zone });
      const [summary] = await listCommitmentSummaries(db, p.id, { ids: [link.id] }, clock);
      return { municipality, convener: p.id === shared.convener.id, commitment: summary ? presentPartnerCommitment(summary, link) : null };
    }),
  );
  return out.sort((a, b) => Number(b.convener) - Number(a.convener));
}

function presentPartnerCommitment(c: CommitmentSummary, plan: { plan_slug: string; plan_title: string; published: boolean }): PartnerCommitment {
  return {
    id: c.id, number: c.number, title: c.title, planSlug: plan.plan_slug, planTitle: plan.plan_title, planPublished: plan.published,
    leadDepartment: c.leadDepartment?.name ?? null, progress: c.progress, stage: c.stage, punctuality: countPunctuality(c.milestones), endsOn: c.endsOn,
  };
}

export interface SharedListRow {
  id: number;
  slug: string;
  title: string;
  convenerName: string;
  convenedByMe: boolean;
  partners: number;
  /** This municipality's linked commitment, if any (its own plans, published or not). */
  ownCommitment: { number: number; title: string; planTitle: string } | null;
}

/** The shared commitments a municipality convenes or is invited to, by title. */
export async function listSharedForMunicipality(db: Executor, municipalityId: number, opts: { page: number; perPage: number }): Promise<{ rows: SharedListRow[]; total: number }> {
  const q = db
    .selectFrom("shared_commitments as s")
    .innerJoin("shared_commitment_partners as me", (j) => j.onRef("me.shared_commitment_id", "=", "s.id").on("me.municipality_id", "=", municipalityId));
  const [rows, count] = await Promise.all([
    q.innerJoin("municipalities as m", "m.id", "s.convener_municipality_id")
      .select(["s.id", "s.slug", "s.title", "s.convener_municipality_id", "m.name as convener_name"])
      .select((eb) => eb.selectFrom("shared_commitment_partners as p").select((p) => p.fn.countAll<string>().as("n")).whereRef("p.shared_commitment_id", "=", "s.id").as("partners"))
      .orderBy("s.title").orderBy("s.id")
      .limit(opts.perPage).offset((opts.page - 1) * opts.perPage)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const own = rows.length
    ? await db
        .selectFrom("plan_commitments as c")
        .innerJoin("action_plans as pl", (j) => j.onRef("pl.municipality_id", "=", "c.municipality_id").onRef("pl.id", "=", "c.plan_id"))
        .select(["c.shared_commitment_id", "c.number", "c.title", "pl.title as plan_title"])
        .where("c.municipality_id", "=", municipalityId)
        .where("c.shared_commitment_id", "in", rows.map((r) => r.id))
        .execute()
    : [];
  return {
    total: Number(count.n),
    rows: rows.map((r) => {
      const mine = own.find((o) => o.shared_commitment_id === r.id);
      return {
        id: r.id, slug: r.slug, title: r.title, convenerName: r.convener_name, convenedByMe: r.convener_municipality_id === municipalityId,
        partners: Number(r.partners ?? 0), ownCommitment: mine ? { number: mine.number, title: mine.title, planTitle: mine.plan_title } : null,
      };
    }),
  };
}

/** How many active municipalities take part in each shared commitment. */
export async function activePartnerCounts(db: Executor, sharedIds: number[]): Promise<Map<number, number>> {
  if (sharedIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("shared_commitment_partners as p")
    .innerJoin("municipalities as m", "m.id", "p.municipality_id")
    .select(["p.shared_commitment_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("p.shared_commitment_id", "in", sharedIds)
    .where("m.active", "=", true)
    .groupBy("p.shared_commitment_id")
    .execute();
  return new Map(rows.map((r) => [r.shared_commitment_id, Number(r.n)]));
}

export async function isPartner(db: Executor, sharedId: number, municipalityId: number): Promise<boolean> {
  const row = await db.selectFrom("shared_commitment_partners").select("municipality_id").where("shared_commitment_id", "=", sharedId).where("municipality_id", "=", municipalityId).executeTakeFirst();
  return row !== undefined;
}

export interface LinkableCommitment {
  id: number;
  number: number;
  title: string;
  planTitle: string;
  linkedHere: boolean;
}

/** A municipality's own commitments it could link: every plan of its own, except those already in another shared commitment. */
export async function linkableCommitments(db: Executor, municipalityId: number, sharedId: number): Promise<LinkableCommitment[]> {
  const rows = await db
    .selectFrom("plan_commitments as c")
    .innerJoin("action_plans as pl", (j) => j.onRef("pl.municipality_id", "=", "c.municipality_id").onRef("pl.id", "=", "c.plan_id"))
    .select(["c.id", "c.number", "c.title", "c.shared_commitment_id", "pl.title as plan_title"])
    .where("c.municipality_id", "=", municipalityId)
    .where("c.withdrawn_at", "is", null)
    .where((eb) => eb.or([eb("c.shared_commitment_id", "is", null), eb("c.shared_commitment_id", "=", sharedId)]))
    .orderBy("pl.starts_on", "desc").orderBy("pl.id").orderBy("c.number")
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number, title: r.title, planTitle: r.plan_title, linkedHere: r.shared_commitment_id === sharedId }));
}

/** Active municipalities that could be invited (not yet partners), by state and name. */
export async function invitableMunicipalities(db: Executor, sharedId: number): Promise<MunicipalityRef[]> {
  const rows = await db
    .selectFrom("municipalities as m")
    .innerJoin("states as st", "st.code", "m.state_code")
    .select(["m.id", "m.name", "m.slug", "st.name as state_name"])
    .where("m.active", "=", true)
    .where("m.id", "not in", (eb) => eb.selectFrom("shared_commitment_partners").select("municipality_id").where("shared_commitment_id", "=", sharedId))
    .orderBy("st.name").orderBy("m.name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug ?? "", stateName: stateDisplayName(r.state_name) }));
}

export async function findActiveMunicipalityIdBySlug(db: Executor, slug: string): Promise<number | undefined> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return undefined;
  return (await db.selectFrom("municipalities").select("id").where("slug", "=", slug).where("active", "=", true).executeTakeFirst())?.id;
}

/**
 * The state view's shared commitments: those that belong to the state, and those spanning states
 * (no state) in which one of the state's active municipalities takes part.
 */
export async function sharedForState(db: Executor, stateCode: string, opts: { page: number; perPage: number }): Promise<{ rows: SharedCommitmentView[]; total: number }> {
  const q = baseShared(db).where((eb) =>
    eb.or([
      eb("s.state_code", "=", stateCode),
      eb.and([
        eb("s.state_code", "is", null),
        eb.exists(
          eb.selectFrom("shared_commitment_partners as p").innerJoin("municipalities as pm", "pm.id", "p.municipality_id")
            .select("p.municipality_id").whereRef("p.shared_commitment_id", "=", "s.id").where("pm.state_code", "=", stateCode).where("pm.active", "=", true),
        ),
      ]),
    ]),
  );
  const [rows, count] = await Promise.all([
    q.select(sharedColumns).orderBy("s.title").orderBy("s.id").limit(opts.perPage).offset((opts.page - 1) * opts.perPage).execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: await Promise.all(rows.map((r) => toView(db, r))), total: Number(count.n) };
}
