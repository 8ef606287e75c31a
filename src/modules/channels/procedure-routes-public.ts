/**
 * The public catalogue of procedures and services: the Spanish search, a procedure's page (with
 * the offices where it is done and the nearest-office form), the nearest-office answer as a page
 * and as JSON under /api/v1 (described in the OpenAPI document). A mistake in where the person is
 * re-renders the form with Spanish messages (422) or answers problem+json; never a 500.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { municipalityOr404, pathParams, slugParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import { parsePage } from "../../platform/views/components.js";
import { findServiceByCode } from "../requests/catalogue.js";
import { listColonias, type ActiveMunicipality } from "../territory/queries.js";
import { ChannelInputError, fieldErrorsOf } from "./errors.js";
import { notFound, procedureParams, query, queryText } from "./office-http.js";
import { nearestOffices, originOf } from "./office-nearest.js";
import { presentNearest, presentOffice, presentProcedure } from "./office-presenters.js";
import { pageOfficesOfProcedure } from "./office-queries.js";
import { findProcedureBySlug, type ProcedureRow } from "./procedure-queries.js";
import { searchProcedures } from "./procedure-search.js";
import { PROCEDURE_KINDS, type ProcedureKind } from "./tables.js";
import { newRequestForServicePath } from "./urls.js";
import { NearestOfficePage, type NearestFormState } from "./views/procedure-nearest.js";
import { ProcedurePage, ProceduresPage } from "./views/procedure-public.js";

const PROCEDURES_PER_PAGE = 20;
const OFFICES_PER_PAGE = 20;
/** Colonias offered in the nearest-office select (only those with a polygon can be measured from). */
const COLONIA_OPTIONS = 1000;

const API_OFFICE = {
  type: "object",
  properties: {
    slug: { type: "string" },
    name: { type: "string" },
    kind: { type: "string", enum: ["delegacion", "modulo", "oficina", "unidad_movil"] },
    address: { type: "string" },
    phone: { type: ["string", "null"] },
    url: { type: "string" },
  },
  required: ["slug", "name", "kind", "address", "phone", "url"],
} as const;

const API_LOCATED_OFFICE = {
  type: "object",
  properties: { ...API_OFFICE.properties, lat: { type: "number" }, lon: { type: "number" }, distanceKm: { type: "number", description: "Distancia en línea recta (haversine), en kilómetros, redondeada a 10 m" } },
  required: [...API_OFFICE.required, "lat", "lon", "distanceKm"],
} as const;

const NEAREST_SCHEMA = {
  tags: ["trámites y oficinas"],
  summary: "La oficina más cercana que ofrece un trámite o servicio, desde un punto o una colonia",
  description:
    "Distancia en línea recta desde el punto (lat/lon, WGS84) o desde un punto representativo de la colonia (su slug) a cada oficina activa con ubicación que ofrece el trámite. Indique la colonia o el punto, no ambos. Un punto fuera del municipio o una colonia desconocida responden 422.",
  params: pathParams(["procedure"]),
  querystring: {
    type: "object",
    properties: {
      lat: { type: "number", minimum: -90, maximum: 90, description: "Latitud (WGS84)" },
      lon: { type: "number", minimum: -180, maximum: 180, description: "Longitud (WGS84)" },
      colonia: { type: "string", maxLength: 120, pattern: "^[a-z0-9-]*$", description: "Slug de la colonia" },
    },
  },
  response: {
    200: {
      type: "object",
      properties: {
        procedure: { type: "object", properties: { slug: { type: "string" }, name: { type: "string" }, url: { type: "string" } }, required: ["slug", "name", "url"] },
        from: {
          type: "object",
          properties: {
            lat: { type: "number" },
            lon: { type: "number" },
            colonia: { type: ["object", "null"], properties: { slug: { type: "string" }, name: { type: "string" } } },
          },
          required: ["lat", "lon", "colonia"],
        },
        nearest: { anyOf: [API_LOCATED_OFFICE, { type: "null" }] },
        alternatives: { type: "array", items: API_LOCATED_OFFICE, description: "Las dos siguientes más cercanas" },
        withoutLocation: { type: "array", items: API_OFFICE, description: "Oficinas que lo ofrecen pero no tienen ubicación en el mapa" },
      },
      required: ["procedure", "from", "nearest", "alternatives", "withoutLocation"],
    },
  },
} as const;

function kindOf(text: string): ProcedureKind | null {
  return (PROCEDURE_KINDS as readonly string[]).includes(text) ? (text as ProcedureKind) : null;
}

export function registerProcedurePublicRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;

  app.get("/:slug/tramites", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const page = parsePage(query(request).pagina);
    const q = queryText(request, "q", 200);
    const kind = kindOf(queryText(request, "tipo", 20));
    const found = await searchProcedures(db, m.id, { q, kind, page, perPage: PROCEDURES_PER_PAGE });
    return reply.page(
      ProceduresPage({
        ctx: request.pageContext({ municipality: m }),
        procedures: found.rows.map((p) => presentProcedure(m, p)),
        info: { page, perPage: PROCEDURES_PER_PAGE, total: found.total },
        q,
        kind: kind ?? "",
        approximate: found.approximate,
      }),
    );
  });

  async function publicProcedure(request: FastifyRequest): Promise<{ m: ActiveMunicipality; procedure: ProcedureRow }> {
    const m = await municipalityOr404(db, request);
    const procedure = await findProcedureBySlug(db, m.id, (request.params as { procedure: string }).procedure);
    if (!procedure) throw notFound(request);
    return { m, procedure };
  }

  async function coloniaChoices(m: ActiveMunicipality): Promise<{ slug: string; name: string }[]> {
    const { rows } = await listColonias(db, m.id, { page: 1, perPage: COLONIA_OPTIONS });
    return rows.filter((c) => c.has_geometry).map((c) => ({ slug: c.slug, name: c.name }));
  }

  const given = (request: FastifyRequest) => ({ colonia: queryText(request, "colonia", 120), lat: queryText(request, "lat", 40), lon: queryText(request, "lon", 40) });

  app.get("/:slug/tramites/:procedure", { schema: { params: procedureParams, hide: true } }, async (request, reply) => {
    const { m, procedure } = await publicProcedure(request);
    const page = parsePage(query(request).oficinas);
    const [{ rows, total }, colonias, service] = await Promise.all([
      pageOfficesOfProcedure(db, m.id, procedure.id, page, OFFICES_PER_PAGE),
      coloniaChoices(m),
      procedure.requestServiceCode ? findServiceByCode(db, m.id, procedure.requestServiceCode) : Promise.resolve(null),
    ]);
    const now = new Date();
    return reply.page(
      ProcedurePage({
        ctx: request.pageContext({ municipality: m }),
        procedure: presentProcedure(m, procedure),
        offices: rows.map((o) => presentOffice(m, o, now)),
        officesInfo: { page, perPage: OFFICES_PER_PAGE, total },
        requestLink: service?.active ? newRequestForServicePath(m.slug, service.code) : null,
        nearest: { colonias, values: { colonia: "", lat: "", lon: "" } },
      }),
    );
  });

  async function nearestPage(request: FastifyRequest, reply: FastifyReply) {
    const { m, procedure } = await publicProcedure(request);
    const values = given(request);
    const form: NearestFormState = { colonias: await coloniaChoices(m), values };
    const ctx = request.pageContext({ municipality: m });
    const presented = presentProcedure(m, procedure);
    let origin;
    try {
      origin = await originOf(db, m, values);
    } catch (error) {
      if (!(error instanceof ChannelInputError)) throw error;
      return reply.page(NearestOfficePage({ ctx, procedure: presented, answer: null, form: { ...form, errors: fieldErrorsOf(error) } }), error.status);
    }
    const ranked = await nearestOffices(db, m.id, procedure.id, origin.point);
    const now = new Date();
    const answer = {
      from: { colonia: origin.colonia?.name ?? null },
      located: ranked.located.map((d) => ({ office: presentOffice(m, d.office, now), distanceKm: d.distanceKm })),
      unlocated: ranked.unlocated.map((o) => presentOffice(m, o, now)),
    };
    return reply.page(NearestOfficePage({ ctx, procedure: presented, answer, form }));
  }

  app.get("/:slug/tramites/:procedure/oficina-cercana", { schema: { params: procedureParams, hide: true } }, nearestPage);

  app.get(
    "/api/v1/municipalities/:slug/tramites/:procedure/oficina-cercana",
    { schema: NEAREST_SCHEMA, config: { rateLimit: { max: 300, timeWindow: "1 minute" } } },
    async (request) => {
      const m = await municipalityOr404(db, request);
      const procedure = await findProcedureBySlug(db, m.id, (request.params as { procedure: string }).procedure);
      if (!procedure) throw new HttpProblem(404, request.t("offices:api.unknownProcedure"));
      const q = request.query as { lat?: number; lon?: number; colonia?: string };
      const origin = await originOf(db, m, { colonia: q.colonia ?? "", lat: q.lat === undefined ? "" : String(q.lat), lon: q.lon === undefined ? "" : String(q.lon) });
      const ranked = await nearestOffices(db, m.id, procedure.id, origin.point);
      return presentNearest(m, config.publicUrl, procedure, { ...origin.point, colonia: origin.colonia }, ranked);
    },
  );
}
