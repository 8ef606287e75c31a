import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import "./tables.js";
import { canManageParticipation, registerParticipationPolicies } from "./policy.js";
import { registerParticipationRoutes } from "./routes.js";
import { seedDemoParticipation } from "./demo.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Participation (OGP Local co-creation): participatory processes with phases, their team and
 * documents, participants and the level each action requires. Proposals, consultations,
 * prioritisation and roundtables are their own modules and plug into a process's page.
 */
export const participationModule: ModuleManifest = {
  name: "participation",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: registerParticipationPolicies,
  routes: registerParticipationRoutes,
  seedDemo: seedDemoParticipation,
  municipalityNav: (ctx, slug) => [
    { href: `/${slug}/participa`, label: ctx.t("participation:nav") },
    ...(ctx.municipality && canManageParticipation(ctx.actor, ctx.municipality.id) ? [{ href: `/${slug}/admin/participa`, label: ctx.t("participation:adminNav") }] : []),
  ],
};
