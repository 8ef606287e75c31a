/**
 * CURP (Clave Única de Registro de Población): format and RENAPO check digit, and the salted hash
 * under which a verified identity is stored (the CURP itself never is).
 */
import crypto from "node:crypto";
import type { Executor } from "../../platform/db/database.js";

/** RENAPO's dictionary: each character's value is its index. */
const DICTIONARY = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";

const STATES = "AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE";
const CURP_PATTERN = new RegExp(`^[A-Z][AEIOUX][A-Z]{2}(\\d{2})(\\d{2})(\\d{2})[HMX](?:${STATES})[B-DF-HJ-NP-TV-Z]{3}([0-9A-Z])(\\d)$`);

/** The check digit (18th character) of the first 17 characters of a CURP. */
export function curpCheckDigit(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = DICTIONARY.indexOf(first17[i]!);
    if (value < 0) return -1;
    sum += value * (18 - i);
  }
  const digit = 10 - (sum % 10);
  return digit === 10 ? 0 : digit;
}

export type CurpResult = { ok: true; curp: string } | { ok: false; message: string };

/** A CURP written in any case with spaces or dashes, checked for format, birth date and check digit. */
export function validateCurp(input: string): CurpResult {
  const curp = String(input ?? "")
    .toUpperCase()
    .replace(/[\s-]/g, "");
  if (curp === "") return { ok: false, message: "Escriba su CURP." };
  if (curp.length !== 18) return { ok: false, message: "La CURP tiene 18 caracteres (letras y números)." };
  const m = CURP_PATTERN.exec(curp);
  if (!m) return { ok: false, message: "La CURP no tiene el formato correcto (ej. GOMA800101HDFRRN09): revise letras, fecha de nacimiento, sexo y entidad." };
  const [yy, mm, dd, differentiator] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]!];
  // The 17th character is a digit for people born before 2000 and a letter from 2000 on.
  const year = (/\d/.test(differentiator) ? 1900 : 2000) + yy;
  const date = new Date(Date.UTC(year, mm - 1, dd));
  if (mm < 1 || mm > 12 || date.getUTCFullYear() !== year || date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) {
    return { ok: false, message: "La fecha de nacimiento de la CURP no es una fecha válida." };
  }
  if (curpCheckDigit(curp.slice(0, 17)) !== Number(curp[17])) {
    return { ok: false, message: "El dígito verificador de la CURP no coincide: revise que esté bien escrita." };
  }
  return { ok: true, curp };
}

/** The municipality's secret salt, created on first use. */
async function identitySalt(db: Executor, municipalityId: number): Promise<string> {
  await db
    .insertInto("participation_settings")
    .values({ municipality_id: municipalityId, identity_salt: crypto.randomBytes(32).toString("hex") })
    .onConflict((oc) => oc.column("municipality_id").doNothing())
    .execute();
  const row = await db.selectFrom("participation_settings").select("identity_salt").where("municipality_id", "=", municipalityId).executeTakeFirstOrThrow();
  return row.identity_salt;
}

/** HMAC-SHA256 (hex) of the normalised CURP with the municipality's salt. */
export async function identityHash(db: Executor, municipalityId: number, curp: string): Promise<string> {
  const salt = await identitySalt(db, municipalityId);
  const normalised = curp.toUpperCase().replace(/[\s-]/g, "");
  return crypto.createHmac("sha256", Buffer.from(salt, "hex")).update(normalised, "utf8").digest("hex");
}
