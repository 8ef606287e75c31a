/**
 * Public hearing routes: the list, one hearing with the form to ask for a turn online (and its
 * public summary once concluded), the attendee's private turn page, the room's screen with its
 * live event stream, the calendars (all hearings, one hearing) and the open-data downloads.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Readable } from "node:stream";
import { streamBus } from "../../platform/bus.js";
import { anonymousSubmissionLimit, municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { renderDocument } from "../../platform/http/app.js";
import { hashToken } from "../requests/create.js";
import { field, hearingParams, notFound, publicHearing, submitHearingForm, values } from "./hearing-http.js";
import { hearingsCalendar } from "./hearing-ical.js";
import {
  calendarHearings, listHearings, onlineTurnsLeft, publicSummary, screenState, turnByTokenHash, turnCounts, turnPetitions, type HearingView,
} from "./hearing-queries.js";
import { HEARINGS_TOPIC } from "./hearing-service.js";
import { registerTurn } from "./hearing-turns.js";
import { hearingsCsv, hearingsJson } from "./opendata-hearings.js";
import { turnPath } from "./urls.js";
import type { FailedForm } from "./views/hearing-parts.js";
import { HearingPage, HearingsPage, TurnPage } from "./views/hearing-public.js";
import { HearingScreen } from "./views/hearing-screen.js";

const PER_PAGE = 20;
const FOLIOS_PER_PAGE = 50;
const CALENDAR_PAST_DAYS = 60;

const tokenParams = (() => {
  const base = hearingParams();
  return { ...base, properties: { ...base.properties, token: { type: "string", maxLength: 200 } }, required: [...base.required, "token"] } as const;
})();

/** Why a hearing takes no online turns now (a key of hearings:closedReason), or null when it does. */
function closedReason(h: HearingView, left: number, taken: number, now: Date): string | null {
  if (h.status === "cancelada") return "cancelled";
  if (h.status === "concluida") return "concluded";
  if (h.status === "en_curso" || h.startsAt <= now) return "started";
  if (h.onlineCapacity === 0) return "noOnline";
  if (taken >= h.capacity) return "full";
  if (left === 0) return "onlineFull";
  return null;
}

export function registerHearingPublicRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;

  app.get("/:slug/audiencias", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const municipality = await municipalityOr404(db, request);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const { rows, total } = await listHearings(db, municipality.id, { page, perPage: PER_PAGE });
    return reply.page(HearingsPage({ ctx: request.pageContext({ municipality }), hearings: rows, info: { page, perPage: PER_PAGE, total }, timeZone: municipality.timeZone }));
  });

  const sendCalendar = (reply: FastifyReply, body: string, filename: string) =>
    reply.type("text/calendar; charset=utf-8").header("content-disposition", `attachment; filename="${filename}"`).header("cache-control", "public, max-age=300").send(body);

  app.get("/:slug/audiencias.ics", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const hearings = await calendarHearings(db, m.id, new Date(Date.now() - CALENDAR_PAST_DAYS * 86_400_000));
    return sendCalendar(reply, hearingsCalendar(hearings, m, config.publicUrl), `audiencias-${m.slug}.ics`);
  });

  app.get("/:slug/audiencias/:hearing/calendario.ics", { schema: { params: hearingParams(), hide: true } }, async (request, reply) => {
    const { municipality: m, hearing } = await publicHearing(request, services);
    return sendCalendar(reply, hearingsCalendar([hearing], m, config.publicUrl), `audiencia-${m.slug}-${hearing.slug}.ics`);
  });

  async function hearingPage(request: FastifyRequest, reply: FastifyReply, failed?: FailedForm, status = 200) {
    const { municipality, hearing } = await publicHearing(request, services);
    const counts = await turnCounts(db, municipality.id, hearing.id);
    const left = onlineTurnsLeft(hearing, counts);
    const foliosPage = parsePage((request.query as Record<string, unknown>).folios);
    const summary = hearing.status === "concluida" ? await publicSummary(db, municipality.id, hearing.id, { page: foliosPage, perPage: FOLIOS_PER_PAGE }) : null;
    return reply.page(
      HearingPage({
        ctx: request.pageContext({ municipality }),
        hearing,
        timeZone: municipality.timeZone,
        onlineLeft: left,
        closedReason: closedReason(hearing, left, counts.taken, new Date()),
        summary,
        foliosInfo: summary ? { page: foliosPage, perPage: FOLIOS_PER_PAGE, total: summary.listed } : null,
        failed,
      }),
      status,
    );
  }

  app.get("/:slug/audiencias/:hearing", { schema: { params: hearingParams(), hide: true } }, async (request, reply) => hearingPage(request, reply));

  app.post("/:slug/audiencias/:hearing/turnos", { schema: { params: hearingParams(), hide: true }, config: anonymousSubmissionLimit(config) }, async (request, reply) => {
    const { municipality, hearing } = await publicHearing(request, services);
    const body = request.body;
    return submitHearingForm(
      request,
      reply,
      {
        name: "turn",
        values: values(body, ["topic", "email"]),
        done: (turn) => request.t("hearings:flash.turn", { number: turn.number }),
        redirect: (turn) => turnPath(municipality.slug, hearing.slug, turn.token),
      },
      () => db.transaction().execute((trx) => registerTurn(trx, { municipalityId: municipality.id, id: hearing.id }, "en_linea", { topic: field(body, "topic", 2000), email: field(body, "email", 400) }, request.actor)),
      (failed, status) => hearingPage(request, reply, failed, status),
    );
  });

  app.get("/:slug/audiencias/:hearing/turno/:token", { schema: { params: tokenParams, hide: true } }, async (request, reply) => {
    const { municipality, hearing } = await publicHearing(request, services);
    const { token } = request.params as { token: string };
    const turn = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await turnByTokenHash(db, municipality.id, hearing.id, hashToken(token)) : null;
    if (!turn) throw notFound(request);
    const petitions = await turnPetitions(db, municipality.id, hearing.id, turn.number);
    // A private address: never cached, never sent on as a referrer, never indexed.
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer").header("x-robots-tag", "noindex");
    return reply.page(TurnPage({ ctx: request.pageContext({ municipality }), hearing, timeZone: municipality.timeZone, turn, petitions }));
  });

  app.get("/:slug/audiencias/:hearing/pantalla", { schema: { params: hearingParams(), hide: true } }, async (request, reply) => {
    const { municipality, hearing } = await publicHearing(request, services);
    const state = (await screenState(db, municipality.id, hearing.id))!;
    reply.header("cache-control", "no-store");
    return reply.type("text/html; charset=utf-8").send(renderDocument(HearingScreen({ ctx: request.pageContext({ municipality }), hearing, state, timeZone: municipality.timeZone })));
  });

  app.get("/:slug/audiencias/:hearing/pantalla/eventos", { schema: { params: hearingParams(), hide: true } }, async (request, reply) => {
    const { municipality, hearing } = await publicHearing(request, services);
    await streamBus(
      request,
      reply,
      services.bus,
      (msg) => msg.topic === HEARINGS_TOPIC && msg.municipalityId === municipality.id && msg.data.hearingId === hearing.id,
      async () => {
        const state = await screenState(db, municipality.id, hearing.id);
        return state ? { event: "turno", data: state } : null;
      },
    );
    return reply;
  });

  const send = (reply: FastifyReply, type: string, disposition: string, body: Readable) =>
    reply.type(type).header("content-disposition", disposition).header("cache-control", "public, max-age=300").send(body);

  app.get("/:slug/datos/audiencias.csv", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    return send(reply, "text/csv; charset=utf-8", `attachment; filename="audiencias-${m.slug}.csv"`, hearingsCsv(db, m, config.publicUrl));
  });

  app.get("/:slug/datos/audiencias.json", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    return send(reply, "application/json; charset=utf-8", `inline; filename="audiencias-${m.slug}.json"`, hearingsJson(db, m, config.publicUrl));
  });
}
