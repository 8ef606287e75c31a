/**
 * Demo: items to prioritise on León's demo participatory process (the newest published process of
 * León whose phases open a prioritisation component), with paper ballots and comparisons entered
 * through the real services on a day the component is open, so every results page has figures.
 */
import { anonymous, type Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { findActiveMunicipalityBySlug } from "../territory/queries.js";
import { ParticipationInputError } from "../participation/errors.js";
import { inPersonParticipant } from "../participation/participants.js";
import { loadProcessById, todayIn, type ProcessView } from "../participation/processes.js";
import type { Component } from "../participation/tables.js";
import { enterPaperBallot } from "./ballots.js";
import { createItem } from "./items.js";
import { enterPaperComparison } from "./pairwise.js";
import { mix } from "./pairs.js";
import { saveSettings } from "./settings.js";

const DEMO_ITEMS: { title: string; description: string; colonia: string; cost: number; appeal: number }[] = [
  { title: "Alumbrado LED en calles oscuras del poniente", description: "Sustituir y completar luminarias en las calles que vecinas y vecinos reportan como inseguras de noche.", colonia: "San Juan de Dios", cost: 4_800_000, appeal: 1.2 },
  { title: "Senderos seguros a escuelas", description: "Banquetas, cruces peatonales y vigilancia en los trayectos de entrada y salida de primarias y secundarias.", colonia: "", cost: 2_700_000, appeal: 1.0 },
  { title: "Botones de auxilio y cámaras en paraderos del SIT", description: "Paraderos del transporte con botón de auxilio enlazado al C4 y cámara.", colonia: "", cost: 3_200_000, appeal: 0.7 },
  { title: "Bacheo participativo por colonia", description: "Un programa de bacheo cuyas prioridades se fijan con los reportes ciudadanos de cada colonia.", colonia: "", cost: 3_900_000, appeal: 0.6 },
  { title: "Recolección nocturna de basura en el Centro", description: "Ampliar la recolección nocturna y los contenedores soterrados del Centro Histórico.", colonia: "León de los Aldama Centro", cost: 2_100_000, appeal: 0.2 },
  { title: "Rehabilitación del parque lineal del Malecón del Río", description: "Iluminación, juegos, bebederos y reforestación del parque lineal.", colonia: "", cost: 6_500_000, appeal: 0.3 },
  { title: "Portal de datos abiertos de obra pública", description: "Publicar contratos, avance físico y financiero y fotografías de cada obra en formatos abiertos.", colonia: "", cost: 1_200_000, appeal: -0.1 },
  { title: "Centro comunitario con biblioteca y talleres", description: "Espacio para talleres de oficios, tareas y actividades culturales para jóvenes.", colonia: "", cost: 5_400_000, appeal: -0.3 },
];
const BUDGET = 15_000_000;
const APPROVAL_LIMIT = 3;

const rand = (seed: number, ...k: number[]) => mix(seed, ...k) / 4294967296;

/** A day on which the process opens the component: today if it does, else the first day of such a phase. */
function openDay(process: ProcessView, component: Component, today: string): string | null {
  if (process.status !== "published") return null;
  const phase = process.phases.find((p) => p.components.includes(component) && p.startsOn <= today && today <= p.endsOn) ?? process.phases.find((p) => p.components.includes(component));
  if (!phase) return null;
  return phase.startsOn <= today && today <= phase.endsOn ? today : phase.startsOn;
}

export async function seedDemoPrioritisation(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  const leon = await findActiveMunicipalityBySlug(db, "leon");
  if (!leon) return;
  const candidate = await db
    .selectFrom("participatory_processes as p")
    .select("p.id")
    .where("p.municipality_id", "=", leon.id)
    .where("p.status", "=", "published")
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("process_phases as f").select("f.id").whereRef("f.municipality_id", "=", "p.municipality_id").whereRef("f.process_id", "=", "p.id").where("f.components", "&&", ["approval_voting", "budgeting", "pairwise"] as never)),
    )
    .orderBy("p.id", "desc")
    .executeTakeFirst();
  const process = candidate ? await loadProcessById(db, leon.id, candidate.id) : null;
  if (!process) {
    log("priorización: no hay un proceso de León que abra la priorización; se omite el ejemplo");
    return;
  }
  const staff: Actor = anonymous;
  await saveSettings(db, leon.id, staff, process.id, { approvalLimit: String(APPROVAL_LIMIT), budgetTotal: String(BUDGET) });
  const items: ((typeof DEMO_ITEMS)[number] & { id: number })[] = [];
  for (const item of DEMO_ITEMS) {
    try {
      items.push({ ...item, id: (await createItem(db, leon.id, staff, process.id, { ...item, cost: String(item.cost), methods: ["approval", "budget", "pairwise"] })).id });
    } catch (error) {
      // A colonia missing from this installation's catalogue: the item goes without it.
      if (!(error instanceof ParticipationInputError) || !error.fieldErrors().colonia) throw error;
      items.push({ ...item, id: (await createItem(db, leon.id, staff, process.id, { ...item, colonia: "", cost: String(item.cost), methods: ["approval", "budget", "pairwise"] })).id });
    }
  }
  const today = todayIn(leon.timeZone);
  // Each voter's taste: the item's appeal plus personal noise; they pick their favourites.
  const taste = (voter: number) => items.map((it, k) => ({ it, u: it.appeal + (rand(voter, k) - 0.5) * 2.4 })).sort((a, b) => b.u - a.u);

  const approvalDay = openDay(process, "approval_voting", today);
  if (approvalDay) {
    for (let v = 1; v <= 36; v++) {
      const count = 1 + (mix(v, 99) % APPROVAL_LIMIT);
      await enterPaperBallot(db, "approval", process, staff, null, taste(v).slice(0, count).map((x) => x.it.id), approvalDay);
    }
  }
  const budgetDay = openDay(process, "budgeting", today);
  if (budgetDay) {
    for (let v = 101; v <= 148; v++) {
      let left = BUDGET;
      const chosen: number[] = [];
      for (const { it } of taste(v)) if (it.cost <= left && chosen.length < 4) { chosen.push(it.id); left -= it.cost; }
      await enterPaperBallot(db, "budget", process, staff, null, chosen, budgetDay);
    }
  }
  const pairDay = openDay(process, "pairwise", today);
  let comparisons = 0;
  if (pairDay) {
    for (let v = 201; v <= 230; v++) {
      const participant = await db.transaction().execute((trx) => inPersonParticipant(trx, leon.id, null, staff));
      for (let q = 0; q < 6; q++) {
        const a = mix(v, q, 1) % items.length;
        const b = (a + 1 + (mix(v, q, 2) % (items.length - 1))) % items.length;
        const [left, right] = [items[a]!, items[b]!];
        const pLeft = 1 / (1 + Math.exp(-(left.appeal - right.appeal) * 1.5));
        const r = rand(v, q, 3);
        const outcome = r < 0.08 ? "unsure" : rand(v, q, 4) < pLeft ? "left" : "right";
        await enterPaperComparison(db, process, staff, null, { left: left.id, right: right.id, outcome }, pairDay, participant);
        comparisons++;
      }
    }
  }
  log(`priorización: ${items.length} elementos en «${process.title}»${approvalDay ? ", 36 boletas por aprobación" : ""}${budgetDay ? ", 48 de presupuesto" : ""}${pairDay ? `, ${comparisons} comparaciones` : ""}`);
}
