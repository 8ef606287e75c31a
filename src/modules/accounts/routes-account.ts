/** My account (/cuenta) and accepting an invitation (/invitacion). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { AccountFormError, field } from "./errors.js";
import { loginUrl, setSessionCookie, translatedErrors } from "./http.js";
import { presentAccount } from "./presenters.js";
import { departmentNames, findUserByEmail, municipalityNames } from "./queries.js";
import { changePassword } from "./service.js";
import { createSession, SESSION_COOKIE } from "./sessions.js";
import { acceptInvitation, findOpenInvitation } from "./staff.js";
import { AccountPage, InvitationPage, type InvitationView } from "./views/account.js";
import { MessagePage } from "./views/auth.js";
import type { FieldErrors } from "../../platform/views/components.js";

export function registerAccountRoutes(app: FastifyInstance, services: Services): void {
  const { config, db } = services;

  async function accountView(request: FastifyRequest) {
    const actor = request.actor as Extract<typeof request.actor, { kind: "user" }>;
    const ids = [...new Set([...actor.memberships.map((m) => m.municipalityId), ...actor.oversees])];
    const [names, departments] = await Promise.all([municipalityNames(db, ids), departmentNames(db, ids)]);
    return presentAccount(actor, names, departments);
  }

  app.get("/cuenta", async (request, reply) => {
    if (request.actor.kind !== "user") return reply.redirect(loginUrl("/cuenta"));
    return reply.page(AccountPage({ ctx: request.pageContext(), account: await accountView(request) }));
  });

  app.post("/cuenta/contrasena", async (request, reply) => {
    if (request.actor.kind !== "user") return reply.redirect(loginUrl("/cuenta"), 303);
    try {
      await changePassword(
        db,
        request.actor.userId,
        { current: field(request.body, "current"), password: field(request.body, "password"), confirm: field(request.body, "confirm") },
        request.cookies[SESSION_COOKIE],
      );
    } catch (error) {
      if (!(error instanceof AccountFormError)) throw error;
      return reply.page(AccountPage({ ctx: request.pageContext(), account: await accountView(request), errors: translatedErrors(request, error) }), 422);
    }
    reply.flash("success", request.t("accounts:account.passwordChanged"));
    return reply.redirect("/cuenta", 303);
  });

  async function invitationView(token: string): Promise<{ view: InvitationView; slug: string | null } | null> {
    const invitation = await findOpenInvitation(db, token);
    if (!invitation) return null;
    const names = await municipalityNames(db, [invitation.municipality_id]);
    const m = names.get(invitation.municipality_id);
    return { view: { token, municipalityName: m?.name ?? "", role: invitation.role, email: invitation.email }, slug: m?.slug ?? null };
  }

  function invalidInvitation(request: FastifyRequest, reply: FastifyReply, key = "accounts:errors.invitationInvalid") {
    const t = request.t;
    return reply.page(MessagePage({ ctx: request.pageContext(), title: t("accounts:invitation.title"), message: t(key) }), 400);
  }

  async function showInvitation(request: FastifyRequest, reply: FastifyReply, token: string, errors?: FieldErrors, displayName?: string) {
    const found = await invitationView(token);
    if (!found) return invalidInvitation(request, reply);
    const t = request.t;
    // Someone with an account for the invited address signs in first, then accepts as themself.
    if (request.actor.kind === "anonymous" && (await findUserByEmail(db, found.view.email))) {
      return reply.page(
        MessagePage({
          ctx: request.pageContext(),
          title: t("accounts:invitation.title"),
          message: t("accounts:invitation.loginFirst"),
          link: { href: loginUrl(`/invitacion?token=${token}`), label: t("accounts:login.title") },
        }),
      );
    }
    return reply.page(InvitationPage({ ctx: request.pageContext(), invitation: found.view, errors, displayName }), errors ? 422 : 200);
  }

  app.get("/invitacion", async (request, reply) => showInvitation(request, reply, String((request.query as Record<string, unknown>).token ?? "")));

  app.post("/invitacion", async (request, reply) => {
    const token = field(request.body, "token");
    const found = await invitationView(token);
    if (!found) return invalidInvitation(request, reply);
    const actor = request.actor;
    const displayName = field(request.body, "displayName");
    let userId: number;
    try {
      userId = await acceptInvitation(
        services,
        token,
        actor.kind === "user"
          ? { kind: "existing", actor }
          : { kind: "new", displayName, password: field(request.body, "password"), confirm: field(request.body, "confirm") },
      );
    } catch (error) {
      if (!(error instanceof AccountFormError)) throw error;
      if (error.fields.token) return invalidInvitation(request, reply, error.fields.token);
      return showInvitation(request, reply, token, translatedErrors(request, error), displayName);
    }
    if (actor.kind === "anonymous") {
      const sessionToken = await createSession(db, userId, request.headers["user-agent"] ?? null);
      setSessionCookie(reply, config, sessionToken);
    }
    reply.flash("success", request.t("accounts:invitation.accepted", { municipality: found.view.municipalityName }));
    return reply.redirect(found.slug ? `/${found.slug}/admin` : "/cuenta", 303);
  });
}
