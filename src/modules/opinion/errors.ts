import { HttpProblem } from "../../platform/http/problem.js";

/** A person's mistake in an opinion operation: Spanish messages per field, 422 unless told. */
export class OpinionInputError extends HttpProblem {
  declare readonly errors: { field: string; message: string }[];

  constructor(errors: { field: string; message: string }[], status = 422) {
    super(status, errors.map((e) => e.message).join(" "), { errors });
  }

  static single(field: string, message: string, status = 422): OpinionInputError {
    return new OpinionInputError([{ field, message }], status);
  }
}

export function fieldErrorsOf(error: HttpProblem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of error.errors ?? [{ field: "general", message: error.message }]) out[e.field] = out[e.field] ? `${out[e.field]} ${e.message}` : e.message;
  return out;
}

export const isFormMistake = (error: unknown): error is HttpProblem => error instanceof HttpProblem && [400, 422].includes(error.status) && Boolean(error.errors);
