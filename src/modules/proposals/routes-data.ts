/** /:slug/datos/propuestas.csv and .json (optionally ?proceso=<slug>): the open data of proposals. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Services } from "../../platform/services.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import { CSV_COLUMNS, csvLine, exportProcesses, exportRecord, exportRows } from "./opendata.js";

const querystring = { type: "object", properties: { proceso: { type: "string", maxLength: 80 } } } as const;

export function dataRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;

  async function records(request: FastifyRequest) {
    const m = await municipalityOr404(db, request);
    const slug = (request.query as { proceso?: string }).proceso?.trim() || null;
    const processes = await exportProcesses(db, m.id, slug);
    if (slug && processes.length === 0) throw new HttpProblem(404, request.t("errors.notFound"));
    const out = [];
    for (const process of processes) {
      for (const p of await exportRows(db, m.id, process)) {
        out.push(exportRecord(p, process, `${config.publicUrl}/${m.slug}/participa/${process.slug}/propuestas/${p.number}`));
      }
    }
    return { m, out };
  }

  app.get("/:slug/datos/propuestas.csv", { schema: { hide: true, params: slugParams, querystring } }, async (request, reply) => {
    const { m, out } = await records(request);
    const body = "\uFEFF" + CSV_COLUMNS.join(",") + "\r\n" + out.map(csvLine).join("");
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${m.slug}-propuestas.csv"`)
      .header("access-control-allow-origin", "*")
      .send(body);
  });

  app.get("/:slug/datos/propuestas.json", { schema: { hide: true, params: slugParams, querystring } }, async (request, reply) => {
    const { m, out } = await records(request);
    return reply
      .type("application/json; charset=utf-8")
      .header("access-control-allow-origin", "*")
      .send({ municipio: m.slug, licencia: "Libre Uso MX", generado: new Date().toISOString(), total: out.length, propuestas: out });
  });
}
