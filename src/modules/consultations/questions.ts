/**
 * Questions and answers, without the database: what a staff member may define (the question
 * form), and whether a respondent's answers fit each question. Messages are Spanish, per field,
 * so the form shows them next to each question and the API returns them in problem+json.
 */
import type { QuestionKind } from "./tables.js";
import { QUESTION_KINDS } from "./tables.js";

export interface Question {
  id: number;
  position: number;
  kind: QuestionKind;
  prompt: string;
  help: string;
  required: boolean;
  options: string[];
  maxChoices: number | null;
  scaleMin: number | null;
  scaleMax: number | null;
  scaleMinLabel: string;
  scaleMaxLabel: string;
  maxLength: number | null;
}

/** What staff define; `position` is given by the service. */
export type QuestionInput = Omit<Question, "id" | "position">;

/** A valid answer: option indexes (single, multiple; ranking from first to last), a scale value or a text. */
export type Answer = { choices: number[] } | { scale: number } | { text: string };

/**
 * What a respondent sent for one question, as strings so the form can show it again: the chosen
 * option indexes or scale value or text; for a ranking, the rank typed for each option in order.
 */
export type RawAnswers = Record<number, string[]>;

export const MAX_OPTIONS = 20;
export const MAX_TEXT_LENGTH = 5000;
export const DEFAULT_TEXT_LENGTH = 1000;
const MAX_SCALE_SPAN = 10;

export type FieldErrors = Record<string, string>;

/** The form field of a question: `q<id>` (ranking: `q<id>_<option index>`). */
export const fieldName = (questionId: number) => `q${questionId}`;

const intOf = (s: string | undefined): number | null => (s !== undefined && /^-?\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : null);

/** Check a question defined in the staff form; returns it normalised, or messages per field. */
export function checkQuestion(raw: Record<string, string>): { ok: true; question: QuestionInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const kind = raw.kind as QuestionKind;
  if (!(QUESTION_KINDS as readonly string[]).includes(kind)) errors.kind = "Elija el tipo de pregunta.";
  const prompt = (raw.prompt ?? "").trim();
  if (prompt.length < 3 || prompt.length > 500) errors.prompt = "La pregunta debe tener entre 3 y 500 caracteres.";
  const help = (raw.help ?? "").trim();
  if (help.length > 1000) errors.help = "La ayuda debe tener como máximo 1000 caracteres.";
  const question: QuestionInput = {
    kind, prompt, help, required: raw.required === "1" || raw.required === "on" || raw.required === "true",
    options: [], maxChoices: null, scaleMin: null, scaleMax: null, scaleMinLabel: "", scaleMaxLabel: "", maxLength: null,
  };
  if (kind === "single" || kind === "multiple" || kind === "ranking") {
    const options = (raw.options ?? "").split(/\r?\n/).map((o) => o.trim()).filter(Boolean);
    const folded = options.map((o) => o.toLocaleLowerCase("es-MX"));
    if (options.length < 2 || options.length > MAX_OPTIONS) errors.options = `Escriba entre 2 y ${MAX_OPTIONS} opciones, una por renglón.`;
    else if (options.some((o) => o.length > 200)) errors.options = "Cada opción debe tener como máximo 200 caracteres.";
    else if (new Set(folded).size !== folded.length) errors.options = "Hay opciones repetidas.";
    question.options = options;
    if (kind === "multiple" && (raw.maxChoices ?? "").trim() !== "") {
      const max = intOf(raw.maxChoices);
      if (max === null || max < 1 || (options.length >= 2 && max > options.length)) errors.maxChoices = "El máximo de opciones debe ser un número entre 1 y el número de opciones.";
      else question.maxChoices = max;
    }
  } else if (kind === "scale") {
    const min = intOf(raw.scaleMin);
    const max = intOf(raw.scaleMax);
    if (min === null || max === null || max <= min || max - min > MAX_SCALE_SPAN) errors.scaleMin = `La escala va de un número entero a otro mayor, con a lo más ${MAX_SCALE_SPAN + 1} valores (por ejemplo, de 1 a 5).`;
    question.scaleMin = min;
    question.scaleMax = max;
    question.scaleMinLabel = (raw.scaleMinLabel ?? "").trim();
    question.scaleMaxLabel = (raw.scaleMaxLabel ?? "").trim();
    if (question.scaleMinLabel.length > 80 || question.scaleMaxLabel.length > 80) errors.scaleMinLabel = "Las etiquetas de la escala deben tener como máximo 80 caracteres.";
  } else if (kind === "text") {
    const given = (raw.maxLength ?? "").trim();
    const max = given === "" ? DEFAULT_TEXT_LENGTH : intOf(given);
    if (max === null || max < 1 || max > MAX_TEXT_LENGTH) errors.maxLength = `La longitud máxima debe ser un número entre 1 y ${MAX_TEXT_LENGTH}.`;
    else question.maxLength = max;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, question };
}

const nonEmpty = (values: string[] | undefined) => (values ?? []).map((v) => v.trim()).filter((v) => v !== "");

/** Check one question's answer; null answer = left blank (allowed when optional). */
export function checkAnswer(q: Question, raw: string[] | undefined): { ok: true; answer: Answer | null } | { ok: false; message: string } {
  const required = () => (q.required ? { ok: false as const, message: "Esta pregunta es obligatoria." } : { ok: true as const, answer: null });
  switch (q.kind) {
    case "single": {
      const given = nonEmpty(raw);
      if (given.length === 0) return required();
      const i = intOf(given[0]);
      if (given.length > 1 || i === null || i < 0 || i >= q.options.length) return { ok: false, message: "Elija una sola de las opciones." };
      return { ok: true, answer: { choices: [i] } };
    }
    case "multiple": {
      const given = nonEmpty(raw);
      if (given.length === 0) return required();
      const idx = given.map(intOf);
      if (idx.some((i) => i === null || i < 0 || i >= q.options.length)) return { ok: false, message: "Elija entre las opciones que se muestran." };
      const unique = [...new Set(idx as number[])].sort((a, b) => a - b);
      if (unique.length !== idx.length) return { ok: false, message: "Una opción se eligió más de una vez." };
      if (q.maxChoices !== null && unique.length > q.maxChoices) return { ok: false, message: `Elija como máximo ${q.maxChoices} ${q.maxChoices === 1 ? "opción" : "opciones"}.` };
      return { ok: true, answer: { choices: unique } };
    }
    case "scale": {
      const given = nonEmpty(raw);
      if (given.length === 0) return required();
      const v = intOf(given[0]);
      if (given.length > 1 || v === null || v < q.scaleMin! || v > q.scaleMax!) return { ok: false, message: `Elija un valor de ${q.scaleMin} a ${q.scaleMax}.` };
      return { ok: true, answer: { scale: v } };
    }
    case "text": {
      const text = (raw ?? []).join("\n").replace(/\r\n/g, "\n").trim();
      if (text === "") return required();
      if ([...text].length > q.maxLength!) return { ok: false, message: `La respuesta debe tener como máximo ${q.maxLength} caracteres (tiene ${[...text].length}).` };
      return { ok: true, answer: { text } };
    }
    case "ranking": {
      // raw[i] is the rank given to option i.
      const ranks = q.options.map((_, i) => (raw?.[i] ?? "").trim());
      if (ranks.every((r) => r === "")) return required();
      const n = q.options.length;
      const numbers = ranks.map(intOf);
      if (numbers.some((r) => r === null || r < 1 || r > n)) return { ok: false, message: `Ordene todas las opciones: dé a cada una un lugar del 1 al ${n}.` };
      if (new Set(numbers).size !== n) return { ok: false, message: "Cada lugar debe usarse una sola vez: dos opciones tienen el mismo lugar." };
      const order = q.options.map((_, i) => i).sort((a, b) => numbers[a]! - numbers[b]!);
      return { ok: true, answer: { choices: order } };
    }
  }
}

/** Check every answer; messages are keyed by the question's field name. */
export function checkAnswers(questions: Question[], raw: RawAnswers): { answers: Map<number, Answer>; errors: FieldErrors } {
  const answers = new Map<number, Answer>();
  const errors: FieldErrors = {};
  for (const q of questions) {
    const result = checkAnswer(q, raw[q.id]);
    if (!result.ok) errors[fieldName(q.id)] = result.message;
    else if (result.answer) answers.set(q.id, result.answer);
  }
  return { answers, errors };
}

/** Raw answers from a posted form (urlencoded or multipart key/values). */
export function rawAnswersFromForm(questions: Question[], body: unknown): RawAnswers {
  const b = (body ?? {}) as Record<string, unknown>;
  const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string").map((x) => x.slice(0, MAX_TEXT_LENGTH + 100));
  const raw: RawAnswers = {};
  for (const q of questions) {
    const name = fieldName(q.id);
    raw[q.id] = q.kind === "ranking" ? q.options.map((_, i) => list(b[`${name}_${i}`])[0] ?? "") : list(b[name]);
  }
  return raw;
}

/**
 * Raw answers from a JSON body `{ answers: { "<question id>": value } }`: an option index or a
 * list of them (ranking: option indexes from first to last), a scale number or a text.
 */
export function rawAnswersFromJson(questions: Question[], answers: unknown): RawAnswers {
  const given = (answers && typeof answers === "object" && !Array.isArray(answers) ? answers : {}) as Record<string, unknown>;
  const raw: RawAnswers = {};
  const str = (v: unknown) => (typeof v === "number" || typeof v === "string" ? String(v) : "×");
  for (const q of questions) {
    const v = given[String(q.id)];
    if (v === undefined || v === null) continue;
    if (q.kind === "ranking") {
      const order = Array.isArray(v) ? v.map(str) : [str(v)];
      // Turn "options in order" into "rank of each option"; a bad index leaves a hole the check reports.
      const ranks = q.options.map(() => "");
      order.forEach((o, place) => {
        const i = intOf(o);
        if (i !== null && i >= 0 && i < ranks.length && ranks[i] === "") ranks[i] = String(place + 1);
        else ranks[0] = "×";
      });
      raw[q.id] = ranks;
    } else {
      raw[q.id] = Array.isArray(v) ? v.map(str) : [str(v)];
    }
  }
  return raw;
}

/** The answer as raw values, to show a stored answer in a form again. */
export function answerToRaw(q: Question, a: Answer): string[] {
  if ("text" in a) return [a.text];
  if ("scale" in a) return [String(a.scale)];
  if (q.kind === "ranking") return q.options.map((_, i) => String(a.choices.indexOf(i) + 1));
  return a.choices.map(String);
}

/** The answer in words, for the open-data CSV: options joined by " | ", a ranking by " > ". */
export function answerText(q: Question, a: Answer): string {
  if ("text" in a) return a.text;
  if ("scale" in a) return String(a.scale);
  return a.choices.map((i) => q.options[i] ?? "").join(q.kind === "ranking" ? " > " : " | ");
}
