/**
 * The Open311 wire: every resource in `.json` and `.xml`, and errors in GeoReport's own array
 * form (`[{"code": 400, "description": "…"}]`, `<errors><error>…</error></errors>`) with the
 * same HTTP status, whatever failed (our checks, schema validation, rate limit, unknown route).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "../../../platform/http/problem.js";
import { spanishValidationErrors } from "../../../platform/http/validation.js";
import { RequestInputError } from "../errors.js";
import type { Open311Error } from "./presenters.js";
import { childrenOf, xmlDocument, xmlList } from "./xml.js";

export const FORMATS = ["json", "xml"] as const;
export type Format = (typeof FORMATS)[number];

/** A GeoReport error: one or more Spanish descriptions under one HTTP status. */
export class Open311Failure extends Error {
  constructor(
    readonly status: number,
    readonly descriptions: string[],
  ) {
    super(descriptions.join(" "));
  }
}

export const fail = (status: number, description: string) => new Open311Failure(status, [description]);

/** The format named by the URL's extension (routes exist only for .json and .xml). */
export function formatOf(request: FastifyRequest): Format {
  return request.url.split("?")[0]!.endsWith(".xml") ? "xml" : "json";
}

const CONTENT_TYPES: Record<Format, string> = { json: "application/json; charset=utf-8", xml: "application/xml; charset=utf-8" };

/** A list resource: JSON array, or `<root><item>…</item></root>`. */
export function sendList(reply: FastifyReply, format: Format, root: string, item: string, records: Record<string, any>[], itemNames: Record<string, string> = {}, status = 200) {
  reply.code(status).type(CONTENT_TYPES[format]);
  return reply.send(format === "json" ? JSON.stringify(records) : xmlList(root, item, records, itemNames));
}

/** A single-object resource (discovery, service definition). */
export function sendObject(reply: FastifyReply, format: Format, root: string, record: Record<string, any>, itemNames: Record<string, string> = {}) {
  reply.code(200).type(CONTENT_TYPES[format]);
  return reply.send(format === "json" ? JSON.stringify(record) : xmlDocument(root, childrenOf(record, itemNames)));
}

export function sendErrors(reply: FastifyReply, format: Format, status: number, descriptions: string[]) {
  const errors: Open311Error[] = descriptions.map((description) => ({ code: status, description }));
  return sendList(reply, format, "errors", "error", errors, {}, status);
}

/** Any failure inside /open311/v2 → the GeoReport error array; unexpected ones logged and 500. */
export function open311ErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const format = formatOf(request);
  if (error instanceof Open311Failure) return sendErrors(reply, format, error.status, error.descriptions);
  if (error instanceof RequestInputError) {
    return sendErrors(reply, format, error.status === 404 ? 404 : 400, error.errors.map((e) => (e.field.startsWith("attribute[") ? `${e.field}: ${e.message}` : e.message)));
  }
  if (error instanceof HttpProblem) {
    if (error.status === 429) reply.headers((error as unknown as { headers?: Record<string, string> }).headers ?? {});
    return sendErrors(reply, format, error.status, [error.message]);
  }
  const e = error as FastifyError;
  if (e.validation) {
    return sendErrors(reply, format, 400, spanishValidationErrors(e.validation).map((v) => `${v.field}: ${v.message}`));
  }
  if (typeof e.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500) {
    const description =
      e.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE"
        ? "Tipo de contenido no admitido: envíe application/x-www-form-urlencoded o JSON."
        : e.code === "FST_ERR_CTP_BODY_TOO_LARGE"
          ? "El contenido enviado es demasiado grande."
          : e.code === "FST_ERR_CTP_INVALID_JSON_BODY" || e.code === "FST_ERR_CTP_EMPTY_JSON_BODY"
            ? "El cuerpo JSON no es válido."
            : "La solicitud no es válida.";
    return sendErrors(reply, format, e.statusCode, [description]);
  }
  request.log.error({ err: error }, "open311: unhandled error");
  return sendErrors(reply, format, 500, ["Ocurrió un error inesperado."]);
}

export function open311NotFound(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split("?")[0]!;
  const known = /\.(json|xml)$/.test(path);
  return sendErrors(reply, formatOf(request), 404, [
    known ? "Recurso Open311 inexistente. Consulte /open311/v2/discovery.json." : "Formato no admitido: use la extensión .json o .xml.",
  ]);
}
