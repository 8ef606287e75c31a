/** Read models of roundtables, their members and sessions. Every query filters by municipality. */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { presentPublicMember, presentStaffMember, type MemberRow, type PublicMember, type SessionDetail, type SessionSummary, type StaffMember } from "./presenters.js";
import type { RoundtableRef } from "./roundtables-service.js";

export interface RoundtableSummary {
  id: number;
  name: string;
  topic: string;
  coordinator: string | null;
  members: number;
  nextSession: Date | null;
  openAgreements: number;
  agreements: number;
}

export interface RoundtableDetail {
  ref: RoundtableRef;
  name: string;
  topic: string;
  description: string;
}

export async function listRoundtables(db: Executor, municipalityId: number, processId: number, page: { page: number; perPage: number }): Promise<{ rows: RoundtableSummary[]; total: number }> {
  const base = db.selectFrom("roundtables as r").where("r.municipality_id", "=", municipalityId).where("r.process_id", "=", processId);
  const [rows, total] = await Promise.all([
    base
      .select([
        "r.id",
        "r.name",
        "r.topic",
        (eb) =>
          eb
            .selectFrom("roundtable_members as m")
            .select("m.organisation")
            .whereRef("m.municipality_id", "=", "r.municipality_id")
            .whereRef("m.roundtable_id", "=", "r.id")
            .where("m.coordinator", "=", true)
            .limit(1)
            .as("coordinator"),
        sql<string>`(select count(*) from roundtable_members m where m.municipality_id = r.municipality_id and m.roundtable_id = r.id and m.active)::text`.as("members"),
        sql<Date | null>`(select min(s.starts_at) from roundtable_sessions s where s.municipality_id = r.municipality_id and s.roundtable_id = r.id and s.starts_at > now() and not s.cancelled)`.as("next_session"),
        sql<string>`(select count(*) from roundtable_agreements a where a.municipality_id = r.municipality_id and a.roundtable_id = r.id and a.status in ('pendiente', 'en_curso'))::text`.as("open_agreements"),
        sql<string>`(select count(*) from roundtable_agreements a where a.municipality_id = r.municipality_id and a.roundtable_id = r.id)::text`.as("agreements"),
      ])
      .orderBy("r.name")
      .orderBy("r.id")
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute(),
    base.select(sql<string>`count(*)::text`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      topic: r.topic,
      coordinator: r.coordinator ?? null,
      members: Number(r.members),
      nextSession: r.next_session ? new Date(r.next_session) : null,
      openAgreements: Number(r.open_agreements),
      agreements: Number(r.agreements),
    })),
  };
}

export async function findRoundtable(db: Executor, municipalityId: number, processId: number, id: number): Promise<RoundtableDetail | null> {
  const row = await db
    .selectFrom("roundtables")
    .select(["id", "process_id", "name", "topic", "description"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { ref: { municipalityId, processId: row.process_id, id: row.id }, name: row.name, topic: row.topic, description: row.description } : null;
}

async function memberRows(db: Executor, ref: RoundtableRef): Promise<MemberRow[]> {
  return db
    .selectFrom("roundtable_members")
    .select(["id", "organisation", "sector", "representative_role", "representative_name", "name_public", "coordinator", "active"])
    .where("municipality_id", "=", ref.municipalityId)
    .where("roundtable_id", "=", ref.id)
    .orderBy("coordinator", "desc")
    .orderBy("organisation")
    .execute();
}

export async function publicMembers(db: Executor, ref: RoundtableRef): Promise<PublicMember[]> {
  return (await memberRows(db, ref)).map(presentPublicMember);
}

export async function staffMembers(db: Executor, ref: RoundtableRef): Promise<StaffMember[]> {
  return (await memberRows(db, ref)).map(presentStaffMember);
}

const sessionColumns = ["s.id", "s.title", "s.starts_at", "s.ends_at", "s.place", "s.online_url", "s.cancelled", "s.minutes_published_at"] as const;

function toSummary(r: { id: number; title: string; starts_at: Date; ends_at: Date; place: string; online_url: string | null; cancelled: boolean; minutes_published_at: Date | null }): SessionSummary {
  return {
    id: r.id,
    title: r.title,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    place: r.place,
    onlineUrl: r.online_url,
    cancelled: r.cancelled,
    minutesPublished: r.minutes_published_at !== null,
  };
}

/** Upcoming sessions (not yet ended) soonest first, or past ones latest first. */
export async function listSessions(
  db: Executor,
  ref: RoundtableRef,
  when: "upcoming" | "past",
  page: { page: number; perPage: number },
  now = new Date(),
): Promise<{ rows: SessionSummary[]; total: number }> {
  const base = db
    .selectFrom("roundtable_sessions as s")
    .where("s.municipality_id", "=", ref.municipalityId)
    .where("s.roundtable_id", "=", ref.id)
    .where("s.ends_at", when === "upcoming" ? ">" : "<=", now);
  const [rows, total] = await Promise.all([
    base
      .select(sessionColumns)
      .orderBy("s.starts_at", when === "upcoming" ? "asc" : "desc")
      .orderBy("s.id")
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute(),
    base.select(sql<string>`count(*)::text`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toSummary), total: Number(total.n) };
}

/** Every session of a roundtable, for staff forms (the session an agreement was taken in). */
export async function sessionChoices(db: Executor, ref: RoundtableRef): Promise<SessionSummary[]> {
  const rows = await db.selectFrom("roundtable_sessions as s").select(sessionColumns).where("s.municipality_id", "=", ref.municipalityId).where("s.roundtable_id", "=", ref.id).orderBy("s.starts_at", "desc").limit(500).execute();
  return rows.map(toSummary);
}

export async function findSession(db: Executor, ref: RoundtableRef, sessionId: number, audience: "public" | "staff"): Promise<SessionDetail | null> {
  const row = await db
    .selectFrom("roundtable_sessions as s")
    .select([...sessionColumns, "s.minutes", "s.updated_at"])
    .where("s.municipality_id", "=", ref.municipalityId)
    .where("s.roundtable_id", "=", ref.id)
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return null;
  const [agenda, attendance, files] = await Promise.all([
    db.selectFrom("roundtable_agenda_items").select("title").where("municipality_id", "=", ref.municipalityId).where("session_id", "=", sessionId).orderBy("position").execute(),
    db.selectFrom("roundtable_attendance").select("member_id").where("municipality_id", "=", ref.municipalityId).where("session_id", "=", sessionId).execute(),
    db
      .selectFrom("roundtable_session_files")
      .select(["id", "title", "file_type", "file_bytes", "thumbnail_key"])
      .where("municipality_id", "=", ref.municipalityId)
      .where("session_id", "=", sessionId)
      .orderBy("uploaded_at")
      .orderBy("id")
      .execute(),
  ]);
  const published = row.minutes_published_at !== null;
  return {
    ...toSummary(row),
    roundtableId: ref.id,
    agenda: agenda.map((a) => a.title),
    attendance: attendance.map((a) => a.member_id),
    minutes: audience === "staff" || published ? row.minutes : null,
    minutesPublishedAt: row.minutes_published_at ? new Date(row.minutes_published_at) : null,
    files: files.map((f) => ({ id: f.id, title: f.title, fileType: f.file_type, bytes: f.file_bytes, hasThumbnail: f.thumbnail_key !== null })),
    updatedAt: new Date(row.updated_at),
  };
}

export async function findSessionFile(db: Executor, ref: RoundtableRef, sessionId: number, fileId: number) {
  return db
    .selectFrom("roundtable_session_files as f")
    .innerJoin("roundtable_sessions as s", (j) => j.onRef("s.municipality_id", "=", "f.municipality_id").onRef("s.id", "=", "f.session_id"))
    .select(["f.file_key", "f.thumbnail_key", "f.file_type", "f.title"])
    .where("f.municipality_id", "=", ref.municipalityId)
    .where("s.roundtable_id", "=", ref.id)
    .where("f.session_id", "=", sessionId)
    .where("f.id", "=", fileId)
    .executeTakeFirst();
}

export interface CalendarSession {
  id: number;
  roundtableId: number;
  roundtableName: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  onlineUrl: string | null;
  cancelled: boolean;
  agenda: string[];
  updatedAt: Date;
}

/** Sessions of a process not yet ended (cancelled ones too, so calendars drop them), for iCal. */
export async function upcomingProcessSessions(db: Executor, municipalityId: number, processId: number, now = new Date(), limit = 500): Promise<CalendarSession[]> {
  const rows = await db
    .selectFrom("roundtable_sessions as s")
    .innerJoin("roundtables as r", (j) => j.onRef("r.municipality_id", "=", "s.municipality_id").onRef("r.id", "=", "s.roundtable_id"))
    .select([
      "s.id",
      "s.roundtable_id",
      "r.name",
      "s.title",
      "s.starts_at",
      "s.ends_at",
      "s.place",
      "s.online_url",
      "s.cancelled",
      "s.updated_at",
      sql<string[]>`coalesce((select array_agg(a.title order by a.position) from roundtable_agenda_items a where a.municipality_id = s.municipality_id and a.session_id = s.id), '{}')`.as("agenda"),
    ])
    .where("s.municipality_id", "=", municipalityId)
    .where("r.process_id", "=", processId)
    .where("s.ends_at", ">", now)
    .orderBy("s.starts_at")
    .orderBy("s.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    roundtableId: r.roundtable_id,
    roundtableName: r.name,
    title: r.title,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    place: r.place,
    onlineUrl: r.online_url,
    cancelled: r.cancelled,
    agenda: r.agenda,
    updatedAt: new Date(r.updated_at),
  }));
}
