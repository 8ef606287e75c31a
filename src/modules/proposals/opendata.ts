/**
 * Open data: the proposals of a municipality's public processes as CSV (UTF-8 with BOM, RFC 4180,
 * CRLF) or JSON. Rows come from the public presenter: no author, no e-mail, no CURP; hidden
 * proposals keep only their folio, status and the moderation reason; coordinates are rounded.
 */
import type { Executor } from "../../platform/db/database.js";
import { findPublicProposal, listPublicProposals, type ListFilters, type PublicProposal } from "./queries.js";
import type { ProposalChannel } from "./tables.js";

export const CSV_COLUMNS = [
  "proceso", "folio", "tipo", "titulo", "descripcion", "estado", "respuesta_oficial", "fecha_respuesta", "categoria", "colonia",
  "latitud", "longitud", "canal", "apoyos", "comentarios", "fusionada_en", "oculta_motivo", "creada", "url",
] as const;

export interface ExportProcess {
  id: number;
  slug: string;
  title: string;
}

/**
 * The `canal` of open data: en_linea (the site), presencial (an in-person session), brigada (a
 * field brigade), audiencia (an open hearing), oficina (an office's front desk), telefono.
 */
export const OPEN_DATA_PROPOSAL_CHANNEL: Record<ProposalChannel, string> = {
  online: "en_linea",
  in_person: "presencial",
  brigade: "brigada",
  hearing: "audiencia",
  office: "oficina",
  phone: "telefono",
};

const ALL: ListFilters = { tipo: "", colonia: "", categoria: "", estado: "", orden: "recientes", semilla: 1 };

/** Public processes (published or closed) of the municipality, or just the one named. */
export async function exportProcesses(db: Executor, municipalityId: number, slug: string | null): Promise<ExportProcess[]> {
  let q = db.selectFrom("participatory_processes").select(["id", "slug", "title"]).where("municipality_id", "=", municipalityId).where("status", "in", ["published", "closed"]);
  if (slug) q = q.where("slug", "=", slug);
  return q.orderBy("id").execute();
}

/** Every proposal, hidden and merged ones included (their fate is public too). */
export async function exportRows(db: Executor, municipalityId: number, process: ExportProcess): Promise<PublicProposal[]> {
  const out: PublicProposal[] = [];
  for (const estado of ["", "fusionada"]) {
    for (let page = 1; ; page++) {
      const { rows } = await listPublicProposals(db, municipalityId, process.id, { ...ALL, estado }, page, 1000);
      out.push(...rows);
      if (rows.length < 1000) break;
    }
  }
  const hidden = await db
    .selectFrom("proposals")
    .select(["number"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", process.id)
    .where("hidden_at", "is not", null)
    .execute();
  for (const h of hidden) {
    const p = await findPublicProposal(db, municipalityId, process.id, h.number);
    if (p) out.push(p);
  }
  return out.sort((a, b) => a.number - b.number);
}

export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportRecord(p: PublicProposal, process: ExportProcess, url: string) {
  return {
    proceso: process.slug,
    folio: p.folio,
    tipo: p.kind,
    titulo: p.title,
    descripcion: p.body,
    estado: p.status,
    respuesta_oficial: p.answer,
    fecha_respuesta: p.answeredAt,
    categoria: p.category,
    colonia: p.colonia?.name ?? null,
    latitud: p.location?.lat ?? null,
    longitud: p.location?.lon ?? null,
    canal: OPEN_DATA_PROPOSAL_CHANNEL[p.channel],
    apoyos: p.supports,
    comentarios: p.comments,
    fusionada_en: p.mergedInto?.folio ?? null,
    oculta_motivo: p.hiddenReason,
    creada: p.createdAt,
    url,
  };
}

export function csvLine(record: ReturnType<typeof exportRecord>): string {
  return CSV_COLUMNS.map((c) => csvField(record[c])).join(",") + "\r\n";
}
