import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import { canManageParticipation } from "../participation/policy.js";
import { registerOpinionRoutes } from "./routes.js";
import { registerOpinionPolicies } from "./policy.js";
import { registerOpinionSections } from "./sections.js";
import { opinionDatasets } from "./datasets.js";
import { seedDemoOpinion } from "./demo.js";
import { recomputeStaleJob } from "./analysis-runner.js";
import { importPolisCommand, recomputeCommand } from "./import-polis.js";
import { opinionAnalyzeCommand } from "./analysis/cli.js";
import "./tables.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Opinion maps (issue 6, Polis-class): conversations where people vote agree / disagree / pass
 * on short statements and write their own; a background analysis maps opinion groups, their
 * representative statements and the consensus; results pages, a printable report, exports in
 * Polis' open-data layout and the importer of Polis exports.
 */
export const opinionModule: ModuleManifest = {
  name: "opinion",
  migrations: path.join(here, "migrations"),
  locales: path.join(here, "locales"),
  policies: () => {
    registerOpinionPolicies();
    registerOpinionSections();
  },
  routes: registerOpinionRoutes,
  commands: [importPolisCommand, recomputeCommand, opinionAnalyzeCommand],
  municipalityNav: (ctx, slug) => [{ href: `/${slug}/opinion`, label: ctx.t("opinion:nav") }],
  pageLinks: {
    admin: (ctx, slug, municipalityId) => (canManageParticipation(ctx.actor, municipalityId) ? [{ href: `/${slug}/admin/opinion`, label: ctx.t("opinion:staff.title") }] : []),
  },
  datasets: opinionDatasets,
  jobs: [recomputeStaleJob],
  seedDemo: seedDemoOpinion,
};
