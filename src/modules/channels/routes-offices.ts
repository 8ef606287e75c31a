/** Offices and the procedures catalogue: public pages, the nearest-office API, open data and staff administration (helper C). */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { registerOfficeAdminRoutes } from "./office-routes-admin.js";
import { registerOfficePublicRoutes } from "./office-routes-public.js";
import { registerOfficeDataRoutes } from "./opendata-offices.js";
import { registerProcedureAdminRoutes } from "./procedure-routes-admin.js";
import { registerProcedurePublicRoutes } from "./procedure-routes-public.js";

export function registerOfficeRoutes(app: FastifyInstance, services: Services): void {
  registerOfficePublicRoutes(app, services);
  registerProcedurePublicRoutes(app, services);
  registerOfficeDataRoutes(app, services);
  registerOfficeAdminRoutes(app, services);
  registerProcedureAdminRoutes(app, services);
}
