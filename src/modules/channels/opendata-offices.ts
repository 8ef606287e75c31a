/**
 * Open data of the offices and the catalogue: offices as CSV and GeoJSON, procedures as CSV and
 * JSON (UTF-8 with BOM, RFC 4180, CRLF, formulas neutralised in the CSV). Active rows only, public
 * columns only: an office's contact is the office's, and nothing here is about a person.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { csvField } from "../../platform/csv.js";
import type { DatasetContributor, DatasetDescriptor, DatasetDistribution } from "../../platform/datasets.js";
import type { Executor } from "../../platform/db/database.js";
import { municipalityOr404, slugParams } from "../../platform/http/tenant.js";
import type { Services } from "../../platform/services.js";
import { hoursOf, WEEKDAYS } from "./office-hours.js";
import { presentOfficeFeature } from "./office-presenters.js";
import { listActiveOffices, officesModifiedAt, type OfficeRow } from "./office-queries.js";
import { listActiveProcedures, officeSlugsByProcedure, proceduresModifiedAt } from "./procedure-queries.js";
import { officeDataPath, officePath, procedureDataPath, procedurePath } from "./urls.js";

type Value = string | number | boolean | null;

export const OFFICE_COLUMNS = [
  "oficina", "nombre", "tipo", "direccion", "colonia", "latitud", "longitud", "horario", "telefono", "correo", "accesibilidad", "notas", "tramites", "url",
] as const;
export const PROCEDURE_COLUMNS = [
  "tramite", "nombre", "tipo", "descripcion", "requisitos", "costo", "monto_mxn", "duracion", "como_se_hace", "en_linea", "dependencia",
  "servicio_de_solicitud", "fundamento_legal", "oficinas", "url",
] as const;

const DAY_NAMES = ["", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"];

/** "lunes 09:00-15:00; martes 09:00-15:00" (closed days left out). */
export function hoursText(o: OfficeRow): string {
  return WEEKDAYS.flatMap((d) => hoursOf(o.hours, d).map((h) => `${DAY_NAMES[d]} ${h.opens}-${h.closes}`)).join("; ");
}

export async function officeRecords(db: Executor, m: { id: number; slug: string }, publicUrl: string): Promise<Record<string, Value>[]> {
  const [offices, byProcedure] = await Promise.all([listActiveOffices(db, m.id), procedureCountByOffice(db, m.id)]);
  return offices.map((o) => ({
    oficina: o.slug, nombre: o.name, tipo: o.kind, direccion: o.address, colonia: o.colonia?.name ?? null, latitud: o.lat, longitud: o.lon,
    horario: hoursText(o) || null, telefono: o.phone, correo: o.email, accesibilidad: o.accessibility || null, notas: o.notes || null,
    tramites: byProcedure.get(o.slug) ?? 0, url: `${publicUrl}${officePath(m.slug, o.slug)}`,
  }));
}

/** How many active procedures each active office offers, by office slug. */
async function procedureCountByOffice(db: Executor, municipalityId: number): Promise<Map<string, number>> {
  const [procedures, offices] = await Promise.all([listActiveProcedures(db, municipalityId), officeSlugsByProcedure(db, municipalityId)]);
  const count = new Map<string, number>();
  for (const p of procedures) for (const slug of offices.get(p.id) ?? []) count.set(slug, (count.get(slug) ?? 0) + 1);
  return count;
}

export async function procedureRecords(db: Executor, m: { id: number; slug: string }, publicUrl: string): Promise<Record<string, Value | string[]>[]> {
  const [procedures, offices] = await Promise.all([listActiveProcedures(db, m.id), officeSlugsByProcedure(db, m.id)]);
  return procedures.map((p) => ({
    tramite: p.slug, nombre: p.name, tipo: p.kind, descripcion: p.summary || null, requisitos: p.requirements, costo: p.costText,
    monto_mxn: p.costMxn === null ? null : Number(p.costMxn), duracion: p.duration || null, como_se_hace: p.howTo || null, en_linea: p.onlineUrl,
    dependencia: p.department?.name ?? null, servicio_de_solicitud: p.requestServiceCode, fundamento_legal: p.legalBasis || null,
    oficinas: offices.get(p.id) ?? [], url: `${publicUrl}${procedurePath(m.slug, p.slug)}`,
  }));
}

export function toCsv(columns: readonly string[], records: Record<string, Value | string[]>[]): string {
  const cell = (v: Value | string[] | undefined) => csvField(Array.isArray(v) ? v.join("; ") || null : typeof v === "boolean" ? (v ? "si" : "no") : (v ?? null));
  return "\uFEFF" + [columns.join(","), ...records.map((r) => columns.map((c) => cell(r[c])).join(","))].map((l) => `${l}\r\n`).join("");
}

const toJson = (records: unknown[]) => (records.length === 0 ? "[]\n" : `[\n${records.map((r) => JSON.stringify(r)).join(",\n")}\n]\n`);

export function registerOfficeDataRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;
  const send = (reply: FastifyReply, type: string, disposition: string, body: string) =>
    reply.type(type).header("content-disposition", disposition).header("cache-control", "public, max-age=300").send(body);

  app.get("/:slug/datos/oficinas.csv", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    return send(reply, "text/csv; charset=utf-8", `attachment; filename="oficinas-${m.slug}.csv"`, toCsv(OFFICE_COLUMNS, await officeRecords(db, m, config.publicUrl)));
  });
  app.get("/:slug/datos/oficinas.geojson", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    const features = (await listActiveOffices(db, m.id)).filter((o) => o.lat !== null && o.lon !== null).map((o) => presentOfficeFeature(m, o, config.publicUrl));
    return send(reply, "application/geo+json; charset=utf-8", `inline; filename="oficinas-${m.slug}.geojson"`, JSON.stringify({ type: "FeatureCollection", features }));
  });
  app.get("/:slug/datos/tramites.csv", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    return send(reply, "text/csv; charset=utf-8", `attachment; filename="tramites-${m.slug}.csv"`, toCsv(PROCEDURE_COLUMNS, await procedureRecords(db, m, config.publicUrl)));
  });
  app.get("/:slug/datos/tramites.json", { schema: { params: slugParams, hide: true } }, async (request, reply) => {
    const m = await municipalityOr404(db, request);
    return send(reply, "application/json; charset=utf-8", `inline; filename="tramites-${m.slug}.json"`, toJson(await procedureRecords(db, m, config.publicUrl)));
  });
}

function dataset(m: { slug: string }, id: string, title: string, description: string, keywords: string[], modified: Date | null, distributions: DatasetDistribution[]): DatasetDescriptor {
  return { id: `${m.slug}-${id}`, municipalitySlug: m.slug, title, description, keywords, frequency: "irregular", temporal: null, modified: modified?.toISOString() ?? null, distributions };
}

/** The catalogue entries (manifest datasets): offices and procedures, when the municipality has any. */
export const officeDatasets: DatasetContributor = async ({ db }, m) => {
  const [offices, procedures] = await Promise.all([officesModifiedAt(db, m.id), proceduresModifiedAt(db, m.id)]);
  const out: DatasetDescriptor[] = [];
  if (offices.count > 0) {
    out.push(
      dataset(
        m, "oficinas-de-atencion", `Oficinas de atención de ${m.name}`,
        "Delegaciones, módulos y oficinas de atención al público: dirección, colonia, ubicación, horario por día, teléfono y correo de la oficina, notas de accesibilidad y cuántos trámites se pueden hacer en cada una. Sin datos personales.",
        ["oficinas", "delegaciones", "módulos de atención", "horarios", "accesibilidad"], offices.modified,
        [
          { id: "csv", title: "Oficinas de atención (CSV)", format: "CSV", mediaType: "text/csv", downloadPath: officeDataPath(m.slug, "csv") },
          { id: "geojson", title: "Oficinas de atención (GeoJSON)", format: "GeoJSON", mediaType: "application/geo+json", downloadPath: officeDataPath(m.slug, "geojson") },
        ],
      ),
    );
  }
  if (procedures.count > 0) {
    out.push(
      dataset(
        m, "tramites-y-servicios", `Catálogo de trámites y servicios de ${m.name}`,
        "Cada trámite o servicio municipal con sus requisitos, costo, tiempo de respuesta, cómo se hace, la dirección para hacerlo en línea, la dependencia responsable, el fundamento legal y las oficinas donde se puede hacer. Sin datos personales.",
        ["trámites", "servicios municipales", "requisitos", "costos", "mejora regulatoria"], procedures.modified,
        [
          { id: "csv", title: "Trámites y servicios (CSV)", format: "CSV", mediaType: "text/csv", downloadPath: procedureDataPath(m.slug, "csv") },
          { id: "json", title: "Trámites y servicios (JSON)", format: "JSON", mediaType: "application/json", downloadPath: procedureDataPath(m.slug, "json") },
        ],
      ),
    );
  }
  return out;
};
