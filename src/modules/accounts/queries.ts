import type { Executor } from "../../platform/db/database.js";
import type { Actor, MunicipalRole } from "../../platform/policy.js";
import { listDepartments } from "../territory/queries.js";

export async function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", normalizeEmail(email)).executeTakeFirst();
}

export async function findUserById(db: Executor, id: number) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Everything authorization needs about a person: platform role, oversight and memberships. Disabled users get null. */
export async function loadActor(db: Executor, userId: number): Promise<Actor | null> {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "display_name", "email_verified_at", "platform_role", "disabled_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user || user.disabled_at) return null;
  const [memberships, oversight] = await Promise.all([
    db.selectFrom("memberships").select(["municipality_id", "role", "department_id"]).where("user_id", "=", userId).orderBy("municipality_id").orderBy("role").execute(),
    user.platform_role === "state_body"
      ? db.selectFrom("state_body_oversight").select("municipality_id").where("user_id", "=", userId).orderBy("municipality_id").execute()
      : Promise.resolve([]),
  ]);
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    displayName: user.display_name,
    emailVerified: user.email_verified_at !== null,
    platformRole: user.platform_role,
    oversees: oversight.map((o) => o.municipality_id),
    memberships: memberships.map((m) => ({ municipalityId: m.municipality_id, role: m.role, departmentId: m.department_id })),
  };
}

export interface MemberRow {
  membershipId: number;
  userId: number;
  displayName: string;
  email: string;
  role: MunicipalRole;
  departmentId: number | null;
  since: Date;
}

/** Staff of one municipality, a page at a time, by name. */
export async function listMembers(db: Executor, municipalityId: number, page: number, perPage: number): Promise<{ rows: MemberRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.id", "m.user_id", "u.display_name", "u.email", "m.role", "m.department_id", "m.created_at"])
      .where("m.municipality_id", "=", municipalityId)
      .orderBy("u.display_name")
      .orderBy("m.id")
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    db
      .selectFrom("memberships")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("municipality_id", "=", municipalityId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      membershipId: r.id,
      userId: r.user_id,
      displayName: r.display_name,
      email: r.email,
      role: r.role,
      departmentId: r.department_id,
      since: r.created_at,
    })),
  };
}

export async function findMembership(db: Executor, municipalityId: number, membershipId: number) {
  return db.selectFrom("memberships").selectAll().where("municipality_id", "=", municipalityId).where("id", "=", membershipId).executeTakeFirst();
}

/** Pending (not accepted, not expired) invitations of a municipality. */
export async function listPendingInvitations(db: Executor, municipalityId: number) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "role", "department_id", "expires_at", "created_at"])
    .where("municipality_id", "=", municipalityId)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", new Date())
    .orderBy("created_at", "desc")
    .limit(50)
    .execute();
}

/** Municipality names for a set of ids (the account page lists roles by municipality). */
export async function municipalityNames(db: Executor, ids: number[]): Promise<Map<number, { name: string; slug: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("municipalities").select(["id", "name", "slug"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, slug: r.slug }]));
}

/** Active departments of a municipality, for the staff forms (read through territory's API). */
export async function departmentOptions(db: Executor, municipalityId: number): Promise<{ id: number; name: string; slug: string }[]> {
  return (await listDepartments(db, municipalityId)).map((d) => ({ id: d.id, name: d.name, slug: d.slug }));
}

/** Department names keyed "municipalityId:departmentId", for showing memberships (inactive ones too). */
export async function departmentNames(db: Executor, municipalityIds: number[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of municipalityIds) {
    for (const d of await listDepartments(db, id, { includeInactive: true })) names.set(`${id}:${d.id}`, d.name);
  }
  return names;
}
