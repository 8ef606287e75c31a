/**
 * Open311 attributes: each service may ask extra questions (text, number, date, single or
 * multiple choice). Answers arrive as `attribute[code]` (Open311) or form fields and are checked
 * against the definitions: required ones present, numbers numeric, dates ISO 8601, choices
 * among the listed keys.
 */
import { RequestInputError } from "./errors.js";
import type { AttributeType, AttributeValue } from "./tables.js";

export interface AttributeDefinition {
  code: string;
  datatype: AttributeType;
  required: boolean;
  variable: boolean;
  description: string;
  datatypeDescription: string;
  values: AttributeValue[];
  position: number;
}

export type AttributeAnswers = Record<string, string | string[]>;

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v !== "");
}

/** The cleaned answers, or a RequestInputError naming every wrong attribute (field `attribute[code]`). */
export function checkAttributes(definitions: AttributeDefinition[], raw: AttributeAnswers): Record<string, string | string[]> {
  const errors: { field: string; message: string }[] = [];
  const clean: Record<string, string | string[]> = {};
  const known = new Set(definitions.map((d) => d.code));
  for (const code of Object.keys(raw)) {
    if (!known.has(code)) errors.push({ field: `attribute[${code}]`, message: `El atributo "${code}" no existe para este servicio.` });
  }
  for (const def of definitions) {
    if (!def.variable) continue;
    const field = `attribute[${def.code}]`;
    const values = asList(raw[def.code]);
    if (values.length === 0) {
      if (def.required) errors.push({ field, message: `Responda: ${def.description}` });
      continue;
    }
    if (def.datatype !== "multivaluelist" && values.length > 1) {
      errors.push({ field, message: `"${def.description}" admite una sola respuesta.` });
      continue;
    }
    const value = values[0]!;
    switch (def.datatype) {
      case "number":
        if (!/^-?\d+(\.\d+)?$/.test(value)) errors.push({ field, message: `"${def.description}" debe ser un número.` });
        else clean[def.code] = value;
        break;
      case "datetime":
        if (!ISO_DATETIME.test(value) || Number.isNaN(Date.parse(value))) errors.push({ field, message: `"${def.description}" debe ser una fecha (AAAA-MM-DD).` });
        else clean[def.code] = value;
        break;
      case "singlevaluelist":
      case "multivaluelist": {
        const keys = new Set(def.values.map((v) => v.key));
        const wrong = values.filter((v) => !keys.has(v));
        if (wrong.length) errors.push({ field, message: `"${def.description}": opción no válida (${wrong.join(", ")}).` });
        else clean[def.code] = def.datatype === "multivaluelist" ? values : value;
        break;
      }
      case "string":
        if (value.length > 200) errors.push({ field, message: `"${def.description}" admite hasta 200 caracteres.` });
        else clean[def.code] = value;
        break;
      case "text":
        if (value.length > 2000) errors.push({ field, message: `"${def.description}" admite hasta 2000 caracteres.` });
        else clean[def.code] = value;
        break;
    }
  }
  if (errors.length) throw new RequestInputError(errors, 400);
  return clean;
}
