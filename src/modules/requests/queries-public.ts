/**
 * Read models of the public side: filtered lists and map points, colonia statistics (median
 * time to attend by service), recent public activity for pages and feeds, and keyset batches
 * for the open-data exports. Every row leaves through presentPublicRequest / presentPublicEvent.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { presentPublicRequest, type PublicRequest, type PublicRequestRow } from "./presenters.js";
import { publicRequestQuery } from "./queries.js";
import { OPEN_STATUSES } from "./status.js";
import type { RequestStatus } from "./tables.js";

export const LIST_STATES = ["abiertas", "cerradas", "todas"] as const;
export type ListState = (typeof LIST_STATES)[number];

export interface PublicFilters {
  serviceCode?: string | null;
  state?: ListState;
  coloniaId?: number | null;
  /** Local dates (YYYY-MM-DD) in the municipality's time zone, both inclusive. */
  from?: string | null;
  to?: string | null;
}

/** Requests that count as attended for the median: attended, or closed without an attended date. */
const ATTENDED_STATUSES: RequestStatus[] = ["atendida", "cerrada"];

function filtered(db: Executor, municipalityId: number, timeZone: string, f: PublicFilters) {
  let q = publicRequestQuery(db, municipalityId);
  if (f.serviceCode) q = q.where("s.code", "=", f.serviceCode);
  if (f.state === "abiertas") q = q.where("r.status", "in", OPEN_STATUSES);
  if (f.state === "cerradas") q = q.where("r.status", "not in", OPEN_STATUSES);
  if (f.coloniaId) q = q.where("r.colonia_id", "=", f.coloniaId);
  // Compare with the start of the local day, so the index on created_at still serves.
  if (f.from) q = q.where("r.created_at", ">=", sql<Date>`(${f.from}::date)::timestamp at time zone ${timeZone}`);
  if (f.to) q = q.where("r.created_at", "<", sql<Date>`(${f.to}::date + 1)::timestamp at time zone ${timeZone}`);
  return q;
}

export interface PagedRequests {
  rows: PublicRequest[];
  total: number;
  page: number;
  perPage: number;
}

export async function listPublicRequests(
  db: Executor,
  municipality: { id: number; timeZone: string },
  f: PublicFilters,
  page: number,
  perPage: number,
): Promise<PagedRequests> {
  const base = filtered(db, municipality.id, municipality.timeZone, f);
  const count = await base.clearSelect().select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .orderBy("r.created_at", "desc")
    .orderBy("r.id", "desc")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { rows: (rows as PublicRequestRow[]).map(presentPublicRequest), total: Number(count.n), page, perPage };
}

export const MAP_LIMIT = 2000;

/** The newest located requests matching the filters, as a GeoJSON FeatureCollection with rounded coordinates. */
export async function publicRequestFeatures(db: Executor, municipality: { id: number; slug: string; timeZone: string }, f: PublicFilters) {
  const rows = await filtered(db, municipality.id, municipality.timeZone, f)
    .where("r.lat", "is not", null)
    .orderBy("r.created_at", "desc")
    .orderBy("r.id", "desc")
    .limit(MAP_LIMIT)
    .execute();
  const features = (rows as PublicRequestRow[]).map(presentPublicRequest).map((r) => ({
    type: "Feature" as const,
    geometry: { type: "Point" as const, coordinates: [r.location!.lon, r.location!.lat] },
    properties: { folio: r.folio, service: r.service.name, status: r.status, url: `/${municipality.slug}/solicitudes/${r.folio}` },
  }));
  return { type: "FeatureCollection" as const, features };
}

export interface ServiceMedian {
  serviceCode: string;
  serviceName: string;
  attended: number;
  /** Median hours from filing to attention. */
  medianHours: number;
}

/**
 * Median time to attend by service, from created_at to attended_at (or closed_at when a request
 * was closed without being marked attended). Rejected and duplicate requests were not attended.
 */
export async function medianAttentionByService(db: Executor, municipalityId: number, coloniaId: number | null): Promise<ServiceMedian[]> {
  let q = db
    .selectFrom("service_requests as r")
    .innerJoin("request_services as s", (j) => j.onRef("s.municipality_id", "=", "r.municipality_id").onRef("s.id", "=", "r.service_id"))
    .where("r.municipality_id", "=", municipalityId)
    .where("r.status", "in", ATTENDED_STATUSES)
    .where(sql<boolean>`coalesce(r.attended_at, r.closed_at) is not null`);
  if (coloniaId !== null) q = q.where("r.colonia_id", "=", coloniaId);
  const rows = await q
    .select([
      "s.code",
      "s.name",
      sql<string>`count(*)`.as("n"),
      sql<number>`percentile_cont(0.5) within group (order by extract(epoch from coalesce(r.attended_at, r.closed_at) - r.created_at))`.as("median_seconds"),
    ])
    .groupBy(["s.code", "s.name", "s.position"])
    .orderBy("s.position")
    .orderBy("s.name")
    .execute();
  return rows.map((r) => ({ serviceCode: r.code, serviceName: r.name, attended: Number(r.n), medianHours: Number(r.median_seconds) / 3600 }));
}

export interface RequestCounts {
  open: number;
  attended: number;
  total: number;
}

export async function requestCounts(db: Executor, municipalityId: number, coloniaId: number | null): Promise<RequestCounts> {
  let q = db.selectFrom("service_requests as r").where("r.municipality_id", "=", municipalityId);
  if (coloniaId !== null) q = q.where("r.colonia_id", "=", coloniaId);
  const row = await q
    .select([
      sql<string>`count(*) filter (where r.status in ('recibida', 'asignada', 'en_proceso'))`.as("open"),
      sql<string>`count(*) filter (where r.status in ('atendida', 'cerrada'))`.as("attended"),
      sql<string>`count(*)`.as("total"),
    ])
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), attended: Number(row.attended), total: Number(row.total) };
}

/** Public event kinds worth showing as activity and in feeds. */
export const ACTIVITY_KINDS = ["created", "status", "update", "merged"] as const;

export interface PublicActivity {
  /** Stable per event: used as the feed item id. */
  key: string;
  at: Date;
  kind: (typeof ACTIVITY_KINDS)[number];
  to: string | null;
  text: string | null;
  folio: string;
  serviceName: string;
  coloniaName: string | null;
  description: string;
}

/** The newest public events of a municipality or a colonia, newest first. */
export async function recentActivity(db: Executor, municipalityId: number, coloniaId: number | null, limit = 20): Promise<PublicActivity[]> {
  let q = db
    .selectFrom("request_events as e")
    .innerJoin("service_requests as r", (j) => j.onRef("r.municipality_id", "=", "e.municipality_id").onRef("r.id", "=", "e.request_id"))
    .innerJoin("request_services as s", (j) => j.onRef("s.municipality_id", "=", "r.municipality_id").onRef("s.id", "=", "r.service_id"))
    .leftJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "r.municipality_id").onRef("c.id", "=", "r.colonia_id"))
    .where("e.municipality_id", "=", municipalityId)
    .where("e.public", "=", true)
    .where("e.kind", "in", [...ACTIVITY_KINDS]);
  if (coloniaId !== null) q = q.where("r.colonia_id", "=", coloniaId);
  const rows = await q
    .select(["e.id", "e.request_id", "e.occurred_at", "e.kind", "e.to_value", "e.body", "r.folio", "r.description", "s.name as service_name", "c.name as colonia_name"])
    .orderBy("e.occurred_at", "desc")
    .orderBy("e.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    key: `${r.request_id}-${r.id}`,
    at: r.occurred_at,
    kind: r.kind as PublicActivity["kind"],
    to: r.to_value,
    text: r.body,
    folio: r.folio,
    serviceName: r.service_name,
    coloniaName: r.colonia_name,
    description: r.description,
  }));
}

/** Colonias that have requests, for the list filter (a town may have thousands of colonias). */
export async function coloniasWithRequests(db: Executor, municipalityId: number): Promise<{ slug: string; name: string }[]> {
  return db
    .selectFrom("colonias as c")
    .select(["c.slug", "c.name"])
    .where("c.municipality_id", "=", municipalityId)
    .where((eb) => eb.exists(eb.selectFrom("service_requests as r").select("r.id").whereRef("r.municipality_id", "=", "c.municipality_id").whereRef("r.colonia_id", "=", "c.id")))
    .orderBy("c.name")
    .execute();
}

/** One batch of the open-data export, in id order after `afterId` (keyset paging: constant cost per batch). */
export async function openDataBatch(
  db: Executor,
  municipality: { id: number; timeZone: string },
  f: PublicFilters,
  afterId: string | null,
  size: number,
): Promise<{ rows: PublicRequest[]; lastId: string | null }> {
  let q = filtered(db, municipality.id, municipality.timeZone, f);
  if (afterId !== null) q = q.where("r.id", ">", afterId);
  const rows = (await q.orderBy("r.id").limit(size).execute()) as PublicRequestRow[];
  return { rows: rows.map(presentPublicRequest), lastId: rows.length ? rows[rows.length - 1]!.id : null };
}
