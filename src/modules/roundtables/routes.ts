/**
 * The roundtables module's routes, its section on the process page and its link on the process's
 * staff page (registered with the participation core), and its open-data downloads.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Readable } from "node:stream";
import type { Services } from "../../platform/services.js";
import { municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import { registerParticipationPolicies } from "../participation/policy.js";
import { registerProcessAdminLink, registerProcessSection } from "../participation/sections.js";
import { agreementClock } from "./http.js";
import { agreementsCsv, agreementsJson } from "./opendata.js";
import { listRoundtables } from "./queries.js";
import { registerAdminRoutes } from "./routes-admin.js";
import { registerPublicRoutes } from "./routes-public.js";
import { adminBase } from "./urls.js";
import { RoundtablesSection } from "./views/public.js";

const SECTION_SIZE = 6;

/** The process page shows its roundtables (nothing when it has none). */
export function registerRoundtableSections(): void {
  registerParticipationPolicies();
  registerProcessSection({
    id: "roundtables",
    order: 60,
    async render(ctx, { services, municipality, process }) {
      const { rows, total } = await listRoundtables(services.db, municipality.id, process.id, { page: 1, perPage: SECTION_SIZE });
      if (total === 0) return null;
      return RoundtablesSection({ ctx, process, timeZone: municipality.timeZone, roundtables: rows, total });
    },
  });
  registerProcessAdminLink({
    id: "roundtables",
    order: 60,
    label: (ctx) => ctx.t("roundtables:adminLink"),
    href: (municipalitySlug, processSlug) => adminBase(municipalitySlug, processSlug),
  });
}

export function registerRoundtableRoutes(app: FastifyInstance, services: Services): void {
  registerRoundtableSections();
  registerPublicRoutes(app, services);
  registerAdminRoutes(app, services);

  const { db, config } = services;
  const send = (reply: FastifyReply, type: string, disposition: string, body: Readable) =>
    reply.type(type).header("content-disposition", disposition).header("cache-control", "public, max-age=300").send(body);

  app.get("/:slug/datos/acuerdos-mesas.csv", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    return send(reply, "text/csv; charset=utf-8", `attachment; filename="acuerdos-mesas-${m.slug}.csv"`, agreementsCsv(db, m, await agreementClock(db, m), config.publicUrl));
  });
  app.get("/:slug/datos/acuerdos-mesas.json", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    return send(reply, "application/json; charset=utf-8", `inline; filename="acuerdos-mesas-${m.slug}.json"`, agreementsJson(db, m, await agreementClock(db, m), config.publicUrl));
  });
}
