import type { FastifySchemaValidationError } from "fastify/types/schema.js";

/** Turn Ajv's errors into Spanish field messages for a problem+json body. */
export function spanishValidationErrors(errors: FastifySchemaValidationError[]): { field: string; message: string }[] {
  return errors.map((e) => {
    const params = e.params as Record<string, unknown>;
    const base = (e.instancePath || "").replace(/^\//, "").replace(/\//g, ".");
    const field = e.keyword === "required" ? [base, params.missingProperty].filter(Boolean).join(".") : base || "(cuerpo)";
    return { field, message: spanishMessage(e.keyword, params, e.message) };
  });
}

function spanishMessage(keyword: string, params: Record<string, unknown>, fallback?: string): string {
  switch (keyword) {
    case "required":
      return "es obligatorio";
    case "type":
      return `debe ser de tipo ${TYPES[String(params.type)] ?? params.type}`;
    case "minLength":
      return `debe tener al menos ${params.limit} caracteres`;
    case "maxLength":
      return `debe tener como máximo ${params.limit} caracteres`;
    case "minimum":
      return `debe ser mayor o igual a ${params.limit}`;
    case "maximum":
      return `debe ser menor o igual a ${params.limit}`;
    case "enum":
      return `debe ser uno de: ${(params.allowedValues as unknown[]).join(", ")}`;
    case "pattern":
      return "no tiene el formato esperado";
    case "format":
      return `debe tener formato ${params.format}`;
    case "additionalProperties":
      return `campo no permitido: ${params.additionalProperty}`;
    case "minItems":
      return `debe tener al menos ${params.limit} elementos`;
    case "maxItems":
      return `debe tener como máximo ${params.limit} elementos`;
    default:
      return fallback ?? "no es válido";
  }
}

const TYPES: Record<string, string> = {
  string: "texto",
  number: "número",
  integer: "número entero",
  boolean: "verdadero/falso",
  object: "objeto",
  array: "lista",
};
