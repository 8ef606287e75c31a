/** Every HTTP route of consultations, one file per audience. */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { registerConsultationPublicRoutes } from "./routes-public.js";
import { registerConsultationStaffRoutes } from "./routes-staff.js";
import { registerConsultationOpenData } from "./opendata.js";
import { registerConsultationSections } from "./sections.js";

export async function registerConsultationRoutes(app: FastifyInstance, services: Services): Promise<void> {
  registerConsultationSections();
  registerConsultationPublicRoutes(app, services);
  registerConsultationStaffRoutes(app, services);
  registerConsultationOpenData(app, services);
}
