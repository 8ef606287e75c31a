/**
 * The catalogue: every dataset the modules contribute (ModuleManifest.datasets), for one active
 * municipality or all of them, with the publisher and licence the catalogue adds, and the
 * accent-insensitive search that package_search and the pages share.
 */
import type { Services } from "../../platform/services.js";
import type { DatasetDescriptor, DatasetMunicipality } from "../../platform/datasets.js";
import { findActiveMunicipalityBySlug, listActiveMunicipalities } from "../territory/queries.js";
import { modules } from "../index.js";

/**
 * The Mexican government's open-data terms ("Términos de Libre Uso MX"): free use, reuse and
 * redistribution, commercial included, citing the source. Cabildo's code is AGPL; its data is not.
 */
export const LICENCE = {
  id: "libre-uso-mx",
  title: "Términos de Libre Uso MX",
  url: "https://datos.gob.mx/libreusomx",
} as const;

export interface CatalogueDataset extends DatasetDescriptor {
  publisher: { slug: string; name: string };
  licence: typeof LICENCE;
  /** This dataset's page on the site. */
  landingPath: string;
}

/** The active municipality of a slug in the shape the contributors need, or null. */
export async function catalogueMunicipality(services: Services, slug: string): Promise<DatasetMunicipality | null> {
  const m = await findActiveMunicipalityBySlug(services.db, slug);
  return m ? { id: m.id, slug: m.slug, name: m.name, timeZone: m.timeZone } : null;
}

/** Every dataset of one municipality, in module order, then by title. */
export async function municipalityDatasets(services: Services, m: DatasetMunicipality): Promise<CatalogueDataset[]> {
  const out: CatalogueDataset[] = [];
  for (const mod of modules) {
    if (!mod.datasets) continue;
    for (const d of await mod.datasets(services, m)) {
      out.push({ ...d, publisher: { slug: m.slug, name: m.name }, licence: LICENCE, landingPath: `/${m.slug}/datos/conjuntos/${d.id}` });
    }
  }
  return out;
}

/** Every dataset of every active municipality (largest municipalities first). */
export async function allDatasets(services: Services): Promise<CatalogueDataset[]> {
  const out: CatalogueDataset[] = [];
  for (const row of await listActiveMunicipalities(services.db)) {
    const m = row.slug ? await catalogueMunicipality(services, row.slug) : null;
    if (m) out.push(...(await municipalityDatasets(services, m)));
  }
  return out;
}

/** One dataset by its id, or null. Ids start with the municipality's slug, but slugs may contain dashes, so the lookup asks every municipality whose slug prefixes the id. */
export async function findDataset(services: Services, id: string): Promise<CatalogueDataset | null> {
  if (!/^[a-z0-9-]{1,200}$/.test(id)) return null;
  for (const row of await listActiveMunicipalities(services.db)) {
    if (!row.slug || !id.startsWith(`${row.slug}-`)) continue;
    const m = await catalogueMunicipality(services, row.slug);
    const found = m ? (await municipalityDatasets(services, m)).find((d) => d.id === id) : undefined;
    if (found) return found;
  }
  return null;
}

/** Lower case without accents: "Inundación" and "inundacion" compare equal. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Datasets whose title, description, keywords or publisher contain every word of `q` (accents and case ignored). */
export function searchDatasets(datasets: CatalogueDataset[], q: string): CatalogueDataset[] {
  const words = fold(q).split(/\s+/).filter(Boolean);
  if (!words.length) return datasets;
  return datasets.filter((d) => {
    const haystack = fold([d.title, d.description, ...d.keywords, d.publisher.name, d.id].join(" "));
    return words.every((w) => haystack.includes(w));
  });
}
