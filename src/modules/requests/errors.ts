import { HttpProblem } from "../../platform/http/problem.js";

/**
 * A person's mistake in a request operation: a Spanish message per field. It is an HttpProblem,
 * so a route that does not handle it itself answers with its status (400 for API input that can
 * never be valid, 422 for a form to correct, 404 / 409 for state) and its field messages.
 */
export class RequestInputError extends HttpProblem {
  declare readonly errors: { field: string; message: string }[];

  constructor(errors: { field: string; message: string }[], status = 400) {
    super(status, errors.map((e) => e.message).join(" "), { errors });
  }

  static single(field: string, message: string, status = 400): RequestInputError {
    return new RequestInputError([{ field, message }], status);
  }
}
