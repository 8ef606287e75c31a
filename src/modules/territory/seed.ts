/** Demo seed: the INEGI catalogue and three real municipalities with their shipped geography. */
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../platform/db/database.js";
import type { Services } from "../../platform/services.js";
import type { AuditBy } from "../../platform/audit/audit.js";
import { anonymous } from "../../platform/policy.js";
import { DATA_DIR, importMunicipalities } from "./importers/municipalities.js";
import { importBoundary, importLocalities, parseColoniasGeoJson } from "./importers/geojson.js";
import { upsertColonias } from "./importers/colonias.js";
import type { SettlementZone } from "./tables.js";
import { activateMunicipality, createDepartment, type DepartmentInput } from "./service.js";

export interface DemoMunicipality {
  inegiKey: string;
  slug: string;
  folioPrefix: string;
  boundaryFile: string;
  coloniasFile?: string;
  coloniasZone?: SettlementZone;
  localitiesFile?: string;
  departments: DepartmentInput[];
}

const MUNICIPAL_DEPARTMENTS = (domain: string, phone: string): DepartmentInput[] => [
  { name: "Obras Públicas", description: "Pavimentación, banquetas, obra pública y mantenimiento de vialidades.", officeEmail: `obras@${domain}`, officePhone: phone },
  { name: "Servicios Públicos Municipales", description: "Alumbrado, recolección de basura, parques, jardines y panteones.", officeEmail: `servicios@${domain}`, officePhone: phone },
  { name: "Desarrollo Social", description: "Programas sociales, apoyos y centros comunitarios.", officeEmail: `desarrollosocial@${domain}`, officePhone: phone },
  { name: "Unidad de Transparencia", description: "Solicitudes de acceso a la información y de derechos ARCO.", officeEmail: `transparencia@${domain}`, officePhone: phone },
  { name: "Seguridad Pública", description: "Policía municipal, prevención del delito y tránsito.", officeEmail: `seguridad@${domain}`, officePhone: phone },
];

/** The three demo municipalities; the accounts seed can read their slugs and departments. */
export const DEMO_MUNICIPALITIES: DemoMunicipality[] = [
  {
    inegiKey: "09015",
    slug: "cuauhtemoc",
    folioPrefix: "CUAUH",
    boundaryFile: "cuauhtemoc_alcaldia.geojson",
    coloniasFile: "cuauhtemoc_colonias_seduvi.geojson",
    // All of Cuauhtémoc lies in INEGI's urban locality 0001 (every cvegeo reads 09015-0001-…).
    coloniasZone: "Urbano",
    departments: [
      { name: "Dirección General de Obras y Desarrollo Urbano", description: "Obra pública, banquetas, bacheo y licencias de construcción.", officeEmail: "obras@cuauhtemoc.demo.cabildo.mx", officePhone: "55 2452 3100" },
      { name: "Dirección General de Servicios Urbanos", description: "Alumbrado, limpia, poda y mantenimiento de áreas verdes.", officeEmail: "servicios.urbanos@cuauhtemoc.demo.cabildo.mx", officePhone: "55 2452 3100" },
      { name: "Dirección General de Desarrollo y Bienestar", description: "Programas sociales, deporte y cultura.", officeEmail: "bienestar@cuauhtemoc.demo.cabildo.mx", officePhone: "55 2452 3100" },
      { name: "Unidad de Transparencia", description: "Solicitudes de información pública y de datos personales.", officeEmail: "transparencia@cuauhtemoc.demo.cabildo.mx", officePhone: "55 2452 3100" },
      { name: "Dirección General de Gobierno", description: "Mercados, vía pública, establecimientos mercantiles y protección civil.", officeEmail: "gobierno@cuauhtemoc.demo.cabildo.mx", officePhone: "55 2452 3100" },
    ],
  },
  {
    inegiKey: "11020",
    slug: "leon",
    folioPrefix: "LEON",
    boundaryFile: "leon_municipio_inegi.geojson",
    localitiesFile: "leon_localidades_inegi.geojson",
    departments: MUNICIPAL_DEPARTMENTS("leon.demo.cabildo.mx", "477 788 0000"),
  },
  {
    inegiKey: "15104",
    slug: "tlalnepantla",
    folioPrefix: "TLALNE",
    boundaryFile: "tlalnepantla_municipio_inegi.geojson",
    localitiesFile: "tlalnepantla_localidades_inegi.geojson",
    departments: MUNICIPAL_DEPARTMENTS("tlalnepantla.demo.cabildo.mx", "55 5321 3600"),
  },
];

const read = (file: string) => fs.readFileSync(path.join(DATA_DIR, file), "utf8");

/** The seed's entries in the audit log. */
const DEMO: AuditBy = { actor: anonymous, label: "datos de demostración" };

/** Activate one demo municipality and load its geography and departments (re-runnable). */
export async function seedDemoMunicipality(db: Db, demo: DemoMunicipality): Promise<number> {
  const { id } = await activateMunicipality(db, { inegiKey: demo.inegiKey, slug: demo.slug, folioPrefix: demo.folioPrefix, timeZone: "America/Mexico_City" }, DEMO);
  await importBoundary(db, id, read(demo.boundaryFile), demo.boundaryFile, undefined, DEMO);
  if (demo.coloniasFile) {
    const drafts = parseColoniasGeoJson(read(demo.coloniasFile), demo.inegiKey, { zone: demo.coloniasZone });
    await upsertColonias(db, id, "geojson", drafts, undefined, demo.coloniasFile, DEMO);
  }
  if (demo.localitiesFile) await importLocalities(db, id, read(demo.localitiesFile), undefined, undefined, DEMO);
  await db.transaction().execute(async (trx) => {
    const existing = new Set((await trx.selectFrom("departments").select("name").where("municipality_id", "=", id).execute()).map((d) => d.name));
    for (const d of demo.departments) if (!existing.has(d.name)) await createDepartment(trx, id, d, DEMO);
  });
  return id;
}

export async function seedTerritoryDemo(services: Services, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const r = await importMunicipalities(services.db, {}, DEMO);
  log(`territorio: catálogo INEGI cargado (${r.municipalities} municipios)`);
  for (const demo of DEMO_MUNICIPALITIES) {
    await seedDemoMunicipality(services.db, demo);
    log(`territorio: ${demo.slug} activado`);
  }
  log(`territorio: listo en ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
