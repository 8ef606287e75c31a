/**
 * The citizen's side of filing a request: choose a service, fill the form (no JavaScript needed;
 * the map script enhances it), see open requests nearby and support one instead, get a folio.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fastifyStatic from "@fastify/static";
import { HttpProblem } from "../../platform/http/problem.js";
import { municipalityOr404, slugParams, anonymousSubmissionLimit } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import type { PageContext } from "../../platform/views/context.js";
import type { NavItem } from "../../platform/views/nav.js";
import { findColoniaBySlug, type ActiveMunicipality } from "../territory/queries.js";
import { checkAttributes } from "./attributes.js";
import { findServiceByCode, listServices, type ServiceDefinition } from "./catalogue.js";
import {
  EMPTY_VALUES, attributeAnswers, field, fieldErrors, formPlaces, readLocation, readValues, rememberedFiling, rememberFiled, requestFields, requestLinks, sendConfirmation, supporterKey, uploads,
  type SubmitValues,
} from "./citizen-form.js";
import { createRequest, MAX_PHOTOS } from "./create.js";
import { RequestInputError } from "./errors.js";
import { findSimilarOpenRequests, supportRequest, type SimilarRequest } from "./merge.js";
import { findPublicRequestByFolio } from "./queries.js";
import { placeRequest } from "./routing.js";
import { ServiceChooserPage, SubmitFormPage, type ServiceGroup } from "./views/submit.js";
import { ConfirmationPage, DuplicatesPage, type SimilarCard } from "./views/submit-done.js";

const RECEIVED_COOKIE = "cabildo_recibida";

/** "Reportar un problema" in every municipality's navigation (wired by the module manifest). */
export function citizenNav(ctx: PageContext, slug: string): NavItem[] {
  return [{ href: `/${slug}/solicitudes/nueva`, label: ctx.t("reqSubmit:nav") }];
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

function groupServices(services: ServiceDefinition[], q: string): ServiceGroup[] {
  const words = fold(q).split(/\s+/).filter(Boolean);
  const groups = new Map<string, ServiceGroup>();
  for (const s of services) {
    const haystack = fold(`${s.name} ${s.keywords} ${s.description} ${s.group}`);
    if (!words.every((w) => haystack.includes(w))) continue;
    const g = groups.get(s.group) ?? { name: s.group, services: [] };
    g.services.push({ code: s.code, name: s.name, description: s.description });
    groups.set(s.group, g);
  }
  return [...groups.values()];
}

function presentSimilar(slug: string, s: SimilarRequest): SimilarCard {
  return {
    folio: s.folio,
    description: s.description,
    status: s.status,
    supporters: s.supportersCount,
    createdAt: s.createdAt.toISOString(),
    distanceMetres: s.distanceMetres,
    url: `/${slug}/solicitudes/${encodeURIComponent(s.folio)}`,
  };
}

function leafletDist(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve("leaflet/package.json")), "dist");
}

export async function citizenRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;

  await app.register(fastifyStatic, { root: leafletDist(), prefix: "/static/vendor/leaflet/", decorateReply: false, maxAge: "7d", index: false });

  async function renderChooser(request: FastifyRequest, reply: FastifyReply, m: ActiveMunicipality, q: string, error?: string, status = 200) {
    const groups = groupServices(await listServices(db, m.id), q);
    return reply.page(ServiceChooserPage({ ctx: request.pageContext({ municipality: m }), municipality: m, groups, q, error }), status);
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    m: ActiveMunicipality,
    service: ServiceDefinition,
    values: SubmitValues,
    errors: Record<string, string>,
    coloniaQ = "",
    status = 200,
  ) {
    return reply.page(
      SubmitFormPage({
        ctx: request.pageContext({ municipality: m }),
        municipality: m,
        service,
        values: { ...values, service: service.code },
        errors,
        ...(await formPlaces(services, m, coloniaQ, values.colonia)),
        coloniaQ,
        maxPhotos: MAX_PHOTOS,
      }),
      status,
    );
  }

  app.get("/:slug/solicitudes/nueva", { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const query = request.query as Record<string, unknown>;
    const text = (name: string) => (typeof query[name] === "string" ? (query[name] as string).trim().slice(0, 100) : "");
    const code = text("servicio");
    if (!code) return renderChooser(request, reply, m, text("q"));
    const service = await findServiceByCode(db, m.id, code);
    if (!service || !service.active) return renderChooser(request, reply, m, "", request.t("reqSubmit:errors.unknownService", { code }), 404);
    return renderForm(request, reply, m, service, { ...EMPTY_VALUES, colonia: text("colonia") }, {}, text("colonia_q"));
  });

  app.post(
    "/:slug/solicitudes",
    { schema: { hide: true, params: slugParams }, config: anonymousSubmissionLimit(config) },
    async (request, reply) => {
      const m = await municipalityOr404(db, request);
      const code = field(request.body, "servicio", 60).trim();
      const service = code ? await findServiceByCode(db, m.id, code) : null;
      if (!service || !service.active) {
        const error = code ? request.t("reqSubmit:errors.unknownService", { code }) : request.t("reqSubmit:errors.noService");
        return renderChooser(request, reply, m, "", error, 422);
      }
      const values = readValues(request.body, service);
      const photos = uploads(request.body, "photo");
      try {
        const location = readLocation(values);
        let coloniaId: number | null = null;
        if (values.colonia) {
          const colonia = await findColoniaBySlug(db, m.id, values.colonia);
          if (!colonia) throw RequestInputError.single("colonia", request.t("reqSubmit:errors.unknownColonia"), 422);
          coloniaId = colonia.id;
        }
        if (field(request.body, "confirmar") !== "1" && (location || coloniaId !== null)) {
          const similar = await similarBeforeFiling(m, service, location, coloniaId, values);
          if (similar.length > 0) {
            return reply.page(
              DuplicatesPage({
                ctx: request.pageContext({ municipality: m }),
                municipality: m,
                service,
                similar: similar.map((s) => presentSimilar(m.slug, s)),
                values,
                photosDropped: photos.length > 0,
                maxPhotos: MAX_PHOTOS,
              }),
            );
          }
        }
        const created = await createRequest(services, m, { ...requestFields(service.code, values, { location, coloniaId }, photos), channel: "web" }, request.actor);
        const email = values.email.trim();
        if (email) await sendConfirmation(services, request, m, created, service.name, email);
        rememberFiled(reply, RECEIVED_COOKIE, `/${m.slug}/solicitudes/recibida`, { ...created, emailed: Boolean(email) }, { secure: config.secureCookies, maxAge: 3600 });
        return reply.redirect(`/${m.slug}/solicitudes/recibida/${encodeURIComponent(created.folio)}`, 303);
      } catch (error) {
        if (!(error instanceof RequestInputError)) throw error;
        return renderForm(request, reply, m, service, values, fieldErrors(error), "", 422);
      }
    },
  );

  /** Open requests like this one; only when the pin is inside the municipality and the answers are valid. */
  async function similarBeforeFiling(m: ActiveMunicipality, service: ServiceDefinition, location: { lat: number; lon: number } | null, coloniaId: number | null, values: SubmitValues) {
    try {
      checkAttributes(service.attributes, attributeAnswers(values));
      const placement = await placeRequest(db, m.id, location, coloniaId);
      return await findSimilarOpenRequests(db, m.id, service.id, { location, coloniaId: placement.coloniaId }, values.description.trim());
    } catch (error) {
      if (error instanceof RequestInputError) return []; // filing will report it with every other mistake
      throw error;
    }
  }

  app.get(
    "/:slug/solicitudes/recibida/:folio",
    { schema: { hide: true, params: { type: "object", properties: { slug: { type: "string", maxLength: 80 }, folio: { type: "string", maxLength: 60 } }, required: ["slug", "folio"] } } },
    async (request, reply) => {
      const m = await municipalityOr404(db, request);
      const { folio } = request.params as { folio: string };
      const row = await findPublicRequestByFolio(db, m.id, folio);
      if (!row) throw new HttpProblem(404, request.t("reqSubmit:errors.unknownFolio", { folio }));
      const mine = rememberedFiling(request, RECEIVED_COOKIE, row.folio);
      const links = requestLinks(services, m.slug, row.folio, mine?.token ?? "");
      return reply.page(
        ConfirmationPage({
          ctx: request.pageContext({ municipality: m }),
          municipality: m,
          folio: row.folio,
          links: { publicPath: links.publicPath, trackingPath: mine ? links.trackingPath : null, emailed: mine?.emailed === true },
        }),
      );
    },
  );

  app.post(
    "/:slug/solicitudes/:folio/apoyo",
    {
      schema: { hide: true, params: { type: "object", properties: { slug: { type: "string", maxLength: 80 }, folio: { type: "string", maxLength: 60 } }, required: ["slug", "folio"] } },
      config: { rateLimit: { max: 60, timeWindow: "1 hour" } },
    },
    async (request, reply) => {
      const m = await municipalityOr404(db, request);
      const { folio } = request.params as { folio: string };
      const row = await findPublicRequestByFolio(db, m.id, folio);
      if (!row) throw new HttpProblem(404, request.t("reqSubmit:errors.unknownFolio", { folio }));
      const counted = await supportRequest(services, m.id, row.id, supporterKey(request, reply, config.secureCookies));
      reply.flash("success", request.t(counted ? "reqSubmit:support.counted" : "reqSubmit:support.already", { folio: row.folio }));
      return reply.redirect(`/${m.slug}/solicitudes/${encodeURIComponent(row.folio)}`, 303);
    },
  );

  app.get(
    "/api/v1/municipalities/:slug/requests/similar",
    {
      config: { rateLimit: { max: 300, timeWindow: "1 minute" } },
      schema: {
        tags: ["atención ciudadana"],
        summary: "Solicitudes abiertas parecidas cerca de un punto o en una colonia (antes de enviar una nueva)",
        params: slugParams,
        querystring: {
          type: "object",
          properties: {
            service: { type: "string", maxLength: 40 },
            lat: { type: "string", maxLength: 32 },
            lon: { type: "string", maxLength: 32 },
            colonia: { type: "string", maxLength: 120 },
            text: { type: "string", maxLength: 2000 },
          },
          required: ["service"],
        },
      },
    },
    async (request) => {
      const m = await municipalityOr404(db, request);
      const q = request.query as { service: string; lat?: string; lon?: string; colonia?: string; text?: string };
      const service = await findServiceByCode(db, m.id, q.service.trim());
      if (!service || !service.active) throw new HttpProblem(404, request.t("reqSubmit:errors.unknownService", { code: q.service }));
      let location: { lat: number; lon: number } | null;
      try {
        location = readLocation({ ...EMPTY_VALUES, lat: q.lat?.trim() ?? "", lon: q.lon?.trim() ?? "" });
      } catch (error) {
        throw new HttpProblem(400, (error as Error).message);
      }
      let coloniaId: number | null = null;
      if (q.colonia) {
        const colonia = await findColoniaBySlug(db, m.id, q.colonia.trim());
        if (!colonia) throw new HttpProblem(404, request.t("reqSubmit:errors.unknownColonia"));
        coloniaId = colonia.id;
      }
      const similar = await findSimilarOpenRequests(db, m.id, service.id, { location, coloniaId }, (q.text ?? "").trim());
      return { service: service.code, similar: similar.map((s) => presentSimilar(m.slug, s)) };
    },
  );
}
