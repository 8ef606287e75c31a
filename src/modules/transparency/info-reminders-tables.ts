/** Kysely types of the reminder tables of information requests (migration 006). */
import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";

export const REMINDER_KINDS = ["reminder", "escalation"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface InformationReminderSettingsTable {
  municipality_id: number;
  days_before: number;
  updated_at: Generated<Timestamp>;
}

export interface InformationRequestReminderTable {
  municipality_id: number;
  id: Generated<number>;
  request_id: number;
  kind: ReminderKind;
  due_on: string;
  department_id: number | null;
  sent_on: string;
  business_days: number;
  recipients: number;
  event_id: number;
  created_at: Generated<Timestamp>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    information_reminder_settings: InformationReminderSettingsTable;
    information_request_reminders: InformationRequestReminderTable;
  }
}
