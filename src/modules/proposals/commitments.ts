/**
 * From accepted proposals to draft commitments of an OGP Local action plan (issue 5, item 7).
 *
 * The participation team turns one accepted proposal (and, optionally, other accepted proposals
 * of the same process) into a draft commitment with the OGP Local template's fields: problem,
 * status quo, what the commitment does, how it solves the problem, relevance to transparency,
 * accountability and participation, lead department, and colonias or the whole municipality.
 *
 * LINK POINT for the action-plans module (issue 7):
 *  - `listCommitmentDrafts(db, municipalityId, { processId?, status? })` reads drafts with their
 *    source proposals, colonias and lead department (staff data: never public);
 *  - `adoptCommitmentDraft(trx, municipalityId, draftId, planRef, by?)` marks a draft as adopted
 *    by a plan inside the plans module's own transaction (idempotent for the same reference,
 *    409 for another plan), adds a history row to each source proposal and an audit entry;
 *  - the staff endpoint GET /:slug/admin/participa/:process/compromisos.json returns the same
 *    views for a process (?estado=borrador|adoptado).
 */
import type { Db, Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { recordAudit, SYSTEM, type AuditBy } from "../../platform/audit/audit.js";
import { publish } from "../../platform/bus.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { PROPOSALS_TOPIC, parseProposalNumber, proposalFolio } from "./create.js";
import { ProposalInputError } from "./errors.js";
import { COMMITMENT_DRAFT_STATUSES, type CommitmentDraftStatus } from "./commitment-tables.js";
import "./commitment-tables.js";

export const DRAFT_TITLE_MAX = 200;
export const DRAFT_TEXT_MAX = 6000;
export const DRAFTS_PER_PAGE = 20;
const MAX_COLONIAS = 500;
const MAX_SOURCES = 50;

/** What a person writes in the draft form (already read from the request). */
export interface CommitmentDraftInput {
  title: string;
  problem: string;
  statusQuo: string;
  description: string;
  howItSolves: string;
  relevance: { transparency: boolean; accountability: boolean; participation: boolean };
  leadDepartmentId: number | null;
  wholeMunicipality: boolean;
  coloniaIds: number[];
}

export interface CommitmentDraftView {
  id: number;
  processId: number;
  processSlug: string;
  title: string;
  problem: string;
  statusQuo: string;
  description: string;
  howItSolves: string;
  relevance: { transparency: boolean; accountability: boolean; participation: boolean };
  leadDepartment: { id: number; name: string } | null;
  wholeMunicipality: boolean;
  colonias: { id: number; slug: string; name: string }[];
  sourceProposals: { id: number; number: number; folio: string; title: string }[];
  status: CommitmentDraftStatus;
  adoptedByPlanRef: string | null;
  adoptedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "").trim();
const userId = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

/** Every mistake at once, as field messages (422). */
export function checkCommitmentDraftInput(input: CommitmentDraftInput): CommitmentDraftInput {
  const errors: { field: string; message: string }[] = [];
  const title = clean(input.title ?? "").replace(/\s+/g, " ");
  const problem = clean(input.problem ?? "");
  const statusQuo = clean(input.statusQuo ?? "");
  const description = clean(input.description ?? "");
  const howItSolves = clean(input.howItSolves ?? "");
  if (title.length < 5) errors.push({ field: "title", message: "Escriba un título del compromiso de al menos 5 caracteres." });
  if (title.length > DRAFT_TITLE_MAX) errors.push({ field: "title", message: `El título admite hasta ${DRAFT_TITLE_MAX} caracteres.` });
  if (problem.length < 10) errors.push({ field: "problem", message: "Describa el problema que atiende el compromiso (al menos 10 caracteres)." });
  if (problem.length > DRAFT_TEXT_MAX) errors.push({ field: "problem", message: `El problema admite hasta ${DRAFT_TEXT_MAX} caracteres.` });
  if (statusQuo.length > DRAFT_TEXT_MAX) errors.push({ field: "status_quo", message: `La situación actual admite hasta ${DRAFT_TEXT_MAX} caracteres.` });
  if (description.length < 10) errors.push({ field: "description", message: "Explique qué hará el compromiso (al menos 10 caracteres)." });
  if (description.length > DRAFT_TEXT_MAX) errors.push({ field: "description", message: `La descripción admite hasta ${DRAFT_TEXT_MAX} caracteres.` });
  if (howItSolves.length > DRAFT_TEXT_MAX) errors.push({ field: "how_it_solves", message: `La explicación admite hasta ${DRAFT_TEXT_MAX} caracteres.` });
  const r = input.relevance;
  if (!r.transparency && !r.accountability && !r.participation) {
    errors.push({ field: "relevance", message: "Marque al menos un valor de gobierno abierto: transparencia, rendición de cuentas o participación ciudadana." });
  }
  const coloniaIds = [...new Set(input.coloniaIds)];
  if (!input.wholeMunicipality && coloniaIds.length === 0) errors.push({ field: "colonias", message: "Elija al menos una colonia o marque «Todo el municipio»." });
  if (coloniaIds.length > MAX_COLONIAS) errors.push({ field: "colonias", message: `Elija hasta ${MAX_COLONIAS} colonias, o marque «Todo el municipio».` });
  if (errors.length) throw new ProposalInputError(errors);
  return { ...input, title, problem, statusQuo, description, howItSolves, coloniaIds: input.wholeMunicipality ? [] : coloniaIds };
}

/** "PROP-0003, 7 prop-12" → [3, 7, 12]; a token that is not a folio is a 422 on `also`. */
export function parseProposalNumbers(text: string): number[] {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  const out: number[] = [];
  for (const token of tokens) {
    const n = parseProposalNumber(token);
    if (n === null) throw ProposalInputError.single("also", `«${token.slice(0, 30)}» no es un folio de propuesta (p. ej. PROP-0012).`);
    if (!out.includes(n)) out.push(n);
  }
  if (out.length > MAX_SOURCES) throw ProposalInputError.single("also", `Un borrador puede venir de hasta ${MAX_SOURCES} propuestas.`);
  return out;
}

async function checkReferences(trx: Executor, municipalityId: number, input: CommitmentDraftInput): Promise<void> {
  if (input.leadDepartmentId !== null) {
    const d = await trx.selectFrom("departments").select("id").where("municipality_id", "=", municipalityId).where("id", "=", input.leadDepartmentId).where("active", "=", true).executeTakeFirst();
    if (!d) throw ProposalInputError.single("department", "La dependencia responsable elegida no existe en este municipio.");
  }
  if (input.coloniaIds.length) {
    const found = await trx.selectFrom("colonias").select("id").where("municipality_id", "=", municipalityId).where("id", "in", input.coloniaIds).execute();
    if (found.length !== input.coloniaIds.length) throw ProposalInputError.single("colonias", "Alguna de las colonias elegidas no existe en este municipio.");
  }
}

async function writeColonias(trx: Executor, municipalityId: number, draftId: number, coloniaIds: number[]): Promise<void> {
  await trx.deleteFrom("commitment_draft_colonias").where("municipality_id", "=", municipalityId).where("draft_id", "=", draftId).execute();
  if (coloniaIds.length) {
    await trx.insertInto("commitment_draft_colonias").values(coloniaIds.map((colonia_id) => ({ municipality_id: municipalityId, draft_id: draftId, colonia_id }))).execute();
  }
}

/** The columns a draft's form sets, on creation and on every edit. */
function draftColumns(draft: ReturnType<typeof checkCommitmentDraftInput>) {
  return {
    title: draft.title,
    problem: draft.problem,
    status_quo: draft.statusQuo,
    description: draft.description,
    how_it_solves: draft.howItSolves,
    relevant_transparency: draft.relevance.transparency,
    relevant_accountability: draft.relevance.accountability,
    relevant_participation: draft.relevance.participation,
    lead_department_id: draft.leadDepartmentId,
    whole_municipality: draft.wholeMunicipality,
  };
}

/**
 * Turn accepted proposal `number` (plus `alsoNumbers`, accepted proposals of the same process)
 * into a draft commitment: one transaction with the draft, its sources and colonias, a public
 * history row on each source proposal and the audit entry. Nothing is stored on a mistake.
 */
export async function createCommitmentDraft(
  db: Db,
  municipalityId: number,
  processId: number,
  number: number,
  actor: Actor,
  input: CommitmentDraftInput,
  alsoNumbers: number[] = [],
): Promise<{ id: number; sources: number[] }> {
  const draft = checkCommitmentDraftInput(input);
  const numbers = [number, ...alsoNumbers.filter((n) => n !== number)].sort((a, b) => a - b);
  return db.transaction().execute(async (trx) => {
    // Lock in number order so two conversions of overlapping proposals cannot deadlock.
    const sources = await trx
      .selectFrom("proposals")
      .select(["id", "number", "status", "hidden_at"])
      .where("municipality_id", "=", municipalityId)
      .where("process_id", "=", processId)
      .where("number", "in", numbers)
      .orderBy("number")
      .forUpdate()
      .execute();
    const main = sources.find((s) => s.number === number);
    if (!main) throw new HttpProblem(404, `La propuesta ${proposalFolio(number)} no existe en este proceso.`);
    const missing = numbers.filter((n) => !sources.some((s) => s.number === n));
    if (missing.length) throw ProposalInputError.single("also", `No existe en este proceso: ${missing.map(proposalFolio).join(", ")}.`);
    for (const s of sources) {
      const field = s.number === number ? "general" : "also";
      if (s.status !== "aceptada") {
        throw ProposalInputError.single(field, `Solo las propuestas aceptadas se convierten en borradores de compromiso: ${proposalFolio(s.number)} no está aceptada.`);
      }
      if (s.hidden_at) throw ProposalInputError.single(field, `La propuesta ${proposalFolio(s.number)} está oculta por moderación.`);
    }
    const taken = await trx
      .selectFrom("commitment_draft_proposals")
      .select(["proposal_id", "draft_id"])
      .where("municipality_id", "=", municipalityId)
      .where("proposal_id", "in", sources.map((s) => s.id))
      .execute();
    if (taken.length) {
      const folios = taken.map((t) => proposalFolio(sources.find((s) => s.id === t.proposal_id)!.number));
      throw ProposalInputError.single(taken.some((t) => t.proposal_id === main.id) ? "general" : "also", `Ya se convirtió en borrador de compromiso: ${folios.join(", ")}.`);
    }
    await checkReferences(trx, municipalityId, draft);
    const now = new Date();
    const row = await trx
      .insertInto("commitment_drafts")
      .values({
        municipality_id: municipalityId,
        process_id: processId,
        ...draftColumns(draft),
        adopted_by_plan_ref: null,
        adopted_at: null,
        created_by: userId(actor),
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("commitment_draft_proposals").values(sources.map((s) => ({ municipality_id: municipalityId, draft_id: row.id, proposal_id: s.id }))).execute();
    await writeColonias(trx, municipalityId, row.id, draft.coloniaIds);
    for (const s of sources) {
      await trx
        .insertInto("proposal_events")
        .values({ municipality_id: municipalityId, proposal_id: s.id, kind: "commitment", from_status: null, to_status: null, body: draft.title, other_proposal_id: null, actor_user_id: userId(actor), occurred_at: now })
        .execute();
    }
    await recordAudit(trx, {
      actor, municipalityId, action: "proposals.commitmentDraft.create", subjectType: "commitment_draft", subjectId: row.id,
      details: { title: draft.title, from: sources.map((s) => proposalFolio(s.number)), leadDepartmentId: draft.leadDepartmentId, wholeMunicipality: draft.wholeMunicipality, colonias: draft.coloniaIds.length },
    });
    await publish(trx, { topic: PROPOSALS_TOPIC, municipalityId, data: { processId, proposalId: main.id, kind: "commitment", draftId: row.id } });
    return { id: row.id, sources: sources.map((s) => s.number) };
  });
}

/** Edit a draft that no plan has adopted yet (422 once adopted: the plan owns it then). */
export async function updateCommitmentDraft(db: Db, municipalityId: number, processId: number, draftId: number, actor: Actor, input: CommitmentDraftInput): Promise<void> {
  const draft = checkCommitmentDraftInput(input);
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("commitment_drafts")
      .selectAll()
      .where("municipality_id", "=", municipalityId)
      .where("process_id", "=", processId)
      .where("id", "=", draftId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new HttpProblem(404, "El borrador de compromiso no existe en este proceso.");
    if (current.status === "adopted") throw ProposalInputError.single("general", "El borrador ya se adoptó en un plan de acción: edítelo en el plan.");
    await checkReferences(trx, municipalityId, draft);
    await trx
      .updateTable("commitment_drafts")
      .set({
        ...draftColumns(draft),
        updated_at: new Date(),
      })
      .where("municipality_id", "=", municipalityId)
      .where("id", "=", draftId)
      .execute();
    await writeColonias(trx, municipalityId, draftId, draft.coloniaIds);
    const changed = (["title", "problem", "status_quo", "description", "how_it_solves", "lead_department_id", "whole_municipality"] as const).filter((k) => {
      const next = { title: draft.title, problem: draft.problem, status_quo: draft.statusQuo, description: draft.description, how_it_solves: draft.howItSolves, lead_department_id: draft.leadDepartmentId, whole_municipality: draft.wholeMunicipality }[k];
      return current[k] !== next;
    });
    await recordAudit(trx, { actor, municipalityId, action: "proposals.commitmentDraft.update", subjectType: "commitment_draft", subjectId: draftId, details: { changed, colonias: draft.coloniaIds.length } });
  });
}

/**
 * For the action-plans module: mark draft `draftId` as adopted by the plan `planRef` (its own
 * reference, e.g. "plan:3/compromiso:12"), inside the caller's transaction. Adopting again with
 * the same reference changes nothing; another reference is a 409. Each source proposal gets a
 * public history row; the audit entry names `by` (the platform itself by default).
 */
export async function adoptCommitmentDraft(trx: Executor, municipalityId: number, draftId: number, planRef: string, by: AuditBy = SYSTEM): Promise<CommitmentDraftView> {
  const ref = clean(planRef ?? "");
  if (ref.length < 1 || ref.length > 200) throw new HttpProblem(422, "La referencia del plan de acción debe tener entre 1 y 200 caracteres.");
  const current = await trx
    .selectFrom("commitment_drafts")
    .select(["id", "process_id", "status", "adopted_by_plan_ref"])
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", draftId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw new HttpProblem(404, "El borrador de compromiso no existe en este municipio.");
  if (current.status === "adopted") {
    if (current.adopted_by_plan_ref !== ref) throw new HttpProblem(409, `El borrador ya se adoptó en otro plan de acción (${current.adopted_by_plan_ref}).`);
  } else {
    const now = new Date();
    await trx.updateTable("commitment_drafts").set({ status: "adopted", adopted_by_plan_ref: ref, adopted_at: now, updated_at: now }).where("municipality_id", "=", municipalityId).where("id", "=", draftId).execute();
    const sources = await trx.selectFrom("commitment_draft_proposals").select("proposal_id").where("municipality_id", "=", municipalityId).where("draft_id", "=", draftId).execute();
    for (const s of sources) {
      await trx
        .insertInto("proposal_events")
        .values({ municipality_id: municipalityId, proposal_id: s.proposal_id, kind: "commitment_adopted", from_status: null, to_status: null, body: null, other_proposal_id: null, actor_user_id: userId(by.actor), occurred_at: now })
        .execute();
    }
    await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "proposals.commitmentDraft.adopt", subjectType: "commitment_draft", subjectId: draftId, details: { planRef: ref } });
    await publish(trx, { topic: PROPOSALS_TOPIC, municipalityId, data: { processId: current.process_id, kind: "commitment_adopted", draftId } });
  }
  const [view] = await loadViews(trx, municipalityId, { ids: [draftId] });
  return view!;
}

type DraftFilter = { processId?: number; status?: CommitmentDraftStatus; ids?: number[] };

function draftQuery(db: Executor, municipalityId: number, f: DraftFilter) {
  let q = db
    .selectFrom("commitment_drafts as d")
    .innerJoin("participatory_processes as pp", (j) => j.onRef("pp.municipality_id", "=", "d.municipality_id").onRef("pp.id", "=", "d.process_id"))
    .leftJoin("departments as dep", (j) => j.onRef("dep.municipality_id", "=", "d.municipality_id").onRef("dep.id", "=", "d.lead_department_id"))
    .where("d.municipality_id", "=", municipalityId);
  if (f.processId !== undefined) q = q.where("d.process_id", "=", f.processId);
  if (f.status !== undefined) q = q.where("d.status", "=", f.status);
  if (f.ids !== undefined) q = q.where("d.id", "in", f.ids.length ? f.ids : [-1]);
  return q;
}

async function loadViews(db: Executor, municipalityId: number, f: DraftFilter, page?: { limit: number; offset: number }): Promise<CommitmentDraftView[]> {
  let q = draftQuery(db, municipalityId, f)
    .selectAll("d")
    .select(["pp.slug as process_slug", "dep.name as department_name"])
    .orderBy("d.id");
  if (page) q = q.limit(page.limit).offset(page.offset);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [sources, colonias] = await Promise.all([
    db
      .selectFrom("commitment_draft_proposals as l")
      .innerJoin("proposals as p", (j) => j.onRef("p.municipality_id", "=", "l.municipality_id").onRef("p.id", "=", "l.proposal_id"))
      .select(["l.draft_id", "p.id", "p.number", "p.title"])
      .where("l.municipality_id", "=", municipalityId)
      .where("l.draft_id", "in", ids)
      .orderBy("p.number")
      .execute(),
    db
      .selectFrom("commitment_draft_colonias as l")
      .innerJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "l.municipality_id").onRef("c.id", "=", "l.colonia_id"))
      .select(["l.draft_id", "c.id", "c.slug", "c.name"])
      .where("l.municipality_id", "=", municipalityId)
      .where("l.draft_id", "in", ids)
      .orderBy("c.name")
      .execute(),
  ]);
  const iso = (v: Date | string) => new Date(v).toISOString();
  return rows.map((r) => ({
    id: r.id,
    processId: r.process_id,
    processSlug: r.process_slug,
    title: r.title,
    problem: r.problem,
    statusQuo: r.status_quo,
    description: r.description,
    howItSolves: r.how_it_solves,
    relevance: { transparency: r.relevant_transparency, accountability: r.relevant_accountability, participation: r.relevant_participation },
    leadDepartment: r.lead_department_id !== null && r.department_name !== null ? { id: r.lead_department_id, name: r.department_name } : null,
    wholeMunicipality: r.whole_municipality,
    colonias: colonias.filter((c) => c.draft_id === r.id).map((c) => ({ id: c.id, slug: c.slug, name: c.name })),
    sourceProposals: sources.filter((s) => s.draft_id === r.id).map((s) => ({ id: s.id, number: s.number, folio: proposalFolio(s.number), title: s.title })),
    status: r.status,
    adoptedByPlanRef: r.adopted_by_plan_ref,
    adoptedAt: r.adopted_at ? iso(r.adopted_at) : null,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

/**
 * For the action-plans module and the staff JSON: a municipality's draft commitments (all
 * processes, or one), optionally only drafts or only adopted ones, oldest first. Staff data.
 */
export async function listCommitmentDrafts(db: Executor, municipalityId: number, options: { processId?: number; status?: CommitmentDraftStatus } = {}): Promise<CommitmentDraftView[]> {
  if (options.status !== undefined && !COMMITMENT_DRAFT_STATUSES.includes(options.status)) throw new HttpProblem(400, "Estado de borrador desconocido.");
  return loadViews(db, municipalityId, { processId: options.processId, status: options.status });
}

/** One page of a process's drafts for the staff list. */
export async function pageCommitmentDrafts(db: Executor, municipalityId: number, processId: number, status: CommitmentDraftStatus | undefined, page: number): Promise<{ rows: CommitmentDraftView[]; total: number }> {
  const total = Number((await draftQuery(db, municipalityId, { processId, status }).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await loadViews(db, municipalityId, { processId, status }, { limit: DRAFTS_PER_PAGE, offset: (page - 1) * DRAFTS_PER_PAGE });
  return { rows, total };
}

export async function findCommitmentDraft(db: Executor, municipalityId: number, processId: number, draftId: number): Promise<CommitmentDraftView | null> {
  const [view] = await loadViews(db, municipalityId, { processId, ids: [draftId] });
  return view ?? null;
}

/** The draft a proposal feeds, if any: id, title and status (the public page shows title and status only). */
export async function draftOfProposal(db: Executor, municipalityId: number, proposalId: number): Promise<{ id: number; title: string; status: CommitmentDraftStatus } | null> {
  const row = await db
    .selectFrom("commitment_draft_proposals as l")
    .innerJoin("commitment_drafts as d", (j) => j.onRef("d.municipality_id", "=", "l.municipality_id").onRef("d.id", "=", "l.draft_id"))
    .select(["d.id", "d.title", "d.status"])
    .where("l.municipality_id", "=", municipalityId)
    .where("l.proposal_id", "=", proposalId)
    .executeTakeFirst();
  return row ?? null;
}

/** Is this proposal the source of a draft? (Its answer may then not leave «aceptada», nor may it be merged away.) */
export async function isDraftSource(db: Executor, municipalityId: number, proposalId: number): Promise<boolean> {
  return (await draftOfProposal(db, municipalityId, proposalId)) !== null;
}
