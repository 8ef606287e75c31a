/** Option parsing shared by every `cabildo` command: one way to read a flag, a municipality, an operator. */
import os from "node:os";
import type { Services } from "../platform/services.js";
import { findActiveMunicipalityBySlug, type ActiveMunicipality } from "../modules/territory/queries.js";

/** A person's mistake on the command line: printed as "Error: …", exit code 1, nothing changed. */
export class CliError extends Error {}

export type Options = { _: string[]; [key: string]: string | boolean | string[] };

/** Parse `--name value`, `--name=value` and `--flag`; positional words are returned in `_`. */
export function parseOptions(args: string[]): Options {
  const out: Options = { _: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("--")) {
      const [key, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
      if (inline !== undefined) out[key] = inline;
      else if (i + 1 < args.length && !args[i + 1]!.startsWith("--")) out[key] = args[++i]!;
      else out[key] = true;
    } else out._.push(a);
  }
  return out;
}

/** `--name <value>`, required; `hint` says what the value is (or how to call the command). */
export function requiredOption(options: Options, name: string, hint?: string): string {
  const value = options[name];
  if (typeof value !== "string" || value.trim() === "") {
    throw new CliError(`Falta la opción --${name}${hint ? ` (${hint})` : " <valor>"}.`);
  }
  return value.trim();
}

/** `--name <value>` when given; a bare `--name` without a value is an error. */
export function optionalOption(options: Options, name: string): string | undefined {
  const value = options[name];
  if (value === true) throw new CliError(`La opción --${name} necesita un valor.`);
  return typeof value === "string" ? value.trim() : undefined;
}

/** `--municipality <slug>` resolved to an active municipality. */
export async function municipalityOption(options: Options, services: Services): Promise<ActiveMunicipality> {
  const slug = requiredOption(options, "municipality", "identificador del municipio");
  const municipality = await findActiveMunicipalityBySlug(services.db, slug);
  if (!municipality) throw new CliError(`No existe un municipio activo con el identificador "${slug}".`);
  return municipality;
}

/** Who ran a command, for the audit log ("línea de comandos (root)"). */
export function operatorLabel(): string {
  let user = "desconocido";
  try {
    user = os.userInfo().username;
  } catch {
    /* no passwd entry in some containers */
  }
  return `línea de comandos (${user})`;
}
