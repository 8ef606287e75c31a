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
