/** The transparency commands of the `cabildo` CLI, one list filled by each part. */
import type { CliCommand } from "../../platform/module.js";
// command imports (one line each)
import { legalProfileCommand } from "./settings-cli.js";
import { loadObligationsCommand } from "./obligations-catalogue.js";
import { obligationThresholdsCommand } from "./obligations-settings.js";
import { deadlineCommand } from "./deadline-cli.js";
import { reminderDaysCommand, remindersCommand } from "./info-reminders-cli.js";

export const transparencyCommands: CliCommand[] = [
  // commands (one line each)
  legalProfileCommand,
  loadObligationsCommand,
  obligationThresholdsCommand,
  deadlineCommand,
  remindersCommand, reminderDaysCommand,
];
