/**
 * Read models of the catalogue of municipal procedures and services (trámites y servicios): one
 * procedure with its department, the procedures offered at an office, and the choices staff tick
 * on an office's page. The Spanish search of the catalogue is in procedure-search.ts.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { ProcedureKind } from "./tables.js";
import "./tables.js";

export interface ProcedureRow {
  id: number;
  slug: string;
  name: string;
  kind: ProcedureKind;
  summary: string;
  requirements: string[];
  costText: string;
  /** Pesos as the database keeps them ("245.00"), or null when free or variable. */
  costMxn: string | null;
  duration: string;
  howTo: string;
  onlineUrl: string | null;
  department: { id: number; name: string } | null;
  requestServiceCode: string | null;
  legalBasis: string;
  active: boolean;
  updatedAt: Date;
}

export function procedureQuery(db: Executor, municipalityId: number) {
  return db
    .selectFrom("municipal_procedures as p")
    .leftJoin("departments as d", (j) => j.onRef("d.municipality_id", "=", "p.municipality_id").onRef("d.id", "=", "p.department_id"))
    .select([
      "p.id", "p.slug", "p.name", "p.kind", "p.summary", "p.requirements", "p.cost_text", "p.duration", "p.how_to", "p.online_url",
      "p.department_id", "d.name as department_name", "p.request_service_code", "p.legal_basis", "p.active", "p.updated_at",
      sql<string | null>`p.cost_mxn::text`.as("cost_mxn"),
    ])
    .where("p.municipality_id", "=", municipalityId);
}

type RawProcedure = Awaited<ReturnType<ReturnType<typeof procedureQuery>["executeTakeFirstOrThrow"]>>;

export function toProcedure(r: RawProcedure): ProcedureRow {
  return {
    id: r.id, slug: r.slug, name: r.name, kind: r.kind, summary: r.summary,
    requirements: Array.isArray(r.requirements) ? (r.requirements as string[]) : [],
    costText: r.cost_text, costMxn: r.cost_mxn, duration: r.duration, howTo: r.how_to, onlineUrl: r.online_url,
    department: r.department_id !== null && r.department_name ? { id: r.department_id, name: r.department_name } : null,
    requestServiceCode: r.request_service_code, legalBasis: r.legal_basis, active: r.active, updatedAt: new Date(r.updated_at),
  };
}

/** A procedure by its slug; inactive ones only for staff (`includeInactive`). */
export async function findProcedureBySlug(db: Executor, municipalityId: number, slug: string, opts: { includeInactive?: boolean } = {}): Promise<ProcedureRow | undefined> {
  let q = procedureQuery(db, municipalityId).where("p.slug", "=", slug);
  if (!opts.includeInactive) q = q.where("p.active", "=", true);
  const row = await q.executeTakeFirst();
  return row ? toProcedure(row) : undefined;
}

/** Every active procedure, by name (the open data). */
export async function listActiveProcedures(db: Executor, municipalityId: number): Promise<ProcedureRow[]> {
  return (await procedureQuery(db, municipalityId).where("p.active", "=", true).orderBy("p.name").orderBy("p.id").execute()).map(toProcedure);
}

/** A page of the active procedures that can be done at an office, by name. */
export async function pageProceduresOfOffice(db: Executor, municipalityId: number, officeId: number, page: number, perPage: number): Promise<{ rows: ProcedureRow[]; total: number }> {
  const offered = procedureQuery(db, municipalityId)
    .innerJoin("office_procedures as op", (j) => j.onRef("op.municipality_id", "=", "p.municipality_id").onRef("op.procedure_id", "=", "p.id"))
    .where("op.office_id", "=", officeId)
    .where("p.active", "=", true);
  const total = Number(
    (
      await db
        .selectFrom("office_procedures as op")
        .innerJoin("municipal_procedures as p", (j) => j.onRef("p.municipality_id", "=", "op.municipality_id").onRef("p.id", "=", "op.procedure_id"))
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("op.municipality_id", "=", municipalityId)
        .where("op.office_id", "=", officeId)
        .where("p.active", "=", true)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await offered.orderBy("p.name").orderBy("p.id").limit(perPage).offset((page - 1) * perPage).execute();
  return { rows: rows.map(toProcedure), total };
}

/** Offices of each procedure, by procedure id (the open data lists them by slug). */
export async function officeSlugsByProcedure(db: Executor, municipalityId: number): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom("office_procedures as op")
    .innerJoin("service_offices as o", (j) => j.onRef("o.municipality_id", "=", "op.municipality_id").onRef("o.id", "=", "op.office_id"))
    .select(["op.procedure_id", "o.slug"])
    .where("op.municipality_id", "=", municipalityId)
    .where("o.active", "=", true)
    .orderBy("o.slug")
    .execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.procedure_id, [...(out.get(r.procedure_id) ?? []), r.slug]);
  return out;
}

export interface ProcedureChoice {
  id: number;
  name: string;
  kind: ProcedureKind;
  active: boolean;
  /** Whether the office being edited offers it. */
  offered: boolean;
}

/** The procedures staff may tick for an office, filtered by name (accents ignored), a page at a time. */
export async function pageProcedureChoices(
  db: Executor,
  municipalityId: number,
  officeId: number,
  opts: { q: string; page: number; perPage: number },
): Promise<{ rows: ProcedureChoice[]; total: number }> {
  let base = db.selectFrom("municipal_procedures as p").where("p.municipality_id", "=", municipalityId);
  const q = opts.q.trim().slice(0, 100);
  if (q) base = base.where(sql<boolean>`unaccent(p.name) ilike unaccent(${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`);
  const total = Number((await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select(["p.id", "p.name", "p.kind", "p.active"])
    .select(sql<boolean>`exists (select 1 from office_procedures op where op.municipality_id = p.municipality_id and op.procedure_id = p.id and op.office_id = ${officeId})`.as("offered"))
    .orderBy("p.name")
    .orderBy("p.id")
    .limit(opts.perPage)
    .offset((opts.page - 1) * opts.perPage)
    .execute();
  return { rows: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, active: r.active, offered: Boolean(r.offered) })), total };
}

/** When the active catalogue last changed (the open data's "modified"). */
export async function proceduresModifiedAt(db: Executor, municipalityId: number): Promise<{ count: number; modified: Date | null }> {
  const r = await db
    .selectFrom("municipal_procedures")
    .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.max("updated_at").as("m")])
    .where("municipality_id", "=", municipalityId)
    .where("active", "=", true)
    .executeTakeFirstOrThrow();
  return { count: Number(r.n), modified: r.m ? new Date(r.m as unknown as string) : null };
}
