import path from "node:path";
import { fileURLToPath } from "node:url";
import { addLocaleFolder } from "../../platform/i18n/index.js";
import type { ModuleManifest } from "../../platform/module.js";
import { can } from "../../platform/policy.js";
import { accountCommands } from "./cli.js";
import { registerAccountPolicies } from "./policy.js";
import { registerAccountsModule } from "./routes.js";
import { prepareDemoCredentials, seedDemoStaff } from "./seed.js";
import "./tables.js";

const here = path.dirname(fileURLToPath(import.meta.url));
addLocaleFolder(path.join(here, "locales"));

/** Citizens' and staff accounts, sessions, roles per municipality, invitations. */
export const accountsModule: ModuleManifest = {
  name: "accounts",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: registerAccountPolicies,
  routes: registerAccountsModule,
  commands: accountCommands,
  prepareDemo: () => prepareDemoCredentials(),
  seedDemo: seedDemoStaff,
  // Staff (and overseeing state bodies) see a link to the municipality's staff area.
  municipalityNav: (ctx, slug) =>
    ctx.municipality && can(ctx.actor, "municipality.viewAdmin", { id: ctx.municipality.id }) ? [{ href: `/${slug}/admin`, label: ctx.t("nav.admin") }] : [],
};
