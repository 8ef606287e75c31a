import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import { registerRequestPolicies } from "./policy.js";
import { seedDemoCatalogue } from "./seed.js";
import { registerRequestRoutes } from "./routes.js";
import "./tables.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Atención ciudadana: the service catalogue, citizen requests, staff queue, colonia microsites, Open311. */
export const requestsModule: ModuleManifest = {
  name: "requests",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: registerRequestPolicies,
  routes: registerRequestRoutes,
  seedDemo: seedDemoCatalogue,
};
