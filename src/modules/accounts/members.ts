/** Changing and removing memberships, and granting roles from the command line. */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { AccountFormError, inTransaction } from "./errors.js";
import { findMembership } from "./queries.js";
import { checkRoleAndDepartment } from "./roles.js";

/** The last administrator cannot be demoted or removed: a town hall must always be able to manage its staff. */
async function assertNotLastAdministrator(trx: Executor, municipalityId: number, membershipId: number) {
  const admins = await trx
    .selectFrom("memberships")
    .select("id")
    .where("municipality_id", "=", municipalityId)
    .where("role", "=", "administrator")
    .execute();
  if (admins.length === 1 && admins[0]!.id === membershipId) throw new AccountFormError({ role: "accounts:errors.lastAdministrator" });
}

export async function changeMemberRole(
  db: Executor,
  actor: Actor,
  municipalityId: number,
  membershipId: number,
  input: { role: string; departmentId: number | null },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const current = await findMembership(trx, municipalityId, membershipId);
    if (!current) throw new AccountFormError({ membership: "accounts:errors.membershipNotFound" });
    const { role, departmentId } = await checkRoleAndDepartment(trx, municipalityId, input.role, input.departmentId);
    if (current.role === "administrator" && role !== "administrator") await assertNotLastAdministrator(trx, municipalityId, membershipId);
    const clash = await trx
      .selectFrom("memberships")
      .select("id")
      .where("municipality_id", "=", municipalityId)
      .where("user_id", "=", current.user_id)
      .where("role", "=", role)
      .where("id", "<>", membershipId)
      .executeTakeFirst();
    if (clash) throw new AccountFormError({ role: "accounts:errors.alreadyMember" });
    await trx
      .updateTable("memberships")
      .set({ role, department_id: departmentId, updated_at: sql`now()` })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", membershipId)
      .execute();
    await recordAudit(trx, {
      actor,
      municipalityId,
      action: "accounts.membership.changeRole",
      subjectType: "membership",
      subjectId: membershipId,
      details: { userId: current.user_id, from: { role: current.role, departmentId: current.department_id }, to: { role, departmentId } },
    });
  });
}

export async function removeMembership(db: Executor, actor: Actor, municipalityId: number, membershipId: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const current = await findMembership(trx, municipalityId, membershipId);
    if (!current) throw new AccountFormError({ membership: "accounts:errors.membershipNotFound" });
    if (current.role === "administrator") await assertNotLastAdministrator(trx, municipalityId, membershipId);
    await trx.deleteFrom("memberships").where("municipality_id", "=", municipalityId).where("id", "=", membershipId).execute();
    await recordAudit(trx, {
      actor,
      municipalityId,
      action: "accounts.membership.remove",
      subjectType: "membership",
      subjectId: membershipId,
      details: { userId: current.user_id, role: current.role, departmentId: current.department_id },
    });
  });
}

/** Give an existing user a role (CLI and demo seed); idempotent for the same role. */
export async function grantRole(
  db: Executor,
  actor: Actor,
  input: { userId: number; municipalityId: number; role: string; departmentId: number | null },
  actorLabel?: string,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { role, departmentId } = await checkRoleAndDepartment(trx, input.municipalityId, input.role, input.departmentId);
    const row = await trx
      .insertInto("memberships")
      .values({ municipality_id: input.municipalityId, user_id: input.userId, role, department_id: departmentId })
      .onConflict((oc) => oc.columns(["municipality_id", "user_id", "role"]).doUpdateSet({ department_id: departmentId, updated_at: sql`now()` }))
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      actorLabel,
      municipalityId: input.municipalityId,
      action: "accounts.membership.grant",
      subjectType: "membership",
      subjectId: row.id,
      details: { userId: input.userId, role, departmentId },
    });
    return row.id;
  });
}
