/**
 * Open data of consultations whose results are public: one CSV row per respondent and question,
 * and a JSON document with every consultation's results and answers. A respondent appears only as
 * a number within one consultation (never a participant id), with the date but not the time of
 * the answer, so nobody can follow one person from one consultation to another.
 */
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { DatasetContributor } from "../../platform/datasets.js";
import type { Services } from "../../platform/services.js";
import { municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { csvField } from "../requests/opendata.js";
import { todayIn } from "../participation/processes.js";
import { answerText, type Answer, type Question } from "./questions.js";
import { loadQuestions, resultsArePublic } from "./queries.js";
import { computeResults } from "./results.js";
import { resultsJson } from "./routes-public.js";

export const CSV_COLUMNS = ["proceso", "consulta_id", "consulta", "encuestado", "canal", "sesion", "colonia", "fecha", "pregunta_numero", "pregunta", "tipo", "respuesta"] as const;

interface PublicConsultation {
  id: number;
  title: string;
  processSlug: string;
  opensOn: string;
  closesOn: string;
  status: "draft" | "published";
  resultsLive: boolean;
}

/** Consultations of non-draft processes whose results are public today. */
export async function publicConsultations(db: Executor, municipalityId: number, today: string, only?: number): Promise<PublicConsultation[]> {
  let q = db
    .selectFrom("consultations as c")
    .innerJoin("participatory_processes as p", (j) => j.onRef("p.municipality_id", "=", "c.municipality_id").onRef("p.id", "=", "c.process_id"))
    .select(["c.id", "c.title", "p.slug as process_slug", "c.status", "c.results_live", sql<string>`to_char(c.opens_on, 'YYYY-MM-DD')`.as("opens_on"), sql<string>`to_char(c.closes_on, 'YYYY-MM-DD')`.as("closes_on")])
    .where("c.municipality_id", "=", municipalityId)
    .where("c.status", "=", "published")
    .where("p.status", "<>", "draft");
  if (only !== undefined) q = q.where("c.id", "=", only);
  const rows = await q.orderBy("c.id").execute();
  return rows
    .map((r) => ({ id: r.id, title: r.title, processSlug: r.process_slug, opensOn: r.opens_on, closesOn: r.closes_on, status: r.status, resultsLive: r.results_live }))
    .filter((c) => resultsArePublic(c, today));
}

interface ExportRow {
  respondent: number;
  channel: "online" | "in_person";
  session: string | null;
  colonia: string | null;
  date: string;
  answers: Map<number, Answer>;
}

async function responsesOf(db: Executor, municipalityId: number, consultationId: number, timeZone: string): Promise<ExportRow[]> {
  const responses = await db
    .selectFrom("consultation_responses as r")
    .leftJoin("consultation_sessions as s", (j) => j.onRef("s.municipality_id", "=", "r.municipality_id").onRef("s.id", "=", "r.session_id"))
    .leftJoin("colonias as col", (j) => j.onRef("col.municipality_id", "=", "r.municipality_id").onRef("col.id", "=", "r.colonia_id"))
    .select(["r.id", "r.respondent_number", "r.channel", "s.title as session", "col.name as colonia", sql<string>`to_char(r.submitted_at at time zone ${timeZone}, 'YYYY-MM-DD')`.as("day")])
    .where("r.municipality_id", "=", municipalityId)
    .where("r.consultation_id", "=", consultationId)
    .orderBy("r.respondent_number")
    .execute();
  const answers = await db
    .selectFrom("consultation_answers as a")
    .innerJoin("consultation_responses as r", (j) => j.onRef("r.municipality_id", "=", "a.municipality_id").onRef("r.id", "=", "a.response_id"))
    .select(["a.response_id", "a.question_id", "a.choices", "a.scale_value", "a.text_value"])
    .where("a.municipality_id", "=", municipalityId)
    .where("r.consultation_id", "=", consultationId)
    .execute();
  const byResponse = new Map<number, Map<number, Answer>>();
  for (const a of answers) {
    const m = byResponse.get(a.response_id) ?? new Map<number, Answer>();
    m.set(a.question_id, a.text_value !== null ? { text: a.text_value } : a.scale_value !== null ? { scale: a.scale_value } : { choices: a.choices ?? [] });
    byResponse.set(a.response_id, m);
  }
  return responses.map((r) => ({ respondent: r.respondent_number, channel: r.channel, session: r.session, colonia: r.colonia, date: r.day, answers: byResponse.get(r.id) ?? new Map() }));
}

const KIND_WORDS: Record<Question["kind"], string> = { single: "opcion_unica", multiple: "opcion_multiple", scale: "escala", text: "texto", ranking: "ordenamiento" };
const CHANNEL_WORDS = { online: "en_linea", in_person: "presencial" } as const;

export function registerConsultationOpenData(app: FastifyInstance, services: Services): void {
  const { db } = services;
  const onlyOf = (q: unknown): number | undefined => {
    const v = (q as Record<string, unknown>).consulta;
    if (v === undefined || v === "") return undefined;
    if (typeof v !== "string" || !/^\d{1,9}$/.test(v)) throw new HttpProblem(400, "El parámetro consulta debe ser el número de una consulta.");
    return Number(v);
  };

  app.get("/:slug/datos/consultas.csv", { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const consultations = await publicConsultations(db, m.id, todayIn(m.timeZone), onlyOf(request.query));
    const lines = [CSV_COLUMNS.join(",")];
    for (const c of consultations) {
      const questions = await loadQuestions(db, m.id, c.id);
      for (const r of await responsesOf(db, m.id, c.id, m.timeZone)) {
        for (const q of questions) {
          const a = r.answers.get(q.id);
          lines.push([c.processSlug, c.id, c.title, r.respondent, CHANNEL_WORDS[r.channel], r.session, r.colonia, r.date, q.position, q.prompt, KIND_WORDS[q.kind], a ? answerText(q, a) : null].map(csvField).join(","));
        }
      }
    }
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${m.slug}-consultas.csv"`)
      .header("access-control-allow-origin", "*")
      .send("\uFEFF" + lines.join("\r\n") + "\r\n");
  });

  app.get("/:slug/datos/consultas.json", { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const consultations = await publicConsultations(db, m.id, todayIn(m.timeZone), onlyOf(request.query));
    const out = [];
    for (const c of consultations) {
      const questions = await loadQuestions(db, m.id, c.id);
      const results = await computeResults(db, m.id, c.id, questions);
      const responses = await responsesOf(db, m.id, c.id, m.timeZone);
      out.push({
        process: c.processSlug,
        ...resultsJson({ ...c, description: "", municipalityId: m.id, processId: 0, questions, responses: responses.length }, results, null),
        responses: responses.map((r) => ({
          respondent: r.respondent,
          channel: CHANNEL_WORDS[r.channel],
          session: r.session,
          colonia: r.colonia,
          date: r.date,
          answers: questions.filter((q) => r.answers.has(q.id)).map((q) => ({ question: q.position, answer: answerText(q, r.answers.get(q.id)!) })),
        })),
      });
    }
    return reply.header("access-control-allow-origin", "*").send({ municipality: m.slug, license: "Libre Uso MX", consultations: out });
  });
}

export const consultationDatasets: DatasetContributor = async ({ db }, m) => {
  const consultations = await publicConsultations(db, m.id, todayIn(m.timeZone));
  if (consultations.length === 0) return [];
  const start = consultations.map((c) => c.opensOn).sort()[0]!;
  const end = consultations.map((c) => c.closesOn).sort().at(-1)!;
  return [
    {
      id: `${m.slug}-consultas-ciudadanas`,
      municipalitySlug: m.slug,
      title: `Consultas ciudadanas de ${m.name}`,
      description:
        `Respuestas a las consultas de los procesos participativos de ${m.name}, en línea y en sesiones presenciales: una fila por ` +
        "persona encuestada y pregunta, con canal, sesión, colonia declarada y fecha. Cada persona es un número dentro de su consulta; sin datos personales.",
      keywords: ["consultas", "participación ciudadana", "cocreación", "gobierno abierto"],
      frequency: "irregular",
      temporal: { start, end },
      modified: null,
      distributions: [
        { id: "csv", title: "Respuestas a consultas (CSV)", format: "CSV", mediaType: "text/csv", downloadPath: `/${m.slug}/datos/consultas.csv` },
        { id: "json", title: "Resultados y respuestas de consultas (JSON)", format: "JSON", mediaType: "application/json", downloadPath: `/${m.slug}/datos/consultas.json` },
      ],
    },
  ];
};
