/** Every HTTP route of proposals, one file per audience. */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { publicRoutes } from "./routes-public.js";
import { staffRoutes } from "./routes-staff.js";
import { dataRoutes } from "./routes-data.js";
import { commitmentRoutes } from "./routes-commitments.js";
import { registerProposalSections } from "./sections.js";

export async function registerProposalRoutes(app: FastifyInstance, services: Services): Promise<void> {
  registerProposalSections();
  publicRoutes(app, services);
  staffRoutes(app, services);
  dataRoutes(app, services);
  commitmentRoutes(app, services);
}
