/**
 * Open data: every public request of a municipality (optionally one colonia or a date range) as
 * CSV (UTF-8 with BOM so Excel reads accents, RFC 4180 quoting, CRLF) or GeoJSON, streamed in
 * keyset batches so a city's whole history never sits in memory. Rows come from the public
 * presenter: no contact data, typed addresses or notes; coordinates rounded to 3 decimals.
 */
import { Readable } from "node:stream";
import type { Executor } from "../../platform/db/database.js";
import type { PublicRequest } from "./presenters.js";
import type { Channel } from "./tables.js";
import { openDataBatch, type PublicFilters } from "./queries-public.js";
import { csvField } from "../../platform/csv.js";

const BATCH = 1000;

export const CSV_COLUMNS = [
  "folio", "servicio_codigo", "servicio", "estado", "colonia", "dependencia", "canal", "creada", "atendida", "cerrada",
  "dias_para_atender", "apoyos", "latitud", "longitud", "descripcion",
] as const;

/**
 * The `canal` of open data: how the request arrived, in Spanish and stable — web (the site's
 * form), open311 (the API), telefono, brigada (a field brigade), audiencia (an open hearing),
 * oficina (an office's front desk). A channel is not personal data; who assisted is never published.
 */
export const OPEN_DATA_CHANNEL: Record<Channel, string> = {
  web: "web",
  open311: "open311",
  phone: "telefono",
  brigade: "brigada",
  hearing: "audiencia",
  office: "oficina",
};

/** Days from filing to attention (or to closing when never marked attended); null while not attended. */
export function daysToAttend(r: PublicRequest): number | null {
  const end = r.attendedAt ?? (r.status === "cerrada" ? r.closedAt : null);
  if (!end) return null;
  return Math.round(((Date.parse(end) - Date.parse(r.createdAt)) / 86_400_000) * 100) / 100;
}

/** Kept for the modules that import it from here; new code imports platform/csv.ts. */
export { csvField };

export function csvRow(r: PublicRequest): string {
  return [
    r.folio, r.service.code, r.service.name, r.status, r.colonia?.name ?? null, r.department, OPEN_DATA_CHANNEL[r.channel], r.createdAt, r.attendedAt, r.closedAt,
    daysToAttend(r), r.supporters, r.location?.lat ?? null, r.location?.lon ?? null, r.description,
  ]
    .map(csvField)
    .join(",");
}

function properties(r: PublicRequest, slug: string, publicUrl: string) {
  return {
    folio: r.folio,
    servicio_codigo: r.service.code,
    servicio: r.service.name,
    estado: r.status,
    colonia: r.colonia?.name ?? null,
    dependencia: r.department,
    canal: OPEN_DATA_CHANNEL[r.channel],
    creada: r.createdAt,
    atendida: r.attendedAt,
    cerrada: r.closedAt,
    dias_para_atender: daysToAttend(r),
    apoyos: r.supporters,
    descripcion: r.description,
    url: `${publicUrl}/${slug}/solicitudes/${r.folio}`,
  };
}

async function* batches(db: Executor, municipality: { id: number; timeZone: string }, f: PublicFilters): AsyncGenerator<PublicRequest[]> {
  let after: string | null = null;
  for (;;) {
    const { rows, lastId } = await openDataBatch(db, municipality, f, after, BATCH);
    if (rows.length) yield rows;
    if (rows.length < BATCH) return;
    after = lastId;
  }
}

export function csvStream(db: Executor, municipality: { id: number; timeZone: string }, f: PublicFilters): Readable {
  return Readable.from(
    (async function* () {
      yield "\uFEFF" + CSV_COLUMNS.join(",") + "\r\n";
      for await (const rows of batches(db, municipality, f)) yield rows.map((r) => csvRow(r) + "\r\n").join("");
    })(),
  );
}

/** Requests without a location are features with a null geometry, as GeoJSON allows. */
export function geojsonStream(db: Executor, municipality: { id: number; slug: string; timeZone: string }, f: PublicFilters, publicUrl: string): Readable {
  return Readable.from(
    (async function* () {
      yield '{"type":"FeatureCollection","features":[';
      let first = true;
      for await (const rows of batches(db, municipality, f)) {
        const parts = rows.map((r) =>
          JSON.stringify({
            type: "Feature",
            geometry: r.location ? { type: "Point", coordinates: [r.location.lon, r.location.lat] } : null,
            properties: properties(r, municipality.slug, publicUrl),
          }),
        );
        yield (first ? "" : ",") + parts.join(",");
        first = false;
      }
      yield "]}\n";
    })(),
  );
}
