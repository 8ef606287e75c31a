import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../db/schema.js";

/** `date` columns: always select them as text (`starts_on::text`), node-postgres would build a local-midnight Date. */
type DateColumn = ColumnType<string, string, string>;

export interface MunicipalNonWorkingDayTable {
  municipality_id: number;
  id: Generated<string>;
  starts_on: DateColumn;
  ends_on: DateColumn;
  reason: string;
  official_notice: string;
  notice_url: string | null;
  created_by_user_id: number | null;
  created_by_label: string;
  created_at: Timestamp;
}

export interface CalendarSettingsTable {
  municipality_id: number;
  /** "HH:MM:SS" */
  cutoff_time: ColumnType<string, string | undefined, string>;
  updated_at: Timestamp;
}

declare module "../db/schema.js" {
  interface Database {
    municipal_non_working_days: MunicipalNonWorkingDayTable;
    calendar_settings: CalendarSettingsTable;
  }
}
