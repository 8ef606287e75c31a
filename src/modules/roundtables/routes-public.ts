/**
 * Public roundtable pages under a process: the list, a roundtable (members by sector, upcoming
 * and past sessions, agreements), a session (agenda, attendance, published minutes, files), an
 * agreement with its history, the filtered agreements list and the iCal of upcoming sessions.
 */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { publicProcessOr404 } from "../participation/processes.js";
import { agreementEvents, findAgreement, listAgreements, type AgreementFilters } from "./agreements-queries.js";
import { CONTENT_TYPES } from "./files.js";
import { agreementClock, ids, notFound, params } from "./http.js";
import { buildCalendar } from "../../platform/ical.js";
import { findRoundtable, findSession, findSessionFile, listRoundtables, listSessions, publicMembers, upcomingProcessSessions } from "./queries.js";
import { AGREEMENT_STATUSES, ROUNDTABLE_SECTORS, type AgreementStatus, type RoundtableSector } from "./tables.js";
import { publicBase } from "./urls.js";
import { AgreementsPage } from "./views/agreements.js";
import { AgreementPage, RoundtableListPage, RoundtablePage, SessionPage } from "./views/public.js";

const PER_PAGE = 20;
const ROUNDTABLE_PAGE_LIST = 10;

/** The public address of a proposal an agreement became (the proposals module's page). */
export const proposalPath = (municipalitySlug: string, processSlug: string, proposalNumber: number) => `/${municipalitySlug}/participa/${processSlug}/propuestas/${proposalNumber}`;

export function registerPublicRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;

  async function roundtableOr404(request: Parameters<typeof publicProcessOr404>[0]) {
    const { municipality, process } = await publicProcessOr404(request, services);
    const roundtable = await findRoundtable(db, municipality.id, process.id, ids(request).roundtableId);
    if (!roundtable) throw notFound(request);
    return { municipality, process, roundtable };
  }

  app.get("/:slug/participa/:process/mesas", { schema: { params: params(), hide: true } }, async (request, reply) => {
    const { municipality, process } = await publicProcessOr404(request, services);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const { rows, total } = await listRoundtables(db, municipality.id, process.id, { page, perPage: PER_PAGE });
    return reply.page(RoundtableListPage({ ctx: request.pageContext({ municipality }), process, timeZone: municipality.timeZone, roundtables: rows, info: { page, perPage: PER_PAGE, total } }));
  });

  app.get("/:slug/participa/:process/mesas/acuerdos", { schema: { params: params(), hide: true } }, async (request, reply) => {
    const { municipality, process } = await publicProcessOr404(request, services);
    const q = request.query as Record<string, unknown>;
    const text = (name: string) => (typeof q[name] === "string" ? (q[name] as string).slice(0, 40) : "");
    const values = { mesa: /^\d{1,9}$/.test(text("mesa")) ? text("mesa") : "", estado: text("estado"), sector: text("sector"), vencidos: text("vencidos") === "1" };
    const filters: AgreementFilters = {
      roundtableId: values.mesa ? Number(values.mesa) : null,
      status: (AGREEMENT_STATUSES as readonly string[]).includes(values.estado) ? (values.estado as AgreementStatus) : null,
      sector: (ROUNDTABLE_SECTORS as readonly string[]).includes(values.sector) ? (values.sector as RoundtableSector) : null,
      overdue: values.vencidos,
    };
    const page = parsePage(q.pagina);
    const [result, roundtables] = await Promise.all([
      listAgreements(db, municipality.id, process.id, filters, await agreementClock(db, municipality), { page, perPage: PER_PAGE }),
      listRoundtables(db, municipality.id, process.id, { page: 1, perPage: 200 }),
    ]);
    return reply.page(
      AgreementsPage({
        ctx: request.pageContext({ municipality }),
        process,
        agreements: result.rows,
        info: { page, perPage: PER_PAGE, total: result.total },
        filters: { ...values, estado: filters.status ?? "", sector: filters.sector ?? "" },
        roundtables: roundtables.rows.map((r) => ({ id: r.id, name: r.name })),
      }),
    );
  });

  app.get("/:slug/participa/:process/mesas/sesiones.ics", { schema: { params: params(), hide: true } }, async (request, reply) => {
    const { municipality, process } = await publicProcessOr404(request, services);
    const sessions = await upcomingProcessSessions(db, municipality.id, process.id);
    const host = new URL(config.publicUrl).hostname;
    const body = buildCalendar(
      { prodId: "-//Cabildo//Mesas de trabajo//ES", name: `Mesas de trabajo · ${process.title} · ${municipality.name}`, timeZone: municipality.timeZone, now: new Date() },
      sessions.map((s) => {
        const url = `${config.publicUrl}${publicBase(municipality.slug, process.slug)}/${s.roundtableId}/sesiones/${s.id}`;
        const agenda = s.agenda.length ? `Orden del día:\n${s.agenda.map((a, i) => `${i + 1}. ${a}`).join("\n")}\n\n` : "";
        return {
          uid: `mesa-sesion-${municipality.id}-${s.id}@${host}`,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          summary: `${s.roundtableName}${s.title ? `: ${s.title}` : ""}`,
          description: `${agenda}${s.onlineUrl ? `En línea: ${s.onlineUrl}\n` : ""}${url}`,
          location: s.place || s.onlineUrl || "",
          url,
          cancelled: s.cancelled,
          updatedAt: s.updatedAt,
        };
      }),
    );
    return reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", `attachment; filename="mesas-${municipality.slug}-${process.slug}.ics"`)
      .header("cache-control", "public, max-age=300")
      .send(body);
  });

  app.get("/:slug/participa/:process/mesas/:roundtableId", { schema: { params: params("roundtableId"), hide: true } }, async (request, reply) => {
    const { municipality, process, roundtable } = await roundtableOr404(request);
    const q = request.query as Record<string, unknown>;
    const pastPage = parsePage(q.sesiones);
    const agreementsPage = parsePage(q.acuerdos);
    const [members, upcoming, past, agreements] = await Promise.all([
      publicMembers(db, roundtable.ref),
      listSessions(db, roundtable.ref, "upcoming", { page: 1, perPage: 50 }),
      listSessions(db, roundtable.ref, "past", { page: pastPage, perPage: ROUNDTABLE_PAGE_LIST }),
      listAgreements(db, municipality.id, process.id, { roundtableId: roundtable.ref.id }, await agreementClock(db, municipality), { page: agreementsPage, perPage: ROUNDTABLE_PAGE_LIST }),
    ]);
    return reply.page(
      RoundtablePage({
        ctx: request.pageContext({ municipality }),
        process,
        timeZone: municipality.timeZone,
        roundtable,
        members,
        upcoming: upcoming.rows,
        past: past.rows,
        pastInfo: { page: pastPage, perPage: ROUNDTABLE_PAGE_LIST, total: past.total },
        agreements: agreements.rows,
        agreementsInfo: { page: agreementsPage, perPage: ROUNDTABLE_PAGE_LIST, total: agreements.total },
      }),
    );
  });

  app.get("/:slug/participa/:process/mesas/:roundtableId/sesiones/:sessionId", { schema: { params: params("roundtableId", "sessionId"), hide: true } }, async (request, reply) => {
    const { municipality, process, roundtable } = await roundtableOr404(request);
    const session = await findSession(db, roundtable.ref, ids(request).sessionId, "public");
    if (!session) throw notFound(request);
    const members = await publicMembers(db, roundtable.ref);
    return reply.page(SessionPage({ ctx: request.pageContext({ municipality }), process, timeZone: municipality.timeZone, roundtable, session, members }));
  });

  app.get("/:slug/participa/:process/mesas/:roundtableId/sesiones/:sessionId/archivos/:fileId", { schema: { params: params("roundtableId", "sessionId", "fileId"), hide: true } }, async (request, reply) => {
    const { roundtable } = await roundtableOr404(request);
    const { sessionId, fileId } = ids(request);
    const file = await findSessionFile(db, roundtable.ref, sessionId, fileId);
    const thumbnail = (request.query as Record<string, unknown>).miniatura === "1";
    const key = file ? (thumbnail ? file.thumbnail_key : file.file_key) : null;
    const data = key ? await services.storage.get(key) : null;
    if (!file || !data) throw notFound(request);
    const type = thumbnail ? "jpeg" : file.file_type;
    const name = file.title.normalize("NFD").replace(/[^A-Za-z0-9 _-]/g, "").trim().replace(/\s+/g, "-").slice(0, 60) || "archivo";
    return reply
      .header("content-type", CONTENT_TYPES[type])
      .header("content-disposition", `${type === "jpeg" || type === "png" || type === "pdf" ? "inline" : "attachment"}; filename="${name}.${type === "jpeg" ? "jpg" : type}"`)
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "public, max-age=3600")
      .send(data);
  });

  app.get("/:slug/participa/:process/mesas/:roundtableId/acuerdos/:agreementId", { schema: { params: params("roundtableId", "agreementId"), hide: true } }, async (request, reply) => {
    const { municipality, process, roundtable } = await roundtableOr404(request);
    const agreement = await findAgreement(db, municipality.id, roundtable.ref.id, ids(request).agreementId, await agreementClock(db, municipality));
    if (!agreement) throw notFound(request);
    return reply.page(
      AgreementPage({
        ctx: request.pageContext({ municipality }),
        process,
        timeZone: municipality.timeZone,
        roundtable,
        agreement,
        events: await agreementEvents(db, municipality.id, agreement.id),
        proposalUrl: agreement.proposalNumber !== null ? proposalPath(municipality.slug, process.slug, agreement.proposalNumber) : null,
      }),
    );
  });

}
