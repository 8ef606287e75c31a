/**
 * The `cabildo` command line: `npm run cabildo -- <command> [args]` or the `cabildo` bin.
 * Commands come from the module manifests; a failing command prints a Spanish message
 * (never a stack trace) and exits with a non-zero code.
 */
import { loadConfig } from "../config.js";
import { startServices } from "../platform/boot.js";
import { modules } from "../modules/index.js";
import type { CliCommand, StandaloneCliCommand } from "../platform/module.js";

export { CliError, parseOptions } from "./options.js";
import { CliError } from "./options.js";

function allCommands(): (CliCommand | StandaloneCliCommand)[] {
  return modules.flatMap((m) => m.commands ?? []);
}

function usage(): string {
  const lines = ["Uso: cabildo <comando> [opciones]", "", "Comandos:"];
  for (const c of allCommands()) lines.push(`  cabildo ${c.usage}`, `      ${c.description}`);
  return lines.join("\n");
}

export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "help" || argv[0] === "--help" || argv[0] === "-h") {
    console.log(usage());
    return argv.length === 0 ? 1 : 0;
  }
  // Longest command name that prefixes the arguments wins ("import colonias" before "import").
  const commands = allCommands().sort((a, b) => b.name.split(" ").length - a.name.split(" ").length);
  const command = commands.find((c) => {
    const words = c.name.split(" ");
    return words.every((w, i) => argv[i] === w);
  });
  if (!command) {
    console.error(`Comando desconocido: ${argv.join(" ")}\n\n${usage()}`);
    return 2;
  }
  const args = argv.slice(command.name.split(" ").length);
  if (command.needsDatabase === false) return runReporting(command.name, () => command.run(args));
  let services;
  try {
    services = await startServices(loadConfig());
  } catch (error) {
    console.error(`No se pudo abrir la base de datos: ${(error as Error).message}`);
    return 1;
  }
  const opened = services;
  try {
    return await runReporting(command.name, () => command.run(args, opened));
  } finally {
    await services.handle.close();
  }
}

/** Runs a command and turns its failure into a Spanish message and exit code 1. */
async function runReporting(name: string, run: () => Promise<number | void>): Promise<number> {
  try {
    const code = await run();
    return typeof code === "number" ? code : 0;
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`Error: ${error.message}`);
      return 1;
    }
    console.error(`Error inesperado en "${name}": ${(error as Error).message}`);
    if (process.env.CABILDO_DEBUG) console.error(error);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("cli/main.ts")) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
