/**
 * Where a request belongs: its colonia (the polygon under the pin when one exists, else the
 * colonia the citizen chose) and its department (a per-colonia route of the service, else the
 * service's own department).
 */
import type { Executor } from "../../platform/db/database.js";
import { findColoniaAt, isInsideMunicipality } from "../territory/lookup.js";
import { RequestInputError } from "./errors.js";

export interface Placement {
  coloniaId: number | null;
  coloniaSource: "polygon" | "chosen" | null;
}

export async function placeRequest(
  db: Executor,
  municipalityId: number,
  location: { lat: number; lon: number } | null,
  chosenColoniaId: number | null,
): Promise<Placement> {
  if (location) {
    const inside = await isInsideMunicipality(db, municipalityId, location.lon, location.lat);
    if (inside === false) {
      throw RequestInputError.single("location", "La ubicación está fuera del municipio. Marque un punto dentro de sus límites.");
    }
    const hit = await findColoniaAt(db, municipalityId, location.lon, location.lat);
    if (hit) return { coloniaId: hit.id, coloniaSource: "polygon" };
  }
  if (chosenColoniaId !== null) {
    const colonia = await db
      .selectFrom("colonias")
      .select("id")
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", chosenColoniaId)
      .executeTakeFirst();
    if (!colonia) throw RequestInputError.single("colonia", "La colonia elegida no existe en este municipio.");
    return { coloniaId: colonia.id, coloniaSource: "chosen" };
  }
  return { coloniaId: null, coloniaSource: null };
}

/** `serviceDepartmentId`: the service's own department when the caller already has it (saves a query). */
export async function departmentFor(
  db: Executor,
  municipalityId: number,
  serviceId: number,
  coloniaId: number | null,
  serviceDepartmentId?: number | null,
): Promise<number | null> {
  if (coloniaId !== null) {
    const route = await db
      .selectFrom("request_routes")
      .select("department_id")
      .where("municipality_id", "=", municipalityId)
      .where("service_id", "=", serviceId)
      .where("colonia_id", "=", coloniaId)
      .executeTakeFirst();
    if (route) return route.department_id;
  }
  if (serviceDepartmentId !== undefined) return serviceDepartmentId;
  const service = await db
    .selectFrom("request_services")
    .select("department_id")
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", serviceId)
    .executeTakeFirstOrThrow();
  return service.department_id;
}
