/** The channels module's links: the navigation bar, the municipality's home and the staff dashboard. */
import { can } from "../../platform/policy.js";
import type { MunicipalityNavContributor, NavItem, PageLinkContributors } from "../../platform/views/nav.js";
import type { PageContext } from "../../platform/views/context.js";
import { CHANNELS } from "./policy.js";
import * as u from "./urls.js";

/** "Trámites y oficinas" in every municipality's navigation. */
export const channelsNav: MunicipalityNavContributor = (ctx, slug) => [{ href: u.proceduresPath(slug), label: ctx.t("channels:nav.procedures") }];

function adminLinks(ctx: PageContext, slug: string, municipalityId: number): NavItem[] {
  const links: NavItem[] = [];
  const subject = { municipalityId };
  if (can(ctx.actor, CHANNELS.fileAssisted, subject)) links.push({ href: u.assistedRequestPath(slug), label: ctx.t("channels:admin.assisted") });
  if (can(ctx.actor, CHANNELS.attendHearing, subject)) links.push({ href: u.adminHearingsPath(slug), label: ctx.t("channels:admin.hearings") });
  if (can(ctx.actor, CHANNELS.manage, subject)) {
    links.push({ href: u.adminBrigadesPath(slug), label: ctx.t("channels:admin.brigades") });
    links.push({ href: u.adminOfficesPath(slug), label: ctx.t("channels:admin.offices") });
    links.push({ href: u.adminProceduresPath(slug), label: ctx.t("channels:admin.procedures") });
  }
  if (can(ctx.actor, CHANNELS.viewStats, subject)) links.push({ href: u.channelStatsPath(slug), label: ctx.t("channels:admin.stats") });
  return links;
}

export const channelPageLinks: PageLinkContributors = {
  municipality: (ctx, slug) => [
    { href: u.officesPath(slug), label: ctx.t("channels:home.offices") },
    { href: u.hearingsPath(slug), label: ctx.t("channels:home.hearings") },
    { href: u.brigadesPath(slug), label: ctx.t("channels:home.brigades") },
  ],
  admin: adminLinks,
};
