/** Staff operations in one municipality: invite, accept, change role, remove. Each writes its audit entry in the same transaction. */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { Translate } from "../../platform/i18n/index.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { AccountFormError, assertNoFieldErrors, emailProblem, nameProblem } from "./errors.js";
import { hashPassword, passwordProblem } from "./password.js";
import { checkRoleAndDepartment } from "./roles.js";
import { findUserByEmail, normalizeEmail } from "./queries.js";
import { hashToken, isWellFormedToken, newToken } from "./tokens.js";

const INVITATION_DAYS = 7;

export interface InviteInput {
  email: string;
  role: string;
  departmentId: number | null;
}

/** Invite a person by e-mail to a role; the link creates or links their account. */
export async function inviteMember(
  services: Services,
  actor: Actor,
  municipality: { id: number; name: string },
  input: InviteInput,
  t: Translate,
): Promise<number> {
  assertNoFieldErrors({ email: emailProblem(input.email) });
  const email = normalizeEmail(input.email);
  const token = newToken();
  const id = await services.db.transaction().execute(async (trx) => {
    const { role, departmentId } = await checkRoleAndDepartment(trx, municipality.id, input.role, input.departmentId);
    const already = await trx
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("m.id")
      .where("m.municipality_id", "=", municipality.id)
      .where("u.email", "=", email)
      .where("m.role", "=", role)
      .executeTakeFirst();
    if (already) throw new AccountFormError({ email: "accounts:errors.alreadyMember" });
    const row = await trx
      .insertInto("invitations")
      .values({
        municipality_id: municipality.id,
        email,
        role,
        department_id: departmentId,
        invited_by: actor.kind === "user" ? actor.userId : null,
        token_hash: hashToken(token),
        expires_at: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
        accepted_at: null,
        accepted_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      municipalityId: municipality.id,
      action: "accounts.invitation.create",
      subjectType: "invitation",
      subjectId: row.id,
      details: { email, role, departmentId },
    });
    return row.id;
  });
  await services.mailer.send({
    to: email,
    subject: t("accounts:mail.inviteSubject", { municipality: municipality.name }),
    text: t("accounts:mail.inviteBody", {
      municipality: municipality.name,
      role: t(`accounts:roles.${input.role}`),
      link: `${services.config.publicUrl}/invitacion?token=${token}`,
      days: INVITATION_DAYS,
    }),
  });
  return id;
}

/** A pending invitation by its link, or null when unknown, accepted or expired. */
export async function findOpenInvitation(db: Executor, token: string) {
  if (!isWellFormedToken(token)) return null;
  const row = await db
    .selectFrom("invitations")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .where("accepted_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return row ?? null;
}

export type AcceptInput =
  | { kind: "existing"; actor: Actor & { kind: "user" } }
  | { kind: "new"; displayName: string; password: string; confirm: string };

/**
 * Accept an invitation: a signed-in person whose e-mail matches gets the role; otherwise a new
 * account is created for the invited address (verified: the link reached that inbox).
 * Returns the user id.
 */
export async function acceptInvitation(services: Services, token: string, input: AcceptInput): Promise<number> {
  const invitation = await findOpenInvitation(services.db, token);
  if (!invitation) throw new AccountFormError({ token: "accounts:errors.invitationInvalid" });
  let passwordHash: string | null = null;
  if (input.kind === "new") {
    assertNoFieldErrors({
      displayName: nameProblem(input.displayName),
      password: passwordProblem(input.password, invitation.email),
      confirm: input.password !== input.confirm ? "accounts:errors.passwordMismatch" : null,
    });
    passwordHash = await hashPassword(input.password);
  } else if (input.actor.email !== invitation.email) {
    throw new AccountFormError({ token: "accounts:errors.invitationOtherEmail" });
  }
  return services.db.transaction().execute(async (trx) => {
    // Claim the invitation first so two clicks cannot both succeed.
    const claimed = await trx
      .updateTable("invitations")
      .set({ accepted_at: sql`now()` })
      .where("municipality_id", "=", invitation.municipality_id)
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!claimed) throw new AccountFormError({ token: "accounts:errors.invitationInvalid" });
    let userId: number;
    if (input.kind === "existing") userId = input.actor.userId;
    else {
      if (await findUserByEmail(trx, invitation.email)) throw new AccountFormError({ token: "accounts:errors.invitationLogin" });
      const user = await trx
        .insertInto("users")
        .values({ email: invitation.email, display_name: input.displayName.trim(), password_hash: passwordHash!, email_verified_at: new Date(), platform_role: null, disabled_at: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      userId = user.id;
    }
    await trx.updateTable("invitations").set({ accepted_by: userId }).where("municipality_id", "=", invitation.municipality_id).where("id", "=", invitation.id).execute();
    await trx.updateTable("users").set({ email_verified_at: sql`coalesce(email_verified_at, now())` }).where("id", "=", userId).execute();
    const membership = await trx
      .insertInto("memberships")
      .values({ municipality_id: invitation.municipality_id, user_id: userId, role: invitation.role, department_id: invitation.department_id })
      .onConflict((oc) => oc.columns(["municipality_id", "user_id", "role"]).doUpdateSet({ department_id: invitation.department_id, updated_at: sql`now()` }))
      .returning("id")
      .executeTakeFirstOrThrow();
    const actor: Actor = input.kind === "existing" ? input.actor : { kind: "user", userId, email: invitation.email, displayName: input.displayName.trim(), emailVerified: true, platformRole: null, oversees: [], memberships: [] };
    await recordAudit(trx, {
      actor,
      municipalityId: invitation.municipality_id,
      action: "accounts.invitation.accept",
      subjectType: "membership",
      subjectId: membership.id,
      details: { invitationId: invitation.id, role: invitation.role, departmentId: invitation.department_id },
    });
    return userId;
  });
}
