import { HttpProblem } from "../../platform/http/problem.js";

/**
 * A person's mistake in a proposals operation: a Spanish message per field. As an HttpProblem a
 * route that does not catch it answers with its status (422 by default) and the field messages;
 * form routes turn it into messages beside each field.
 */
export class ProposalInputError extends HttpProblem {
  declare readonly errors: { field: string; message: string }[];

  constructor(errors: { field: string; message: string }[], status = 422) {
    super(status, errors.map((e) => e.message).join(" "), { errors });
  }

  static single(field: string, message: string, status = 422): ProposalInputError {
    return new ProposalInputError([{ field, message }], status);
  }
}

/** Field → message for a form page; `photo` errors of the shared photo pipeline belong to `image`. */
export function fieldErrorsOf(error: HttpProblem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of error.errors ?? [{ field: "general", message: error.message }]) {
    const key = /^photo\d*$/.test(e.field) ? "image" : e.field;
    out[key] = out[key] ? `${out[key]} ${e.message}` : e.message;
  }
  return out;
}
