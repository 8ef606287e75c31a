/**
 * Kysely types of the channels module (migration 001): service offices, the catalogue of
 * municipal procedures, open hearings with their turns and petitions, field brigades with their
 * route, members and synchronised records. Date columns (`*_on`) are `date` in SQL: select them as
 * text (sql`x.starts_on::text`); write them as 'YYYY-MM-DD'. `numeric` comes back as a string.
 */
import type { Generated } from "kysely";
import type { Json, Timestamp } from "../../platform/db/schema.js";

type DateCol = string;

export const OFFICE_KINDS = ["delegacion", "modulo", "oficina", "unidad_movil"] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];
/** One opening period of a weekday (1 = Monday … 7 = Sunday), times "HH:MM" in the municipality's zone. */
export interface OfficeHours {
  day: number;
  opens: string;
  closes: string;
}

export const PROCEDURE_KINDS = ["tramite", "servicio"] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];

export const HEARING_STATUSES = ["programada", "en_curso", "concluida", "cancelada"] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];
export const TURN_VIAS = ["en_linea", "llegada"] as const;
export type TurnVia = (typeof TURN_VIAS)[number];
export const TURN_STATUSES = ["en_espera", "llamado", "atendido", "ausente", "cancelado"] as const;
export type TurnStatus = (typeof TURN_STATUSES)[number];

export const BRIGADE_STATUSES = ["planeada", "activa", "concluida"] as const;
export type BrigadeStatus = (typeof BRIGADE_STATUSES)[number];
export const BRIGADE_ROLES = ["coordinador", "brigadista"] as const;
export type BrigadeRole = (typeof BRIGADE_ROLES)[number];
export const BRIGADE_RECORD_KINDS = ["solicitud", "propuesta", "visita"] as const;
export type BrigadeRecordKind = (typeof BRIGADE_RECORD_KINDS)[number];

export interface ServiceOfficeTable {
  municipality_id: number;
  id: Generated<number>;
  slug: string;
  name: string;
  kind: Generated<OfficeKind>;
  address: string;
  colonia_id: number | null;
  lat: number | null;
  lon: number | null;
  hours: Json<OfficeHours[]>;
  phone: string | null;
  email: string | null;
  accessibility: Generated<string>;
  notes: Generated<string>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MunicipalProcedureTable {
  municipality_id: number;
  id: Generated<number>;
  slug: string;
  name: string;
  kind: Generated<ProcedureKind>;
  summary: Generated<string>;
  requirements: Json<string[]>;
  cost_text: Generated<string>;
  cost_mxn: string | number | null;
  duration: Generated<string>;
  how_to: Generated<string>;
  online_url: string | null;
  department_id: number | null;
  request_service_code: string | null;
  legal_basis: Generated<string>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OfficeProcedureTable {
  municipality_id: number;
  office_id: number;
  procedure_id: number;
}

export interface HearingTable {
  municipality_id: number;
  id: Generated<number>;
  slug: string;
  title: string;
  description: Generated<string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  office_id: number | null;
  place: string;
  officials: Json<string[]>;
  capacity: number;
  online_capacity: number;
  status: Generated<HearingStatus>;
  current_turn: Generated<number>;
  summary: Generated<string>;
  commitments: Json<string[]>;
  closed_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HearingTurnTable {
  municipality_id: number;
  hearing_id: number;
  number: number;
  registered_via: TurnVia;
  status: Generated<TurnStatus>;
  topic: Generated<string>;
  name: string | null;
  email: string | null;
  phone: string | null;
  token_hash: string;
  called_at: Timestamp | null;
  attended_at: Timestamp | null;
  created_at: Timestamp;
}

export interface HearingPetitionTable {
  municipality_id: number;
  id: Generated<number>;
  hearing_id: number;
  turn_number: number | null;
  topic: string;
  request_id: string | null;
  proposal_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface BrigadeTable {
  municipality_id: number;
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  starts_on: DateCol;
  ends_on: DateCol;
  status: Generated<BrigadeStatus>;
  process_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BrigadeStopTable {
  municipality_id: number;
  brigade_id: number;
  colonia_id: number;
  visit_on: DateCol;
}

export interface BrigadeMemberTable {
  municipality_id: number;
  brigade_id: number;
  user_id: number;
  role: Generated<BrigadeRole>;
  added_at: Timestamp;
}

export interface BrigadeRecordTable {
  municipality_id: number;
  client_id: string;
  brigade_id: number;
  member_user_id: number | null;
  kind: BrigadeRecordKind;
  household_id: string;
  colonia_id: number | null;
  paper_form: string | null;
  consent: Generated<boolean>;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  notes: Generated<string>;
  captured_at: Timestamp;
  received_at: Timestamp;
  request_id: string | null;
  proposal_id: number | null;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    service_offices: ServiceOfficeTable;
    municipal_procedures: MunicipalProcedureTable;
    office_procedures: OfficeProcedureTable;
    hearings: HearingTable;
    hearing_turns: HearingTurnTable;
    hearing_petitions: HearingPetitionTable;
    brigades: BrigadeTable;
    brigade_stops: BrigadeStopTable;
    brigade_members: BrigadeMemberTable;
    brigade_records: BrigadeRecordTable;
  }
}
