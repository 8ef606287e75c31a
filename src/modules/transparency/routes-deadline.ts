/** Staff deadline calculator: /:slug/admin/transparencia/plazos (GET form, works without JS). */
import type { FastifyInstance } from "fastify";
import type { Services } from "../../platform/services.js";
import { authorizeInMunicipality, slugParams } from "../../platform/http/tenant.js";
import { definePolicy, hasRole, isPlatformAdmin } from "../../platform/policy.js";
import { isLocalDate, type LocalDate } from "../../platform/calendar/dates.js";
import { loadCalendarSettings } from "../../platform/calendar/queries.js";
import type { FieldErrors } from "../../platform/views/components.js";
import { DeadlineInputError, deadlinesFor, parseReceivedAt, type DeadlineInput } from "./deadlines.js";
import { listLegalProfiles } from "./profiles.js";
import { DeadlineCalculatorPage, type DeadlinePageProps } from "./views/deadline.js";

/** Who may use the deadline calculator: the municipality's transparency unit and administrators. */
export const CALCULATE_DEADLINES = "transparency.calculate";

/** Idempotent: definePolicy tolerates registering the same rule again. */
export function registerDeadlinePolicies(): void {
  definePolicy<{ municipalityId: number }>(
    CALCULATE_DEADLINES,
    (actor, subject) => isPlatformAdmin(actor) || hasRole(actor, subject.municipalityId, "transparency_unit", "administrator"),
  );
}

const FIELD_OF: Record<keyof DeadlineInput, string> = { receivedAt: "fecha", preventionNotifiedOn: "prevencion", clarifiedOn: "aclaracion", answerNotifiedOn: "respuesta" };
const OPTIONAL_DATES = ["prevencion", "aclaracion", "respuesta"] as const;

export function registerDeadlineRoutes(app: FastifyInstance, { db }: Services): void {
  registerDeadlinePolicies();

  app.get("/:slug/admin/transparencia/plazos", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, CALCULATE_DEADLINES);
    if (!m) return reply;
    const q = request.query as Record<string, unknown>;
    const text = (k: string) => (typeof q[k] === "string" ? (q[k] as string).trim() : "");
    const values = Object.fromEntries(["perfil", "fecha", "hora", ...OPTIONAL_DATES].map((k) => [k, text(k)]));
    const [profiles, settings] = await Promise.all([listLegalProfiles(db), loadCalendarSettings(db, m.id)]);
    const props: DeadlinePageProps = { ctx: request.pageContext({ municipality: m }), profiles, cutoffTime: settings.cutoffTime, values };
    const asked = ["perfil", "fecha", "hora"].some((k) => q[k] !== undefined);
    if (!asked) return reply.page(DeadlineCalculatorPage(props));

    const errors: FieldErrors = {};
    const profile = profiles.find((p) => p.id === values.perfil);
    if (!profile) errors.perfil = request.t("trDeadline:errProfile");
    if (!isLocalDate(values.fecha)) errors.fecha = request.t("trDeadline:errDate");
    if (!/^\d{2}:\d{2}$/.test(values.hora!)) errors.hora = request.t("trDeadline:errTime");
    for (const k of OPTIONAL_DATES) if (values[k] && !isLocalDate(values[k])) errors[k] = request.t("trDeadline:errDate");
    const receivedAt = errors.fecha || errors.hora ? null : parseReceivedAt(`${values.fecha}T${values.hora}`, settings.timeZone);
    if (!receivedAt && !errors.fecha && !errors.hora) errors.hora = request.t("trDeadline:errTime");
    if (Object.keys(errors).length > 0 || !profile || !receivedAt) return reply.page(DeadlineCalculatorPage({ ...props, errors }), 422);

    const optional = (k: string): LocalDate | undefined => values[k] || undefined;
    try {
      const deadlines = await deadlinesFor(db, m.id, profile, {
        receivedAt,
        preventionNotifiedOn: optional("prevencion"),
        clarifiedOn: optional("aclaracion"),
        answerNotifiedOn: optional("respuesta"),
      });
      return reply.page(DeadlineCalculatorPage({ ...props, result: { profile, deadlines } }));
    } catch (error) {
      if (error instanceof DeadlineInputError) return reply.page(DeadlineCalculatorPage({ ...props, errors: { [FIELD_OF[error.field]]: error.message } }), 422);
      throw error;
    }
  });
}
