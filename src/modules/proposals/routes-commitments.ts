/**
 * Staff routes of draft commitments (participation team and administrators):
 *   GET/POST /:slug/admin/participa/:process/propuestas/:proposalId/compromiso — convert an accepted proposal;
 *   GET      /:slug/admin/participa/:process/compromisos                      — the process's drafts (?estado=borrador|adoptado, ?pagina);
 *   GET      /:slug/admin/participa/:process/compromisos.json                 — the link point for action plans (?estado);
 *   GET/POST /:slug/admin/participa/:process/compromisos/:draftId             — one draft, editable until a plan adopts it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { parsePage } from "../../platform/views/components.js";
import { listColonias, listDepartments, type ActiveMunicipality } from "../territory/queries.js";
import { managedProcessOr404, type ProcessView } from "../participation/processes.js";
import {
  createCommitmentDraft, draftOfProposal, DRAFTS_PER_PAGE, findCommitmentDraft, listCommitmentDrafts, pageCommitmentDrafts, parseProposalNumbers, updateCommitmentDraft,
  type CommitmentDraftInput, type CommitmentDraftView,
} from "./commitments.js";
import type { CommitmentDraftStatus } from "./commitment-tables.js";
import { parseProposalNumber, proposalFolio } from "./create.js";
import { fieldErrorsOf } from "./errors.js";
import { field } from "./form.js";
import { findStaffProposal } from "./queries.js";
import { processParams } from "./routes-public.js";
import { CommitmentDraftFormPage, CommitmentDraftListPage, CommitmentDraftPage, type DraftFormValues } from "./views/commitments.js";

const text = { type: "string", maxLength: 80 } as const;
const id = { type: "string", maxLength: 20 } as const;
const proposalParams = { type: "object", properties: { slug: text, process: text, proposalId: id }, required: ["slug", "process", "proposalId"] } as const;
const draftParams = { type: "object", properties: { slug: text, process: text, draftId: id }, required: ["slug", "process", "draftId"] } as const;
const statusQuery = { type: "object", properties: { estado: { type: "string", maxLength: 20 }, pagina: { type: "string", maxLength: 12 } } } as const;

const COLONIA_OPTIONS = 2000;
const ESTADOS: Record<string, CommitmentDraftStatus> = { borrador: "draft", adoptado: "adopted" };

const isFormMistake = (error: unknown): error is HttpProblem => error instanceof HttpProblem && [400, 422].includes(error.status) && Boolean(error.errors);

/** Repeated form values (a multiple select) as strings. */
function many(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === "string").slice(0, 3000).map((x) => x.slice(0, 12).trim());
}

export function readDraftForm(body: unknown): DraftFormValues {
  return {
    title: field(body, "title", 600),
    problem: field(body, "problem", 12_000),
    status_quo: field(body, "status_quo", 12_000),
    description: field(body, "description", 12_000),
    how_it_solves: field(body, "how_it_solves", 12_000),
    transparency: field(body, "transparency", 4) === "1",
    accountability: field(body, "accountability", 4) === "1",
    participation: field(body, "participation", 4) === "1",
    department: field(body, "department", 12).trim(),
    scope: field(body, "scope", 20) === "colonias" ? "colonias" : "municipio",
    colonias: many(body, "colonias"),
    also: field(body, "also", 1000),
  };
}

/** Form text → service input; ids that are not numbers are reported on their field. */
export function draftInput(values: DraftFormValues): CommitmentDraftInput {
  const numeric = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : NaN);
  const department = values.department ? numeric(values.department) : null;
  const colonias = values.colonias.filter(Boolean).map(numeric);
  const errors: { field: string; message: string }[] = [];
  if (department !== null && Number.isNaN(department)) errors.push({ field: "department", message: "La dependencia responsable elegida no existe en este municipio." });
  if (colonias.some(Number.isNaN)) errors.push({ field: "colonias", message: "Alguna de las colonias elegidas no existe en este municipio." });
  if (errors.length) throw new HttpProblem(422, errors.map((e) => e.message).join(" "), { errors });
  return {
    title: values.title, problem: values.problem, statusQuo: values.status_quo, description: values.description, howItSolves: values.how_it_solves,
    relevance: { transparency: values.transparency, accountability: values.accountability, participation: values.participation },
    leadDepartmentId: department, wholeMunicipality: values.scope === "municipio", coloniaIds: colonias,
  };
}

export function valuesOfDraft(d: CommitmentDraftView): DraftFormValues {
  return {
    title: d.title, problem: d.problem, status_quo: d.statusQuo, description: d.description, how_it_solves: d.howItSolves,
    transparency: d.relevance.transparency, accountability: d.relevance.accountability, participation: d.relevance.participation,
    department: d.leadDepartment ? String(d.leadDepartment.id) : "", scope: d.wholeMunicipality ? "municipio" : "colonias",
    colonias: d.colonias.map((c) => String(c.id)), also: "",
  };
}

export function commitmentRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;
  const processRef = (p: ProcessView) => ({ slug: p.slug, title: p.title });
  const draftsBase = (m: ActiveMunicipality, p: ProcessView) => `/${m.slug}/admin/participa/${p.slug}/compromisos`;

  async function options(m: ActiveMunicipality) {
    const [departments, colonias] = await Promise.all([listDepartments(db, m.id), listColonias(db, m.id, { page: 1, perPage: COLONIA_OPTIONS })]);
    return { departments: departments.map((d) => ({ id: d.id, name: d.name })), colonias: colonias.rows.map((c) => ({ id: c.id, name: c.name })) };
  }

  /** The accepted proposal of the URL: 404 when unknown, 422 when not accepted (or hidden). */
  async function acceptedProposal(request: FastifyRequest, m: ActiveMunicipality, process: ProcessView) {
    const number = parseProposalNumber((request.params as { proposalId: string }).proposalId);
    const p = number === null ? null : await findStaffProposal(db, m.id, process.id, number);
    if (!p) throw new HttpProblem(404, request.t("proposals:errors.notFound"));
    if (p.status !== "aceptada") throw new HttpProblem(422, `Solo las propuestas aceptadas se convierten en borradores de compromiso: ${proposalFolio(p.number)} no está aceptada.`);
    if (p.hidden_reason !== null) throw new HttpProblem(422, `La propuesta ${proposalFolio(p.number)} está oculta por moderación.`);
    return p;
  }

  async function renderForm(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, p: { number: number; title: string }, values: DraftFormValues, errors?: Record<string, string>) {
    const opts = await options(m);
    const from = { number: p.number, folio: proposalFolio(p.number), title: p.title };
    return reply.page(
      CommitmentDraftFormPage({ ctx: request.pageContext({ municipality: m }), process: processRef(process), values, errors, ...opts, from, action: `/${m.slug}/admin/participa/${process.slug}/propuestas/${p.number}/compromiso` }),
      errors ? 422 : 200,
    );
  }

  app.get("/:slug/admin/participa/:process/propuestas/:proposalId/compromiso", { schema: { hide: true, params: proposalParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const p = await acceptedProposal(request, m, process);
    const existing = await draftOfProposal(db, m.id, p.id);
    if (existing) {
      reply.flash("info", request.t("proposals:flash.draftExists", { folio: proposalFolio(p.number) }));
      return reply.redirect(`${draftsBase(m, process)}/${existing.id}`, 303);
    }
    const values: DraftFormValues = {
      title: p.title, problem: p.body, status_quo: "", description: "", how_it_solves: "", transparency: false, accountability: false, participation: true,
      department: "", scope: p.colonia_id === null ? "municipio" : "colonias", colonias: p.colonia_id === null ? [] : [String(p.colonia_id)], also: "",
    };
    return renderForm(request, reply, m, process, p, values);
  });

  app.post("/:slug/admin/participa/:process/propuestas/:proposalId/compromiso", { schema: { hide: true, params: proposalParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const p = await acceptedProposal(request, m, process);
    const values = readDraftForm(request.body);
    try {
      const also = parseProposalNumbers(values.also);
      const created = await createCommitmentDraft(db, m.id, process.id, p.number, request.actor, draftInput(values), also);
      reply.flash("success", request.t("proposals:flash.draftCreated", { folios: created.sources.map(proposalFolio).join(", ") }));
      return reply.redirect(`${draftsBase(m, process)}/${created.id}`, 303);
    } catch (error) {
      if (!isFormMistake(error)) throw error;
      return renderForm(request, reply, m, process, p, values, fieldErrorsOf(error));
    }
  });

  app.get("/:slug/admin/participa/:process/compromisos", { schema: { hide: true, params: processParams, querystring: statusQuery } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const query = request.query as { estado?: string; pagina?: string };
    const estado = query.estado && ESTADOS[query.estado] ? query.estado : "";
    const page = parsePage(query.pagina);
    const list = await pageCommitmentDrafts(db, m.id, process.id, estado ? ESTADOS[estado] : undefined, page);
    return reply.page(CommitmentDraftListPage({ ctx: request.pageContext({ municipality: m }), process: processRef(process), timeZone: m.timeZone, rows: list.rows, info: { page, perPage: DRAFTS_PER_PAGE, total: list.total }, estado }));
  });

  /**
   * The link point the action-plans module (and any staff tool) reads: every draft commitment of
   * the process with its OGP fields, source proposals, colonias and lead department. Staff only
   * (401 without a session, 403 without the participation role): drafts are not public.
   */
  app.get("/:slug/admin/participa/:process/compromisos.json", { schema: { hide: true, params: processParams, querystring: statusQuery } }, async (request, reply) => {
    if (request.actor.kind === "anonymous") throw new HttpProblem(401, request.t("errors.loginRequired"));
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const estado = (request.query as { estado?: string }).estado;
    if (estado && !ESTADOS[estado]) throw new HttpProblem(400, "El estado debe ser «borrador» o «adoptado».");
    const drafts = await listCommitmentDrafts(db, m.id, { processId: process.id, status: estado ? ESTADOS[estado] : undefined });
    return reply
      .type("application/json; charset=utf-8")
      .header("cache-control", "no-store")
      .send({
        municipality: m.slug, process: process.slug, generatedAt: new Date().toISOString(), total: drafts.length,
        drafts: drafts.map(({ createdBy: _omitted, ...d }) => d),
      });
  });

  async function draftOr404(request: FastifyRequest, m: ActiveMunicipality, process: ProcessView) {
    const raw = (request.params as { draftId: string }).draftId;
    const d = /^\d{1,9}$/.test(raw) ? await findCommitmentDraft(db, m.id, process.id, Number(raw)) : null;
    if (!d) throw new HttpProblem(404, request.t("errors.notFound"));
    return d;
  }

  async function renderDraft(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, process: ProcessView, d: CommitmentDraftView, values?: DraftFormValues, errors?: Record<string, string>) {
    const opts = await options(m);
    return reply.page(
      CommitmentDraftPage({ ctx: request.pageContext({ municipality: m }), process: processRef(process), timeZone: m.timeZone, d, values: values ?? valuesOfDraft(d), errors, ...opts }),
      errors ? 422 : 200,
    );
  }

  app.get("/:slug/admin/participa/:process/compromisos/:draftId", { schema: { hide: true, params: draftParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const d = await draftOr404(request, found.municipality, found.process);
    return renderDraft(request, reply, found.municipality, found.process, d);
  });

  app.post("/:slug/admin/participa/:process/compromisos/:draftId", { schema: { hide: true, params: draftParams } }, async (request, reply) => {
    const found = await managedProcessOr404(request, reply, services);
    if (!found) return reply;
    const { municipality: m, process } = found;
    const d = await draftOr404(request, m, process);
    const values = readDraftForm(request.body);
    try {
      await updateCommitmentDraft(db, m.id, process.id, d.id, request.actor, draftInput(values));
      reply.flash("success", request.t("proposals:flash.draftSaved"));
      return reply.redirect(`${draftsBase(m, process)}/${d.id}`, 303);
    } catch (error) {
      if (!isFormMistake(error)) throw error;
      return renderDraft(request, reply, m, process, d, values, fieldErrorsOf(error));
    }
  });
}
