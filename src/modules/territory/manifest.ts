import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import { addLocaleFolder } from "../../platform/i18n/index.js";
import "./tables.js";
import { territoryCommands } from "./commands.js";
import { seedTerritoryDemo } from "./seed.js";
import { territoryRoutes } from "./routes.js";
import { territoryDatasets } from "./datasets.js";
import { territoryNav } from "./views/municipality.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const locales = path.join(here, "locales");
addLocaleFolder(locales);

/** Municipalities, colonias, boundaries, localities, departments; the public landing and territory pages. */
export const territoryModule: ModuleManifest = {
  name: "territory",
  migrations: path.join(here, "migrations"),
  locales,
  commands: territoryCommands,
  routes: territoryRoutes,
  datasets: territoryDatasets,
  seedDemo: seedTerritoryDemo,
  municipalityNav: territoryNav,
};
