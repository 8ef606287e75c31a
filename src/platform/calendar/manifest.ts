import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../module.js";
import { definedActions, definePolicy, hasRole, isPlatformAdmin } from "../policy.js";
import { calendarCommands } from "./cli.js";
import { auditVerifyCommand } from "../audit/cli.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Who may declare días inhábiles and the cut-off hour of a municipality. */
export const MANAGE_CALENDAR = "calendar.manage";

/**
 * Business-day calendar: statutory rest days plus each municipality's días inhábiles.
 * It also carries the platform's `audit verify` command, so the audit log needs no manifest
 * (and no extra line in src/modules/index.ts).
 */
export const calendarModule: ModuleManifest = {
  name: "calendar",
  migrations: path.join(here, "migrations"),
  policies() {
    // buildApp registers policies every time it builds an app (tests build several).
    if (definedActions().includes(MANAGE_CALENDAR)) return;
    definePolicy<{ municipalityId: number }>(
      MANAGE_CALENDAR,
      (actor, subject) => isPlatformAdmin(actor) || hasRole(actor, subject.municipalityId, "administrator"),
    );
  },
  // A getter: the commands import the CLI framework, which imports this manifest.
  get commands() {
    return [...calendarCommands, auditVerifyCommand];
  },
};
