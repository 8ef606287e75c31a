/** Offices and the procedures catalogue: public pages and staff administration (helper C). */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";

export function registerOfficeRoutes(_app: FastifyInstance, _services: Services): void {}
