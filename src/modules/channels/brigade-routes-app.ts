/**
 * The brigade members' app below /:slug/brigada/ (the service worker's scope): the page, its
 * service worker and web manifest, the data it keeps offline, and the batch synchronisation.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { PUBLIC_DIR } from "../../platform/http/app.js";
import { forbidden, unauthorized } from "../../platform/http/problem.js";
import { loginUrl, municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { appData } from "./brigade-app-data.js";
import { capturableBrigades, isBrigadeMemberIn } from "./brigade-queries.js";
import { syncBatch } from "./brigade-sync.js";
import { canManageChannels, CHANNELS } from "./policy.js";
import * as u from "./urls.js";
import { BrigadeAppPage } from "./views/brigade-app.js";

/** The app sends at most 5 records or about 4 MB per batch; a single record with a 4 MB photo is ~5.5 MB as base64. */
const SYNC_BODY_LIMIT = 12 * 1024 * 1024;
const MAX_RECORDS = 20;
const DEFAULT_BRAND = "#6b1d3a";

/**
 * The envelope only: each record is checked on its own (brigade-record.ts), so one malformed
 * record never rejects the others.
 */
const batchSchema = {
  type: "object",
  required: ["records"],
  properties: { records: { type: "array", minItems: 1, maxItems: MAX_RECORDS, items: {} } },
} as const;

/**
 * The service worker, with a version made of the files it keeps: when the page's script or the
 * styles change, the worker's bytes change, the phone installs it and drops the old cache.
 */
function serviceWorkerSource(): string {
  const read = (file: string) => fs.readFileSync(path.join(PUBLIC_DIR, file), "utf8");
  const worker = read("js/brigada-sw.js");
  const kept = ["cabildo.css", ...fs.readdirSync(path.join(PUBLIC_DIR, "js")).filter((f) => /^brigada.*\.js$/.test(f)).sort().map((f) => `js/${f}`)];
  const hash = crypto.createHash("sha256");
  for (const file of kept) hash.update(read(file));
  return `const VERSION = "${hash.digest("hex").slice(0, 16)}";\n${worker}`;
}

/** Errors of the app's machine routes are problem+json whatever the Accept header says. */
async function speakJson(request: FastifyRequest): Promise<void> {
  request.headers.accept = "application/json";
}

export function registerBrigadeAppRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;
  const worker = serviceWorkerSource();

  app.get("/:slug/brigada", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const municipality = await municipalityOr404(db, request);
    const scope = u.brigadeAppPath(municipality.slug);
    // The service worker controls only addresses below its scope, which ends in "/".
    if (!request.url.split("?")[0]!.endsWith("/")) return reply.redirect(scope, 301);
    const actor = request.actor;
    if (actor.kind !== "user") return reply.redirect(loginUrl(scope));
    const brigades = await capturableBrigades(db, municipality.id, actor);
    const manager = canManageChannels(actor, municipality.id);
    const summaries = brigades.filter((b) => can(actor, CHANNELS.viewBrigade, { municipalityId: municipality.id, memberRole: b.role, active: true }));
    reply.header("cache-control", "no-cache, private");
    return reply.page(
      BrigadeAppPage({
        ctx: request.pageContext({ municipality }),
        brigades: brigades.map((b) => ({ slug: b.slug, name: b.name })),
        summaries: manager ? [] : summaries.map((b) => ({ slug: b.slug, name: b.name })),
        brandColor: municipality.brandColor ?? DEFAULT_BRAND,
      }),
    );
  });

  app.get("/:slug/brigada/sw.js", { schema: { params: slugParams, hide: true }, onRequest: speakJson }, async (request, reply) => {
    await municipalityOr404(db, request);
    return reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").send(worker);
  });

  app.get("/:slug/brigada/manifest.webmanifest", { schema: { params: slugParams, hide: true }, onRequest: speakJson }, async (request, reply) => {
    const municipality = await municipalityOr404(db, request);
    const scope = u.brigadeAppPath(municipality.slug);
    return reply.type("application/manifest+json; charset=utf-8").header("cache-control", "no-cache").send({
      name: request.t("brigades:app.manifestName", { name: municipality.name }),
      short_name: request.t("brigades:app.manifestShortName"),
      description: request.t("brigades:app.lead"),
      lang: request.locale,
      start_url: scope,
      scope,
      display: "standalone",
      background_color: "#ffffff",
      theme_color: municipality.brandColor ?? DEFAULT_BRAND,
      icons: [{ src: "/static/favicon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
    });
  });

  app.get("/:slug/brigada/datos.json", { schema: { params: slugParams, hide: true }, onRequest: speakJson }, async (request, reply) => {
    const municipality = await municipalityOr404(db, request);
    const actor = request.actor;
    if (actor.kind !== "user") throw unauthorized(request.t("brigades:app.sessionExpired"));
    reply.header("cache-control", "no-cache, private");
    return appData(db, municipality, actor, request.csrfToken);
  });

  app.post(
    "/:slug/brigada/sincronizar",
    { schema: { params: slugParams, body: batchSchema, hide: true }, bodyLimit: SYNC_BODY_LIMIT, onRequest: speakJson },
    async (request, reply) => {
      const municipality = await municipalityOr404(db, request);
      const actor = request.actor;
      // The app keeps the records and asks to sign in again.
      if (actor.kind !== "user") throw unauthorized(request.t("brigades:app.sessionExpired"));
      if (!canManageChannels(actor, municipality.id) && !(await isBrigadeMemberIn(db, municipality.id, actor.userId))) {
        throw forbidden(request.t("brigades:app.notMember", { name: municipality.name }));
      }
      const results = await syncBatch(services, municipality, actor, (request.body as { records: unknown[] }).records);
      reply.header("cache-control", "no-store");
      return { results };
    },
  );
}
