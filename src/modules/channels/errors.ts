import { HttpProblem } from "../../platform/http/problem.js";

/**
 * A person's mistake in a channels operation (an office, a procedure, a hearing, a turn, a
 * brigade): a Spanish message per field. Thrown inside the operation's transaction, so nothing is
 * stored; a route that does not catch it answers 422 (or the status given) as problem+json with
 * the field messages, and form routes show each message beside its field (fieldErrorsOf in
 * plans/errors.ts).
 */
export class ChannelInputError extends HttpProblem {
  declare readonly errors: { field: string; message: string }[];

  constructor(errors: { field: string; message: string }[], status = 422) {
    super(status, errors.map((e) => e.message).join(" "), { errors });
  }

  static single(field: string, message: string, status = 422): ChannelInputError {
    return new ChannelInputError([{ field, message }], status);
  }
}

export { fieldErrorsOf } from "../plans/errors.js";
