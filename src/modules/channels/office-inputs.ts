/**
 * Checks shared by the office and procedure operations and the nearest-office question: the
 * Checker's messages thrown as the channels' input error, slugs, and map coordinates.
 */
import { Checker } from "../plans/staff-inputs.js";
import { slugify } from "../territory/slug.js";
import { ChannelInputError } from "./errors.js";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A decimal degree as a person or a script types it ("19.43", "-99.1"); anything else → NaN. */
export function parseDegrees(text: string | undefined): number {
  return text !== undefined && /^\s*-?\d{1,3}(\.\d{1,20})?\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** Throws the Checker's messages as the channels' input error (422, Spanish, per field). */
export function finish(c: Checker): void {
  if (c.errors.length) throw new ChannelInputError(c.errors);
}

/** A slug typed by staff, or made from the name when left empty; a message when it is not one. */
export function checkSlug(c: Checker, typed: string, name: string, example: string): string {
  const slug = (typed ?? "").trim().toLowerCase() || slugify(name);
  if (!SLUG.test(slug) || slug.length > 80) {
    c.fail("slug", `La dirección corta solo admite minúsculas sin acentos, números y guiones entre palabras (p. ej. ${example}), hasta 80 caracteres.`);
  }
  return slug;
}

const ONE_MISSING = "Escriba la latitud y la longitud, o deje ambas vacías si la oficina no tiene ubicación en el mapa.";

/** Both coordinates or neither (`oneMissing`: the message when only one came); each a decimal degree in range. */
export function checkLocation(c: Checker, latText: string, lonText: string, oneMissing = ONE_MISSING): { lat: number; lon: number } | null {
  const latTyped = (latText ?? "").trim();
  const lonTyped = (lonText ?? "").trim();
  if (latTyped === "" && lonTyped === "") return null;
  if (latTyped === "" || lonTyped === "") {
    c.fail(latTyped === "" ? "lat" : "lon", oneMissing);
    return null;
  }
  const lat = parseDegrees(latTyped);
  const lon = parseDegrees(lonTyped);
  if (!Number.isFinite(lat) || Math.abs(lat) > 90) c.fail("lat", "La latitud debe ser un número decimal entre -90 y 90 (p. ej. 19.4326).");
  if (!Number.isFinite(lon) || Math.abs(lon) > 180) c.fail("lon", "La longitud debe ser un número decimal entre -180 y 180 (p. ej. -99.1332).");
  return c.has("lat") || c.has("lon") ? null : { lat, lon };
}

/**
 * Runs a write that may hit the (municipality_id, slug) unique index: two people saving the same
 * slug at once get the slug message, not a 500 (the earlier check catches the usual case).
 */
export async function withUniqueSlug<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === "23505") throw ChannelInputError.single("slug", message);
    throw error;
  }
}
