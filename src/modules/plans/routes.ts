/** The plans module's routes: staff, reviewers and observatories, public pages, the state view. */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { registerPlanPolicies } from "./policy.js";
import { registerStaffRoutes } from "./routes-staff.js";
import { registerReviewRoutes } from "./routes-review.js";
import { registerPublicRoutes } from "./routes-public.js";
import { registerSharedRoutes } from "./routes-shared.js";

export function registerPlanRoutes(app: FastifyInstance, services: Services): void {
  registerPlanPolicies();
  registerStaffRoutes(app, services);
  registerReviewRoutes(app, services);
  registerPublicRoutes(app, services);
  registerSharedRoutes(app, services);
}
