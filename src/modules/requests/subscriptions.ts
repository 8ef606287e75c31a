/**
 * E-mail subscriptions to one request or one colonia, with double opt-in: subscribing stores an
 * unconfirmed row and e-mails a confirmation link (only its hash is stored); nothing is sent to
 * the address until the link is used. Every notification carries an unsubscribe link signed with
 * the server secret, so it works without storing a second token.
 */
import crypto from "node:crypto";
import type { Services } from "../../platform/services.js";
import { sessionSecret } from "../../platform/boot.js";
import { translator } from "../../platform/i18n/index.js";
import { hashToken } from "./create.js";
import { RequestInputError } from "./errors.js";

export type SubscriptionTarget = { kind: "request" | "colonia"; id: string | number; label: string; url: string };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
/** Mail and service messages are Spanish; looked up at call time, after the module's locales are registered. */
const t = (key: string, options?: Record<string, unknown>): string => translator("es-MX")(key, options ?? {}) as string;

export function checkEmail(value: unknown): string {
  const email = (typeof value === "string" ? value : "").trim().toLowerCase();
  if (!email) throw RequestInputError.single("email", t("reqPublic:subscribe.emailMissing"), 422);
  if (email.length > 254 || !EMAIL.test(email)) throw RequestInputError.single("email", t("reqPublic:subscribe.emailInvalid"), 422);
  return email;
}

let cachedSecret: { config: object; secret: string } | null = null;
function secretOf(services: Services): string {
  if (cachedSecret?.config !== services.config) cachedSecret = { config: services.config, secret: sessionSecret(services.config) };
  return cachedSecret.secret;
}

function mac(services: Services, municipalityId: number, id: string, email: string): string {
  return crypto.createHmac("sha256", secretOf(services)).update(`unsubscribe:${municipalityId}:${id}:${email}`).digest("base64url").slice(0, 32);
}

/** The token of the unsubscribe link in every notification to this subscription. */
export function unsubscribeToken(services: Services, municipalityId: number, subscriptionId: string, email: string): string {
  return `${subscriptionId}.${mac(services, municipalityId, subscriptionId, email)}`;
}

export function unsubscribeUrl(services: Services, municipality: { id: number; slug: string }, subscriptionId: string, email: string): string {
  return `${services.config.publicUrl}/${municipality.slug}/solicitudes/suscripciones/baja/${unsubscribeToken(services, municipality.id, subscriptionId, email)}`;
}

/**
 * Ask for updates about a target. The answer is the same whether the address was new, pending or
 * already confirmed, so the form reveals nothing about who follows what.
 */
export async function subscribe(
  services: Services,
  municipality: { id: number; slug: string; name: string },
  target: SubscriptionTarget,
  rawEmail: unknown,
  now = new Date(),
): Promise<void> {
  const email = checkEmail(rawEmail);
  const token = crypto.randomBytes(24).toString("base64url");
  const needsConfirmation = await services.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("request_subscriptions")
      .select(["id", "confirmed_at", "unsubscribed_at"])
      .where("municipality_id", "=", municipality.id)
      .where("email", "=", email)
      .where("target_kind", "=", target.kind)
      .where("target_id", "=", String(target.id))
      .forUpdate()
      .executeTakeFirst();
    if (existing && existing.confirmed_at && !existing.unsubscribed_at) return false;
    if (existing) {
      await trx
        .updateTable("request_subscriptions")
        .set({ token_hash: hashToken(token), confirmed_at: null, unsubscribed_at: null, created_at: now })
        .where("municipality_id", "=", municipality.id)
        .where("id", "=", existing.id)
        .execute();
    } else {
      await trx
        .insertInto("request_subscriptions")
        .values({ municipality_id: municipality.id, email, target_kind: target.kind, target_id: String(target.id), token_hash: hashToken(token), confirmed_at: null, unsubscribed_at: null, created_at: now })
        .execute();
    }
    return true;
  });
  if (!needsConfirmation) return;
  const link = `${services.config.publicUrl}/${municipality.slug}/solicitudes/suscripciones/confirmar/${token}`;
  await services.mailer.send({
    to: email,
    subject: t("reqPublic:mail.confirmSubject", { target: target.label }),
    text: t("reqPublic:mail.confirmBody", { target: target.label, municipality: municipality.name, link, url: `${services.config.publicUrl}${target.url}` }),
  });
}

export interface SubscriptionSummary {
  id: string;
  targetKind: "request" | "colonia";
  targetId: string;
  confirmed: boolean;
  active: boolean;
}

function summary(row: { id: string; target_kind: "request" | "colonia"; target_id: string; confirmed_at: Date | null; unsubscribed_at: Date | null }): SubscriptionSummary {
  return { id: row.id, targetKind: row.target_kind, targetId: row.target_id, confirmed: row.confirmed_at !== null, active: row.confirmed_at !== null && row.unsubscribed_at === null };
}

const COLUMNS = ["id", "target_kind", "target_id", "confirmed_at", "unsubscribed_at", "email"] as const;

async function byConfirmToken(services: Services, municipalityId: number, token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  return (
    (await services.db
      .selectFrom("request_subscriptions")
      .select(COLUMNS)
      .where("municipality_id", "=", municipalityId)
      .where("token_hash", "=", hashToken(token))
      .executeTakeFirst()) ?? null
  );
}

async function byUnsubscribeToken(services: Services, municipalityId: number, token: string) {
  const m = /^(\d{1,18})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const row = await services.db.selectFrom("request_subscriptions").select(COLUMNS).where("municipality_id", "=", municipalityId).where("id", "=", m[1]!).executeTakeFirst();
  if (!row) return null;
  const expected = Buffer.from(mac(services, municipalityId, row.id, row.email));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? row : null;
}

/** The pending subscription of a confirmation link, or null. */
export async function findByConfirmToken(services: Services, municipalityId: number, token: string): Promise<SubscriptionSummary | null> {
  const row = await byConfirmToken(services, municipalityId, token);
  return row ? summary(row) : null;
}

export async function findByUnsubscribeToken(services: Services, municipalityId: number, token: string): Promise<SubscriptionSummary | null> {
  const row = await byUnsubscribeToken(services, municipalityId, token);
  return row ? summary(row) : null;
}

export async function confirmSubscription(services: Services, municipalityId: number, token: string, now = new Date()): Promise<SubscriptionSummary> {
  const row = await byConfirmToken(services, municipalityId, token);
  if (!row) throw RequestInputError.single("token", t("reqPublic:subscribe.unknownLink"), 404);
  await services.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("request_subscriptions")
      .set({ confirmed_at: now, unsubscribed_at: null })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", row.id)
      .where("confirmed_at", "is", null)
      .execute();
  });
  return { ...summary(row), confirmed: true, active: true };
}

export async function unsubscribe(services: Services, municipalityId: number, token: string, now = new Date()): Promise<SubscriptionSummary> {
  const row = await byUnsubscribeToken(services, municipalityId, token);
  if (!row) throw RequestInputError.single("token", t("reqPublic:subscribe.unknownLink"), 404);
  await services.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("request_subscriptions")
      .set({ unsubscribed_at: now })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", row.id)
      .where("unsubscribed_at", "is", null)
      .execute();
  });
  return { ...summary(row), active: false };
}
