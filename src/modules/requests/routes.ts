/** Every HTTP route of atención ciudadana, one file per audience. */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
// route-part imports (one line each)
import { publicRoutes } from "./routes-public.js";
import { open311Routes } from "./open311/routes.js";
import { registerStaffRequestRoutes } from "./routes-staff.js";
import { citizenRoutes } from "./routes-citizen.js";
import { catalogueRoutes } from "./routes-catalogue.js";

type Register = (app: FastifyInstance, services: Services) => void | Promise<void>;

const parts: Register[] = [
  // route parts (one line each)
  publicRoutes,
  open311Routes,
  registerStaffRequestRoutes,
  citizenRoutes,
  catalogueRoutes,
];

export async function registerRequestRoutes(app: FastifyInstance, services: Services): Promise<void> {
  for (const part of parts) await part(app, services);
}
