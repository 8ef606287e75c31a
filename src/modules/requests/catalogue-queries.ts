/** Reads for the catalogue admin pages: the per-colonia routing exceptions of a service. */
import type { Executor } from "../../platform/db/database.js";
import "./tables.js";

export interface RouteException {
  coloniaSlug: string;
  coloniaName: string;
  departmentName: string;
}

export async function listRouteExceptions(db: Executor, municipalityId: number, serviceId: number): Promise<RouteException[]> {
  const rows = await db
    .selectFrom("request_routes as r")
    .innerJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "r.municipality_id").onRef("c.id", "=", "r.colonia_id"))
    .innerJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "r.municipality_id").onRef("d.id", "=", "r.department_id"))
    .select(["c.slug", "c.name as colonia", "d.name as department"])
    .where("r.municipality_id", "=", municipalityId)
    .where("r.service_id", "=", serviceId)
    .orderBy("c.name")
    .execute();
  return rows.map((r) => ({ coloniaSlug: r.slug, coloniaName: r.colonia, departmentName: r.department }));
}
