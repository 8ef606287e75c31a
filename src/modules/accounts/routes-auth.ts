/** Sign-up, e-mail verification, sign-in, sign-out and password reset pages. */
import { anonymousSubmissionLimit } from "../../platform/http/tenant.js";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Services } from "../../platform/services.js";
import { AccountFormError, emailProblem, field } from "./errors.js";
import { clearSessionCookie, safeNext, setSessionCookie, translatedErrors } from "./http.js";
import { normalizeEmail } from "./queries.js";
import { authenticate, isUsableToken, requestPasswordReset, resetPassword, signUp, verifyEmail } from "./service.js";
import { createSession, deleteSession, SESSION_COOKIE } from "./sessions.js";
import { ForgotPage, LoginPage, MessagePage, ResetPage, SignUpPage } from "./views/auth.js";

const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export function registerAuthRoutes(app: FastifyInstance, services: Services): void {
  const { config, db } = services;

  const nextOf = (request: FastifyRequest) => safeNext((request.query as Record<string, unknown>).next) ?? undefined;

  app.get("/registro", async (request, reply) => reply.page(SignUpPage({ ctx: request.pageContext(), next: nextOf(request) })));

  app.post("/registro", { config: anonymousSubmissionLimit(config) }, async (request, reply) => {
    const values = { displayName: field(request.body, "displayName"), email: field(request.body, "email") };
    try {
      await signUp(services, { ...values, password: field(request.body, "password"), confirm: field(request.body, "confirm"), next: nextOf(request) }, request.t);
    } catch (error) {
      if (!(error instanceof AccountFormError)) throw error;
      return reply.page(SignUpPage({ ctx: request.pageContext(), values, errors: translatedErrors(request, error), next: nextOf(request) }), 422);
    }
    const t = request.t;
    return reply.page(MessagePage({ ctx: request.pageContext(), title: t("accounts:signup.doneTitle"), message: t("accounts:signup.done", { email: normalizeEmail(values.email) }) }));
  });

  app.get("/verificar", async (request, reply) => {
    const ok = await verifyEmail(db, String((request.query as Record<string, unknown>).token ?? ""));
    const t = request.t;
    return reply.page(
      MessagePage({
        ctx: request.pageContext(),
        title: t("accounts:verify.title"),
        message: t(ok ? "accounts:verify.ok" : "accounts:verify.failed"),
        link: ok && request.actor.kind === "anonymous" ? { href: nextOf(request) ? `/entrar?next=${encodeURIComponent(nextOf(request)!)}` : "/entrar", label: t("accounts:login.title") } : undefined,
      }),
      ok ? 200 : 400,
    );
  });

  app.get("/entrar", async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    if (request.actor.kind === "user") return reply.redirect(next ?? "/cuenta");
    return reply.page(LoginPage({ ctx: request.pageContext(), next: next ?? undefined }));
  });

  app.post(
    "/entrar",
    {
      config: {
        rateLimit: {
          max: config.loginRateLimit,
          timeWindow: LOGIN_WINDOW_MS,
          // After the body is parsed (and after the CSRF check), so the key can include the e-mail.
          hook: "preHandler",
          keyGenerator: (request) => `${request.ip}|${normalizeEmail(field(request.body, "email"))}`,
          errorResponseBuilder: (request, context) =>
            new HttpProblem(429, request.t("accounts:login.rateLimited", { minutes: Math.max(1, Math.ceil(context.ttl / 60_000)) })),
        },
      },
    },
    async (request, reply) => {
      const next = safeNext((request.query as Record<string, unknown>).next);
      const email = field(request.body, "email");
      const password = field(request.body, "password");
      const ctx = request.pageContext();
      if (emailProblem(email) || !password) {
        const message = request.t(emailProblem(email) ?? "accounts:login.failed");
        return reply.page(LoginPage({ ctx, email, next: next ?? undefined, error: message }), 422);
      }
      const userId = await authenticate(db, email, password);
      if (userId === null) {
        return reply.page(LoginPage({ ctx, email, next: next ?? undefined, error: request.t("accounts:login.failed") }), 401);
      }
      // A fresh session id at every login: a token planted before sign-in is worthless after it.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await deleteSession(db, previous);
      const token = await createSession(db, userId, request.headers["user-agent"] ?? null);
      setSessionCookie(reply, config, token);
      return reply.redirect(next ?? "/cuenta", 303);
    },
  );

  app.post("/salir", async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(db, token);
    clearSessionCookie(reply, config);
    reply.flash("info", request.t("accounts:login.loggedOut"));
    return reply.redirect("/", 303);
  });

  app.get("/recuperar", async (request, reply) => reply.page(ForgotPage({ ctx: request.pageContext() })));

  app.post("/recuperar", { config: anonymousSubmissionLimit(config) }, async (request, reply) => {
    const email = field(request.body, "email");
    const problem = emailProblem(email);
    if (problem) return reply.page(ForgotPage({ ctx: request.pageContext(), email, errors: { email: request.t(problem) } }), 422);
    await requestPasswordReset(services, email, request.t);
    const t = request.t;
    return reply.page(MessagePage({ ctx: request.pageContext(), title: t("accounts:forgot.title"), message: t("accounts:forgot.done") }));
  });

  app.get("/restablecer", async (request, reply) => {
    const token = String((request.query as Record<string, unknown>).token ?? "");
    const t = request.t;
    if (!(await isUsableToken(db, token, "reset_password"))) {
      return reply.page(MessagePage({ ctx: request.pageContext(), title: t("accounts:reset.title"), message: t("accounts:errors.tokenInvalid"), link: { href: "/recuperar", label: t("accounts:forgot.title") } }), 400);
    }
    return reply.page(ResetPage({ ctx: request.pageContext(), token }));
  });

  app.post("/restablecer", async (request, reply) => {
    const token = field(request.body, "token");
    const t = request.t;
    try {
      await resetPassword(db, token, field(request.body, "password"), field(request.body, "confirm"));
    } catch (error) {
      if (!(error instanceof AccountFormError)) throw error;
      if (error.fields.token) {
        return reply.page(MessagePage({ ctx: request.pageContext(), title: t("accounts:reset.title"), message: t(error.fields.token), link: { href: "/recuperar", label: t("accounts:forgot.title") } }), 400);
      }
      return reply.page(ResetPage({ ctx: request.pageContext(), token, errors: translatedErrors(request, error) }), 422);
    }
    clearSessionCookie(reply, config);
    reply.flash("success", t("accounts:reset.done"));
    return reply.redirect("/entrar", 303);
  });
}
