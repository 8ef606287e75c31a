/**
 * Which procedures can be done at which office, edited from either side: an office's page ticks
 * procedures, a procedure's page ticks offices. A form shows one page of choices at a time, so it
 * sends the ids it showed and those ticked: only the shown ones change, and whatever is on other
 * pages stays as it was.
 */
import type { Executor } from "../../platform/db/database.js";
import { ChannelInputError } from "./errors.js";
import "./tables.js";

export interface LinkChoice {
  /** The ids the form showed. */
  shown: number[];
  /** The ids ticked among them. */
  chosen: number[];
}

const validIds = (ids: number[]) => ids.every((id) => Number.isSafeInteger(id) && id >= 1 && id <= 2147483647);

/**
 * Sets the links of one office (side "office") or one procedure (side "procedure") to the ticked
 * ids among those shown, after checking every id belongs to the municipality. Returns what was
 * added and removed, for the audit entry.
 */
export async function relink(
  trx: Executor,
  municipalityId: number,
  side: "office" | "procedure",
  id: number,
  choice: LinkChoice,
): Promise<{ added: number[]; removed: number[] }> {
  const shown = [...new Set(choice.shown)];
  const chosen = [...new Set(choice.chosen)];
  const other = side === "office" ? "procedure" : "office";
  const wrong = other === "procedure" ? "Uno de los trámites elegidos no existe en este municipio." : "Una de las oficinas elegidas no existe en este municipio.";
  if (!validIds(shown) || !validIds(chosen) || chosen.some((c) => !shown.includes(c))) throw ChannelInputError.single("links", wrong);
  if (shown.length === 0) return { added: [], removed: [] };
  const table = other === "procedure" ? "municipal_procedures" : "service_offices";
  const existing = await trx.selectFrom(table).select("id").where("municipality_id", "=", municipalityId).where("id", "in", shown).execute();
  if (existing.length !== shown.length) throw ChannelInputError.single("links", wrong);

  const fixed = side === "office" ? "office_id" : "procedure_id";
  const varying = side === "office" ? "procedure_id" : "office_id";
  const before = new Set(
    (await trx.selectFrom("office_procedures").select(varying).where("municipality_id", "=", municipalityId).where(fixed, "=", id).where(varying, "in", shown).execute()).map(
      (r) => (r as Record<string, number>)[varying]!,
    ),
  );
  const added = chosen.filter((c) => !before.has(c));
  const removed = [...before].filter((b) => !chosen.includes(b));
  if (removed.length) {
    await trx.deleteFrom("office_procedures").where("municipality_id", "=", municipalityId).where(fixed, "=", id).where(varying, "in", removed).execute();
  }
  if (added.length) {
    await trx
      .insertInto("office_procedures")
      .values(added.map((a) => ({ municipality_id: municipalityId, office_id: side === "office" ? id : a, procedure_id: side === "office" ? a : id })))
      .execute();
  }
  return { added, removed };
}
