/**
 * A read-only subset of CKAN's Action API (v3) so national portals can harvest the catalogue:
 * package_list, package_show and package_search, in CKAN's envelope ({help, success, result} or
 * {help, success: false, error: {__type, message}}) with CKAN's status codes (404, 409).
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Services } from "../../platform/services.js";
import { allDatasets, findDataset, fold, searchDatasets, type CatalogueDataset } from "./catalogue.js";

const MAX_ROWS = 1000;

function help(base: string, action: string): string {
  return `${base}/api/3/action/help_show?name=${action}`;
}

export function presentCkanPackage(d: CatalogueDataset, base: string) {
  return {
    id: d.id,
    name: d.id,
    title: d.title,
    notes: d.description,
    type: "dataset",
    state: "active",
    private: false,
    license_id: d.licence.id,
    license_title: d.licence.title,
    license_url: d.licence.url,
    url: `${base}${d.landingPath}`,
    metadata_modified: d.modified,
    organization: { name: d.publisher.slug, title: d.publisher.name, type: "organization", is_organization: true },
    owner_org: d.publisher.slug,
    tags: d.keywords.map((k) => ({ name: k, display_name: k })),
    num_tags: d.keywords.length,
    resources: d.distributions.map((r, position) => ({
      id: `${d.id}-${r.id}`,
      package_id: d.id,
      name: r.title,
      format: r.format,
      mimetype: r.mediaType,
      url: `${base}${r.downloadPath}`,
      position,
    })),
    num_resources: d.distributions.length,
    extras: [
      { key: "frequency", value: d.frequency },
      ...(d.temporal ? [{ key: "temporal_start", value: d.temporal.start }, { key: "temporal_end", value: d.temporal.end }] : []),
    ],
  };
}

function fail(reply: FastifyReply, base: string, action: string, status: 404 | 409, type: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.status(status).send({ help: help(base, action), success: false, error: { __type: type, message, ...extra } });
}

/** `fq` as CKAN writes it: space-separated `field:value` (values may be quoted); organization, tags and res_format are understood. */
function filterQuery(datasets: CatalogueDataset[], fq: string): CatalogueDataset[] | string {
  let out = datasets;
  for (const token of fq.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []) {
    const clause = /^\+?([a-z_]+):(.+)$/.exec(token);
    if (!clause) return token;
    const [, field, raw] = clause;
    const value = fold(raw!.replace(/^"|"$/g, ""));
    if (field === "organization") out = out.filter((d) => d.publisher.slug === value);
    else if (field === "tags") out = out.filter((d) => d.keywords.some((k) => fold(k) === value));
    else if (field === "res_format") out = out.filter((d) => d.distributions.some((r) => fold(r.format) === value));
    else return field!;
  }
  return out;
}

function nonNegativeInt(value: unknown, fallback: number): number | null {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function registerCkanRoutes(app: FastifyInstance, services: Services): void {
  const base = services.config.publicUrl;
  const hide = { schema: { hide: true } };

  app.get("/api/3/action/package_list", hide, async () => ({
    help: help(base, "package_list"),
    success: true,
    result: (await allDatasets(services)).map((d) => d.id),
  }));

  app.get("/api/3/action/package_show", hide, async (request, reply) => {
    const { id } = request.query as { id?: unknown };
    if (typeof id !== "string" || !id) return fail(reply, base, "package_show", 409, "Validation Error", "Falta el parámetro id.", { id: ["Falta el valor"] });
    const d = await findDataset(services, id);
    if (!d) return fail(reply, base, "package_show", 404, "Not Found Error", "No existe un conjunto de datos con ese id.");
    return { help: help(base, "package_show"), success: true, result: presentCkanPackage(d, base) };
  });

  app.get("/api/3/action/package_search", hide, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const rows = nonNegativeInt(query.rows, 10);
    const start = nonNegativeInt(query.start, 0);
    if (rows === null || start === null) {
      const field = rows === null ? "rows" : "start";
      return fail(reply, base, "package_search", 409, "Validation Error", `El parámetro ${field} debe ser un entero no negativo.`, { [field]: ["Entero no negativo requerido"] });
    }
    const q = typeof query.q === "string" && query.q !== "*:*" ? query.q : "";
    const filtered = filterQuery(searchDatasets(await allDatasets(services), q), typeof query.fq === "string" ? query.fq : "");
    if (typeof filtered === "string") {
      return fail(reply, base, "package_search", 409, "Search Query Error", `Filtro fq no admitido: ${filtered}. Use organization, tags o res_format.`);
    }
    return {
      help: help(base, "package_search"),
      success: true,
      result: {
        count: filtered.length,
        sort: "score desc, metadata_modified desc",
        facets: {},
        search_facets: {},
        results: filtered.slice(start, start + Math.min(rows, MAX_ROWS)).map((d) => presentCkanPackage(d, base)),
      },
    };
  });
}
