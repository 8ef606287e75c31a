/**
 * Test helpers of the review and observatory tests: the public commitment and plan pages as a
 * visitor sees them — through the public page when the app has it, otherwise the registered
 * sections rendered on their own (the sections are the part these tests own) — and file uploads.
 */
import type { FastifyInstance } from "fastify";
import { renderToString } from "preact-render-to-string";
import { anonymous } from "../../platform/policy.js";
import type { Browser } from "../../platform/testing.js";
import { translator } from "../../platform/i18n/index.js";
import type { Services } from "../../platform/services.js";
import type { PageContext } from "../../platform/views/context.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { findPlanBySlug, listCommitmentSummaries, planClock } from "./queries.js";
import { renderCommitmentSections, renderPlanSections } from "./sections.js";

function visitorContext(municipality: ActiveMunicipality, path: string, query: Record<string, string>): PageContext {
  return { t: translator("es-MX"), locale: "es-MX", actor: anonymous, csrfToken: "", flash: [], path, query: new URLSearchParams(query), municipality };
}

/** The public commitment page's HTML (status 200), or its sections' HTML when the page is not built yet. */
export async function publicCommitmentHtml(app: FastifyInstance, services: Services, municipality: ActiveMunicipality, planSlug: string, number: number, query: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const path = `/${municipality.slug}/planes/${planSlug}/compromisos/${number}`;
  if (app.hasRoute({ method: "GET", url: "/:slug/planes/:plan/compromisos/:number" })) {
    const qs = new URLSearchParams(query).toString();
    const res = await app.inject({ method: "GET", url: qs ? `${path}?${qs}` : path });
    return { status: res.statusCode, body: res.body };
  }
  const plan = await findPlanBySlug(services.db, municipality.id, planSlug);
  if (!plan) return { status: 404, body: "" };
  const clock = await planClock(services.db, municipality);
  const commitment = (await listCommitmentSummaries(services.db, municipality.id, { planId: plan.id }, clock)).find((c) => c.number === number);
  if (!commitment) return { status: 404, body: "" };
  const blocks = await renderCommitmentSections(visitorContext(municipality, path, query), { services, municipality, plan, clock, query, commitment });
  return { status: 200, body: blocks.map((b) => renderToString(b)).join("\n") };
}

/** The public plan page's HTML, or its sections' HTML when the page is not built yet. */
export async function publicPlanHtml(app: FastifyInstance, services: Services, municipality: ActiveMunicipality, planSlug: string): Promise<{ status: number; body: string }> {
  const path = `/${municipality.slug}/planes/${planSlug}`;
  if (app.hasRoute({ method: "GET", url: "/:slug/planes/:plan" })) {
    const res = await app.inject({ method: "GET", url: path });
    return { status: res.statusCode, body: res.body };
  }
  const plan = await findPlanBySlug(services.db, municipality.id, planSlug);
  if (!plan) return { status: 404, body: "" };
  const clock = await planClock(services.db, municipality);
  const commitments = await listCommitmentSummaries(services.db, municipality.id, { planId: plan.id }, clock);
  const blocks = await renderPlanSections(visitorContext(municipality, path, {}), { services, municipality, plan, clock, query: {}, commitments });
  return { status: 200, body: blocks.map((b) => renderToString(b)).join("\n") };
}

/** A multipart form post like a browser's, with the CSRF token and one file. */
export async function postFile(app: FastifyInstance, browser: Browser, url: string, fields: Record<string, string>, file: { filename: string; type: string; data: Buffer }) {
  if (!browser.cookies.has("cabildo_csrf")) await browser.get("/");
  const boundary = "----observatorioprueba" + Math.random().toString(36).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: browser.csrf, ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from("\r\n"));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({ method: "POST", url, payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: browser.cookieHeader } });
}
