import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import { registerProposalRoutes } from "./routes.js";
import { registerProposalSections } from "./sections.js";
import { proposalDatasets } from "./datasets.js";
import { seedDemoProposals } from "./demo.js";
import "./tables.js";
import "./commitment-tables.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Proposals of participatory processes (issue 5, item 3): topics, ideas, challenges and proposals,
 * online or gathered in person; supports with a threshold; threaded comments; official reasoned
 * answers; merging; moderation with a public log; open data.
 */
export const proposalsModule: ModuleManifest = {
  name: "proposals",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: registerProposalSections,
  routes: registerProposalRoutes,
  datasets: proposalDatasets,
  seedDemo: seedDemoProposals,
};
