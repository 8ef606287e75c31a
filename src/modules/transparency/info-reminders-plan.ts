/**
 * Which reminders and escalations an open information or ARCO request calls for on a given date.
 * Pure reads: the same plan is computed to show a dry run, and again under the request's row lock
 * right before one is sent, so what goes out always matches the request as it is then.
 *
 * - N business days before the due date in force (the extended one after an extension), each
 *   turned department that has not recorded its contribution gets a reminder; an information
 *   request turned to nobody, and every ARCO request, remind the transparency unit instead
 *   (ARCO requests are never shown to departments).
 * - From the first business day after the due date, one escalation to the unit and the
 *   administrators (ARCO: the unit only) names the departments still missing and the business
 *   days overdue.
 * Each is keyed by request, kind, due date and department (null: the unit), and sent once.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { loadCalendar } from "../../platform/calendar/queries.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import type { RequestKind } from "./profiles.js";
import { OPEN_STATUSES } from "./info-tables.js";
import type { ReminderKind } from "./info-reminders-tables.js";
import "./info-reminders-tables.js";

export const DEFAULT_DAYS_BEFORE = 3;
export const MAX_DAYS_BEFORE = 15;

/** Business days before the due date that reminders go out in this municipality. */
export async function reminderDaysBefore(db: Executor, municipalityId: number): Promise<number> {
  const row = await db.selectFrom("information_reminder_settings").select("days_before").where("municipality_id", "=", municipalityId).executeTakeFirst();
  return row?.days_before ?? DEFAULT_DAYS_BEFORE;
}

export interface Department {
  id: number;
  name: string;
}

/** Who an e-mail is written for: a department's staff, the unit, or the unit and administrators. */
export type Audience = "department" | "unit" | "unitAndAdmins";

export interface Notice {
  kind: ReminderKind;
  requestId: number;
  folio: string;
  requestKind: RequestKind;
  dueOn: LocalDate;
  /** Business days left (reminder) or overdue (escalation). */
  businessDays: number;
  /** The rows it writes: one per department (null: the unit). */
  keys: (number | null)[];
  /** Reminder: the department reminded. Escalation: the turned departments without their part. */
  departments: Department[];
  /** Whether the request was turned to any department. */
  turned: boolean;
  audience: Audience;
  /** The department has nobody registered: its reminder goes to the unit. */
  noStaff: boolean;
  recipients: string[];
}

export const noticeKey = (n: Pick<Notice, "kind" | "requestId" | "dueOn" | "keys">): string => `${n.requestId}|${n.kind}|${n.dueOn}|${n.keys.join(",")}`;

interface StaffEmails {
  department: Map<number, string[]>;
  unit: string[];
  admins: string[];
}

async function staffEmails(db: Executor, municipalityId: number): Promise<StaffEmails> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.email", "m.role", "m.department_id"])
    .where("m.municipality_id", "=", municipalityId)
    .where("m.role", "in", ["department_staff", "transparency_unit", "administrator"])
    .where("u.disabled_at", "is", null)
    .orderBy("u.email")
    .execute();
  const out: StaffEmails = { department: new Map(), unit: [], admins: [] };
  for (const r of rows) {
    if (r.role === "transparency_unit") out.unit.push(r.email);
    else if (r.role === "administrator") out.admins.push(r.email);
    else if (r.department_id !== null) out.department.set(r.department_id, [...(out.department.get(r.department_id) ?? []), r.email]);
  }
  return out;
}

/**
 * Everything due on `today` for the open requests of one municipality not yet sent (or, with
 * `requestId`, for that request only).
 */
export async function planNotices(db: Executor, municipalityId: number, today: LocalDate, daysBefore: number, requestId?: number): Promise<Notice[]> {
  const calendar = await loadCalendar(db, municipalityId);
  // A request is due for a reminder when at most `daysBefore` business days are left, i.e. its
  // due date comes before the (daysBefore + 1)-th business day after today.
  const horizon = calendar.addBusinessDays(today, daysBefore + 1);
  let q = db
    .selectFrom("information_requests as r")
    .select(["r.id", "r.folio", "r.kind", sql<string>`coalesce(r.extended_due_on, r.due_on)::text`.as("due")])
    .where("r.municipality_id", "=", municipalityId)
    .where("r.status", "in", [...OPEN_STATUSES])
    .where(sql<boolean>`coalesce(r.extended_due_on, r.due_on) < ${horizon}::date`);
  if (requestId !== undefined) q = q.where("r.id", "=", requestId);
  const requests = await q.orderBy(sql`coalesce(r.extended_due_on, r.due_on)`).orderBy("r.id").execute();
  if (requests.length === 0) return [];
  const ids = requests.map((r) => r.id);
  const [turns, sent, staff] = await Promise.all([
    db
      .selectFrom("information_request_turns as t")
      .innerJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "t.municipality_id").onRef("d.id", "=", "t.department_id"))
      .leftJoin("information_request_contributions as c", (j) =>
        j.onRef("c.municipality_id", "=", "t.municipality_id").onRef("c.request_id", "=", "t.request_id").onRef("c.department_id", "=", "t.department_id"),
      )
      .select(["t.request_id", "t.department_id", "d.name", sql<boolean>`c.request_id is not null`.as("contributed")])
      .where("t.municipality_id", "=", municipalityId)
      .where("t.request_id", "in", ids)
      .orderBy("d.name")
      .execute(),
    db
      .selectFrom("information_request_reminders")
      .select(["request_id", "kind", sql<string>`due_on::text`.as("due_on"), "department_id"])
      .where("municipality_id", "=", municipalityId)
      .where("request_id", "in", ids)
      .execute(),
    staffEmails(db, municipalityId),
  ]);
  const alreadySent = new Set(sent.map((s) => `${Number(s.request_id)}|${s.kind}|${s.due_on}|${s.department_id}`));
  const isSent = (id: number, kind: ReminderKind, due: string, key: number | null) => alreadySent.has(`${id}|${kind}|${due}|${key}`);
  const unitOrAdmins = staff.unit.length > 0 ? staff.unit : staff.admins;
  const notices: Notice[] = [];
  for (const r of requests) {
    const id = Number(r.id);
    const due = r.due as LocalDate;
    const turned = turns.filter((t) => Number(t.request_id) === id);
    const pending = turned.filter((t) => !t.contributed).map((t) => ({ id: t.department_id, name: t.name }));
    const base = { requestId: id, folio: r.folio, requestKind: r.kind, dueOn: due, turned: turned.length > 0 };
    if (today <= due) {
      const left = calendar.businessDaysBetween(today, due);
      if (left > daysBefore) continue;
      const reminder = { ...base, kind: "reminder" as const, businessDays: left };
      if (r.kind === "arco" || turned.length === 0) {
        if (!isSent(id, "reminder", due, null)) notices.push({ ...reminder, keys: [null], departments: [], audience: "unit", noStaff: false, recipients: unitOrAdmins });
        continue;
      }
      for (const d of pending) {
        if (isSent(id, "reminder", due, d.id)) continue;
        const own = staff.department.get(d.id) ?? [];
        notices.push({ ...reminder, keys: [d.id], departments: [d], audience: own.length > 0 ? "department" : "unit", noStaff: own.length === 0, recipients: own.length > 0 ? own : unitOrAdmins });
      }
      continue;
    }
    // Overdue from the first business day after the due date (a weekend right after it is not a delay yet).
    const overdue = calendar.businessDaysBetween(due, today);
    if (overdue < 1) continue;
    // A department turned after the escalation gets its own; otherwise one escalation per due date.
    const missing = pending.length > 0 ? pending.filter((d) => !isSent(id, "escalation", due, d.id)) : [];
    const keys: (number | null)[] = pending.length > 0 ? missing.map((d) => d.id) : isSent(id, "escalation", due, null) ? [] : [null];
    if (keys.length === 0) continue;
    const arco = r.kind === "arco";
    notices.push({
      ...base, kind: "escalation", businessDays: overdue, keys, departments: missing, audience: arco ? "unit" : "unitAndAdmins", noStaff: false,
      recipients: arco ? unitOrAdmins : [...new Set([...staff.unit, ...staff.admins])],
    });
  }
  return notices;
}
