import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import "./tables.js";
import "./subscription-tables.js";
import { registerPlanPolicies } from "./policy.js";
import { registerPlanRoutes } from "./routes.js";
import { plansAdminLinks } from "./routes-staff.js";
import { plansNav } from "./routes-public.js";
import { sharedPageLinks } from "./shared-links.js";
import { reviewPageLinks } from "./routes-review.js";
import { planDatasets } from "./opendata.js";
import { subscriptionNoticesJob } from "./subscription-notices.js";
import { observatoryOverdueJob } from "./overdue-notices.js";
import { ogpImportCommand } from "./ogp-cli.js";
import { prepareDemoPlans, seedDemoPlans } from "./demo.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Action plans and accountability (OGP Local): plans with their team, commitments with the OGP
 * Local fields, weighted milestones with evidence, checkpoints on the IRM's scales, plan
 * reviewers, civil-society observatories, shared (inter-municipal) commitments and the state
 * view, public pages with comments, subscriptions, Atom feeds and open data, and the importer of
 * OGP's commitment sheet.
 */
export const plansModule: ModuleManifest = {
  name: "plans",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: registerPlanPolicies,
  routes: registerPlanRoutes,
  municipalityNav: plansNav,
  pageLinks: {
    municipality: (ctx, slug) => [...(reviewPageLinks.municipality?.(ctx, slug) ?? []), ...(sharedPageLinks.municipality?.(ctx, slug) ?? [])],
    admin: (ctx, slug, municipalityId) => [
      ...plansAdminLinks(ctx, slug, municipalityId),
      ...(reviewPageLinks.admin?.(ctx, slug, municipalityId) ?? []),
      ...(sharedPageLinks.admin?.(ctx, slug, municipalityId) ?? []),
    ],
  },
  datasets: planDatasets,
  jobs: [subscriptionNoticesJob, observatoryOverdueJob],
  commands: [ogpImportCommand],
  prepareDemo: prepareDemoPlans,
  seedDemo: seedDemoPlans,
};
