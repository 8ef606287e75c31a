/**
 * The staff page of one request and its forms: status, assignee, priority, internal note,
 * public update (REQUESTS.work on the request's department), department and merge
 * (REQUESTS.triage), and the request's photos for staff. Every form redirects back with a flash;
 * a refused change re-renders the page with the Spanish message and its 409/422 status.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { forbidden, HttpProblem } from "../../platform/http/problem.js";
import { authorizeInMunicipality } from "../../platform/http/tenant.js";
import { can } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { findServiceByCode } from "./catalogue.js";
import { RequestInputError } from "./errors.js";
import { normalizeFolio } from "./folio.js";
import { mergeRequests } from "./merge.js";
import { REQUESTS } from "./policy.js";
import { requestPhotos } from "./queries.js";
import { assigneeOptions, findRequestContact, findRequestPhoto, findStaffRequest, queueFilterOptions, requestIdByFolio, staffHistory, type QueueRow } from "./queries-staff.js";
import { allowedTransitions } from "./status.js";
import type { Priority, RequestStatus } from "./tables.js";
import { applyStaffChange, type StaffChange } from "./workflow.js";
import type { FormError } from "./views/staff-request-forms.js";
import { StaffRequestPage } from "./views/staff-request.js";

export const slugParams = { type: "object", properties: { slug: { type: "string", maxLength: 80 } }, required: ["slug"] } as const;
export const folioParams = {
  type: "object",
  properties: { slug: { type: "string", maxLength: 80 }, folio: { type: "string", maxLength: 40 } },
  required: ["slug", "folio"],
} as const;

/** A form field as a string whatever the body parser produced (repeated fields: the first). */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return "";
}

const photoParams = {
  type: "object",
  properties: { slug: { type: "string", maxLength: 80 }, folio: { type: "string", maxLength: 40 }, photoId: { type: "string", pattern: "^[0-9]{1,18}$" } },
  required: ["slug", "folio", "photoId"],
} as const;

/** Each form: its URL segment, the fields it re-renders, the field an error points at, and the change it makes. */
const FORMS: Record<string, { fields: string[]; errorField: string; done: string; triage?: boolean; change?: (body: unknown) => StaffChange }> = {
  estado: { fields: ["status", "reason"], errorField: "status", done: "status", change: (b) => ({ kind: "status", to: field(b, "status") as RequestStatus, reason: field(b, "reason") }) },
  asignar: {
    fields: ["assignee"],
    errorField: "assignee",
    done: "assignee",
    change: (b) => {
      const v = field(b, "assignee");
      if (v && !/^\d{1,9}$/.test(v)) throw RequestInputError.single("assignee", "Persona no válida.", 422);
      return { kind: "assignee", userId: v ? Number(v) : null };
    },
  },
  prioridad: { fields: ["priority"], errorField: "priority", done: "priority", change: (b) => ({ kind: "priority", to: field(b, "priority") as Priority }) },
  nota: { fields: ["body"], errorField: "body", done: "note", change: (b) => ({ kind: "note", body: field(b, "body") }) },
  actualizacion: { fields: ["publicBody"], errorField: "publicBody", done: "update", change: (b) => ({ kind: "update", body: field(b, "publicBody") }) },
  dependencia: {
    fields: ["department"],
    errorField: "department",
    done: "department",
    triage: true,
    change: (b) => {
      const v = field(b, "department");
      if (!/^\d{1,9}$/.test(v)) throw RequestInputError.single("department", "Elija una dependencia.", 422);
      return { kind: "department", departmentId: Number(v) };
    },
  },
  fusionar: { fields: ["survivor"], errorField: "survivor", done: "merge", triage: true },
};

export async function registerStaffWorkRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  /** The municipality and the request, for a viewer of the queue; 404 for an unknown folio. */
  async function load(request: FastifyRequest, reply: FastifyReply): Promise<{ m: ActiveMunicipality; r: QueueRow } | null> {
    const m = await authorizeInMunicipality(db, request, reply, REQUESTS.viewQueue);
    if (!m) return null;
    const folio = normalizeFolio((request.params as { folio: string }).folio);
    const r = folio ? await findStaffRequest(db, m.id, folio) : null;
    if (!r) throw new HttpProblem(404, request.t("reqStaff:notFound"));
    return { m, r };
  }

  async function page(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, r: QueueRow, status = 200, error?: FormError, values?: Record<string, string>) {
    const actor = request.actor;
    const subject = { municipalityId: m.id, departmentId: r.departmentId };
    const mayContact = can(actor, REQUESTS.viewContact, subject);
    const [contact, photos, history, assignees, options, service] = await Promise.all([
      mayContact ? findRequestContact(db, m.id, r.id) : Promise.resolve(undefined),
      requestPhotos(db, m.id, r.id),
      staffHistory(db, m.id, r.id),
      assigneeOptions(db, m.id),
      queueFilterOptions(db, m.id),
      findServiceByCode(db, m.id, r.service.code),
    ]);
    return reply.page(
      StaffRequestPage({
        ctx: request.pageContext({ municipality: m }),
        slug: m.slug,
        timeZone: m.timeZone,
        request: r,
        contact,
        photos: photos.map((p) => ({ id: String(p.id) })),
        questions: service?.attributes ?? [],
        history,
        canWork: can(actor, REQUESTS.work, subject),
        canTriage: can(actor, REQUESTS.triage, subject),
        allowedStatuses: allowedTransitions(r.status),
        assignees,
        departments: options.departments,
        error,
        values,
      }),
      status,
    );
  }

  app.get("/:slug/admin/solicitudes/:folio", { schema: { params: folioParams } }, async (request, reply) => {
    const loaded = await load(request, reply);
    if (!loaded) return reply;
    return page(request, reply, loaded.m, loaded.r);
  });

  for (const [segment, form] of Object.entries(FORMS)) {
    app.post(`/:slug/admin/solicitudes/:folio/${segment}`, { schema: { params: folioParams } }, async (request, reply) => {
      const { m, r } = (await load(request, reply))!;
      const subject = { municipalityId: m.id, departmentId: r.departmentId };
      if (!can(request.actor, REQUESTS.work, subject)) throw forbidden(request.t("reqStaff:forbiddenWork"));
      if (form.triage && !can(request.actor, REQUESTS.triage, subject)) throw forbidden(request.t("reqStaff:forbiddenTriage"));
      const values = Object.fromEntries(form.fields.map((f) => [f, field(request.body, f)]));
      try {
        if (form.change) {
          await applyStaffChange(services, m.id, [r.id], form.change(request.body), request.actor);
        } else {
          const survivorFolio = normalizeFolio(values.survivor ?? "");
          const survivorId = survivorFolio ? await requestIdByFolio(db, m.id, survivorFolio) : null;
          if (!survivorId) throw RequestInputError.single("survivor", request.t("reqStaff:forms.unknownFolio", { folio: (values.survivor ?? "").trim() || "—" }), 422);
          await mergeRequests(services, m.id, r.id, survivorId, request.actor);
        }
      } catch (error) {
        if (!(error instanceof RequestInputError)) throw error;
        const message = error.message;
        // The fresh row: a refused change leaves it as it was, but someone else may have moved it.
        const current = (await findStaffRequest(db, m.id, r.folio)) ?? r;
        const status = error.status === 400 ? 422 : error.status;
        const named = error.errors.find((e) => form.fields.includes(e.field))?.field;
        return page(request, reply, m, current, status, { form: segment, field: named ?? form.errorField, message }, values);
      }
      reply.flash("success", request.t(`reqStaff:done.${form.done}`));
      return reply.redirect(`/${m.slug}/admin/solicitudes/${r.folio}`, 303);
    });
  }

  /** Photos for staff (full size and thumbnail), read through the storage interface. */
  for (const suffix of ["", "/miniatura"]) {
    app.get(`/:slug/admin/solicitudes/:folio/fotos/:photoId${suffix}`, { schema: { params: photoParams } }, async (request, reply) => {
      const loaded = await load(request, reply);
      if (!loaded) return reply;
      const photo = await findRequestPhoto(db, loaded.m.id, loaded.r.id, (request.params as { photoId: string }).photoId);
      const data = photo ? await services.storage.get(suffix ? photo.thumbnail_key : photo.storage_key) : null;
      if (!photo || !data) throw new HttpProblem(404, request.t("errors.notFound"));
      return reply
        .header("cache-control", "private, max-age=3600")
        .header("x-content-type-options", "nosniff")
        .type(suffix ? "image/jpeg" : photo.content_type)
        .send(data);
    });
  }
}
