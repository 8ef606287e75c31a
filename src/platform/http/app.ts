import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import multipart, { type MultipartFile } from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { anonymous, type Actor } from "../policy.js";
import { addLocaleFolder, pickLocale, translator, type Locale, type Translate } from "../i18n/index.js";
import type { FlashMessage, PageContext } from "../views/context.js";
import type { ModuleManifest } from "../module.js";
import type { Services } from "../services.js";
import { HttpProblem, problem, type Problem } from "./problem.js";
import { spanishValidationErrors } from "./validation.js";
import { ErrorPage } from "./error-page.js";
import { setMunicipalityNav, setPageLinks } from "../views/nav.js";
import { tileOrigin } from "../../config.js";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    t: Translate;
    csrfToken: string;
    flashMessages: FlashMessage[];
    /** Build the context every page needs; routes add the municipality. */
    pageContext(extra?: Partial<PageContext>): PageContext;
  }
  interface FastifyReply {
    /** Render a TSX page as a full HTML document. */
    page(vnode: VNode, status?: number): FastifyReply;
    /** Queue a message for the next page the user sees (after a redirect). */
    flash(kind: FlashMessage["kind"], text: string): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Skip the CSRF check: only for machine endpoints authenticated without cookies. */
    csrfExempt?: boolean;
  }
}

export const CSRF_COOKIE = "cabildo_csrf";
const FLASH_COOKIE = "cabildo_flash";
const LANG_COOKIE = "cabildo_lang";
const here = path.dirname(fileURLToPath(import.meta.url));
export const PUBLIC_DIR = path.resolve(here, "../../../public");

/** Paths that speak JSON: errors there are problem+json whatever the Accept header says. */
export function wantsJson(request: FastifyRequest): boolean {
  const url = request.url;
  if (url.startsWith("/api/") || url.startsWith("/open311/") || url === "/healthz") return true;
  const accept = request.headers.accept ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

export function renderDocument(vnode: VNode): string {
  return "<!doctype html>" + renderToString(vnode);
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

function submittedCsrfToken(request: FastifyRequest): string | undefined {
  const header = request.headers["x-csrf-token"];
  if (typeof header === "string") return header;
  const body = request.body as Record<string, unknown> | undefined;
  const field = body?._csrf;
  if (typeof field === "string") return field;
  // @fastify/multipart with attachFieldsToBody gives { value } objects
  if (field && typeof field === "object" && "value" in field) return String((field as { value: unknown }).value);
  return undefined;
}

/** HTML, CSS, JavaScript, JSON (GeoJSON, problem+json), CSV, XML feeds, iCalendar and SVG; never text/event-stream. */
export const COMPRESSIBLE_TYPES = /^(?:text\/(?!event-stream)[\w.+-]+|application\/(?:json|javascript|xml|[\w.-]+\+(?:json|xml))|image\/svg\+xml)(?:;|$)/;

export interface BuildAppOptions {
  services: Services;
  modules: ModuleManifest[];
  sessionSecret: string;
  logger?: boolean | object;
}

export async function buildApp({ services, modules, sessionSecret, logger = false }: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: "array", removeAdditional: false, allErrors: true } },
    // A 404/400 for a malformed URL, never a crash.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });

  // Pages, styles, scripts and data travel compressed: on a slow mobile connection a resident waits
  // for bytes, not for the server's CPU. Registered before any route (it hooks each route as it is
  // added). Live streams (text/event-stream) stay uncompressed so each event arrives at once;
  // photos and ZIPs are already compressed. Requests are never decompressed (nothing sends them so).
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ["br", "gzip"],
    threshold: 1024,
    customTypes: COMPRESSIBLE_TYPES,
  });
  await app.register(cookie, { secret: sessionSecret });
  await app.register(formbody);
  await app.register(multipart, {
    limits: { fileSize: 10 * 1024 * 1024, files: 5, fields: 100 },
    attachFieldsToBody: "keyValues",
    // keyValues keeps only the bytes; keep each file's original name too, per field, in arrival
    // order (request.uploadedFileNames), for modules that show it (attachments of answers).
    async onFile(this: FastifyRequest, part: MultipartFile) {
      await part.toBuffer();
      const self = this as FastifyRequest & { uploadedFileNames?: Record<string, string[]> };
      ((self.uploadedFileNames ??= {})[part.fieldname] ??= []).push(part.filename);
    },
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", ...(tileOrigin(config.mapTileUrl) ? [tileOrigin(config.mapTileUrl)!] : []), ...(process.env.MAP_TILE_ORIGINS?.split(",").filter(Boolean) ?? [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request, context) => {
      const detail = request.t ? request.t("errors.rateLimited", { after: context.after }) : `Demasiados intentos. Espere ${context.after}.`;
      return new HttpProblem(429, detail);
    },
  });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: "/static/", maxAge: "1h", decorateReply: false });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Cabildo API", version: "1", description: "API pública y de personal de Cabildo. Errores en formato RFC 9457 (problem+json)." },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  app.decorateRequest("actor", null as any);
  app.decorateRequest("locale", null as any);
  app.decorateRequest("t", null as any);
  app.decorateRequest("csrfToken", "");
  app.decorateRequest("flashMessages", null as any);
  app.decorateRequest("pageContext", function (this: FastifyRequest, extra: Partial<PageContext> = {}): PageContext {
    const url = new URL(this.url, "http://x");
    return {
      t: this.t,
      locale: this.locale,
      actor: this.actor,
      csrfToken: this.csrfToken,
      flash: this.flashMessages,
      path: url.pathname,
      query: url.searchParams,
      ...extra,
    };
  });
  app.decorateReply("page", function (this: FastifyReply, vnode: VNode, status = 200) {
    return this.code(status).type("text/html; charset=utf-8").send(renderDocument(vnode));
  });
  app.decorateReply("flash", function (this: FastifyReply, kind: FlashMessage["kind"], text: string) {
    const self = this as FastifyReply & { pendingFlash?: FlashMessage[] };
    self.pendingFlash ??= [];
    self.pendingFlash.push({ kind, text });
    this.setCookie(FLASH_COOKIE, JSON.stringify(self.pendingFlash), { path: "/", httpOnly: true, sameSite: "lax", signed: true, secure: config.secureCookies });
    return this;
  });

  // Per-request basics: actor, language, CSRF token, flash messages.
  app.addHook("onRequest", async (request, reply) => {
    request.actor = anonymous;
    const q = request.query as Record<string, unknown> | undefined;
    const chosen = typeof q?.lang === "string" ? q.lang : request.cookies[LANG_COOKIE];
    request.locale = pickLocale(chosen);
    if (typeof q?.lang === "string" && q.lang === request.locale) {
      reply.setCookie(LANG_COOKIE, request.locale, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 31536000, secure: config.secureCookies });
    }
    request.t = translator(request.locale);
    let token = request.cookies[CSRF_COOKIE];
    if (!token || !/^[A-Za-z0-9_-]{32,64}$/.test(token)) {
      token = crypto.randomBytes(24).toString("base64url");
      reply.setCookie(CSRF_COOKIE, token, { path: "/", httpOnly: true, sameSite: "lax", secure: config.secureCookies });
      request.cookies[CSRF_COOKIE] = ""; // a brand-new token cannot match a submitted one
    }
    request.csrfToken = token;
    request.flashMessages = [];
    const rawFlash = request.cookies[FLASH_COOKIE];
    if (rawFlash) {
      const unsigned = request.unsignCookie(rawFlash);
      if (unsigned.valid && unsigned.value) {
        try {
          const parsed = JSON.parse(unsigned.value) as FlashMessage[];
          if (Array.isArray(parsed)) request.flashMessages = parsed.slice(0, 5);
        } catch {
          /* ignore a damaged cookie */
        }
      }
      reply.clearCookie(FLASH_COOKIE, { path: "/" });
    }
  });

  // CSRF: every state-changing request that carries cookies must echo the token
  // (hidden _csrf field in forms, X-CSRF-Token header from scripts).
  app.addHook("preHandler", async (request) => {
    if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return;
    if (request.routeOptions.config?.csrfExempt) return;
    const expected = request.cookies[CSRF_COOKIE] ?? "";
    const submitted = submittedCsrfToken(request);
    if (!expected || !submitted || !safeEqual(expected, submitted)) {
      throw new HttpProblem(403, request.t("errors.csrf"), { title: "Token CSRF no válido" });
    }
  });

  app.setErrorHandler((error: any, request, reply) => {
    let body: Problem;
    if (error instanceof HttpProblem) {
      body = problem(error.status, error.message, { title: error.title, errors: error.errors });
    } else if (error.validation) {
      body = problem(400, request.t?.("errors.validation") ?? "Los datos enviados no son válidos.", {
        errors: spanishValidationErrors(error.validation),
      });
    } else if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors (bad JSON, too large, unsupported media type…)
      const detail =
        error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE"
          ? "Tipo de contenido no admitido."
          : error.code === "FST_ERR_CTP_BODY_TOO_LARGE" || error.code === "FST_REQ_FILE_TOO_LARGE"
            ? "El contenido enviado es demasiado grande."
            : error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error.code === "FST_ERR_CTP_EMPTY_JSON_BODY"
              ? "El cuerpo JSON no es válido."
              : "La solicitud no es válida.";
      body = problem(error.statusCode, detail);
    } else {
      request.log.error({ err: error }, "unhandled error");
      body = problem(500, request.t?.("errors.generic") ?? "Ocurrió un error inesperado.");
    }
    body.instance = request.url.split("?")[0];
    if (body.status === 429 && error.headers) reply.headers(error.headers);
    if (wantsJson(request) || !request.t) {
      return reply.code(body.status).type("application/problem+json; charset=utf-8").send(body);
    }
    return reply.page(ErrorPage({ ctx: request.pageContext(), problem: body }), body.status);
  });

  app.setNotFoundHandler((request, reply) => {
    const body = problem(404, request.t("errors.notFound"), { instance: request.url.split("?")[0] });
    if (wantsJson(request)) return reply.code(404).type("application/problem+json; charset=utf-8").send(body);
    return reply.page(ErrorPage({ ctx: request.pageContext(), problem: body }), 404);
  });

  let ready = false;
  app.get("/healthz", { schema: { hide: true } }, async (_request, reply) => {
    if (!ready) return reply.code(503).send({ status: "starting" });
    return { status: "ok", database: services.handle.kind };
  });

  for (const m of modules) if (m.locales) addLocaleFolder(m.locales);
  for (const m of modules) m.policies?.();
  setMunicipalityNav(modules.flatMap((m) => (m.municipalityNav ? [m.municipalityNav] : [])));
  setPageLinks(modules.flatMap((m) => (m.pageLinks ? [m.pageLinks] : [])));
  for (const m of modules) if (m.routes) await m.routes(app, services);
  ready = true;
  return app;
}
