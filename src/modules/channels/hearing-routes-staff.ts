/**
 * Staff hearing routes. Running the room (arrivals, calling turns, marking them, recording
 * petitions) needs CHANNELS.attendHearing; scheduling, editing, opening, cancelling and closing
 * need CHANNELS.manage. Every write is one transaction; mistakes come back on the form.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { slugParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { findServiceByCode } from "../requests/catalogue.js";
import { attributeAnswers, readLocation, readValues } from "../requests/citizen-form.js";
import { ChannelInputError } from "./errors.js";
import { coloniaChoices, officeChoices, openProcessChoices, serviceChoices } from "./hearing-choices.js";
import {
  assertManage, canManage, checked, field, hearingParams, notFound, staffHearing, staffMunicipality, submitHearingForm, turnNumber, values, type HearingContext,
} from "./hearing-http.js";
import { recordProposalPetition, recordRequestPetition } from "./hearing-petitions.js";
import { calledTurns, listHearings, staffTurn, staffTurns, turnCounts } from "./hearing-queries.js";
import { changeHearingStatus, closeHearing, scheduleHearings, updateHearing, type HearingInput } from "./hearing-service.js";
import { callNextTurn, markTurn, registerTurn, type GivenTurn } from "./hearing-turns.js";
import { adminHearingPath, adminHearingsPath, adminHearingTurnPath, turnPath } from "./urls.js";
import type { FailedForm } from "./views/hearing-parts.js";
import { ARRIVAL_FIELDS, CLOSE_FIELDS, HEARING_FIELDS, HearingEditPage, HearingRoomPage, StaffHearingsPage } from "./views/hearing-staff.js";
import { PROPOSAL_PETITION_FIELDS, REQUEST_PETITION_FIELDS, StaffTurnPage } from "./views/hearing-turn.js";

const PER_PAGE = 20;
const TURNS_PER_PAGE = 30;

const query = (request: FastifyRequest) => request.query as Record<string, unknown>;
const ref = (s: HearingContext) => ({ municipalityId: s.municipality.id, id: s.hearing.id });

function hearingInput(body: unknown): HearingInput {
  const v = (name: string) => field(body, name, 8000);
  return {
    title: v("title"), slug: v("slug"), description: v("description"), date: v("date"), startTime: v("startTime"), endTime: v("endTime"), officeId: v("officeId"),
    place: v("place"), officials: v("officials"), capacity: v("capacity"), onlineCapacity: v("onlineCapacity"), repeatWeeks: v("repeatWeeks"),
  };
}

/** A choice from a select: "" → null; an id → the number; anything else is refused beside the field. */
function chosen(body: unknown, name: string): number | null {
  const v = field(body, name, 20).trim();
  if (v === "") return null;
  if (!/^\d{1,9}$/.test(v)) throw ChannelInputError.single(name, "Elija una opción de la lista.");
  return Number(v);
}

export function registerHearingStaffRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  async function listPage(request: FastifyRequest, reply: FastifyReply, municipality: HearingContext["municipality"], failed?: FailedForm, status = 200) {
    const page = parsePage(query(request).pagina);
    const manage = canManage(request, municipality.id);
    const [{ rows, total }, offices] = await Promise.all([listHearings(db, municipality.id, { page, perPage: PER_PAGE }), manage ? officeChoices(db, municipality.id) : Promise.resolve([])]);
    return reply.page(
      StaffHearingsPage({ ctx: request.pageContext({ municipality }), hearings: rows, info: { page, perPage: PER_PAGE, total }, timeZone: municipality.timeZone, canManage: manage, offices, failed }),
      status,
    );
  }

  app.get("/:slug/admin/audiencias", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const municipality = await staffMunicipality(request, reply, services);
    if (!municipality) return reply;
    return listPage(request, reply, municipality);
  });

  app.post("/:slug/admin/audiencias", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const municipality = (await staffMunicipality(request, reply, services))!;
    assertManage(request, municipality.id);
    return submitHearingForm(
      request,
      reply,
      {
        name: "schedule",
        values: values(request.body, HEARING_FIELDS),
        done: (slugs) => request.t("hearings:flash.scheduled", { count: slugs.length }),
        redirect: (slugs) => (slugs.length === 1 ? adminHearingPath(municipality.slug, slugs[0]!) : adminHearingsPath(municipality.slug)),
      },
      () => db.transaction().execute((trx) => scheduleHearings(trx, municipality, hearingInput(request.body), request.actor)),
      (failed, status) => listPage(request, reply, municipality, failed, status),
    );
  });

  async function roomPage(request: FastifyRequest, reply: FastifyReply, s: HearingContext, failed?: FailedForm, status = 200) {
    const { municipality, hearing } = s;
    const page = parsePage(query(request).pagina);
    const [counts, turns, called] = await Promise.all([
      turnCounts(db, municipality.id, hearing.id),
      staffTurns(db, municipality.id, hearing.id, { page, perPage: TURNS_PER_PAGE }),
      calledTurns(db, municipality.id, hearing.id),
    ]);
    reply.header("cache-control", "no-store");
    return reply.page(
      HearingRoomPage({
        ctx: request.pageContext({ municipality }),
        hearing,
        timeZone: municipality.timeZone,
        counts,
        turns: turns.rows,
        turnsInfo: { page, perPage: TURNS_PER_PAGE, total: turns.total },
        called,
        canManage: canManage(request, municipality.id),
        failed,
      }),
      status,
    );
  }

  app.get("/:slug/admin/audiencias/:hearing", { schema: { params: hearingParams(), hide: true } }, async (request, reply) => {
    const s = await staffHearing(request, reply, services);
    if (!s) return reply;
    return roomPage(request, reply, s);
  });

  async function editPage(request: FastifyRequest, reply: FastifyReply, s: HearingContext, failed?: FailedForm, status = 200) {
    const offices = await officeChoices(db, s.municipality.id);
    return reply.page(HearingEditPage({ ctx: request.pageContext({ municipality: s.municipality }), hearing: s.hearing, timeZone: s.municipality.timeZone, offices, failed }), status);
  }

  app.get("/:slug/admin/audiencias/:hearing/editar", { schema: { params: hearingParams(), hide: true } }, async (request, reply) => {
    const s = await staffHearing(request, reply, services);
    if (!s) return reply;
    assertManage(request, s.municipality.id);
    return editPage(request, reply, s);
  });

  app.post("/:slug/admin/audiencias/:hearing/editar", { schema: { params: hearingParams(), hide: true } }, async (request, reply) => {
    const s = (await staffHearing(request, reply, services))!;
    assertManage(request, s.municipality.id);
    return submitHearingForm(
      request,
      reply,
      { name: "edit", values: values(request.body, HEARING_FIELDS), done: () => request.t("hearings:flash.saved"), redirect: (slug) => adminHearingPath(s.municipality.slug, slug) },
      () => db.transaction().execute((trx) => updateHearing(trx, s.municipality, ref(s), hearingInput(request.body), request.actor)),
      (failed, status) => editPage(request, reply, s, failed, status),
    );
  });

  /** A room form: runs the write, then back to the room (or the room again with the message). */
  function roomForm<T>(
    path: string,
    options: { manage?: boolean; form: string; fields: string[]; done: (request: FastifyRequest, result: T, s: HearingContext) => string },
    write: (request: FastifyRequest, s: HearingContext) => Promise<T>,
  ) {
    app.post(path, { schema: { params: hearingParams(), hide: true } }, async (request, reply) => {
      const s = (await staffHearing(request, reply, services))!;
      if (options.manage) assertManage(request, s.municipality.id);
      return submitHearingForm(
        request,
        reply,
        { name: options.form, values: values(request.body, options.fields), done: (result: T) => options.done(request, result, s), redirect: () => adminHearingPath(s.municipality.slug, s.hearing.slug) },
        () => write(request, s),
        (failed, status) => roomPage(request, reply, s, failed, status),
      );
    });
  }

  roomForm(
    "/:slug/admin/audiencias/:hearing/estado",
    { manage: true, form: "status", fields: [], done: (request, action) => request.t(`hearings:flash.${action}`) },
    async (request, s) => {
      const action = field(request.body, "accion", 20) === "abrir" ? "abrir" : "cancelar";
      await db.transaction().execute((trx) => changeHearingStatus(trx, ref(s), action, request.actor));
      return action;
    },
  );

  roomForm<GivenTurn>(
    "/:slug/admin/audiencias/:hearing/llegadas",
    {
      form: "arrival",
      fields: ARRIVAL_FIELDS,
      done: (request, turn, s) => request.t("hearings:flash.arrival", { number: turn.number, link: `${services.config.publicUrl}${turnPath(s.municipality.slug, s.hearing.slug, turn.token)}` }),
    },
    (request, s) =>
      db.transaction().execute((trx) =>
        registerTurn(trx, ref(s), "llegada", { topic: field(request.body, "topic", 2000), name: field(request.body, "name", 400), phone: field(request.body, "phone", 100), email: field(request.body, "email", 400) }, request.actor),
      ),
  );

  roomForm(
    "/:slug/admin/audiencias/:hearing/llamar",
    { form: "call", fields: [], done: (request, number) => (number === null ? request.t("hearings:flash.noneWaiting") : request.t("hearings:flash.called", { number })) },
    (request, s) => db.transaction().execute((trx) => callNextTurn(trx, ref(s), field(request.body, "anterior", 20) === "ausente" ? "ausente" : "atendido", request.actor)),
  );

  roomForm(
    "/:slug/admin/audiencias/:hearing/concluir",
    { manage: true, form: "close", fields: CLOSE_FIELDS, done: (request) => request.t("hearings:flash.closed") },
    (request, s) => db.transaction().execute((trx) => closeHearing(trx, ref(s), { summary: field(request.body, "summary"), commitments: field(request.body, "commitments") }, request.actor)),
  );

  // One turn: its page and the petitions recorded from it.
  async function staffTurnContext(request: FastifyRequest, reply: FastifyReply) {
    const s = await staffHearing(request, reply, services);
    if (!s) return null;
    const turn = await staffTurn(db, s.municipality.id, s.hearing.id, turnNumber(request));
    if (!turn) throw notFound(request);
    return { ...s, turn };
  }

  async function turnPage(request: FastifyRequest, reply: FastifyReply, s: HearingContext & { turn: NonNullable<Awaited<ReturnType<typeof staffTurn>>> }, failed?: FailedForm, status = 200) {
    const { municipality } = s;
    const code = failed?.form === "request" ? (failed.values.service_code ?? "") : field(query(request), "servicio", 60);
    const [serviceList, service, colonias, processes] = await Promise.all([
      serviceChoices(db, municipality.id),
      code ? findServiceByCode(db, municipality.id, code) : Promise.resolve(null),
      coloniaChoices(db, municipality.id),
      openProcessChoices(db, municipality),
    ]);
    const requestValues = readValues(failed?.form === "request" ? request.body : {}, service);
    reply.header("cache-control", "no-store");
    return reply.page(
      StaffTurnPage({
        ctx: request.pageContext({ municipality }),
        hearing: s.hearing,
        timeZone: municipality.timeZone,
        turn: s.turn,
        services: serviceList,
        service: service?.active ? service : null,
        requestValues: { ...requestValues, service: code, colonia: field(request.body, "colonia", 20) },
        colonias,
        processes,
        failed,
      }),
      status,
    );
  }

  const turnRoute = hearingParams("number");

  app.get("/:slug/admin/audiencias/:hearing/turnos/:number", { schema: { params: turnRoute, hide: true } }, async (request, reply) => {
    const s = await staffTurnContext(request, reply);
    if (!s) return reply;
    return turnPage(request, reply, s);
  });

  app.post("/:slug/admin/audiencias/:hearing/turnos/:number/marcar", { schema: { params: turnRoute, hide: true } }, async (request, reply) => {
    const s = (await staffTurnContext(request, reply))!;
    const to = field(request.body, "estado", 20);
    return submitHearingForm(
      request,
      reply,
      { name: "mark", values: {}, done: () => request.t("hearings:flash.marked", { number: s.turn.number }), redirect: () => adminHearingTurnPath(s.municipality.slug, s.hearing.slug, s.turn.number) },
      () => db.transaction().execute((trx) => markTurn(trx, ref(s), s.turn.number, to === "atendido" || to === "ausente" ? to : "en_espera", request.actor)),
      (failed, status) => turnPage(request, reply, s, failed, status),
    );
  });

  app.post("/:slug/admin/audiencias/:hearing/turnos/:number/solicitud", { schema: { params: turnRoute, hide: true } }, async (request, reply) => {
    const s = (await staffTurnContext(request, reply))!;
    const body = request.body;
    return submitHearingForm(
      request,
      reply,
      { name: "request", values: values(body, REQUEST_PETITION_FIELDS), done: (p) => request.t("hearings:flash.petition", { folio: p.folio }), redirect: () => adminHearingPath(s.municipality.slug, s.hearing.slug) },
      async () => {
        const code = field(body, "service_code", 60).trim();
        const typed = readValues(body, await findServiceByCode(db, s.municipality.id, code));
        return recordRequestPetition(
          services,
          s.municipality,
          { ...ref(s), title: s.hearing.title },
          s.turn.number,
          {
            serviceCode: code,
            description: typed.description,
            address: typed.address,
            coloniaId: chosen(body, "colonia"),
            location: readLocation(typed),
            attributes: attributeAnswers(typed),
            shareContact: checked(body, "shareContact"),
          },
          request.actor,
        );
      },
      (failed, status) => turnPage(request, reply, s, failed, status),
    );
  });

  app.post("/:slug/admin/audiencias/:hearing/turnos/:number/propuesta", { schema: { params: turnRoute, hide: true } }, async (request, reply) => {
    const s = (await staffTurnContext(request, reply))!;
    const body = request.body;
    return submitHearingForm(
      request,
      reply,
      { name: "proposal", values: values(body, PROPOSAL_PETITION_FIELDS), done: (p) => request.t("hearings:flash.petition", { folio: p.folio }), redirect: () => adminHearingPath(s.municipality.slug, s.hearing.slug) },
      async () =>
        recordProposalPetition(
          services,
          s.municipality,
          { ...ref(s), title: s.hearing.title, startsAt: s.hearing.startsAt },
          s.turn.number,
          {
            processId: chosen(body, "processId"),
            categoryId: chosen(body, "categoryId"),
            kind: field(body, "kind", 20),
            title: field(body, "title", 400),
            body: field(body, "body", 8000),
            coloniaId: chosen(body, "colonia"),
          },
          request.actor,
        ),
      (failed, status) => turnPage(request, reply, s, failed, status),
    );
  });
}
