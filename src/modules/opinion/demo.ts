/**
 * Demo: an open conversation on León's demo process about the historic centre and mobility,
 * with seed statements and synthetic votes from 90 demo voters in three planted opinion groups
 * (no people behind them: voters without a participant, like imported ones), then the analysis.
 */
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { demoProcess } from "../participation/demo.js";
import { createConversation } from "./conversations.js";
import { recomputeWhenFree } from "./analysis-runner.js";

const SEEDS: { body: string; stance: [number, number, number] }[] = [
  // stance: probability of agreeing for groups A, B, C (disagree otherwise, with some passes).
  { body: "El centro histórico debería ser peatonal los fines de semana.", stance: [0.9, 0.15, 0.5] },
  { body: "Hacen falta más ciclovías protegidas que conecten las colonias con el centro.", stance: [0.9, 0.2, 0.6] },
  { body: "Quitar estacionamiento en la calle perjudica a los comercios locales.", stance: [0.15, 0.9, 0.5] },
  { body: "El transporte público debe ser la prioridad del presupuesto de movilidad.", stance: [0.85, 0.4, 0.9] },
  { body: "Las obras viales deberían consultarse con los vecinos antes de iniciar.", stance: [0.85, 0.85, 0.9] },
  { body: "Los datos de accidentes por cruce deberían publicarse cada mes.", stance: [0.8, 0.75, 0.85] },
  { body: "Ampliar avenidas es la mejor forma de reducir el tráfico.", stance: [0.1, 0.85, 0.3] },
  { body: "Las rutas de camión deben llegar a las colonias periféricas aunque sean menos rentables.", stance: [0.7, 0.3, 0.95] },
  { body: "El Ayuntamiento debe cobrar por estacionarse en el centro y usar ese dinero en banquetas.", stance: [0.8, 0.1, 0.4] },
  { body: "La seguridad en las paradas de camión es más urgente que nuevas ciclovías.", stance: [0.3, 0.7, 0.9] },
  { body: "Las banquetas deben ser accesibles para sillas de ruedas y carriolas en todo el centro.", stance: [0.9, 0.8, 0.9] },
  { body: "Los taxis por aplicación deberían pagar una cuota para mantener las calles.", stance: [0.6, 0.3, 0.55] },
];

/** A small deterministic generator (mulberry32), so every demo database is the same. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoOpinion(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  const leon = await db.selectFrom("municipalities").select("id").where("slug", "=", "leon").executeTakeFirst();
  if (!leon) return;
  const process = await demoProcess(db, leon.id);
  if (!process) {
    log("opinión: no hay proceso de demostración en León; se omite");
    return;
  }
  const existing = await db.selectFrom("opinion_conversations").select("id").where("municipality_id", "=", leon.id).executeTakeFirst();
  if (existing) return;
  const conversation = await createConversation(
    db, leon.id, anonymous,
    {
      topic: "¿Cómo nos movemos en el centro de León?",
      description: "Vote cada afirmación (de acuerdo, en desacuerdo o paso) y escriba las suyas. El mapa muestra los grupos de opinión y en qué coincidimos todos.",
      moderation: "post", identity: "anonymous", participantStatements: true, processId: process.id,
    },
    SEEDS.map((s) => s.body),
  );
  const statements = await db.selectFrom("opinion_statements").select(["id", "number"]).where("municipality_id", "=", leon.id).where("conversation_id", "=", conversation.id).orderBy("number").execute();
  const rand = random(11020);
  await db.transaction().execute(async (trx) => {
    const voters = await trx
      .insertInto("opinion_voters")
      .values(Array.from({ length: 90 }, (_, number) => ({ municipality_id: leon.id, conversation_id: conversation.id, number, participant_id: null })))
      .returning(["id", "number"])
      .execute();
    const votes = [];
    for (const v of voters) {
      const group = v.number % 3;
      for (const s of statements) {
        if (rand() < 0.15) continue; // not everyone sees every statement
        const p = SEEDS[s.number]!.stance[group]!;
        const r = rand();
        votes.push({ municipality_id: leon.id, conversation_id: conversation.id, voter_id: v.id, statement_id: s.id, vote: r < 0.08 ? 0 : rand() < p ? 1 : -1 });
      }
    }
    await trx.insertInto("opinion_votes").values(votes).execute();
  });
  await recomputeWhenFree(services, leon.id, conversation.id);
  log(`opinión: conversación «${conversation.topic}» en León con ${SEEDS.length} afirmaciones y 90 participantes de demostración`);
}
