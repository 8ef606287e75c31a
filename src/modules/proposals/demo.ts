/**
 * Demo: proposals, supports and comments on León's demo process (the core module seeds the
 * process with demoProcess).
 * In-person proposals come from a session; supports come from demo one-time participants.
 */
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { demoProcess } from "../participation/demo.js";
import { createProposal } from "./create.js";
import { addCategory } from "./settings.js";
import { recountSupports, applyThreshold } from "./supports.js";
import { addComment } from "./comments.js";
import { answerProposal } from "./answers.js";
import { createCommitmentDraft } from "./commitments.js";
import type { ProposalKind } from "./tables.js";

const DEMO: { kind: ProposalKind; category: string; colonia?: string; title: string; body: string; inPerson?: boolean; supports: number }[] = [
  { kind: "propuesta", category: "Seguridad", title: "Alumbrado con sensores en los parques de la colonia", body: "Instalar luminarias LED con sensores de movimiento en parques y andadores, priorizando los que tienen más reportes de inseguridad nocturna.", supports: 34 },
  { kind: "reto", category: "Servicios por colonia", title: "La recolección de basura no pasa los días anunciados", body: "En varias colonias del poniente el camión no respeta el calendario. Publicar las rutas en tiempo real y un canal para avisar cuando no pasa.", supports: 21 },
  { kind: "idea", category: "Datos abiertos", title: "Publicar en datos abiertos el padrón de obra pública por colonia", body: "Un conjunto de datos con monto, contratista, avance y colonia de cada obra, actualizado cada mes, para que los comités vecinales den seguimiento.", supports: 17 },
  { kind: "tema", category: "Seguridad", title: "Caminos seguros a las escuelas", body: "Revisar banquetas, cruces y vigilancia en los trayectos de las primarias y secundarias con más alumnos que llegan a pie.", supports: 9, inPerson: true },
  { kind: "propuesta", category: "Servicios por colonia", title: "Mesas de atención itinerantes en colonias periféricas", body: "Llevar una vez al mes módulos de trámites y reportes a las colonias más alejadas del centro, con calendario público.", supports: 6, inPerson: true },
  { kind: "idea", category: "Datos abiertos", title: "Tablero público de tiempos de atención de reportes", body: "Mostrar cuánto tarda cada dependencia en atender baches, alumbrado y fugas, por colonia y por mes, con los datos de atención ciudadana.", supports: 3 },
];

const COMMENTS = [
  "Estoy de acuerdo; en mi colonia el parque queda totalmente a oscuras después de las nueve.",
  "¿Se podría empezar por los parques cercanos a las escuelas?",
  "Buena idea, siempre que se le dé mantenimiento a las luminarias.",
];

export async function seedDemoProposals(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  const leon = await db.selectFrom("municipalities").select("id").where("slug", "=", "leon").executeTakeFirst();
  if (!leon) return;
  const process = await demoProcess(db, leon.id);
  if (!process) {
    log("propuestas: no hay proceso de demostración en León; se omiten");
    return;
  }
  const existing = await db.selectFrom("proposals").select("id").where("municipality_id", "=", leon.id).where("process_id", "=", process.id).executeTakeFirst();
  if (existing) return;
  const categories = new Map<string, number>();
  for (const name of new Set(DEMO.map((d) => d.category))) categories.set(name, (await addCategory(db, leon.id, process.id, anonymous, name)).id);
  await db.transaction().execute(async (trx) => {
    // Demo people: in-person participants without identity (no personal data at all).
    const people: number[] = [];
    for (let i = 0; i < 40; i++) {
      people.push((await trx.insertInto("participants").values({ municipality_id: leon.id, kind: "in_person" }).returning("id").executeTakeFirstOrThrow()).id);
    }
    for (const [i, d] of DEMO.entries()) {
      const created = await createProposal(trx, leon.id, { actor: anonymous, participantId: people[i]! }, process.id, {
        kind: d.kind, title: d.title, body: d.body, categoryId: categories.get(d.category) ?? null, channel: d.inPerson ? "in_person" : "online",
      });
      for (const who of people.slice(0, d.supports)) {
        await trx.insertInto("proposal_supports").values({ municipality_id: leon.id, proposal_id: created.id, participant_id: who }).execute();
      }
      const supports = await recountSupports(trx, leon.id, created.id);
      await applyThreshold(trx, leon.id, process.id, created.id, supports);
    }
  });
  const first = await db.selectFrom("proposals").select("id").where("municipality_id", "=", leon.id).where("process_id", "=", process.id).where("number", "=", 1).executeTakeFirstOrThrow();
  const people = await db.selectFrom("participants").select("id").where("municipality_id", "=", leon.id).orderBy("id").limit(3).execute();
  let parent: number | null = null;
  for (const [i, body] of COMMENTS.entries()) {
    const c = await addComment(db, leon.id, process.id, first.id, people[i]!.id, anonymous, { body, parentId: i === 1 ? parent : null });
    if (i === 0) parent = c.id;
  }
  await answerProposal(db, leon.id, process.id, 2, anonymous, {
    status: "aceptada",
    answer: "La Dirección de Aseo Público publicará las rutas y horarios por colonia en datos abiertos y habilitará un aviso cuando el camión no pase. Se incluirá como compromiso en el plan de acción.",
  });
  // The accepted proposal becomes a draft commitment for the action plan.
  const department = await db
    .selectFrom("departments")
    .select("id")
    .where("municipality_id", "=", leon.id)
    .where("active", "=", true)
    .where((eb) => eb.or([eb("name", "ilike", "%aseo%"), eb("name", "ilike", "%servicios p%")]))
    .orderBy("id")
    .executeTakeFirst();
  await createCommitmentDraft(db, leon.id, process.id, 2, anonymous, {
    title: "Rutas de recolección de basura por colonia en datos abiertos",
    problem: "En varias colonias del poniente el camión de basura no pasa los días anunciados y la gente no tiene cómo saberlo ni avisar.",
    statusQuo: "Las rutas y horarios no se publican; los reportes llegan por teléfono y no se da seguimiento público.",
    description: "Publicar cada mes las rutas y horarios de recolección por colonia como datos abiertos, y un aviso ciudadano cuando el camión no pase, con respuesta de la dependencia.",
    howItSolves: "Con rutas públicas y avisos registrados, vecinas y vecinos pueden planear y exigir el servicio, y la dependencia ve dónde falla.",
    relevance: { transparency: true, accountability: true, participation: true },
    leadDepartmentId: department?.id ?? null,
    wholeMunicipality: true,
    coloniaIds: [],
  });
  log(`propuestas: ${DEMO.length} propuestas con apoyos y comentarios en «${process.title}» (León), una convertida en borrador de compromiso`);
}
