import type { Generated } from "kysely";
import type { Json, Timestamp } from "../../platform/db/schema.js";

export interface StateTable {
  code: string;
  name: string;
  abbreviation: string;
}

export interface MunicipalitySettings {
  /** Display colour for the header, as #rrggbb. */
  brandColor?: string;
  /** Short welcome text on the home page. */
  welcome?: string;
  /** Website of the town hall. */
  website?: string;
}

export interface MunicipalityTable {
  id: number;
  state_code: string;
  code: string;
  name: string;
  seat_name: string | null;
  population: number | null;
  dwellings: number | null;
  slug: string | null;
  active: Generated<boolean>;
  time_zone: Generated<string>;
  folio_prefix: string | null;
  settings: Generated<Json<MunicipalitySettings>>;
  activated_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    states: StateTable;
    municipalities: MunicipalityTable;
  }
}

export type ColoniaSource = "sepomex" | "geojson" | "manual";
export type SettlementZone = "Urbano" | "Rural" | "Semiurbano";

export interface ColoniaTable {
  municipality_id: number;
  id: Generated<number>;
  name: string;
  settlement_type: Generated<string>;
  postal_code: string | null;
  zone: SettlementZone | null;
  source: ColoniaSource;
  source_key: string;
  slug: string;
  geometry: Json<unknown> | null;
  bbox_west: number | null;
  bbox_south: number | null;
  bbox_east: number | null;
  bbox_north: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MunicipalBoundaryTable {
  municipality_id: number;
  geometry: Json<unknown>;
  bbox_west: number;
  bbox_south: number;
  bbox_east: number;
  bbox_north: number;
  source: string;
  updated_at: Timestamp;
}

export interface LocalityTable {
  municipality_id: number;
  cvegeo: string;
  name: string;
  ambit: "Urbano" | "Rural" | null;
  population: number | null;
  geometry: Json<unknown> | null;
  updated_at: Timestamp;
}

export interface DepartmentTable {
  municipality_id: number;
  id: Generated<number>;
  name: string;
  slug: string;
  description: string | null;
  office_email: string | null;
  office_phone: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    colonias: ColoniaTable;
    municipal_boundaries: MunicipalBoundaryTable;
    localities: LocalityTable;
    departments: DepartmentTable;
  }
}
