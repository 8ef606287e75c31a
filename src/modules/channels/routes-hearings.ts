/** Open hearings: public pages, turns, the public screen, iCalendar, open data, the staff room (helper B). */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { registerHearingPublicRoutes } from "./hearing-routes-public.js";
import { registerHearingStaffRoutes } from "./hearing-routes-staff.js";

export function registerHearingRoutes(app: FastifyInstance, services: Services): void {
  registerHearingPublicRoutes(app, services);
  registerHearingStaffRoutes(app, services);
}
