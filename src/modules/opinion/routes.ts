/** Every HTTP route of opinion conversations, and this app's background analysis scheduler. */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { publicRoutes } from "./routes-public.js";
import { staffRoutes } from "./routes-staff.js";
import { dataRoutes } from "./routes-data.js";
import { registerOpinionSections } from "./sections.js";
import { AnalysisScheduler } from "./analysis-runner.js";

export async function registerOpinionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  registerOpinionSections();
  publicRoutes(app, services);
  staffRoutes(app, services);
  dataRoutes(app, services);
  // Background work runs where the JOBS setting allows it (off under the test runner, where tests
  // start their own scheduler); with several processes, any of them may compute (advisory lock).
  if (!services.config.jobs) return;
  const scheduler = new AnalysisScheduler(services);
  await scheduler.start();
  app.addHook("onClose", async () => scheduler.stop());
}
