/**
 * Open data of the municipality's published action plans: plans, commitments and milestones, as
 * CSV (UTF-8 with BOM, RFC 4180, CRLF, formulas neutralised) and JSON, with the figures the pages
 * show computed the same way (progress from weights, stage, business days late). Public columns
 * only: no team members, reviewers, commenters or subscribers. Unpublished plans never appear.
 */
import type { DatasetContributor } from "../../platform/datasets.js";
import type { Executor } from "../../platform/db/database.js";
import { csvField } from "../../platform/csv.js";
import { planOrigin, publishedPlansDates } from "./public-queries.js";
import { commitmentPath, planDataPath, planPath } from "./public-urls.js";
import { listCommitmentSummaries, listPlans, planProgress, type CommitmentSummary, type PlanClock, type PlanRow } from "./queries.js";
import "./tables.js";

type Value = string | number | boolean | null;
export type DatasetName = "planes-de-accion" | "compromisos" | "hitos";

export const COLUMNS = {
  "planes-de-accion": [
    "plan", "titulo", "descripcion", "inicio", "fin", "estado", "proceso_participativo", "referencia_de_origen",
    "compromisos", "compromisos_retirados", "avance_porcentaje", "hitos", "hitos_vencidos", "url",
  ],
  compromisos: [
    "plan", "numero", "titulo", "problema", "situacion_actual", "descripcion", "como_resuelve", "transparencia", "rendicion_de_cuentas",
    "participacion_ciudadana", "dependencia_responsable", "funcionario_responsable", "corresponsables", "inicio", "fin", "todo_el_municipio",
    "colonias", "etapa", "avance_porcentaje", "peso_cumplido", "peso_total", "hitos", "hitos_vencidos", "retirado", "motivo_retiro", "url",
  ],
  hitos: [
    "plan", "compromiso", "hito_id", "posicion", "entregable", "descripcion", "fecha_compromiso", "peso", "responsable", "estado",
    "fecha_cumplimiento", "puntualidad", "vencido", "dias_habiles_de_atraso", "evidencias", "url",
  ],
} as const satisfies Record<DatasetName, readonly string[]>;

interface CommitmentFacts {
  problem: string; statusQuo: string; description: string; howItSolves: string; wholeMunicipality: boolean; withdrawnReason: string;
  colonias: string[]; coleads: string[];
}

async function commitmentFacts(db: Executor, municipalityId: number, ids: number[]): Promise<Map<number, CommitmentFacts>> {
  const out = new Map<number, CommitmentFacts>();
  if (ids.length === 0) return out;
  const [rows, colonias, coleads] = await Promise.all([
    db.selectFrom("plan_commitments").select(["id", "problem", "status_quo", "description", "how_it_solves", "whole_municipality", "withdrawn_reason"]).where("municipality_id", "=", municipalityId).where("id", "in", ids).execute(),
    db
      .selectFrom("plan_commitment_colonias as l")
      .innerJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "l.municipality_id").onRef("c.id", "=", "l.colonia_id"))
      .select(["l.commitment_id", "c.name"])
      .where("l.municipality_id", "=", municipalityId)
      .where("l.commitment_id", "in", ids)
      .orderBy("c.name")
      .execute(),
    db.selectFrom("plan_commitment_coleads").select(["commitment_id", "organisation"]).where("municipality_id", "=", municipalityId).where("commitment_id", "in", ids).orderBy("id").execute(),
  ]);
  for (const r of rows) {
    out.set(r.id, {
      problem: r.problem, statusQuo: r.status_quo, description: r.description, howItSolves: r.how_it_solves, wholeMunicipality: r.whole_municipality, withdrawnReason: r.withdrawn_reason,
      colonias: colonias.filter((c) => c.commitment_id === r.id).map((c) => c.name),
      coleads: coleads.filter((c) => c.commitment_id === r.id).map((c) => c.organisation),
    });
  }
  return out;
}

/** Every record of one dataset for the municipality's published plans. */
export async function planDatasetRecords(db: Executor, m: { id: number; slug: string }, clock: PlanClock, publicUrl: string, dataset: DatasetName): Promise<Record<string, Value>[]> {
  const plans: PlanRow[] = [];
  for (let page = 1; ; page++) {
    const { rows, total } = await listPlans(db, m.id, { page, perPage: 200 });
    plans.push(...rows);
    if (plans.length >= total || rows.length === 0) break;
  }
  const out: Record<string, Value>[] = [];
  for (const plan of plans) {
    const commitments = await listCommitmentSummaries(db, m.id, { planId: plan.id }, clock);
    if (dataset === "planes-de-accion") out.push(await planRecord(db, plan, commitments, m.slug, publicUrl));
    else if (dataset === "compromisos") {
      const facts = await commitmentFacts(db, m.id, commitments.map((c) => c.id));
      for (const c of commitments) out.push(commitmentRecord(plan, c, facts.get(c.id)!, m.slug, publicUrl));
    } else {
      for (const c of commitments) for (const ms of c.milestones) {
        out.push({
          plan: plan.slug, compromiso: c.number, hito_id: ms.id, posicion: ms.position, entregable: ms.deliverable, descripcion: ms.description || null,
          fecha_compromiso: ms.dueOn, peso: ms.weight, responsable: ms.responsible || null, estado: ms.status, fecha_cumplimiento: ms.completedOn,
          puntualidad: ms.punctuality, vencido: ms.overdue, dias_habiles_de_atraso: ms.daysLate, evidencias: ms.evidenceCount,
          url: `${publicUrl}${commitmentPath(m.slug, plan.slug, c.number)}`,
        });
      }
    }
  }
  return out;
}

async function planRecord(db: Executor, plan: PlanRow, commitments: CommitmentSummary[], slug: string, publicUrl: string): Promise<Record<string, Value>> {
  const origin = await planOrigin(db, plan);
  const current = commitments.filter((c) => !c.withdrawn);
  return {
    plan: plan.slug, titulo: plan.title, descripcion: plan.description || null, inicio: plan.startsOn, fin: plan.endsOn, estado: plan.status,
    proceso_participativo: origin.process?.slug ?? null, referencia_de_origen: origin.reference || null,
    compromisos: commitments.length, compromisos_retirados: commitments.length - current.length, avance_porcentaje: planProgress(commitments),
    hitos: current.reduce((n, c) => n + c.milestones.length, 0), hitos_vencidos: current.reduce((n, c) => n + c.overdueMilestones, 0),
    url: `${publicUrl}${planPath(slug, plan.slug)}`,
  };
}

function commitmentRecord(plan: PlanRow, c: CommitmentSummary, f: CommitmentFacts, slug: string, publicUrl: string): Record<string, Value> {
  return {
    plan: plan.slug, numero: c.number, titulo: c.title, problema: f.problem || null, situacion_actual: f.statusQuo || null, descripcion: f.description || null,
    como_resuelve: f.howItSolves || null, transparencia: c.relevance.transparency, rendicion_de_cuentas: c.relevance.accountability,
    participacion_ciudadana: c.relevance.participation, dependencia_responsable: c.leadDepartment?.name ?? null, funcionario_responsable: c.leadOfficial || null,
    corresponsables: f.coleads.join("; ") || null, inicio: c.startsOn, fin: c.endsOn, todo_el_municipio: f.wholeMunicipality || f.colonias.length === 0,
    colonias: f.wholeMunicipality ? null : f.colonias.join("; ") || null, etapa: c.stage, avance_porcentaje: c.withdrawn ? null : c.progress.percent,
    peso_cumplido: c.progress.completedWeight, peso_total: c.progress.totalWeight, hitos: c.milestones.length, hitos_vencidos: c.overdueMilestones,
    retirado: c.withdrawn, motivo_retiro: f.withdrawnReason || null, url: `${publicUrl}${commitmentPath(slug, plan.slug, c.number)}`,
  };
}

export function toCsv(dataset: DatasetName, records: Record<string, Value>[]): string {
  const columns = COLUMNS[dataset];
  const line = (r: Record<string, Value>) => columns.map((c) => csvField(typeof r[c] === "boolean" ? (r[c] ? "si" : "no") : ((r[c] ?? null) as string | number | null))).join(",");
  return "\uFEFF" + [columns.join(","), ...records.map(line)].map((l) => `${l}\r\n`).join("");
}

export function toJson(records: Record<string, Value>[]): string {
  return records.length === 0 ? "[]\n" : `[\n${records.map((r) => JSON.stringify(r)).join(",\n")}\n]\n`;
}

const DESCRIPTIONS: Record<DatasetName, { id: string; title: string; text: string; keywords: string[] }> = {
  "planes-de-accion": {
    id: "planes-de-accion",
    title: "Planes de acción de gobierno abierto",
    text: "Los planes de acción publicados: periodo, estado, proceso participativo del que surgieron, número de compromisos y avance calculado de los hitos ponderados de cada compromiso.",
    keywords: ["gobierno abierto", "OGP Local", "planes de acción", "rendición de cuentas"],
  },
  compromisos: {
    id: "compromisos-de-planes-de-accion",
    title: "Compromisos de los planes de acción",
    text: "Cada compromiso con los campos de la plantilla de OGP Local (problema, situación actual, qué hace, cómo lo resuelve, relevancia para transparencia, rendición de cuentas y participación), dependencia responsable, colonias, etapa, avance ponderado e hitos vencidos.",
    keywords: ["gobierno abierto", "OGP Local", "compromisos", "rendición de cuentas"],
  },
  hitos: {
    id: "hitos-de-planes-de-accion",
    title: "Hitos de los compromisos de los planes de acción",
    text: "Cada hito con su entregable, fecha compromiso, peso, responsable, estado, fecha de cumplimiento, si se entregó a tiempo y cuántos días hábiles de atraso lleva según el calendario oficial del municipio.",
    keywords: ["gobierno abierto", "OGP Local", "hitos", "seguimiento", "días hábiles"],
  },
};

export const planDatasets: DatasetContributor = async ({ db }, m) => {
  const dates = await publishedPlansDates(db, m.id);
  if (dates.plans === 0) return [];
  return (Object.keys(DESCRIPTIONS) as DatasetName[]).map((name) => ({
    id: `${m.slug}-${DESCRIPTIONS[name].id}`,
    municipalitySlug: m.slug,
    title: `${DESCRIPTIONS[name].title} de ${m.name}`,
    description: `${DESCRIPTIONS[name].text} Sin datos personales.`,
    keywords: DESCRIPTIONS[name].keywords,
    frequency: "continuous" as const,
    temporal: dates.first && dates.last ? { start: dates.first, end: dates.last } : null,
    modified: dates.modified ? dates.modified.toISOString() : null,
    distributions: [
      { id: "csv", title: `${DESCRIPTIONS[name].title} (CSV)`, format: "CSV" as const, mediaType: "text/csv", downloadPath: planDataPath(m.slug, name, "csv") },
      { id: "json", title: `${DESCRIPTIONS[name].title} (JSON)`, format: "JSON" as const, mediaType: "application/json", downloadPath: planDataPath(m.slug, name, "json") },
    ],
  }));
};
