/**
 * Citizen photos: the type is read from the bytes (never trusted from the name or header), the
 * image is re-encoded as JPEG after applying its orientation — which drops every EXIF, XMP and
 * IPTC block, GPS position and camera serial included — and a thumbnail is made.
 */
import sharp from "sharp";
import { RequestInputError } from "./errors.js";

export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
const ACCEPTED = new Set(["jpeg", "png", "webp", "heif", "avif"]);
const MAX_SIDE = 2048;
const THUMB_SIDE = 320;

export interface ProcessedPhoto {
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  contentType: "image/jpeg";
}

export async function processPhoto(input: Buffer, field = "photo"): Promise<ProcessedPhoto> {
  if (input.length === 0) throw RequestInputError.single(field, "La foto está vacía.");
  if (input.length > MAX_PHOTO_BYTES) throw RequestInputError.single(field, `La foto pesa más de ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`);
  let format: string | undefined;
  try {
    format = (await sharp(input, { failOn: "error" }).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !ACCEPTED.has(format)) {
    throw RequestInputError.single(field, "El archivo no es una foto (se aceptan JPEG, PNG, WebP o HEIC).");
  }
  try {
    // rotate() bakes the EXIF orientation into the pixels; sharp writes no metadata unless asked.
    const { data, info } = await sharp(input, { failOn: "error" })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data).resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: "inside", withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
    return { image: data, thumbnail, width: info.width, height: info.height, contentType: "image/jpeg" };
  } catch {
    throw RequestInputError.single(field, "No se pudo leer la foto; puede estar dañada.");
  }
}
