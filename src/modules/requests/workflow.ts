/**
 * Staff work on requests: status, assignee, priority, department, internal notes and public
 * updates — one change or the same change to many (bulk), each in one transaction that locks the
 * rows, writes a history row and an audit entry, and announces the change on the bus.
 */
import type { Executor, Trx } from "../../platform/db/database.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { publish } from "../../platform/bus.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { REQUESTS_TOPIC } from "./create.js";
import { RequestInputError } from "./errors.js";
import { canTransition, requiresReason } from "./status.js";
import { PRIORITIES, REQUEST_STATUSES, type EventKind, type Priority, type RequestStatus } from "./tables.js";

export type StaffChange =
  | { kind: "status"; to: RequestStatus; reason?: string | null }
  | { kind: "assignee"; userId: number | null }
  | { kind: "priority"; to: Priority }
  | { kind: "department"; departmentId: number }
  | { kind: "note"; body: string }
  | { kind: "update"; body: string };

const STATUS_LABELS: Record<RequestStatus, string> = {
  recibida: "recibida",
  asignada: "asignada",
  en_proceso: "en proceso",
  atendida: "atendida",
  cerrada: "cerrada",
  rechazada: "rechazada",
  duplicada: "duplicada",
};

interface Locked {
  id: string;
  folio: string;
  status: RequestStatus;
  priority: Priority;
  department_id: number | null;
  assignee_user_id: number | null;
}

async function lockRequests(trx: Trx, municipalityId: number, ids: string[]): Promise<Locked[]> {
  const rows = await trx
    .selectFrom("service_requests")
    .select(["id", "folio", "status", "priority", "department_id", "assignee_user_id"])
    .where("municipality_id", "=", municipalityId)
    .where("id", "in", ids)
    .orderBy("id")
    .forUpdate()
    .execute();
  if (rows.length !== new Set(ids).size) throw RequestInputError.single("request", "Alguna de las solicitudes no existe en este municipio.", 404);
  return rows;
}

async function isStaffMember(db: Executor, municipalityId: number, userId: number): Promise<boolean> {
  const row = await db.selectFrom("memberships").select("user_id").where("municipality_id", "=", municipalityId).where("user_id", "=", userId).executeTakeFirst();
  return row !== undefined;
}

function text(body: string, field: string, max = 5000): string {
  const v = body.trim();
  if (!v) throw RequestInputError.single(field, "Escriba el texto.", 422);
  if (v.length > max) throw RequestInputError.single(field, `El texto admite hasta ${max} caracteres.`, 422);
  return v;
}

/** Check a change before touching anything, so a bulk action fails whole. */
async function validate(db: Executor, municipalityId: number, change: StaffChange): Promise<void> {
  switch (change.kind) {
    case "status":
      if (!REQUEST_STATUSES.includes(change.to)) throw RequestInputError.single("status", "Estado desconocido.", 422);
      if (requiresReason(change.to) && !(change.reason ?? "").trim()) {
        throw RequestInputError.single("reason", `Explique el motivo para marcarla como ${STATUS_LABELS[change.to]}: el ciudadano lo leerá.`, 422);
      }
      return;
    case "priority":
      if (!PRIORITIES.includes(change.to)) throw RequestInputError.single("priority", "Prioridad desconocida.", 422);
      return;
    case "assignee":
      if (change.userId !== null && !(await isStaffMember(db, municipalityId, change.userId))) {
        throw RequestInputError.single("assignee", "Esa persona no pertenece al personal del municipio.", 422);
      }
      return;
    case "department": {
      const d = await db.selectFrom("departments").select("id").where("municipality_id", "=", municipalityId).where("id", "=", change.departmentId).where("active", "=", true).executeTakeFirst();
      if (!d) throw RequestInputError.single("department", "La dependencia no existe en este municipio.", 422);
      return;
    }
    case "note":
    case "update":
      text(change.body, "body");
  }
}

async function applyOne(trx: Trx, municipalityId: number, row: Locked, change: StaffChange, actor: Actor, now: Date): Promise<void> {
  let kind: EventKind = change.kind;
  let from: string | null = null;
  let to: string | null = null;
  let body: string | null = null;
  let isPublic = false;
  const set: Record<string, unknown> = { updated_at: now };
  switch (change.kind) {
    case "status": {
      if (!canTransition(row.status, change.to)) {
        throw RequestInputError.single("status", `La solicitud ${row.folio} está ${STATUS_LABELS[row.status]} y no puede pasar a ${STATUS_LABELS[change.to]}.`, 409);
      }
      from = row.status;
      to = change.to;
      body = (change.reason ?? "").trim() || null;
      isPublic = true;
      set.status = change.to;
      set.status_reason = requiresReason(change.to) ? body : null;
      if (change.to === "atendida") set.attended_at = now;
      if (change.to === "cerrada" || change.to === "rechazada" || change.to === "duplicada") set.closed_at = now;
      if (change.to === "en_proceso") set.closed_at = null;
      break;
    }
    case "assignee":
      from = row.assignee_user_id === null ? null : String(row.assignee_user_id);
      to = change.userId === null ? null : String(change.userId);
      set.assignee_user_id = change.userId;
      // Assigning a new request moves it to "asignada" on its own.
      if (change.userId !== null && row.status === "recibida") {
        set.status = "asignada";
        await event(trx, municipalityId, row.id, actor, now, "status", "recibida", "asignada", null, true);
      }
      break;
    case "priority":
      from = row.priority;
      to = change.to;
      set.priority = change.to;
      break;
    case "department":
      from = row.department_id === null ? null : String(row.department_id);
      to = String(change.departmentId);
      set.department_id = change.departmentId;
      set.assignee_user_id = null;
      break;
    case "note":
      body = text(change.body, "body");
      break;
    case "update":
      body = text(change.body, "body");
      isPublic = true;
      kind = "update";
      break;
  }
  await trx.updateTable("service_requests").set(set).where("municipality_id", "=", municipalityId).where("id", "=", row.id).execute();
  await event(trx, municipalityId, row.id, actor, now, kind, from, to, body, isPublic);
  await recordAudit(trx, {
    actor,
    municipalityId,
    action: `requests.${change.kind}`,
    subjectType: "service_request",
    subjectId: row.folio,
    // Notes and updates may hold anything a person typed: the audit keeps their length, not their text.
    details: { from, to, ...(body !== null ? { length: body.length } : {}) },
  });
  await publish(trx, { topic: REQUESTS_TOPIC, municipalityId, data: { requestId: row.id, folio: row.folio, kind: change.kind, status: (set.status as string) ?? row.status } });
}

export async function event(
  trx: Executor,
  municipalityId: number,
  requestId: string,
  actor: Actor,
  now: Date,
  kind: EventKind,
  from: string | null,
  to: string | null,
  body: string | null,
  isPublic: boolean,
): Promise<void> {
  await trx
    .insertInto("request_events")
    .values({
      municipality_id: municipalityId,
      request_id: requestId,
      occurred_at: now,
      actor_user_id: actor.kind === "user" ? actor.userId : null,
      kind,
      from_value: from,
      to_value: to,
      body,
      public: isPublic,
    })
    .execute();
}

/** Apply one change to one or many requests of a municipality: all succeed or none does. */
export async function applyStaffChange(services: Services, municipalityId: number, requestIds: string[], change: StaffChange, actor: Actor, now: Date = new Date()): Promise<void> {
  if (requestIds.length === 0) throw RequestInputError.single("ids", "Elija al menos una solicitud.", 422);
  if (requestIds.length > 200) throw RequestInputError.single("ids", "Se pueden cambiar hasta 200 solicitudes a la vez.", 422);
  if (!requestIds.every((id) => /^\d{1,18}$/.test(id))) throw RequestInputError.single("ids", "Identificador de solicitud no válido.", 400);
  await validate(services.db, municipalityId, change);
  await services.db.transaction().execute(async (trx) => {
    const rows = await lockRequests(trx, municipalityId, requestIds);
    for (const row of rows) await applyOne(trx, municipalityId, row, change, actor, now);
  });
}
