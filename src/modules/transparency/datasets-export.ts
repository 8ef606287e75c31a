/**
 * The transparency module's open-data downloads: the rows of information requests, published
 * obligation records and the compliance index, as CSV (UTF-8 with BOM, RFC 4180 quoting, CRLF,
 * the same csvField as the citizen-requests export) or a JSON array with the same keys.
 * Tables that grow with time are read in keyset batches and streamed, never loaded whole.
 *
 * What an information-request row may hold follows the public request page and the archive:
 * never ARCO requests, never the requester (name, e-mail, address), never history notes (a
 * prevención note is written to the requester and may name them), and the request and answer
 * texts only once answered, as the archive shows them.
 */
import { Readable } from "node:stream";
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { translator } from "../../platform/i18n/index.js";
import { loadCalendar } from "../../platform/calendar/queries.js";
import { localDateTimeAt, toDayNumber, type LocalDate } from "../../platform/calendar/dates.js";
import { csvField } from "../../platform/csv.js";
import { complianceReport } from "./compliance.js";
import { dueDate, periodContaining, type Period } from "./obligations-periods.js";
import { ANSWERED_STATUSES, OPEN_STATUSES, type InfoStatus } from "./info-tables.js";
import type { RecordFileType, UpdatePeriod } from "./obligations-tables.js";

const BATCH = 1000;

export interface ExportMunicipality {
  id: number;
  slug: string;
  timeZone: string;
}

type Cell = string | number | boolean | null | string[];
type Row = Record<string, Cell>;

/** A CSV cell: booleans as sí/no, lists joined with "; ". */
function csvCell(value: Cell): string {
  if (typeof value === "boolean") return value ? "sí" : "no";
  if (Array.isArray(value)) return csvField(value.join("; "));
  return csvField(value);
}

export function csvLine(columns: readonly string[], row: Row): string {
  return columns.map((c) => csvCell(row[c] ?? null)).join(",") + "\r\n";
}

/** The CSV of `rows`: the header line first, even when there are no rows. */
export function csvDownload(columns: readonly string[], rows: AsyncIterable<Row[]>): Readable {
  return Readable.from(
    (async function* () {
      yield "\uFEFF" + columns.join(",") + "\r\n";
      for await (const batch of rows) yield batch.map((r) => csvLine(columns, r)).join("");
    })(),
  );
}

/** A JSON array of `rows` ("[]" when there are none). */
export function jsonDownload(rows: AsyncIterable<Row[]>): Readable {
  return Readable.from(
    (async function* () {
      yield "[";
      let first = true;
      for await (const batch of rows) {
        if (!batch.length) continue;
        yield (first ? "" : ",") + batch.map((r) => JSON.stringify(r)).join(",");
        first = false;
      }
      yield "]\n";
    })(),
  );
}

// ─── Information requests ────────────────────────────────────────────────────────────────────

export const INFO_REQUEST_COLUMNS = [
  "folio", "fecha_recepcion", "perfil_legal", "medio_recepcion", "estado_codigo", "estado", "areas_turnadas", "fecha_limite",
  "fecha_limite_ampliada", "fecha_respuesta", "dias_habiles_respuesta", "en_plazo", "vencida", "resultado", "clasificacion",
  "fundamento_clasificacion", "periodo_reserva_anios", "resolucion_comite", "sujeto_obligado_competente", "recurso_fecha",
  "recurso_resultado", "recurso_fecha_resolucion", "solicitud", "respuesta", "url",
] as const;

interface InfoRow {
  id: number;
  folio: string;
  profile_id: string;
  channel: string;
  status: InfoStatus;
  received_on: string;
  due_on: string;
  extended_due_on: string | null;
  answered_on: string | null;
  classification: string | null;
  legal_basis: string | null;
  reservation_years: number | null;
  competent_body: string | null;
  comite_resolution_number: string | null;
  comite_resolution_date: string | null;
  recurso_filed_on: string | null;
  recurso_outcome: string | null;
  recurso_outcome_on: string | null;
  body: string;
  answer_text: string | null;
  departments: string[] | null;
}

/** One keyset batch of a municipality's information requests (never ARCO), in receipt order. */
async function infoRequestBatch(db: Executor, municipalityId: number, afterId: number, limit: number): Promise<InfoRow[]> {
  const rows = await db
    .selectFrom("information_requests as r")
    .select([
      "r.id", "r.folio", "r.profile_id", "r.channel", "r.status", "r.classification", "r.legal_basis", "r.reservation_years", "r.competent_body",
      "r.comite_resolution_number", "r.recurso_outcome", "r.body", "r.answer_text",
      sql<string>`r.received_on::text`.as("received_on"),
      sql<string>`r.due_on::text`.as("due_on"),
      sql<string | null>`r.extended_due_on::text`.as("extended_due_on"),
      sql<string | null>`r.answered_on::text`.as("answered_on"),
      sql<string | null>`r.comite_resolution_date::text`.as("comite_resolution_date"),
      sql<string | null>`r.recurso_filed_on::text`.as("recurso_filed_on"),
      sql<string | null>`r.recurso_outcome_on::text`.as("recurso_outcome_on"),
      sql<string[] | null>`(select array_agg(d.name order by d.name) from information_request_turns t
        join departments d on d.municipality_id = t.municipality_id and d.id = t.department_id
        where t.municipality_id = r.municipality_id and t.request_id = r.id)`.as("departments"),
    ])
    .where("r.municipality_id", "=", municipalityId)
    .where("r.kind", "=", "information")
    .where("r.id", ">", afterId)
    .orderBy("r.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }) as InfoRow);
}

export async function* informationRequestRows(db: Executor, m: ExportMunicipality, publicUrl: string, today?: LocalDate): AsyncGenerator<Row[]> {
  const t = translator("es-MX");
  const calendar = await loadCalendar(db, m.id);
  const on = today ?? localDateTimeAt(new Date(), m.timeZone).date;
  let after = 0;
  for (;;) {
    const batch = await infoRequestBatch(db, m.id, after, BATCH);
    if (batch.length) {
      yield batch.map((r): Row => {
        const answered = ANSWERED_STATUSES.includes(r.status) && r.answered_on !== null;
        const due = r.extended_due_on ?? r.due_on;
        return {
          folio: r.folio,
          fecha_recepcion: r.received_on,
          perfil_legal: r.profile_id,
          medio_recepcion: t(`trRequests:channel_${r.channel}`),
          estado_codigo: r.status,
          estado: t(`trRequests:status_${r.status}`),
          areas_turnadas: r.departments ?? [],
          fecha_limite: r.due_on,
          fecha_limite_ampliada: r.extended_due_on,
          fecha_respuesta: answered ? r.answered_on : null,
          dias_habiles_respuesta: answered ? calendar.businessDaysBetween(r.received_on as LocalDate, r.answered_on as LocalDate) : null,
          en_plazo: answered ? r.answered_on! <= due : null,
          vencida: OPEN_STATUSES.includes(r.status) && on > due,
          resultado: answered || r.status === "no_presentada" ? t(`trDatasets:outcome_${r.status}`) : null,
          clasificacion: r.classification,
          fundamento_clasificacion: r.classification ? r.legal_basis : null,
          periodo_reserva_anios: r.classification === "reservada" ? r.reservation_years : null,
          resolucion_comite: r.comite_resolution_number ? `${r.comite_resolution_number} (${r.comite_resolution_date})` : null,
          sujeto_obligado_competente: r.status === "incompetente" ? r.competent_body : null,
          recurso_fecha: r.recurso_filed_on,
          recurso_resultado: r.recurso_outcome,
          recurso_fecha_resolucion: r.recurso_outcome_on,
          solicitud: answered ? r.body : null,
          respuesta: answered ? r.answer_text : null,
          url: `${publicUrl}/${m.slug}/transparencia/solicitudes/${r.folio}`,
        };
      });
    }
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1]!.id;
  }
}

// ─── Published obligation records ────────────────────────────────────────────────────────────

export const OBLIGATION_RECORD_COLUMNS = [
  "obligacion_id", "articulo", "fraccion", "obligacion", "area_responsable", "periodo", "fecha_limite", "fecha_publicacion", "dias_atraso",
  "tipo_archivo", "archivo_url", "liga", "url_obligacion",
] as const;

/** The period of `kind` named `name` ("2026-Q3", "2026-03", "2024-2026"…), or null when the name is not one of its periods. */
export function periodNamed(kind: UpdatePeriod, name: string): Period | null {
  const year = Number(/^(\d{4})/.exec(name)?.[1]);
  if (!year) return null;
  for (let month = 1; month <= 12; month++) {
    const p = periodContaining(kind, year, month);
    if (p.name === name) return p;
  }
  return null;
}

interface RecordRow {
  obligation_id: number;
  period: string;
  published_at: Date | string;
  file_type: RecordFileType | null;
  link: string | null;
  article: string;
  fraction: string;
  title: string;
  update_period: UpdatePeriod;
  due_days: number;
  department: string | null;
}

async function recordBatch(db: Executor, municipalityId: number, after: { obligationId: number; period: string } | null, limit: number): Promise<RecordRow[]> {
  let q = db
    .selectFrom("obligation_records as rec")
    .innerJoin("obligations as o", (j) => j.onRef("o.municipality_id", "=", "rec.municipality_id").onRef("o.id", "=", "rec.obligation_id"))
    .leftJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "o.municipality_id").onRef("d.id", "=", "o.department_id"))
    .select(["rec.obligation_id", "rec.period", "rec.published_at", "rec.file_type", "rec.link", "o.article", "o.fraction", "o.title", "o.update_period", "o.due_days", "d.name as department"])
    .where("rec.municipality_id", "=", municipalityId);
  if (after) q = q.where(sql<boolean>`(rec.obligation_id, rec.period) > (${after.obligationId}, ${after.period})`);
  return (await q.orderBy("rec.obligation_id").orderBy("rec.period").limit(limit).execute()) as RecordRow[];
}

/** Every published record (one per obligation and period), with its due date and days late. The publisher is staff-only. */
export async function* obligationRecordRows(db: Executor, m: ExportMunicipality, publicUrl: string): AsyncGenerator<Row[]> {
  const t = translator("es-MX");
  let after: { obligationId: number; period: string } | null = null;
  for (;;) {
    const batch = await recordBatch(db, m.id, after, BATCH);
    if (batch.length) {
      yield batch.map((r): Row => {
        const period = periodNamed(r.update_period, r.period);
        const due = period ? dueDate(period, r.due_days) : null;
        const publishedOn = localDateTimeAt(new Date(r.published_at), m.timeZone).date;
        const obligationUrl = `${publicUrl}/${m.slug}/transparencia/obligaciones/${r.obligation_id}`;
        return {
          obligacion_id: r.obligation_id,
          articulo: r.article,
          fraccion: r.fraction,
          obligacion: r.title,
          area_responsable: r.department ?? t("trObligations:noDepartment"),
          periodo: r.period,
          fecha_limite: due,
          fecha_publicacion: publishedOn,
          dias_atraso: due ? Math.max(0, toDayNumber(publishedOn) - toDayNumber(due)) : null,
          tipo_archivo: r.file_type ? r.file_type.toUpperCase() : null,
          archivo_url: r.file_type ? `${obligationUrl}/periodos/${encodeURIComponent(r.period)}` : null,
          liga: r.link,
          url_obligacion: obligationUrl,
        };
      });
    }
    if (batch.length < BATCH) return;
    const last = batch[batch.length - 1]!;
    after = { obligationId: last.obligation_id, period: last.period };
  }
}

// ─── Compliance index ────────────────────────────────────────────────────────────────────────

export const COMPLIANCE_COLUMNS = ["fecha_corte", "ambito", "area_responsable", "obligaciones", "al_dia", "vencidas", "indice", "semaforo"] as const;

/** The index of every department as of `on` (today by default), then the municipality's. One row per department: small. */
export async function* complianceRows(db: Executor, m: ExportMunicipality, on?: LocalDate): AsyncGenerator<Row[]> {
  const t = translator("es-MX");
  const report = await complianceReport(db, m, on);
  const rows: Row[] = report.departments.map((d) => ({
    fecha_corte: report.on,
    ambito: t("trDatasets:scope_department"),
    area_responsable: d.departmentName ?? t("trObligations:noDepartment"),
    obligaciones: d.obligations,
    al_dia: d.upToDate,
    vencidas: d.obligations - d.upToDate,
    indice: d.index,
    semaforo: d.light,
  }));
  if (report.states.length) {
    const upToDate = report.states.filter((s) => s.status !== "overdue").length;
    rows.push({
      fecha_corte: report.on,
      ambito: t("trDatasets:scope_municipality"),
      area_responsable: null,
      obligaciones: report.states.length,
      al_dia: upToDate,
      vencidas: report.states.length - upToDate,
      indice: report.index,
      semaforo: report.light,
    });
  }
  yield rows;
}
