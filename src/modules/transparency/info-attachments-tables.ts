/** Kysely types of the attachment and contribution tables of information requests (migration 005). */
import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";

export const ATTACHMENT_TYPES = ["pdf", "xlsx", "csv", "docx", "odt", "png", "jpeg"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export interface InformationRequestAttachmentTable {
  municipality_id: number;
  id: Generated<number>;
  request_id: number;
  event_id: number;
  department_id: number | null;
  file_key: string;
  file_name: string;
  file_type: AttachmentType;
  byte_size: number;
  sha256: string;
  public_version: Generated<boolean>;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
}

export interface InformationRequestContributionTable {
  municipality_id: number;
  request_id: number;
  department_id: number;
  body: string;
  contributed_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    information_request_attachments: InformationRequestAttachmentTable;
    information_request_contributions: InformationRequestContributionTable;
  }
}
