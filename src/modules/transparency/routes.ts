/** Every HTTP route of the transparency module, one file per part. */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
// route-part imports (one line each)
import { registerSettingsRoutes } from "./routes-settings.js";
import { registerObligationRoutes } from "./routes-obligations.js";
import { registerDeadlineRoutes } from "./routes-deadline.js";
import { registerInfoRequestRoutes } from "./routes-info-staff.js";
import { registerArchiveRoutes } from "./routes-archive.js";
import { registerInfoAttachmentRoutes } from "./routes-info-attachments.js";
import { registerDatasetRoutes } from "./routes-datasets.js";

type Register = (app: FastifyInstance, services: Services) => void | Promise<void>;

const parts: Register[] = [
  // route parts (one line each)
  registerSettingsRoutes,
  registerObligationRoutes,
  registerDeadlineRoutes,
  registerInfoRequestRoutes,
  registerArchiveRoutes,
  registerInfoAttachmentRoutes,
  registerDatasetRoutes,
];

export async function registerTransparencyRoutes(app: FastifyInstance, services: Services): Promise<void> {
  for (const part of parts) await part(app, services);
}
