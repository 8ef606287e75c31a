/**
 * The demo's service catalogue: the everyday problems Mexican town halls attend, with
 * realistic target times, routed to the department of each demo municipality that handles them.
 * A town hall edits its own catalogue from the staff pages.
 */
import type { Services } from "../../platform/services.js";
import type { AttributeValue, TargetUnit } from "./tables.js";
import { createService, type ServiceInput } from "./catalogue-admin.js";
import { SYSTEM } from "../../platform/audit/audit.js";

interface DemoService extends Omit<ServiceInput, "departmentId"> {
  /** A word in the name of the department that attends it. */
  department: "Obras" | "Servicios";
}

const choice = (...names: string[]): AttributeValue[] => names.map((name, i) => ({ key: String(i + 1), name }));

export const DEMO_SERVICES: DemoService[] = [
  {
    code: "bache", name: "Bache", group: "Vialidades", department: "Obras",
    description: "Hoyos o hundimientos en el pavimento de la calle.", keywords: "hoyo pavimento calle hundimiento",
    target: { amount: 10, unit: "business_days" as TargetUnit }, photoRequired: false, locationRequired: true,
    attributes: [{ code: "tamano", datatype: "singlevaluelist", required: true, variable: true, description: "¿De qué tamaño es el bache?", datatypeDescription: "", values: choice("Pequeño (menos de 30 cm)", "Mediano (30 cm a 1 m)", "Grande (más de 1 m)") }],
  },
  {
    code: "coladera", name: "Coladera sin tapa", group: "Vialidades", department: "Obras",
    description: "Registro o coladera abierta que pone en riesgo a peatones y vehículos.", keywords: "alcantarilla registro tapa drenaje",
    target: { amount: 48, unit: "hours" as TargetUnit }, photoRequired: false, locationRequired: true, attributes: [],
  },
  {
    code: "banqueta", name: "Banqueta dañada", group: "Vialidades", department: "Obras",
    description: "Banquetas rotas, levantadas o que impiden el paso.", keywords: "acera guarnición rampa",
    target: { amount: 15, unit: "business_days" as TargetUnit }, photoRequired: false, locationRequired: false, attributes: [],
  },
  {
    code: "alumbrado", name: "Luminaria apagada", group: "Servicios públicos", department: "Servicios",
    description: "Lámparas del alumbrado público apagadas, intermitentes o encendidas de día.", keywords: "lámpara luz poste foco",
    target: { amount: 5, unit: "business_days" as TargetUnit }, photoRequired: false, locationRequired: false,
    attributes: [{ code: "poste", datatype: "string", required: false, variable: true, description: "Número del poste (si lo tiene pintado)", datatypeDescription: "Por ejemplo: CFE 12345", values: [] }],
  },
  {
    code: "basura", name: "Basura no recolectada", group: "Servicios públicos", department: "Servicios",
    description: "El camión no pasó o hay basura acumulada en la vía pública.", keywords: "recolección camión tiradero desechos",
    target: { amount: 3, unit: "business_days" as TargetUnit }, photoRequired: false, locationRequired: false,
    attributes: [{ code: "dias", datatype: "number", required: false, variable: true, description: "¿Cuántos días lleva sin pasar el camión?", datatypeDescription: "", values: [] }],
  },
  {
    code: "fuga-agua", name: "Fuga de agua en la calle", group: "Agua", department: "Servicios",
    description: "Agua potable que brota del piso, de una toma o de un hidrante.", keywords: "agua tubería toma desperdicio",
    target: { amount: 24, unit: "hours" as TargetUnit }, photoRequired: false, locationRequired: true,
    attributes: [{ code: "desde", datatype: "datetime", required: false, variable: true, description: "¿Desde cuándo la ve?", datatypeDescription: "AAAA-MM-DD", values: [] }],
  },
  {
    code: "poda", name: "Árbol que requiere poda o retiro", group: "Áreas verdes", department: "Servicios",
    description: "Ramas que tapan luminarias o cables, árboles secos o caídos.", keywords: "rama árbol caído seco jardín",
    target: { amount: 10, unit: "business_days" as TargetUnit }, photoRequired: false, locationRequired: false,
    attributes: [{ code: "riesgo", datatype: "multivaluelist", required: false, variable: true, description: "¿Qué riesgo ve?", datatypeDescription: "Elija todas las que apliquen", values: choice("Toca cables", "Puede caer sobre personas o autos", "Tapa una luminaria") }],
  },
  {
    code: "grafiti", name: "Grafiti en espacio público", group: "Imagen urbana", department: "Servicios",
    description: "Pintas en fachadas públicas, bardas o mobiliario urbano.", keywords: "pinta barda fachada",
    target: { amount: 15, unit: "business_days" as TargetUnit }, photoRequired: true, locationRequired: false, attributes: [],
  },
];

/** Seed the catalogue of every active municipality that has none yet. */
export async function seedDemoCatalogue(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  const municipalities = await db.selectFrom("municipalities").select(["id", "slug"]).where("active", "=", true).execute();
  for (const m of municipalities) {
    const existing = await db.selectFrom("request_services").select("id").where("municipality_id", "=", m.id).executeTakeFirst();
    if (existing) continue;
    const departments = await db.selectFrom("departments").select(["id", "name"]).where("municipality_id", "=", m.id).execute();
    await db.transaction().execute(async (trx) => {
      for (const [i, s] of DEMO_SERVICES.entries()) {
        const department = departments.find((d) => d.name.includes(s.department)) ?? null;
        const { department: _, ...input } = s;
        await createService(trx, m.id, { ...input, departmentId: department?.id ?? null, position: i }, { ...SYSTEM, label: "datos de demostración" });
      }
    });
  }
  log(`atención ciudadana: catálogo de ${DEMO_SERVICES.length} servicios en ${municipalities.length} municipios`);
}
