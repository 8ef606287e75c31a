/**
 * Open311 GeoReport v2 at /open311/v2, every resource in .json and .xml. jurisdiction_id is the
 * municipality's slug; service_request_id is the folio; a token is the folio too (requests are
 * created at once, so GET tokens/{folio} answers right away). See README "Open311".
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Services } from "../../../platform/services.js";
import { anonymous } from "../../../platform/policy.js";
import { listServices, findServiceByCode } from "../catalogue.js";
import { createRequest } from "../create.js";
import { authenticateApiKey, markApiKeyUsed } from "./keys.js";
import { fail, FORMATS, open311ErrorHandler, open311NotFound, sendList, sendObject, type Format } from "./http.js";
import { jurisdiction, requestFilters, submission, text } from "./params.js";
import { presentOpen311Request, presentOpen311Service, presentServiceDefinition, XML_ITEM_NAMES, type Open311Created, type Open311Token } from "./presenters.js";
import { findOpen311Request, findOpen311Requests } from "./queries.js";
import { discoveryDocument } from "./discovery.js";
import { mediaUrlsFor } from "./media.js";
import { schemas } from "./schema.js";
import { registerOpen311AdminRoutes } from "./admin-routes.js";

/** Per-minute limits from the configuration; 0 turns a limit off. */
const perMinute = (max: number) => ({ rateLimit: max > 0 ? { max, timeWindow: "1 minute" } : false });

const folioOf = (raw: string) => {
  const folio = raw.trim().toUpperCase();
  if (!/^[A-Z0-9-]{3,60}$/.test(folio)) throw fail(404, `La solicitud "${raw.slice(0, 60)}" no existe.`);
  return folio;
};

export async function registerOpen311Routes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;
  const READ_LIMIT = perMinute(config.open311ReadRateLimit);
  const WRITE_LIMIT = perMinute(config.open311WriteRateLimit);
  const query = (request: FastifyRequest) => request.query as Record<string, unknown>;

  await app.register(
    async (api) => {
      api.setErrorHandler(open311ErrorHandler);
      api.setNotFoundHandler(open311NotFound);

      for (const format of FORMATS) {
        const fmt: Format = format;

        api.get(`/discovery.${fmt}`, { config: READ_LIMIT, schema: schemas.discovery(fmt) }, async (_request, reply) => {
          return sendObject(reply, fmt, "discovery", discoveryDocument(config.publicUrl, config.mailFrom), XML_ITEM_NAMES);
        });

        api.get(`/services.${fmt}`, { config: READ_LIMIT, schema: schemas.services(fmt) }, async (request, reply) => {
          const m = await jurisdiction(db, query(request));
          const list = await listServices(db, m.id);
          return sendList(reply, fmt, "services", "service", list.map(presentOpen311Service));
        });

        api.get(`/services/:service_code.${fmt}`, { config: READ_LIMIT, schema: schemas.serviceDefinition(fmt) }, async (request, reply) => {
          const m = await jurisdiction(db, query(request));
          const { service_code } = request.params as { service_code: string };
          const service = await findServiceByCode(db, m.id, service_code);
          if (!service || !service.active) throw fail(404, `El servicio "${service_code.slice(0, 40)}" no existe en ${m.name}.`);
          return sendObject(reply, fmt, "service_definition", presentServiceDefinition(service), XML_ITEM_NAMES);
        });

        api.post(`/requests.${fmt}`, { config: { ...WRITE_LIMIT, csrfExempt: true }, schema: schemas.createRequest(fmt) }, async (request, reply) => {
          const body = (request.body ?? {}) as Record<string, unknown>;
          if (typeof body !== "object" || Array.isArray(body)) throw fail(400, "Envíe los campos como formulario (application/x-www-form-urlencoded) o como un objeto JSON.");
          // The jurisdiction may come in the form or in the query string.
          const m = await jurisdiction(db, { jurisdiction_id: text(body, "jurisdiction_id") ?? text(query(request), "jurisdiction_id") });
          const key = await authenticateApiKey(db, m.id, text(body, "api_key") ?? text(query(request), "api_key"));
          if (!key) throw fail(403, "api_key falta, no es válida o fue revocada. Pídala a la administración del municipio.");
          const { input, accountId, mediaUrl } = await submission(db, m.id, body);
          // Open311 clients act for anonymous citizens: no staff audit entry, channel "open311".
          const created = await createRequest(services, m, input, anonymous);
          await markApiKeyUsed(db, m.id, key.id);
          const due = new Intl.DateTimeFormat("es-MX", { dateStyle: "long", timeStyle: "short", timeZone: m.timeZone }).format(created.dueAt);
          const notice =
            `Solicitud recibida por ${m.name} con el folio ${created.folio}. Fecha compromiso: ${due}.` +
            (mediaUrl ? " No descargamos imágenes de otros sitios: media_url no se guardó." : "");
          const result: Open311Created[] = [{ service_request_id: created.folio, service_notice: notice, account_id: accountId }];
          return sendList(reply, fmt, "service_requests", "request", result, {}, 201);
        });

        api.get(`/requests.${fmt}`, { config: READ_LIMIT, schema: schemas.listRequests(fmt) }, async (request, reply) => {
          const m = await jurisdiction(db, query(request));
          const rows = await findOpen311Requests(db, m.id, requestFilters(query(request)));
          const media = await mediaUrlsFor(db, config.publicUrl, m, rows);
          return sendList(reply, fmt, "service_requests", "request", rows.map((r) => presentOpen311Request(r, media.get(r.id) ?? null)));
        });

        api.get(`/requests/:service_request_id.${fmt}`, { config: READ_LIMIT, schema: schemas.getRequest(fmt) }, async (request, reply) => {
          const m = await jurisdiction(db, query(request));
          const { service_request_id } = request.params as { service_request_id: string };
          const row = await findOpen311Request(db, m.id, folioOf(service_request_id));
          if (!row) throw fail(404, `La solicitud "${service_request_id.slice(0, 60)}" no existe en ${m.name}.`);
          const media = await mediaUrlsFor(db, config.publicUrl, m, [row]);
          return sendList(reply, fmt, "service_requests", "request", [presentOpen311Request(row, media.get(row.id) ?? null)]);
        });

        api.get(`/tokens/:token.${fmt}`, { config: READ_LIMIT, schema: schemas.token(fmt) }, async (request, reply) => {
          const m = await jurisdiction(db, query(request));
          const { token } = request.params as { token: string };
          const row = await findOpen311Request(db, m.id, folioOf(token));
          if (!row) throw fail(404, `El token "${token.slice(0, 60)}" no existe en ${m.name}.`);
          const result: Open311Token[] = [{ service_request_id: row.folio, token: row.folio }];
          return sendList(reply, fmt, "service_requests", "request", result);
        });
      }
    },
    { prefix: "/open311/v2" },
  );
}

/** The route part the requests module registers: the API and its keys' admin page. */
export async function open311Routes(app: FastifyInstance, services: Services): Promise<void> {
  registerOpen311AdminRoutes(app, services);
  await registerOpen311Routes(app, services);
}
