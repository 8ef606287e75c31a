import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { checkAnswer, checkQuestion, rawAnswersFromJson, type Question } from "./questions.js";

const base = { help: "", required: true, options: [], maxChoices: null, scaleMin: null, scaleMax: null, scaleMinLabel: "", scaleMaxLabel: "", maxLength: null };
const single: Question = { ...base, id: 1, position: 1, kind: "single", prompt: "¿Cuál?", options: ["A", "B", "C"] };
const multiple: Question = { ...base, id: 2, position: 2, kind: "multiple", prompt: "¿Cuáles?", options: ["A", "B", "C", "D"], maxChoices: 2 };
const scale: Question = { ...base, id: 3, position: 3, kind: "scale", prompt: "¿Cuánto?", scaleMin: 1, scaleMax: 5 };
const text: Question = { ...base, id: 4, position: 4, kind: "text", prompt: "¿Qué?", maxLength: 10, required: false };
const ranking: Question = { ...base, id: 5, position: 5, kind: "ranking", prompt: "Ordene", options: ["X", "Y", "Z"] };

const message = (r: ReturnType<typeof checkAnswer>) => (r.ok ? null : r.message);

describe("answers are checked per question type", () => {
  it("single choice: exactly one listed option; required means chosen", () => {
    assert.deepEqual(checkAnswer(single, ["1"]), { ok: true, answer: { choices: [1] } });
    assert.equal(message(checkAnswer(single, [])), "Esta pregunta es obligatoria.");
    assert.equal(message(checkAnswer(single, ["3"])), "Elija una sola de las opciones.");
    assert.equal(message(checkAnswer(single, ["0", "1"])), "Elija una sola de las opciones.");
    assert.equal(message(checkAnswer(single, ["<script>"])), "Elija una sola de las opciones.");
  });

  it("multiple choice: listed, distinct, no more than the maximum", () => {
    assert.deepEqual(checkAnswer(multiple, ["3", "0"]), { ok: true, answer: { choices: [0, 3] } });
    assert.equal(message(checkAnswer(multiple, ["0", "1", "2"])), "Elija como máximo 2 opciones.");
    assert.equal(message(checkAnswer(multiple, ["0", "0"])), "Una opción se eligió más de una vez.");
    assert.equal(message(checkAnswer(multiple, ["9"])), "Elija entre las opciones que se muestran.");
  });

  it("scale: an integer between its ends", () => {
    assert.deepEqual(checkAnswer(scale, ["5"]), { ok: true, answer: { scale: 5 } });
    assert.equal(message(checkAnswer(scale, ["6"])), "Elija un valor de 1 a 5.");
    assert.equal(message(checkAnswer(scale, ["2.5"])), "Elija un valor de 1 a 5.");
  });

  it("free text: optional may be blank, never longer than its maximum", () => {
    assert.deepEqual(checkAnswer(text, ["  "]), { ok: true, answer: null });
    assert.deepEqual(checkAnswer(text, [" <b>x</b> "]), { ok: true, answer: { text: "<b>x</b>" } });
    assert.equal(message(checkAnswer(text, ["12345678901"])), "La respuesta debe tener como máximo 10 caracteres (tiene 11).");
  });

  it("ranking: every option gets a different place", () => {
    // ranks per option: X 2nd, Y 3rd, Z 1st → order Z, X, Y
    assert.deepEqual(checkAnswer(ranking, ["2", "3", "1"]), { ok: true, answer: { choices: [2, 0, 1] } });
    assert.equal(message(checkAnswer(ranking, ["1", "1", "2"])), "Cada lugar debe usarse una sola vez: dos opciones tienen el mismo lugar.");
    assert.equal(message(checkAnswer(ranking, ["1", "", "2"])), "Ordene todas las opciones: dé a cada una un lugar del 1 al 3.");
    assert.equal(message(checkAnswer(ranking, ["", "", ""])), "Esta pregunta es obligatoria.");
    // JSON gives the order itself
    assert.deepEqual(checkAnswer(ranking, rawAnswersFromJson([ranking], { 5: [2, 0, 1] })[5]), { ok: true, answer: { choices: [2, 0, 1] } });
    assert.equal(checkAnswer(ranking, rawAnswersFromJson([ranking], { 5: [2, 2, 1] })[5]).ok, false);
  });
});

describe("question definitions", () => {
  it("accepts each type and refuses malformed ones with Spanish messages", () => {
    assert.equal(checkQuestion({ kind: "single", prompt: "¿Cuál?", options: "A\nB" }).ok, true);
    assert.deepEqual(checkQuestion({ kind: "single", prompt: "¿Cuál?", options: "A" }), { ok: false, errors: { options: "Escriba entre 2 y 20 opciones, una por renglón." } });
    assert.deepEqual(checkQuestion({ kind: "multiple", prompt: "¿Cuál?", options: "A\na" }), { ok: false, errors: { options: "Hay opciones repetidas." } });
    assert.equal(checkQuestion({ kind: "scale", prompt: "¿Cuánto?", scaleMin: "5", scaleMax: "1" }).ok, false);
    assert.equal(checkQuestion({ kind: "text", prompt: "¿Qué?", maxLength: "9000" }).ok, false);
    const ok = checkQuestion({ kind: "text", prompt: "¿Qué?" });
    assert.ok(ok.ok && ok.question.maxLength === 1000);
    assert.equal(checkQuestion({ kind: "encuesta", prompt: "¿Qué?" }).ok, false);
  });
});
