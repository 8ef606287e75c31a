import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import type { Services } from "../../platform/services.js";
import { registerRequestPolicies } from "./policy.js";
import { seedDemoCatalogue } from "./seed.js";
import { registerRequestRoutes } from "./routes.js";
import { seedDemoOpen311Key } from "./open311/keys.js";
import { citizenNav } from "./routes-citizen.js";
import { publicNav } from "./routes-public.js";
import { staffNav } from "./routes-staff.js";
import { can } from "../../platform/policy.js";
import { REQUESTS } from "./policy.js";
import { requestDatasets } from "./datasets.js";
import "./tables.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Atención ciudadana: the service catalogue, citizen requests, staff queue, colonia microsites, Open311. */
export const requestsModule: ModuleManifest = {
  name: "requests",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: registerRequestPolicies,
  routes: registerRequestRoutes,
  datasets: requestDatasets,
  municipalityNav: (ctx, slug) => [...citizenNav(ctx, slug), ...publicNav(ctx, slug), ...staffNav(ctx, slug)],
  pageLinks: {
    admin: (ctx, slug, municipalityId) => [
      ...(can(ctx.actor, REQUESTS.viewQueue, { municipalityId }) ? [{ href: `/${slug}/admin/solicitudes`, label: ctx.t("reqStaff:adminLinks.queue") }] : []),
      ...(can(ctx.actor, REQUESTS.manageCatalogue, { municipalityId })
        ? [
            { href: `/${slug}/admin/servicios`, label: ctx.t("reqStaff:adminLinks.catalogue") },
            { href: `/${slug}/admin/open311`, label: ctx.t("reqStaff:adminLinks.open311") },
          ]
        : []),
    ],
    municipality: (ctx, slug) => [
      { href: `/${slug}/solicitudes/buscar`, label: ctx.t("reqPublic:links.followFolio") },
      { href: `/${slug}/solicitudes/resumen`, label: ctx.t("reqPublic:links.summary") },
      { href: `/${slug}/datos/solicitudes.csv`, label: ctx.t("reqPublic:links.openDataCsv") },
      { href: `/${slug}/datos/solicitudes.geojson`, label: ctx.t("reqPublic:links.openDataGeojson") },
    ],
    colonia: (ctx, slug, colonia) => [
      { href: `/${slug}/colonias/${colonia}/solicitudes`, label: ctx.t("reqPublic:links.coloniaRequests") },
      { href: `/${slug}/colonias/${colonia}/solicitudes/feed.atom`, label: ctx.t("reqPublic:links.coloniaFeed") },
      { href: `/${slug}/datos/solicitudes.csv?colonia=${colonia}`, label: ctx.t("reqPublic:links.coloniaCsv") },
    ],
  },
  async seedDemo(services: Services, log: (line: string) => void) {
    await seedDemoCatalogue(services, log);
    await seedDemoOpen311Key(services, log);
  },
};
