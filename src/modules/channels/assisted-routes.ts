/**
 * Assisted filing pages (staff: CHANNELS.fileAssisted): choose the service, the form, and the
 * printable receipt. The receipt shows the private tracking link once: it travels from the
 * filing to the receipt in a short-lived signed cookie scoped to the receipt's address, and is
 * cleared as soon as it is shown.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { authorizeInMunicipality, slugParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import { findColoniaBySlug, type ActiveMunicipality } from "../territory/queries.js";
import { findServiceByCode, listServices, type ServiceDefinition } from "../requests/catalogue.js";
import { field, fieldErrors, formPlaces, readLocation, readValues, rememberedFiling, rememberFiled, requestFields, requestLinks, sendConfirmation, uploads } from "../requests/citizen-form.js";
import { MAX_PHOTOS } from "../requests/create.js";
import { RequestInputError } from "../requests/errors.js";
import { normalizeFolio } from "../requests/folio.js";
import { findPublicRequestByFolio } from "../requests/queries.js";
import { ChannelInputError } from "./errors.js";
import { fileAssistedRequest, findAssistedFiling } from "./assisted-filing.js";
import { listOfficeOptions } from "./office-queries.js";
import { CHANNELS } from "./policy.js";
import { assistedReceiptPath, assistedRequestPath, folioSearchPath } from "./urls.js";
import { AssistedFormPage, AssistedServicePage, type AssistedFormValues } from "./views/assisted-form.js";
import { AssistedReceiptPage } from "./views/assisted-receipt.js";

const RECEIPT_COOKIE = "cabildo_recibo_asistido";
const receiptParams = { type: "object", properties: { slug: { type: "string", maxLength: 80 }, folio: { type: "string", maxLength: 60 } }, required: ["slug", "folio"] } as const;

export function registerAssistedRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;
  const clerk = (request: FastifyRequest, reply: FastifyReply) => authorizeInMunicipality(db, request, reply, CHANNELS.fileAssisted);

  async function chooser(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, error?: string, status = 200) {
    const catalogue = await listServices(db, m.id);
    return reply.page(AssistedServicePage({ ctx: request.pageContext({ municipality: m }), municipality: m, services: catalogue, error }), status);
  }

  async function form(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, service: ServiceDefinition, values: AssistedFormValues, errors: Record<string, string>, coloniaQ = "", status = 200) {
    const [places, offices] = await Promise.all([formPlaces(services, m, coloniaQ, values.colonia), listOfficeOptions(db, m.id)]);
    return reply.page(
      AssistedFormPage({
        ctx: request.pageContext({ municipality: m }),
        municipality: m,
        service,
        values: { ...values, service: service.code },
        errors,
        offices,
        ...places,
        coloniaQ,
        maxPhotos: MAX_PHOTOS,
      }),
      status,
    );
  }

  app.get("/:slug/admin/solicitudes/nueva", { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const m = await clerk(request, reply);
    if (!m) return reply;
    const query = request.query as Record<string, unknown>;
    const text = (name: string) => (typeof query[name] === "string" ? (query[name] as string).trim().slice(0, 100) : "");
    const code = text("servicio");
    if (!code) return chooser(request, reply, m);
    const service = await findServiceByCode(db, m.id, code);
    if (!service || !service.active) return chooser(request, reply, m, request.t("channelStats:assisted.unknownService", { code }), 404);
    const values: AssistedFormValues = { ...readValues({}, service), colonia: text("colonia"), channel: "office", office: "" };
    return form(request, reply, m, service, values, {}, text("colonia_q"));
  });

  app.post("/:slug/admin/solicitudes/nueva", { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const m = (await clerk(request, reply))!;
    const body = request.body;
    const code = field(body, "servicio", 60).trim();
    const service = code ? await findServiceByCode(db, m.id, code) : null;
    if (!service || !service.active) {
      return chooser(request, reply, m, code ? request.t("channelStats:assisted.unknownService", { code }) : request.t("channelStats:assisted.noService"), 422);
    }
    const values: AssistedFormValues = { ...readValues(body, service), channel: field(body, "canal", 20).trim(), office: field(body, "oficina", 12).trim() };
    const known: { field: string; message: string }[] = [];
    let location: { lat: number; lon: number } | null = null;
    try {
      location = readLocation(values);
    } catch (error) {
      if (!(error instanceof RequestInputError)) throw error;
      known.push(...error.errors);
    }
    let coloniaId: number | null = null;
    if (values.colonia) {
      const colonia = await findColoniaBySlug(db, m.id, values.colonia);
      if (colonia) coloniaId = colonia.id;
      else known.push({ field: "colonia", message: request.t("channelStats:assisted.unknownColonia") });
    }
    let officeId: number | null = null;
    if (values.office) {
      if (/^\d{1,9}$/.test(values.office)) officeId = Number(values.office);
      else known.push({ field: "oficina", message: "La oficina elegida no existe o ya no está activa en este municipio." });
    }
    try {
      const created = await fileAssistedRequest(
        services,
        m,
        { ...requestFields(service.code, values, { location, coloniaId }, uploads(body, "photo")), channel: values.channel, officeId },
        request.actor,
        known,
      );
      const email = values.email.trim();
      if (email) await sendConfirmation(services, request, m, created, service.name, email);
      rememberFiled(reply, RECEIPT_COOKIE, assistedReceiptPath(m.slug, created.folio), { ...created, emailed: Boolean(email) }, { secure: config.secureCookies, maxAge: 600 });
      return reply.redirect(assistedReceiptPath(m.slug, created.folio), 303);
    } catch (error) {
      if (!(error instanceof ChannelInputError)) throw error;
      return form(request, reply, m, service, values, fieldErrors(error), "", 422);
    }
  });

  app.get("/:slug/admin/solicitudes/nueva/recibo/:folio", { schema: { hide: true, params: receiptParams } }, async (request, reply) => {
    const m = await clerk(request, reply);
    if (!m) return reply;
    const folio = normalizeFolio((request.params as { folio: string }).folio);
    const row = folio ? await findPublicRequestByFolio(db, m.id, folio) : null;
    if (!row) throw new HttpProblem(404, request.t("reqSubmit:errors.unknownFolio", { folio: folio ?? "" }));
    const filing = await findAssistedFiling(db, m.id, row.id);
    if (!filing) throw new HttpProblem(404, request.t("channelStats:receipt.notAssisted", { folio: row.folio }));
    const fresh = rememberedFiling(request, RECEIPT_COOKIE, row.folio);
    // Shown once: the clerk's browser does not keep the person's private link.
    if (request.cookies[RECEIPT_COOKIE]) reply.clearCookie(RECEIPT_COOKIE, { path: assistedReceiptPath(m.slug, row.folio) });
    const links = requestLinks(services, m.slug, row.folio, fresh?.token ?? "");
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    return reply.page(
      AssistedReceiptPage({
        ctx: request.pageContext({ municipality: m }),
        municipality: m,
        receipt: {
          folio: row.folio,
          service: row.service_name,
          channel: row.channel,
          office: filing.office,
          createdAt: row.created_at.toISOString(),
          dueAt: row.due_at.toISOString(),
          publicUrl: links.publicUrl,
          searchUrl: `${config.publicUrl}${folioSearchPath(m.slug, row.folio)}`,
          trackingUrl: fresh ? links.trackingUrl : null,
          emailed: fresh?.emailed === true,
        },
      }),
    );
  });
}
