import { HttpProblem } from "../../platform/http/problem.js";

/**
 * A person's mistake in a participation operation: Spanish messages per form field. It is an
 * HttpProblem, so an API route answers with its status and field messages, and a page route
 * shows the messages next to the fields.
 */
export class ParticipationInputError extends HttpProblem {
  declare readonly errors: { field: string; message: string }[];

  constructor(errors: { field: string; message: string }[], status = 422) {
    super(status, errors.map((e) => e.message).join(" "), { errors });
  }

  static single(field: string, message: string, status = 422): ParticipationInputError {
    return new ParticipationInputError([{ field, message }], status);
  }

  /** The messages keyed by field, for a form's error summary. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) out[e.field] ??= e.message;
    return out;
  }
}
