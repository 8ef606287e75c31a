/**
 * Open311 API keys, issued by a municipality's administrator. The key is shown once; only
 * sha256("<municipality id>:<key>") is stored, so a key works in the jurisdiction that issued
 * it alone (and the demo can give every municipality the same CABILDO_DEMO_OPEN311_KEY).
 */
import crypto from "node:crypto";
import { recordAudit, SYSTEM, type AuditBy } from "../../../platform/audit/audit.js";
import type { Db, Executor } from "../../../platform/db/database.js";
import type { Services } from "../../../platform/services.js";
import { RequestInputError } from "../errors.js";
import "../tables.js";

export const KEY_PREFIX = "c311_";
const KEY_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

export function hashApiKey(municipalityId: number, key: string): string {
  return crypto.createHash("sha256").update(`${municipalityId}:${key}`).digest("hex");
}

export function generateApiKey(): string {
  return KEY_PREFIX + crypto.randomBytes(24).toString("base64url");
}

export interface ApiKeyRow {
  id: number;
  name: string;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every key of the municipality, live ones first, newest first. Never the hash. */
export async function listApiKeys(db: Executor, municipalityId: number): Promise<ApiKeyRow[]> {
  const rows = await db
    .selectFrom("open311_api_keys as k")
    .leftJoin("users as u", "u.id", "k.created_by")
    .select(["k.id", "k.name", "k.created_at", "k.last_used_at", "k.revoked_at", "u.display_name"])
    .where("k.municipality_id", "=", municipalityId)
    .orderBy((eb) => eb.case().when("k.revoked_at", "is", null).then(0).else(1).end())
    .orderBy("k.created_at", "desc")
    .orderBy("k.id", "desc")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, createdBy: r.display_name ?? null, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

function cleanName(raw: string): string {
  const name = (raw ?? "").trim().replace(/\s+/g, " ");
  if (name.length < 2 || name.length > 80) throw RequestInputError.single("name", "Escriba un nombre de 2 a 80 caracteres para la clave (por ejemplo, la aplicación que la usará).", 422);
  return name;
}

/** Issue a key; returns it in clear text exactly once. `key` is given only by the demo seed. */
export async function issueApiKey(db: Db, municipalityId: number, rawName: string, by: AuditBy, key: string = generateApiKey()): Promise<{ id: number; key: string; name: string }> {
  const name = cleanName(rawName);
  if (!KEY_SHAPE.test(key)) throw RequestInputError.single("key", "La clave debe tener de 16 a 128 letras, números, - o _.", 422);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("open311_api_keys")
      .values({
        municipality_id: municipalityId,
        name,
        key_hash: hashApiKey(municipalityId, key),
        created_by: by.actor.kind === "user" ? by.actor.userId : null,
        created_at: new Date(),
        last_used_at: null,
        revoked_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "requests.open311Key.issue", subjectType: "open311_api_key", subjectId: row.id, details: { name } });
    return { id: row.id, key, name };
  });
}

export async function revokeApiKey(db: Db, municipalityId: number, keyId: number, by: AuditBy): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const key = await trx
      .selectFrom("open311_api_keys")
      .select(["id", "name", "revoked_at"])
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", keyId)
      .forUpdate()
      .executeTakeFirst();
    if (!key) throw RequestInputError.single("key", "La clave no existe en este municipio.", 404);
    if (key.revoked_at) throw RequestInputError.single("key", `La clave "${key.name}" ya estaba revocada.`, 409);
    await trx.updateTable("open311_api_keys").set({ revoked_at: new Date() }).where("municipality_id", "=", municipalityId).where("id", "=", keyId).execute();
    await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "requests.open311Key.revoke", subjectType: "open311_api_key", subjectId: keyId, details: { name: key.name } });
  });
}

/** The live key presented to the jurisdiction, or null (unknown, malformed or revoked). */
export async function authenticateApiKey(db: Executor, municipalityId: number, key: string | undefined): Promise<{ id: number; name: string } | null> {
  if (!key || !KEY_SHAPE.test(key)) return null;
  const row = await db
    .selectFrom("open311_api_keys")
    .select(["id", "name"])
    .where("key_hash", "=", hashApiKey(municipalityId, key))
    .where("municipality_id", "=", municipalityId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row ?? null;
}

/** When each key was last written as used by this process: "last used" needs minutes, not every request. */
const lastMarked = new Map<string, number>();
const MARK_EVERY_MS = 60_000;

export async function markApiKeyUsed(db: Executor, municipalityId: number, keyId: number, at = new Date()): Promise<void> {
  const id = `${municipalityId}:${keyId}`;
  const previous = lastMarked.get(id);
  if (previous !== undefined && at.getTime() - previous < MARK_EVERY_MS && at.getTime() >= previous) return;
  lastMarked.set(id, at.getTime());
  await db.updateTable("open311_api_keys").set({ last_used_at: at }).where("municipality_id", "=", municipalityId).where("id", "=", keyId).execute();
}

export const DEMO_KEY_NAME = "Demostración";

/**
 * Demo seed: a key for every active municipality — CABILDO_DEMO_OPEN311_KEY when set, else a
 * random one — printed through `log`, since it can never be read back.
 */
export async function seedDemoOpen311Key(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  const fromEnv = process.env.CABILDO_DEMO_OPEN311_KEY?.trim() || null;
  const municipalities = await db.selectFrom("municipalities").select(["id", "slug"]).where("active", "=", true).orderBy("id").execute();
  for (const m of municipalities) {
    const key = fromEnv ?? generateApiKey();
    const existing = await authenticateApiKey(db, m.id, key);
    if (!existing) await issueApiKey(db, m.id, DEMO_KEY_NAME, { ...SYSTEM, label: "datos de demostración" }, key);
    log(`Open311 (${m.slug}): api_key=${key}  jurisdiction_id=${m.slug}`);
  }
}
