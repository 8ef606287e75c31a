/**
 * Checking what staff type into the plan forms (and what the demo and the importer pass to the
 * services): every field's problem collected first, then one PlanInputError with a Spanish
 * message per field, so a form shows them all at once and nothing is stored.
 */
import { isLocalDate, type LocalDate } from "../../platform/calendar/dates.js";
import type { Actor } from "../../platform/policy.js";
import { PlanInputError } from "./errors.js";

/** A local date in Spanish words, e.g. "1 de enero de 2026" (messages are Spanish whatever the page language). */
export function spanishDate(date: LocalDate): string {
  return new Intl.DateTimeFormat("es-MX", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}

/** "del 1 de enero de 2026 al 31 de diciembre de 2027" */
export const spanishPeriod = (from: LocalDate, to: LocalDate) => `${spanishDate(from)} al ${spanishDate(to)}`;

// Control characters other than tab and line breaks never belong in a text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export class Checker {
  readonly errors: { field: string; message: string }[] = [];

  fail(field: string, message: string): void {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, message });
  }

  has(field: string): boolean {
    return this.errors.some((e) => e.field === field);
  }

  text(field: string, value: string, { label, min = 0, max }: { label: string; min?: number; max: number }): string {
    // Line ends normalised so the length checked is the length stored.
    const v = (value ?? "").replace(CONTROL, "").replace(/\r\n?/g, "\n").trim();
    if (min > 0 && v.length === 0) this.fail(field, `Escriba ${label}.`);
    else if (v.length < min) this.fail(field, `${capital(label)} debe tener al menos ${min} caracteres.`);
    else if (v.length > max) this.fail(field, `${capital(label)} es demasiado largo (máximo ${max} caracteres).`);
    return v;
  }

  /** A one-line text: inner runs of spaces collapse to one. */
  line(field: string, value: string, options: { label: string; min?: number; max: number }): string {
    return this.text(field, (value ?? "").replace(/\s+/g, " "), options);
  }

  oneOf<T extends string>(field: string, value: string, allowed: readonly T[], message: string): T {
    if (!(allowed as readonly string[]).includes(value)) this.fail(field, message);
    return value as T;
  }

  date(field: string, value: string, label: string): LocalDate | null {
    const v = (value ?? "").trim();
    if (v === "") {
      this.fail(field, `Escriba ${label} (AAAA-MM-DD).`);
      return null;
    }
    if (!isLocalDate(v)) {
      this.fail(field, `${capital(label)} no es válida: use el formato AAAA-MM-DD.`);
      return null;
    }
    return v;
  }

  url(field: string, value: string, label: string): string | null {
    const v = (value ?? "").trim();
    if (v === "") {
      this.fail(field, `Escriba ${label}.`);
      return null;
    }
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      this.fail(field, `${capital(label)} no es una dirección web válida.`);
      return null;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      this.fail(field, `${capital(label)} debe empezar con https:// o http://.`);
      return null;
    }
    const text = url.toString();
    if (text.length > 1000) {
      this.fail(field, `${capital(label)} es demasiado larga (máximo 1000 caracteres).`);
      return null;
    }
    return text;
  }

  done(): void {
    if (this.errors.length) throw new PlanInputError(this.errors);
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The signed-in user's id for created_by / added_by columns (null for the platform itself). */
export const actorUserId = (actor: Actor): number | null => (actor.kind === "user" ? actor.userId : null);
