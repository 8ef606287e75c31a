import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import "./tables.js";
import { roundtableDatasets } from "./opendata.js";
import { registerRoundtableRoutes, registerRoundtableSections } from "./routes.js";
import { seedDemoRoundtables } from "./demo.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Roundtables (mesas de trabajo) of participatory processes: member organisations by sector,
 * sessions with agendas, attendance, minutes and files, numbered agreements with their status and
 * overdue flag in business days, iCal of upcoming sessions, open data of agreements.
 */
export const roundtablesModule: ModuleManifest = {
  name: "roundtables",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: registerRoundtableSections,
  routes: registerRoundtableRoutes,
  datasets: roundtableDatasets,
  seedDemo: seedDemoRoundtables,
};
