/** Demo prioritisation in León (see seedDemoPrioritisation). */
import { SYSTEM } from "../../platform/audit/audit.js";
import { addDays } from "../../platform/calendar/dates.js";
import type { Services } from "../../platform/services.js";
import { findActiveMunicipalityBySlug } from "../territory/queries.js";
import { ParticipationInputError } from "../participation/errors.js";
import { inPersonParticipant } from "../participation/participants.js";
import { demoProcess } from "../participation/demo.js";
import { createProcess, loadProcess, todayIn } from "../participation/processes.js";
import { enterPaperBallot } from "./ballots.js";
import { countItems, createItem } from "./items.js";
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

export const DEMO_VOTE_SLUG = "presupuesto-participativo-2025";

async function addItems(services: Services, municipalityId: number, processId: number) {
  const items: ((typeof DEMO_ITEMS)[number] & { id: number })[] = [];
  for (const item of DEMO_ITEMS) {
    const input = { ...item, cost: String(item.cost), methods: ["approval", "budget", "pairwise"] };
    try {
      items.push({ ...item, id: (await createItem(services.db, municipalityId, SYSTEM.actor, processId, input)).id });
    } catch (error) {
      // A colonia missing from this installation's catalogue: the item goes without it.
      if (!(error instanceof ParticipationInputError) || !error.fieldErrors().colonia) throw error;
      items.push({ ...item, id: (await createItem(services.db, municipalityId, SYSTEM.actor, processId, { ...input, colonia: "" })).id });
    }
  }
  await saveSettings(services.db, municipalityId, SYSTEM.actor, processId, { approvalLimit: String(APPROVAL_LIMIT), budgetTotal: String(BUDGET) });
  return items;
}

/**
 * León: the items of the demo action-plan process (its Priorización phase is still ahead), and a
 * finished participatory-budget vote held last quarter whose paper ballots and comparisons were
 * entered on its voting days, so every results page has figures.
 */
export async function seedDemoPrioritisation(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  const leon = await findActiveMunicipalityBySlug(db, "leon");
  if (!leon) return;
  const upcoming = await demoProcess(db, leon.id);
  if (upcoming && (await countItems(db, leon.id, upcoming.id)) === 0) await addItems(services, leon.id, upcoming.id);
  if (await loadProcess(db, leon.id, DEMO_VOTE_SLUG)) return;

  const today = todayIn(leon.timeZone);
  const process = await createProcess(db, leon.id, SYSTEM.actor, {
    slug: DEMO_VOTE_SLUG,
    title: "Presupuesto participativo 2025: seguridad y servicios por colonia",
    summary: "Votación ciudadana de proyectos de seguridad, servicios y datos abiertos, en línea y en mesas presenciales.",
    description: "Las vecinas y los vecinos de León eligieron qué proyectos realizar con un presupuesto de $15,000,000 y cuáles problemas son más urgentes.",
    status: "published",
    phases: [{ title: "Votación", description: "Votación por aprobación, presupuesto participativo y comparación por pares.", startsOn: addDays(today, -100), endsOn: addDays(today, -70), components: ["approval_voting", "budgeting", "pairwise"] }],
  });
  const items = await addItems(services, leon.id, process.id);
  const day = (offset: number) => addDays(today, -100 + offset);
  // Each voter's taste: the item's appeal plus personal noise; they pick their favourites.
  const taste = (voter: number) => items.map((it, k) => ({ it, u: it.appeal + (rand(voter, k) - 0.5) * 2.4 })).sort((a, b) => b.u - a.u);
  for (let v = 1; v <= 36; v++) {
    const count = 1 + (mix(v, 99) % APPROVAL_LIMIT);
    await enterPaperBallot(db, "approval", process, SYSTEM.actor, null, taste(v).slice(0, count).map((x) => x.it.id), day(v % 30));
  }
  for (let v = 101; v <= 148; v++) {
    let left = BUDGET;
    const chosen: number[] = [];
    for (const { it } of taste(v)) if (it.cost <= left && chosen.length < 4) { chosen.push(it.id); left -= it.cost; }
    await enterPaperBallot(db, "budget", process, SYSTEM.actor, null, chosen, day(v % 30));
  }
  let comparisons = 0;
  for (let v = 201; v <= 230; v++) {
    const participant = await db.transaction().execute((trx) => inPersonParticipant(trx, leon.id, null, SYSTEM.actor));
    for (let q = 0; q < 6; q++) {
      const a = mix(v, q, 1) % items.length;
      const b = (a + 1 + (mix(v, q, 2) % (items.length - 1))) % items.length;
      const [left, right] = [items[a]!, items[b]!];
      const pLeft = 1 / (1 + Math.exp(-(left.appeal - right.appeal) * 1.5));
      const outcome = rand(v, q, 3) < 0.08 ? "unsure" : rand(v, q, 4) < pLeft ? "left" : "right";
      await enterPaperComparison(db, process, SYSTEM.actor, null, { left: left.id, right: right.id, outcome }, day(v % 30), participant);
      comparisons++;
    }
  }
  log(`priorización: ${items.length} elementos en cada proceso de León; «${process.title}» con 36 boletas por aprobación, 48 de presupuesto y ${comparisons} comparaciones`);
}
