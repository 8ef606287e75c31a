/** Open-data downloads: /:slug/datos/priorizacion.csv and .json (optionally ?proceso=<slug>). */
import type { FastifyInstance } from "fastify";
import { HttpProblem } from "../../platform/http/problem.js";
import { municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import { exportedProcesses, exportRows, toCsv } from "./exports.js";

export function registerDataRoutes(app: FastifyInstance, { db }: Services): void {
  const processOf = (query: unknown, t: (k: string) => string): string | null => {
    const v = (query as Record<string, unknown> | undefined)?.proceso;
    if (v === undefined || v === "") return null;
    if (typeof v !== "string" || !/^[a-z0-9-]{1,80}$/.test(v)) throw new HttpProblem(400, t("prioritisation:badProcessFilter"));
    return v;
  };

  app.get("/:slug/datos/priorizacion.csv", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const rows = await exportRows(db, m.id, processOf(request.query, request.t));
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${m.slug}-priorizacion.csv"`)
      .send(toCsv(rows));
  });

  app.get("/:slug/datos/priorizacion.json", { schema: { params: slugParams } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const slug = processOf(request.query, request.t);
    const [rows, processes] = await Promise.all([exportRows(db, m.id, slug), exportedProcesses(db, m.id, slug)]);
    return reply.type("application/json; charset=utf-8").send({
      municipio: { slug: m.slug, nombre: m.name },
      procesos: processes.map((p) => ({ slug: p.slug, titulo: p.title, resultados: rows.filter((r) => r.proceso === p.slug) })),
    });
  });
}
