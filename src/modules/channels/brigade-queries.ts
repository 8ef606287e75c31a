/**
 * Read models of field brigades shared by the staff pages and the members' app: a brigade, its
 * route, who may capture in it, and what the app needs offline. The staff summary with its
 * follow-up list is in brigade-summary.ts; what the public sees in brigade-public-queries.ts.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { canManageChannels, type BrigadeSubject } from "./policy.js";
import type { BrigadeRole, BrigadeStatus } from "./tables.js";
import "./tables.js";

export interface BrigadeRow {
  id: number;
  slug: string;
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  status: BrigadeStatus;
  processId: number | null;
}

const brigadeColumns = ["b.id", "b.slug", "b.name", "b.description", sql<string>`b.starts_on::text`.as("starts_on"), sql<string>`b.ends_on::text`.as("ends_on"), "b.status", "b.process_id"] as const;

type BrigadeSelect = { id: number; slug: string; name: string; description: string; starts_on: string; ends_on: string; status: BrigadeStatus; process_id: number | null };
const toBrigade = (r: BrigadeSelect): BrigadeRow => ({
  id: r.id, slug: r.slug, name: r.name, description: r.description, startsOn: r.starts_on, endsOn: r.ends_on, status: r.status, processId: r.process_id,
});

export async function findBrigadeBySlug(db: Executor, municipalityId: number, slug: string): Promise<BrigadeRow | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const row = await db.selectFrom("brigades as b").select(brigadeColumns).where("b.municipality_id", "=", municipalityId).where("b.slug", "=", slug).executeTakeFirst();
  return row ? toBrigade(row) : null;
}

/** Brigades of a municipality, the most recent first; `statuses` narrows them (the public sees activa and concluida). */
export async function listBrigades(db: Executor, municipalityId: number, options: { statuses?: BrigadeStatus[]; page: number; perPage: number }): Promise<{ rows: BrigadeRow[]; total: number }> {
  let q = db.selectFrom("brigades as b").where("b.municipality_id", "=", municipalityId);
  if (options.statuses) q = q.where("b.status", "in", options.statuses);
  const { n } = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await q.select(brigadeColumns).orderBy("b.starts_on", "desc").orderBy("b.id", "desc").limit(options.perPage).offset((options.page - 1) * options.perPage).execute();
  return { rows: rows.map(toBrigade), total: Number(n) };
}

export interface RouteStop {
  coloniaId: number;
  colonia: string;
  visitOn: string;
}

/** The route: each colonia on its day, in the order of the days. */
export async function listRoute(db: Executor, municipalityId: number, brigadeId: number, paging?: { page: number; perPage: number }): Promise<{ rows: RouteStop[]; total: number }> {
  const q = db
    .selectFrom("brigade_stops as s")
    .innerJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "s.municipality_id").onRef("c.id", "=", "s.colonia_id"))
    .where("s.municipality_id", "=", municipalityId)
    .where("s.brigade_id", "=", brigadeId);
  const { n } = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  let rows = q.select(["s.colonia_id", "c.name", sql<string>`s.visit_on::text`.as("visit_on")]).orderBy("s.visit_on").orderBy("c.name").orderBy("s.colonia_id");
  if (paging) rows = rows.limit(paging.perPage).offset((paging.page - 1) * paging.perPage);
  return { rows: (await rows.execute()).map((r) => ({ coloniaId: r.colonia_id, colonia: r.name, visitOn: r.visit_on })), total: Number(n) };
}

/** The person's role in a brigade, or null when not a member. */
export async function memberRoleOf(db: Executor, municipalityId: number, brigadeId: number, userId: number): Promise<BrigadeRole | null> {
  const row = await db.selectFrom("brigade_members").select("role").where("municipality_id", "=", municipalityId).where("brigade_id", "=", brigadeId).where("user_id", "=", userId).executeTakeFirst();
  return row?.role ?? null;
}

/** The facts the brigade rules need (policy.ts): the actor's role in it and whether it is active. */
export async function brigadeSubject(db: Executor, municipalityId: number, brigade: { id: number; status: BrigadeStatus }, actor: Actor): Promise<BrigadeSubject> {
  const memberRole = actor.kind === "user" ? await memberRoleOf(db, municipalityId, brigade.id, actor.userId) : null;
  return { municipalityId, memberRole, active: brigade.status === "activa" };
}

/** Whether the person belongs to any brigade of the municipality (coordinators reach the staff summary this way). */
export async function isBrigadeMemberIn(db: Executor, municipalityId: number, userId: number): Promise<boolean> {
  return !!(await db.selectFrom("brigade_members").select("user_id").where("municipality_id", "=", municipalityId).where("user_id", "=", userId).executeTakeFirst());
}

export interface AppBrigade extends BrigadeRow {
  /** The person's role; null for a channel manager who is not a member. */
  role: BrigadeRole | null;
}

/**
 * The active brigades a person may capture in (policy brigades.capture): those they belong to,
 * and every active one for the channel managers.
 */
export async function capturableBrigades(db: Executor, municipalityId: number, actor: Actor): Promise<AppBrigade[]> {
  if (actor.kind !== "user") return [];
  const manager = canManageChannels(actor, municipalityId);
  const rows = await db
    .selectFrom("brigades as b")
    .leftJoin("brigade_members as m", (j) => j.onRef("m.municipality_id", "=", "b.municipality_id").onRef("m.brigade_id", "=", "b.id").on("m.user_id", "=", actor.userId))
    .select([...brigadeColumns, "m.role"])
    .where("b.municipality_id", "=", municipalityId)
    .where("b.status", "=", "activa")
    .$if(!manager, (q) => q.where("m.user_id", "is not", null))
    .orderBy("b.starts_on")
    .orderBy("b.name")
    .limit(50)
    .execute();
  return rows.map((r) => ({ ...toBrigade(r), role: r.role ?? null }));
}

export interface StaffMember {
  userId: number;
  name: string;
  email: string;
  role: BrigadeRole;
}

/** Staff only: the members with their account's name and e-mail. */
export async function listMembers(db: Executor, municipalityId: number, brigadeId: number, page: number, perPage: number): Promise<{ rows: StaffMember[]; total: number }> {
  const q = db
    .selectFrom("brigade_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .where("m.municipality_id", "=", municipalityId)
    .where("m.brigade_id", "=", brigadeId);
  const { n } = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await q.select(["m.user_id", "u.display_name", "u.email", "m.role"]).orderBy("m.role", "desc").orderBy("u.display_name").orderBy("m.user_id").limit(perPage).offset((page - 1) * perPage).execute();
  return { rows: rows.map((r) => ({ userId: r.user_id, name: r.display_name, email: r.email, role: r.role })), total: Number(n) };
}

/** Every colonia of the municipality (id and current name) for the route form. */
export { listColoniaOptions as coloniaChoices } from "../territory/queries.js";
