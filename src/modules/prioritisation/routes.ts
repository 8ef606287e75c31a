/** Every HTTP route of the prioritisation module. */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { registerPublicRoutes } from "./routes-public.js";
import { registerStaffRoutes } from "./routes-staff.js";
import { registerDataRoutes } from "./routes-data.js";

export function registerPrioritisationRoutes(app: FastifyInstance, services: Services): void {
  registerPublicRoutes(app, services);
  registerStaffRoutes(app, services);
  registerDataRoutes(app, services);
}
