/** The semáforo thresholds of a municipality (verde from `green` %, amarillo from `yellow` %). */
import { CliError, municipalityOption, operatorLabel, parseOptions, requiredOption } from "../../cli/options.js";
import { recordAudit, type AuditBy } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { CliCommand } from "../../platform/module.js";
import { anonymous } from "../../platform/policy.js";
import type { Thresholds } from "./compliance.js";

export function checkThresholds(green: string, yellow: string): Thresholds {
  const valid = (v: string) => /^\d{1,3}(\.\d{1,2})?$/.test(v) && Number(v) <= 100;
  if (!valid(green)) throw new CliError(`--green: "${green}" no es un porcentaje de 0 a 100.`);
  if (!valid(yellow)) throw new CliError(`--yellow: "${yellow}" no es un porcentaje de 0 a 100.`);
  if (Number(yellow) > Number(green)) throw new CliError("El umbral amarillo no puede ser mayor que el verde.");
  return { green: Number(green), yellow: Number(yellow) };
}

export async function setThresholds(trx: Executor, municipalityId: number, thresholds: Thresholds, by: AuditBy): Promise<void> {
  await trx
    .insertInto("obligation_settings")
    .values({ municipality_id: municipalityId, green_min: thresholds.green, yellow_min: thresholds.yellow })
    .onConflict((oc) => oc.column("municipality_id").doUpdateSet({ green_min: thresholds.green, yellow_min: thresholds.yellow }))
    .execute();
  await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "obligations.thresholds.set", subjectType: "obligation_settings", subjectId: municipalityId, details: { ...thresholds } });
}

export const obligationThresholdsCommand: CliCommand = {
  name: "obligations thresholds",
  usage: "obligations thresholds --municipality <slug> --green <porcentaje> --yellow <porcentaje>",
  description: "Fija los umbrales del semáforo de transparencia (verde desde, amarillo desde; 90 y 70 por omisión)",
  async run(args, services) {
    const options = parseOptions(args);
    const municipality = await municipalityOption(options, services);
    const thresholds = checkThresholds(requiredOption(options, "green", "porcentaje mínimo para verde"), requiredOption(options, "yellow", "porcentaje mínimo para amarillo"));
    await services.db.transaction().execute((trx) => setThresholds(trx, municipality.id, thresholds, { actor: anonymous, label: operatorLabel() }));
    console.log(`Semáforo de ${municipality.name}: verde desde ${thresholds.green} %, amarillo desde ${thresholds.yellow} %, rojo por debajo.`);
  },
};
