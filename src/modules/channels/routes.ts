/** The channels module's routes: offices and procedures, hearings, brigades, assisted filing and the dashboard. */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { registerChannelPolicies } from "./policy.js";
import { registerOfficeRoutes } from "./routes-offices.js";
import { registerHearingRoutes } from "./routes-hearings.js";
import { registerBrigadeRoutes } from "./routes-brigades.js";
import { registerChannelStatsRoutes } from "./routes-stats.js";

export function registerChannelRoutes(app: FastifyInstance, services: Services): void {
  registerChannelPolicies();
  registerOfficeRoutes(app, services);
  registerHearingRoutes(app, services);
  registerBrigadeRoutes(app, services);
  registerChannelStatsRoutes(app, services);
}
