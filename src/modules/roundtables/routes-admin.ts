/**
 * Staff pages of roundtables (administrators and the participation team): create and edit
 * roundtables, members, sessions (attendance, minutes, files) and agreements (status, proposal).
 * Every form posts, redirects with a flash, or re-renders with its Spanish messages.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { managedProcessOr404, todayIn, type ProcessView } from "../participation/processes.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { agreementEvents, findAgreement, listAgreements } from "./agreements-queries.js";
import { changeAgreementStatus, createAgreement, updateAgreement } from "./agreements-service.js";
import { agreementClock, checked, field, fields, ids, notFound, params, submitForm, values } from "./http.js";
import { findRoundtable, findSession, listRoundtables, sessionChoices, staffMembers, type RoundtableDetail } from "./queries.js";
import { addMember, createRoundtable, updateMember, updateRoundtable } from "./roundtables-service.js";
import { proposalPath } from "./routes-public.js";
import { addSessionFile, createSession, removeSessionFile, saveMinutes, setAttendance, updateSession } from "./sessions-service.js";
import { agreementToProposal } from "./to-proposal.js";
import { RoundtableInputError } from "./inputs.js";
import { adminBase } from "./urls.js";
import { AdminMemberPage, AdminRoundtablePage, AdminRoundtablesPage } from "./views/admin.js";
import { AdminAgreementPage, AdminSessionPage } from "./views/admin-session.js";
import type { FailedForm } from "./views/parts.js";

const PER_PAGE = 20;
const ROUNDTABLE_FIELDS = ["name", "topic", "description"];
const MEMBER_FIELDS = ["organisation", "sector", "representativeRole", "representativeName", "namePublic", "coordinator", "active"];
const SESSION_FIELDS = ["title", "date", "startTime", "endTime", "place", "onlineUrl", "agenda", "cancelled"];
const AGREEMENT_FIELDS = ["text", "responsibleMemberId", "dueOn", "sessionId"];

type Managed = { municipality: ActiveMunicipality; process: ProcessView };

export function registerAdminRoutes(app: FastifyInstance, services: Services): void {
  const { db, storage } = services;
  const base = (m: Managed) => adminBase(m.municipality.slug, m.process.slug);

  async function roundtableOr404(request: FastifyRequest, managed: Managed): Promise<RoundtableDetail> {
    const roundtable = await findRoundtable(db, managed.municipality.id, managed.process.id, ids(request).roundtableId);
    if (!roundtable) throw notFound(request);
    return roundtable;
  }

  // ——— Roundtables ———

  async function listPage(request: FastifyRequest, reply: FastifyReply, managed: Managed, failed?: FailedForm, status = 200) {
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const { rows, total } = await listRoundtables(db, managed.municipality.id, managed.process.id, { page, perPage: PER_PAGE });
    return reply.page(AdminRoundtablesPage({ ctx: request.pageContext({ municipality: managed.municipality }), process: managed.process, roundtables: rows, info: { page, perPage: PER_PAGE, total }, failed }), status);
  }

  app.get("/:slug/admin/participa/:process/mesas", { schema: { params: params(), hide: true } }, async (request, reply) => {
    const managed = await managedProcessOr404(request, reply, services);
    if (!managed) return reply;
    return listPage(request, reply, managed);
  });

  app.post("/:slug/admin/participa/:process/mesas", { schema: { params: params(), hide: true } }, async (request, reply) => {
    const managed = await managedProcessOr404(request, reply, services);
    if (!managed) return reply;
    const input = values(request.body, ROUNDTABLE_FIELDS);
    let id = 0;
    return submitForm(
      request,
      reply,
      { name: "create", values: input, done: request.t("roundtables:created"), redirect: () => `${base(managed)}/${id}` },
      async () => {
        id = (await db.transaction().execute((trx) => createRoundtable(trx, managed.process, { name: input.name!, topic: input.topic!, description: input.description! }, request.actor))).id;
      },
      (failed, status) => listPage(request, reply, managed, failed, status),
    );
  });

  async function roundtablePage(request: FastifyRequest, reply: FastifyReply, managed: Managed, roundtable: RoundtableDetail, failed?: FailedForm, status = 200) {
    const q = request.query as Record<string, unknown>;
    const sessionsPage = parsePage(q.sesiones);
    const agreementsPage = parsePage(q.acuerdos);
    const [members, allSessions, agreements] = await Promise.all([
      staffMembers(db, roundtable.ref),
      // Staff see every session, newest first.
      sessionChoices(db, roundtable.ref),
      listAgreements(db, managed.municipality.id, managed.process.id, { roundtableId: roundtable.ref.id }, await agreementClock(db, managed.municipality), { page: agreementsPage, perPage: PER_PAGE }),
    ]);
    const sessionRows = allSessions.slice((sessionsPage - 1) * PER_PAGE, sessionsPage * PER_PAGE);
    return reply.page(
      AdminRoundtablePage({
        ctx: request.pageContext({ municipality: managed.municipality }),
        process: managed.process,
        timeZone: managed.municipality.timeZone,
        roundtable,
        members,
        sessions: sessionRows,
        sessionsInfo: { page: sessionsPage, perPage: PER_PAGE, total: allSessions.length },
        allSessions,
        agreements: agreements.rows,
        agreementsInfo: { page: agreementsPage, perPage: PER_PAGE, total: agreements.total },
        failed,
      }),
      status,
    );
  }

  app.get("/:slug/admin/participa/:process/mesas/:roundtableId", { schema: { params: params("roundtableId"), hide: true } }, async (request, reply) => {
    const managed = await managedProcessOr404(request, reply, services);
    if (!managed) return reply;
    return roundtablePage(request, reply, managed, await roundtableOr404(request, managed));
  });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId", { schema: { params: params("roundtableId"), hide: true } }, async (request, reply) => {
    const managed = await managedProcessOr404(request, reply, services);
    if (!managed) return reply;
    const roundtable = await roundtableOr404(request, managed);
    const input = values(request.body, ROUNDTABLE_FIELDS);
    return submitForm(
      request,
      reply,
      { name: "edit", values: input, done: request.t("roundtables:saved"), redirect: `${base(managed)}/${roundtable.ref.id}` },
      () => db.transaction().execute((trx) => updateRoundtable(trx, roundtable.ref, { name: input.name!, topic: input.topic!, description: input.description! }, request.actor)),
      (failed, status) => roundtablePage(request, reply, managed, roundtable, failed, status),
    );
  });

  // ——— Members ———

  const memberInput = (body: unknown) => ({
    organisation: field(body, "organisation"),
    sector: field(body, "sector"),
    representativeRole: field(body, "representativeRole"),
    representativeName: field(body, "representativeName"),
    namePublic: checked(body, "namePublic"),
    coordinator: checked(body, "coordinator"),
  });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId/miembros", { schema: { params: params("roundtableId"), hide: true } }, async (request, reply) => {
    const managed = await managedProcessOr404(request, reply, services);
    if (!managed) return reply;
    const roundtable = await roundtableOr404(request, managed);
    return submitForm(
      request,
      reply,
      { name: "member", values: values(request.body, MEMBER_FIELDS), done: request.t("roundtables:memberAdded"), redirect: `${base(managed)}/${roundtable.ref.id}#integrantes` },
      () => db.transaction().execute((trx) => addMember(trx, roundtable.ref, memberInput(request.body), request.actor)),
      (failed, status) => roundtablePage(request, reply, managed, roundtable, failed, status),
    );
  });

  async function memberPage(request: FastifyRequest, reply: FastifyReply, managed: Managed, roundtable: RoundtableDetail, failed?: FailedForm, status = 200) {
    const member = (await staffMembers(db, roundtable.ref)).find((x) => x.id === ids(request).memberId);
    if (!member) throw notFound(request);
    return reply.page(AdminMemberPage({ ctx: request.pageContext({ municipality: managed.municipality }), process: managed.process, roundtable, member, failed }), status);
  }

  app.get("/:slug/admin/participa/:process/mesas/:roundtableId/miembros/:memberId", { schema: { params: params("roundtableId", "memberId"), hide: true } }, async (request, reply) => {
    const managed = await managedProcessOr404(request, reply, services);
    if (!managed) return reply;
    return memberPage(request, reply, managed, await roundtableOr404(request, managed));
  });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId/miembros/:memberId", { schema: { params: params("roundtableId", "memberId"), hide: true } }, async (request, reply) => {
    const managed = await managedProcessOr404(request, reply, services);
    if (!managed) return reply;
    const roundtable = await roundtableOr404(request, managed);
    return submitForm(
      request,
      reply,
      { name: "member", values: values(request.body, MEMBER_FIELDS), done: request.t("roundtables:saved"), redirect: `${base(managed)}/${roundtable.ref.id}#integrantes` },
      () => db.transaction().execute((trx) => updateMember(trx, roundtable.ref, ids(request).memberId, { ...memberInput(request.body), active: checked(request.body, "active") }, request.actor)),
      (failed, status) => memberPage(request, reply, managed, roundtable, failed, status),
    );
  });

  // ——— Sessions ———

  const sessionInput = (body: unknown) => ({
    title: field(body, "title"),
    date: field(body, "date", 20),
    startTime: field(body, "startTime", 10),
    endTime: field(body, "endTime", 10),
    place: field(body, "place"),
    onlineUrl: field(body, "onlineUrl", 1100),
    agenda: field(body, "agenda", 40000),
    cancelled: checked(body, "cancelled"),
  });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId/sesiones", { schema: { params: params("roundtableId"), hide: true } }, async (request, reply) => {
    const managed = await managedProcessOr404(request, reply, services);
    if (!managed) return reply;
    const roundtable = await roundtableOr404(request, managed);
    let id = 0;
    return submitForm(
      request,
      reply,
      { name: "session", values: values(request.body, SESSION_FIELDS), done: request.t("roundtables:sessionScheduled"), redirect: () => `${base(managed)}/${roundtable.ref.id}/sesiones/${id}` },
      async () => {
        id = (await db.transaction().execute((trx) => createSession(trx, roundtable.ref, managed.municipality.timeZone, { ...sessionInput(request.body), cancelled: false }, request.actor))).id;
      },
      (failed, status) => roundtablePage(request, reply, managed, roundtable, failed, status),
    );
  });

  async function sessionContext(request: FastifyRequest, reply: FastifyReply) {
    const managed = await managedProcessOr404(request, reply, services);
    if (!managed) return null;
    const roundtable = await roundtableOr404(request, managed);
    const session = await findSession(db, roundtable.ref, ids(request).sessionId, "staff");
    if (!session) throw notFound(request);
    const ref = { municipalityId: managed.municipality.id, roundtableId: roundtable.ref.id, id: session.id };
    const here = `${base(managed)}/${roundtable.ref.id}/sesiones/${session.id}`;
    const render = async (failed?: FailedForm, status = 200) => {
      const fresh = (await findSession(db, roundtable.ref, session.id, "staff"))!;
      return reply.page(AdminSessionPage({ ctx: request.pageContext({ municipality: managed.municipality }), process: managed.process, timeZone: managed.municipality.timeZone, roundtable, session: fresh, members: await staffMembers(db, roundtable.ref), failed }), status);
    };
    return { managed, roundtable, session, ref, here, render };
  }

  const sessionParams = { schema: { params: params("roundtableId", "sessionId"), hide: true } };

  app.get("/:slug/admin/participa/:process/mesas/:roundtableId/sesiones/:sessionId", sessionParams, async (request, reply) => {
    const s = await sessionContext(request, reply);
    if (!s) return reply;
    return s.render();
  });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId/sesiones/:sessionId", sessionParams, async (request, reply) => {
    const s = await sessionContext(request, reply);
    if (!s) return reply;
    return submitForm(
      request,
      reply,
      { name: "edit", values: values(request.body, SESSION_FIELDS), done: request.t("roundtables:saved"), redirect: s.here },
      () => db.transaction().execute((trx) => updateSession(trx, s.ref, s.managed.municipality.timeZone, sessionInput(request.body), request.actor)),
      s.render,
    );
  });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId/sesiones/:sessionId/asistencia", sessionParams, async (request, reply) => {
    const s = await sessionContext(request, reply);
    if (!s) return reply;
    const present = fields(request.body, "present");
    return submitForm(
      request,
      reply,
      { name: "attendance", values: {}, done: request.t("roundtables:attendanceSaved"), redirect: `${s.here}#asistencia` },
      async () => {
        if (present.some((v) => !/^\d{1,9}$/.test(v))) throw RoundtableInputError.single("attendance", "Alguna organización marcada no es integrante de esta mesa.");
        await db.transaction().execute((trx) => setAttendance(trx, s.ref, present.map(Number), request.actor));
      },
      s.render,
    );
  });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId/sesiones/:sessionId/acta", sessionParams, async (request, reply) => {
    const s = await sessionContext(request, reply);
    if (!s) return reply;
    const publish = checked(request.body, "publish");
    return submitForm(
      request,
      reply,
      { name: "minutes", values: values(request.body, ["minutes", "publish"]), done: request.t(publish ? "roundtables:minutesPublishedFlash" : "roundtables:minutesSaved"), redirect: `${s.here}#acta` },
      () => db.transaction().execute((trx) => saveMinutes(trx, s.ref, field(request.body, "minutes"), publish, request.actor)),
      s.render,
    );
  });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId/sesiones/:sessionId/archivos", sessionParams, async (request, reply) => {
    const s = await sessionContext(request, reply);
    if (!s) return reply;
    const raw = (request.body as Record<string, unknown> | undefined)?.file;
    const data = Buffer.isBuffer(raw) ? raw : null;
    return submitForm(
      request,
      reply,
      { name: "file", values: values(request.body, ["title"]), done: request.t("roundtables:fileAdded"), redirect: `${s.here}#archivos` },
      () => db.transaction().execute((trx) => addSessionFile(trx, storage, s.ref, { title: field(request.body, "title", 400), data }, request.actor)),
      s.render,
    );
  });

  app.post(
    "/:slug/admin/participa/:process/mesas/:roundtableId/sesiones/:sessionId/archivos/:fileId/eliminar",
    { schema: { params: params("roundtableId", "sessionId", "fileId"), hide: true } },
    async (request, reply) => {
      const s = await sessionContext(request, reply);
      if (!s) return reply;
      let keys: string[] = [];
      return submitForm(
        request,
        reply,
        { name: "file", values: {}, done: request.t("roundtables:fileRemoved"), redirect: `${s.here}#archivos` },
        async () => {
          keys = await db.transaction().execute((trx) => removeSessionFile(trx, s.ref, ids(request).fileId, request.actor));
          // After the commit: a rolled-back removal never loses the file.
          for (const key of keys) await storage.delete(key);
        },
        s.render,
      );
    },
  );

  // ——— Agreements ———

  const agreementInput = (body: unknown) => ({ text: field(body, "text", 4000), responsibleMemberId: field(body, "responsibleMemberId", 20), dueOn: field(body, "dueOn", 20), sessionId: field(body, "sessionId", 20) });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId/acuerdos", { schema: { params: params("roundtableId"), hide: true } }, async (request, reply) => {
    const managed = await managedProcessOr404(request, reply, services);
    if (!managed) return reply;
    const roundtable = await roundtableOr404(request, managed);
    let number = 0;
    return submitForm(
      request,
      reply,
      { name: "agreement", values: values(request.body, AGREEMENT_FIELDS), done: "", redirect: `${base(managed)}/${roundtable.ref.id}#acuerdos` },
      async () => {
        number = (await db.transaction().execute((trx) => createAgreement(trx, roundtable.ref, agreementInput(request.body), request.actor))).number;
        reply.flash("success", request.t("roundtables:agreementAdded", { number }));
      },
      (failed, status) => roundtablePage(request, reply, managed, roundtable, failed, status),
    );
  });

  async function agreementContext(request: FastifyRequest, reply: FastifyReply) {
    const managed = await managedProcessOr404(request, reply, services);
    if (!managed) return null;
    const roundtable = await roundtableOr404(request, managed);
    const clock = await agreementClock(db, managed.municipality);
    const agreement = await findAgreement(db, managed.municipality.id, roundtable.ref.id, ids(request).agreementId, clock);
    if (!agreement) throw notFound(request);
    const ref = { municipalityId: managed.municipality.id, roundtableId: roundtable.ref.id, id: agreement.id, number: agreement.number };
    const here = `${base(managed)}/${roundtable.ref.id}/acuerdos/${agreement.id}`;
    const render = async (failed?: FailedForm, status = 200) => {
      const fresh = (await findAgreement(db, managed.municipality.id, roundtable.ref.id, agreement.id, clock))!;
      return reply.page(
        AdminAgreementPage({
          ctx: request.pageContext({ municipality: managed.municipality }),
          process: managed.process,
          timeZone: managed.municipality.timeZone,
          roundtable,
          agreement: fresh,
          events: await agreementEvents(db, managed.municipality.id, agreement.id),
          members: await staffMembers(db, roundtable.ref),
          sessions: await sessionChoices(db, roundtable.ref),
          canBecomeProposal: fresh.proposalNumber === null,
          proposalUrl: fresh.proposalNumber !== null ? proposalPath(managed.municipality.slug, managed.process.slug, fresh.proposalNumber) : null,
          failed,
        }),
        status,
      );
    };
    return { managed, roundtable, agreement, ref, here, render };
  }

  const agreementParams = { schema: { params: params("roundtableId", "agreementId"), hide: true } };

  app.get("/:slug/admin/participa/:process/mesas/:roundtableId/acuerdos/:agreementId", agreementParams, async (request, reply) => {
    const a = await agreementContext(request, reply);
    if (!a) return reply;
    return a.render();
  });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId/acuerdos/:agreementId", agreementParams, async (request, reply) => {
    const a = await agreementContext(request, reply);
    if (!a) return reply;
    return submitForm(
      request,
      reply,
      { name: "edit", values: values(request.body, AGREEMENT_FIELDS), done: request.t("roundtables:saved"), redirect: a.here },
      () => db.transaction().execute((trx) => updateAgreement(trx, a.roundtable.ref, a.ref, agreementInput(request.body), request.actor)),
      a.render,
    );
  });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId/acuerdos/:agreementId/estado", agreementParams, async (request, reply) => {
    const a = await agreementContext(request, reply);
    if (!a) return reply;
    return submitForm(
      request,
      reply,
      { name: "status", values: values(request.body, ["status", "reason"]), done: request.t("roundtables:statusSaved"), redirect: a.here },
      () => db.transaction().execute((trx) => changeAgreementStatus(trx, a.ref, { status: field(request.body, "status", 20), reason: field(request.body, "reason", 4000) }, request.actor)),
      a.render,
    );
  });

  app.post("/:slug/admin/participa/:process/mesas/:roundtableId/acuerdos/:agreementId/propuesta", agreementParams, async (request, reply) => {
    const a = await agreementContext(request, reply);
    if (!a) return reply;
    let folio = "";
    return submitForm(
      request,
      reply,
      { name: "proposal", values: values(request.body, ["proposalTitle"]), done: "", redirect: a.here },
      async () => {
        const today = todayIn(a.managed.municipality.timeZone);
        folio = (await db.transaction().execute((trx) => agreementToProposal(trx, a.managed.process, today, { ...a.ref, roundtableName: a.roundtable.name }, { title: field(request.body, "proposalTitle", 400) }, request.actor))).folio;
        reply.flash("success", request.t("roundtables:becameProposalFlash", { folio }));
      },
      a.render,
    );
  });
}
