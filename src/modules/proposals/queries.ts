/**
 * Read models of proposals. Every public read selects a fixed list of columns (never the author)
 * and goes through presentPublicProposal.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { proposalFolio } from "./create.js";
import { PROPOSAL_KINDS, PROPOSAL_STATUSES, type ProposalChannel, type ProposalEventKind, type ProposalKind, type ProposalStatus } from "./tables.js";

export interface PublicProposal {
  id: number;
  number: number;
  folio: string;
  kind: ProposalKind;
  /** null when hidden by moderation: only the reason is public. */
  title: string | null;
  body: string | null;
  hiddenReason: string | null;
  status: ProposalStatus;
  answer: string | null;
  answeredAt: string | null;
  category: string | null;
  colonia: { slug: string; name: string } | null;
  /** Rounded to 3 decimals (~110 m), like public request locations. */
  location: { lat: number; lon: number } | null;
  channel: ProposalChannel;
  supports: number;
  comments: number;
  createdAt: string;
  mergedInto: { number: number; folio: string } | null;
  hasImage: boolean;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

type Base = ReturnType<typeof baseQuery>;

function withPublicColumns(q: Base) {
  return q.select([
    "p.id", "p.number", "p.kind", "p.title", "p.body", "p.hidden_reason", "p.status", "p.answer", "p.answered_at", "p.lat", "p.lon",
    "p.channel", "p.supports_count", "p.comments_count", "p.created_at", "p.image_key", "cat.name as category_name",
    "col.slug as colonia_slug", "col.name as colonia_name", "merged.number as merged_number",
  ]);
}

type Row = {
  id: number; number: number; kind: ProposalKind; title: string; body: string; hidden_reason: string | null; status: ProposalStatus;
  answer: string | null; answered_at: Date | string | null; lat: number | null; lon: number | null; channel: ProposalChannel;
  supports_count: number; comments_count: number; created_at: Date | string; image_key: string | null; category_name: string | null;
  colonia_slug: string | null; colonia_name: string | null; merged_number: number | null;
};

export function presentPublicProposal(r: Row): PublicProposal {
  const hidden = r.hidden_reason !== null;
  return {
    id: r.id,
    number: r.number,
    folio: proposalFolio(r.number),
    kind: r.kind,
    title: hidden ? null : r.title,
    body: hidden ? null : r.body,
    hiddenReason: r.hidden_reason,
    status: r.status,
    answer: r.answer,
    answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
    category: hidden ? null : r.category_name,
    colonia: !hidden && r.colonia_slug ? { slug: r.colonia_slug, name: r.colonia_name! } : null,
    location: !hidden && r.lat !== null && r.lon !== null ? { lat: round3(r.lat), lon: round3(r.lon) } : null,
    channel: r.channel,
    supports: r.supports_count,
    comments: r.comments_count,
    createdAt: new Date(r.created_at).toISOString(),
    mergedInto: r.merged_number !== null ? { number: r.merged_number, folio: proposalFolio(r.merged_number) } : null,
    hasImage: !hidden && r.image_key !== null,
  };
}

function baseQuery(db: Executor, municipalityId: number) {
  return db
    .selectFrom("proposals as p")
    .leftJoin("proposal_categories as cat", (j) => j.onRef("cat.municipality_id", "=", "p.municipality_id").onRef("cat.id", "=", "p.category_id"))
    .leftJoin("colonias as col", (j) => j.onRef("col.municipality_id", "=", "p.municipality_id").onRef("col.id", "=", "p.colonia_id"))
    .leftJoin("proposals as merged", (j) => j.onRef("merged.municipality_id", "=", "p.municipality_id").onRef("merged.id", "=", "p.merged_into_id"))
    .where("p.municipality_id", "=", municipalityId);
}

export interface ListFilters {
  tipo: string;
  colonia: string;
  categoria: string;
  estado: string;
  orden: "apoyos" | "recientes" | "aleatorio";
  /** Seed of the random order, so paging a random list shows each proposal once. */
  semilla: number;
}

export function readFilters(query: Record<string, unknown>): ListFilters {
  const text = (k: string) => (typeof query[k] === "string" ? (query[k] as string).trim().slice(0, 130) : "");
  const orden = text("orden");
  const seed = Number(text("semilla"));
  return {
    tipo: PROPOSAL_KINDS.includes(text("tipo") as ProposalKind) ? text("tipo") : "",
    colonia: /^[a-z0-9-]{1,120}$/.test(text("colonia")) ? text("colonia") : "",
    categoria: /^\d{1,9}$/.test(text("categoria")) ? text("categoria") : "",
    estado: PROPOSAL_STATUSES.includes(text("estado") as ProposalStatus) ? text("estado") : "",
    orden: orden === "recientes" || orden === "aleatorio" ? orden : "apoyos",
    semilla: Number.isInteger(seed) && seed >= 1 && seed <= 999_999 ? seed : 1 + Math.floor(Math.random() * 999_999),
  };
}

export const PER_PAGE = 20;

/** Visible proposals of a process (hidden ones are left out; merged ones only when asked by status). */
export async function listPublicProposals(db: Executor, municipalityId: number, processId: number, f: ListFilters, page: number, perPage = PER_PAGE): Promise<{ rows: PublicProposal[]; total: number }> {
  let q = baseQuery(db, municipalityId).where("p.process_id", "=", processId).where("p.hidden_at", "is", null);
  if (f.estado) q = q.where("p.status", "=", f.estado as ProposalStatus);
  else q = q.where("p.status", "<>", "fusionada");
  if (f.tipo) q = q.where("p.kind", "=", f.tipo as ProposalKind);
  if (f.colonia) q = q.where("col.slug", "=", f.colonia);
  if (f.categoria) q = q.where("p.category_id", "=", Number(f.categoria));
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  let ordered = withPublicColumns(q);
  if (f.orden === "recientes") ordered = ordered.orderBy("p.created_at", "desc").orderBy("p.id", "desc");
  else if (f.orden === "aleatorio") ordered = ordered.orderBy(sql`md5(${String(f.semilla)} || ':' || p.id::text)`).orderBy("p.id");
  else ordered = ordered.orderBy("p.supports_count", "desc").orderBy("p.id", "desc");
  const rows = await ordered.limit(perPage).offset((page - 1) * perPage).execute();
  return { rows: rows.map(presentPublicProposal), total };
}

export async function findPublicProposal(db: Executor, municipalityId: number, processId: number, number: number): Promise<PublicProposal | null> {
  const row = await withPublicColumns(baseQuery(db, municipalityId).where("p.process_id", "=", processId).where("p.number", "=", number)).executeTakeFirst();
  return row ? presentPublicProposal(row) : null;
}

export async function proposalImageKeys(db: Executor, municipalityId: number, processId: number, number: number) {
  return db
    .selectFrom("proposals")
    .select(["image_key", "thumbnail_key", "hidden_at"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("number", "=", number)
    .executeTakeFirst();
}

export interface ProposalEventView {
  kind: ProposalEventKind;
  fromStatus: string | null;
  toStatus: string | null;
  body: string | null;
  otherNumber: number | null;
  occurredAt: string;
}

/** The public history (no staff names). */
export async function proposalEvents(db: Executor, municipalityId: number, proposalId: number): Promise<ProposalEventView[]> {
  const rows = await db
    .selectFrom("proposal_events as e")
    .leftJoin("proposals as o", (j) => j.onRef("o.municipality_id", "=", "e.municipality_id").onRef("o.id", "=", "e.other_proposal_id"))
    .select(["e.kind", "e.from_status", "e.to_status", "e.body", "o.number as other_number", "e.occurred_at"])
    .where("e.municipality_id", "=", municipalityId)
    .where("e.proposal_id", "=", proposalId)
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({ kind: r.kind, fromStatus: r.from_status, toStatus: r.to_status, body: r.body, otherNumber: r.other_number, occurredAt: new Date(r.occurred_at).toISOString() }));
}

/** Proposals and how many have an official reasoned answer (merged ones count through the survivor). */
export async function answeredCounts(db: Executor, municipalityId: number, processId: number): Promise<{ total: number; answered: number }> {
  const r = await db
    .selectFrom("proposals")
    .select([(eb) => eb.fn.countAll<string>().as("total"), sql<string>`count(answer)`.as("answered")])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("status", "<>", "fusionada")
    .where("hidden_at", "is", null)
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), answered: Number(r.answered) };
}

export interface StaffProposalRow {
  number: number;
  folio: string;
  kind: ProposalKind;
  title: string;
  status: ProposalStatus;
  channel: ProposalChannel;
  supports: number;
  comments: number;
  answered: boolean;
  hidden: boolean;
  pendingReports: number;
  createdAt: string;
}

/** Staff list: everything (hidden included), newest first, with pending reports. */
export async function listStaffProposals(db: Executor, municipalityId: number, processId: number, filter: { estado: string; pendientes: boolean }, page: number): Promise<{ rows: StaffProposalRow[]; total: number }> {
  let q = db.selectFrom("proposals as p").where("p.municipality_id", "=", municipalityId).where("p.process_id", "=", processId);
  if (PROPOSAL_STATUSES.includes(filter.estado as ProposalStatus)) q = q.where("p.status", "=", filter.estado as ProposalStatus);
  if (filter.pendientes) q = q.where("p.answer", "is", null).where("p.status", "<>", "fusionada");
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select([
      "p.number", "p.kind", "p.title", "p.status", "p.channel", "p.supports_count", "p.comments_count", "p.answer", "p.hidden_at", "p.created_at",
      sql<string>`(select count(*) from proposal_reports r where r.municipality_id = p.municipality_id and r.proposal_id = p.id and r.status = 'pendiente')`.as("pending"),
    ])
    .orderBy("p.number", "desc")
    .limit(PER_PAGE)
    .offset((page - 1) * PER_PAGE)
    .execute();
  return {
    rows: rows.map((r) => ({
      number: r.number, folio: proposalFolio(r.number), kind: r.kind, title: r.title, status: r.status, channel: r.channel, supports: r.supports_count,
      comments: r.comments_count, answered: r.answer !== null, hidden: r.hidden_at !== null, pendingReports: Number(r.pending), createdAt: new Date(r.created_at).toISOString(),
    })),
    total,
  };
}

/** The full row for staff (hidden content included, never the author). */
export async function findStaffProposal(db: Executor, municipalityId: number, processId: number, number: number) {
  return db
    .selectFrom("proposals")
    .select(["id", "number", "kind", "title", "body", "status", "answer", "hidden_reason", "supports_count", "comments_count", "channel", "colonia_id", "created_at"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("number", "=", number)
    .executeTakeFirst();
}
