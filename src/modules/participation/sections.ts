/**
 * How component modules (proposals, consultations, prioritisation, roundtables) appear on a
 * process's pages without the core knowing them: registries keyed by id, so registering again
 * (every app built in a process registers its modules) replaces.
 */
import type { VNode } from "preact";
import type { Executor } from "../../platform/db/database.js";
import type { Services } from "../../platform/services.js";
import type { PageContext } from "../../platform/views/context.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import type { ProcessView } from "./processes.js";

export interface ProcessSectionArgs {
  services: Services;
  municipality: ActiveMunicipality;
  process: ProcessView;
  today: LocalDate;
}

/** A block of the public process page (e.g. "Propuestas" with the latest ones and a link). */
export interface ProcessSection {
  id: string;
  order: number;
  render(ctx: PageContext, args: ProcessSectionArgs): Promise<VNode | null>;
}

/** A link on the staff page of a process (e.g. "Propuestas: moderación y respuestas"). */
export interface ProcessAdminLink {
  id: string;
  order: number;
  label(ctx: PageContext): string;
  href(municipalitySlug: string, processSlug: string): string;
}

/** Inputs that OGP asks a reasoned public response for: the process page shows answered/total. */
export interface InputSource {
  id: string;
  count(db: Executor, municipalityId: number, processId: number): Promise<{ total: number; answered: number }>;
}

const sections = new Map<string, ProcessSection>();
const adminLinks = new Map<string, ProcessAdminLink>();
const inputSources = new Map<string, InputSource>();

const byOrder = <T extends { id: string; order: number }>(list: Iterable<T>): T[] =>
  [...list].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function registerProcessSection(section: ProcessSection): void {
  sections.set(section.id, section);
}

export function registerProcessAdminLink(link: ProcessAdminLink): void {
  adminLinks.set(link.id, link);
}

export function registerInputSource(source: InputSource): void {
  inputSources.set(source.id, source);
}

export function processSections(): ProcessSection[] {
  return byOrder(sections.values());
}

export function processAdminLinks(): ProcessAdminLink[] {
  return byOrder(adminLinks.values());
}

export function inputSourceList(): InputSource[] {
  return [...inputSources.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Answered and total inputs of a process over every registered source. */
export async function reasonedResponses(db: Executor, municipalityId: number, processId: number): Promise<{ total: number; answered: number }> {
  let total = 0;
  let answered = 0;
  for (const source of inputSources.values()) {
    const c = await source.count(db, municipalityId, processId);
    total += c.total;
    answered += c.answered;
  }
  return { total, answered };
}
