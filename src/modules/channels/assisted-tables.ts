/** Kysely types of the assisted filings (migration 002): the office where a request was filed on someone's behalf. */
import type { Timestamp } from "../../platform/db/schema.js";

export interface AssistedFilingTable {
  municipality_id: number;
  request_id: string;
  office_id: number | null;
  /** Defaults to now() (Timestamp already makes it optional on insert). */
  created_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    assisted_filings: AssistedFilingTable;
  }
}
