import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";

export const UPDATE_PERIODS = ["monthly", "quarterly", "semiannual", "yearly", "triennial", "when_changes"] as const;
export type UpdatePeriod = (typeof UPDATE_PERIODS)[number];
export const RECORD_FILE_TYPES = ["csv", "pdf", "xlsx"] as const;
export type RecordFileType = (typeof RECORD_FILE_TYPES)[number];

/** numeric columns come back from node-postgres as strings. */
type Numeric = ColumnType<string | number, number | undefined, number>;

export interface ObligationTable {
  municipality_id: number;
  id: Generated<number>;
  article: "70" | "71";
  fraction: string;
  title: string;
  legal_reference: string;
  note: string | null;
  department_id: number | null;
  official_name: string | null;
  official_title: string | null;
  update_period: UpdatePeriod;
  weight: Generated<number>;
  due_days: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ObligationRecordTable {
  municipality_id: number;
  obligation_id: number;
  period: string;
  published_at: Timestamp;
  published_by: number | null;
  published_by_label: string;
  file_key: string | null;
  file_type: RecordFileType | null;
  file_bytes: number | null;
  link: string | null;
  note: Generated<string>;
}

export interface ObligationSettingsTable {
  municipality_id: number;
  green_min: Numeric;
  yellow_min: Numeric;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    obligations: ObligationTable;
    obligation_records: ObligationRecordTable;
    obligation_settings: ObligationSettingsTable;
  }
}
