/**
 * Read models of the staff side: the live queue (filters that always name the statuses, so the
 * (municipality_id, status, due_at) index leads every plan), one request with its full history,
 * the people a request can be assigned to, and what an SSE message may say.
 */
import type { Executor } from "../../platform/db/database.js";
import type { BusMessage } from "../../platform/bus.js";
import { listDepartments, listColonias } from "../territory/queries.js";
import { listServices } from "./catalogue.js";
import { urgencyOf, timeLeftText, type Urgency } from "./deadline.js";
import { PUBLIC_REQUEST_COLUMNS, presentStaffRequest, type StaffRequest, type StaffRequestRow } from "./presenters.js";
import { isOpen, OPEN_STATUSES } from "./status.js";
import { CHANNELS, PRIORITIES, REQUEST_STATUSES, type Channel, type Priority, type RequestStatus } from "./tables.js";

export const QUEUE_PAGE_SIZE = 25;
export const URGENCIES = ["vencidas", "24h", "a-tiempo"] as const;
export type UrgencyFilter = (typeof URGENCIES)[number];
export const QUEUE_ORDERS = ["vencimiento", "recientes"] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

export interface QueueFilters {
  /** null: every department. */
  departmentId: number | null;
  coloniaId: number | null;
  serviceId: number | null;
  /** How it arrived (web, open311, phone, brigade, hearing, office); null: every channel. */
  channel: Channel | null;
  /** Never empty: without a choice, the open statuses. */
  statuses: RequestStatus[];
  priority: Priority | null;
  urgency: UrgencyFilter | null;
  order: QueueOrder;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? [value] : [];
}

function positiveInt(value: unknown): number | null {
  const v = list(value)[0] ?? "";
  return /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null;
}

/**
 * The queue's GET parameters (dependencia, colonia, servicio, canal, estado (repeated), prioridad,
 * urgencia, orden). Without a `dependencia` parameter, department staff see their own
 * department; `dependencia=` (empty) widens to all. Unknown values are ignored, never a 500.
 */
export function parseQueueFilters(query: Record<string, unknown>, ownDepartmentId: number | null): QueueFilters {
  const statuses = list(query.estado).filter((s): s is RequestStatus => (REQUEST_STATUSES as readonly string[]).includes(s));
  const priority = list(query.prioridad)[0];
  const urgency = list(query.urgencia)[0];
  const order = list(query.orden)[0];
  const channel = list(query.canal)[0];
  return {
    departmentId: "dependencia" in query ? positiveInt(query.dependencia) : ownDepartmentId,
    coloniaId: positiveInt(query.colonia),
    serviceId: positiveInt(query.servicio),
    channel: (CHANNELS as readonly string[]).includes(channel ?? "") ? (channel as Channel) : null,
    statuses: statuses.length ? [...new Set(statuses)] : [...OPEN_STATUSES],
    priority: (PRIORITIES as readonly string[]).includes(priority ?? "") ? (priority as Priority) : null,
    urgency: (URGENCIES as readonly string[]).includes(urgency ?? "") ? (urgency as UrgencyFilter) : null,
    order: (QUEUE_ORDERS as readonly string[]).includes(order ?? "") ? (order as QueueOrder) : "vencimiento",
  };
}

/** The filters back as query parameters (links, the live script's row requests). */
export function filtersToQuery(f: QueueFilters): URLSearchParams {
  const q = new URLSearchParams();
  q.set("dependencia", f.departmentId === null ? "" : String(f.departmentId));
  if (f.coloniaId !== null) q.set("colonia", String(f.coloniaId));
  if (f.serviceId !== null) q.set("servicio", String(f.serviceId));
  if (f.channel !== null) q.set("canal", f.channel);
  for (const s of f.statuses) q.append("estado", s);
  if (f.priority) q.set("prioridad", f.priority);
  if (f.urgency) q.set("urgencia", f.urgency);
  if (f.order !== "vencimiento") q.set("orden", f.order);
  return q;
}

const DAY_MS = 24 * 3_600_000;

function requestsOf(db: Executor, municipalityId: number) {
  return db.selectFrom("service_requests as r").where("r.municipality_id", "=", municipalityId);
}

function filtered(db: Executor, municipalityId: number, f: QueueFilters, now: Date) {
  // Urgency only means something for open requests.
  const statuses = f.urgency ? f.statuses.filter((s) => isOpen(s)) : f.statuses;
  let q = requestsOf(db, municipalityId).where("r.status", "in", statuses.length ? statuses : ["__ninguno__" as RequestStatus]);
  if (f.departmentId !== null) q = q.where("r.department_id", "=", f.departmentId);
  if (f.coloniaId !== null) q = q.where("r.colonia_id", "=", f.coloniaId);
  if (f.serviceId !== null) q = q.where("r.service_id", "=", f.serviceId);
  if (f.channel !== null) q = q.where("r.channel", "=", f.channel);
  if (f.priority) q = q.where("r.priority", "=", f.priority);
  const soon = new Date(now.getTime() + DAY_MS);
  if (f.urgency === "vencidas") q = q.where("r.due_at", "<", now);
  if (f.urgency === "24h") q = q.where("r.due_at", ">=", now).where("r.due_at", "<", soon);
  if (f.urgency === "a-tiempo") q = q.where("r.due_at", ">=", soon);
  return q;
}

const STAFF_COLUMNS = [...PUBLIC_REQUEST_COLUMNS, "r.priority", "r.department_id", "r.assignee_user_id", "u.display_name as assignee_name", "r.address", "r.attributes"] as const;

function withJoins(q: ReturnType<typeof requestsOf>) {
  return q
    .innerJoin("request_services as s", (j) => j.onRef("s.municipality_id", "=", "r.municipality_id").onRef("s.id", "=", "r.service_id"))
    .leftJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "r.municipality_id").onRef("c.id", "=", "r.colonia_id"))
    .leftJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "r.municipality_id").onRef("d.id", "=", "r.department_id"))
    .leftJoin("users as u", "u.id", "r.assignee_user_id")
    .select(STAFF_COLUMNS);
}

export interface QueueRow extends StaffRequest {
  urgency: Urgency;
  timeLeft: string | null;
}

function toQueueRow(row: unknown, now: Date): QueueRow {
  const r = presentStaffRequest(row as StaffRequestRow);
  const open = isOpen(r.status);
  const due = new Date(r.dueAt);
  return { ...r, urgency: urgencyOf(due, open, now), timeLeft: open ? timeLeftText(due, now) : null };
}

export async function listQueue(db: Executor, municipalityId: number, f: QueueFilters, page: number, now = new Date()): Promise<{ rows: QueueRow[]; total: number }> {
  const base = filtered(db, municipalityId, f, now);
  let rowsQuery = withJoins(base);
  rowsQuery = f.order === "recientes" ? rowsQuery.orderBy("r.created_at", "desc") : rowsQuery.orderBy("r.due_at", "asc");
  const [rows, count] = await Promise.all([
    rowsQuery
      .orderBy("r.id", "desc")
      .limit(QUEUE_PAGE_SIZE)
      .offset((page - 1) * QUEUE_PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => toQueueRow(r, now)), total: Number(count.n) };
}

/** One queue row when it matches the viewer's filters (the live script asks after each event), else null. */
export async function findQueueRow(db: Executor, municipalityId: number, f: QueueFilters, folio: string, now = new Date()): Promise<QueueRow | null> {
  const row = await withJoins(filtered(db, municipalityId, f, now)).where("r.folio", "=", folio).executeTakeFirst();
  return row ? toQueueRow(row, now) : null;
}

/** A request for the staff page, whatever its status. */
export async function findStaffRequest(db: Executor, municipalityId: number, folio: string, now = new Date()): Promise<QueueRow | null> {
  const row = await withJoins(requestsOf(db, municipalityId).where("r.folio", "=", folio)).executeTakeFirst();
  return row ? toQueueRow(row, now) : null;
}

/** Personal data of the requester: call only when the viewer may see it (REQUESTS.viewContact). */
export async function findRequestContact(db: Executor, municipalityId: number, requestId: string) {
  const c = await db.selectFrom("request_contacts").select(["name", "email", "phone"]).where("municipality_id", "=", municipalityId).where("request_id", "=", requestId).executeTakeFirst();
  return c ?? null;
}

export interface StaffEvent {
  at: Date;
  kind: string;
  from: string | null;
  to: string | null;
  body: string | null;
  public: boolean;
  actor: string | null;
}

/** The full history for staff (internal notes included, marked by `public: false`), oldest first. */
export async function staffHistory(db: Executor, municipalityId: number, requestId: string): Promise<StaffEvent[]> {
  const rows = await db
    .selectFrom("request_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .select(["e.occurred_at", "e.kind", "e.from_value", "e.to_value", "e.body", "e.public", "u.display_name"])
    .where("e.municipality_id", "=", municipalityId)
    .where("e.request_id", "=", requestId)
    .orderBy("e.occurred_at")
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({ at: r.occurred_at, kind: r.kind, from: r.from_value, to: r.to_value, body: r.body, public: r.public, actor: r.display_name }));
}

/** Staff who can be given a request: administrators and department staff of the municipality. */
export async function assigneeOptions(db: Executor, municipalityId: number): Promise<{ id: number; name: string; departmentId: number | null }[]> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.display_name", "m.department_id"])
    .where("m.municipality_id", "=", municipalityId)
    .where("m.role", "in", ["administrator", "department_staff"])
    .where("u.disabled_at", "is", null)
    .orderBy("u.display_name")
    .orderBy("u.id")
    .execute();
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ id: r.id, name: r.display_name, departmentId: r.department_id }));
}

export interface FilterOptions {
  departments: { id: number; name: string }[];
  colonias: { id: number; name: string }[];
  services: { id: number; code: string; name: string }[];
}

export async function queueFilterOptions(db: Executor, municipalityId: number): Promise<FilterOptions> {
  const [departments, colonias, services] = await Promise.all([
    listDepartments(db, municipalityId),
    listColonias(db, municipalityId, { page: 1, perPage: 5000 }),
    listServices(db, municipalityId, { includeInactive: true }),
  ]);
  return {
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    colonias: colonias.rows.map((c) => ({ id: c.id, name: c.name })),
    services: services.map((s) => ({ id: s.id, code: s.code, name: s.name })),
  };
}

/** Folio and department of the requests a bulk action names, to check the viewer may work on each. */
export async function requestsForWork(db: Executor, municipalityId: number, ids: string[]): Promise<{ id: string; folio: string; department_id: number | null }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("service_requests").select(["id", "folio", "department_id"]).where("municipality_id", "=", municipalityId).where("id", "in", ids).orderBy("id").execute();
}

export async function requestIdByFolio(db: Executor, municipalityId: number, folio: string): Promise<string | null> {
  const row = await db.selectFrom("service_requests").select("id").where("municipality_id", "=", municipalityId).where("folio", "=", folio).executeTakeFirst();
  return row?.id ?? null;
}

export async function findRequestPhoto(db: Executor, municipalityId: number, requestId: string, photoId: string) {
  return db
    .selectFrom("request_photos")
    .select(["storage_key", "thumbnail_key", "content_type"])
    .where("municipality_id", "=", municipalityId)
    .where("request_id", "=", requestId)
    .where("id", "=", photoId)
    .executeTakeFirst();
}

/** What a queue's SSE message says: folio, kind of change and status; no personal data ever. */
export function presentQueueEvent(message: BusMessage): { event: string; data: { folio: string; kind: string; status: string } } | null {
  const { folio, kind, status } = message.data as { folio?: unknown; kind?: unknown; status?: unknown };
  if (typeof folio !== "string" || typeof kind !== "string" || typeof status !== "string") return null;
  return { event: "solicitud", data: { folio, kind, status } };
}
