/**
 * Read models of the service offices: the options other parts of the module offer in their forms
 * (a hearing's venue, the office where a request was filed), the lists and pages of offices, the
 * offices that offer a procedure, and the map. Offices are public places: nothing here concerns
 * a person (their phone and e-mail are the office's public contact).
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { OfficeHours, OfficeKind } from "./tables.js";
import "./tables.js";

export interface OfficeOption {
  id: number;
  slug: string;
  name: string;
}

/** The municipality's active offices, by name, for a select. */
export async function listOfficeOptions(db: Executor, municipalityId: number): Promise<OfficeOption[]> {
  return db
    .selectFrom("service_offices")
    .select(["id", "slug", "name"])
    .where("municipality_id", "=", municipalityId)
    .where("active", "=", true)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export interface OfficeRow {
  id: number;
  slug: string;
  name: string;
  kind: OfficeKind;
  address: string;
  colonia: { slug: string; name: string } | null;
  lat: number | null;
  lon: number | null;
  hours: OfficeHours[];
  phone: string | null;
  email: string | null;
  accessibility: string;
  notes: string;
  active: boolean;
  updatedAt: Date;
}

function officeQuery(db: Executor, municipalityId: number) {
  return db
    .selectFrom("service_offices as o")
    .leftJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "o.municipality_id").onRef("c.id", "=", "o.colonia_id"))
    .select([
      "o.id", "o.slug", "o.name", "o.kind", "o.address", "o.lat", "o.lon", "o.hours", "o.phone", "o.email", "o.accessibility", "o.notes", "o.active", "o.updated_at",
      "c.slug as colonia_slug", "c.name as colonia_name",
    ])
    .where("o.municipality_id", "=", municipalityId);
}

type RawOffice = Awaited<ReturnType<ReturnType<typeof officeQuery>["executeTakeFirstOrThrow"]>>;

function toOffice(r: RawOffice): OfficeRow {
  return {
    id: r.id, slug: r.slug, name: r.name, kind: r.kind, address: r.address,
    colonia: r.colonia_slug && r.colonia_name ? { slug: r.colonia_slug, name: r.colonia_name } : null,
    lat: r.lat, lon: r.lon, hours: Array.isArray(r.hours) ? (r.hours as OfficeHours[]) : [], phone: r.phone, email: r.email,
    accessibility: r.accessibility, notes: r.notes, active: r.active, updatedAt: new Date(r.updated_at),
  };
}

/** An office by its slug; inactive ones only for staff (`includeInactive`). */
export async function findOfficeBySlug(db: Executor, municipalityId: number, slug: string, opts: { includeInactive?: boolean } = {}): Promise<OfficeRow | undefined> {
  let q = officeQuery(db, municipalityId).where("o.slug", "=", slug);
  if (!opts.includeInactive) q = q.where("o.active", "=", true);
  const row = await q.executeTakeFirst();
  return row ? toOffice(row) : undefined;
}

export interface OfficeListItem extends OfficeRow {
  /** How many procedures it offers (active ones, or all for staff). */
  procedures: number;
}

/** A page of offices by name, with how many procedures each offers. */
export async function listOffices(
  db: Executor,
  municipalityId: number,
  opts: { includeInactive?: boolean; page: number; perPage: number },
): Promise<{ rows: OfficeListItem[]; total: number }> {
  let count = db.selectFrom("service_offices").where("municipality_id", "=", municipalityId);
  let q = officeQuery(db, municipalityId);
  if (!opts.includeInactive) {
    count = count.where("active", "=", true);
    q = q.where("o.active", "=", true);
  }
  const total = Number((await count.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const onlyActive = !opts.includeInactive;
  const rows = await q
    .select(
      sql<string>`(select count(*) from office_procedures op join municipal_procedures p on p.municipality_id = op.municipality_id and p.id = op.procedure_id
        where op.municipality_id = o.municipality_id and op.office_id = o.id and (p.active or not ${onlyActive}))`.as("procedures"),
    )
    .orderBy("o.name")
    .orderBy("o.id")
    .limit(opts.perPage)
    .offset((opts.page - 1) * opts.perPage)
    .execute();
  return { rows: rows.map((r) => ({ ...toOffice(r), procedures: Number(r.procedures) })), total };
}

/** Every active office, by name (the map, the open data). */
export async function listActiveOffices(db: Executor, municipalityId: number): Promise<OfficeRow[]> {
  return (await officeQuery(db, municipalityId).where("o.active", "=", true).orderBy("o.name").orderBy("o.id").execute()).map(toOffice);
}

/** The active offices that offer a procedure (any order: the caller ranks them). */
export async function officesOfferingProcedure(db: Executor, municipalityId: number, procedureId: number): Promise<OfficeRow[]> {
  const rows = await officeQuery(db, municipalityId)
    .innerJoin("office_procedures as op", (j) => j.onRef("op.municipality_id", "=", "o.municipality_id").onRef("op.office_id", "=", "o.id"))
    .where("op.procedure_id", "=", procedureId)
    .where("o.active", "=", true)
    .execute();
  return rows.map(toOffice);
}

/** A page of the active offices where a procedure can be done, by name. */
export async function pageOfficesOfProcedure(db: Executor, municipalityId: number, procedureId: number, page: number, perPage: number): Promise<{ rows: OfficeRow[]; total: number }> {
  const all = (await officesOfferingProcedure(db, municipalityId, procedureId)).sort((a, b) => a.name.localeCompare(b.name, "es") || a.id - b.id);
  return { rows: all.slice((page - 1) * perPage, page * perPage), total: all.length };
}

export interface OfficeChoice {
  id: number;
  name: string;
  active: boolean;
  /** Whether it offers the procedure being edited. */
  offers: boolean;
}

/** The offices staff may tick for a procedure (inactive ones marked), a page at a time. */
export async function pageOfficeChoices(db: Executor, municipalityId: number, procedureId: number, page: number, perPage: number): Promise<{ rows: OfficeChoice[]; total: number }> {
  const base = db.selectFrom("service_offices as o").where("o.municipality_id", "=", municipalityId);
  const total = Number((await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select(["o.id", "o.name", "o.active"])
    .select(sql<boolean>`exists (select 1 from office_procedures op where op.municipality_id = o.municipality_id and op.office_id = o.id and op.procedure_id = ${procedureId})`.as("offers"))
    .orderBy("o.name")
    .orderBy("o.id")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { rows: rows.map((r) => ({ id: r.id, name: r.name, active: r.active, offers: Boolean(r.offers) })), total };
}

/** When the offices last changed (the open data's "modified"), or null when there are none. */
export async function officesModifiedAt(db: Executor, municipalityId: number): Promise<{ count: number; modified: Date | null }> {
  const r = await db
    .selectFrom("service_offices")
    .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.max("updated_at").as("m")])
    .where("municipality_id", "=", municipalityId)
    .where("active", "=", true)
    .executeTakeFirstOrThrow();
  return { count: Number(r.n), modified: r.m ? new Date(r.m as unknown as string) : null };
}
