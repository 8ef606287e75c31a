/**
 * Demo: on León's participatory process (the core's demo), a consultation on security and
 * services by colonia with answers online and on paper from an in-person session, so the
 * results page shows both channels. Everything goes through the real services.
 */
import { sql } from "kysely";
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { addDays, type LocalDate } from "../../platform/calendar/dates.js";
import { todayIn } from "../participation/processes.js";
import { demoProcess } from "../participation/demo.js";
import { inPersonParticipant } from "../participation/participants.js";
import { checkQuestion, type Answer } from "./questions.js";
import { addQuestion, createConsultation, publishConsultation, recordResponse } from "./service.js";
import { createSession, EMPTY_SESSION } from "./sessions.js";
import { loadQuestions } from "./queries.js";

const DEMO_ACTOR = anonymous;

const QUESTIONS: Record<string, string>[] = [
  { kind: "single", prompt: "¿Qué problema de tu colonia es el más urgente?", options: "Inseguridad en las calles\nAlumbrado público\nFugas y abasto de agua\nBaches y banquetas", required: "1" },
  { kind: "multiple", prompt: "¿Qué datos abiertos te gustaría consultar?", options: "Delitos por colonia\nObras públicas y su avance\nPresupuesto municipal\nTiempos de atención de reportes", maxChoices: "2", required: "1" },
  { kind: "scale", prompt: "¿Qué tan seguro te sientes al caminar de noche por tu colonia?", scaleMin: "1", scaleMax: "5", scaleMinLabel: "nada seguro", scaleMaxLabel: "muy seguro", required: "1" },
  { kind: "ranking", prompt: "Ordena estos temas del más al menos prioritario", options: "Seguridad\nServicios por colonia\nDatos abiertos", required: "0" },
  { kind: "text", prompt: "¿Qué propuesta harías al Ayuntamiento?", maxLength: "800", required: "0" },
];

/** [single, multiple[], scale, ranking order | null, text | null] */
type Row = [number, number[], number, number[] | null, string | null];
const ONLINE: Row[] = [
  [0, [0, 3], 2, [0, 1, 2], "Más patrullajes a la salida de las escuelas."],
  [1, [1], 3, [1, 0, 2], null],
  [0, [0, 2], 1, [0, 2, 1], "Publicar cada mes los delitos por colonia."],
  [2, [3], 4, null, null],
  [0, [0], 2, [0, 1, 2], "Iluminar los parques y las paradas de camión."],
];
const PAPER: Row[] = [
  [1, [1, 3], 2, [1, 0, 2], "Que las luminarias se reparen en menos de una semana."],
  [0, [0], 1, [0, 1, 2], null],
  [3, [1], 3, [1, 2, 0], null],
];

function answersOf(questionIds: number[], row: Row): Map<number, Answer> {
  const [single, multiple, scale, ranking, text] = row;
  const m = new Map<number, Answer>([
    [questionIds[0]!, { choices: [single] }],
    [questionIds[1]!, { choices: multiple }],
    [questionIds[2]!, { scale }],
  ]);
  if (ranking) m.set(questionIds[3]!, { choices: ranking });
  if (text) m.set(questionIds[4]!, { text });
  return m;
}

export async function seedDemoConsultation(services: Services, log: (line: string) => void): Promise<void> {
  const { db } = services;
  const leon = await db.selectFrom("municipalities").select(["id", "time_zone"]).where("slug", "=", "leon").where("active", "=", true).executeTakeFirst();
  if (!leon) return;
  const today = todayIn(leon.time_zone);
  const demo = await demoProcess(db, leon.id);
  for (const process of demo ? [demo] : []) {
    const phase = process.phases.find((p) => p.components.includes("consultations") && p.startsOn <= today && today <= p.endsOn);
    if (!phase) continue;
    const opensOn: LocalDate = phase.startsOn < addDays(today, -10) ? addDays(today, -10) : phase.startsOn;
    const consultationId = await createConsultation(db, process, DEMO_ACTOR, {
      title: "Seguridad, servicios y datos abiertos en tu colonia",
      description: "Queremos saber qué problemas de tu colonia atender primero y qué información pública te sirve. Responde en línea o en las sesiones presenciales.",
      opensOn,
      closesOn: phase.endsOn,
      resultsLive: true,
    });
    for (const raw of QUESTIONS) {
      const checked = checkQuestion(raw);
      if (!checked.ok) throw new Error(`pregunta de demostración no válida: ${JSON.stringify(checked.errors)}`);
      await addQuestion(db, leon.id, consultationId, DEMO_ACTOR, checked.question);
    }
    await publishConsultation(db, leon.id, consultationId, DEMO_ACTOR);
    const questionIds = (await loadQuestions(db, leon.id, consultationId)).map((q) => q.id);
    const colonias = await db.selectFrom("colonias").select("id").where("municipality_id", "=", leon.id).orderBy("id").limit(3).execute();
    const sessionId = await createSession(db, process, DEMO_ACTOR, {
      ...EMPTY_SESSION,
      title: "Consulta presencial en el Centro Comunitario",
      place: "Centro Comunitario Las Joyas, León",
      heldOn: opensOn,
      minutes:
        "Se presentó el proceso y la consulta. Las personas asistentes señalaron la falta de alumbrado en calles y parques, la inseguridad al salir del trabajo y pidieron conocer los tiempos de atención de los reportes. Se recogieron respuestas en papel que el equipo de participación capturó.",
      attendance: { gobierno: "3", sociedad_civil: "6", empresarial: "2", academia: "1", ciudadania: "18", women: "17", men: "13", other: "0" },
    });
    for (const [i, row] of ONLINE.entries()) {
      await recordResponse(
        db, leon.id, consultationId, DEMO_ACTOR,
        async (trx) => {
          const p = await trx.insertInto("participants").values({ municipality_id: leon.id, kind: "guest", email: `vecina.demo${i + 1}@ejemplo.mx`, email_confirmed_at: sql`now()` as unknown as Date }).returning("id").executeTakeFirstOrThrow();
          return { municipalityId: leon.id, id: p.id, kind: "guest", userId: null, emailConfirmed: true, identityVerified: false };
        },
        { answers: answersOf(questionIds, row), coloniaId: colonias[i % Math.max(1, colonias.length)]?.id ?? null, channel: "online", sessionId: null },
      );
    }
    for (const row of PAPER) {
      await recordResponse(db, leon.id, consultationId, DEMO_ACTOR, (trx) => inPersonParticipant(trx, leon.id, null, DEMO_ACTOR), {
        answers: answersOf(questionIds, row), coloniaId: colonias[0]?.id ?? null, channel: "in_person", sessionId,
      });
    }
    log(`Consulta de demostración en León: /leon/participa/${process.slug}/consultas/${consultationId} (${ONLINE.length} respuestas en línea, ${PAPER.length} en papel)`);
    return;
  }
}
