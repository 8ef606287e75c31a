/** Small pieces the account routes share: cookies, form errors, safe redirects. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.js";
import type { FieldErrors } from "../../platform/views/components.js";
import { AccountFormError } from "./errors.js";
import { SESSION_COOKIE, SESSION_DAYS } from "./sessions.js";

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: config.secureCookies,
    maxAge: SESSION_DAYS * 86_400,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax", secure: config.secureCookies });
}

/** Field messages in the visitor's language. */
export function translatedErrors(request: FastifyRequest, error: AccountFormError): FieldErrors {
  return Object.fromEntries(Object.entries(error.fields).map(([k, key]) => [k, request.t(key)]));
}

/** Only same-site relative paths are followed after login: "/x", never "//evil", "/\\evil" or "https://…". */
export function safeNext(next: unknown): string | null {
  if (typeof next !== "string" || next.length > 500) return null;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return null;
  return next;
}

export { loginUrl } from "../../platform/http/tenant.js";

/** "" → null, digits → number, anything else → -1 (refused later as an unknown department). */
export function parseDepartmentId(value: string): number | null {
  if (value.trim() === "") return null;
  return /^\d{1,9}$/.test(value.trim()) ? Number(value) : -1;
}
