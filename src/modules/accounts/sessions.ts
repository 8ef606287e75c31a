import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { loadActor } from "./queries.js";
import { hashToken, isWellFormedToken, newToken } from "./tokens.js";

export const SESSION_COOKIE = "cabildo_sesion";
export const SESSION_DAYS = 30;
/** last_seen_at is refreshed at most this often, so browsing does not write on every request. */
const TOUCH_AFTER_MS = 5 * 60 * 1000;

/** Open a session for a user; returns the token for the cookie (only its hash is stored). */
export async function createSession(db: Executor, userId: number, userAgent: string | null): Promise<string> {
  const token = newToken();
  await db
    .insertInto("sessions")
    .values({
      id: hashToken(token),
      user_id: userId,
      expires_at: new Date(Date.now() + SESSION_DAYS * 86_400_000),
      user_agent: userAgent ? userAgent.slice(0, 300) : null,
    })
    .execute();
  return token;
}

export async function deleteSession(db: Executor, token: string): Promise<void> {
  if (!isWellFormedToken(token)) return;
  await db.deleteFrom("sessions").where("id", "=", hashToken(token)).execute();
}

/** Sign a person out everywhere except (optionally) the session they are using. */
export async function deleteOtherSessions(db: Executor, userId: number, keepToken?: string): Promise<void> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepToken && isWellFormedToken(keepToken)) q = q.where("id", "<>", hashToken(keepToken));
  await q.execute();
}

/** The actor behind a session cookie, or null when the session is unknown, expired or the user disabled. */
export async function actorForSessionToken(db: Executor, token: string | undefined): Promise<Actor | null> {
  if (!isWellFormedToken(token)) return null;
  const row = await db
    .selectFrom("sessions")
    .select(["id", "user_id", "last_seen_at"])
    .where("id", "=", hashToken(token))
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  if (!row) return null;
  const actor = await loadActor(db, row.user_id);
  if (!actor) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
    await db.updateTable("sessions").set({ last_seen_at: sql`now()` }).where("id", "=", row.id).execute();
  }
  return actor;
}
