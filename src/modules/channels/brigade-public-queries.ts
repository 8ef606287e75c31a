/**
 * What the public sees of a brigade beyond its route and counts: the folios of the requests it
 * gathered (each already public at /:slug/solicitudes/:folio) with their service and colonia.
 * Never a member, a contact, a note or a paper-form number.
 */
import type { Executor } from "../../platform/db/database.js";
import "./tables.js";

export interface PublicBrigadeFolio {
  folio: string;
  service: string;
  colonia: string | null;
}

export async function listPublicFolios(db: Executor, municipalityId: number, brigadeId: number, page: number, perPage: number): Promise<{ rows: PublicBrigadeFolio[]; total: number }> {
  const q = db
    .selectFrom("brigade_records as r")
    .innerJoin("service_requests as q", (j) => j.onRef("q.municipality_id", "=", "r.municipality_id").onRef("q.id", "=", "r.request_id"))
    .where("r.municipality_id", "=", municipalityId)
    .where("r.brigade_id", "=", brigadeId);
  const { n } = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .innerJoin("request_services as s", (j) => j.onRef("s.municipality_id", "=", "q.municipality_id").onRef("s.id", "=", "q.service_id"))
    .leftJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "q.municipality_id").onRef("c.id", "=", "q.colonia_id"))
    .select(["q.folio", "s.name as service", "c.name as colonia"])
    .orderBy("q.created_at", "desc")
    .orderBy("q.id", "desc")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { rows: rows.map((r) => ({ folio: r.folio, service: r.service, colonia: r.colonia })), total: Number(n) };
}
