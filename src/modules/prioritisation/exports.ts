/**
 * Open data of prioritisation: per public process and method, each item's result (votes and
 * share, budget line, Bradley–Terry score with its interval) and the number of participants.
 * Aggregates only: no participant, ballot or staff member appears.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { DatasetContributor } from "../../platform/datasets.js";
import { approvalResults, budgetResults, pairwiseResults } from "./results.js";
import type { Method } from "./tables.js";

export const CSV_COLUMNS = [
  "proceso", "proceso_titulo", "metodo", "elemento_id", "elemento", "colonia", "costo", "posicion", "votos", "porcentaje", "financiado",
  "puntaje", "ic95_inferior", "ic95_superior", "victorias", "derrotas", "participantes",
] as const;

export type ExportRow = Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null>;

const round = (v: number | null, digits = 4) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/** Public (published or closed) processes of a municipality that have prioritisation items. */
export async function exportedProcesses(db: Executor, municipalityId: number, slug: string | null): Promise<{ id: number; slug: string; title: string }[]> {
  let q = db
    .selectFrom("participatory_processes as p")
    .select(["p.id", "p.slug", "p.title"])
    .where("p.municipality_id", "=", municipalityId)
    .where("p.status", "<>", "draft")
    .where(({ exists, selectFrom }) => exists(selectFrom("prioritisation_items as i").select("i.id").whereRef("i.municipality_id", "=", "p.municipality_id").whereRef("i.process_id", "=", "p.id")));
  if (slug !== null) q = q.where("p.slug", "=", slug);
  return q.orderBy("p.id").execute();
}

export async function exportRows(db: Executor, municipalityId: number, slug: string | null): Promise<ExportRow[]> {
  const out: ExportRow[] = [];
  for (const p of await exportedProcesses(db, municipalityId, slug)) {
    const base = (method: Method) => ({ proceso: p.slug, proceso_titulo: p.title, metodo: method });
    const [approval, budget, pairwise] = await Promise.all([approvalResults(db, municipalityId, p.id), budgetResults(db, municipalityId, p.id), pairwiseResults(db, municipalityId, p.id)]);
    approval.rows.forEach((r, i) =>
      out.push({ ...base("approval"), elemento_id: r.item.id, elemento: r.item.title, colonia: r.item.colonia?.name ?? null, costo: r.item.cost, posicion: i + 1, votos: r.approvals, porcentaje: r.percent, financiado: null, puntaje: null, ic95_inferior: null, ic95_superior: null, victorias: null, derrotas: null, participantes: approval.turnout.participants }),
    );
    budget.rows.forEach((r) =>
      out.push({ ...base("budget"), elemento_id: r.item.id, elemento: r.item.title, colonia: r.item.colonia?.name ?? null, costo: r.item.cost, posicion: r.rank, votos: r.votes, porcentaje: r.percent, financiado: r.funded, puntaje: null, ic95_inferior: null, ic95_superior: null, victorias: null, derrotas: null, participantes: budget.turnout.participants }),
    );
    pairwise.rows.forEach((r, i) =>
      out.push({ ...base("pairwise"), elemento_id: r.item.id, elemento: r.item.title, colonia: r.item.colonia?.name ?? null, costo: r.item.cost, posicion: i + 1, votos: null, porcentaje: null, financiado: null, puntaje: round(r.score), ic95_inferior: round(r.low), ic95_superior: round(r.high), victorias: r.wins, derrotas: r.losses, participantes: pairwise.turnout.participants }),
    );
  }
  return out;
}

export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  const s = typeof value === "boolean" ? (value ? "si" : "no") : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM (Excel reads the accents), RFC 4180 quoting, CRLF. */
export function toCsv(rows: ExportRow[]): string {
  return "\uFEFF" + [CSV_COLUMNS.join(","), ...rows.map((r) => CSV_COLUMNS.map((c) => csvField(r[c])).join(","))].join("\r\n") + "\r\n";
}

export const prioritisationDatasets: DatasetContributor = async ({ db }, m) => {
  const r = await sql<{ n: string | number; modified: Date | string | null }>`
    select count(*) as n, greatest(max(i.updated_at),
      (select max(updated_at) from approval_ballots a where a.municipality_id = ${m.id}),
      (select max(updated_at) from budget_ballots b where b.municipality_id = ${m.id}),
      (select max(created_at) from pairwise_comparisons c where c.municipality_id = ${m.id})) as modified
      from prioritisation_items i join participatory_processes p on p.municipality_id = i.municipality_id and p.id = i.process_id
     where i.municipality_id = ${m.id} and p.status <> 'draft'`.execute(db);
  const row = r.rows[0];
  if (!row || Number(row.n) === 0) return [];
  return [
    {
      id: `${m.slug}-priorizacion-participativa`,
      municipalitySlug: m.slug,
      title: `Resultados de priorización participativa de ${m.name}`,
      description:
        `Resultados de las votaciones de los procesos participativos de ${m.name}: votación por aprobación (votos y porcentaje de ` +
        "boletas), presupuesto participativo (votos, costo y si el proyecto queda dentro del presupuesto según la regla publicada) y " +
        "comparación por pares (puntaje Bradley–Terry: probabilidad de ganar contra un elemento promedio, con intervalo de confianza " +
        "del 95 %), con el número de participantes. Solo cifras agregadas: sin datos de quien votó.",
      keywords: ["participación ciudadana", "presupuesto participativo", "priorización", "votación", "gobierno abierto"],
      frequency: "continuous",
      temporal: null,
      modified: row.modified ? new Date(row.modified).toISOString() : null,
      distributions: [
        { id: "csv", title: "Resultados de priorización (CSV)", format: "CSV", mediaType: "text/csv", downloadPath: `/${m.slug}/datos/priorizacion.csv` },
        { id: "json", title: "Resultados de priorización (JSON)", format: "JSON", mediaType: "application/json", downloadPath: `/${m.slug}/datos/priorizacion.json` },
      ],
    },
  ];
};
