/**
 * The transparency module's entries in the open-data catalogue: information requests and their
 * answers, published obligation records, and the compliance index (routes-datasets.ts serves
 * them). Dates covered and the latest change come from the data.
 */
import { sql } from "kysely";
import type { DatasetContributor, DatasetDescriptor, DatasetDistribution } from "../../platform/datasets.js";

const toIso = (value: Date | string | null | undefined): string | null => (value ? new Date(value).toISOString() : null);

function downloads(slug: string, file: string, title: string): DatasetDistribution[] {
  return [
    { id: "csv", title: `${title} (CSV)`, format: "CSV", mediaType: "text/csv", downloadPath: `/${slug}/datos/${file}.csv` },
    { id: "json", title: `${title} (JSON)`, format: "JSON", mediaType: "application/json", downloadPath: `/${slug}/datos/${file}.json` },
  ];
}

export const transparencyDatasets: DatasetContributor = async ({ db }, m) => {
  const [requests, records, obligations] = await Promise.all([
    sql<{ first: string | null; last: string | null; modified: Date | string | null }>`
      select min(received_on)::text as first, max(received_on)::text as last, max(updated_at) as modified
        from information_requests where municipality_id = ${m.id} and kind = 'information'`.execute(db),
    sql<{ first: string | null; last: string | null; modified: Date | string | null }>`
      select to_char(min(published_at at time zone ${m.timeZone}), 'YYYY-MM-DD') as first,
             to_char(max(published_at at time zone ${m.timeZone}), 'YYYY-MM-DD') as last,
             max(published_at) as modified
        from obligation_records where municipality_id = ${m.id}`.execute(db),
    sql<{ modified: Date | string | null }>`
      select max(updated_at) as modified from obligations where municipality_id = ${m.id}`.execute(db),
  ]);
  const req = requests.rows[0];
  const rec = records.rows[0];
  const indexModified = [toIso(rec?.modified), toIso(obligations.rows[0]?.modified)].filter((v): v is string => v !== null).sort().at(-1) ?? null;
  const datasets: DatasetDescriptor[] = [
    {
      id: `${m.slug}-solicitudes-informacion`,
      municipalitySlug: m.slug,
      title: `Solicitudes de acceso a la información de ${m.name}`,
      description:
        `Cada solicitud de acceso a la información pública recibida por ${m.name}: folio, fecha de recepción, medio, estado, ` +
        "áreas a las que se turnó, fechas límite (con ampliación), fecha de respuesta, días hábiles para responder según el " +
        "calendario oficial del municipio, si se respondió en plazo, resultado (entrega, inexistencia, clasificación con su " +
        "fundamento y periodo de reserva, incompetencia), recurso de revisión y, una vez respondida, el texto de la solicitud " +
        "y de la respuesta. Sin datos de quien solicita; las solicitudes de derechos ARCO no se publican.",
      keywords: ["transparencia", "acceso a la información", "solicitudes de información", "respuestas", "plazos"],
      frequency: "continuous",
      temporal: req?.first && req.last ? { start: req.first, end: req.last } : null,
      modified: toIso(req?.modified),
      distributions: downloads(m.slug, "solicitudes-informacion", "Solicitudes de acceso a la información"),
    },
    {
      id: `${m.slug}-obligaciones-transparencia`,
      municipalitySlug: m.slug,
      title: `Obligaciones de transparencia publicadas por ${m.name}`,
      description:
        `Cada periodo publicado de las obligaciones de transparencia de ${m.name} (Ley General, artículos 70 y 71): ` +
        "artículo, fracción, obligación, área responsable, periodo, fecha límite, fecha de publicación, días de atraso, " +
        "tipo de archivo y su liga de descarga o la liga a la información.",
      keywords: ["transparencia", "obligaciones de transparencia", "LGTAIP", "artículo 70", "artículo 71"],
      frequency: "continuous",
      temporal: rec?.first && rec.last ? { start: rec.first, end: rec.last } : null,
      modified: toIso(rec?.modified),
      distributions: downloads(m.slug, "obligaciones", "Obligaciones de transparencia publicadas"),
    },
    {
      id: `${m.slug}-indice-cumplimiento`,
      municipalitySlug: m.slug,
      title: `Índice de cumplimiento de obligaciones de transparencia de ${m.name}`,
      description:
        `El semáforo de transparencia de ${m.name} a la fecha de consulta: por área responsable y para el municipio, ` +
        "obligaciones, cuántas están al día y cuántas vencidas, índice ponderado (0 a 100) y color del semáforo.",
      keywords: ["transparencia", "índice de cumplimiento", "semáforo", "obligaciones de transparencia"],
      frequency: "daily",
      temporal: null,
      modified: indexModified,
      distributions: downloads(m.slug, "indice-cumplimiento", "Índice de cumplimiento"),
    },
  ];
  return datasets;
};
