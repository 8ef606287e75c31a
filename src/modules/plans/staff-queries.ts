/**
 * Read models of the plans' staff pages: the team with names (staff only), one commitment with
 * every OGP field and its links, a milestone's evidence and history, a department's open
 * milestones, and the choices the forms offer. Staff data: public pages use queries.ts.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { listPublicProcesses } from "../participation/team.js";
import { listColonias, listDepartments } from "../territory/queries.js";
import { milestoneDaysLate } from "./progress.js";
import type { PlanClock } from "./queries.js";
import type { CommitmentFields } from "./commitments-service.js";
import type { EvidenceFileType, MilestoneEventKind, MilestoneStatus, TeamSector } from "./tables.js";

export const TEAM_PER_PAGE = 20;
export const MY_MILESTONES_PER_PAGE = 25;
/** Evidence and history rows per page on a milestone's page. */
export const MILESTONE_LIST_PER_PAGE = 20;
const COLONIA_OPTIONS = 2000;
const PROCESS_OPTIONS = 200;

export interface StaffTeamMember {
  id: number;
  sector: TeamSector;
  organisation: string;
  role: string;
  personName: string;
  namePublic: boolean;
}

export async function listTeam(db: Executor, municipalityId: number, planId: number, page: number): Promise<{ rows: StaffTeamMember[]; total: number }> {
  const q = db.selectFrom("action_plan_team").where("municipality_id", "=", municipalityId).where("plan_id", "=", planId);
  const [rows, count] = await Promise.all([
    q.select(["id", "sector", "organisation", "role", "person_name", "name_public"]).orderBy("position").orderBy("id").limit(TEAM_PER_PAGE).offset((page - 1) * TEAM_PER_PAGE).execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ id: r.id, sector: r.sector, organisation: r.organisation, role: r.role, personName: r.person_name, namePublic: r.name_public })),
    total: Number(count.n),
  };
}

export interface CommitmentDetail extends CommitmentFields {
  id: number;
  planId: number;
  number: number;
  withdrawnAt: Date | null;
  withdrawnReason: string;
  sourceDraftId: number | null;
  colonias: { id: number; name: string }[];
  coleads: { organisation: string; observatoryId: number | null }[];
  proposalIds: number[];
}

export async function findCommitmentDetail(db: Executor, municipalityId: number, planId: number, number: number): Promise<CommitmentDetail | undefined> {
  const r = await db
    .selectFrom("plan_commitments")
    .selectAll()
    .select([sql<string>`starts_on::text`.as("from_on"), sql<string>`ends_on::text`.as("to_on")])
    .where("municipality_id", "=", municipalityId)
    .where("plan_id", "=", planId)
    .where("number", "=", number)
    .executeTakeFirst();
  if (!r) return undefined;
  const [colonias, coleads, proposals] = await Promise.all([
    db.selectFrom("plan_commitment_colonias as l")
      .innerJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "l.municipality_id").onRef("c.id", "=", "l.colonia_id"))
      .select(["c.id", "c.name"]).where("l.municipality_id", "=", municipalityId).where("l.commitment_id", "=", r.id).orderBy("c.name").execute(),
    db.selectFrom("plan_commitment_coleads").select(["organisation", "observatory_id"]).where("municipality_id", "=", municipalityId).where("commitment_id", "=", r.id).orderBy("id").execute(),
    db.selectFrom("plan_commitment_proposals").select("proposal_id").where("municipality_id", "=", municipalityId).where("commitment_id", "=", r.id).orderBy("proposal_id").execute(),
  ]);
  return {
    id: r.id, planId: r.plan_id, number: r.number, title: r.title, problem: r.problem, statusQuo: r.status_quo, description: r.description, howItSolves: r.how_it_solves,
    relevance: { transparency: r.relevant_transparency, accountability: r.relevant_accountability, participation: r.relevant_participation },
    leadDepartmentId: r.lead_department_id, leadOfficial: r.lead_official, startsOn: r.from_on, endsOn: r.to_on, wholeMunicipality: r.whole_municipality,
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null, withdrawnReason: r.withdrawn_reason, sourceDraftId: r.source_draft_id,
    colonias, coleads: coleads.map((x) => ({ organisation: x.organisation, observatoryId: x.observatory_id })), proposalIds: proposals.map((p) => p.proposal_id),
  };
}

export interface EvidenceView {
  id: number;
  title: string;
  url: string | null;
  fileType: EvidenceFileType | null;
  fileName: string | null;
  fileBytes: number | null;
  addedAt: Date;
}

/** A page of a milestone's evidence, oldest first (who added it is not shown). */
export async function listEvidence(db: Executor, municipalityId: number, milestoneId: number, page: number): Promise<{ rows: EvidenceView[]; total: number }> {
  const q = db.selectFrom("plan_milestone_evidence").where("municipality_id", "=", municipalityId).where("milestone_id", "=", milestoneId);
  const [rows, count] = await Promise.all([
    q.select(["id", "title", "url", "file_type", "file_name", "file_bytes", "added_at"]).orderBy("added_at").orderBy("id").limit(MILESTONE_LIST_PER_PAGE).offset((page - 1) * MILESTONE_LIST_PER_PAGE).execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ id: r.id, title: r.title, url: r.url, fileType: r.file_type, fileName: r.file_name, fileBytes: r.file_bytes, addedAt: new Date(r.added_at) })),
    total: Number(count.n),
  };
}

export interface MilestoneEventView {
  kind: MilestoneEventKind;
  from: string | null;
  to: string | null;
  note: string;
  at: Date;
}

/** A page of a milestone's history, oldest first (no one's name: it is the public record too). */
export async function listMilestoneEvents(db: Executor, municipalityId: number, milestoneId: number, page: number): Promise<{ rows: MilestoneEventView[]; total: number }> {
  const q = db.selectFrom("plan_milestone_events").where("municipality_id", "=", municipalityId).where("milestone_id", "=", milestoneId);
  const [rows, count] = await Promise.all([
    q.select(["kind", "from_value", "to_value", "note", "at"]).orderBy("at").orderBy("id").limit(MILESTONE_LIST_PER_PAGE).offset((page - 1) * MILESTONE_LIST_PER_PAGE).execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ kind: r.kind, from: r.from_value, to: r.to_value, note: r.note, at: new Date(r.at) })), total: Number(count.n) };
}

export interface DepartmentMilestone {
  id: number;
  deliverable: string;
  dueOn: LocalDate;
  status: MilestoneStatus;
  daysLate: number;
  department: string;
  commitment: { number: number; title: string };
  plan: { slug: string; title: string };
}

/**
 * Open milestones of the commitments (not withdrawn) the given departments lead — all
 * departments when `departmentIds` is null. Earliest due first: the overdue ones, most late first.
 */
export async function departmentMilestones(
  db: Executor,
  municipalityId: number,
  departmentIds: number[] | null,
  clock: PlanClock,
  page: number,
): Promise<{ rows: DepartmentMilestone[]; total: number }> {
  if (departmentIds !== null && departmentIds.length === 0) return { rows: [], total: 0 };
  let q = db
    .selectFrom("plan_milestones as m")
    .innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "m.municipality_id").onRef("c.id", "=", "m.commitment_id"))
    .innerJoin("action_plans as p", (j) => j.onRef("p.municipality_id", "=", "c.municipality_id").onRef("p.id", "=", "c.plan_id"))
    .innerJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "c.municipality_id").onRef("d.id", "=", "c.lead_department_id"))
    .where("m.municipality_id", "=", municipalityId)
    .where("m.status", "in", ["pendiente", "en_curso"])
    .where("c.withdrawn_at", "is", null);
  if (departmentIds !== null) q = q.where("c.lead_department_id", "in", departmentIds);
  const [rows, count] = await Promise.all([
    q.select(["m.id", "m.deliverable", "m.status", sql<string>`m.due_on::text`.as("due_on"), "d.name as department", "c.number", "c.title as commitment_title", "p.slug as plan_slug", "p.title as plan_title"])
      .orderBy("m.due_on").orderBy("m.id").limit(MY_MILESTONES_PER_PAGE).offset((page - 1) * MY_MILESTONES_PER_PAGE).execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id, deliverable: r.deliverable, dueOn: r.due_on, status: r.status, department: r.department,
      daysLate: milestoneDaysLate(clock.calendar, { status: r.status, dueOn: r.due_on }, clock.today),
      commitment: { number: r.number, title: r.commitment_title }, plan: { slug: r.plan_slug, title: r.plan_title },
    })),
    total: Number(count.n),
  };
}

export interface Choice {
  id: number;
  name: string;
}

/** What the commitment form offers: active departments, colonias, active observatories. */
export async function commitmentChoices(db: Executor, municipalityId: number): Promise<{ departments: Choice[]; colonias: Choice[]; observatories: Choice[] }> {
  const [departments, colonias, observatories] = await Promise.all([
    listDepartments(db, municipalityId),
    listColonias(db, municipalityId, { page: 1, perPage: COLONIA_OPTIONS }),
    db.selectFrom("observatories").select(["id", "name"]).where("municipality_id", "=", municipalityId).where("active", "=", true).orderBy("name").execute(),
  ]);
  return { departments: departments.map((d) => ({ id: d.id, name: d.name })), colonias: colonias.rows.map((c) => ({ id: c.id, name: c.name })), observatories };
}

export interface ProcessChoice extends Choice {
  slug: string;
}

/** The participatory processes a plan may come from (drafts included: staff prepare both). */
export async function processChoices(db: Executor, municipalityId: number): Promise<ProcessChoice[]> {
  const { rows } = await listPublicProcesses(db, municipalityId, 1, PROCESS_OPTIONS, true);
  return rows.map((p) => ({ id: p.id, name: p.title, slug: p.slug }));
}
