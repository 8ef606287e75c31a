/**
 * Fixtures for the requests tests: the real demo territory (INEGI catalogue, Cuauhtémoc with its
 * 33 SEDUVI colonias and boundary, León, Tlalnepantla), the demo service catalogue, and staff
 * accounts made through the real services.
 */
import { seedTerritoryDemo } from "../territory/seed.js";
import { makeUser } from "../accounts/test-support.js";
import type { Services } from "../../platform/services.js";
import { findActiveMunicipalityBySlug, type ActiveMunicipality } from "../territory/queries.js";
import { seedDemoCatalogue } from "./seed.js";

export { login, PASSWORD } from "../accounts/test-support.js";

/** A point inside colonia Centro (the Zócalo) and one in Hipódromo (Parque México), checked against the SEDUVI polygons. */
export const ZOCALO = { lat: 19.4326, lon: -99.1332 };
export const PARQUE_MEXICO = { lat: 19.4118, lon: -99.1694 };
/** Coyoacán: outside Cuauhtémoc. */
export const COYOACAN = { lat: 19.35, lon: -99.162 };

export interface RequestsWorld {
  cuauhtemoc: ActiveMunicipality;
  leon: ActiveMunicipality;
  departments: { obras: number; servicios: number };
  users: { admin: number; servicios: number; obras: number; observer: number; leonAdmin: number };
  emails: { admin: string; servicios: string; obras: string; observer: string; leonAdmin: string };
}

export async function seedRequestsWorld(services: Services): Promise<RequestsWorld> {
  const { db } = services;
  await seedTerritoryDemo(services, () => {});
  await seedDemoCatalogue(services, () => {});
  const cuauhtemoc = (await findActiveMunicipalityBySlug(db, "cuauhtemoc"))!;
  const leon = (await findActiveMunicipalityBySlug(db, "leon"))!;
  const deps = await db.selectFrom("departments").select(["id", "name"]).where("municipality_id", "=", cuauhtemoc.id).execute();
  const obras = deps.find((d) => d.name.includes("Obras"))!.id;
  const servicios = deps.find((d) => d.name.includes("Servicios"))!.id;
  const emails = {
    admin: "admin@cuauhtemoc.test",
    servicios: "servicios@cuauhtemoc.test",
    obras: "obras@cuauhtemoc.test",
    observer: "observa@cuauhtemoc.test",
    leonAdmin: "admin@leon.test",
  };
  const users = {
    admin: await makeUser(db, emails.admin, { role: "administrator", municipalityId: cuauhtemoc.id }),
    servicios: await makeUser(db, emails.servicios, { role: "department_staff", municipalityId: cuauhtemoc.id, departmentId: servicios }),
    obras: await makeUser(db, emails.obras, { role: "department_staff", municipalityId: cuauhtemoc.id, departmentId: obras }),
    observer: await makeUser(db, emails.observer, { role: "observer", municipalityId: cuauhtemoc.id }),
    leonAdmin: await makeUser(db, emails.leonAdmin, { role: "administrator", municipalityId: leon.id }),
  };
  return { cuauhtemoc, leon, departments: { obras, servicios }, users, emails };
}
