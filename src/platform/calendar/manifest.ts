import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../module.js";
import { MANAGE_CALENDAR, registerCalendarPolicies } from "./policy.js";
import { can } from "../policy.js";
import { calendarCommands } from "./cli.js";
import { auditVerifyCommand } from "../audit/cli.js";
import { registerCalendarRoutes } from "./routes.js";

const here = path.dirname(fileURLToPath(import.meta.url));

export { MANAGE_CALENDAR } from "./policy.js";

/**
 * Business-day calendar: statutory rest days plus each municipality's días inhábiles.
 * It also carries the platform's `audit verify` command, so the audit log needs no manifest.
 */
export const calendarModule: ModuleManifest = {
  name: "calendar",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: registerCalendarPolicies,
  routes: registerCalendarRoutes,
  municipalityNav: (ctx, slug) => [{ href: `/${slug}/calendario`, label: ctx.t("calendar:navLabel") }],
  pageLinks: {
    admin: (ctx, slug, municipalityId) => (can(ctx.actor, MANAGE_CALENDAR, { municipalityId }) ? [{ href: `/${slug}/admin/calendario`, label: ctx.t("calendar:adminLink") }] : []),
  },
  // A getter: the commands import the CLI framework, which imports this manifest.
  get commands() {
    return [...calendarCommands, auditVerifyCommand];
  },
};
