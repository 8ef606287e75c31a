/**
 * Consultation operations, each one transaction with its audit entry: define a consultation and
 * its questions (frozen once an answer exists), publish it, and record a response online or
 * from paper at an in-person session.
 */
import { sql } from "kysely";
import type { Db, Executor, Trx } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { isLocalDate, type LocalDate } from "../../platform/calendar/dates.js";
import { ParticipationInputError } from "../participation/errors.js";
import type { ProcessView } from "../participation/processes.js";
import type { Participant } from "../participation/participants.js";
import type { Answer, QuestionInput } from "./questions.js";
import type { Channel } from "./tables.js";
import "./tables.js";

export interface ConsultationInput {
  title: string;
  description: string;
  opensOn: string;
  closesOn: string;
  resultsLive: boolean;
}

const fail = (field: string, message: string, status = 422) => ParticipationInputError.single(field, message, status);

/** Check a consultation's fields and that its dates fall inside one phase that opens consultations. */
export function checkConsultation(process: ProcessView, input: ConsultationInput): ConsultationInput {
  const errors: { field: string; message: string }[] = [];
  const title = input.title.trim();
  const description = input.description.trim();
  if (title.length < 3 || title.length > 200) errors.push({ field: "title", message: "El título debe tener entre 3 y 200 caracteres." });
  if (description.length > 10000) errors.push({ field: "description", message: "La descripción debe tener como máximo 10 000 caracteres." });
  const opensOn = input.opensOn.trim();
  const closesOn = input.closesOn.trim();
  if (!isLocalDate(opensOn)) errors.push({ field: "opensOn", message: "Escriba la fecha de apertura como AAAA-MM-DD." });
  if (!isLocalDate(closesOn)) errors.push({ field: "closesOn", message: "Escriba la fecha de cierre como AAAA-MM-DD." });
  else if (isLocalDate(opensOn) && closesOn < opensOn) errors.push({ field: "closesOn", message: "La consulta no puede cerrar antes de abrir." });
  if (errors.length === 0) {
    const phases = process.phases.filter((p) => p.components.includes("consultations"));
    const inside = phases.some((p) => p.startsOn <= opensOn && closesOn <= p.endsOn);
    if (!inside) {
      const list = phases.map((p) => `«${p.title}» (${p.startsOn} a ${p.endsOn})`).join(", ");
      errors.push({
        field: "opensOn",
        message: phases.length
          ? `Las fechas deben quedar dentro de una etapa del proceso que admite consultas: ${list}.`
          : "Ninguna etapa del proceso admite consultas: agregue el componente «consultas» a una etapa primero.",
      });
    }
  }
  if (errors.length) throw new ParticipationInputError(errors);
  return { title, description, opensOn, closesOn, resultsLive: input.resultsLive };
}

export async function createConsultation(db: Db, process: ProcessView, actor: Actor, input: ConsultationInput): Promise<number> {
  const c = checkConsultation(process, input);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("consultations")
      .values({
        municipality_id: process.municipalityId,
        process_id: process.id,
        title: c.title,
        description: c.description,
        opens_on: c.opensOn,
        closes_on: c.closesOn,
        results_live: c.resultsLive,
        created_by: actor.kind === "user" ? actor.userId : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, municipalityId: process.municipalityId, action: "consultation.create", subjectType: "consultation", subjectId: row.id, details: { process: process.slug, title: c.title, opensOn: c.opensOn, closesOn: c.closesOn } });
    return row.id;
  });
}

/**
 * The consultation row, locked until the transaction ends: responses and question edits take
 * this lock, so "no answers yet" stays true while questions change and respondent numbers never collide.
 */
async function lockConsultation(trx: Trx, municipalityId: number, consultationId: number) {
  const row = await trx
    .selectFrom("consultations")
    .select(["id", "process_id", "status", "title", sql<string>`to_char(opens_on, 'YYYY-MM-DD')`.as("opens_on"), sql<string>`to_char(closes_on, 'YYYY-MM-DD')`.as("closes_on")])
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", consultationId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw fail("consultation", "La consulta no existe.", 404);
  return row;
}

async function responseCount(trx: Executor, municipalityId: number, consultationId: number): Promise<number> {
  const r = await trx
    .selectFrom("consultation_responses")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("municipality_id", "=", municipalityId)
    .where("consultation_id", "=", consultationId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function assertNoResponses(trx: Trx, municipalityId: number, consultationId: number): Promise<void> {
  const n = await responseCount(trx, municipalityId, consultationId);
  if (n > 0) {
    throw fail("questions", `La consulta ya tiene ${n} ${n === 1 ? "respuesta" : "respuestas"}: sus preguntas no pueden cambiar, porque las respuestas recibidas dejarían de corresponder a lo que se preguntó.`);
  }
}

export async function updateConsultation(db: Db, process: ProcessView, consultationId: number, actor: Actor, input: ConsultationInput): Promise<void> {
  const c = checkConsultation(process, input);
  await db.transaction().execute(async (trx) => {
    await lockConsultation(trx, process.municipalityId, consultationId);
    await trx
      .updateTable("consultations")
      .set({ title: c.title, description: c.description, opens_on: c.opensOn, closes_on: c.closesOn, results_live: c.resultsLive, updated_at: new Date() })
      .where("municipality_id", "=", process.municipalityId)
      .where("id", "=", consultationId)
      .execute();
    await recordAudit(trx, { actor, municipalityId: process.municipalityId, action: "consultation.update", subjectType: "consultation", subjectId: consultationId, details: { ...c, description: undefined } });
  });
}

export async function publishConsultation(db: Db, municipalityId: number, consultationId: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await lockConsultation(trx, municipalityId, consultationId);
    if (row.status === "published") throw fail("status", "La consulta ya está publicada.", 409);
    const questions = await trx
      .selectFrom("consultation_questions")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("municipality_id", "=", municipalityId)
      .where("consultation_id", "=", consultationId)
      .executeTakeFirstOrThrow();
    if (Number(questions.n) === 0) throw fail("questions", "Agregue al menos una pregunta antes de publicar la consulta.");
    await trx.updateTable("consultations").set({ status: "published", published_at: new Date(), updated_at: new Date() }).where("municipality_id", "=", municipalityId).where("id", "=", consultationId).execute();
    await recordAudit(trx, { actor, municipalityId, action: "consultation.publish", subjectType: "consultation", subjectId: consultationId, details: { questions: Number(questions.n) } });
  });
}

const questionColumns = (q: QuestionInput) => ({
  kind: q.kind,
  prompt: q.prompt,
  help: q.help,
  required: q.required,
  options: q.options,
  max_choices: q.maxChoices,
  scale_min: q.scaleMin,
  scale_max: q.scaleMax,
  scale_min_label: q.scaleMinLabel,
  scale_max_label: q.scaleMaxLabel,
  max_length: q.maxLength,
});

export async function addQuestion(db: Db, municipalityId: number, consultationId: number, actor: Actor, question: QuestionInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockConsultation(trx, municipalityId, consultationId);
    await assertNoResponses(trx, municipalityId, consultationId);
    const last = await trx
      .selectFrom("consultation_questions")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("municipality_id", "=", municipalityId)
      .where("consultation_id", "=", consultationId)
      .executeTakeFirst();
    const position = Number(last?.p ?? 0) + 1;
    if (position > 200) throw fail("prompt", "Una consulta admite hasta 200 preguntas.");
    const row = await trx
      .insertInto("consultation_questions")
      .values({ municipality_id: municipalityId, consultation_id: consultationId, position, ...questionColumns(question) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, municipalityId, action: "consultation.question.add", subjectType: "consultation", subjectId: consultationId, details: { question: row.id, kind: question.kind, prompt: question.prompt } });
    return row.id;
  });
}

async function questionExists(trx: Trx, municipalityId: number, consultationId: number, questionId: number) {
  const row = await trx
    .selectFrom("consultation_questions")
    .select(["id", "position"])
    .where("municipality_id", "=", municipalityId)
    .where("consultation_id", "=", consultationId)
    .where("id", "=", questionId)
    .executeTakeFirst();
  if (!row) throw fail("question", "La pregunta no existe.", 404);
  return row;
}

export async function updateQuestion(db: Db, municipalityId: number, consultationId: number, questionId: number, actor: Actor, question: QuestionInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockConsultation(trx, municipalityId, consultationId);
    await assertNoResponses(trx, municipalityId, consultationId);
    await questionExists(trx, municipalityId, consultationId, questionId);
    await trx.updateTable("consultation_questions").set(questionColumns(question)).where("municipality_id", "=", municipalityId).where("id", "=", questionId).execute();
    await recordAudit(trx, { actor, municipalityId, action: "consultation.question.update", subjectType: "consultation", subjectId: consultationId, details: { question: questionId, kind: question.kind, prompt: question.prompt } });
  });
}

export async function deleteQuestion(db: Db, municipalityId: number, consultationId: number, questionId: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockConsultation(trx, municipalityId, consultationId);
    await assertNoResponses(trx, municipalityId, consultationId);
    const q = await questionExists(trx, municipalityId, consultationId, questionId);
    await trx.deleteFrom("consultation_questions").where("municipality_id", "=", municipalityId).where("id", "=", questionId).execute();
    // Close the gap so positions stay 1..n (the unique constraint is checked at commit).
    await trx
      .updateTable("consultation_questions")
      .set((eb) => ({ position: eb("position", "-", 1) }))
      .where("municipality_id", "=", municipalityId)
      .where("consultation_id", "=", consultationId)
      .where("position", ">", q.position)
      .execute();
    await recordAudit(trx, { actor, municipalityId, action: "consultation.question.delete", subjectType: "consultation", subjectId: consultationId, details: { question: questionId } });
  });
}

export async function moveQuestion(db: Db, municipalityId: number, consultationId: number, questionId: number, direction: "up" | "down", actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockConsultation(trx, municipalityId, consultationId);
    await assertNoResponses(trx, municipalityId, consultationId);
    const q = await questionExists(trx, municipalityId, consultationId, questionId);
    const target = q.position + (direction === "up" ? -1 : 1);
    const other = await trx
      .selectFrom("consultation_questions")
      .select("id")
      .where("municipality_id", "=", municipalityId)
      .where("consultation_id", "=", consultationId)
      .where("position", "=", target)
      .executeTakeFirst();
    if (!other) return; // already first or last
    await trx.updateTable("consultation_questions").set({ position: target }).where("municipality_id", "=", municipalityId).where("id", "=", questionId).execute();
    await trx.updateTable("consultation_questions").set({ position: q.position }).where("municipality_id", "=", municipalityId).where("id", "=", other.id).execute();
    await recordAudit(trx, { actor, municipalityId, action: "consultation.question.move", subjectType: "consultation", subjectId: consultationId, details: { question: questionId, from: q.position, to: target } });
  });
}

export interface ResponseInput {
  answers: Map<number, Answer>;
  coloniaId: number | null;
  channel: Channel;
  /** Required for in-person responses: the session where the paper answers were gathered. */
  sessionId: number | null;
}

/**
 * Store one participant's answers. `participantFor` runs inside the transaction (in-person entry
 * finds or creates the participant there, so a failed entry leaves no participant behind).
 * A second response of the same participant → 409 "Ya respondiste esta consulta".
 */
export async function recordResponse(
  db: Db,
  municipalityId: number,
  consultationId: number,
  actor: Actor,
  participantFor: (trx: Trx) => Promise<Participant>,
  input: ResponseInput,
): Promise<{ responseId: number; respondentNumber: number }> {
  return db.transaction().execute(async (trx) => {
    const c = await lockConsultation(trx, municipalityId, consultationId);
    if (c.status !== "published") throw fail("consultation", "La consulta no está publicada.", 422);
    const participant = await participantFor(trx);
    const existing = await trx
      .selectFrom("consultation_responses")
      .select("id")
      .where("municipality_id", "=", municipalityId)
      .where("consultation_id", "=", consultationId)
      .where("participant_id", "=", participant.id)
      .executeTakeFirst();
    if (existing) {
      throw fail(
        "consultation",
        input.channel === "online"
          ? "Ya respondiste esta consulta: cada persona responde una sola vez."
          : "Esta persona ya respondió esta consulta (en línea o en otra sesión): cada persona cuenta una sola vez.",
        409,
      );
    }
    const last = await trx
      .selectFrom("consultation_responses")
      .select((eb) => eb.fn.max("respondent_number").as("n"))
      .where("municipality_id", "=", municipalityId)
      .where("consultation_id", "=", consultationId)
      .executeTakeFirst();
    const respondentNumber = Number(last?.n ?? 0) + 1;
    const row = await trx
      .insertInto("consultation_responses")
      .values({
        municipality_id: municipalityId,
        consultation_id: consultationId,
        participant_id: participant.id,
        respondent_number: respondentNumber,
        channel: input.channel,
        session_id: input.sessionId,
        colonia_id: input.coloniaId,
        entered_by: input.channel === "in_person" && actor.kind === "user" ? actor.userId : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const answers = [...input.answers].map(([questionId, a]) => ({
      municipality_id: municipalityId,
      response_id: row.id,
      question_id: questionId,
      choices: "choices" in a ? a.choices : null,
      scale_value: "scale" in a ? a.scale : null,
      text_value: "text" in a ? a.text : null,
    }));
    if (answers.length) await trx.insertInto("consultation_answers").values(answers).execute();
    await recordAudit(trx, {
      actor,
      municipalityId,
      action: input.channel === "online" ? "consultation.answer" : "consultation.answer.in_person",
      subjectType: "consultation",
      subjectId: consultationId,
      details: { response: row.id, respondent: respondentNumber, channel: input.channel, session: input.sessionId, answers: answers.length },
      ...(actor.kind === "anonymous" ? { actorLabel: `participante ${participant.id}` } : {}),
    });
    return { responseId: row.id, respondentNumber };
  });
}

/** A day inside a consultation's dates (in-person sessions must be held while it runs). */
export function withinConsultation(c: { opensOn: LocalDate; closesOn: LocalDate }, day: LocalDate): boolean {
  return c.opensOn <= day && day <= c.closesOn;
}
