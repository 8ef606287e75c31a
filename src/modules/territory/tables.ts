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
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    states: StateTable;
    municipalities: MunicipalityTable;
  }
}
