/** The open-data catalogue entry of each public conversation with votes (Polis layout CSVs). */
import { sql } from "kysely";
import type { DatasetContributor } from "../../platform/datasets.js";

export const opinionDatasets: DatasetContributor = async ({ db }, m) => {
  const { rows } = await sql<{ id: number; topic: string; first: string | null; last: string | null; modified: Date | string | null }>`
    select c.id, c.topic,
           to_char(min(v.updated_at at time zone ${m.timeZone}), 'YYYY-MM-DD') as first,
           to_char(max(v.updated_at at time zone ${m.timeZone}), 'YYYY-MM-DD') as last,
           max(v.updated_at) as modified
      from opinion_conversations c
      join opinion_votes v on v.municipality_id = c.municipality_id and v.conversation_id = c.id
      left join participatory_processes p on p.municipality_id = c.municipality_id and p.id = c.process_id
     where c.municipality_id = ${m.id} and (c.process_id is null or p.status in ('published', 'closed'))
     group by c.id, c.topic
     order by c.id
     limit 200`.execute(db);
  return rows.map((c) => {
    const base = `/${m.slug}/opinion/${c.id}`;
    return {
      id: `${m.slug}-conversacion-${c.id}`,
      municipalitySlug: m.slug,
      title: `Conversación «${c.topic}»: afirmaciones, votos y grupos de opinión (${m.name})`,
      description:
        "Afirmaciones, votos (de acuerdo 1, en desacuerdo −1, paso 0) y grupos de opinión calculados por Cabildo, en el formato de los datos abiertos de Polis " +
        "(comments.csv, votes.csv, participants-votes.csv). Las personas aparecen solo con su número en la conversación; sin nombres ni correos.",
      keywords: ["participación ciudadana", "inteligencia colectiva", "mapa de opiniones", "Polis", "gobierno abierto"],
      frequency: "continuous",
      temporal: c.first && c.last ? { start: c.first, end: c.last } : null,
      modified: c.modified ? new Date(c.modified).toISOString() : null,
      distributions: [
        { id: "comments", title: "Afirmaciones (comments.csv)", format: "CSV", mediaType: "text/csv", downloadPath: `${base}/comments.csv` },
        { id: "votes", title: "Votos (votes.csv)", format: "CSV", mediaType: "text/csv", downloadPath: `${base}/votes.csv` },
        { id: "participants-votes", title: "Votos por participante y grupo (participants-votes.csv)", format: "CSV", mediaType: "text/csv", downloadPath: `${base}/participants-votes.csv` },
      ],
    };
  });
};
