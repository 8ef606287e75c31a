/** The citizen's satisfaction rating (1–5 and a comment) of an attended or closed request, once, through the private link. */
import { publish } from "../../platform/bus.js";
import type { Services } from "../../platform/services.js";
import { hashToken, REQUESTS_TOPIC } from "./create.js";
import { RequestInputError } from "./errors.js";
import { event } from "./workflow.js";

export async function findByTrackingToken(services: Services, token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = await services.db
    .selectFrom("service_requests")
    .select(["municipality_id", "id", "folio", "status", "rating"])
    .where("tracking_token_hash", "=", hashToken(token))
    .executeTakeFirst();
  return row ?? null;
}

export async function rateRequest(services: Services, token: string, rating: number, comment: string | null, now = new Date()): Promise<{ municipalityId: number; folio: string }> {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw RequestInputError.single("rating", "Elija una calificación de 1 a 5.", 422);
  const text = (comment ?? "").trim();
  if (text.length > 1000) throw RequestInputError.single("comment", "El comentario admite hasta 1000 caracteres.", 422);
  return services.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("service_requests")
      .select(["municipality_id", "id", "folio", "status", "rating"])
      .where("tracking_token_hash", "=", hashToken(token))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw RequestInputError.single("token", "El enlace de seguimiento no es válido.", 404);
    if (row.status !== "atendida" && row.status !== "cerrada") throw RequestInputError.single("rating", "Podrá calificar la atención cuando la solicitud esté atendida o cerrada.", 409);
    if (row.rating !== null) throw RequestInputError.single("rating", "Esta solicitud ya fue calificada. ¡Gracias!", 409);
    await trx
      .updateTable("service_requests")
      .set({ rating, rating_comment: text || null, rated_at: now, updated_at: now })
      .where("municipality_id", "=", row.municipality_id)
      .where("id", "=", row.id)
      .execute();
        // The score is public; the comment stays with the staff (a citizen may write personal details in it).
    await event(trx, row.municipality_id, row.id, { kind: "anonymous" }, now, "rating", null, String(rating), null, true);
    await publish(trx, { topic: REQUESTS_TOPIC, municipalityId: row.municipality_id, data: { requestId: row.id, folio: row.folio, kind: "rating", status: row.status } });
    return { municipalityId: row.municipality_id, folio: row.folio };
  });
}
