import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";

/** `date` columns: select them as text (`received_on::text`); node-postgres would build a local-midnight Date. */
type DateColumn = ColumnType<string, string, string>;
type JsonColumn<T> = ColumnType<T, string | undefined, string>;
/** bigint ids come back from node-postgres as strings. */
type BigId = ColumnType<string, string | number | undefined, string | number>;

export const REQUEST_STATUSES = ["recibida", "asignada", "en_proceso", "atendida", "cerrada", "rechazada", "duplicada"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const PRIORITIES = ["baja", "normal", "alta", "urgente"] as const;
export type Priority = (typeof PRIORITIES)[number];
export const CHANNELS = ["web", "open311", "phone", "brigade", "hearing", "office"] as const;
export type Channel = (typeof CHANNELS)[number];
export const ATTRIBUTE_TYPES = ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];
export type TargetUnit = "business_days" | "hours";
export type EventKind = "created" | "status" | "assignee" | "priority" | "department" | "note" | "update" | "merged" | "absorbed" | "support" | "rating" | "photo";

export interface RequestServiceTable {
  municipality_id: number;
  id: Generated<number>;
  code: string;
  name: string;
  description: Generated<string>;
  group_name: Generated<string>;
  keywords: Generated<string>;
  department_id: number | null;
  target_amount: number;
  target_unit: TargetUnit;
  photo_required: Generated<boolean>;
  location_required: Generated<boolean>;
  active: Generated<boolean>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AttributeValue {
  key: string;
  name: string;
}

export interface RequestServiceAttributeTable {
  municipality_id: number;
  service_id: number;
  code: string;
  position: Generated<number>;
  datatype: AttributeType;
  required: Generated<boolean>;
  variable: Generated<boolean>;
  description: string;
  datatype_description: Generated<string>;
  values: JsonColumn<AttributeValue[]>;
}

export interface RequestRouteTable {
  municipality_id: number;
  service_id: number;
  colonia_id: number;
  department_id: number;
}

export interface RequestFolioCounterTable {
  municipality_id: number;
  year: number;
  last_number: Generated<number>;
}

export interface ServiceRequestTable {
  municipality_id: number;
  id: BigId;
  folio: string;
  service_id: number;
  status: Generated<RequestStatus>;
  status_reason: string | null;
  priority: Generated<Priority>;
  department_id: number | null;
  assignee_user_id: number | null;
  colonia_id: number | null;
  address: string | null;
  description: string;
  lat: number | null;
  lon: number | null;
  colonia_source: "polygon" | "chosen" | null;
  attributes: JsonColumn<Record<string, string | string[]>>;
  channel: Generated<Channel>;
  assisted_by_user_id: Generated<number | null>;
  received_on: DateColumn;
  due_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  attended_at: Timestamp | null;
  closed_at: Timestamp | null;
  merged_into_id: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  supporters_count: Generated<number>;
  tracking_token_hash: string;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Timestamp | null;
}

export interface RequestContactTable {
  municipality_id: number;
  request_id: BigId;
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface RequestEventTable {
  municipality_id: number;
  request_id: BigId;
  id: BigId;
  occurred_at: Timestamp;
  actor_user_id: number | null;
  kind: EventKind;
  from_value: string | null;
  to_value: string | null;
  body: string | null;
  public: Generated<boolean>;
}

export interface RequestPhotoTable {
  municipality_id: number;
  request_id: BigId;
  id: BigId;
  storage_key: string;
  thumbnail_key: string;
  content_type: string;
  width: number;
  height: number;
  bytes: number;
  created_at: Timestamp;
}

export interface RequestSupportTable {
  municipality_id: number;
  request_id: BigId;
  supporter_key: string;
  created_at: Timestamp;
}

export interface RequestSubscriptionTable {
  municipality_id: number;
  id: BigId;
  email: string;
  target_kind: "request" | "colonia";
  target_id: BigId;
  token_hash: string;
  confirmed_at: Timestamp | null;
  unsubscribed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface Open311ApiKeyTable {
  municipality_id: number;
  id: Generated<number>;
  name: string;
  key_hash: string;
  created_by: number | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    request_services: RequestServiceTable;
    request_service_attributes: RequestServiceAttributeTable;
    request_routes: RequestRouteTable;
    request_folio_counters: RequestFolioCounterTable;
    service_requests: ServiceRequestTable;
    request_contacts: RequestContactTable;
    request_events: RequestEventTable;
    request_photos: RequestPhotoTable;
    request_supports: RequestSupportTable;
    request_subscriptions: RequestSubscriptionTable;
    open311_api_keys: Open311ApiKeyTable;
  }
}
