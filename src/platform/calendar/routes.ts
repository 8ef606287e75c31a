/** Public business-day calendar with a term calculator, and the staff page for días inhábiles. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../services.js";
import { authorizeInMunicipality, municipalityOr404, slugParams } from "../http/tenant.js";
import type { ActiveMunicipality } from "../../modules/territory/queries.js";
import type { FieldErrors } from "../views/components.js";
import { statutoryHolidays } from "./holidays.js";
import { isLocalDate } from "./dates.js";
import { listNonWorkingDays, loadCalendar, loadCalendarSettings } from "./queries.js";
import { addNonWorkingDays, CalendarInputError, setCutoffTime } from "./service.js";
import { AdminCalendarPage, CalendarPage, formatLocalDate, type CalculatorResult } from "./views/calendar.js";
import { MANAGE_CALENDAR } from "./policy.js";

function currentYear(timeZone: string): number {
  return Number(new Intl.DateTimeFormat("en", { year: "numeric", timeZone }).format(new Date()));
}

function fieldErrors(error: CalendarInputError): FieldErrors {
  return Object.fromEntries(error.errors.map((e) => [e.field, e.message]));
}

export function registerCalendarRoutes(app: FastifyInstance, { db }: Services): void {
  app.get("/:slug/calendario", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const q = request.query as Record<string, string | undefined>;
    const settings = await loadCalendarSettings(db, m.id);
    const parsedYear = Number(q.anio);
    const year = Number.isInteger(parsedYear) && parsedYear >= 1990 && parsedYear <= 2100 ? parsedYear : currentYear(m.timeZone);
    const values = { desde: q.desde ?? "", dias: q.dias ?? "" };
    let errors: FieldErrors | undefined;
    let result: CalculatorResult | undefined;
    if (q.desde !== undefined || q.dias !== undefined) {
      errors = {};
      const days = Number(values.dias);
      if (!isLocalDate(values.desde)) errors.desde = request.t("calendar:calcFromInvalid");
      if (!/^\d{1,3}$/.test(values.dias) || days > 365) errors.dias = request.t("calendar:calcDaysInvalid");
      if (Object.keys(errors).length === 0) {
        const calendar = await loadCalendar(db, m.id);
        const from = calendar.businessDayOnOrAfter(values.desde);
        result = { from, days, due: calendar.addBusinessDays(from, days) };
        errors = undefined;
      }
    }
    const page = CalendarPage({
      ctx: request.pageContext({ municipality: m }),
      year,
      holidays: statutoryHolidays(year),
      municipal: await listNonWorkingDays(db, m.id, { year }),
      cutoffTime: settings.cutoffTime,
      calculator: { values, errors, result },
    });
    return reply.page(page, errors ? 422 : 200);
  });

  async function adminPage(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, extra: { values?: Record<string, string>; errors?: FieldErrors; cutoffError?: string } = {}, status = 200) {
    const settings = await loadCalendarSettings(db, m.id);
    return reply.page(
      AdminCalendarPage({
        ctx: request.pageContext({ municipality: m }),
        municipal: await listNonWorkingDays(db, m.id),
        cutoffTime: settings.cutoffTime,
        values: extra.values ?? {},
        errors: extra.errors,
        cutoffError: extra.cutoffError,
      }),
      status,
    );
  }

  app.get("/:slug/admin/calendario", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, MANAGE_CALENDAR);
    if (!m) return reply;
    return adminPage(request, reply, m);
  });

  app.post("/:slug/admin/calendario", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, MANAGE_CALENDAR);
    if (!m) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
    const values = { startsOn: text("startsOn"), endsOn: text("endsOn"), reason: text("reason"), officialNotice: text("officialNotice"), noticeUrl: text("noticeUrl") };
    try {
      await db.transaction().execute((trx) =>
        addNonWorkingDays(trx, m.id, { ...values, noticeUrl: values.noticeUrl || null }, request.actor),
      );
    } catch (error) {
      if (error instanceof CalendarInputError) return adminPage(request, reply, m, { values, errors: fieldErrors(error) }, 422);
      throw error;
    }
    reply.flash("success", request.t("calendar:added", { from: formatLocalDate(values.startsOn, request.locale), to: formatLocalDate(values.endsOn, request.locale) }));
    return reply.redirect(`/${m.slug}/admin/calendario`, 303);
  });

  app.post("/:slug/admin/calendario/corte", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await authorizeInMunicipality(db, request, reply, MANAGE_CALENDAR);
    if (!m) return reply;
    const raw = (request.body as Record<string, unknown> | undefined)?.cutoffTime;
    const time = typeof raw === "string" ? raw.trim() : "";
    try {
      await db.transaction().execute((trx) => setCutoffTime(trx, m.id, time, request.actor));
    } catch (error) {
      if (error instanceof CalendarInputError) return adminPage(request, reply, m, { cutoffError: error.errors[0]!.message }, 422);
      throw error;
    }
    reply.flash("success", request.t("calendar:cutoffSaved", { time }));
    return reply.redirect(`/${m.slug}/admin/calendario`, 303);
  });
}
