/** Accounts created by an operator (CLI) or the demo seed rather than by the person. */
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { Actor, PlatformRole } from "../../platform/policy.js";
import { AccountFormError, assertNoFieldErrors, emailProblem, nameProblem } from "./errors.js";
import { findUserByEmail, normalizeEmail } from "./queries.js";

export interface NewAccount {
  email: string;
  displayName: string;
  passwordHash: string;
  platformRole: PlatformRole | null;
  /** Municipality ids a state body oversees. */
  oversees: number[];
}

/** Create a verified account (the operator vouches for the address); call inside a transaction. */
export async function createAccount(trx: Executor, actor: Actor, input: NewAccount, actorLabel?: string): Promise<number> {
  assertNoFieldErrors({ email: emailProblem(input.email), displayName: nameProblem(input.displayName) });
  const email = normalizeEmail(input.email);
  if (await findUserByEmail(trx, email)) throw new AccountFormError({ email: "accounts:errors.emailTaken" });
  const user = await trx
    .insertInto("users")
    .values({
      email,
      display_name: input.displayName.trim(),
      password_hash: input.passwordHash,
      email_verified_at: new Date(),
      platform_role: input.platformRole,
      disabled_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.oversees.length > 0) {
    await trx
      .insertInto("state_body_oversight")
      .values(input.oversees.map((municipalityId) => ({ municipality_id: municipalityId, user_id: user.id })))
      .execute();
  }
  await recordAudit(trx, {
    actor,
    actorLabel,
    municipalityId: null,
    action: "accounts.user.create",
    subjectType: "user",
    subjectId: user.id,
    details: { email, platformRole: input.platformRole, oversees: input.oversees },
  });
  return user.id;
}
