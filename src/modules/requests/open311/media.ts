/**
 * Open311 media_url: the public address of a request's first photo (the processed JPEG that
 * create.ts stored, EXIF removed), served by the public folio pages.
 */
import type { Executor } from "../../../platform/db/database.js";
import "../tables.js";

export function publicPhotoUrl(publicUrl: string, slug: string, folio: string, photoId: string): string {
  return `${publicUrl}/${slug}/solicitudes/${encodeURIComponent(folio)}/fotos/${photoId}.jpg`;
}

/** request id → media_url, for the requests that have a photo. */
export async function mediaUrlsFor(db: Executor, publicUrl: string, m: { id: number; slug: string }, rows: { id: string; folio: string }[]): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  if (rows.length === 0) return urls;
  const photos = await db
    .selectFrom("request_photos")
    .select(["request_id", (eb) => eb.fn.min("id").as("photo_id")])
    .where("municipality_id", "=", m.id)
    .where("request_id", "in", rows.map((r) => r.id))
    .groupBy("request_id")
    .execute();
  const folios = new Map(rows.map((r) => [String(r.id), r.folio]));
  for (const p of photos) {
    const folio = folios.get(String(p.request_id));
    if (folio) urls.set(String(p.request_id), publicPhotoUrl(publicUrl, m.slug, folio, String(p.photo_id)));
  }
  return urls;
}
