/**
 * Open data "Solicitudes por canal y colonia": per month received, colonia and channel, how many
 * requests arrived, how many were attended and the median business days it took. Aggregates
 * only: no folio, no text, no contact, and never who assisted a filing (that names a staff
 * account).
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { csvField } from "../../platform/csv.js";
import type { DatasetContributor } from "../../platform/datasets.js";
import { OPEN_DATA_CHANNEL } from "../requests/opendata.js";
import { CHANNELS as REQUEST_CHANNELS, type Channel } from "../requests/tables.js";
import { ATTENDED_SQL, businessDaysToAttend, nonBusinessDates } from "./stats-business-days.js";
import { requestsByChannelCsvPath } from "./urls.js";

export const CHANNEL_DATASET_COLUMNS = ["mes", "colonia", "canal", "recibidas", "atendidas", "mediana_dias"] as const;

export interface MonthColoniaChannelRow {
  /** YYYY-MM of the filing, in the municipality's time zone. */
  month: string;
  colonia: string | null;
  channel: Channel;
  received: number;
  attended: number;
  /** Median business days from receipt to attention of the attended ones; null when none was. */
  medianDays: number | null;
}

export async function requestsByMonthColoniaChannel(db: Executor, m: { id: number; timeZone: string }): Promise<MonthColoniaChannelRow[]> {
  const days = businessDaysToAttend(m.timeZone, await nonBusinessDates(db, m));
  const result = await sql<{ month: string; colonia: string | null; channel: Channel; received: string; attended: string; median_days: number | null }>`
    with facts as (
      select to_char(r.created_at at time zone ${m.timeZone}, 'YYYY-MM') as month, r.colonia_id, r.channel, ${ATTENDED_SQL} as attended, ${days} as days
        from service_requests r
       where r.municipality_id = ${m.id}
    )
    select f.month, c.name as colonia, f.channel,
           count(*) as received,
           count(*) filter (where f.attended) as attended,
           percentile_cont(0.5) within group (order by f.days) as median_days
      from facts f
      left join colonias c on c.municipality_id = ${m.id} and c.id = f.colonia_id
     group by f.month, c.id, c.name, f.channel
     order by f.month, c.name nulls last, c.id, array_position(array[${sql.join([...REQUEST_CHANNELS])}]::text[], f.channel)`.execute(db);
  return result.rows.map((r) => ({
    month: r.month,
    colonia: r.colonia,
    channel: r.channel,
    received: Number(r.received),
    attended: Number(r.attended),
    medianDays: r.median_days === null ? null : Math.round(Number(r.median_days) * 10) / 10,
  }));
}

/** UTF-8 with BOM (Excel reads the accents), RFC 4180, CRLF — like the other open-data CSVs. */
export function channelDatasetCsv(rows: MonthColoniaChannelRow[]): string {
  const lines = rows.map((r) => [r.month, r.colonia, OPEN_DATA_CHANNEL[r.channel], r.received, r.attended, r.medianDays].map(csvField).join(","));
  return "\uFEFF" + [CHANNEL_DATASET_COLUMNS.join(","), ...lines].map((l) => l + "\r\n").join("");
}

export const channelStatsDatasets: DatasetContributor = async ({ db }, m) => {
  const r = await sql<{ first: string | null; last: string | null; modified: Date | string | null }>`
    select to_char(min(created_at at time zone ${m.timeZone}), 'YYYY-MM-DD') as first,
           to_char(max(created_at at time zone ${m.timeZone}), 'YYYY-MM-DD') as last,
           max(updated_at) as modified
      from service_requests where municipality_id = ${m.id}`.execute(db);
  const row = r.rows[0];
  return [
    {
      id: `${m.slug}-solicitudes-por-canal`,
      municipalitySlug: m.slug,
      title: `Solicitudes por canal y colonia de ${m.name}`,
      description:
        `Cuántas solicitudes ciudadanas recibió ${m.name} cada mes, por colonia y por canal (web: el sitio; open311: la API; ` +
        "telefono; brigada: brigadas en colonias; audiencia: audiencias públicas; oficina: ventanillas y delegaciones), cuántas se " +
        "atendieron y la mediana de días hábiles para atenderlas, contados desde la recepción con el calendario del municipio. " +
        "Mes de registro en hora local. Solo cifras agregadas: sin datos personales.",
      keywords: ["solicitudes ciudadanas", "canales de atención", "colonias", "audiencias públicas", "brigadas"],
      frequency: "continuous",
      temporal: row?.first && row.last ? { start: row.first, end: row.last } : null,
      modified: row?.modified ? new Date(row.modified).toISOString() : null,
      distributions: [
        { id: "csv", title: "Solicitudes por canal y colonia (CSV)", format: "CSV", mediaType: "text/csv", downloadPath: requestsByChannelCsvPath(m.slug) },
      ],
    },
  ];
};
