/**
 * `cabildo plans import-ogp FILE --municipio SLUG [--plan-ogp AP_XXX …] [--pais NAME] [--publicar]`:
 * OGP's commitments (official column layout) into the municipality's plans, one plan per Action
 * Plan ID, with the IRM's ratings. Progress goes to stderr, the summary to stdout; a file that
 * is not OGP's layout, or has a malformed or truncated row, changes nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { CliError, municipalityOption, operatorLabel, optionalOption, parseOptions } from "../../cli/options.js";
import type { CliCommand } from "../../platform/module.js";
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { OgpImportError } from "./ogp-import.js";
import { importOgpCommitments } from "./ogp-import-service.js";

/**
 * Every value of a repeatable option: `--plan-ogp A --plan-ogp B`, `--plan-ogp A B` and
 * `--plan-ogp A,B` (parseOptions keeps only the last value and sends the others to the positionals).
 */
function repeatedOption(args: string[], name: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}` || a.startsWith(`--${name}=`)) {
      const inline = a.includes("=") ? [a.slice(a.indexOf("=") + 1)] : [];
      if (inline.length === 0 && i + 1 < args.length && !args[i + 1]!.startsWith("--")) inline.push(args[++i]!);
      while (a === `--${name}` && i + 1 < args.length && /^AP_/i.test(args[i + 1]!)) inline.push(args[++i]!);
      if (inline.length === 0) throw new CliError(`La opción --${name} necesita el identificador de un plan de OGP (p. ej. AP_UKR02).`);
      values.push(...inline.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean));
    } else rest.push(a);
  }
  return { values, rest };
}

export const ogpImportCommand: CliCommand = {
  name: "plans import-ogp",
  usage: "plans import-ogp FILE --municipio <slug> [--plan-ogp AP_XXX …] [--pais <país>] [--publicar]",
  description:
    "Importa compromisos de OGP (hoja oficial de compromisos, columnas por nombre) como planes de acción del municipio, uno por Action Plan ID, con las valoraciones del IRM. Importar de nuevo actualiza; sin --publicar los planes quedan sin publicar.",
  async run(args: string[], services: Services) {
    const { values: planIds, rest } = repeatedOption(args, "plan-ogp");
    const options = parseOptions(rest);
    // The Spanish option name is the documented one; --municipality works as in every other command.
    if (options.municipio === true) throw new CliError("La opción --municipio necesita el identificador del municipio.");
    if (options.municipio !== undefined && options.municipality === undefined) options.municipality = options.municipio;
    const [file, ...extra] = options._;
    if (!file) throw new CliError("Indique el archivo CSV de compromisos de OGP: plans import-ogp FILE --municipio <slug>.");
    if (extra.length > 0) throw new CliError(`Sobran argumentos: ${extra.join(" ")}. Para varios planes use --plan-ogp AP_A,AP_B.`);
    const municipality = await municipalityOption(options, services);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      throw new CliError(`No se puede leer el archivo ${file}.`);
    }
    try {
      const result = await importOgpCommitments(services, municipality.id, text, {
        planIds,
        country: optionalOption(options, "pais"),
        publish: options.publicar === true,
        source: path.basename(file),
        by: { actor: anonymous, label: operatorLabel() },
        log: (line) => process.stderr.write(`${line}\n`),
      });
      const updatedPlans = result.plans.length - result.plansCreated;
      process.stdout.write(
        `${municipality.name}: ${result.rows} compromisos leídos en ${result.plans.length} planes (${result.plansCreated} nuevos, ${updatedPlans} ya importados); ` +
          `${result.commitmentsCreated} compromisos nuevos, ${result.commitmentsUpdated} actualizados; ${result.checkpointsCreated} momentos de revisión nuevos; ${result.assessmentsAdded} valoraciones del IRM añadidas.\n`,
      );
      for (const p of result.plans.slice(0, 5)) process.stdout.write(`  /${municipality.slug}/admin/planes/${p.slug}\n`);
      if (result.plans.length > 5) process.stdout.write(`  … y ${result.plans.length - 5} planes más en /${municipality.slug}/admin/planes\n`);
    } catch (error) {
      if (error instanceof OgpImportError) throw new CliError(`${error.message} No se guardó nada.`);
      throw error;
    }
  },
};
