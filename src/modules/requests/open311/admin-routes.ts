/** /:slug/admin/open311 — administrators issue and revoke the municipality's Open311 API keys. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorizeInMunicipality, slugParams } from "../../../platform/http/tenant.js";
import type { Services } from "../../../platform/services.js";
import type { ActiveMunicipality } from "../../territory/queries.js";
import { RequestInputError } from "../errors.js";
import { REQUESTS } from "../policy.js";
import type { FlashMessage } from "../../../platform/views/context.js";
import { ApiKeysPage, type ApiKeysPageProps } from "../views/apikeys.js";
import { issueApiKey, listApiKeys, revokeApiKey } from "./keys.js";

const keyParams = {
  type: "object",
  properties: { slug: { type: "string", maxLength: 80 }, keyId: { type: "integer", minimum: 1, maximum: 2147483647 } },
  required: ["slug", "keyId"],
} as const;

function formField(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : "";
}

export function registerOpen311AdminRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;

  async function page(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, extra: Pick<ApiKeysPageProps, "issued" | "values" | "errors"> = {}, status = 200, flash?: FlashMessage[]) {
    const keys = await listApiKeys(db, m.id);
    const ctx = request.pageContext({ municipality: m, ...(flash ? { flash } : {}) });
    // The key must never be cached anywhere on its way to the administrator.
    reply.header("cache-control", "no-store");
    return reply.page(ApiKeysPage({ ctx, keys, apiUrl: `${config.publicUrl}/open311/v2`, timeZone: m.timeZone, ...extra }), status);
  }

  app.get("/:slug/admin/open311", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, REQUESTS.manageCatalogue);
    if (!m) return reply;
    return page(request, reply, m);
  });

  app.post("/:slug/admin/open311", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = (await authorizeInMunicipality(db, request, reply, REQUESTS.manageCatalogue))!;
    const name = formField(request.body, "name");
    try {
      const issued = await issueApiKey(db, m.id, name, { actor: request.actor });
      // Rendered, not redirected: a flash cookie would carry the key.
      return page(request, reply, m, { issued: { name: issued.name, key: issued.key } }, 201);
    } catch (error) {
      if (!(error instanceof RequestInputError)) throw error;
      return page(request, reply, m, { values: { name }, errors: Object.fromEntries(error.errors.map((e) => [e.field, e.message])) }, 422);
    }
  });

  app.post("/:slug/admin/open311/:keyId/revocar", { schema: { params: keyParams, hide: true } }, async (request, reply) => {
    const m = (await authorizeInMunicipality(db, request, reply, REQUESTS.manageCatalogue))!;
    const { keyId } = request.params as { keyId: number };
    const keys = await listApiKeys(db, m.id);
    try {
      await revokeApiKey(db, m.id, keyId, { actor: request.actor });
    } catch (error) {
      if (!(error instanceof RequestInputError)) throw error;
      return page(request, reply, m, {}, error.status === 404 ? 404 : 409, [{ kind: "error", text: error.message }]);
    }
    reply.flash("success", request.t("open311:keys.revoked", { name: keys.find((k) => k.id === keyId)?.name ?? "" }));
    return reply.redirect(`/${m.slug}/admin/open311`, 303);
  });
}
