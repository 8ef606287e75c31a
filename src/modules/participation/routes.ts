/**
 * Participation pages. Public: the list of processes, a process's page, its documents and the
 * identification flow (e-mail link, account, CURP). Staff: processes, their phases, team,
 * documents and participation rules.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { Services } from "../../platform/services.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { anonymousSubmissionLimit, authorizeInMunicipality, municipalityOr404 } from "../../platform/http/tenant.js";
import { parsePage } from "../../platform/views/components.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { ParticipationInputError } from "./errors.js";
import {
  confirmEmailToken,
  currentParticipant,
  ensureAccountParticipant,
  meetsLevel,
  processPath,
  requestEmailConfirmation,
  requiredLevel,
  safeReturnPath,
  setParticipantCookie,
  verifyIdentity,
} from "./participants.js";
import { loadRules, setRules } from "./participation-rules.js";
import { canManageParticipation, PARTICIPATION } from "./policy.js";
import {
  addPhase,
  createProcess,
  currentPhase,
  deletePhase,
  managedProcessOr404,
  publicProcessOr404,
  setProcessStatus,
  todayIn,
  updatePhase,
  updateProcess,
  loadProcess,
  type ProcessView,
} from "./processes.js";
import { processAdminLinks, processSections, reasonedResponses } from "./sections.js";
import { PARTICIPATION_ACTIONS, PROCESS_STATUSES, type ParticipationAction, type ProcessStatus } from "./tables.js";
import { addDocument, addMember, DOCUMENT_CONTENT_TYPES, findDocument, listDocuments, listMembers, listPublicProcesses, removeDocument, removeMember } from "./team.js";
import { ProcessListPage, ProcessPage } from "./views/public.js";
import { ConfirmFailedPage, IdentifyPage } from "./views/identify.js";
import { AdminEditPage, AdminListPage, AdminNewPage, AdminPhasePage, AdminProcessPage, type AdminProcessProps } from "./views/admin.js";

const PER_PAGE = 20;

type Body = Record<string, unknown> | undefined;
const field = (body: unknown, name: string, max = 20000): string => {
  const v = (body as Body)?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" ? s.slice(0, max) : "";
};
const list = (body: unknown, name: string): string[] => {
  const v = (body as Body)?.[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string").slice(0, 20);
};

const idParam = (request: FastifyRequest, name: string): number => {
  const raw = (request.params as Record<string, string>)[name] ?? "";
  if (!/^\d{1,9}$/.test(raw)) throw new HttpProblem(404, request.t("errors.notFound"));
  return Number(raw);
};

export function registerParticipationRoutes(app: FastifyInstance, services: Services): void {
  const { db, storage, config } = services;

  // ——— Public ———

  app.get("/:slug/participa", async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const { total, rows } = await listPublicProcesses(db, m.id, page, PER_PAGE);
    const today = todayIn(m.timeZone);
    const items = [];
    for (const r of rows) {
      const process = (await loadProcess(db, m.id, r.slug))!;
      items.push({ slug: r.slug, title: r.title, summary: r.summary, status: r.status, current: currentPhase(process, today) });
    }
    return reply.page(ProcessListPage({ ctx: request.pageContext({ municipality: m }), items, info: { page, perPage: PER_PAGE, total } }));
  });

  app.get("/:slug/participa/:process", async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const ctx = request.pageContext({ municipality: m });
    const today = todayIn(m.timeZone);
    const sections: VNode[] = [];
    for (const s of processSections()) {
      const node = await s.render(ctx, { services, municipality: m, process, today });
      if (node) sections.push(node);
    }
    return reply.page(
      ProcessPage({
        ctx,
        process,
        today,
        members: await listMembers(db, m.id, process.id),
        documents: await listDocuments(db, m.id, process.id),
        rules: await loadRules(db, m.id, process.id),
        responses: await reasonedResponses(db, m.id, process.id),
        sections,
        canManage: canManageParticipation(request.actor, m.id),
      }),
    );
  });

  app.get("/:slug/participa/:process/documentos/:documentId", async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const doc = await findDocument(db, m.id, process.id, idParam(request, "documentId"));
    const data = doc ? await storage.get(doc.file_key) : null;
    if (!doc || !data) throw new HttpProblem(404, request.t("errors.notFound"));
    return reply
      .header("content-type", DOCUMENT_CONTENT_TYPES[doc.file_type])
      .header("content-disposition", `attachment; filename="${doc.file_name}"`)
      .header("x-content-type-options", "nosniff")
      .send(data);
  });

  // ——— Identification ———

  function identifyQuery(request: FastifyRequest, m: ActiveMunicipality, process: ProcessView): { action: ParticipationAction; volver: string } {
    const q = request.query as Record<string, unknown>;
    const action = typeof q.accion === "string" && (PARTICIPATION_ACTIONS as readonly string[]).includes(q.accion) ? (q.accion as ParticipationAction) : null;
    if (!action) throw new HttpProblem(400, "La acción a realizar no es válida.");
    return { action, volver: safeReturnPath(q.volver) ?? processPath(m.slug, process.slug) };
  }

  async function identifyPage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, extra: { sent?: boolean; values?: Record<string, string>; errors?: Record<string, string> } = {}, status = 200) {
    const { action, volver } = identifyQuery(request, m, process);
    const level = await requiredLevel(db, m.id, process.id, action);
    const participant = await currentParticipant(request, services, m.id);
    return reply.page(IdentifyPage({ ctx: request.pageContext({ municipality: m }), process, action, level, volver, participant, satisfied: meetsLevel(participant, level), ...extra }), status);
  }

  app.get("/:slug/participa/:process/identificate", async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    return identifyPage(request, reply, m, process);
  });

  app.post("/:slug/participa/:process/identificate/correo", { config: anonymousSubmissionLimit(config) }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const { volver } = identifyQuery(request, m, process);
    const email = field(request.body, "email", 300);
    try {
      await requestEmailConfirmation(services, m, { email, processSlug: process.slug, processTitle: process.title, volver });
    } catch (error) {
      if (error instanceof ParticipationInputError) return identifyPage(request, reply, m, process, { values: { email }, errors: error.fieldErrors() }, 422);
      throw error;
    }
    return identifyPage(request, reply, m, process, { sent: true });
  });

  app.post("/:slug/participa/:process/identificate/curp", { config: anonymousSubmissionLimit(config) }, async (request, reply) => {
    const { municipality: m, process } = await publicProcessOr404(request, services);
    const { volver } = identifyQuery(request, m, process);
    const participant = request.actor.kind === "user" ? await ensureAccountParticipant(db, request, m.id) : await currentParticipant(request, services, m.id);
    if (!participant || !(participant.emailConfirmed || participant.kind === "account")) {
      return identifyPage(request, reply, m, process, { errors: { curp: request.t("participation:identify.identityFirst") } }, 422);
    }
    try {
      await db.transaction().execute((trx) => verifyIdentity(trx, m.id, participant.id, field(request.body, "curp", 40), request.actor));
    } catch (error) {
      if (error instanceof ParticipationInputError) return identifyPage(request, reply, m, process, { errors: error.fieldErrors() }, 422);
      throw error;
    }
    reply.flash("success", request.t("participation:identify.verified"));
    return reply.redirect(volver, 303);
  });

  app.get("/:slug/participa/confirmar/:token", async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const { token } = request.params as { token: string };
    const result = await confirmEmailToken(db, m.id, token);
    if (!result.ok) return reply.page(ConfirmFailedPage({ ctx: request.pageContext({ municipality: m }), message: result.message }), 400);
    setParticipantCookie(reply, services, m.slug, result.cookieToken);
    reply.flash("success", request.t("participation:identify.confirmed"));
    return reply.redirect(safeReturnPath((request.query as Record<string, unknown>).volver) ?? `/${m.slug}/participa`, 303);
  });

  // ——— Staff ———

  app.get("/:slug/admin/participa", async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, PARTICIPATION.manage);
    if (!m) return reply;
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const { total, rows } = await listPublicProcesses(db, m.id, page, PER_PAGE, true);
    return reply.page(AdminListPage({ ctx: request.pageContext({ municipality: m }), rows, info: { page, perPage: PER_PAGE, total } }));
  });

  app.get("/:slug/admin/participa/nuevo", async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, PARTICIPATION.manage);
    if (!m) return reply;
    return reply.page(AdminNewPage({ ctx: request.pageContext({ municipality: m }) }));
  });

  const processValues = (body: unknown) => ({ slug: field(body, "slug", 200), title: field(body, "title", 400), summary: field(body, "summary", 2000), description: field(body, "description", 40000) });

  app.post("/:slug/admin/participa/nuevo", async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, PARTICIPATION.manage);
    if (!m) return reply;
    const values = processValues(request.body);
    try {
      const process = await createProcess(db, m.id, request.actor, values);
      reply.flash("success", request.t("participation:admin.created"));
      return reply.redirect(`/${m.slug}/admin/participa/${process.slug}`, 303);
    } catch (error) {
      if (error instanceof ParticipationInputError) return reply.page(AdminNewPage({ ctx: request.pageContext({ municipality: m }), values, errors: error.fieldErrors() }), 422);
      throw error;
    }
  });

  async function processPage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, extra: Pick<AdminProcessProps, "form" | "values" | "errors"> = {}, status = 200) {
    const ctx = request.pageContext({ municipality: m });
    return reply.page(
      AdminProcessPage({
        ctx,
        process,
        members: await listMembers(db, m.id, process.id),
        documents: await listDocuments(db, m.id, process.id),
        rules: await loadRules(db, m.id, process.id),
        links: processAdminLinks().map((l) => ({ href: l.href(m.slug, process.slug), label: l.label(ctx) })),
        ...extra,
      }),
      status,
    );
  }

  /** Run a staff write; a person's mistake re-renders the process page with the form's messages. */
  async function staffWrite(request: FastifyRequest, reply: FastifyReply, form: NonNullable<AdminProcessProps["form"]>, values: Record<string, string | string[]>, run: (m: ActiveMunicipality, process: ProcessView) => Promise<string>) {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    try {
      const message = await run(m, process);
      reply.flash("success", message);
      return reply.redirect(`/${m.slug}/admin/participa/${process.slug}`, 303);
    } catch (error) {
      if (error instanceof ParticipationInputError) return processPage(request, reply, m, (await loadProcess(db, m.id, process.slug)) ?? process, { form, values, errors: error.fieldErrors() }, 422);
      throw error;
    }
  }

  app.get("/:slug/admin/participa/:process", async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    return processPage(request, reply, found.municipality, found.process);
  });

  app.get("/:slug/admin/participa/:process/editar", async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    return reply.page(AdminEditPage({ ctx: request.pageContext({ municipality: found.municipality }), process: found.process }));
  });

  app.post("/:slug/admin/participa/:process/editar", async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const values = processValues(request.body);
    try {
      const updated = await updateProcess(db, m.id, request.actor, process.id, values);
      reply.flash("success", request.t("participation:admin.saved"));
      return reply.redirect(`/${m.slug}/admin/participa/${updated.slug}`, 303);
    } catch (error) {
      if (error instanceof ParticipationInputError) return reply.page(AdminEditPage({ ctx: request.pageContext({ municipality: m }), process, values, errors: error.fieldErrors() }), 422);
      throw error;
    }
  });

  app.post("/:slug/admin/participa/:process/estado", async (request, reply) => {
    const status = field(request.body, "status", 20);
    return staffWrite(request, reply, "status", { status }, async (m, process) => {
      if (!(PROCESS_STATUSES as readonly string[]).includes(status)) throw ParticipationInputError.single("status", "Estado no válido.");
      await setProcessStatus(db, m.id, request.actor, process.id, status as ProcessStatus);
      return request.t("participation:admin.statusChanged", { status: request.t(`participation:status_${status}`) });
    });
  });

  const phaseValues = (body: unknown) => ({ title: field(body, "title", 400), description: field(body, "description", 8000), startsOn: field(body, "startsOn", 20), endsOn: field(body, "endsOn", 20), components: list(body, "components") });

  app.post("/:slug/admin/participa/:process/etapas", async (request, reply) => {
    const values = phaseValues(request.body);
    return staffWrite(request, reply, "phase", values, async (m, process) => {
      await addPhase(db, m.id, request.actor, process.id, values);
      return request.t("participation:admin.phaseAdded");
    });
  });

  app.get("/:slug/admin/participa/:process/etapas/:phaseId", async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const phase = found.process.phases.find((p) => p.id === idParam(request, "phaseId"));
    if (!phase) throw new HttpProblem(404, request.t("errors.notFound"));
    return reply.page(AdminPhasePage({ ctx: request.pageContext({ municipality: found.municipality }), process: found.process, phase }));
  });

  app.post("/:slug/admin/participa/:process/etapas/:phaseId", async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const phase = process.phases.find((p) => p.id === idParam(request, "phaseId"));
    if (!phase) throw new HttpProblem(404, request.t("errors.notFound"));
    const values = phaseValues(request.body);
    try {
      await updatePhase(db, m.id, request.actor, process.id, phase.id, values);
      reply.flash("success", request.t("participation:admin.phaseSaved"));
      return reply.redirect(`/${m.slug}/admin/participa/${process.slug}`, 303);
    } catch (error) {
      if (error instanceof ParticipationInputError) return reply.page(AdminPhasePage({ ctx: request.pageContext({ municipality: m }), process, phase, values, errors: error.fieldErrors() }), 422);
      throw error;
    }
  });

  app.post("/:slug/admin/participa/:process/etapas/:phaseId/eliminar", async (request, reply) =>
    staffWrite(request, reply, "status", {}, async (m, process) => {
      await deletePhase(db, m.id, request.actor, process.id, idParam(request, "phaseId"));
      return request.t("participation:admin.phaseDeleted");
    }),
  );

  app.post("/:slug/admin/participa/:process/equipo", async (request, reply) => {
    const values = { name: field(request.body, "name", 400), organisation: field(request.body, "organisation", 400), sector: field(request.body, "sector", 40), role: field(request.body, "role", 400) };
    return staffWrite(request, reply, "member", values, async (m, process) => {
      await addMember(db, m.id, request.actor, process.id, values);
      return request.t("participation:admin.memberAdded");
    });
  });

  app.post("/:slug/admin/participa/:process/equipo/:memberId/quitar", async (request, reply) =>
    staffWrite(request, reply, "member", {}, async (m, process) => {
      await removeMember(db, m.id, request.actor, process.id, idParam(request, "memberId"));
      return request.t("participation:admin.memberRemoved");
    }),
  );

  app.post("/:slug/admin/participa/:process/documentos", async (request, reply) => {
    const body = request.body as Body;
    const file = Buffer.isBuffer(body?.file) ? (body!.file as Buffer) : null;
    const values = { documentTitle: field(body, "documentTitle", 400) };
    return staffWrite(request, reply, "document", values, async (m, process) => {
      try {
        await addDocument(db, storage, m.id, request.actor, process.id, { title: values.documentTitle, data: file });
      } catch (error) {
        // The form names the title field documentTitle (the page has other title fields).
        if (error instanceof ParticipationInputError) throw new ParticipationInputError(error.errors.map((e) => (e.field === "title" ? { ...e, field: "documentTitle" } : e)));
        throw error;
      }
      return request.t("participation:admin.documentAdded");
    });
  });

  app.post("/:slug/admin/participa/:process/documentos/:documentId/quitar", async (request, reply) =>
    staffWrite(request, reply, "document", {}, async (m, process) => {
      await removeDocument(db, storage, m.id, request.actor, process.id, idParam(request, "documentId"));
      return request.t("participation:admin.documentRemoved");
    }),
  );

  app.post("/:slug/admin/participa/:process/reglas", async (request, reply) => {
    const values: Record<string, string> = {};
    for (const a of PARTICIPATION_ACTIONS) {
      const v = field(request.body, a, 20);
      if (v !== "") values[a] = v;
    }
    return staffWrite(request, reply, "rules", values, async (m, process) => {
      await setRules(db, m.id, request.actor, process.id, values);
      return request.t("participation:admin.rulesSaved");
    });
  });
}
