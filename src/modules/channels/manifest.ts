import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import "./tables.js";
import { registerChannelPolicies } from "./policy.js";
import { registerChannelRoutes } from "./routes.js";
import { channelPageLinks, channelsNav } from "./nav.js";
import { channelDatasets } from "./opendata.js";
import { seedDemoChannels } from "./demo.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Channels beyond the web: service offices and the catalogue of municipal procedures (with the
 * nearest office for a service), open hearings with turns and a public screen, field brigades
 * with an offline app that synchronises in idempotent batches, assisted filing by staff, and the
 * breakdown of requests and proposals by channel and colonia. Whatever a channel gathers enters
 * the same citizen-attention flow: a request with its folio, or a proposal.
 */
export const channelsModule: ModuleManifest = {
  name: "channels",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: registerChannelPolicies,
  routes: registerChannelRoutes,
  municipalityNav: channelsNav,
  pageLinks: channelPageLinks,
  datasets: channelDatasets,
  seedDemo: seedDemoChannels,
};
