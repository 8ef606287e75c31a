/**
 * Duplicates. Before filing, a citizen sees open requests of the same service nearby (100 m of
 * the pin, or the same colonia) ranked by text similarity (pg_trgm), and may support one
 * instead. Staff merge a duplicate into a survivor: the duplicate becomes "duplicada" pointing to
 * it, its supporters and subscribers move over, and its folio page leads to the survivor.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { publish } from "../../platform/bus.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { REQUESTS_TOPIC } from "./create.js";
import { RequestInputError } from "./errors.js";
import { OPEN_STATUSES } from "./status.js";
import { event } from "./workflow.js";

export const NEARBY_METRES = 100;

export interface SimilarRequest {
  id: string;
  folio: string;
  description: string;
  status: string;
  supportersCount: number;
  createdAt: Date;
  distanceMetres: number | null;
  similarity: number;
}

/** Great-circle distance in metres. */
export function distanceMetres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

export async function findSimilarOpenRequests(
  db: Executor,
  municipalityId: number,
  serviceId: number,
  where: { location: { lat: number; lon: number } | null; coloniaId: number | null },
  text: string,
  limit = 5,
): Promise<SimilarRequest[]> {
  if (!where.location && where.coloniaId === null) return [];
  let query = db
    .selectFrom("service_requests")
    .select(["id", "folio", "description", "status", "supporters_count", "created_at", "lat", "lon", sql<number>`similarity(description, ${text})`.as("similarity")])
    .where("municipality_id", "=", municipalityId)
    .where("service_id", "=", serviceId)
    .where("status", "in", OPEN_STATUSES);
  if (where.location) {
    // A bounding box narrows the rows; the exact distance is checked below.
    const dLat = NEARBY_METRES / 111_320;
    const dLon = NEARBY_METRES / (111_320 * Math.cos((where.location.lat * Math.PI) / 180));
    query = query
      .where("lat", ">=", where.location.lat - dLat)
      .where("lat", "<=", where.location.lat + dLat)
      .where("lon", ">=", where.location.lon - dLon)
      .where("lon", "<=", where.location.lon + dLon);
  } else {
    query = query.where("colonia_id", "=", where.coloniaId!);
  }
  const rows = await query.orderBy(sql`similarity(description, ${text})`, "desc").orderBy("created_at", "desc").limit(50).execute();
  return rows
    .map((r) => ({
      id: r.id,
      folio: r.folio,
      description: r.description,
      status: r.status,
      supportersCount: r.supporters_count,
      createdAt: r.created_at,
      distanceMetres: where.location && r.lat !== null && r.lon !== null ? Math.round(distanceMetres(where.location, { lat: r.lat, lon: r.lon! })) : null,
      similarity: Number(r.similarity),
    }))
    .filter((r) => r.distanceMetres === null || r.distanceMetres <= NEARBY_METRES)
    .slice(0, limit);
}

/** "Me too": one support per supporter key (a hash of an account or a browser id). Returns whether it counted. */
export async function supportRequest(services: Services, municipalityId: number, requestId: string, supporterKey: string): Promise<boolean> {
  return services.db.transaction().execute(async (trx) => {
    const target = await trx
      .selectFrom("service_requests")
      .select(["id", "folio", "status", "merged_into_id"])
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!target) throw RequestInputError.single("request", "La solicitud no existe.", 404);
    if (!OPEN_STATUSES.includes(target.status)) throw RequestInputError.single("request", "Solo se puede apoyar una solicitud abierta.", 409);
    const inserted = await trx
      .insertInto("request_supports")
      .values({ municipality_id: municipalityId, request_id: requestId, supporter_key: supporterKey, created_at: new Date() })
      .onConflict((oc) => oc.columns(["municipality_id", "request_id", "supporter_key"]).doNothing())
      .returning("request_id")
      .executeTakeFirst();
    if (!inserted) return false;
    await trx
      .updateTable("service_requests")
      .set((eb) => ({ supporters_count: eb("supporters_count", "+", 1) }))
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", requestId)
      .execute();
    await event(trx, municipalityId, requestId, { kind: "anonymous" }, new Date(), "support", null, null, null, false);
    await publish(trx, { topic: REQUESTS_TOPIC, municipalityId, data: { requestId, folio: target.folio, kind: "support", status: target.status } });
    return true;
  });
}

export async function mergeRequests(services: Services, municipalityId: number, duplicateId: string, survivorId: string, actor: Actor, now = new Date()): Promise<void> {
  if (duplicateId === survivorId) throw RequestInputError.single("survivor", "Una solicitud no puede fusionarse consigo misma.", 422);
  await services.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("service_requests")
      .select(["id", "folio", "status", "supporters_count", "merged_into_id"])
      .where("municipality_id", "=", municipalityId)
      .where("id", "in", [duplicateId, survivorId])
      .orderBy("id")
      .forUpdate()
      .execute();
    const duplicate = rows.find((r) => r.id === duplicateId);
    const survivor = rows.find((r) => r.id === survivorId);
    if (!duplicate || !survivor) throw RequestInputError.single("survivor", "Alguna de las solicitudes no existe en este municipio.", 404);
    if (!OPEN_STATUSES.includes(duplicate.status)) throw RequestInputError.single("duplicate", `La solicitud ${duplicate.folio} ya no está abierta.`, 409);
    if (survivor.status === "duplicada" || survivor.status === "rechazada") {
      throw RequestInputError.single("survivor", `La solicitud ${survivor.folio} está ${survivor.status}: elija otra como principal.`, 409);
    }
    const reason = `Duplicada de ${survivor.folio}.`;
    await trx
      .updateTable("service_requests")
      .set({ status: "duplicada", status_reason: reason, merged_into_id: survivorId, closed_at: now, updated_at: now })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", duplicateId)
      .execute();
    // The duplicate's supporters, and its citizen, now back the survivor.
    const moved = await sql<{ n: number }>`
      with ins as (
        insert into request_supports (municipality_id, request_id, supporter_key, created_at)
        select municipality_id, ${survivorId}, supporter_key, created_at from request_supports
        where municipality_id = ${municipalityId} and request_id = ${duplicateId}
        on conflict do nothing returning 1)
      select count(*)::int as n from ins`.execute(trx);
    await trx
      .updateTable("service_requests")
      .set((eb) => ({ supporters_count: eb("supporters_count", "+", moved.rows[0]!.n + 1), updated_at: now }))
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", survivorId)
      .execute();
    await sql`
      update request_subscriptions s set target_id = ${survivorId}
      where s.municipality_id = ${municipalityId} and s.target_kind = 'request' and s.target_id = ${duplicateId}
        and not exists (select 1 from request_subscriptions o where o.municipality_id = s.municipality_id
                        and o.email = s.email and o.target_kind = 'request' and o.target_id = ${survivorId})`.execute(trx);
    await event(trx, municipalityId, duplicateId, actor, now, "status", duplicate.status, "duplicada", reason, true);
    await event(trx, municipalityId, duplicateId, actor, now, "merged", null, survivor.folio, null, true);
    await event(trx, municipalityId, survivorId, actor, now, "absorbed", null, duplicate.folio, null, true);
    await recordAudit(trx, { actor, municipalityId, action: "requests.merge", subjectType: "service_request", subjectId: duplicate.folio, details: { into: survivor.folio } });
    for (const r of [duplicate, survivor]) {
      await publish(trx, { topic: REQUESTS_TOPIC, municipalityId, data: { requestId: r.id, folio: r.folio, kind: "merge", status: r.id === duplicateId ? "duplicada" : r.status } });
    }
  });
}

/** Where a folio now lives: itself, or the survivor it was merged into (following chains). */
export async function resolveMergedFolio(db: Executor, municipalityId: number, folio: string): Promise<string | null> {
  let current = folio;
  for (let hops = 0; hops < 10; hops++) {
    const row = await db
      .selectFrom("service_requests as r")
      .leftJoin("service_requests as s", (j) => j.onRef("s.municipality_id", "=", "r.municipality_id").onRef("s.id", "=", "r.merged_into_id"))
      .select(["r.folio", "s.folio as survivor"])
      .where("r.municipality_id", "=", municipalityId)
      .where("r.folio", "=", current)
      .executeTakeFirst();
    if (!row) return null;
    if (!row.survivor) return row.folio;
    current = row.survivor;
  }
  return current;
}
