/**
 * Staff transparency settings: /:slug/admin/transparencia/ajustes — the legal profile applied to
 * the municipality's requests from a date, and the semáforo thresholds. Administrators and the
 * transparency unit; each change one transaction, audited; bad input → 422 with the form kept.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { authorizeInMunicipality, slugParams } from "../../platform/http/tenant.js";
import { can, definePolicy, hasRole, isPlatformAdmin, type Actor } from "../../platform/policy.js";
import type { FieldErrors } from "../../platform/views/components.js";
import type { NavItem } from "../../platform/views/nav.js";
import type { PageContext } from "../../platform/views/context.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { loadThresholds } from "./compliance.js";
import { DEFAULT_PROFILE, LegalProfileError, listLegalProfiles } from "./profiles.js";
import { applyLegalProfile, listProfileChoices, parseThresholds, setThresholds } from "./settings.js";
import { TransparencySettingsPage, type SettingsPageProps } from "./views/settings.js";
import { CALCULATE_DEADLINES } from "./routes-deadline.js";
import { INFO_REQUESTS } from "./info-policy.js";
import { OBLIGATIONS } from "./obligations-policy.js";

export const TRANSPARENCY_SETTINGS = "transparency.settings";

export function registerSettingsPolicies(): void {
  definePolicy<{ municipalityId: number }>(TRANSPARENCY_SETTINGS, (actor, s) => isPlatformAdmin(actor) || hasRole(actor, s.municipalityId, "administrator", "transparency_unit"));
}

/** The transparency staff pages this actor may open, for the administration dashboard. */
export function transparencyAdminLinks(ctx: PageContext, slug: string, municipalityId: number): NavItem[] {
  const actor: Actor = ctx.actor;
  const subject = { municipalityId, id: municipalityId };
  const links: NavItem[] = [];
  if (can(actor, INFO_REQUESTS.view, subject)) links.push({ href: `/${slug}/admin/transparencia/solicitudes`, label: ctx.t("trSettings:adminLinks.requests") });
  if (can(actor, OBLIGATIONS.view, subject)) links.push({ href: `/${slug}/admin/transparencia/obligaciones`, label: ctx.t("trSettings:adminLinks.obligations") });
  if (can(actor, CALCULATE_DEADLINES, subject)) links.push({ href: `/${slug}/admin/transparencia/plazos`, label: ctx.t("trSettings:adminLinks.deadlines") });
  if (can(actor, TRANSPARENCY_SETTINGS, subject)) links.push({ href: `/${slug}/admin/transparencia/ajustes`, label: ctx.t("trSettings:adminLinks.settings") });
  return links;
}

type Body = Record<string, unknown> | undefined;
const field = (body: unknown, name: string, max = 100): string => {
  const v = (body as Body)?.[name];
  return typeof v === "string" ? v.slice(0, max).trim() : "";
};

export function registerSettingsRoutes(app: FastifyInstance, { db }: Services): void {
  registerSettingsPolicies();
  const base = (m: ActiveMunicipality) => `/${m.slug}/admin/transparencia/ajustes`;

  async function page(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, extra: Partial<SettingsPageProps> = {}, status = 200) {
    const [profiles, choices, thresholds] = await Promise.all([listLegalProfiles(db), listProfileChoices(db, m.id), loadThresholds(db, m.id)]);
    return reply.page(TransparencySettingsPage({ ctx: request.pageContext({ municipality: m }), profiles, choices, thresholds, defaults: DEFAULT_PROFILE, ...extra }), status);
  }

  app.get("/:slug/admin/transparencia/ajustes", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, TRANSPARENCY_SETTINGS);
    if (!m) return reply;
    return page(request, reply, m);
  });

  app.post("/:slug/admin/transparencia/ajustes/perfil", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, TRANSPARENCY_SETTINGS);
    if (!m) return reply;
    const values = { kind: field(request.body, "kind", 20), profile: field(request.body, "profile", 60), since: field(request.body, "since", 20) };
    const errors: FieldErrors = {};
    if (values.kind !== "information" && values.kind !== "arco") errors.kind = request.t("trSettings:errKind");
    if (!values.profile) errors.profile = request.t("trSettings:errProfile");
    if (Object.keys(errors).length > 0) return page(request, reply, m, { profileValues: values, profileErrors: errors }, 422);
    try {
      await db.transaction().execute((trx) => applyLegalProfile(trx, m.id, values.kind, values.profile, values.since, { actor: request.actor }));
    } catch (error) {
      if (!(error instanceof LegalProfileError)) throw error;
      // The message names what is wrong: the date, or the profile (unknown, other kind, not yet in force).
      const key = /fecha|rige desde/.test(error.message) ? "since" : "profile";
      return page(request, reply, m, { profileValues: values, profileErrors: { [key]: error.message } }, 422);
    }
    reply.flash("success", request.t("trSettings:profileApplied", { profile: values.profile, since: values.since }));
    return reply.redirect(base(m), 303);
  });

  app.post("/:slug/admin/transparencia/ajustes/semaforo", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, TRANSPARENCY_SETTINGS);
    if (!m) return reply;
    const values = { green: field(request.body, "green", 20), yellow: field(request.body, "yellow", 20) };
    const parsed = parseThresholds(values.green, values.yellow);
    if (!("thresholds" in parsed)) return page(request, reply, m, { thresholdValues: values, thresholdErrors: { [parsed.field]: parsed.message } }, 422);
    await db.transaction().execute((trx) => setThresholds(trx, m.id, parsed.thresholds, { actor: request.actor }));
    reply.flash("success", request.t("trSettings:thresholdsSaved", { ...parsed.thresholds }));
    return reply.redirect(base(m), 303);
  });
}
