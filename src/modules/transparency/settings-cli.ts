/** `cabildo transparency profile`: which legal profile a municipality applies, from which date. */
import { CliError, municipalityOption, operatorLabel, parseOptions, requiredOption } from "../../cli/options.js";
import type { CliCommand } from "../../platform/module.js";
import { anonymous } from "../../platform/policy.js";
import { LegalProfileError } from "./profiles.js";
import { applyLegalProfile } from "./settings.js";

export const legalProfileCommand: CliCommand = {
  name: "transparency profile",
  usage: "transparency profile --municipality <slug> --kind information|arco --profile <id> --since <AAAA-MM-DD>",
  description: "Aplica un perfil legal (plazos de ley) a las solicitudes del municipio recibidas desde una fecha",
  async run(args, services) {
    const options = parseOptions(args);
    const municipality = await municipalityOption(options, services);
    const kind = requiredOption(options, "kind", "information o arco");
    const profile = requiredOption(options, "profile", "id del perfil legal, p. ej. edomex-2016");
    const since = requiredOption(options, "since", "fecha desde la que aplica, AAAA-MM-DD");
    try {
      await services.db.transaction().execute((trx) => applyLegalProfile(trx, municipality.id, kind, profile, since, { actor: anonymous, label: operatorLabel() }));
    } catch (error) {
      if (error instanceof LegalProfileError) throw new CliError(error.message);
      throw error;
    }
    console.log(`${municipality.name}: las solicitudes de tipo ${kind === "arco" ? "ARCO" : "acceso a la información"} recibidas desde ${since} siguen el perfil ${profile}.`);
  },
};
