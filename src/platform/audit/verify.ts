import { sql } from "kysely";
import type { Executor } from "../db/database.js";
import { auditHash, GENESIS_HASH, PLATFORM_CHAIN } from "./audit.js";
import "./tables.js";

export interface AuditVerification {
  ok: boolean;
  /** Entries found intact before the first problem (all of them when ok). */
  checked: number;
  firstBadRow?: { chainId: number; seq: number; reason: string };
}

export interface VerifyOptions {
  /** One municipality's chain; null = the platform chain; omitted = every chain. */
  municipalityId?: number | null;
  onProgress?: (checked: number, total: number) => void;
  batchSize?: number;
}

interface StoredRow {
  chain_id: number;
  seq: string;
  occurred_at: string;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * Walk the chain(s) in order, recomputing every hash and checking that sequence numbers have
 * no gaps and each entry links to the one before. Stops at the first problem.
 * A removed tail (the newest entries) leaves a valid shorter chain: compare the last hash
 * with a copy kept elsewhere to detect that.
 */
export async function verifyAuditChain(db: Executor, options: VerifyOptions = {}): Promise<AuditVerification> {
  const chainFilter =
    options.municipalityId === undefined ? null : options.municipalityId === null ? PLATFORM_CHAIN : options.municipalityId;
  const batchSize = options.batchSize ?? 1000;
  let countQuery = db.selectFrom("audit_log").select((eb) => eb.fn.countAll<string>().as("n"));
  if (chainFilter !== null) countQuery = countQuery.where("chain_id", "=", chainFilter);
  const total = Number((await countQuery.executeTakeFirstOrThrow()).n);

  let checked = 0;
  let cursor: { chain: number; seq: number } = { chain: -1, seq: 0 };
  let chain = -1;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  options.onProgress?.(0, total);
  for (;;) {
    const rows = await sql<StoredRow>`
      select chain_id, seq::text as seq,
             to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
             actor_user_id, actor_label, action, subject_type, subject_id, details::text as details, prev_hash, hash
        from audit_log
       where (chain_id, seq) > (${cursor.chain}::int, ${cursor.seq}::bigint)
         ${chainFilter === null ? sql`` : sql`and chain_id = ${chainFilter}::int`}
       order by audit_log.chain_id, audit_log.seq
       limit ${batchSize}`.execute(db);
    if (rows.rows.length === 0) break;
    for (const row of rows.rows) {
      const seq = Number(row.seq);
      if (row.chain_id !== chain) {
        chain = row.chain_id;
        expectedSeq = 1;
        prevHash = GENESIS_HASH;
      }
      const bad = (atSeq: number, reason: string): AuditVerification => ({ ok: false, checked, firstBadRow: { chainId: chain, seq: atSeq, reason } });
      if (seq !== expectedSeq) {
        return bad(expectedSeq, `falta el registro ${expectedSeq} (la cadena salta al ${seq})`);
      }
      if (row.prev_hash !== prevHash) {
        return bad(seq, "no enlaza con el registro anterior (prev_hash distinto)");
      }
      const recomputed = auditHash({
        chainId: row.chain_id,
        seq,
        occurredAt: row.occurred_at,
        actorUserId: row.actor_user_id,
        actorLabel: row.actor_label,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        details: JSON.parse(row.details),
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) {
        return bad(seq, "su contenido no corresponde a su huella (hash): fue modificado");
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      checked++;
    }
    const lastRow = rows.rows[rows.rows.length - 1]!;
    cursor = { chain: lastRow.chain_id, seq: Number(lastRow.seq) };
    options.onProgress?.(checked, total);
  }
  return { ok: true, checked };
}
