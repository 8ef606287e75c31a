/**
 * The staff live queue: the filtered table, one row for the live script, the SSE stream of
 * changes, and bulk changes. The request page and its forms live in routes-staff-work.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { renderToString } from "preact-render-to-string";
import { streamBus } from "../../platform/bus.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { authorizeInMunicipality } from "../../platform/http/tenant.js";
import { can, hasRole, isPlatformAdmin, type Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import type { FlashMessage, PageContext } from "../../platform/views/context.js";
import type { NavItem } from "../../platform/views/nav.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { REQUESTS_TOPIC } from "./create.js";
import { RequestInputError } from "./errors.js";
import { normalizeFolio } from "./folio.js";
import { REQUESTS } from "./policy.js";
import {
  assigneeOptions,
  filtersToQuery,
  findQueueRow,
  listQueue,
  parseQueueFilters,
  presentQueueEvent,
  QUEUE_PAGE_SIZE,
  queueFilterOptions,
  requestsForWork,
} from "./queries-staff.js";
import { field, folioParams, registerStaffWorkRoutes, slugParams } from "./routes-staff-work.js";
import { PRIORITIES, REQUEST_STATUSES, type Priority, type RequestStatus } from "./tables.js";
import type { StaffChange } from "./workflow.js";
import { applyStaffChange } from "./workflow.js";
import { StaffQueuePage } from "./views/staff-queue.js";
import { QueueRowView } from "./views/staff-row.js";

/** "Solicitudes" in a municipality's navigation, for whoever may see the queue. */
export function staffNav(ctx: PageContext, slug: string): NavItem[] {
  const municipalityId = ctx.municipality?.id;
  if (municipalityId === undefined || !can(ctx.actor, REQUESTS.viewQueue, { municipalityId })) return [];
  return [{ href: `/${slug}/admin/solicitudes`, label: ctx.t("reqStaff:nav") }];
}

/** The department a department-staff member works in (their queue's default), or null for town-hall-wide roles. */
export function ownDepartmentOf(actor: Actor, municipalityId: number): number | null {
  if (actor.kind !== "user" || isPlatformAdmin(actor) || hasRole(actor, municipalityId, "administrator")) return null;
  return actor.memberships.find((m) => m.municipalityId === municipalityId && m.role === "department_staff")?.departmentId ?? null;
}

function fieldList(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" && value ? [value] : [];
}

const SAFE_QUERY = /^[\w=&%.+-]{0,2000}$/;

/** A query string as Fastify would parse it (repeated keys become arrays). */
function queryObject(qs: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(qs)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** A bulk form's change, or a Spanish 422. */
function bulkChange(request: FastifyRequest): StaffChange {
  const body = request.body;
  const t = request.t;
  const action = field(body, "accion");
  const need = (v: string) => {
    if (!v) throw RequestInputError.single("valor", t("reqStaff:bulk.noValue"), 422);
    return v;
  };
  switch (action) {
    case "status": {
      const to = need(field(body, "estado"));
      if (!(REQUEST_STATUSES as readonly string[]).includes(to)) throw RequestInputError.single("estado", "Estado desconocido.", 422);
      return { kind: "status", to: to as RequestStatus, reason: field(body, "motivo") };
    }
    case "assignee": {
      const id = need(field(body, "asignado"));
      if (!/^\d{1,9}$/.test(id)) throw RequestInputError.single("asignado", "Persona no válida.", 422);
      return { kind: "assignee", userId: Number(id) };
    }
    case "priority": {
      const p = need(field(body, "prioridad"));
      if (!(PRIORITIES as readonly string[]).includes(p)) throw RequestInputError.single("prioridad", "Prioridad desconocida.", 422);
      return { kind: "priority", to: p as Priority };
    }
    case "department": {
      const id = need(field(body, "dependencia"));
      if (!/^\d{1,9}$/.test(id)) throw RequestInputError.single("dependencia", "Dependencia no válida.", 422);
      return { kind: "department", departmentId: Number(id) };
    }
    default:
      throw RequestInputError.single("accion", t("reqStaff:bulk.noAction"), 422);
  }
}

export async function registerStaffRequestRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const viewer = (request: FastifyRequest, reply: FastifyReply) => authorizeInMunicipality(db, request, reply, REQUESTS.viewQueue);

  async function queuePage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, query: Record<string, unknown>, status = 200, flash?: FlashMessage[]) {
    const own = ownDepartmentOf(request.actor, m.id);
    const filters = parseQueueFilters(query, own);
    const page = parsePage(query.pagina);
    const [queue, options, assignees] = await Promise.all([listQueue(db, m.id, filters, page), queueFilterOptions(db, m.id), assigneeOptions(db, m.id)]);
    const ctx = request.pageContext({ municipality: m, ...(flash ? { flash: [...request.flashMessages, ...flash] } : {}) });
    return reply.page(
      StaffQueuePage({
        ctx,
        slug: m.slug,
        timeZone: m.timeZone,
        rows: queue.rows,
        info: { page, perPage: QUEUE_PAGE_SIZE, total: queue.total },
        filters,
        filterQuery: filtersToQuery(filters).toString(),
        options,
        assignees,
        ownDepartmentDefault: own !== null && !("dependencia" in query),
        canWork: can(request.actor, REQUESTS.work, { municipalityId: m.id }),
        canTriage: can(request.actor, REQUESTS.triage, { municipalityId: m.id }),
      }),
      status,
    );
  }

  app.get("/:slug/admin/solicitudes", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await viewer(request, reply);
    if (!m) return reply;
    return queuePage(request, reply, m, request.query as Record<string, unknown>);
  });

  /** The row of one folio under the viewer's filters: 200 with `<tr>` markup, or 204 when it does not match them. */
  app.get("/:slug/admin/solicitudes/fila/:folio", { schema: { params: folioParams } }, async (request, reply) => {
    const m = await viewer(request, reply);
    if (!m) return reply;
    const folio = normalizeFolio((request.params as { folio: string }).folio);
    if (!folio) throw new HttpProblem(404, request.t("reqStaff:notFound"));
    const filters = parseQueueFilters(request.query as Record<string, unknown>, ownDepartmentOf(request.actor, m.id));
    const row = await findQueueRow(db, m.id, filters, folio);
    reply.header("cache-control", "no-store");
    if (!row) return reply.code(204).send();
    const ctx = request.pageContext({ municipality: m });
    return reply.type("text/html; charset=utf-8").send(renderToString(QueueRowView({ ctx, row, slug: m.slug, timeZone: m.timeZone })));
  });

  app.get("/:slug/admin/solicitudes/eventos", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await viewer(request, reply);
    if (!m) return reply;
    await streamBus(request, reply, services.bus, (msg) => msg.topic === REQUESTS_TOPIC && msg.municipalityId === m.id, presentQueueEvent);
    return reply;
  });

  app.post("/:slug/admin/solicitudes/lote", { schema: { params: slugParams } }, async (request, reply) => {
    const m = (await viewer(request, reply))!;
    const given = field(request.body, "volver");
    // Only a query string made of safe characters goes back into the redirect.
    const back = SAFE_QUERY.test(given) ? given : "";
    const backQuery = queryObject(back);
    const fail = (status: number, text: string) => queuePage(request, reply, m, backQuery, status, [{ kind: "error", text }]);
    const ids = fieldList(request.body, "ids");
    let change: StaffChange;
    try {
      change = bulkChange(request);
      if (ids.length === 0) throw RequestInputError.single("ids", "Elija al menos una solicitud.", 422);
      if (!ids.every((id) => /^\d{1,18}$/.test(id))) throw RequestInputError.single("ids", "Identificador de solicitud no válido.", 400);
    } catch (error) {
      if (error instanceof RequestInputError) return fail(error.status, error.message);
      throw error;
    }
    if (change.kind === "department" && !can(request.actor, REQUESTS.triage, { municipalityId: m.id })) return fail(403, request.t("reqStaff:bulk.triageOnly"));
    for (const r of await requestsForWork(db, m.id, ids)) {
      if (!can(request.actor, REQUESTS.work, { municipalityId: m.id, departmentId: r.department_id })) return fail(403, request.t("reqStaff:bulk.forbidden", { folio: r.folio }));
    }
    try {
      await applyStaffChange(services, m.id, ids, change, request.actor);
    } catch (error) {
      if (error instanceof RequestInputError) return fail(error.status, error.message);
      throw error;
    }
    reply.flash("success", request.t("reqStaff:bulk.done", { count: new Set(ids).size }));
    return reply.redirect(`/${m.slug}/admin/solicitudes${back ? `?${back}` : ""}`, 303);
  });

  await registerStaffWorkRoutes(app, services);
}
