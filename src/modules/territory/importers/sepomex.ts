import { decodeText, textLines } from "../csv.js";
import { TerritoryError } from "../errors.js";
import { titleCaseIfUpper } from "../slug.js";
import type { SettlementZone } from "../tables.js";
import type { ColoniaDraft } from "./colonias.js";

export const SEPOMEX_COLUMNS = [
  "d_codigo", "d_asenta", "d_tipo_asenta", "d_mnpio", "d_estado", "d_ciudad", "d_cp", "c_estado",
  "c_oficina", "c_cp", "c_tipo_asenta", "c_mnpio", "id_asenta_cpcons", "d_zona", "c_cve_ciudad",
] as const;
type Column = (typeof SEPOMEX_COLUMNS)[number];

const ZONES: Record<string, SettlementZone> = { urbano: "Urbano", rural: "Rural", semiurbano: "Semiurbano" };

/**
 * Read the Correos de México catalogue (pipe-separated, ISO-8859-1 or UTF-8, optional notice
 * line before the header) and keep the settlements of one municipality (5-digit INEGI key).
 */
export function parseSepomex(bytes: Uint8Array, inegiKey: string): { drafts: ColoniaDraft[]; skipped: number } {
  const lines = textLines(decodeText(bytes));
  const headerIndex = lines.slice(0, 2).findIndex((l) => l.toLowerCase().startsWith("d_codigo|"));
  if (headerIndex < 0) {
    throw new TerritoryError('No se encontró el encabezado del catálogo SEPOMEX ("d_codigo|d_asenta|…") en las dos primeras líneas.');
  }
  const header = lines[headerIndex]!.split("|").map((h) => h.trim().toLowerCase());
  const missing = SEPOMEX_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new TerritoryError(`Encabezado SEPOMEX incompleto en la línea ${headerIndex + 1}: faltan ${missing.join(", ")}.`);
  const at = (fields: string[], c: Column) => (fields[header.indexOf(c)] ?? "").trim();
  const drafts: ColoniaDraft[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i]!.trim() === "") continue;
    const fields = lines[i]!.split("|");
    if (fields.length !== header.length) throw new TerritoryError(`Línea ${line}: se esperaban ${header.length} columnas separadas por "|" y hay ${fields.length}.`);
    const state = at(fields, "c_estado").padStart(2, "0");
    const municipality = at(fields, "c_mnpio").padStart(3, "0");
    if (state + municipality !== inegiKey) {
      skipped++;
      continue;
    }
    const postalCode = at(fields, "d_codigo");
    if (!/^\d{5}$/.test(postalCode)) throw new TerritoryError(`Línea ${line}: código postal no válido "${postalCode}".`);
    const name = at(fields, "d_asenta");
    if (!name) throw new TerritoryError(`Línea ${line}: falta el nombre del asentamiento (d_asenta).`);
    const key = at(fields, "id_asenta_cpcons");
    if (!/^\d{1,10}$/.test(key)) throw new TerritoryError(`Línea ${line}: id_asenta_cpcons no válido "${key}".`);
    if (seen.has(key)) throw new TerritoryError(`Línea ${line}: el asentamiento ${key} está repetido.`);
    seen.add(key);
    const zoneText = at(fields, "d_zona").toLowerCase();
    if (zoneText && !ZONES[zoneText]) throw new TerritoryError(`Línea ${line}: zona desconocida "${at(fields, "d_zona")}" (se espera Urbano, Rural o Semiurbano).`);
    drafts.push({
      sourceKey: key,
      name: titleCaseIfUpper(name),
      settlementType: titleCaseIfUpper(at(fields, "d_tipo_asenta") || "Colonia"),
      postalCode,
      zone: zoneText ? ZONES[zoneText]! : null,
      geometry: null,
    });
  }
  if (drafts.length === 0) {
    throw new TerritoryError(`El archivo no contiene asentamientos del municipio ${inegiKey} (columnas c_estado y c_mnpio).`);
  }
  return { drafts, skipped };
}
