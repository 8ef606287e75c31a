/**
 * Open data: the public summaries of concluded hearings — date, place, officials present, turns
 * given, attendance, petitions by topic, commitments and the summary text — as CSV (UTF-8 with BOM,
 * RFC 4180, CRLF) and JSON. Counts and topics only: no attendee's name, contact or own words.
 */
import { Readable } from "node:stream";
import { sql } from "kysely";
import { localDateTimeAt } from "../../platform/calendar/dates.js";
import { csvField } from "../../platform/csv.js";
import type { DatasetContributor } from "../../platform/datasets.js";
import type { Executor } from "../../platform/db/database.js";
import { findHearingById, publicSummary, type HearingView } from "./hearing-queries.js";
import { hearingPath, hearingsCsvPath, hearingsJsonPath } from "./urls.js";

export const HEARING_COLUMNS = [
  "audiencia", "titulo", "fecha", "inicio", "fin", "lugar", "servidores_publicos", "turnos_registrados", "asistencia", "peticiones",
  "peticiones_por_tema", "compromisos", "resumen", "concluida", "url",
] as const;

interface ExportMunicipality {
  id: number;
  slug: string;
  timeZone: string;
}

export interface HearingRecord {
  audiencia: string;
  titulo: string;
  fecha: string;
  inicio: string;
  fin: string;
  lugar: string;
  servidores_publicos: string[];
  turnos_registrados: number;
  asistencia: number;
  peticiones: number;
  peticiones_por_tema: { tema: string; peticiones: number }[];
  compromisos: string[];
  resumen: string;
  concluida: string | null;
  url: string;
}

const BATCH = 100;

/** Concluded hearings, oldest first, in batches (their summaries computed per hearing). */
async function* concludedHearings(db: Executor, m: ExportMunicipality, publicUrl: string): AsyncGenerator<HearingRecord[]> {
  let after = 0;
  for (;;) {
    const ids = await db
      .selectFrom("hearings")
      .select("id")
      .where("municipality_id", "=", m.id)
      .where("status", "=", "concluida")
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (ids.length === 0) return;
    after = ids.at(-1)!.id;
    const out: HearingRecord[] = [];
    for (const { id } of ids) {
      const h = (await findHearingById(db, m.id, id))!;
      out.push(await hearingRecord(db, m, h, publicUrl));
    }
    yield out;
  }
}

async function hearingRecord(db: Executor, m: ExportMunicipality, h: HearingView, publicUrl: string): Promise<HearingRecord> {
  const s = await publicSummary(db, m.id, h.id, { page: 1, perPage: 1 });
  return {
    audiencia: h.slug,
    titulo: h.title,
    fecha: localDateTimeAt(h.startsAt, m.timeZone).date,
    inicio: h.startsAt.toISOString(),
    fin: h.endsAt.toISOString(),
    lugar: h.place,
    servidores_publicos: h.officials,
    turnos_registrados: s.registered,
    asistencia: s.attended,
    peticiones: s.petitions,
    peticiones_por_tema: s.byTopic.map((t) => ({ tema: t.topic, peticiones: t.count })),
    compromisos: h.commitments,
    resumen: h.summary,
    concluida: h.closedAt ? h.closedAt.toISOString() : null,
    url: `${publicUrl}${hearingPath(m.slug, h.slug)}`,
  };
}

function csvRow(r: HearingRecord): string {
  const flat: Record<(typeof HEARING_COLUMNS)[number], string | number | null> = {
    ...r,
    servidores_publicos: r.servidores_publicos.join("; "),
    peticiones_por_tema: r.peticiones_por_tema.map((t) => `${t.tema}: ${t.peticiones}`).join("; "),
    compromisos: r.compromisos.join("; "),
  };
  return HEARING_COLUMNS.map((c) => csvField(flat[c])).join(",") + "\r\n";
}

export function hearingsCsv(db: Executor, m: ExportMunicipality, publicUrl: string): Readable {
  return Readable.from(
    (async function* () {
      yield "\uFEFF" + HEARING_COLUMNS.join(",") + "\r\n";
      for await (const rows of concludedHearings(db, m, publicUrl)) yield rows.map(csvRow).join("");
    })(),
  );
}

export function hearingsJson(db: Executor, m: ExportMunicipality, publicUrl: string): Readable {
  return Readable.from(
    (async function* () {
      yield "[";
      let first = true;
      for await (const rows of concludedHearings(db, m, publicUrl)) {
        for (const r of rows) {
          yield (first ? "\n" : ",\n") + JSON.stringify(r);
          first = false;
        }
      }
      yield first ? "]\n" : "\n]\n";
    })(),
  );
}

export const hearingDatasets: DatasetContributor = async ({ db }, m) => {
  const span = await db
    .selectFrom("hearings")
    .select([sql<Date | null>`min(starts_at)`.as("first"), sql<Date | null>`max(starts_at)`.as("last"), sql<Date | null>`max(updated_at)`.as("modified")])
    .where("municipality_id", "=", m.id)
    .where("status", "=", "concluida")
    .executeTakeFirstOrThrow();
  const day = (d: Date | null) => (d ? localDateTimeAt(new Date(d), m.timeZone).date : null);
  const first = day(span.first);
  const last = day(span.last);
  return [
    {
      id: `${m.slug}-audiencias-publicas`,
      municipalitySlug: m.slug,
      title: `Audiencias públicas de ${m.name}`,
      description:
        `El resumen público de cada audiencia pública concluida de ${m.name}: fecha, lugar, servidores públicos presentes, turnos registrados, ` +
        "asistencia (personas atendidas), peticiones por tema (el servicio solicitado o el tipo de propuesta), compromisos asumidos y el resumen de la sesión. " +
        "Sin nombres, datos de contacto ni textos de las personas asistentes.",
      keywords: ["audiencias públicas", "atención ciudadana", "participación ciudadana", "gobierno abierto", "compromisos"],
      frequency: "weekly",
      temporal: first && last ? { start: first, end: last } : null,
      modified: span.modified ? new Date(span.modified).toISOString() : null,
      distributions: [
        { id: "csv", title: "Audiencias públicas concluidas (CSV)", format: "CSV", mediaType: "text/csv", downloadPath: hearingsCsvPath(m.slug) },
        { id: "json", title: "Audiencias públicas concluidas (JSON)", format: "JSON", mediaType: "application/json", downloadPath: hearingsJsonPath(m.slug) },
      ],
    },
  ];
};
