/**
 * Field brigades ("Mi barrio habla"): the members' offline app with its batch synchronisation,
 * the staff administration and summaries, and the public pages.
 */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { registerBrigadeAdminRoutes } from "./brigade-routes-admin.js";
import { registerBrigadeAppRoutes } from "./brigade-routes-app.js";
import { registerBrigadePublicRoutes } from "./brigade-routes-public.js";

export function registerBrigadeRoutes(app: FastifyInstance, services: Services): void {
  registerBrigadeAdminRoutes(app, services);
  registerBrigadePublicRoutes(app, services);
  registerBrigadeAppRoutes(app, services);
}
