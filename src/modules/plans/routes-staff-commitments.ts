/** Staff pages of a plan's commitments: new, the commitment (OGP fields, milestones), edit, withdraw. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { createCommitment, MAX_COLEADS, updateCommitment, withdrawCommitment, type CommitmentInput } from "./commitments-service.js";
import { PLANS } from "./policy.js";
import { listCommitmentSummaries, planClock } from "./queries.js";
import { assertManage, checked, chosenId, field, fields, ids, notFound, params, staffPlan, submitForm, type StaffPlan } from "./staff-http.js";
import { commitmentChoices, findCommitmentDetail, type CommitmentDetail } from "./staff-queries.js";
import { StaffCommitmentPage, StaffNewCommitmentPage } from "./views/staff-commitment.js";
import { commitmentAdminPath, type FailedForm } from "./views/staff-parts.js";

const TEXT_FIELDS = ["title", "problem", "statusQuo", "description", "howItSolves", "leadDepartmentId", "leadOfficial", "startsOn", "endsOn", "scope"] as const;
// Rows the form can post beyond the limit, so a form with too many still gets its Spanish message.
const MAX_COLEAD_ROWS = MAX_COLEADS + 5;

/** The commitment form as the service's input and as the values to show again on a mistake. */
export function readCommitmentForm(body: unknown): { input: CommitmentInput; values: Record<string, string> } {
  const text = Object.fromEntries(TEXT_FIELDS.map((n) => [n, field(body, n)])) as Record<(typeof TEXT_FIELDS)[number], string>;
  const colonias = fields(body, "colonias", 20).filter((v) => v.trim() !== "");
  const coleads: CommitmentInput["coleads"] = [];
  const coleadValues: Record<string, string> = {};
  for (let i = 0; i < MAX_COLEAD_ROWS; i++) {
    const organisation = field(body, `colead-${i}`, 400);
    const observatory = field(body, `coleadObservatory-${i}`, 20);
    if (organisation.trim() === "" && observatory.trim() === "") continue;
    // Re-numbered without the empty rows: the service's colead-N messages name these rows.
    coleadValues[`colead-${coleads.length}`] = organisation;
    coleadValues[`coleadObservatory-${coleads.length}`] = observatory;
    coleads.push({ organisation, observatoryId: chosenId(observatory) });
  }
  const whole = text.scope !== "colonias";
  const relevance = { transparency: checked(body, "transparency"), accountability: checked(body, "accountability"), participation: checked(body, "participation") };
  return {
    input: {
      title: text.title, problem: text.problem, statusQuo: text.statusQuo, description: text.description, howItSolves: text.howItSolves, relevance,
      leadDepartmentId: chosenId(text.leadDepartmentId), leadOfficial: text.leadOfficial, startsOn: text.startsOn, endsOn: text.endsOn,
      wholeMunicipality: whole, coloniaIds: whole ? [] : colonias.map((v) => chosenId(v) ?? Number.NaN), coleads,
    },
    values: {
      ...text, colonias: colonias.join(","), ...coleadValues,
      transparency: relevance.transparency ? "1" : "", accountability: relevance.accountability ? "1" : "", participation: relevance.participation ? "1" : "",
    },
  };
}

export function registerCommitmentStaffRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  async function newPage(request: FastifyRequest, reply: FastifyReply, s: StaffPlan, failed?: FailedForm, status = 200) {
    const choices = await commitmentChoices(db, s.municipality.id);
    return reply.page(StaffNewCommitmentPage({ ctx: request.pageContext({ municipality: s.municipality }), plan: s.plan, choices, failed }), status);
  }

  app.get("/:slug/admin/planes/:plan/compromisos/nuevo", { schema: { params: params(), hide: true } }, async (request, reply) => {
    const s = await staffPlan(request, reply, services);
    if (!s) return reply;
    assertManage(request, s.municipality.id);
    return newPage(request, reply, s);
  });

  app.post("/:slug/admin/planes/:plan/compromisos", { schema: { params: params(), hide: true } }, async (request, reply) => {
    const s = await staffPlan(request, reply, services);
    if (!s) return reply;
    assertManage(request, s.municipality.id);
    const form = readCommitmentForm(request.body);
    let number = 0;
    return submitForm(
      request,
      reply,
      { name: "create", values: form.values, done: "", redirect: () => commitmentAdminPath(s.municipality.slug, s.plan.slug, number) },
      async () => {
        number = (await db.transaction().execute((trx) => createCommitment(trx, s.municipality.id, request.actor, s.plan.id, form.input))).number;
        reply.flash("success", request.t("plans:flash.commitmentCreated", { number }));
      },
      (failed, status) => newPage(request, reply, s, failed, status),
    );
  });

  async function commitmentContext(request: FastifyRequest, reply: FastifyReply) {
    const s = await staffPlan(request, reply, services);
    if (!s) return null;
    const detail = await findCommitmentDetail(db, s.municipality.id, s.plan.id, ids(request).number);
    if (!detail) throw notFound(request);
    const here = commitmentAdminPath(s.municipality.slug, s.plan.slug, detail.number);
    const render = async (failed?: FailedForm, status = 200) => {
      const fresh = (await findCommitmentDetail(db, s.municipality.id, s.plan.id, detail.number)) as CommitmentDetail;
      const clock = await planClock(db, s.municipality);
      const [[summary], choices] = await Promise.all([listCommitmentSummaries(db, s.municipality.id, { ids: [fresh.id] }, clock), commitmentChoices(db, s.municipality.id)]);
      const canManage = can(request.actor, PLANS.manage, { municipalityId: s.municipality.id });
      return reply.page(StaffCommitmentPage({ ctx: request.pageContext({ municipality: s.municipality }), plan: s.plan, detail: fresh, summary: summary!, choices, canManage, failed }), status);
    };
    return { ...s, detail, here, render };
  }

  const commitmentParams = { schema: { params: params("number"), hide: true } };

  app.get("/:slug/admin/planes/:plan/compromisos/:number", commitmentParams, async (request, reply) => {
    const c = await commitmentContext(request, reply);
    if (!c) return reply;
    return c.render();
  });

  app.post("/:slug/admin/planes/:plan/compromisos/:number", commitmentParams, async (request, reply) => {
    const c = await commitmentContext(request, reply);
    if (!c) return reply;
    assertManage(request, c.municipality.id);
    const form = readCommitmentForm(request.body);
    return submitForm(
      request,
      reply,
      { name: "edit", values: form.values, done: request.t("plans:flash.saved"), redirect: c.here },
      () => db.transaction().execute((trx) => updateCommitment(trx, c.municipality.id, request.actor, c.detail.id, form.input)),
      c.render,
    );
  });

  app.post("/:slug/admin/planes/:plan/compromisos/:number/retirar", commitmentParams, async (request, reply) => {
    const c = await commitmentContext(request, reply);
    if (!c) return reply;
    assertManage(request, c.municipality.id);
    const reason = field(request.body, "reason", 4000);
    return submitForm(
      request,
      reply,
      { name: "withdraw", values: { reason }, done: request.t("plans:flash.withdrawn", { number: c.detail.number }), redirect: c.here },
      () => db.transaction().execute((trx) => withdrawCommitment(trx, c.municipality.id, request.actor, c.detail.id, reason)),
      c.render,
    );
  });
}
