/** Read models of consultations and in-person sessions. Every query filters by municipality. */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { Question } from "./questions.js";
import type { AttendanceSector, AttendanceSex } from "./tables.js";
import "./tables.js";

export interface ConsultationView {
  municipalityId: number;
  processId: number;
  id: number;
  title: string;
  description: string;
  opensOn: LocalDate;
  closesOn: LocalDate;
  status: "draft" | "published";
  resultsLive: boolean;
  questions: Question[];
  responses: number;
}

export type ConsultationState = "draft" | "upcoming" | "open" | "closed";

/** Where a consultation stands on a day (the process's phase is checked separately, by the core). */
export function consultationState(c: Pick<ConsultationView, "status" | "opensOn" | "closesOn">, today: LocalDate): ConsultationState {
  if (c.status === "draft") return "draft";
  if (today < c.opensOn) return "upcoming";
  return today > c.closesOn ? "closed" : "open";
}

/** Results are public once the consultation closes, or while it runs if staff chose live results. */
export function resultsArePublic(c: Pick<ConsultationView, "status" | "opensOn" | "closesOn" | "resultsLive">, today: LocalDate): boolean {
  const state = consultationState(c, today);
  return state === "closed" || (c.resultsLive && state === "open");
}

const dateText = (v: unknown): LocalDate => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

function consultationColumns() {
  return [
    "c.municipality_id", "c.process_id", "c.id", "c.title", "c.description", "c.status", "c.results_live",
    sql<string>`to_char(c.opens_on, 'YYYY-MM-DD')`.as("opens_on"),
    sql<string>`to_char(c.closes_on, 'YYYY-MM-DD')`.as("closes_on"),
    sql<string>`(select count(*) from consultation_responses r where r.municipality_id = c.municipality_id and r.consultation_id = c.id)`.as("responses"),
  ] as const;
}

type ConsultationRow = {
  municipality_id: number; process_id: number; id: number; title: string; description: string; status: "draft" | "published";
  results_live: boolean; opens_on: string; closes_on: string; responses: string | number;
};

function toView(row: ConsultationRow, questions: Question[]): ConsultationView {
  return {
    municipalityId: row.municipality_id,
    processId: row.process_id,
    id: row.id,
    title: row.title,
    description: row.description,
    opensOn: dateText(row.opens_on),
    closesOn: dateText(row.closes_on),
    status: row.status,
    resultsLive: row.results_live,
    questions,
    responses: Number(row.responses),
  };
}

export async function loadQuestions(db: Executor, municipalityId: number, consultationId: number): Promise<Question[]> {
  const rows = await db
    .selectFrom("consultation_questions")
    .selectAll()
    .where("municipality_id", "=", municipalityId)
    .where("consultation_id", "=", consultationId)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    kind: r.kind,
    prompt: r.prompt,
    help: r.help,
    required: r.required,
    options: r.options,
    maxChoices: r.max_choices,
    scaleMin: r.scale_min,
    scaleMax: r.scale_max,
    scaleMinLabel: r.scale_min_label,
    scaleMaxLabel: r.scale_max_label,
    maxLength: r.max_length,
  }));
}

/** A consultation of a process, with its questions; null when it is not in that process. */
export async function loadConsultation(db: Executor, municipalityId: number, processId: number, id: number): Promise<ConsultationView | null> {
  if (!Number.isInteger(id) || id < 1 || id > 2 ** 31 - 1) return null;
  const row = await db
    .selectFrom("consultations as c")
    .select(consultationColumns())
    .where("c.municipality_id", "=", municipalityId)
    .where("c.process_id", "=", processId)
    .where("c.id", "=", id)
    .executeTakeFirst();
  return row ? toView(row as ConsultationRow, await loadQuestions(db, municipalityId, id)) : null;
}

/** The consultations of a process (without questions), by opening date; drafts only when asked. */
export async function listConsultations(db: Executor, municipalityId: number, processId: number, options: { includeDrafts: boolean }): Promise<ConsultationView[]> {
  let q = db
    .selectFrom("consultations as c")
    .select(consultationColumns())
    .where("c.municipality_id", "=", municipalityId)
    .where("c.process_id", "=", processId);
  if (!options.includeDrafts) q = q.where("c.status", "=", "published");
  const rows = await q.orderBy("c.opens_on", "desc").orderBy("c.id", "desc").execute();
  return rows.map((r) => toView(r as ConsultationRow, []));
}

export interface SessionView {
  id: number;
  processId: number;
  title: string;
  place: string;
  heldOn: LocalDate;
  colonia: { id: number; slug: string; name: string } | null;
  attendance: Record<AttendanceSector, number>;
  attendanceBySex: Record<AttendanceSex, number>;
  minutes: string;
  /** Paper answers entered from this session, over every consultation. */
  responses: number;
}

function sessionQuery(db: Executor, municipalityId: number) {
  return db
    .selectFrom("consultation_sessions as s")
    .leftJoin("colonias as col", (j) => j.onRef("col.municipality_id", "=", "s.municipality_id").onRef("col.id", "=", "s.colonia_id"))
    .selectAll("s")
    .select(["col.slug as colonia_slug", "col.name as colonia_name"])
    .select(sql<string>`to_char(s.held_on, 'YYYY-MM-DD')`.as("held_on_text"))
    .select(sql<string>`(select count(*) from consultation_responses r where r.municipality_id = s.municipality_id and r.session_id = s.id)`.as("responses"))
    .where("s.municipality_id", "=", municipalityId);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>["executeTakeFirstOrThrow"]>>;

function toSession(r: SessionRow): SessionView {
  return {
    id: r.id,
    processId: r.process_id,
    title: r.title,
    place: r.place,
    heldOn: r.held_on_text,
    colonia: r.colonia_id !== null && r.colonia_slug ? { id: r.colonia_id, slug: r.colonia_slug, name: r.colonia_name! } : null,
    attendance: {
      gobierno: r.attendance_gobierno,
      sociedad_civil: r.attendance_sociedad_civil,
      empresarial: r.attendance_empresarial,
      academia: r.attendance_academia,
      ciudadania: r.attendance_ciudadania,
    },
    attendanceBySex: { women: r.attendance_women, men: r.attendance_men, other: r.attendance_other },
    minutes: r.minutes,
    responses: Number(r.responses),
  };
}

export async function listSessions(db: Executor, municipalityId: number, processId: number): Promise<SessionView[]> {
  const rows = await sessionQuery(db, municipalityId).where("s.process_id", "=", processId).orderBy("s.held_on", "desc").orderBy("s.id", "desc").execute();
  return rows.map(toSession);
}

export async function loadSession(db: Executor, municipalityId: number, processId: number, id: number): Promise<SessionView | null> {
  if (!Number.isInteger(id) || id < 1 || id > 2 ** 31 - 1) return null;
  const row = await sessionQuery(db, municipalityId).where("s.process_id", "=", processId).where("s.id", "=", id).executeTakeFirst();
  return row ? toSession(row) : null;
}

export const attendanceTotal = (s: Pick<SessionView, "attendance">) => Object.values(s.attendance).reduce((a, b) => a + b, 0);

export interface SessionPhoto {
  id: number;
  description: string;
  width: number;
  height: number;
  storageKey: string;
  thumbnailKey: string;
}

export async function sessionPhotos(db: Executor, municipalityId: number, sessionId: number): Promise<SessionPhoto[]> {
  const rows = await db
    .selectFrom("consultation_session_photos")
    .select(["id", "description", "width", "height", "storage_key", "thumbnail_key"])
    .where("municipality_id", "=", municipalityId)
    .where("session_id", "=", sessionId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, description: r.description, width: r.width, height: r.height, storageKey: r.storage_key, thumbnailKey: r.thumbnail_key }));
}

/** The colonias that respondents of a consultation declared, with how many each (for the results filter). */
export async function respondentColonias(db: Executor, municipalityId: number, consultationId: number): Promise<{ id: number; slug: string; name: string; responses: number }[]> {
  const rows = await db
    .selectFrom("consultation_responses as r")
    .innerJoin("colonias as col", (j) => j.onRef("col.municipality_id", "=", "r.municipality_id").onRef("col.id", "=", "r.colonia_id"))
    .select(["col.id", "col.slug", "col.name", (eb) => eb.fn.countAll<string>().as("n")])
    .where("r.municipality_id", "=", municipalityId)
    .where("r.consultation_id", "=", consultationId)
    .groupBy(["col.id", "col.slug", "col.name"])
    .orderBy(sql`unaccent(col.name)`)
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, responses: Number(r.n) }));
}
