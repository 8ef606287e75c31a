/** A municipality's staff area: dashboard and staff management. Routes ask policies; services decide nothing about who. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorizeInMunicipality } from "../../platform/http/tenant.js";
import { can, rolesIn } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { parsePage, type FieldErrors } from "../../platform/views/components.js";
import type { FlashMessage } from "../../platform/views/context.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { AccountFormError, field } from "./errors.js";
import { parseDepartmentId, translatedErrors } from "./http.js";
import { changeMemberRole, removeMembership } from "./members.js";
import { presentStaffMember } from "./presenters.js";
import { departmentOptions, listMembers, listPendingInvitations } from "./queries.js";
import { inviteMember } from "./staff.js";
import { AdminDashboardPage, StaffPage } from "./views/admin.js";

const PER_PAGE = 25;

const slugParams = { type: "object", properties: { slug: { type: "string", maxLength: 80 } }, required: ["slug"] } as const;
const memberParams = {
  type: "object",
  properties: { slug: { type: "string", maxLength: 80 }, membershipId: { type: "integer", minimum: 1, maximum: 2147483647 } },
  required: ["slug", "membershipId"],
} as const;

export function registerStaffRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  const authorize = (request: FastifyRequest, reply: FastifyReply, action: string) => authorizeInMunicipality(db, request, reply, action);

  async function staffPage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, extra: { values?: Record<string, string>; errors?: FieldErrors; flash?: FlashMessage[] } = {}, status = 200) {
    const page = parsePage((request.query as Record<string, unknown>).pagina);
    const [members, departments, pending] = await Promise.all([listMembers(db, m.id, page, PER_PAGE), departmentOptions(db, m.id), listPendingInvitations(db, m.id)]);
    const byId = new Map(departments.map((d) => [d.id, d.name]));
    const ctx = request.pageContext({ municipality: m, ...(extra.flash ? { flash: extra.flash } : {}) });
    return reply.page(
      StaffPage({
        ctx,
        members: members.rows.map((r) => presentStaffMember(r, byId)),
        info: { page, perPage: PER_PAGE, total: members.total },
        departments: departments.map((d) => ({ value: String(d.id), label: d.name })),
        pending: pending.map((p) => ({ email: p.email, role: p.role, expiresAt: p.expires_at })),
        values: extra.values,
        errors: extra.errors,
      }),
      status,
    );
  }

  app.get("/:slug/admin", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await authorize(request, reply, "municipality.viewAdmin");
    if (!m) return reply;
    const actor = request.actor;
    const memberships = actor.kind === "user" ? actor.memberships.filter((x) => x.municipalityId === m.id) : [];
    const departments = new Map((await departmentOptions(db, m.id)).map((d) => [d.id, d.name]));
    return reply.page(
      AdminDashboardPage({
        ctx: request.pageContext({ municipality: m }),
        roles: memberships.map((x) => ({ role: x.role, department: x.departmentId === null ? null : (departments.get(x.departmentId) ?? null) })),
        // Read-only wording only for state bodies; the platform admin can act.
        oversightRole: rolesIn(actor, m.id).length === 0 && actor.kind === "user" && actor.platformRole === "state_body" ? "state_body" : null,
        canManageStaff: can(actor, "municipality.manageStaff", { id: m.id }),
      }),
    );
  });

  app.get("/:slug/admin/personal", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await authorize(request, reply, "municipality.manageStaff");
    if (!m) return reply;
    return staffPage(request, reply, m);
  });

  app.post("/:slug/admin/personal/invitar", { schema: { params: slugParams } }, async (request, reply) => {
    const m = (await authorize(request, reply, "municipality.manageStaff"))!;
    const values = { email: field(request.body, "email"), role: field(request.body, "role"), departmentId: field(request.body, "departmentId") };
    try {
      await inviteMember(services, request.actor, m, { email: values.email, role: values.role, departmentId: parseDepartmentId(values.departmentId) }, request.t);
    } catch (error) {
      if (!(error instanceof AccountFormError)) throw error;
      return staffPage(request, reply, m, { values, errors: translatedErrors(request, error) }, 422);
    }
    reply.flash("success", request.t("accounts:admin.invited", { email: values.email.trim().toLowerCase() }));
    return reply.redirect(`/${m.slug}/admin/personal`, 303);
  });

  /** Row actions report problems above the table, re-rendering the page with 422. */
  async function rowAction(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, action: () => Promise<void>, successKey: string) {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof AccountFormError)) throw error;
      const flash = Object.values(translatedErrors(request, error)).map((text) => ({ kind: "error" as const, text }));
      return staffPage(request, reply, m, { flash }, 422);
    }
    reply.flash("success", request.t(successKey));
    return reply.redirect(`/${m.slug}/admin/personal`, 303);
  }

  app.post("/:slug/admin/personal/:membershipId/rol", { schema: { params: memberParams } }, async (request, reply) => {
    const m = (await authorize(request, reply, "municipality.manageStaff"))!;
    const { membershipId } = request.params as { membershipId: number };
    const input = { role: field(request.body, "role"), departmentId: parseDepartmentId(field(request.body, "departmentId")) };
    return rowAction(request, reply, m, () => changeMemberRole(db, request.actor, m.id, membershipId, input), "accounts:admin.roleChanged");
  });

  app.post("/:slug/admin/personal/:membershipId/quitar", { schema: { params: memberParams } }, async (request, reply) => {
    const m = (await authorize(request, reply, "municipality.manageStaff"))!;
    const { membershipId } = request.params as { membershipId: number };
    return rowAction(request, reply, m, () => removeMembership(db, request.actor, m.id, membershipId), "accounts:admin.removed");
  });
}
