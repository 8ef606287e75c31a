/** Field brigades: the offline app, batch synchronisation, staff administration and summaries (helper A). */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";

export function registerBrigadeRoutes(_app: FastifyInstance, _services: Services): void {}
