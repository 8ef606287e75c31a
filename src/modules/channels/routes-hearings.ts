/** Open hearings: public pages, turns, the public screen, iCalendar, staff room (helper B). */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";

export function registerHearingRoutes(_app: FastifyInstance, _services: Services): void {}
