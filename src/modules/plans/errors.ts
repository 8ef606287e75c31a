import { HttpProblem } from "../../platform/http/problem.js";

/**
 * A person's mistake in an action-plans operation: a Spanish message per field. Thrown inside the
 * operation's transaction, so nothing is stored; as an HttpProblem a route that does not catch it
 * answers 422 (or the status given) with the field messages, and form routes show each message
 * beside its field.
 */
export class PlanInputError extends HttpProblem {
  declare readonly errors: { field: string; message: string }[];

  constructor(errors: { field: string; message: string }[], status = 422) {
    super(status, errors.map((e) => e.message).join(" "), { errors });
  }

  static single(field: string, message: string, status = 422): PlanInputError {
    return new PlanInputError([{ field, message }], status);
  }
}

/** Field → message for a form page. */
export function fieldErrorsOf(error: HttpProblem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of error.errors ?? [{ field: "general", message: error.message }]) {
    out[e.field] = out[e.field] ? `${out[e.field]} ${e.message}` : e.message;
  }
  return out;
}
