/** The transparency commands of the `cabildo` CLI, one list filled by each part. */
import type { CliCommand } from "../../platform/module.js";
// command imports (one line each)
import { loadObligationsCommand } from "./obligations-catalogue.js";
import { obligationThresholdsCommand } from "./obligations-settings.js";
import { deadlineCommand } from "./deadline-cli.js";

export const transparencyCommands: CliCommand[] = [
  // commands (one line each)
  loadObligationsCommand,
  obligationThresholdsCommand,
  deadlineCommand,
];
