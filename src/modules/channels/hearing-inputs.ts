/**
 * Checking what people type into hearing forms (staff scheduling, a turn asked online or given on
 * arrival): every field's problem collected before failing, one Spanish message per field, thrown
 * as ChannelInputError (422) so the form comes back with them.
 */
import { isLocalDate, type LocalDate } from "../../platform/calendar/dates.js";
import { ChannelInputError } from "./errors.js";

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const PHONE = /^[0-9 +()\-.]{7,30}$/;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export class HearingChecker {
  readonly errors: { field: string; message: string }[] = [];

  fail(field: string, message: string): void {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, message });
  }

  /** Trimmed text with its line ends normalised (the length checked is the length stored). */
  text(field: string, value: string, { label, min = 0, max }: { label: string; min?: number; max: number }): string {
    const v = value.replace(/\r\n?/g, "\n").trim();
    if (min > 0 && v.length === 0) this.fail(field, `Escriba ${label}.`);
    else if (v.length < min) this.fail(field, `${capital(label)} debe tener al menos ${min} caracteres.`);
    else if (v.length > max) this.fail(field, `${capital(label)} admite hasta ${max} caracteres.`);
    return v;
  }

  /** One item per line (list markers dropped), each of `min`–`max` characters. */
  lines(field: string, value: string, { label, maxItems, min = 2, max }: { label: string; maxItems: number; min?: number; max: number }): string[] {
    const items = value
      .split(/\r\n?|\n/)
      .map((line) => line.replace(/^\s*(\d+[.)]|[-*•])\s*/, "").trim())
      .filter(Boolean);
    if (items.length > maxItems) this.fail(field, `${capital(label)}: se admiten hasta ${maxItems} renglones.`);
    const wrong = items.find((i) => i.length < min || i.length > max);
    if (wrong) this.fail(field, `${capital(label)}: cada renglón debe tener de ${min} a ${max} caracteres («${wrong.slice(0, 40)}»).`);
    return items;
  }

  integer(field: string, value: string, { label, min, max }: { label: string; min: number; max: number }): number {
    const v = value.trim();
    if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) {
      this.fail(field, `${capital(label)} debe ser un número entero de ${min} a ${max}.`);
      return min;
    }
    return Number(v);
  }

  date(field: string, value: string, label: string): LocalDate | null {
    const v = value.trim();
    if (v === "") this.fail(field, `Escriba ${label} (AAAA-MM-DD).`);
    else if (!isLocalDate(v)) this.fail(field, `${capital(label)} no es válida: use el formato AAAA-MM-DD.`);
    else return v;
    return null;
  }

  time(field: string, value: string, label: string): { hour: number; minute: number } | null {
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
    if (!m) {
      this.fail(field, `${capital(label)} no es válida: use el formato HH:MM (24 horas).`);
      return null;
    }
    return { hour: Number(m[1]), minute: Number(m[2]) };
  }

  /** An optional e-mail address, lower-cased; "" → null. */
  email(field: string, value: string): string | null {
    const v = value.trim().toLowerCase();
    if (v === "") return null;
    if (v.length > 254 || !EMAIL.test(v)) this.fail(field, "El correo electrónico no es válido (por ejemplo: nombre@correo.mx).");
    return v;
  }

  /** An optional phone number; "" → null. */
  phone(field: string, value: string): string | null {
    const v = value.trim().replace(/\s+/g, " ");
    if (v === "") return null;
    if (!PHONE.test(v)) this.fail(field, "El teléfono solo puede tener de 7 a 30 números, espacios y + ( ) - .");
    return v;
  }

  /** An optional short text (a name); "" → null. */
  optional(field: string, value: string, { label, max }: { label: string; max: number }): string | null {
    const v = value.trim().replace(/\s+/g, " ");
    if (v === "") return null;
    if (v.length > max) this.fail(field, `${capital(label)} admite hasta ${max} caracteres.`);
    return v;
  }

  done(): void {
    if (this.errors.length) throw new ChannelInputError(this.errors);
  }
}
