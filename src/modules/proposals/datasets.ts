/** The proposals module's entry in the open-data catalogue (served by routes-data.ts). */
import { sql } from "kysely";
import type { DatasetContributor } from "../../platform/datasets.js";

export const proposalDatasets: DatasetContributor = async ({ db }, m) => {
  const r = await sql<{ n: string; first: string | null; last: string | null; modified: Date | string | null }>`
    select count(*) as n,
           to_char(min(p.created_at at time zone ${m.timeZone}), 'YYYY-MM-DD') as first,
           to_char(max(p.created_at at time zone ${m.timeZone}), 'YYYY-MM-DD') as last,
           max(p.updated_at) as modified
      from proposals p join participatory_processes pp on pp.municipality_id = p.municipality_id and pp.id = p.process_id
     where p.municipality_id = ${m.id} and pp.status in ('published', 'closed')`.execute(db);
  const row = r.rows[0];
  if (!row || Number(row.n) === 0) return [];
  return [
    {
      id: `${m.slug}-propuestas-ciudadanas`,
      municipalitySlug: m.slug,
      title: `Propuestas ciudadanas de los procesos participativos de ${m.name}`,
      description:
        `Temas, ideas, retos y propuestas que la ciudadanía presentó en línea y en sesiones presenciales en los procesos participativos de ${m.name}: ` +
        "folio, tipo, texto, estado, respuesta oficial razonada, categoría, colonia, ubicación redondeada, apoyos, comentarios, fusiones y moderación. Sin datos de autores.",
      keywords: ["participación ciudadana", "gobierno abierto", "propuestas", "cocreación", "OGP Local"],
      frequency: "continuous",
      temporal: row.first && row.last ? { start: row.first, end: row.last } : null,
      modified: row.modified ? new Date(row.modified).toISOString() : null,
      distributions: [
        { id: "csv", title: "Propuestas ciudadanas (CSV)", format: "CSV", mediaType: "text/csv", downloadPath: `/${m.slug}/datos/propuestas.csv` },
        { id: "json", title: "Propuestas ciudadanas (JSON)", format: "JSON", mediaType: "application/json", downloadPath: `/${m.slug}/datos/propuestas.json` },
      ],
    },
  ];
};
