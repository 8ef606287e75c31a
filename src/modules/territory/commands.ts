/** The territory commands of the `cabildo` CLI: thin wrappers that read files and call services. */
import fs from "node:fs";
import path from "node:path";
import { CliError, operatorLabel, optionalOption, parseOptions, requiredOption, type Options } from "../../cli/options.js";
import { ProgressBar } from "../../cli/progress.js";
import type { CliCommand } from "../../platform/module.js";
import type { AuditBy } from "../../platform/audit/audit.js";
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { TerritoryError, type ProgressFactory } from "./errors.js";
import type { SettlementZone } from "./tables.js";
import { importMunicipalities } from "./importers/municipalities.js";
import { upsertColonias } from "./importers/colonias.js";
import { parseSepomex } from "./importers/sepomex.js";
import { importBoundary, importLocalities, parseColoniasGeoJson } from "./importers/geojson.js";
import { activateMunicipality, createDepartment, requireMunicipalityBySlug } from "./service.js";
import { listCatalogue, listDepartments } from "./queries.js";

const bars: ProgressFactory = (label, total) => new ProgressBar(label, total);

/** Who the audit log says acted: the operator at the command line. */
const operator = (): AuditBy => ({ actor: anonymous, label: operatorLabel() });

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(path.resolve(file));
  } catch {
    throw new CliError(`No se pudo leer el archivo "${file}".`);
  }
}

function stringOption(options: Options, name: string, required: true): string;
function stringOption(options: Options, name: string, required?: false): string | undefined;
function stringOption(options: Options, name: string, required = false): string | undefined {
  return required ? requiredOption(options, name) : optionalOption(options, name);
}

function zoneOption(value: string | undefined): SettlementZone | undefined {
  if (value === undefined) return undefined;
  if (value === "Urbano" || value === "Rural" || value === "Semiurbano") return value;
  throw new CliError(`Zona desconocida "${value}": use Urbano, Rural o Semiurbano.`);
}

/** Territory errors are the person's to fix: show them as CLI errors, not as crashes. */
function command(spec: Omit<CliCommand, "run"> & { run: (options: Options, services: Services) => Promise<void> }): CliCommand {
  return {
    ...spec,
    async run(args, services) {
      try {
        await spec.run(parseOptions(args), services);
      } catch (error) {
        if (error instanceof TerritoryError) throw new CliError(error.message);
        throw error;
      }
    },
  };
}

export const territoryCommands: CliCommand[] = [
  command({
    name: "import municipalities",
    usage: "import municipalities [archivo.csv] [--states entidades.json]",
    description: "Carga o actualiza el catálogo INEGI de entidades y municipios",
    async run(o, { db }) {
      const file = o._[0];
      const states = stringOption(o, "states");
      const r = await importMunicipalities(db, {
        csvText: file ? readFile(file).toString("utf8") : undefined,
        statesText: states ? readFile(states).toString("utf8") : undefined,
        progress: bars,
      }, operator());
      console.log(`Catálogo cargado: ${r.states} entidades y ${r.municipalities} municipios.`);
    },
  }),
  command({
    name: "import colonias",
    usage: "import colonias --municipality <slug> (--sepomex <archivo.txt> | --geojson <archivo> [--name-property nom_asen] [--cp-property cp] [--key-property cvegeo] [--zone Urbano])",
    description: "Importa colonias del catálogo SEPOMEX o de polígonos GeoJSON",
    async run(o, { db }) {
      const m = await requireMunicipalityBySlug(db, stringOption(o, "municipality", true));
      const key = String(m.id).padStart(5, "0");
      const sepomex = stringOption(o, "sepomex");
      const geojson = stringOption(o, "geojson");
      if (!sepomex === !geojson) throw new CliError("Indique exactamente una fuente: --sepomex <archivo.txt> o --geojson <archivo>.");
      if (sepomex) {
        const { drafts, skipped } = parseSepomex(readFile(sepomex), key);
        const r = await upsertColonias(db, m.id, "sepomex", drafts, bars, path.basename(sepomex), operator());
        console.log(`${m.name}: ${r.inserted} colonias nuevas, ${r.updated} actualizadas, ${skipped} filas de otros municipios omitidas.`);
      } else {
        const drafts = parseColoniasGeoJson(readFile(geojson!).toString("utf8"), key, {
          nameProperty: stringOption(o, "name-property"),
          cpProperty: stringOption(o, "cp-property"),
          keyProperty: stringOption(o, "key-property"),
          zone: zoneOption(stringOption(o, "zone")),
        }, `El archivo "${geojson}"`);
        const r = await upsertColonias(db, m.id, "geojson", drafts, bars, path.basename(geojson!), operator());
        console.log(`${m.name}: ${r.inserted} colonias nuevas, ${r.updated} actualizadas.`);
      }
    },
  }),
  command({
    name: "import boundaries",
    usage: "import boundaries --municipality <slug> <archivo.geojson>",
    description: "Importa el límite municipal (GeoJSON)",
    async run(o, { db }) {
      const m = await requireMunicipalityBySlug(db, stringOption(o, "municipality", true));
      const file = o._[0];
      if (!file) throw new CliError("Indique el archivo GeoJSON del límite municipal.");
      await importBoundary(db, m.id, readFile(file).toString("utf8"), path.basename(file), `El archivo "${file}"`, operator());
      console.log(`${m.name}: límite municipal cargado.`);
    },
  }),
  command({
    name: "import localities",
    usage: "import localities --municipality <slug> <archivo.geojson>",
    description: "Importa las localidades INEGI de un municipio",
    async run(o, { db }) {
      const m = await requireMunicipalityBySlug(db, stringOption(o, "municipality", true));
      const file = o._[0];
      if (!file) throw new CliError("Indique el archivo GeoJSON de localidades.");
      const r = await importLocalities(db, m.id, readFile(file).toString("utf8"), bars, `El archivo "${file}"`, operator());
      console.log(`${m.name}: ${r.imported} localidades cargadas.`);
    },
  }),
  command({
    name: "municipality activate",
    usage: "municipality activate <clave-inegi> --slug <slug> --prefix <FOLIO> [--time-zone <zona>]",
    description: "Activa un municipio del catálogo en Cabildo",
    async run(o, { db }) {
      const key = o._[0];
      if (!key) throw new CliError("Indique la clave INEGI de 5 dígitos del municipio (p. ej. 11020).");
      const r = await activateMunicipality(db, {
        inegiKey: key,
        slug: stringOption(o, "slug", true),
        folioPrefix: stringOption(o, "prefix", true),
        timeZone: stringOption(o, "time-zone"),
      }, operator());
      console.log(`${r.name} activado en /${r.slug}.`);
    },
  }),
  command({
    name: "municipality list",
    usage: "municipality list [--active]",
    description: "Lista los municipios del catálogo (o solo los activos)",
    async run(o, { db }) {
      const rows = await listCatalogue(db, { activeOnly: o.active === true });
      for (const r of rows) {
        const key = String(r.id).padStart(5, "0");
        const status = r.active ? `activo  /${r.slug}  ${r.folio_prefix}  ${r.time_zone}` : "inactivo";
        console.log(`${key}  ${r.name}, ${r.state_name}  —  ${status}`);
      }
      console.log(`${rows.length} municipios.`);
    },
  }),
  command({
    name: "department add",
    usage: 'department add --municipality <slug> --name "…" [--description … --email … --phone …]',
    description: "Agrega una dependencia municipal",
    async run(o, { db }) {
      const m = await requireMunicipalityBySlug(db, stringOption(o, "municipality", true));
      const d = await db.transaction().execute((trx) =>
        createDepartment(trx, m.id, {
          name: stringOption(o, "name", true),
          description: stringOption(o, "description"),
          officeEmail: stringOption(o, "email"),
          officePhone: stringOption(o, "phone"),
        }, operator()),
      );
      console.log(`${m.name}: dependencia "${d.name}" creada (${d.slug}).`);
    },
  }),
  command({
    name: "department list",
    usage: "department list --municipality <slug>",
    description: "Lista las dependencias de un municipio",
    async run(o, { db }) {
      const m = await requireMunicipalityBySlug(db, stringOption(o, "municipality", true));
      const list = await listDepartments(db, m.id, { includeInactive: true });
      for (const d of list) console.log(`${d.slug.padEnd(45)} ${d.name}${d.active ? "" : " (inactiva)"}`);
      console.log(`${list.length} dependencias.`);
    },
  }),
];
