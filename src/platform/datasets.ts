/**
 * Open-data datasets that modules contribute to the catalogue (ModuleManifest.datasets). A module
 * describes its own public exports; the open-data module lists them, in pages, DCAT and CKAN,
 * without knowing any module.
 */
import type { Services } from "./services.js";

export type DatasetFrequency = "continuous" | "daily" | "weekly" | "monthly" | "quarterly" | "annual" | "irregular";

export interface DatasetDistribution {
  /** Short, stable within the dataset: e.g. "csv", "geojson". */
  id: string;
  title: string;
  format: "CSV" | "GeoJSON" | "JSON";
  mediaType: string;
  /** Path on this site, e.g. `/cuauhtemoc/datos/solicitudes.csv`; the catalogue makes it absolute. */
  downloadPath: string;
}

export interface DatasetDescriptor {
  /** Slug-like and unique across the installation, e.g. `cuauhtemoc-solicitudes-ciudadanas`. */
  id: string;
  municipalitySlug: string;
  /** Spanish (es-MX): the catalogue's language. */
  title: string;
  description: string;
  keywords: string[];
  frequency: DatasetFrequency;
  /** ISO dates (YYYY-MM-DD) the data covers, when known. */
  temporal: { start: string; end: string } | null;
  /** ISO instant of the latest change in the data, when known. */
  modified: string | null;
  distributions: DatasetDistribution[];
}

export interface DatasetMunicipality {
  id: number;
  slug: string;
  name: string;
  timeZone: string;
}

/** The datasets a module publishes for one active municipality. */
export type DatasetContributor = (services: Services, municipality: DatasetMunicipality) => Promise<DatasetDescriptor[]>;
