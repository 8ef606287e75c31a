/** Kysely types of the subscribers' notice claims (migration 002). */
import type { Timestamp } from "../../platform/db/schema.js";

export interface PlanEventNoticeTable {
  municipality_id: number;
  event_id: string | number;
  recipients: number;
  sent_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    plan_event_notices: PlanEventNoticeTable;
  }
}
