/** The only code that turns territory rows into output: every public field is chosen by name. */
import type { Selectable } from "kysely";
import type { DepartmentTable } from "./tables.js";

export interface PublicDepartment {
  id: number;
  municipalityId: number;
  name: string;
  slug: string;
  description: string | null;
  officeEmail: string | null;
  officePhone: string | null;
  active: boolean;
}

export function presentDepartment(row: Selectable<DepartmentTable>): PublicDepartment {
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    officeEmail: row.office_email,
    officePhone: row.office_phone,
    active: row.active,
  };
}

export interface ColoniaRow {
  id: number;
  name: string;
  slug: string;
  settlement_type: string;
  postal_code: string | null;
  zone: string | null;
  has_geometry?: boolean;
}

export interface PublicColonia {
  name: string;
  slug: string;
  settlementType: string;
  postalCode: string | null;
  zone: string | null;
  url: string;
}

export function presentColonia(municipalitySlug: string, row: ColoniaRow): PublicColonia {
  return {
    name: row.name,
    slug: row.slug,
    settlementType: row.settlement_type,
    postalCode: row.postal_code,
    zone: row.zone,
    url: `/${municipalitySlug}/colonias/${row.slug}`,
  };
}

export function presentColoniaFeature(municipalitySlug: string, row: ColoniaRow & { geometry: unknown }) {
  const { url, ...properties } = presentColonia(municipalitySlug, row);
  return { type: "Feature" as const, properties: { ...properties, url }, geometry: row.geometry };
}

export interface MunicipalityListRow {
  id: number;
  name: string;
  state_name: string;
  population: number | null;
  slug: string | null;
  active: boolean;
}

export interface PublicMunicipalitySummary {
  inegiKey: string;
  name: string;
  stateName: string;
  population: number | null;
  active: boolean;
  url: string | null;
}

export function presentMunicipalitySummary(row: MunicipalityListRow): PublicMunicipalitySummary {
  return {
    inegiKey: String(row.id).padStart(5, "0"),
    name: row.name,
    stateName: row.state_name,
    population: row.population,
    active: row.active,
    url: row.active && row.slug ? `/${row.slug}` : null,
  };
}

export function formatPopulation(n: number | null): string {
  return n === null ? "—" : new Intl.NumberFormat("es-MX").format(n);
}
