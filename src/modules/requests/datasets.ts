/**
 * The requests module's entries in the open-data catalogue: the public exports served by
 * routes-public-colonia.ts (/:slug/datos/solicitudes.csv and .geojson). Dates come from the data.
 */
import { sql } from "kysely";
import type { DatasetContributor } from "../../platform/datasets.js";

export const requestDatasets: DatasetContributor = async ({ db }, m) => {
  const r = await sql<{ first: string | null; last: string | null; modified: Date | string | null }>`
    select to_char(min(created_at at time zone ${m.timeZone}), 'YYYY-MM-DD') as first,
           to_char(max(created_at at time zone ${m.timeZone}), 'YYYY-MM-DD') as last,
           max(updated_at) as modified
      from service_requests where municipality_id = ${m.id}`.execute(db);
  const row = r.rows[0];
  const modified = row?.modified ? new Date(row.modified).toISOString() : null;
  return [
    {
      id: `${m.slug}-solicitudes-ciudadanas`,
      municipalitySlug: m.slug,
      title: `Solicitudes ciudadanas de ${m.name}`,
      description:
        `Reportes de atención ciudadana (baches, alumbrado, fugas, basura…) recibidos por ${m.name}: folio, servicio, estado, ` +
        "colonia, dependencia, fechas de creación, atención y cierre, días para atender y ubicación redondeada. Sin datos personales.",
      keywords: ["solicitudes ciudadanas", "atención ciudadana", "servicios públicos", "colonias"],
      frequency: "continuous",
      temporal: row?.first && row.last ? { start: row.first, end: row.last } : null,
      modified,
      distributions: [
        { id: "csv", title: "Solicitudes ciudadanas (CSV)", format: "CSV", mediaType: "text/csv", downloadPath: `/${m.slug}/datos/solicitudes.csv` },
        { id: "geojson", title: "Solicitudes ciudadanas (GeoJSON)", format: "GeoJSON", mediaType: "application/geo+json", downloadPath: `/${m.slug}/datos/solicitudes.geojson` },
      ],
    },
  ];
};
