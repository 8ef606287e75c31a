/**
 * Read model of observatories: the public list and page, members (a public shape with only the
 * names marked public, and a staff shape with the account's e-mail), what an observatory follows,
 * and the commitments and services it may follow. Service names come from the requests module's
 * catalogue export, never its tables.
 */
import type { Executor } from "../../platform/db/database.js";
import { listServices } from "../requests/catalogue.js";
import type { ObservatoryRole } from "./tables.js";
import "./tables.js";

export interface ObservatoryRow {
  id: number;
  slug: string;
  name: string;
  description: string;
  website: string | null;
  active: boolean;
}

export interface ObservatorySummary extends ObservatoryRow {
  members: number;
  publishedReports: number;
}

export async function listObservatories(db: Executor, municipalityId: number, opts: { page: number; perPage: number; activeOnly: boolean }): Promise<{ rows: ObservatorySummary[]; total: number }> {
  let base = db.selectFrom("observatories as o").where("o.municipality_id", "=", municipalityId);
  if (opts.activeOnly) base = base.where("o.active", "=", true);
  const [rows, count] = await Promise.all([
    base
      .select([
        "o.id", "o.slug", "o.name", "o.description", "o.website", "o.active",
        (eb) => eb.selectFrom("observatory_members as m").select((x) => x.fn.countAll<string>().as("n"))
          .whereRef("m.municipality_id", "=", "o.municipality_id").whereRef("m.observatory_id", "=", "o.id").as("members"),
        (eb) => eb.selectFrom("observatory_reports as r").select((x) => x.fn.countAll<string>().as("n"))
          .whereRef("r.municipality_id", "=", "o.municipality_id").whereRef("r.observatory_id", "=", "o.id").where("r.published_at", "is not", null).as("reports"),
      ])
      .orderBy("o.name").orderBy("o.id")
      .limit(opts.perPage).offset((opts.page - 1) * opts.perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, description: r.description, website: r.website, active: r.active, members: Number(r.members ?? 0), publishedReports: Number(r.reports ?? 0) })),
    total: Number(count.n),
  };
}

export async function findObservatory(db: Executor, municipalityId: number, slug: string): Promise<ObservatoryRow | undefined> {
  return db.selectFrom("observatories").select(["id", "slug", "name", "description", "website", "active"])
    .where("municipality_id", "=", municipalityId).where("slug", "=", slug).executeTakeFirst();
}

/** Public: only the members whose name was marked public, by that name and their role. */
export interface PublicObservatoryMember {
  publicName: string;
  role: ObservatoryRole;
}

export async function publicObservatoryMembers(db: Executor, municipalityId: number, observatoryId: number): Promise<{ named: PublicObservatoryMember[]; total: number }> {
  const base = db.selectFrom("observatory_members").where("municipality_id", "=", municipalityId).where("observatory_id", "=", observatoryId);
  const [named, count] = await Promise.all([
    base.select(["public_name", "role"]).where("name_public", "=", true).where("public_name", "<>", "").orderBy("role").orderBy("public_name").limit(200).execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { named: named.map((m) => ({ publicName: m.public_name, role: m.role })), total: Number(count.n) };
}

/** Staff only. The account's e-mail is personal data: only managers get it (`withAccounts`), to know whom they add or remove. */
export interface StaffObservatoryMember {
  userId: number;
  email: string | null;
  role: ObservatoryRole;
  publicName: string;
  namePublic: boolean;
  addedAt: Date;
}

export async function staffObservatoryMembers(db: Executor, municipalityId: number, observatoryId: number, page: { page: number; perPage: number; withAccounts: boolean }): Promise<{ rows: StaffObservatoryMember[]; total: number }> {
  const base = db.selectFrom("observatory_members as m").where("m.municipality_id", "=", municipalityId).where("m.observatory_id", "=", observatoryId);
  const [rows, count] = await Promise.all([
    base.innerJoin("users as u", "u.id", "m.user_id").select(["m.user_id", "u.email", "m.role", "m.public_name", "m.name_public", "m.added_at"])
      .orderBy("m.role").orderBy("m.public_name").orderBy("u.email").limit(page.perPage).offset((page.page - 1) * page.perPage).execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ userId: r.user_id, email: page.withAccounts ? r.email : null, role: r.role, publicName: r.public_name, namePublic: r.name_public, addedAt: new Date(r.added_at) })),
    total: Number(count.n),
  };
}

/** Whether the account belongs to the observatory (the fact the observatory policies need). */
export async function isObservatoryMember(db: Executor, municipalityId: number, observatoryId: number, userId: number | null): Promise<boolean> {
  if (userId === null) return false;
  const row = await db.selectFrom("observatory_members").select("user_id")
    .where("municipality_id", "=", municipalityId).where("observatory_id", "=", observatoryId).where("user_id", "=", userId).executeTakeFirst();
  return row !== undefined;
}

/** A commitment of a published plan, as lists and links show it. */
export interface CommitmentRef {
  id: number;
  planSlug: string;
  planTitle: string;
  number: number;
  title: string;
}

function publishedCommitments(db: Executor, municipalityId: number) {
  return db
    .selectFrom("plan_commitments as c")
    .innerJoin("action_plans as p", (j) => j.onRef("p.municipality_id", "=", "c.municipality_id").onRef("p.id", "=", "c.plan_id"))
    .select(["c.id", "p.slug as plan_slug", "p.title as plan_title", "c.number", "c.title"])
    .where("c.municipality_id", "=", municipalityId)
    .where("p.published", "=", true);
}

const toRef = (r: { id: number; plan_slug: string; plan_title: string; number: number; title: string }): CommitmentRef => ({ id: r.id, planSlug: r.plan_slug, planTitle: r.plan_title, number: r.number, title: r.title });

/** Commitments an observatory may follow or assess: those of published plans, not withdrawn. */
export async function followableCommitments(db: Executor, municipalityId: number): Promise<CommitmentRef[]> {
  const rows = await publishedCommitments(db, municipalityId).where("c.withdrawn_at", "is", null).orderBy("p.starts_on", "desc").orderBy("p.id").orderBy("c.number").limit(500).execute();
  return rows.map(toRef);
}

export async function isFollowableCommitment(db: Executor, municipalityId: number, commitmentId: number): Promise<boolean> {
  return (await publishedCommitments(db, municipalityId).where("c.id", "=", commitmentId).where("c.withdrawn_at", "is", null).executeTakeFirst()) !== undefined;
}

/** Commitments of published plans by id (withdrawn ones included: a report about one stays readable). */
export async function commitmentRefs(db: Executor, municipalityId: number, ids: number[]): Promise<Map<number, CommitmentRef>> {
  if (ids.length === 0) return new Map();
  const rows = await publishedCommitments(db, municipalityId).where("c.id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, toRef(r)]));
}

/** Names of the municipality's services by id (inactive ones too, so old reports keep their subject). */
export async function serviceNames(db: Executor, municipalityId: number): Promise<Map<number, string>> {
  return new Map((await listServices(db, municipalityId, { includeInactive: true })).map((s) => [s.id, s.name]));
}

/** Active services, for the follow and report forms. */
export async function followableServices(db: Executor, municipalityId: number): Promise<{ id: number; name: string }[]> {
  return (await listServices(db, municipalityId)).map((s) => ({ id: s.id, name: s.name }));
}

export async function activeServiceName(db: Executor, municipalityId: number, serviceId: number): Promise<string | null> {
  return (await listServices(db, municipalityId)).find((s) => s.id === serviceId)?.name ?? null;
}

/** What an observatory follows: commitments (of published plans) and services, by name. */
export async function followedTargets(db: Executor, municipalityId: number, observatoryId: number): Promise<{ commitments: CommitmentRef[]; services: { id: number; name: string }[] }> {
  const follows = await db.selectFrom("observatory_follows").select(["target_kind", "target_id"])
    .where("municipality_id", "=", municipalityId).where("observatory_id", "=", observatoryId).orderBy("created_at").execute();
  const commitmentIds = follows.filter((f) => f.target_kind === "compromiso").map((f) => f.target_id);
  const serviceIds = follows.filter((f) => f.target_kind === "servicio").map((f) => f.target_id);
  const [refs, names] = await Promise.all([commitmentRefs(db, municipalityId, commitmentIds), serviceIds.length ? serviceNames(db, municipalityId) : new Map<number, string>()]);
  return {
    commitments: commitmentIds.flatMap((id) => (refs.has(id) ? [refs.get(id)!] : [])),
    services: serviceIds.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : [])),
  };
}

/** Observatories following a commitment, for its page's readers (names only). */
export async function observatoriesFollowing(db: Executor, municipalityId: number, commitmentId: number): Promise<{ slug: string; name: string }[]> {
  return db.selectFrom("observatory_follows as f")
    .innerJoin("observatories as o", (j) => j.onRef("o.municipality_id", "=", "f.municipality_id").onRef("o.id", "=", "f.observatory_id"))
    .select(["o.slug", "o.name"])
    .where("f.municipality_id", "=", municipalityId).where("f.target_kind", "=", "compromiso").where("f.target_id", "=", commitmentId)
    .orderBy("o.name").limit(100).execute();
}

export const excerpt = (text: string, max = 280): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40)).trimEnd()}…`;
};

