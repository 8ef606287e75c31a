/** Account operations a person does for themself: sign up, verify, sign in, reset and change the password. */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { Translate } from "../../platform/i18n/index.js";
import type { Services } from "../../platform/services.js";
import { assertNoFieldErrors, emailProblem, nameProblem, AccountFormError } from "./errors.js";
import { decoyHash, hashPassword, needsRehash, passwordProblem, verifyPassword } from "./password.js";
import { findUserByEmail, normalizeEmail } from "./queries.js";
import { deleteOtherSessions } from "./sessions.js";
import { hashToken, isWellFormedToken, newToken } from "./tokens.js";
import type { OneTimeTokenPurpose } from "./tables.js";

const VERIFY_HOURS = 48;
const RESET_HOURS = 1;

export interface SignUpInput {
  displayName: string;
  email: string;
  password: string;
  confirm: string;
  /** A same-site path to return to after verifying and signing in (already checked by safeNext). */
  next?: string;
}

function passwordFields(password: string, confirm: string, email: string) {
  return {
    password: passwordProblem(password, email),
    confirm: password !== confirm ? "accounts:errors.passwordMismatch" : null,
  };
}

async function issueToken(db: Executor, userId: number, purpose: OneTimeTokenPurpose, hours: number): Promise<string> {
  const token = newToken();
  await db
    .insertInto("one_time_tokens")
    .values({ id: hashToken(token), user_id: userId, purpose, expires_at: new Date(Date.now() + hours * 3_600_000) })
    .execute();
  return token;
}

/** Spend a single-use token atomically: returns its user, or null when unknown, used, expired or of another purpose. */
async function consumeToken(db: Executor, token: string, purpose: OneTimeTokenPurpose): Promise<number | null> {
  if (!isWellFormedToken(token)) return null;
  const row = await db
    .updateTable("one_time_tokens")
    .set({ used_at: sql`now()` })
    .where("id", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .returning("user_id")
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/**
 * Create an account and e-mail a verification link. When the address already has an account the
 * visitor sees the same answer and the owner gets a "you already have an account" e-mail, so the
 * form cannot be used to discover who is registered.
 */
export async function signUp(services: Services, input: SignUpInput, t: Translate): Promise<void> {
  const email = normalizeEmail(input.email);
  assertNoFieldErrors({
    displayName: nameProblem(input.displayName),
    email: emailProblem(input.email),
    ...passwordFields(input.password, input.confirm, email),
  });
  const passwordHash = await hashPassword(input.password);
  const { config, mailer } = services;
  const outcome = await services.db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, email);
    if (existing) return { token: null };
    const user = await trx
      .insertInto("users")
      .values({ email, display_name: input.displayName.trim(), password_hash: passwordHash, email_verified_at: null, platform_role: null, disabled_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { token: await issueToken(trx, user.id, "verify_email", VERIFY_HOURS) };
  });
  if (outcome.token) {
    await mailer.send({
      to: email,
      subject: t("accounts:mail.verifySubject"),
      text: t("accounts:mail.verifyBody", { name: input.displayName.trim(), link: `${config.publicUrl}/verificar?token=${outcome.token}${input.next ? `&next=${encodeURIComponent(input.next)}` : ""}`, hours: VERIFY_HOURS }),
    });
  } else {
    await mailer.send({
      to: email,
      subject: t("accounts:mail.existingSubject"),
      text: t("accounts:mail.existingBody", { login: `${config.publicUrl}/entrar`, reset: `${config.publicUrl}/recuperar` }),
    });
  }
}

/** Mark the address verified; false when the link is unknown, used or expired. */
export async function verifyEmail(db: Executor, token: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, token, "verify_email");
    if (userId === null) return false;
    await trx.updateTable("users").set({ email_verified_at: sql`coalesce(email_verified_at, now())` }).where("id", "=", userId).execute();
    return true;
  });
}

/** The user id when e-mail and password match an enabled account; the same work is done either way. */
export async function authenticate(db: Executor, email: string, password: string): Promise<number | null> {
  const user = email.trim() ? await findUserByEmail(db, email) : undefined;
  const ok = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
  if (!user || !ok || user.disabled_at) return null;
  if (needsRehash(user.password_hash)) {
    await db.updateTable("users").set({ password_hash: await hashPassword(password) }).where("id", "=", user.id).execute();
  }
  return user.id;
}

/** E-mail a one-hour reset link when the account exists; callers answer the same either way. */
export async function requestPasswordReset(services: Services, email: string, t: Translate): Promise<void> {
  if (emailProblem(email)) return;
  const user = await findUserByEmail(services.db, email);
  if (!user || user.disabled_at) return;
  const token = await issueToken(services.db, user.id, "reset_password", RESET_HOURS);
  await services.mailer.send({
    to: user.email,
    subject: t("accounts:mail.resetSubject"),
    text: t("accounts:mail.resetBody", { name: user.display_name, link: `${services.config.publicUrl}/restablecer?token=${token}` }),
  });
}

/** Set a new password from a reset link; every open session of that person is closed. */
export async function resetPassword(db: Executor, token: string, password: string, confirm: string): Promise<number> {
  // Checked before the token is spent so a typo does not burn the link; the e-mail rule is checked inside.
  assertNoFieldErrors(passwordFields(password, confirm, ""));
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, token, "reset_password");
    if (userId === null) throw new AccountFormError({ token: "accounts:errors.tokenInvalid" });
    const user = await trx.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirstOrThrow();
    assertNoFieldErrors(passwordFields(password, confirm, user.email));
    // Following the link proves the address too.
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, email_verified_at: sql`coalesce(email_verified_at, now())` })
      .where("id", "=", userId)
      .execute();
    await deleteOtherSessions(trx, userId);
    return userId;
  });
}

/** Change the password knowing the current one; other sessions are closed, this one stays. */
export async function changePassword(
  db: Executor,
  userId: number,
  input: { current: string; password: string; confirm: string },
  keepSessionToken: string | undefined,
): Promise<void> {
  const user = await db.selectFrom("users").select(["email", "password_hash"]).where("id", "=", userId).executeTakeFirstOrThrow();
  assertNoFieldErrors(passwordFields(input.password, input.confirm, user.email));
  if (!(await verifyPassword(input.current, user.password_hash))) throw new AccountFormError({ current: "accounts:errors.currentPasswordWrong" });
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
    await deleteOtherSessions(trx, userId, keepSessionToken);
  });
}

/** Whether a link can still be used, without spending it (to decide whether to show the form). */
export async function isUsableToken(db: Executor, token: string, purpose: OneTimeTokenPurpose): Promise<boolean> {
  if (!isWellFormedToken(token)) return false;
  const row = await db
    .selectFrom("one_time_tokens")
    .select("id")
    .where("id", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return row !== undefined;
}
