/**
 * Open-data downloads of the transparency module, per municipality: information requests and
 * answers, published obligation records and the compliance index, each as CSV and JSON. They are
 * listed in the catalogue by datasets.ts.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Readable } from "node:stream";
import type { Services } from "../../platform/services.js";
import { municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import {
  COMPLIANCE_COLUMNS, complianceRows, csvDownload, INFO_REQUEST_COLUMNS, informationRequestRows, jsonDownload, OBLIGATION_RECORD_COLUMNS,
  obligationRecordRows, type ExportMunicipality,
} from "./datasets-export.js";

type Rows = ReturnType<typeof informationRequestRows>;

export function registerDatasetRoutes(app: FastifyInstance, { db, config }: Services): void {
  const exports: { file: string; columns: readonly string[]; rows: (m: ExportMunicipality) => Rows }[] = [
    { file: "solicitudes-informacion", columns: INFO_REQUEST_COLUMNS, rows: (m) => informationRequestRows(db, m, config.publicUrl) },
    { file: "obligaciones", columns: OBLIGATION_RECORD_COLUMNS, rows: (m) => obligationRecordRows(db, m, config.publicUrl) },
    { file: "indice-cumplimiento", columns: COMPLIANCE_COLUMNS, rows: (m) => complianceRows(db, m) },
  ];

  const send = (reply: FastifyReply, type: string, disposition: string, body: Readable) =>
    reply.type(type).header("content-disposition", disposition).header("cache-control", "public, max-age=300").send(body);

  for (const e of exports) {
    app.get(`/:slug/datos/${e.file}.csv`, { schema: { params: slugParams, hide: true } }, async (request, reply) => {
      const m = await municipalityOr404(db, request);
      return send(reply, "text/csv; charset=utf-8", `attachment; filename="${e.file}-${m.slug}.csv"`, csvDownload(e.columns, e.rows(m)));
    });
    app.get(`/:slug/datos/${e.file}.json`, { schema: { params: slugParams, hide: true } }, async (request, reply) => {
      const m = await municipalityOr404(db, request);
      return send(reply, "application/json; charset=utf-8", `inline; filename="${e.file}-${m.slug}.json"`, jsonDownload(e.rows(m)));
    });
  }
}
