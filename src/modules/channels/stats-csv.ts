/** The dashboard's table by colonia and channel as CSV (every row, same columns and order as the page). */
import { csvField } from "../../platform/csv.js";
import { OPEN_DATA_CHANNEL } from "../requests/opendata.js";
import { REQUEST_CHANNELS, type ColoniaChannelRow } from "./stats-queries.js";

export const COLONIA_CHANNEL_COLUMNS = ["colonia", "total", ...REQUEST_CHANNELS.map((c) => OPEN_DATA_CHANNEL[c])];

/** UTF-8 with BOM, RFC 4180, CRLF; requests without a colonia under `noColonia` (the page's label). */
export function coloniaChannelCsv(rows: ColoniaChannelRow[], noColonia: string): string {
  const lines = rows.map((r) => [r.colonia ?? noColonia, r.total, ...REQUEST_CHANNELS.map((c) => r.byChannel[c])].map(csvField).join(","));
  return "\uFEFF" + [COLONIA_CHANNEL_COLUMNS.join(","), ...lines].map((l) => l + "\r\n").join("");
}
