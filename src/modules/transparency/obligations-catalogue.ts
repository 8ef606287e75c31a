/**
 * The catalogue of obligations (LGTAIP 2015 art. 70 and 71, data/obligations-lgtaip-2015.json),
 * loaded per municipality. Loading again adds only the fractions still missing: responsible
 * departments, officials, weights and due rules set by the transparency unit are kept.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CliError, municipalityOption, operatorLabel, parseOptions } from "../../cli/options.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { CliCommand } from "../../platform/module.js";
import { anonymous, type Actor } from "../../platform/policy.js";
import { UPDATE_PERIODS, type UpdatePeriod } from "./obligations-tables.js";

export interface CatalogueEntry {
  article: "70" | "71";
  fraction: string;
  title: string;
  legalReference: string;
  updatePeriod: UpdatePeriod;
  note?: string;
}

interface CatalogueFile {
  source: string;
  dueRule: string;
  defaultDueDays: number;
  obligations: CatalogueEntry[];
}

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "data", "obligations-lgtaip-2015.json");
let cached: CatalogueFile | null = null;

export function obligationCatalogue(): CatalogueFile {
  if (cached) return cached;
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as CatalogueFile;
  for (const o of parsed.obligations) {
    if (!UPDATE_PERIODS.includes(o.updatePeriod)) throw new Error(`Periodo inválido en el catálogo: ${o.article}-${o.fraction}`);
  }
  cached = parsed;
  return parsed;
}

/** Adds the missing fractions to a municipality's catalogue; returns how many were added. */
export async function loadObligationCatalogue(trx: Executor, municipalityId: number, by: { actor: Actor; label?: string }): Promise<number> {
  const catalogue = obligationCatalogue();
  const inserted = await trx
    .insertInto("obligations")
    .values(
      catalogue.obligations.map((o) => ({
        municipality_id: municipalityId,
        article: o.article,
        fraction: o.fraction,
        title: o.title,
        legal_reference: o.legalReference,
        note: o.note ?? null,
        update_period: o.updatePeriod,
        due_days: catalogue.defaultDueDays,
      })),
    )
    .onConflict((oc) => oc.columns(["municipality_id", "article", "fraction"]).doNothing())
    .returning("id")
    .execute();
  if (inserted.length > 0) {
    await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "obligations.catalogue.load", subjectType: "obligations", subjectId: null, details: { added: inserted.length } });
  }
  return inserted.length;
}

export const loadObligationsCommand: CliCommand = {
  name: "obligations load",
  usage: "obligations load --municipality <slug>",
  description: "Carga el catálogo de obligaciones de transparencia (LGTAIP art. 70 y 71) en un municipio; repetirlo no duplica nada",
  async run(args, services) {
    const options = parseOptions(args);
    if (options._.length > 0) throw new CliError(`Argumento no reconocido: ${options._.join(" ")}`);
    const municipality = await municipalityOption(options, services);
    const added = await services.db.transaction().execute((trx) => loadObligationCatalogue(trx, municipality.id, { actor: anonymous, label: operatorLabel() }));
    const total = obligationCatalogue().obligations.length;
    console.log(added > 0 ? `Catálogo cargado en ${municipality.name}: ${added} obligaciones nuevas (${total} en el catálogo).` : `${municipality.name} ya tenía las ${total} obligaciones del catálogo; nada que agregar.`);
  },
};
