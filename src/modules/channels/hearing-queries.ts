/**
 * Read models of open hearings. Every function names the columns it returns: the public ones
 * (hearing, screen, summary, calendar) never select a turn's topic, name, e-mail or phone; only
 * `staffTurns` and `turnContact` do, and only staff routes call them.
 */
import { sql, type Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { HearingStatus, HearingTurnTable, TurnStatus, TurnVia } from "./tables.js";
import "./tables.js";

export interface HearingView {
  municipalityId: number;
  id: number;
  slug: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  office: { id: number; slug: string; name: string; address: string } | null;
  place: string;
  officials: string[];
  capacity: number;
  onlineCapacity: number;
  status: HearingStatus;
  currentTurn: number;
  summary: string;
  commitments: string[];
  closedAt: Date | null;
  updatedAt: Date;
}

const HEARING_COLUMNS = [
  "h.id", "h.slug", "h.title", "h.description", "h.starts_at", "h.ends_at", "h.office_id", "h.place", "h.officials", "h.capacity",
  "h.online_capacity", "h.status", "h.current_turn", "h.summary", "h.commitments", "h.closed_at", "h.updated_at",
  "o.slug as office_slug", "o.name as office_name", "o.address as office_address",
] as const;

function hearingsWithOffice(db: Executor, municipalityId: number) {
  return db
    .selectFrom("hearings as h")
    .leftJoin("service_offices as o", (j) => j.onRef("o.municipality_id", "=", "h.municipality_id").onRef("o.id", "=", "h.office_id"))
    .where("h.municipality_id", "=", municipalityId);
}

type HearingRow = Awaited<ReturnType<ReturnType<typeof selectHearing>["executeTakeFirstOrThrow"]>>;
const selectHearing = (db: Executor, municipalityId: number) => hearingsWithOffice(db, municipalityId).select(HEARING_COLUMNS);

function toView(municipalityId: number, r: HearingRow): HearingView {
  return {
    municipalityId,
    id: r.id,
    slug: r.slug,
    title: r.title,
    description: r.description,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    office: r.office_id !== null && r.office_slug !== null ? { id: r.office_id, slug: r.office_slug, name: r.office_name!, address: r.office_address! } : null,
    place: r.place,
    officials: (r.officials as string[]) ?? [],
    capacity: r.capacity,
    onlineCapacity: r.online_capacity,
    status: r.status,
    currentTurn: r.current_turn,
    summary: r.summary,
    commitments: (r.commitments as string[]) ?? [],
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    updatedAt: new Date(r.updated_at),
  };
}

export async function findHearing(db: Executor, municipalityId: number, slug: string): Promise<HearingView | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const row = await selectHearing(db, municipalityId).where("h.slug", "=", slug).executeTakeFirst();
  return row ? toView(municipalityId, row) : null;
}

export async function findHearingById(db: Executor, municipalityId: number, id: number): Promise<HearingView | null> {
  const row = await selectHearing(db, municipalityId).where("h.id", "=", id).executeTakeFirst();
  return row ? toView(municipalityId, row) : null;
}

/** Still ahead (or under way): listed first, soonest first; the rest after, latest first. */
const isUpcoming = (now: Date) => sql<boolean>`(h.status in ('programada', 'en_curso') and h.ends_at >= ${now})`;

export async function listHearings(db: Executor, municipalityId: number, options: { page: number; perPage: number; now?: Date }): Promise<{ rows: HearingView[]; total: number }> {
  const now = options.now ?? new Date();
  const total = Number((await db.selectFrom("hearings").select((eb) => eb.fn.countAll<string>().as("n")).where("municipality_id", "=", municipalityId).executeTakeFirstOrThrow()).n);
  const rows = await selectHearing(db, municipalityId)
    .orderBy(sql`case when ${isUpcoming(now)} then 0 else 1 end`)
    .orderBy(sql`case when ${isUpcoming(now)} then h.starts_at end`, "asc")
    .orderBy("h.starts_at", "desc")
    .orderBy("h.id")
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage)
    .execute();
  return { rows: rows.map((r) => toView(municipalityId, r)), total };
}

/** For the calendar: every hearing from `since` on (cancelled ones too, marked so). */
export async function calendarHearings(db: Executor, municipalityId: number, since: Date, limit = 500): Promise<HearingView[]> {
  const rows = await selectHearing(db, municipalityId).where("h.starts_at", ">=", since).orderBy("h.starts_at").orderBy("h.id").limit(limit).execute();
  return rows.map((r) => toView(municipalityId, r));
}

export interface TurnCounts {
  /** Turns given and not cancelled (what the capacity counts). */
  taken: number;
  online: number;
  attended: number;
  waiting: number;
}

export async function turnCounts(db: Executor, municipalityId: number, hearingId: number): Promise<TurnCounts> {
  const r = await db
    .selectFrom("hearing_turns")
    .select([
      sql<string>`count(*) filter (where status <> 'cancelado')`.as("taken"),
      sql<string>`count(*) filter (where status <> 'cancelado' and registered_via = 'en_linea')`.as("online"),
      sql<string>`count(*) filter (where status = 'atendido')`.as("attended"),
      sql<string>`count(*) filter (where status = 'en_espera')`.as("waiting"),
    ])
    .where("municipality_id", "=", municipalityId)
    .where("hearing_id", "=", hearingId)
    .executeTakeFirstOrThrow();
  return { taken: Number(r.taken), online: Number(r.online), attended: Number(r.attended), waiting: Number(r.waiting) };
}

/** Online turns still available: the online share left, and never more than the room has left. */
export function onlineTurnsLeft(h: Pick<HearingView, "capacity" | "onlineCapacity">, counts: TurnCounts): number {
  return Math.max(0, Math.min(h.onlineCapacity - counts.online, h.capacity - counts.taken));
}

/** What the room's screen shows: numbers only. */
export interface ScreenState {
  status: HearingStatus;
  currentTurn: number;
  next: number[];
}

export const SCREEN_NEXT = 5;

export async function screenState(db: Executor, municipalityId: number, hearingId: number): Promise<ScreenState | null> {
  const h = await db.selectFrom("hearings").select(["status", "current_turn"]).where("municipality_id", "=", municipalityId).where("id", "=", hearingId).executeTakeFirst();
  if (!h) return null;
  const next = await db
    .selectFrom("hearing_turns")
    .select("number")
    .where("municipality_id", "=", municipalityId)
    .where("hearing_id", "=", hearingId)
    .where("status", "=", "en_espera")
    .orderBy("number")
    .limit(SCREEN_NEXT)
    .execute();
  return { status: h.status, currentTurn: h.current_turn, next: next.map((n) => n.number) };
}

/** A petition as the public sees it: what it became and under which topic it is counted. */
export interface PetitionLink {
  kind: "solicitud" | "propuesta";
  folio: string;
  topic: string;
  processSlug: string | null;
  proposalNumber: number | null;
}

function petitionsQuery(db: Executor, municipalityId: number, hearingId: number) {
  return db
    .selectFrom("hearing_petitions as p")
    .leftJoin("service_requests as r", (j) => j.onRef("r.municipality_id", "=", "p.municipality_id").onRef("r.id", "=", "p.request_id"))
    .leftJoin("proposals as pr", (j) => j.onRef("pr.municipality_id", "=", "p.municipality_id").onRef("pr.id", "=", "p.proposal_id"))
    .leftJoin("participatory_processes as pp", (j) => j.onRef("pp.municipality_id", "=", "pr.municipality_id").onRef("pp.id", "=", "pr.process_id"))
    .where("p.municipality_id", "=", municipalityId)
    .where("p.hearing_id", "=", hearingId);
}

/** The petitions the public summary links to: not the proposals hidden by moderation. */
const listedPetitions = (db: Executor, municipalityId: number, hearingId: number) =>
  petitionsQuery(db, municipalityId, hearingId).where((eb) => eb.or([eb("pr.id", "is", null), eb("pr.hidden_at", "is", null)]));

const PETITION_COLUMNS = ["p.id", "p.topic", "p.turn_number", "r.folio", "pr.number as proposal_number", "pp.slug as process_slug"] as const;

function toPetition(r: { topic: string; folio: string | null; proposal_number: number | null; process_slug: string | null }): PetitionLink {
  if (r.folio !== null) return { kind: "solicitud", folio: r.folio, topic: r.topic, processSlug: null, proposalNumber: null };
  return { kind: "propuesta", folio: `PROP-${String(r.proposal_number ?? 0).padStart(4, "0")}`, topic: r.topic, processSlug: r.process_slug, proposalNumber: r.proposal_number };
}

export interface PublicSummary {
  registered: number;
  attended: number;
  petitions: number;
  byTopic: { topic: string; count: number }[];
  /** One page of the folios that can be linked (a proposal hidden by moderation is counted, not linked). */
  folios: PetitionLink[];
  listed: number;
}

/** The public summary of a hearing: counts, petitions by topic, and one page of their folios. */
export async function publicSummary(db: Executor, municipalityId: number, hearingId: number, page: { page: number; perPage: number }): Promise<PublicSummary> {
  const [counts, byTopic, folios, listed] = await Promise.all([
    turnCounts(db, municipalityId, hearingId),
    db
      .selectFrom("hearing_petitions")
      .select(["topic", sql<string>`count(*)`.as("n")])
      .where("municipality_id", "=", municipalityId)
      .where("hearing_id", "=", hearingId)
      .groupBy("topic")
      .orderBy(sql`count(*)`, "desc")
      .orderBy("topic")
      .execute(),
    listedPetitions(db, municipalityId, hearingId)
      .select(PETITION_COLUMNS)
      .orderBy("p.id")
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute(),
    listedPetitions(db, municipalityId, hearingId).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const topics = byTopic.map((t) => ({ topic: t.topic, count: Number(t.n) }));
  return {
    registered: counts.taken,
    attended: counts.attended,
    petitions: topics.reduce((s, t) => s + t.count, 0),
    byTopic: topics,
    folios: folios.map(toPetition),
    listed: Number(listed.n),
  };
}

/** The petitions of one turn (the attendee's private page, the staff turn page). */
export async function turnPetitions(db: Executor, municipalityId: number, hearingId: number, number: number): Promise<PetitionLink[]> {
  const rows = await petitionsQuery(db, municipalityId, hearingId).select(PETITION_COLUMNS).where("p.turn_number", "=", number).orderBy("p.id").execute();
  return rows.map(toPetition);
}

/** The attendee's own turn, found by the hash of their private link. */
export interface PrivateTurn {
  number: number;
  status: TurnStatus;
  registeredVia: TurnVia;
}

export async function turnByTokenHash(db: Executor, municipalityId: number, hearingId: number, tokenHash: string): Promise<PrivateTurn | null> {
  const row = await db
    .selectFrom("hearing_turns")
    .select(["number", "status", "registered_via"])
    .where("municipality_id", "=", municipalityId)
    .where("hearing_id", "=", hearingId)
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  return row ? { number: row.number, status: row.status, registeredVia: row.registered_via } : null;
}

/** Staff only: a turn with what the person said and the contact they gave. */
export interface StaffTurn {
  number: number;
  registeredVia: TurnVia;
  status: TurnStatus;
  topic: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  createdAt: Date;
  calledAt: Date | null;
  petitions: PetitionLink[];
}

const STAFF_TURN_COLUMNS = ["number", "registered_via", "status", "topic", "name", "email", "phone", "created_at", "called_at"] as const;

function turnsOf(db: Executor, municipalityId: number, hearingId: number) {
  return db.selectFrom("hearing_turns").where("municipality_id", "=", municipalityId).where("hearing_id", "=", hearingId);
}

/** Turns with their petitions (one query for the petitions of every turn asked for). */
async function withPetitions(db: Executor, municipalityId: number, hearingId: number, rows: Pick<Selectable<HearingTurnTable>, (typeof STAFF_TURN_COLUMNS)[number]>[]): Promise<StaffTurn[]> {
  const numbers = rows.map((r) => r.number);
  const petitions = numbers.length ? await petitionsQuery(db, municipalityId, hearingId).select(PETITION_COLUMNS).where("p.turn_number", "in", numbers).orderBy("p.id").execute() : [];
  return rows.map((r) => ({
    number: r.number,
    registeredVia: r.registered_via,
    status: r.status,
    topic: r.topic,
    name: r.name,
    email: r.email,
    phone: r.phone,
    createdAt: new Date(r.created_at),
    calledAt: r.called_at ? new Date(r.called_at) : null,
    petitions: petitions.filter((p) => p.turn_number === r.number).map(toPetition),
  }));
}

export async function staffTurns(db: Executor, municipalityId: number, hearingId: number, page: { page: number; perPage: number }): Promise<{ rows: StaffTurn[]; total: number }> {
  const total = Number((await turnsOf(db, municipalityId, hearingId).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await turnsOf(db, municipalityId, hearingId).select(STAFF_TURN_COLUMNS).orderBy("number").limit(page.perPage).offset((page.page - 1) * page.perPage).execute();
  return { total, rows: await withPetitions(db, municipalityId, hearingId, rows) };
}

export async function staffTurn(db: Executor, municipalityId: number, hearingId: number, number: number): Promise<StaffTurn | null> {
  const rows = await turnsOf(db, municipalityId, hearingId).select(STAFF_TURN_COLUMNS).where("number", "=", number).execute();
  return (await withPetitions(db, municipalityId, hearingId, rows))[0] ?? null;
}

/** The turns being called now (a recorded petition makes a turn atendido, so these have none). */
export async function calledTurns(db: Executor, municipalityId: number, hearingId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("hearing_turns as t")
    .select("t.number")
    .where("t.municipality_id", "=", municipalityId)
    .where("t.hearing_id", "=", hearingId)
    .where("t.status", "=", "llamado")
    .orderBy("t.number")
    .execute();
  return rows.map((r) => r.number);
}
