/**
 * Open data: the agreements of every roundtable in the municipality's public processes, as CSV
 * (UTF-8 with BOM, RFC 4180 quoting, CRLF) and JSON, streamed in batches. Organisations only:
 * no representatives' names, no staff.
 */
import { Readable } from "node:stream";
import type { DatasetContributor } from "../../platform/datasets.js";
import type { Executor } from "../../platform/db/database.js";
import { csvField } from "../requests/opendata.js";
import { agreementsDatasetDates, agreementsForExport, type AgreementClock, type AgreementExportRow } from "./agreements-queries.js";
import { publicBase } from "./urls.js";

export const AGREEMENT_COLUMNS = [
  "proceso", "proceso_titulo", "mesa_id", "mesa", "numero", "acuerdo", "organizacion_responsable", "sector_responsable",
  "fecha_compromiso", "estado", "motivo_estado", "vencido", "dias_habiles_de_atraso", "propuesta_numero", "registrado", "url",
] as const;

function record(r: AgreementExportRow, slug: string, publicUrl: string): Record<(typeof AGREEMENT_COLUMNS)[number], string | number | boolean | null> {
  return {
    proceso: r.processSlug,
    proceso_titulo: r.processTitle,
    mesa_id: r.roundtableId,
    mesa: r.roundtableName,
    numero: r.number,
    acuerdo: r.text,
    organizacion_responsable: r.responsible?.organisation ?? null,
    sector_responsable: r.responsible?.sector ?? null,
    fecha_compromiso: r.dueOn,
    estado: r.status,
    motivo_estado: r.statusReason || null,
    vencido: r.daysLate > 0,
    dias_habiles_de_atraso: r.daysLate,
    propuesta_numero: r.proposalNumber,
    registrado: r.createdAt.toISOString(),
    url: `${publicUrl}${publicBase(slug, r.processSlug)}/${r.roundtableId}/acuerdos/${r.id}`,
  };
}

export function agreementsCsv(db: Executor, m: { id: number; slug: string }, clock: AgreementClock, publicUrl: string): Readable {
  return Readable.from(
    (async function* () {
      yield "\uFEFF" + AGREEMENT_COLUMNS.join(",") + "\r\n";
      for await (const rows of agreementsForExport(db, m.id, clock)) {
        yield rows
          .map((r) => {
            const rec = record(r, m.slug, publicUrl);
            return AGREEMENT_COLUMNS.map((c) => csvField(typeof rec[c] === "boolean" ? (rec[c] ? "si" : "no") : (rec[c] as string | number | null))).join(",") + "\r\n";
          })
          .join("");
      }
    })(),
  );
}

export function agreementsJson(db: Executor, m: { id: number; slug: string }, clock: AgreementClock, publicUrl: string): Readable {
  return Readable.from(
    (async function* () {
      yield "[";
      let first = true;
      for await (const rows of agreementsForExport(db, m.id, clock)) {
        for (const r of rows) {
          yield (first ? "\n" : ",\n") + JSON.stringify(record(r, m.slug, publicUrl));
          first = false;
        }
      }
      yield first ? "]\n" : "\n]\n";
    })(),
  );
}

export const roundtableDatasets: DatasetContributor = async ({ db }, m) => {
  const dates = await agreementsDatasetDates(db, m.id, m.timeZone);
  return [
    {
      id: `${m.slug}-acuerdos-mesas-de-trabajo`,
      municipalitySlug: m.slug,
      title: `Acuerdos de las mesas de trabajo de ${m.name}`,
      description:
        `Los acuerdos de las mesas de trabajo de los procesos de participación de ${m.name}: proceso, mesa, número, texto, ` +
        "organización responsable y su sector, fecha compromiso, estado (pendiente, en curso, cumplido, descartado con su motivo), " +
        "si está vencido y cuántos días hábiles de atraso lleva según el calendario oficial del municipio, y la propuesta en que se convirtió. " +
        "Sin nombres de personas.",
      keywords: ["participación ciudadana", "mesas de trabajo", "acuerdos", "gobierno abierto", "cocreación"],
      frequency: "continuous",
      temporal: dates.first && dates.last ? { start: dates.first, end: dates.last } : null,
      modified: dates.modified ? dates.modified.toISOString() : null,
      distributions: [
        { id: "csv", title: "Acuerdos de las mesas de trabajo (CSV)", format: "CSV", mediaType: "text/csv", downloadPath: `/${m.slug}/datos/acuerdos-mesas.csv` },
        { id: "json", title: "Acuerdos de las mesas de trabajo (JSON)", format: "JSON", mediaType: "application/json", downloadPath: `/${m.slug}/datos/acuerdos-mesas.json` },
      ],
    },
  ];
};
