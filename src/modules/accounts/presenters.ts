/** The shapes account data takes on pages: fields are chosen by name, never whole rows (no password hashes, no token hashes). */
import type { Actor, MunicipalRole } from "../../platform/policy.js";
import type { MemberRow } from "./queries.js";

export interface AccountView {
  displayName: string;
  email: string;
  emailVerified: boolean;
  platformRole: string | null;
  oversees: string[];
  roles: { municipalityName: string; slug: string | null; role: MunicipalRole; department: string | null }[];
}

export function presentAccount(
  actor: Extract<Actor, { kind: "user" }>,
  municipalities: Map<number, { name: string; slug: string | null }>,
  departments: Map<string, string>,
): AccountView {
  return {
    displayName: actor.displayName,
    email: actor.email,
    emailVerified: actor.emailVerified,
    platformRole: actor.platformRole,
    oversees: actor.oversees.map((id) => municipalities.get(id)?.name ?? String(id)),
    roles: actor.memberships.map((m) => ({
      municipalityName: municipalities.get(m.municipalityId)?.name ?? String(m.municipalityId),
      slug: municipalities.get(m.municipalityId)?.slug ?? null,
      role: m.role,
      department: m.departmentId === null ? null : (departments.get(`${m.municipalityId}:${m.departmentId}`) ?? null),
    })),
  };
}

/** A staff member as administrators see them on the staff page. */
export interface StaffMemberView {
  membershipId: number;
  displayName: string;
  email: string;
  role: MunicipalRole;
  departmentId: number | null;
  department: string | null;
  since: Date;
}

export function presentStaffMember(row: MemberRow, departments: Map<number, string>): StaffMemberView {
  return {
    membershipId: row.membershipId,
    displayName: row.displayName,
    email: row.email,
    role: row.role,
    departmentId: row.departmentId,
    department: row.departmentId === null ? null : (departments.get(row.departmentId) ?? null),
    since: row.since,
  };
}
