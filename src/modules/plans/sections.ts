/**
 * How the parts of the plans module that others build (reviews and observatories, inter-municipal
 * commitments) appear on the public plan and commitment pages without those pages importing them:
 * registries keyed by id (registering again replaces, since every app built in a process registers).
 * A section renders null when it has nothing to show.
 */
import type { VNode } from "preact";
import type { Services } from "../../platform/services.js";
import type { PageContext } from "../../platform/views/context.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import type { CommitmentSummary, PlanClock, PlanRow } from "./queries.js";

export interface PlanSectionArgs {
  services: Services;
  municipality: ActiveMunicipality;
  plan: PlanRow;
  commitments: CommitmentSummary[];
  clock: PlanClock;
  /** The request's query string values (for a section's own pagination, e.g. ?informes=2). */
  query: Record<string, string | undefined>;
}

export interface CommitmentSectionArgs extends Omit<PlanSectionArgs, "commitments"> {
  commitment: CommitmentSummary;
}

export interface PlanSection {
  id: string;
  order: number;
  render(ctx: PageContext, args: PlanSectionArgs): Promise<VNode | null>;
}

export interface CommitmentSection {
  id: string;
  order: number;
  render(ctx: PageContext, args: CommitmentSectionArgs): Promise<VNode | null>;
}

const planSections = new Map<string, PlanSection>();
const commitmentSections = new Map<string, CommitmentSection>();

const byOrder = <T extends { id: string; order: number }>(list: Iterable<T>): T[] =>
  [...list].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function registerPlanSection(section: PlanSection): void {
  planSections.set(section.id, section);
}

export function registerCommitmentSection(section: CommitmentSection): void {
  commitmentSections.set(section.id, section);
}

/** The registered sections' blocks for a plan page, in order, without the empty ones. */
export async function renderPlanSections(ctx: PageContext, args: PlanSectionArgs): Promise<VNode[]> {
  const blocks = await Promise.all(byOrder(planSections.values()).map((s) => s.render(ctx, args)));
  return blocks.filter((b): b is VNode => b !== null);
}

export async function renderCommitmentSections(ctx: PageContext, args: CommitmentSectionArgs): Promise<VNode[]> {
  const blocks = await Promise.all(byOrder(commitmentSections.values()).map((s) => s.render(ctx, args)));
  return blocks.filter((b): b is VNode => b !== null);
}
