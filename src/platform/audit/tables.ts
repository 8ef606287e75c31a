import type { ColumnType } from "kysely";
import type { Json, Timestamp } from "../db/schema.js";

export interface AuditLogTable {
  chain_id: number;
  /** bigint: node-postgres returns it as a string. */
  seq: ColumnType<string, number | string, never>;
  occurred_at: Timestamp;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

declare module "../db/schema.js" {
  interface Database {
    audit_log: AuditLogTable;
  }
}
