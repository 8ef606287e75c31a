import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { registerAccountRoutes } from "./routes-account.js";
import { registerAuthRoutes } from "./routes-auth.js";
import { registerStaffRoutes } from "./routes-staff.js";
import { actorForSessionToken, SESSION_COOKIE } from "./sessions.js";

export function registerAccountsModule(app: FastifyInstance, services: Services): void {
  // Runs after the app's own onRequest hook (which sets the anonymous actor): a valid session
  // cookie turns the visitor into their account. Disabled or expired → stays anonymous.
  app.addHook("onRequest", async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const actor = await actorForSessionToken(services.db, token);
    if (actor) request.actor = actor;
  });
  registerAuthRoutes(app, services);
  registerAccountRoutes(app, services);
  registerStaffRoutes(app, services);
}
