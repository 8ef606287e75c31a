/**
 * Fixtures of the offices and catalogue tests: the channels world plus three offices of
 * Cuauhtémoc at known places (the Zócalo, Parque México, Plaza Garibaldi) and one without a
 * location, and procedures made through the module's own services.
 */
import { after, before, beforeEach } from "node:test";
import type { FastifyInstance } from "fastify";
import { SYSTEM } from "../../platform/audit/audit.js";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import type { Services } from "../../platform/services.js";
import { WEEKDAYS } from "./office-hours.js";
import { createOffice, setOfficeProcedures, type OfficeInput } from "./office-service.js";
import { createProcedure, type ProcedureInput } from "./procedure-service.js";
import { seedChannelsWorld, type ChannelsWorld } from "./test-support.js";

export { login, PASSWORD, ZOCALO, PARQUE_MEXICO, COYOACAN } from "./test-support.js";

/** Plaza Garibaldi (colonia Guerrero), north-west of the Zócalo. */
export const GARIBALDI = { lat: 19.4404, lon: -99.1393 };

/** Weekdays 09:00–15:00, closed at the weekend. */
export const WEEKDAY_HOURS = WEEKDAYS.map((day) => ({ day, opens: day <= 5 ? "09:00" : "", closes: day <= 5 ? "15:00" : "" }));

export function officeForm(overrides: Partial<OfficeInput> = {}): OfficeInput {
  return {
    name: "Módulo de prueba", slug: "", kind: "modulo", address: "Calle de prueba 1", lat: "", lon: "", hours: WEEKDAY_HOURS,
    phone: "", email: "", accessibility: "", notes: "", active: true, ...overrides,
  };
}

export function procedureForm(overrides: Partial<ProcedureInput> = {}): ProcedureInput {
  return {
    name: "Trámite de prueba", slug: "", kind: "tramite", summary: "", requirements: "", costText: "Gratuito", costMxn: "", duration: "", howTo: "",
    onlineUrl: "", departmentId: null, requestServiceCode: "", legalBasis: "", active: true, ...overrides,
  };
}

export interface OfficeWorld extends ChannelsWorld {
  offices: { zocalo: number; parque: number; garibaldi: number; sinUbicacion: number };
  procedures: { licencia: number; huerfano: number };
}

/**
 * "Licencia de funcionamiento" is offered at the Zócalo and Parque México offices (not at
 * Garibaldi, the nearest to the Palacio de Bellas Artes) and at an office with no location;
 * "Constancia de huérfano" is offered nowhere.
 */
export async function seedOfficeWorld(services: Services): Promise<OfficeWorld> {
  const world = await seedChannelsWorld(services);
  const m = world.cuauhtemoc.id;
  return services.db.transaction().execute(async (trx) => {
    const office = async (name: string, slug: string, at: { lat: number; lon: number } | null, extra: Partial<OfficeInput> = {}) =>
      (await createOffice(trx, m, SYSTEM, officeForm({ name, slug, address: `Dirección de ${name}`, lat: at ? String(at.lat) : "", lon: at ? String(at.lon) : "", ...extra }))).id;
    const offices = {
      zocalo: await office("Oficina Zócalo", "oficina-zocalo", { lat: 19.4326, lon: -99.1332 }, { phone: "55 5555 0101", email: "zocalo@oficinas.test" }),
      parque: await office("Módulo Parque México", "modulo-parque-mexico", { lat: 19.4118, lon: -99.1694 }),
      garibaldi: await office("Módulo Garibaldi", "modulo-garibaldi", { lat: 19.4404, lon: -99.1393 }),
      sinUbicacion: await office("Unidad móvil sin ubicación", "unidad-sin-ubicacion", null, { kind: "unidad_movil" }),
    };
    const procedures = {
      licencia: (await createProcedure(trx, m, SYSTEM, procedureForm({
        name: "Licencia de funcionamiento", slug: "licencia-de-funcionamiento", summary: "Permiso para abrir un negocio de bajo impacto.",
        requirements: "Identificación oficial\nComprobante de domicilio", costText: "Consulte la Ley de Ingresos vigente", duration: "5 días hábiles",
      }))).id,
      huerfano: (await createProcedure(trx, m, SYSTEM, procedureForm({ name: "Constancia de huérfano", slug: "constancia-de-huerfano" }))).id,
    };
    for (const id of [offices.zocalo, offices.parque, offices.sinUbicacion]) {
      await setOfficeProcedures(trx, m, SYSTEM, id, { shown: [procedures.licencia], chosen: [procedures.licencia] });
    }
    return { ...world, offices, procedures };
  });
}

export interface OfficeSuite {
  t: TestContext;
  app: FastifyInstance;
  w: OfficeWorld;
}

/** Inside a describe: one test context and app for the file, the office world afresh before each test. */
export function officeSuite(): OfficeSuite {
  const s = {} as OfficeSuite;
  before(async () => {
    s.t = await createTestContext();
    s.app = await s.t.app();
  });
  beforeEach(async () => {
    await s.t.reset();
    s.w = await seedOfficeWorld(s.t.services);
  });
  after(async () => s.t.close());
  return s;
}
