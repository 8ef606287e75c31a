import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import { registerTransparencyRoutes } from "./routes.js";
import { transparencyCommands } from "./commands.js";
import { registerDeadlinePolicies } from "./routes-deadline.js";
import { seedDemoObligations } from "./obligations-seed.js";
import { seedDemoInformationRequests } from "./info-demo.js";
import { transparencyDatasets } from "./datasets.js";
import { transparencyAdminLinks } from "./routes-settings.js";
import { seedDemoLegalProfiles } from "./settings.js";
import { informationRemindersJob } from "./info-reminders.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Transparency: legal deadline profiles, access-to-information and ARCO requests, obligations, compliance index. */
export const transparencyModule: ModuleManifest = {
  name: "transparency",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: registerDeadlinePolicies,
  routes: registerTransparencyRoutes,
  datasets: transparencyDatasets,
  jobs: [informationRemindersJob],
  async seedDemo(services, log) {
    await seedDemoLegalProfiles(services.db, log);
    await seedDemoObligations(services, log);
    await seedDemoInformationRequests(services, log);
  },
  municipalityNav: (ctx, slug) => [{ href: `/${slug}/transparencia`, label: ctx.t("trObligations:nav") }],
  pageLinks: {
    admin: transparencyAdminLinks,
    municipality: (ctx, slug) => [
      { href: `/${slug}/transparencia/solicitudes/nueva`, label: ctx.t("trArchive:links.ask") },
      { href: `/${slug}/transparencia/archivo`, label: ctx.t("trArchive:links.archive") },
      { href: `/${slug}/transparencia/estadisticas`, label: ctx.t("trArchive:links.statistics") },
    ],
  },
  get commands() {
    return transparencyCommands;
  },
};
