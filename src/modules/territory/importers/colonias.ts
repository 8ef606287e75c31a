import { sql } from "kysely";
import type { Db, Trx } from "../../../platform/db/database.js";
import type { ColoniaSource, SettlementZone } from "../tables.js";
import { bboxOf, type AreaGeometry } from "../geo.js";
import { SlugAllocator } from "../slug.js";
import { silentProgress, type ProgressFactory } from "../errors.js";
import { invalidateColoniaIndex } from "../lookup.js";
import { recordAudit, SYSTEM, type AuditBy } from "../../../platform/audit/audit.js";

/** One colonia as an importer read it, before it gets a slug. */
export interface ColoniaDraft {
  sourceKey: string;
  name: string;
  settlementType: string;
  postalCode: string | null;
  zone: SettlementZone | null;
  geometry: AreaGeometry | null;
}

export interface ColoniaImportResult {
  inserted: number;
  updated: number;
  skipped: number;
}

const BATCH = 200;

/**
 * Upsert colonias of one municipality in ONE transaction, keyed by (source, source_key),
 * so importing the same file twice changes nothing and a failing batch rolls back all.
 * The import is recorded in the municipality's audit chain; `file` is the file's name
 * (no folders: they can name a person), shown in the log.
 */
export async function upsertColonias(
  db: Db,
  municipalityId: number,
  source: ColoniaSource,
  drafts: ColoniaDraft[],
  progress: ProgressFactory = silentProgress,
  file: string | null = null,
  by: AuditBy = SYSTEM,
): Promise<Omit<ColoniaImportResult, "skipped">> {
  const bar = progress("Colonias", drafts.length);
  const result = await db.transaction().execute(async (trx: Trx) => {
    const existing = await trx
      .selectFrom("colonias")
      .select(["slug", "source", "source_key"])
      .where("municipality_id", "=", municipalityId)
      .execute();
    const before = new Set(existing.filter((e) => e.source === source).map((e) => e.source_key));
    const slugs = new SlugAllocator(new Map(existing.map((e) => [e.slug, `${e.source}:${e.source_key}`])));
    let inserted = 0;
    for (let i = 0; i < drafts.length; i += BATCH) {
      const values = drafts.slice(i, i + BATCH).map((d) => {
        if (!before.has(d.sourceKey)) inserted++;
        const bbox = d.geometry ? bboxOf(d.geometry) : null;
        return {
          municipality_id: municipalityId,
          name: d.name,
          settlement_type: d.settlementType,
          postal_code: d.postalCode,
          zone: d.zone,
          source,
          source_key: d.sourceKey,
          slug: slugs.allocate(d.name, `${source}:${d.sourceKey}`, d.postalCode),
          geometry: d.geometry ? JSON.stringify(d.geometry) : null,
          bbox_west: bbox?.west ?? null,
          bbox_south: bbox?.south ?? null,
          bbox_east: bbox?.east ?? null,
          bbox_north: bbox?.north ?? null,
        };
      });
      await trx
        .insertInto("colonias")
        .values(values)
        .onConflict((oc) =>
          oc.columns(["municipality_id", "source", "source_key"]).doUpdateSet((eb) => ({
            name: eb.ref("excluded.name"),
            settlement_type: eb.ref("excluded.settlement_type"),
            postal_code: eb.ref("excluded.postal_code"),
            zone: eb.ref("excluded.zone"),
            slug: eb.ref("excluded.slug"),
            geometry: eb.ref("excluded.geometry"),
            bbox_west: eb.ref("excluded.bbox_west"),
            bbox_south: eb.ref("excluded.bbox_south"),
            bbox_east: eb.ref("excluded.bbox_east"),
            bbox_north: eb.ref("excluded.bbox_north"),
            updated_at: sql<Date>`now()`,
          })),
        )
        .execute();
      bar.tick(values.length);
    }
    const updated = drafts.length - inserted;
    await recordAudit(trx, {
      actor: by.actor,
      actorLabel: by.label,
      municipalityId,
      action: "territory.colonias.import",
      subjectType: "municipality",
      subjectId: municipalityId,
      details: { source, file, inserted, updated },
    });
    return { inserted, updated };
  });
  invalidateColoniaIndex(municipalityId);
  bar.done(`${result.inserted} nuevas, ${result.updated} actualizadas`);
  return result;
}
