/**
 * The lists staff pick from in hearing forms: the municipality's offices (the place of a hearing),
 * its services and colonias (a petition as a request), and the processes open for proposals today
 * with their categories (a petition as a proposal).
 */
import type { Executor } from "../../platform/db/database.js";
import { isOpen, loadProcessById, todayIn, type ProcessView } from "../participation/processes.js";
import { listServices } from "../requests/catalogue.js";
import { listColoniaOptions } from "../territory/queries.js";

/** The municipality's active offices, for the place of a hearing. */
export { listOfficeOptions as officeChoices, type OfficeOption as OfficeChoice } from "./office-queries.js";

export interface Choice {
  value: string;
  label: string;
}

export async function serviceChoices(db: Executor, municipalityId: number): Promise<Choice[]> {
  const services = await listServices(db, municipalityId);
  return services.filter((s) => s.active).map((s) => ({ value: s.code, label: s.group ? `${s.group} › ${s.name}` : s.name }));
}

export async function coloniaChoices(db: Executor, municipalityId: number): Promise<Choice[]> {
  const rows = await listColoniaOptions(db, municipalityId);
  return rows.map((c) => ({ value: String(c.id), label: c.postalCode ? `${c.name} (C.P. ${c.postalCode})` : c.name }));
}

export interface ProcessChoices {
  processes: Choice[];
  /** "Proceso › Categoría", value the category id. */
  categories: Choice[];
}

/** Published processes whose current phase takes proposals today, with their categories. */
export async function openProcessChoices(db: Executor, municipality: { id: number; timeZone: string }, now = new Date()): Promise<ProcessChoices> {
  const today = todayIn(municipality.timeZone, now);
  const rows = await db.selectFrom("participatory_processes").select("id").where("municipality_id", "=", municipality.id).where("status", "=", "published").orderBy("id", "desc").limit(100).execute();
  const open: ProcessView[] = [];
  for (const r of rows) {
    const process = await loadProcessById(db, municipality.id, r.id);
    if (process && isOpen(process, "proposals", today)) open.push(process);
  }
  const categories = open.length
    ? await db
        .selectFrom("proposal_categories")
        .select(["id", "process_id", "name"])
        .where("municipality_id", "=", municipality.id)
        .where("process_id", "in", open.map((p) => p.id))
        .orderBy("name")
        .execute()
    : [];
  return {
    processes: open.map((p) => ({ value: String(p.id), label: p.title })),
    categories: categories.map((c) => ({ value: String(c.id), label: `${open.find((p) => p.id === c.process_id)!.title} › ${c.name}` })),
  };
}
