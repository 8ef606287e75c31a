/**
 * Links to the inter-municipal and state pages from other modules' pages (manifest pageLinks):
 * the state's comparison on the municipality's home page, and the shared commitments' staff page
 * on the administration dashboard for those who may see plans' staff pages.
 */
import { can } from "../../platform/policy.js";
import type { PageLinkContributors } from "../../platform/views/nav.js";
import { PLANS } from "./policy.js";
import { stateDisplayName, stateSlug } from "./state-names.js";
import { adminSharedBase } from "./views/shared-admin.js";

export const sharedPageLinks: PageLinkContributors = {
  municipality: (ctx) =>
    ctx.municipality
      ? [{ href: `/estados/${stateSlug(ctx.municipality.stateName)}/planes`, label: ctx.t("plansShared:stateLink", { state: stateDisplayName(ctx.municipality.stateName) }) }]
      : [],
  admin: (ctx, slug, municipalityId) => (can(ctx.actor, PLANS.view, { municipalityId }) ? [{ href: adminSharedBase(slug), label: ctx.t("plansShared:adminTitle") }] : []),
};
