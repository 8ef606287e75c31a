/**
 * Public pages of access-to-information requests: the web form (anonymous or pseudonymous),
 * the acknowledgement with the engine's due date, and one request's page. ARCO requests have
 * no public page (404), and the requester is never shown.
 */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { anonymousSubmissionLimit, municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { localDateTimeAt } from "../../platform/calendar/dates.js";
import { findLegalProfile } from "./profiles.js";
import { createInformationRequest, InfoRequestError } from "./info-service.js";
import { loadEvents, loadRequestRow, loadTurns } from "./info-queries.js";
import { presentPublicRequest } from "./info-presenters.js";
import { publicAttachments } from "./info-attachments-queries.js";
import { registerInfoRequestPolicies } from "./info-policy.js";
import { AcknowledgementPage, NewInfoRequestPage, PublicInfoRequestPage } from "./views/info-public.js";

export const folioParams = {
  type: "object",
  properties: { slug: { type: "string", maxLength: 80 }, folio: { type: "string", maxLength: 40 } },
  required: ["slug", "folio"],
} as const;

export const formText = (body: unknown, name: string, max = 10000): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v.slice(0, max) : "";
};

export function registerInfoPublicRoutes(app: FastifyInstance, { db, config }: Services): void {
  registerInfoRequestPolicies();
  const base = (slug: string) => `/${slug}/transparencia/solicitudes`;

  app.get("/:slug/transparencia/solicitudes/nueva", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    return reply.page(NewInfoRequestPage({ ctx: request.pageContext({ municipality: m }) }));
  });

  app.post("/:slug/transparencia/solicitudes/nueva", { schema: { params: slugParams }, config: anonymousSubmissionLimit(config) }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const values = Object.fromEntries(["body", "name", "email", "address"].map((k) => [k, formText(request.body, k)]));
    try {
      const created = await createInformationRequest(db, m, request.actor, {
        kind: "information", channel: "web", body: values.body!, receivedAt: new Date(), name: values.name!, email: values.email, address: values.address,
      });
      return reply.redirect(`${base(m.slug)}/${created.folio}/acuse`, 303);
    } catch (error) {
      if (!(error instanceof InfoRequestError)) throw error;
      return reply.page(NewInfoRequestPage({ ctx: request.pageContext({ municipality: m }), values, errors: { [error.field ?? "body"]: error.message } }), 422);
    }
  });

  const publicRow = async (municipalityId: number, folio: string, t: (k: string) => string) => {
    const row = await loadRequestRow(db, municipalityId, folio.trim().toUpperCase());
    if (!row || row.kind !== "information") throw new HttpProblem(404, t("errors.notFound"));
    return row;
  };

  app.get("/:slug/transparencia/solicitudes/:folio/acuse", { schema: { params: folioParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const row = await publicRow(m.id, (request.params as { folio: string }).folio, request.t);
    const profile = await findLegalProfile(db, row.profile_id);
    const ack = { folio: row.folio, receivedOn: row.received_on, dueOn: row.due_on, profileName: profile?.name ?? row.profile_id };
    return reply.page(AcknowledgementPage({ ctx: request.pageContext({ municipality: m }), ack }));
  });

  app.get("/:slug/transparencia/solicitudes/:folio", { schema: { params: folioParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const row = await publicRow(m.id, (request.params as { folio: string }).folio, request.t);
    const [turns, events, files] = await Promise.all([loadTurns(db, m.id, row.id), loadEvents(db, m.id, row.id, true), publicAttachments(db, m.id, [row.id])]);
    const view = presentPublicRequest(row, turns, events, localDateTimeAt(new Date(), m.timeZone).date, { rows: files, base: `${base(m.slug)}/${row.folio}` })!;
    return reply.page(PublicInfoRequestPage({ ctx: request.pageContext({ municipality: m }), r: view }));
  });
}
