/** Kysely types of the access-to-information and ARCO request tables (migration 003). */
import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";
import type { RequestKind } from "./profiles.js";

export const ARCO_RIGHTS = ["access", "rectification", "cancellation", "opposition", "portability"] as const;
export type ArcoRight = (typeof ARCO_RIGHTS)[number];
export const CHANNELS = ["web", "in_person", "email", "post"] as const;
export type Channel = (typeof CHANNELS)[number];
export const INFO_STATUSES = [
  "recibida", "turnada", "prevenida", "desahogada", "respondida", "respondida_parcial", "inexistente", "clasificada", "incompetente", "no_presentada",
] as const;
export type InfoStatus = (typeof INFO_STATUSES)[number];
/** Statuses in which the request waits for an answer. */
export const OPEN_STATUSES: readonly InfoStatus[] = ["recibida", "turnada", "desahogada"];
/** Statuses that answer the request (they open the recurso window). */
export const ANSWERED_STATUSES: readonly InfoStatus[] = ["respondida", "respondida_parcial", "inexistente", "clasificada", "incompetente"];
export const RECURSO_OUTCOMES = ["confirma", "modifica", "revoca", "sobresee", "desecha"] as const;
export type RecursoOutcome = (typeof RECURSO_OUTCOMES)[number];

type DateCol = string;

export interface InformationRequestTable {
  municipality_id: number;
  id: Generated<number>;
  folio: string;
  kind: RequestKind;
  arco_right: ArcoRight | null;
  profile_id: string;
  channel: Channel;
  body: string;
  received_at: Timestamp;
  received_on: DateCol;
  prevention_by: DateCol;
  incompetence_by: DateCol;
  due_on: DateCol;
  extended_due_on: DateCol | null;
  status: Generated<InfoStatus>;
  prevention_notified_on: DateCol | null;
  clarify_by: DateCol | null;
  clarified_on: DateCol | null;
  answer_text: string | null;
  answered_on: DateCol | null;
  classification: "reservada" | "confidencial" | null;
  legal_basis: string | null;
  reservation_years: number | null;
  competent_body: string | null;
  extension_resolution_number: string | null;
  extension_resolution_date: DateCol | null;
  comite_resolution_number: string | null;
  comite_resolution_date: DateCol | null;
  identity_method: string | null;
  identity_verified_by: number | null;
  identity_verified_at: Timestamp | null;
  recurso_filed_on: DateCol | null;
  recurso_outcome: RecursoOutcome | null;
  recurso_outcome_on: DateCol | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface InformationRequestRequesterTable {
  municipality_id: number;
  request_id: number;
  name: string;
  email: string | null;
  address: string | null;
}

export interface InformationRequestTurnTable {
  municipality_id: number;
  request_id: number;
  department_id: number;
  turned_at: Generated<Timestamp>;
}

export interface InformationRequestEventTable {
  municipality_id: number;
  id: Generated<number>;
  request_id: number;
  step: string;
  status: InfoStatus;
  legal_date: DateCol;
  note: string | null;
  public: Generated<boolean>;
  actor_user_id: number | null;
  created_at: Generated<Timestamp>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    information_request_folio_counters: { municipality_id: number; year: number; last_number: Generated<number> };
    information_requests: InformationRequestTable;
    information_request_requesters: InformationRequestRequesterTable;
    information_request_turns: InformationRequestTurnTable;
    information_request_events: InformationRequestEventTable;
  }
}
