/**
 * E-mail updates about a published plan or one of its commitments, with double opt-in (as request
 * subscriptions): subscribing stores an unconfirmed row and e-mails a confirmation link, of which
 * only the hash is stored; nothing else is sent until the link is used. Every notice carries an
 * unsubscribe link signed with the server's secret, so it needs no second stored token. The
 * answer to a subscription is the same whether the address was new, pending or already
 * confirmed, so the form reveals nothing about who follows what; subscribers are never listed.
 */
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { recordAudit } from "../../platform/audit/audit.js";
import { sessionSecret } from "../../platform/boot.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { addLocaleFolder, translator } from "../../platform/i18n/index.js";
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { PlanInputError } from "./errors.js";
import type { SubscriptionTarget } from "./tables.js";
import "./tables.js";

// The job and these services send mail without an HTTP app, which is what loads module locales.
addLocaleFolder(path.join(path.dirname(fileURLToPath(import.meta.url)), "locales"));
export const inSpanish = (key: string, options?: Record<string, unknown>): string => translator("es-MX")(`plansPublic:${key}`, options ?? {}) as string;

const SUBSCRIBER = { actor: anonymous, actorLabel: "suscriptor por correo" };
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

export interface PlanSubscriptionTarget {
  kind: SubscriptionTarget;
  /** The plan's or the commitment's id. */
  id: number;
  /** e.g. «Plan de Acción Local 2026–2027» or «Compromiso 2: …». */
  label: string;
  /** Site path of the plan or commitment page. */
  path: string;
}

export function checkSubscriberEmail(value: unknown): string {
  const email = (typeof value === "string" ? value : "").trim().toLowerCase();
  if (!email) throw PlanInputError.single("email", "Escriba el correo electrónico en el que quiere recibir los avisos.");
  if (email.length > 254 || !EMAIL.test(email)) throw PlanInputError.single("email", "El correo electrónico no parece válido; revíselo (ejemplo: nombre@correo.mx).");
  return email;
}

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

let cachedSecret: { config: object; secret: string } | null = null;
function secretOf(services: Services): string {
  if (cachedSecret?.config !== services.config) cachedSecret = { config: services.config, secret: sessionSecret(services.config) };
  return cachedSecret.secret;
}

function mac(services: Services, municipalityId: number, id: string, email: string): string {
  return crypto.createHmac("sha256", secretOf(services)).update(`plans-unsubscribe:${municipalityId}:${id}:${email}`).digest("base64url").slice(0, 32);
}

export function unsubscribeUrl(services: Services, municipality: { id: number; slug: string }, subscriptionId: string, email: string): string {
  const token = `${subscriptionId}.${mac(services, municipality.id, subscriptionId, email)}`;
  return `${services.config.publicUrl}/${municipality.slug}/planes/suscripcion/baja?token=${token}`;
}

/** Ask for updates; e-mails the confirmation link unless the address already follows the target. */
export async function subscribeToPlan(
  services: Services,
  municipality: { id: number; slug: string; name: string },
  target: PlanSubscriptionTarget,
  rawEmail: unknown,
  now = new Date(),
): Promise<void> {
  const email = checkSubscriberEmail(rawEmail);
  const token = crypto.randomBytes(24).toString("base64url");
  const needsConfirmation = await services.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("plan_subscriptions")
      .select(["id", "confirmed_at", "unsubscribed_at"])
      .where("municipality_id", "=", municipality.id)
      .where("email", "=", email)
      .where("target_kind", "=", target.kind)
      .where("target_id", "=", target.id)
      .forUpdate()
      .executeTakeFirst();
    if (existing && existing.confirmed_at && !existing.unsubscribed_at) return false;
    let id: string;
    if (existing) {
      await trx
        .updateTable("plan_subscriptions")
        .set({ token_hash: hashToken(token), confirmed_at: null, unsubscribed_at: null, created_at: now })
        .where("municipality_id", "=", municipality.id)
        .where("id", "=", existing.id)
        .execute();
      id = String(existing.id);
    } else {
      const row = await trx
        .insertInto("plan_subscriptions")
        .values({ municipality_id: municipality.id, email, target_kind: target.kind, target_id: target.id, token_hash: hashToken(token), confirmed_at: null, unsubscribed_at: null, created_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = String(row.id);
    }
    // The address stays out of the audit log: the subscription's id is enough to follow it.
    await recordAudit(trx, { ...SUBSCRIBER, municipalityId: municipality.id, action: "plans.subscription.request", subjectType: "plan_subscription", subjectId: id, details: { target: target.kind, targetId: target.id } });
    return true;
  });
  if (!needsConfirmation) return;
  const link = `${services.config.publicUrl}/${municipality.slug}/planes/suscripcion/confirmar?token=${token}`;
  await services.mailer.send({
    to: email,
    subject: inSpanish("mail.confirmSubject", { target: target.label }),
    text: inSpanish("mail.confirmBody", { target: target.label, municipality: municipality.name, link, url: `${services.config.publicUrl}${target.path}` }),
  });
}

export interface SubscriptionLink {
  id: string;
  targetKind: SubscriptionTarget;
  targetId: number;
  confirmed: boolean;
  /** Confirmed and not unsubscribed. */
  active: boolean;
}

type Row = { id: string; email: string; target_kind: SubscriptionTarget; target_id: number; confirmed_at: Date | null; unsubscribed_at: Date | null };
const COLUMNS = ["id", "email", "target_kind", "target_id", "confirmed_at", "unsubscribed_at"] as const;
const linkOf = (r: Row): SubscriptionLink => ({
  id: String(r.id), targetKind: r.target_kind, targetId: r.target_id, confirmed: r.confirmed_at !== null, active: r.confirmed_at !== null && r.unsubscribed_at === null,
});

async function byConfirmToken(services: Services, municipalityId: number, token: string): Promise<Row | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = await services.db.selectFrom("plan_subscriptions").select(COLUMNS).where("municipality_id", "=", municipalityId).where("token_hash", "=", hashToken(token)).executeTakeFirst();
  return (row as Row | undefined) ?? null;
}

async function byUnsubscribeToken(services: Services, municipalityId: number, token: string): Promise<Row | null> {
  const m = /^(\d{1,18})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const row = (await services.db.selectFrom("plan_subscriptions").select(COLUMNS).where("municipality_id", "=", municipalityId).where("id", "=", m[1]!).executeTakeFirst()) as Row | undefined;
  if (!row) return null;
  const expected = Buffer.from(mac(services, municipalityId, String(row.id), row.email));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? row : null;
}

export async function findByConfirmToken(services: Services, municipalityId: number, token: string): Promise<SubscriptionLink | null> {
  const row = await byConfirmToken(services, municipalityId, token);
  return row ? linkOf(row) : null;
}

export async function findByUnsubscribeToken(services: Services, municipalityId: number, token: string): Promise<SubscriptionLink | null> {
  const row = await byUnsubscribeToken(services, municipalityId, token);
  return row ? linkOf(row) : null;
}

const unknownLink = () => new HttpProblem(404, "El enlace no es válido o ya no existe. Si copió la dirección del correo, revise que esté completa.");

/** Confirms a pending subscription; a link used again (or after unsubscribing) changes nothing. */
export async function confirmPlanSubscription(services: Services, municipalityId: number, token: string, now = new Date()): Promise<SubscriptionLink> {
  const row = await byConfirmToken(services, municipalityId, token);
  if (!row) throw unknownLink();
  if (row.confirmed_at !== null) return linkOf(row);
  await services.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("plan_subscriptions")
      .set({ confirmed_at: now, unsubscribed_at: null })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", row.id)
      .where("confirmed_at", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) > 0) await recordAudit(trx, { ...SUBSCRIBER, municipalityId, action: "plans.subscription.confirm", subjectType: "plan_subscription", subjectId: String(row.id) });
  });
  return { ...linkOf(row), confirmed: true, active: true };
}

export async function unsubscribeFromPlan(services: Services, municipalityId: number, token: string, now = new Date()): Promise<SubscriptionLink> {
  const row = await byUnsubscribeToken(services, municipalityId, token);
  if (!row) throw unknownLink();
  await services.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("plan_subscriptions")
      .set({ unsubscribed_at: now })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", row.id)
      .where("unsubscribed_at", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) > 0) await recordAudit(trx, { ...SUBSCRIBER, municipalityId, action: "plans.subscription.unsubscribe", subjectType: "plan_subscription", subjectId: String(row.id) });
  });
  return { ...linkOf(row), active: false };
}
