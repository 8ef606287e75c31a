import type { PageContext } from "./context.js";

export interface NavItem {
  href: string;
  label: string;
}

/** A module's links in a municipality's navigation bar, e.g. Colonias, Calendario, Administración. */
export type MunicipalityNavContributor = (ctx: PageContext, slug: string) => NavItem[];

let contributors: MunicipalityNavContributor[] = [];

/** Set once by buildApp from the module manifests, in module order. */
export function setMunicipalityNav(list: MunicipalityNavContributor[]): void {
  contributors = list;
}

export function municipalityNavItems(ctx: PageContext): NavItem[] {
  const m = ctx.municipality;
  if (!m) return [];
  return [{ href: `/${m.slug}`, label: ctx.t("nav.home") }, ...contributors.flatMap((c) => c(ctx, m.slug))];
}

/**
 * Links a module adds to another module's page without either knowing the other: e.g. the
 * requests module adds "Solicitudes de esta colonia" to territory's colonia page.
 */
export interface PageLinkContributors {
  municipality?: (ctx: PageContext, slug: string) => NavItem[];
  colonia?: (ctx: PageContext, slug: string, coloniaSlug: string) => NavItem[];
  /**
   * Staff pages listed on the municipality's administration dashboard (/:slug/admin). The
   * contributor returns only the links `ctx.actor` may open (it checks its own policies).
   */
  admin?: (ctx: PageContext, slug: string, municipalityId: number) => NavItem[];
}

let pageLinkContributors: PageLinkContributors[] = [];

export function setPageLinks(list: PageLinkContributors[]): void {
  pageLinkContributors = list;
}

export function municipalityPageLinks(ctx: PageContext, slug: string): NavItem[] {
  return pageLinkContributors.flatMap((c) => c.municipality?.(ctx, slug) ?? []);
}

export function coloniaPageLinks(ctx: PageContext, slug: string, coloniaSlug: string): NavItem[] {
  return pageLinkContributors.flatMap((c) => c.colonia?.(ctx, slug, coloniaSlug) ?? []);
}

export function adminPageLinks(ctx: PageContext, slug: string, municipalityId: number): NavItem[] {
  return pageLinkContributors.flatMap((c) => c.admin?.(ctx, slug, municipalityId) ?? []);
}
