import { CliError, parseOptions } from "../../cli/options.js";
import { ProgressBar } from "../../cli/progress.js";
import type { CliCommand } from "../module.js";
import { findActiveMunicipalityBySlug } from "../../modules/territory/queries.js";
import { verifyAuditChain } from "./verify.js";

/** Exit code when the log was tampered with (0 = intact, 1 = the command failed). */
export const AUDIT_TAMPERED_EXIT_CODE = 3;

export const auditVerifyCommand: CliCommand = {
  name: "audit verify",
  usage: "audit verify [--municipality <slug>]",
  description: "Verifica que la bitácora de auditoría no haya sido alterada",
  async run(args, services) {
    const options = parseOptions(args);
    let municipalityId: number | undefined;
    let scope = "todas las cadenas";
    if (options.municipality !== undefined) {
      if (typeof options.municipality !== "string") throw new CliError("Indique el municipio: --municipality <slug>");
      const municipality = await findActiveMunicipalityBySlug(services.db, options.municipality);
      if (!municipality) throw new CliError(`No existe un municipio activo con el identificador "${options.municipality}"`);
      municipalityId = municipality.id;
      scope = `${municipality.name}, ${municipality.stateName}`;
    }
    let bar: ProgressBar | null = null;
    const result = await verifyAuditChain(services.db, {
      municipalityId,
      onProgress(checked, total) {
        bar ??= new ProgressBar("Verificando bitácora", total);
        bar.update(checked);
      },
    });
    (bar as ProgressBar | null)?.done(`${result.checked} registros íntegros`);
    if (result.ok) {
      console.log(`Bitácora íntegra (${scope}): ${result.checked} registros verificados.`);
      return 0;
    }
    const bad = result.firstBadRow!;
    const chain = bad.chainId === 0 ? "cadena de la plataforma" : `cadena del municipio ${bad.chainId}`;
    console.log(`¡Bitácora alterada! ${chain}, registro ${bad.seq}: ${bad.reason}.`);
    console.log(`Registros íntegros antes del problema: ${result.checked}.`);
    return AUDIT_TAMPERED_EXIT_CODE;
  },
};
