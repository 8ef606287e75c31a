import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import { registerPrioritisationRoutes } from "./routes.js";
import { registerPrioritisationSections } from "./section.js";
import { prioritisationDatasets } from "./exports.js";
import { seedDemoPrioritisation } from "./demo.js";
import "./tables.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Prioritisation inside participatory processes: approval voting with a per-person limit,
 * participatory budgeting with the budget line, and pairwise comparison scored with a
 * Bradley–Terry model; in-person ballots entered by staff; results with charts and open data.
 */
export const prioritisationModule: ModuleManifest = {
  name: "prioritisation",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: registerPrioritisationSections,
  routes: registerPrioritisationRoutes,
  datasets: prioritisationDatasets,
  seedDemo: seedDemoPrioritisation,
};
