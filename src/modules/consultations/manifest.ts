import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import { registerConsultationRoutes } from "./routes.js";
import { consultationDatasets } from "./opendata.js";
import { seedDemoConsultation } from "./demo.js";
import "./tables.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Consultations of participatory processes: online questionnaires (single and multiple choice,
 * scale, text, ranking), in-person sessions with attendance by sector, minutes and photos, paper
 * answers entered by staff, results by channel and colonia, open data.
 */
export const consultationsModule: ModuleManifest = {
  name: "consultations",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  routes: registerConsultationRoutes,
  datasets: consultationDatasets,
  seedDemo: seedDemoConsultation,
};
