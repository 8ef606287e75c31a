import { sql, type Insertable } from "kysely";
import type { LocalityTable, SettlementZone } from "../tables.js";
import type { Db } from "../../../platform/db/database.js";
import { asAreaGeometry, bboxOf, GeoJsonError, parseFeatureCollection, type Feature } from "../geo.js";
import { silentProgress, type ProgressFactory } from "../errors.js";
import { titleCaseIfUpper, slugify } from "../slug.js";
import { invalidateColoniaIndex } from "../lookup.js";
import type { ColoniaDraft } from "./colonias.js";
import { recordAudit, SYSTEM, type AuditBy } from "../../../platform/audit/audit.js";

export interface ColoniaGeoJsonOptions {
  nameProperty?: string;
  cpProperty?: string;
  keyProperty?: string;
  typeProperty?: string;
  /** Zone for every feature when the file has none (e.g. "Urbano" for an all-urban alcaldía). */
  zone?: SettlementZone | null;
}

function prop(feature: Feature, name: string): string {
  const value = feature.properties?.[name] ?? feature.properties?.[name.toUpperCase()];
  return value === undefined || value === null ? "" : String(value).trim();
}

function describe(feature: Feature, index: number, nameProperty: string): string {
  const name = prop(feature, nameProperty);
  return name ? `El elemento ${index + 1} ("${name}")` : `El elemento ${index + 1}`;
}

/** Colonia polygons from a GeoJSON FeatureCollection; every problem is reported before any write. */
export function parseColoniasGeoJson(text: string, inegiKey: string, options: ColoniaGeoJsonOptions = {}, fileLabel = "El archivo"): ColoniaDraft[] {
  const nameProperty = options.nameProperty ?? "nom_asen";
  const cpProperty = options.cpProperty ?? "cp";
  const keyProperty = options.keyProperty ?? "cvegeo";
  const typeProperty = options.typeProperty ?? "tipo";
  const seen = new Set<string>();
  return parseFeatureCollection(text, fileLabel).map((feature, i) => {
    const name = prop(feature, nameProperty);
    if (!name) throw new GeoJsonError(`El elemento ${i + 1} no tiene nombre (propiedad "${nameProperty}").`);
    const geometry = asAreaGeometry(feature.geometry);
    if (!geometry) {
      const type = feature.geometry?.type ?? "ninguna";
      throw new GeoJsonError(`${describe(feature, i, nameProperty)} tiene geometría "${type}" no válida; se esperan Polygon o MultiPolygon con coordenadas WGS84.`);
    }
    const key = prop(feature, keyProperty) || slugify(name);
    if (/^\d{5,}$/.test(key) && keyProperty === "cvegeo" && !key.startsWith(inegiKey)) {
      throw new GeoJsonError(`${describe(feature, i, nameProperty)} pertenece a otro municipio (cvegeo ${key}, se esperaba ${inegiKey}…).`);
    }
    if (seen.has(key)) throw new GeoJsonError(`${describe(feature, i, nameProperty)} repite la clave "${key}".`);
    seen.add(key);
    const cp = prop(feature, cpProperty);
    const postalCode = /^\d{4,5}$/.test(cp) ? cp.padStart(5, "0") : null;
    if (cp && !postalCode) throw new GeoJsonError(`${describe(feature, i, nameProperty)} tiene un código postal no válido "${cp}".`);
    return {
      sourceKey: key,
      name: titleCaseIfUpper(name),
      settlementType: titleCaseIfUpper(prop(feature, typeProperty) || "Colonia"),
      postalCode,
      zone: options.zone ?? null,
      geometry,
    };
  });
}

/**
 * The municipal boundary: the file's feature for this municipality (by cvegeo) or its only feature.
 * `source` (the file's name, stored with the boundary) also goes to the audit log.
 */
export async function importBoundary(
  db: Db,
  municipalityId: number,
  text: string,
  source: string,
  fileLabel = "El archivo",
  by: AuditBy = SYSTEM,
): Promise<void> {
  const key = String(municipalityId).padStart(5, "0");
  const features = parseFeatureCollection(text, fileLabel);
  const keyed = features.filter((f) => prop(f, "cvegeo"));
  const feature = keyed.find((f) => prop(f, "cvegeo") === key) ?? (features.length === 1 && keyed.length === 0 ? features[0] : undefined);
  if (!feature) {
    const found = keyed.map((f) => prop(f, "cvegeo")).slice(0, 5).join(", ");
    throw new GeoJsonError(`${fileLabel} no contiene el límite del municipio ${key}${found ? ` (claves encontradas: ${found})` : ""}.`);
  }
  const geometry = asAreaGeometry(feature.geometry);
  if (!geometry) throw new GeoJsonError(`El límite municipal debe ser Polygon o MultiPolygon (se encontró "${feature.geometry?.type ?? "ninguna"}").`);
  const bbox = bboxOf(geometry);
  const values = {
    municipality_id: municipalityId,
    geometry: JSON.stringify(geometry),
    bbox_west: bbox.west,
    bbox_south: bbox.south,
    bbox_east: bbox.east,
    bbox_north: bbox.north,
    source,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("municipal_boundaries")
      .values(values)
      .onConflict((oc) => oc.column("municipality_id").doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
      .execute();
    await recordAudit(trx, {
      actor: by.actor,
      actorLabel: by.label,
      municipalityId,
      action: "territory.boundary.import",
      subjectType: "municipality",
      subjectId: municipalityId,
      details: { source, bbox },
    });
  });
  invalidateColoniaIndex(municipalityId);
}

/** INEGI localities (cvegeo of 9 digits starting with the municipality key, nom_loc, ambito, pob). */
export async function importLocalities(
  db: Db,
  municipalityId: number,
  text: string,
  progress: ProgressFactory = silentProgress,
  fileLabel = "El archivo",
  by: AuditBy = SYSTEM,
): Promise<{ imported: number; skipped: number }> {
  const key = String(municipalityId).padStart(5, "0");
  const features = parseFeatureCollection(text, fileLabel);
  let skipped = 0;
  const rows: Insertable<LocalityTable>[] = [];
  for (const [i, feature] of features.entries()) {
    const cvegeo = prop(feature, "cvegeo");
    if (!/^\d{9}$/.test(cvegeo)) throw new GeoJsonError(`El elemento ${i + 1} no tiene una clave de localidad válida (cvegeo de 9 dígitos).`);
    if (!cvegeo.startsWith(key)) {
      skipped++;
      continue;
    }
    const name = prop(feature, "nom_loc");
    if (!name) throw new GeoJsonError(`El elemento ${i + 1} (${cvegeo}) no tiene nombre (propiedad "nom_loc").`);
    const ambit = prop(feature, "ambito").toUpperCase();
    // INEGI writes "-" or "*" where the census keeps the figure confidential or has none.
    const rawPob = prop(feature, "pob");
    const pob = ["-", "*", "N/D", "ND"].includes(rawPob) ? "" : rawPob;
    if (pob && !/^\d{1,9}$/.test(pob)) throw new GeoJsonError(`El elemento ${i + 1} (${name}) tiene una población no válida "${pob}".`);
    const geometry = feature.geometry ? asAreaGeometry(feature.geometry) : null;
    if (feature.geometry && !geometry && feature.geometry.type !== "Point") {
      throw new GeoJsonError(`El elemento ${i + 1} (${name}) tiene geometría "${feature.geometry.type}" no válida.`);
    }
    rows.push({
      municipality_id: municipalityId,
      cvegeo,
      name,
      ambit: ambit === "URBANO" ? ("Urbano" as const) : ambit === "RURAL" ? ("Rural" as const) : null,
      population: pob ? Number(pob) : null,
      geometry: geometry ? JSON.stringify(geometry) : null,
    });
  }
  if (rows.length === 0) throw new GeoJsonError(`${fileLabel} no contiene localidades del municipio ${key}.`);
  const bar = progress("Localidades", rows.length);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 100) {
      const batch = rows.slice(i, i + 100);
      await trx
        .insertInto("localities")
        .values(batch)
        .onConflict((oc) =>
          oc.columns(["municipality_id", "cvegeo"]).doUpdateSet((eb) => ({
            name: eb.ref("excluded.name"),
            ambit: eb.ref("excluded.ambit"),
            population: eb.ref("excluded.population"),
            geometry: eb.ref("excluded.geometry"),
            updated_at: sql<Date>`now()`,
          })),
        )
        .execute();
      bar.tick(batch.length);
    }
    await recordAudit(trx, {
      actor: by.actor,
      actorLabel: by.label,
      municipalityId,
      action: "territory.localities.import",
      subjectType: "municipality",
      subjectId: municipalityId,
      details: { imported: rows.length, skipped },
    });
  });
  bar.done(`${rows.length} localidades${skipped ? `, ${skipped} de otros municipios omitidas` : ""}`);
  return { imported: rows.length, skipped };
}
