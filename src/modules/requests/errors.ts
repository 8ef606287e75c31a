/** A person's mistake in a request operation: a Spanish message per field; routes answer 400/422 with them. */
export class RequestInputError extends Error {
  constructor(
    readonly errors: { field: string; message: string }[],
    /** 400 for API input that can never be valid, 422 for a form to correct; 404 / 409 for state. */
    readonly status = 400,
  ) {
    super(errors.map((e) => e.message).join(" "));
  }

  static single(field: string, message: string, status = 400): RequestInputError {
    return new RequestInputError([{ field, message }], status);
  }
}
