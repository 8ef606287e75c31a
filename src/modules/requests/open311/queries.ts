/** Open311 reads: service requests by the GeoReport filters, through the public joins only. */
import type { Executor } from "../../../platform/db/database.js";
import { publicRequestQuery } from "../queries.js";
import { CLOSED_STATUSES, OPEN_STATUSES, type Open311RequestRow } from "./presenters.js";

export interface Open311Filters {
  /** Folios: when given, every other filter is ignored (GeoReport v2). */
  ids?: string[];
  serviceCodes?: string[];
  statuses?: ("open" | "closed")[];
  /** requested_datetime range, inclusive. */
  start?: Date;
  end?: Date;
  limit: number;
  offset?: number;
}

function open311Query(db: Executor, municipalityId: number) {
  return publicRequestQuery(db, municipalityId).select("c.postal_code as colonia_postal_code");
}

/** Newest first. */
export async function findOpen311Requests(db: Executor, municipalityId: number, f: Open311Filters): Promise<Open311RequestRow[]> {
  let q = open311Query(db, municipalityId);
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where("r.folio", "in", f.ids);
  } else {
    if (f.serviceCodes?.length) {
      // By id, so the (municipality, service, status, created_at) index serves the filter.
      const ids = await db
        .selectFrom("request_services")
        .select("id")
        .where("municipality_id", "=", municipalityId)
        .where("code", "in", f.serviceCodes)
        .execute();
      if (ids.length === 0) return [];
      q = q.where("r.service_id", "in", ids.map((s) => s.id));
    }
    const statuses = new Set(f.statuses ?? []);
    if (statuses.size === 1) q = q.where("r.status", "in", statuses.has("open") ? [...OPEN_STATUSES] : [...CLOSED_STATUSES]);
    if (f.start) q = q.where("r.created_at", ">=", f.start);
    if (f.end) q = q.where("r.created_at", "<=", f.end);
  }
  const rows = await q
    .orderBy("r.created_at", "desc")
    .orderBy("r.id", "desc")
    .limit(f.limit)
    .offset(f.offset ?? 0)
    .execute();
  return rows as Open311RequestRow[];
}

export async function findOpen311Request(db: Executor, municipalityId: number, folio: string): Promise<Open311RequestRow | null> {
  const row = await open311Query(db, municipalityId).where("r.folio", "=", folio).executeTakeFirst();
  return (row as Open311RequestRow | undefined) ?? null;
}
