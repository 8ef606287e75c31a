/**
 * Append-only, hash-chained audit log of every staff action.
 *
 * One chain per municipality (the platform chain, key 0, for actions outside any
 * municipality). Each entry's hash covers a canonical serialization of all its fields plus
 * the previous entry's hash, so changing or removing a row breaks the chain from there on;
 * `verifyAuditChain` (verify.ts) recomputes it.
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import type { Executor } from "../db/database.js";
import { anonymous, type Actor } from "../policy.js";
import "./tables.js";

export interface AuditEntry {
  actor: Actor;
  /** null for platform-wide actions (the platform chain). */
  municipalityId: number | null;
  /** Dotted verb, e.g. "calendar.nonWorkingDays.add". */
  action: string;
  subjectType: string;
  subjectId: string | number | null;
  /** JSON-serializable facts about the action (what changed, from → to). No secrets. */
  details?: Record<string, unknown>;
  /** Who acted when the actor is not a signed-in user, e.g. "línea de comandos (operador)". */
  actorLabel?: string;
}

/**
 * Who performs an action that services record in the log: the actor, and the label shown when
 * the actor is not a signed-in user (e.g. the command line's operator).
 */
export interface AuditBy {
  actor: Actor;
  label?: string;
}

/** Actions the platform performs by itself (services called without naming who acts). */
export const SYSTEM: AuditBy = { actor: anonymous, label: "sistema" };

/** prev_hash of the first entry of every chain. */
export const GENESIS_HASH = "0".repeat(64);
/** First key of pg_advisory_xact_lock(class, chain): serialises writers of one chain. */
const AUDIT_LOCK_CLASS = 727_002;
export const PLATFORM_CHAIN = 0;

/** The fields an entry's hash covers, exactly as stored. */
export interface HashedAuditFields {
  chainId: number;
  seq: number;
  /** ISO-8601 UTC with milliseconds, e.g. 2026-11-13T18:05:00.123Z */
  occurredAt: string;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: unknown;
  prevHash: string;
}

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value);
    return text === undefined ? "null" : text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function auditHash(fields: HashedAuditFields): string {
  return crypto.createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

function actorOf(entry: AuditEntry): { userId: number | null; label: string } {
  if (entry.actor.kind === "user") return { userId: entry.actor.userId, label: entry.actorLabel ?? entry.actor.email };
  return { userId: null, label: entry.actorLabel ?? "anónimo" };
}

/**
 * Append one entry to the municipality's chain, inside the caller's transaction (so the entry
 * exists exactly when the action it records commits). Called with the bare database it opens
 * its own transaction, since the lock and the append must share one connection.
 * The chain's lock is held until the caller commits, so call this last in the transaction.
 * Meant for READ COMMITTED transactions (the default): under REPEATABLE READ a stale snapshot
 * would reuse a sequence number and the insert would fail on the primary key.
 */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  if (!executor.isTransaction) {
    await executor.transaction().execute((trx) => recordAudit(trx, entry));
    return;
  }
  const chainId = entry.municipalityId ?? PLATFORM_CHAIN;
  if (!Number.isInteger(chainId) || chainId < 0) throw new Error(`Municipio inválido para la bitácora: ${entry.municipalityId}`);
  // A JSON round trip is what the database will give back to the verifier: drop undefined,
  // turn dates into strings, refuse what JSON cannot hold.
  const details: unknown = JSON.parse(JSON.stringify(entry.details ?? {}));
  if (details === null || typeof details !== "object" || Array.isArray(details)) {
    throw new Error("Los detalles de la bitácora deben ser un objeto");
  }
  const actor = actorOf(entry);
  const subjectId = entry.subjectId === null ? null : String(entry.subjectId);

  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int, ${chainId}::int)`.execute(executor);
  const last = await executor
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .where("chain_id", "=", chainId)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash = last ? last.hash : GENESIS_HASH;
  const occurredAt = new Date().toISOString();
  const hash = auditHash({
    chainId,
    seq,
    occurredAt,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId,
    details,
    prevHash,
  });
  await executor
    .insertInto("audit_log")
    .values({
      chain_id: chainId,
      seq,
      occurred_at: occurredAt,
      actor_user_id: actor.userId,
      actor_label: actor.label,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: subjectId,
      details: JSON.stringify(details),
      prev_hash: prevHash,
      hash,
    })
    .execute();
}
