/** The dashboard's GET filters (desde, hasta, servicio): checked, with a Spanish message per field. */
import type { Executor } from "../../platform/db/database.js";
import { isLocalDate } from "../../platform/calendar/dates.js";
import type { Translate } from "../../platform/i18n/index.js";
import { findServiceByCode } from "../requests/catalogue.js";
import type { ChannelStatsFilters } from "./stats-queries.js";
import type { StatsFilterValues } from "./views/stats-dashboard.js";

export interface ParsedStatsFilters {
  values: StatsFilterValues;
  errors: Record<string, string>;
  /** Null when any filter is wrong. */
  filters: ChannelStatsFilters | null;
  /** The filters given, as a query string ("" or "?desde=…"). */
  query: string;
}

const text = (query: Record<string, unknown>, name: string, max: number) => (typeof query[name] === "string" ? (query[name] as string).trim().slice(0, max) : "");

export async function parseStatsFilters(db: Executor, municipalityId: number, query: Record<string, unknown>, t: Translate): Promise<ParsedStatsFilters> {
  const values: StatsFilterValues = { desde: text(query, "desde", 20), hasta: text(query, "hasta", 20), servicio: text(query, "servicio", 60) };
  const errors: Record<string, string> = {};
  if (values.desde && !isLocalDate(values.desde)) errors.desde = t("channelStats:stats.errors.date");
  if (values.hasta && !isLocalDate(values.hasta)) errors.hasta = t("channelStats:stats.errors.date");
  if (!errors.desde && !errors.hasta && values.desde && values.hasta && values.hasta < values.desde) errors.hasta = t("channelStats:stats.errors.range");
  let serviceId: number | null = null;
  if (values.servicio) {
    const service = await findServiceByCode(db, municipalityId, values.servicio);
    if (service) serviceId = service.id;
    else errors.servicio = t("channelStats:stats.errors.service");
  }
  const given = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== "")).toString();
  return {
    values,
    errors,
    filters: Object.keys(errors).length ? null : { from: values.desde || null, to: values.hasta || null, serviceId },
    query: given ? `?${given}` : "",
  };
}
