/** Read models shared by the request pages and APIs. Each module part adds its own lists in its own file. */
import type { Executor } from "../../platform/db/database.js";
import { PUBLIC_REQUEST_COLUMNS, presentPublicEvent, type PublicEvent, type PublicRequestRow } from "./presenters.js";
import "./tables.js";

/** The public joins every public read starts from: request + service + colonia + department. */
export function publicRequestQuery(db: Executor, municipalityId: number) {
  return db
    .selectFrom("service_requests as r")
    .innerJoin("request_services as s", (j) => j.onRef("s.municipality_id", "=", "r.municipality_id").onRef("s.id", "=", "r.service_id"))
    .leftJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "r.municipality_id").onRef("c.id", "=", "r.colonia_id"))
    .leftJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "r.municipality_id").onRef("d.id", "=", "r.department_id"))
    .where("r.municipality_id", "=", municipalityId)
    .select(PUBLIC_REQUEST_COLUMNS);
}

export async function findPublicRequestByFolio(db: Executor, municipalityId: number, folio: string): Promise<PublicRequestRow | null> {
  const row = await publicRequestQuery(db, municipalityId).where("r.folio", "=", folio).executeTakeFirst();
  return (row as PublicRequestRow | undefined) ?? null;
}

/** The folio's public timeline, oldest first. */
export async function publicTimeline(db: Executor, municipalityId: number, requestId: string): Promise<PublicEvent[]> {
  const rows = await db
    .selectFrom("request_events")
    .select(["occurred_at", "kind", "from_value", "to_value", "body"])
    .where("municipality_id", "=", municipalityId)
    .where("request_id", "=", requestId)
    .where("public", "=", true)
    .orderBy("occurred_at")
    .orderBy("id")
    .execute();
  return rows.map(presentPublicEvent);
}

export async function requestPhotos(db: Executor, municipalityId: number, requestId: string) {
  return db
    .selectFrom("request_photos")
    .select(["id", "storage_key", "thumbnail_key", "width", "height"])
    .where("municipality_id", "=", municipalityId)
    .where("request_id", "=", requestId)
    .orderBy("id")
    .execute();
}
