/** Checking what staff type into roundtable forms: one Spanish message per field. */
import { HttpProblem } from "../../platform/http/problem.js";
import { isLocalDate, type LocalDate } from "../../platform/calendar/dates.js";

/** A person's mistake: 422 with field messages (pages re-render the form with them). */
export class RoundtableInputError extends HttpProblem {
  declare readonly errors: { field: string; message: string }[];
  constructor(errors: { field: string; message: string }[], status = 422) {
    super(status, errors.map((e) => e.message).join(" "), { errors });
  }
  static single(field: string, message: string, status = 422): RoundtableInputError {
    return new RoundtableInputError([{ field, message }], status);
  }
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.errors.map((e) => [e.field, e.message]));
  }
}

/** Collects every field's problem before failing, so the form shows them all at once. */
export class Checker {
  readonly errors: { field: string; message: string }[] = [];

  fail(field: string, message: string): void {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, message });
  }

  text(field: string, value: string, { label, min = 0, max }: { label: string; min?: number; max: number }): string {
    // Line ends normalised so the length checked is the length stored.
    const v = value.replace(/\r\n?/g, "\n").trim();
    if (min > 0 && v.length === 0) this.fail(field, `Escriba ${label}.`);
    else if (v.length < min) this.fail(field, `${capital(label)} debe tener al menos ${min} caracteres.`);
    else if (v.length > max) this.fail(field, `${capital(label)} es demasiado largo (máximo ${max} caracteres).`);
    return v;
  }

  oneOf<T extends string>(field: string, value: string, allowed: readonly T[], message: string): T {
    if (!(allowed as readonly string[]).includes(value)) this.fail(field, message);
    return value as T;
  }

  date(field: string, value: string, { label, required }: { label: string; required: boolean }): LocalDate | null {
    const v = value.trim();
    if (v === "") {
      if (required) this.fail(field, `Escriba ${label} (AAAA-MM-DD).`);
      return null;
    }
    if (!isLocalDate(v)) {
      this.fail(field, `${capital(label)} no es válida: use el formato AAAA-MM-DD.`);
      return null;
    }
    return v;
  }

  time(field: string, value: string, label: string): { hour: number; minute: number } | null {
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
    if (!m) {
      this.fail(field, `${capital(label)} no es válida: use el formato HH:MM (24 horas).`);
      return null;
    }
    return { hour: Number(m[1]), minute: Number(m[2]) };
  }

  url(field: string, value: string, label: string): string | null {
    const v = value.trim();
    if (v === "") return null;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      this.fail(field, `${capital(label)} no es una dirección web válida.`);
      return null;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") this.fail(field, `${capital(label)} debe empezar con https:// o http://.`);
    else if (v.length > 1000) this.fail(field, `${capital(label)} es demasiado larga.`);
    return url.toString();
  }

  id(field: string, value: string, message: string): number | null {
    const v = value.trim();
    if (v === "") return null;
    if (!/^\d{1,9}$/.test(v)) {
      this.fail(field, message);
      return null;
    }
    return Number(v);
  }

  done(): void {
    if (this.errors.length) throw new RoundtableInputError(this.errors);
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
