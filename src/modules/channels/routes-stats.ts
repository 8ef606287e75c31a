/** Assisted filing and the staff dashboard by channel and colonia (helper D). */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";

export function registerChannelStatsRoutes(_app: FastifyInstance, _services: Services): void {}
