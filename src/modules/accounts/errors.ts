import type { Executor, Trx } from "../../platform/db/database.js";

/** A form that cannot be accepted: field name → i18n key (accounts namespace) of the message. */
export class AccountFormError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super("formulario no válido");
  }
}

/** Throw when any field has a problem. */
export function assertNoFieldErrors(fields: Record<string, string | null | undefined>): void {
  const found = Object.fromEntries(Object.entries(fields).filter(([, v]) => v)) as Record<string, string>;
  if (Object.keys(found).length > 0) throw new AccountFormError(found);
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function emailProblem(email: string): string | null {
  if (!email.trim()) return "accounts:errors.emailRequired";
  if (email.length > 254 || !EMAIL.test(email.trim())) return "accounts:errors.emailInvalid";
  return null;
}

export function nameProblem(name: string): string | null {
  const n = name.trim();
  if (!n) return "accounts:errors.nameRequired";
  if (n.length > 120) return "accounts:errors.nameTooLong";
  return null;
}

/** Read a form field as a trimmed string whatever the body parser produced. */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return "";
}

/** Run fn in the caller's transaction when there is one, otherwise in a new one. */
export function inTransaction<T>(executor: Executor, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return executor.isTransaction ? fn(executor as Trx) : executor.transaction().execute(fn);
}
