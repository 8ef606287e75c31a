/**
 * Staff pages of milestones: the milestone plan of a commitment (plan managers), one milestone's
 * status and evidence (staff of the commitment's lead department and administrators), and a
 * department's open milestones, overdue first.
 */
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { slugParams } from "../../platform/http/tenant.js";
import { MAX_DOCUMENT_BYTES } from "../../platform/documents.js";
import { can } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { listDepartments } from "../territory/queries.js";
import { addEvidenceFile } from "./evidence.js";
import { addEvidenceLink, MAX_MILESTONES, saveMilestonePlan, setMilestoneStatus, type MilestonePlanRow } from "./milestones-service.js";
import { PLANS } from "./policy.js";
import { loadMilestones, planClock } from "./queries.js";
import { assertManage, assertUpdateMilestone, checked, field, ids, notFound, optionalId, params, staffMunicipality, staffPlan, submitForm, uploadedFile } from "./staff-http.js";
import { departmentMilestones, findCommitmentDetail, listEvidence, listMilestoneEvents, MILESTONE_LIST_PER_PAGE, MY_MILESTONES_PER_PAGE } from "./staff-queries.js";
import type { MilestoneStatus } from "./tables.js";
import { commitmentAdminPath, milestoneAdminPath, type FailedForm } from "./views/staff-parts.js";
import { MilestonePlanPage, milestonePlanValues, MyMilestonesPage, StaffMilestonePage, type CommitmentRef } from "./views/staff-milestones.js";

const ROW_FIELDS = ["id", "deliverable", "description", "dueOn", "weight", "responsible", "status"] as const;

/**
 * Multipart limits of the evidence upload: one byte over what is accepted, without throwing, so
 * an oversized file reaches the service and gets its Spanish 422 instead of a generic 413.
 */
const UPLOAD_CONFIG: FastifyContextConfig = {
  multipartOptions: { limits: { fileSize: MAX_DOCUMENT_BYTES + 1, files: 1 }, throwFileSizeLimit: false } as FastifyContextConfig["multipartOptions"],
};

/**
 * The milestone plan form: rows kept (in order, as the service numbers them), rows marked for
 * removal, the blank new row ignored. Values come back in that order for the page on a mistake.
 */
export function readMilestonePlan(body: unknown): { rows: MilestonePlanRow[]; values: Record<string, string> } {
  const kept: Record<string, string>[] = [];
  const removed: Record<string, string>[] = [];
  for (let i = 0; i < MAX_MILESTONES + 2; i++) {
    const row = Object.fromEntries(ROW_FIELDS.map((n) => [n, field(body, `${n}-${i}`, 5000)])) as Record<(typeof ROW_FIELDS)[number], string>;
    const id = optionalId(row.id);
    if (id !== null && checked(body, `remove-${i}`)) removed.push({ ...row, remove: "1" });
    else if (id !== null || ["deliverable", "description", "dueOn", "weight", "responsible"].some((n) => row[n as keyof typeof row].trim() !== "")) kept.push(row);
  }
  const values = Object.fromEntries([...kept, ...removed].flatMap((row, i) => Object.entries(row).map(([k, v]) => [`${k}-${i}`, v])));
  const rows = kept.map((r) => ({
    id: optionalId(r.id) ?? undefined,
    deliverable: r.deliverable,
    description: r.description,
    dueOn: r.dueOn,
    weight: /^\s*\d{1,4}\s*$/.test(r.weight) ? Number(r.weight) : Number.NaN,
    responsible: r.responsible,
  }));
  return { rows, values };
}

export function registerMilestoneStaffRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.get("/:slug/admin/planes/mis-hitos", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const municipality = await staffMunicipality(request, reply, services);
    if (!municipality) return reply;
    const t = request.t;
    const actor = request.actor;
    // Department staff see their department's milestones; everyone else may pick a department.
    const own = actor.kind === "user" ? actor.memberships.filter((m) => m.municipalityId === municipality.id && m.role === "department_staff" && m.departmentId !== null).map((m) => m.departmentId!) : [];
    const departments = await listDepartments(db, municipality.id);
    const chosen = optionalId(String((request.query as Record<string, unknown>).dependencia ?? ""));
    const scope = own.length ? own : chosen !== null ? [chosen] : null;
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const clock = await planClock(db, municipality);
    const { rows, total } = await departmentMilestones(db, municipality.id, scope, clock, page);
    const names = scope === null ? null : departments.filter((d) => scope.includes(d.id)).map((d) => d.name).join(", ");
    return reply.page(
      MyMilestonesPage({
        ctx: request.pageContext({ municipality }),
        rows,
        info: { page, perPage: MY_MILESTONES_PER_PAGE, total },
        departments: own.length ? null : departments.map((d) => ({ id: d.id, name: d.name })),
        department: chosen === null ? "" : String(chosen),
        scopeNote: names === null ? t("plans:myMilestones.leadAll") : t("plans:myMilestones.lead", { departments: names || "—" }),
      }),
    );
  });

  async function commitmentOf(request: FastifyRequest, reply: FastifyReply) {
    const s = await staffPlan(request, reply, services);
    if (!s) return null;
    const detail = await findCommitmentDetail(db, s.municipality.id, s.plan.id, ids(request).number);
    if (!detail) throw notFound(request);
    const commitment: CommitmentRef = { number: detail.number, title: detail.title, startsOn: detail.startsOn, endsOn: detail.endsOn, withdrawn: detail.withdrawnAt !== null };
    return { ...s, detail, commitment };
  }

  async function planForm(request: FastifyRequest, reply: FastifyReply, c: NonNullable<Awaited<ReturnType<typeof commitmentOf>>>, failed?: FailedForm, status = 200) {
    let values = failed?.values;
    if (!values) {
      const milestones = (await loadMilestones(db, c.municipality.id, [c.detail.id], await planClock(db, c.municipality))).get(c.detail.id) ?? [];
      values = milestonePlanValues(milestones);
    }
    return reply.page(MilestonePlanPage({ ctx: request.pageContext({ municipality: c.municipality }), plan: c.plan, commitment: c.commitment, values, errors: failed?.errors }), status);
  }

  const planParams = { schema: { params: params("number"), hide: true } };

  app.get("/:slug/admin/planes/:plan/compromisos/:number/hitos", planParams, async (request, reply) => {
    const c = await commitmentOf(request, reply);
    if (!c) return reply;
    assertManage(request, c.municipality.id);
    return planForm(request, reply, c);
  });

  app.post("/:slug/admin/planes/:plan/compromisos/:number/hitos", planParams, async (request, reply) => {
    const c = await commitmentOf(request, reply);
    if (!c) return reply;
    assertManage(request, c.municipality.id);
    const form = readMilestonePlan(request.body);
    return submitForm(
      request,
      reply,
      { name: "plan", values: form.values, done: request.t("plans:flash.milestonesSaved"), redirect: `${commitmentAdminPath(c.municipality.slug, c.plan.slug, c.detail.number)}#hitos` },
      () => db.transaction().execute((trx) => saveMilestonePlan(trx, c.municipality.id, request.actor, c.detail.id, form.rows)),
      (failed, status) => planForm(request, reply, c, failed, status),
    );
  });

  async function milestoneContext(request: FastifyRequest, reply: FastifyReply) {
    const c = await commitmentOf(request, reply);
    if (!c) return null;
    const milestoneId = ids(request).milestoneId;
    const subject = { municipalityId: c.municipality.id, leadDepartmentId: c.detail.leadDepartmentId };
    const load = async () => (await loadMilestones(db, c.municipality.id, [c.detail.id], await planClock(db, c.municipality))).get(c.detail.id)?.find((x) => x.id === milestoneId);
    if (!(await load())) throw notFound(request);
    const here = milestoneAdminPath(c.municipality.slug, c.plan.slug, c.detail.number, milestoneId);
    const render = async (failed?: FailedForm, status = 200) => {
      const q = request.query as Record<string, unknown>;
      const evidencePage = parsePage(q.evidencias);
      const historyPage = parsePage(q.historial);
      const [milestone, evidence, events] = await Promise.all([
        load(), listEvidence(db, c.municipality.id, milestoneId, evidencePage), listMilestoneEvents(db, c.municipality.id, milestoneId, historyPage),
      ]);
      return reply.page(
        StaffMilestonePage({
          ctx: request.pageContext({ municipality: c.municipality }), plan: c.plan, commitment: c.commitment, milestone: milestone!,
          evidence: evidence.rows, evidenceInfo: { page: evidencePage, perPage: MILESTONE_LIST_PER_PAGE, total: evidence.total },
          events: events.rows, eventsInfo: { page: historyPage, perPage: MILESTONE_LIST_PER_PAGE, total: events.total },
          canUpdate: can(request.actor, PLANS.updateMilestone, subject), timeZone: c.municipality.timeZone, failed,
        }),
        status,
      );
    };
    return { ...c, milestoneId, subject, here, render };
  }

  const milestoneParams = { schema: { params: params("number", "milestoneId"), hide: true } };

  app.get("/:slug/admin/planes/:plan/compromisos/:number/hitos/:milestoneId", milestoneParams, async (request, reply) => {
    const x = await milestoneContext(request, reply);
    if (!x) return reply;
    return x.render();
  });

  app.post("/:slug/admin/planes/:plan/compromisos/:number/hitos/:milestoneId/estado", milestoneParams, async (request, reply) => {
    const x = await milestoneContext(request, reply);
    if (!x) return reply;
    assertUpdateMilestone(request, x.subject);
    const body = request.body;
    const input = { status: field(body, "status", 40), completedOn: field(body, "completedOn", 20), note: field(body, "note", 4000) };
    return submitForm(
      request,
      reply,
      { name: "status", values: input, done: request.t("plans:flash.statusSaved"), redirect: x.here },
      () => db.transaction().execute((trx) => setMilestoneStatus(trx, x.municipality.id, request.actor, x.milestoneId, input.status as MilestoneStatus, input.note, input.completedOn)),
      x.render,
    );
  });

  app.post("/:slug/admin/planes/:plan/compromisos/:number/hitos/:milestoneId/evidencias/enlace", milestoneParams, async (request, reply) => {
    const x = await milestoneContext(request, reply);
    if (!x) return reply;
    assertUpdateMilestone(request, x.subject);
    const input = { title: field(request.body, "title", 400), url: field(request.body, "url", 2000) };
    return submitForm(
      request,
      reply,
      { name: "link", values: input, done: request.t("plans:flash.evidenceAdded"), redirect: `${x.here}#evidencias` },
      () => db.transaction().execute((trx) => addEvidenceLink(trx, x.municipality.id, request.actor, x.milestoneId, input)),
      x.render,
    );
  });

  app.post(
    "/:slug/admin/planes/:plan/compromisos/:number/hitos/:milestoneId/evidencias/archivo",
    { ...milestoneParams, config: UPLOAD_CONFIG },
    async (request, reply) => {
      const x = await milestoneContext(request, reply);
      if (!x) return reply;
      assertUpdateMilestone(request, x.subject);
      const title = field(request.body, "title", 400);
      const upload = uploadedFile(request, "file");
      return submitForm(
        request,
        reply,
        { name: "file", values: { title }, done: request.t("plans:flash.evidenceAdded"), redirect: `${x.here}#evidencias` },
        () => addEvidenceFile(services, x.municipality.id, request.actor, x.milestoneId, { title, fileName: upload.fileName, data: upload.data }),
        x.render,
      );
    },
  );
}
