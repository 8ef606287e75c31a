/**
 * Checking what people type into the review and observatory forms, on the staff forms' Checker:
 * every field's problem is collected before failing, so a form shows them all at once
 * (PlanInputError, 422).
 */
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { Executor } from "../../platform/db/database.js";
import { findUserByEmail } from "../accounts/queries.js";
import { todayIn } from "../participation/processes.js";
import { findActiveMunicipalityBySlug, listActiveMunicipalities } from "../territory/queries.js";
import { Checker } from "./staff-inputs.js";

/** How a typed address is stored: without surrounding spaces, lower-case. */
export const normalizeSlug = (value: string) => value.trim().toLowerCase();

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The staff forms' Checker plus what review and observatory forms need: optional choices and links, addresses. */
export class FormChecker extends Checker {
  /** null or one of `allowed`. */
  optionalOneOf<T extends string>(field: string, value: T | null, allowed: readonly T[], message: string): T | null {
    if (value !== null && !(allowed as readonly string[]).includes(value)) this.fail(field, message);
    return value;
  }

  /** An optional web link: null when empty; the columns hold at most `max` characters. */
  optionalUrl(field: string, value: string | null, { label, max }: { label: string; max: number }): string | null {
    if ((value ?? "").trim() === "") return null;
    const url = this.url(field, value!, label);
    if (url !== null && url.length > max) this.fail(field, `${capital(label)} es demasiado larga (máximo ${max} caracteres).`);
    return url;
  }

  slug(field: string, value: string, label: string): string {
    const v = normalizeSlug(value);
    if (v === "") this.fail(field, `Escriba ${label}.`);
    else if (v.length > 80 || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v)) this.fail(field, `${capital(label)} solo admite letras minúsculas sin acentos, números y guiones (máximo 80), p. ej. «observatorio-ciudadano».`);
    return v;
  }
}

/**
 * The account of an e-mail address, for roles given to existing accounts (reviewers, members):
 * a Spanish 422 on the field when it is malformed, unknown or disabled.
 */
export async function existingAccount(trx: Executor, c: FormChecker, field: string, email: string): Promise<number | null> {
  const v = email.trim().toLowerCase();
  if (v === "") {
    c.fail(field, "Escriba el correo de la cuenta.");
    return null;
  }
  if (v.length > 254 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) {
    c.fail(field, "El correo no es válido.");
    return null;
  }
  const user = await findUserByEmail(trx, v);
  if (!user || user.disabled_at) {
    c.fail(field, "No hay ninguna cuenta activa con ese correo: pida a la persona que se registre primero en Cabildo.");
    return null;
  }
  return user.id;
}

/** Today's local date in the municipality, read through territory's exports (services receive only its id). */
export async function municipalityToday(db: Executor, municipalityId: number, now = new Date()): Promise<LocalDate> {
  const row = (await listActiveMunicipalities(db)).find((m) => m.id === municipalityId);
  const municipality = row?.slug ? await findActiveMunicipalityBySlug(db, row.slug) : null;
  return todayIn(municipality?.timeZone ?? "America/Mexico_City", now);
}
