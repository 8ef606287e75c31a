/** JSON API for territory: colonias search, point → colonia lookup, GeoJSON export. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Services } from "../../platform/services.js";
import { coloniaFeatures, findActiveMunicipalityBySlug, findColoniaBySlug, listColonias, type ActiveMunicipality } from "./queries.js";
import { presentColonia, presentColoniaFeature } from "./presenters.js";
import { findColoniaAt, isInsideMunicipality } from "./lookup.js";
import { validCoordinates } from "./geo.js";

const slugParams = {
  type: "object",
  properties: { slug: { type: "string", maxLength: 80 } },
  required: ["slug"],
} as const;

/** The active municipality named by the route's :slug, or a Spanish 404 (page or problem+json). */
export async function municipalityOr404(services: Services, request: FastifyRequest, detailKey = "territory:api.unknownMunicipality"): Promise<ActiveMunicipality> {
  const { slug } = request.params as { slug: string };
  const m = await findActiveMunicipalityBySlug(services.db, slug);
  if (!m) throw new HttpProblem(404, request.t(detailKey, { slug }));
  return m;
}

/** A decimal degree as typed by a person or a script: "19.43", "-99.1". */
function parseDegrees(value: string | undefined): number {
  return value !== undefined && /^\s*-?\d{1,3}(\.\d{1,12})?\s*$/.test(value) ? Number(value) : NaN;
}

export async function territoryApiRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  app.get(
    "/api/v1/municipalities/:slug/colonias",
    {
      schema: {
        tags: ["territorio"],
        summary: "Colonias de un municipio, con búsqueda por nombre o código postal",
        params: slugParams,
        querystring: {
          type: "object",
          properties: {
            q: { type: "string", maxLength: 100 },
            cp: { type: "string", pattern: "^[0-9]{5}$" },
            page: { type: "integer", minimum: 1, maximum: 100000, default: 1 },
            per_page: { type: "integer", minimum: 1, maximum: 200, default: 50 },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const m = await municipalityOr404(services, request);
      const query = request.query as { q?: string; cp?: string; page: number; per_page: number };
      const result = await listColonias(db, m.id, { q: query.q, postalCode: query.cp, page: query.page, perPage: query.per_page });
      return {
        municipality: { slug: m.slug, name: m.name, state: m.stateName },
        page: result.page,
        perPage: result.perPage,
        total: result.total,
        colonias: result.rows.map((c) => presentColonia(m.slug, c)),
      };
    },
  );

  app.get(
    "/api/v1/municipalities/:slug/colonias/lookup",
    {
      config: { rateLimit: { max: 300, timeWindow: "1 minute" } },
      schema: {
        tags: ["territorio"],
        summary: "La colonia que contiene un punto (WGS84)",
        params: slugParams,
        querystring: {
          type: "object",
          properties: { lat: { type: "string", maxLength: 32 }, lon: { type: "string", maxLength: 32 } },
          required: ["lat", "lon"],
        },
      },
    },
    async (request) => {
      const m = await municipalityOr404(services, request);
      const query = request.query as { lat: string; lon: string };
      const lat = parseDegrees(query.lat);
      const lon = parseDegrees(query.lon);
      if (!validCoordinates(lon, lat)) throw new HttpProblem(422, request.t("territory:api.badCoordinates"));
      const [colonia, inside] = await Promise.all([findColoniaAt(db, m.id, lon, lat), isInsideMunicipality(db, m.id, lon, lat)]);
      return {
        lat,
        lon,
        insideMunicipality: inside,
        colonia: colonia
          ? presentColonia(m.slug, { id: colonia.id, name: colonia.name, slug: colonia.slug, settlement_type: colonia.settlementType, postal_code: colonia.postalCode, zone: colonia.zone })
          : null,
      };
    },
  );

  app.get(
    "/api/v1/municipalities/:slug/colonias.geojson",
    { schema: { tags: ["territorio"], summary: "Polígonos de las colonias en GeoJSON", params: slugParams } },
    async (request, reply) => {
      const m = await municipalityOr404(services, request);
      const features = (await coloniaFeatures(db, m.id)).map((c) => presentColoniaFeature(m.slug, c));
      return reply.type("application/geo+json; charset=utf-8").send({ type: "FeatureCollection", features });
    },
  );

  app.get(
    "/api/v1/municipalities/:slug/colonias/:coloniaSlug/geometry",
    {
      schema: {
        tags: ["territorio"],
        summary: "Polígono de una colonia en GeoJSON",
        params: { type: "object", properties: { slug: { type: "string", maxLength: 80 }, coloniaSlug: { type: "string", maxLength: 120 } }, required: ["slug", "coloniaSlug"] },
      },
    },
    async (request, reply) => {
      const m = await municipalityOr404(services, request);
      const { coloniaSlug } = request.params as { coloniaSlug: string };
      const row = await findColoniaBySlug(db, m.id, coloniaSlug);
      if (!row || row.geometry === null) throw new HttpProblem(404, request.t("territory:api.notFoundColonia"));
      return reply.type("application/geo+json; charset=utf-8").send(presentColoniaFeature(m.slug, row));
    },
  );
}
