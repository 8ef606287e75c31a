/**
 * Demo offices and catalogue for Cuauhtémoc and León, through the module's own services. Only
 * facts we can stand behind: the Alcaldía Cuauhtémoc at Aldama y Mina s/n, colonia Buenavista,
 * and León's Presidencia Municipal on the Plaza Principal, Zona Centro. Every other office is named
 * generically after a real colonia and placed at that colonia's representative point; each says
 * in its notes that its place is approximate and its hours illustrative. No phone number, e-mail,
 * amount or web address is invented. Re-runnable: what exists (by slug) is left as staff left it.
 */
import type { AuditBy } from "../../platform/audit/audit.js";
import { SYSTEM } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { Services } from "../../platform/services.js";
import { findServiceByCode } from "../requests/catalogue.js";
import type { AreaGeometry } from "../territory/geo.js";
import { findActiveMunicipalityBySlug, findColoniaBySlug, listDepartments } from "../territory/queries.js";
import { WEEKDAYS, type DayInput } from "./office-hours.js";
import { representativePoint } from "./office-nearest.js";
import { createOffice, setOfficeProcedures, type OfficeInput } from "./office-service.js";
import { DEMO_PROCEDURES, MOBILE_PROCEDURES, MODULE_PROCEDURES } from "./procedure-demo-content.js";
import { createProcedure } from "./procedure-service.js";
import type { OfficeKind } from "./tables.js";

const BY: AuditBy = { ...SYSTEM, label: "datos de demostración" };
const APPROXIMATE = "Datos de demostración: ubicación aproximada; horario ilustrativo, confírmelo antes de acudir.";

/** Illustrative hours: weekdays, and Saturday morning when `saturday`. */
function hours(opens: string, closes: string, saturday = false): DayInput[] {
  return WEEKDAYS.map((day) => (day <= 5 ? { day, opens, closes } : day === 6 && saturday ? { day, opens: "09:00", closes: "13:00" } : { day, opens: "", closes: "" }));
}

interface DemoOffice {
  slug: string;
  name: string;
  kind: OfficeKind;
  address: string;
  /** Where to place it: a colonia's representative point, or a point we know. */
  at: { colonia: string } | { lat: number; lon: number } | null;
  hours: DayInput[];
  accessibility: string;
  notes: string;
  /** Slugs of the procedures offered; "all" for the headquarters. */
  offers: string[] | "all";
}

const neighbourhoodModule = (colonia: string, name: string, saturday = false): DemoOffice => ({
  slug: `modulo-${colonia}`, name: `Módulo de atención — colonia ${name}`, kind: "modulo", address: `Dirección por confirmar, colonia ${name}`,
  at: { colonia }, hours: hours("09:00", "14:00", saturday), accessibility: "", notes: APPROXIMATE, offers: MODULE_PROCEDURES,
});

const mobile = (where: string): DemoOffice => ({
  slug: "unidad-movil-de-atencion", name: "Unidad móvil de atención", kind: "unidad_movil", address: `Recorre las colonias de ${where}; consulte el calendario de jornadas`,
  at: null, hours: [], accessibility: "", notes: "Datos de demostración: la unidad móvil no tiene una ubicación fija.", offers: MOBILE_PROCEDURES,
});

const DEMO_OFFICES: Record<string, DemoOffice[]> = {
  cuauhtemoc: [
    {
      slug: "alcaldia-cuauhtemoc", name: "Alcaldía Cuauhtémoc (edificio sede)", kind: "oficina", address: "Aldama y Mina s/n, colonia Buenavista",
      at: { colonia: "buenavista" }, hours: hours("09:00", "15:00"), accessibility: "", notes: APPROXIMATE, offers: "all",
    },
    neighbourhoodModule("roma-norte", "Roma Norte", true),
    neighbourhoodModule("centro", "Centro"),
    neighbourhoodModule("santa-maria-la-ribera", "Santa María la Ribera"),
    neighbourhoodModule("doctores", "Doctores"),
    neighbourhoodModule("morelos", "Morelos", true),
    mobile("Cuauhtémoc"),
  ],
  leon: [
    {
      slug: "presidencia-municipal", name: "Presidencia Municipal de León", kind: "oficina", address: "Plaza Principal s/n, Zona Centro",
      at: { lat: 21.1221, lon: -101.6824 }, hours: hours("08:30", "15:30"), accessibility: "", notes: APPROXIMATE, offers: "all",
    },
    mobile("León"),
  ],
};

async function ensureProcedures(trx: Executor, municipalityId: number): Promise<Map<string, number>> {
  const existing = new Map((await trx.selectFrom("municipal_procedures").select(["id", "slug"]).where("municipality_id", "=", municipalityId).execute()).map((r) => [r.slug, r.id]));
  const departments = await listDepartments(trx, municipalityId);
  for (const p of DEMO_PROCEDURES) {
    if (existing.has(p.slug)) continue;
    const department = p.department ? departments.find((d) => d.name.includes(p.department!)) ?? null : null;
    const service = p.requestService ? await findServiceByCode(trx, municipalityId, p.requestService) : null;
    const { id } = await createProcedure(trx, municipalityId, BY, {
      name: p.name, slug: p.slug, kind: p.kind, summary: p.summary, requirements: p.requirements.join("\n"), costText: p.costText, costMxn: "",
      duration: p.duration, howTo: p.howTo, onlineUrl: "", departmentId: department?.id ?? null, requestServiceCode: service?.code ?? "", legalBasis: p.legalBasis, active: true,
    });
    existing.set(p.slug, id);
  }
  return existing;
}

async function place(trx: Executor, municipalityId: number, at: DemoOffice["at"]): Promise<{ lat: string; lon: string } | null> {
  if (!at) return null;
  if ("lat" in at) return { lat: String(at.lat), lon: String(at.lon) };
  const colonia = await findColoniaBySlug(trx, municipalityId, at.colonia);
  if (!colonia?.geometry) return null;
  const [lon, lat] = representativePoint(colonia.geometry as AreaGeometry);
  return { lat: lat.toFixed(6), lon: lon.toFixed(6) };
}

export async function seedDemoOffices(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  for (const [slug, offices] of Object.entries(DEMO_OFFICES)) {
    const m = await findActiveMunicipalityBySlug(db, slug);
    if (!m) continue;
    const created = await db.transaction().execute(async (trx) => {
      const procedures = await ensureProcedures(trx, m.id);
      const taken = new Set((await trx.selectFrom("service_offices").select("slug").where("municipality_id", "=", m.id).execute()).map((r) => r.slug));
      let count = 0;
      for (const o of offices) {
        if (taken.has(o.slug)) continue;
        const point = await place(trx, m.id, o.at);
        const input: OfficeInput = {
          name: o.name, slug: o.slug, kind: o.kind, address: o.address, lat: point?.lat ?? "", lon: point?.lon ?? "", hours: o.hours,
          phone: "", email: "", accessibility: o.accessibility, notes: o.notes, active: true,
        };
        const { id } = await createOffice(trx, m.id, BY, input);
        const offered = (o.offers === "all" ? DEMO_PROCEDURES.map((p) => p.slug) : o.offers).map((s) => procedures.get(s)!).filter(Boolean);
        await setOfficeProcedures(trx, m.id, BY, id, { shown: offered, chosen: offered });
        count++;
      }
      return count;
    });
    log(`trámites y oficinas: ${m.slug} — ${DEMO_PROCEDURES.length} trámites en el catálogo, ${created} oficinas nuevas`);
  }
}
