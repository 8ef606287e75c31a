/**
 * A brigade's numbers, computed from the records its members synchronised: households visited
 * (distinct household ids), records by kind, requests by service, by colonia, by member; and the
 * follow-up list of residents who agreed to be contacted. The member names and the follow-up
 * contacts are personal data: only the staff summary (brigades.view) reads them.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import { proposalFolio } from "../proposals/create.js";
import type { BrigadeRecordKind } from "./tables.js";
import "./tables.js";

export interface Tally {
  label: string;
  count: number;
}

export interface BrigadeCounts {
  households: number;
  byKind: Record<BrigadeRecordKind, number>;
  byService: Tally[];
}

const records = (db: Executor, municipalityId: number, brigadeId: number) =>
  db.selectFrom("brigade_records as r").where("r.municipality_id", "=", municipalityId).where("r.brigade_id", "=", brigadeId);

/** The numbers the public may see too: households, records by kind, requests by service. */
export async function brigadeCounts(db: Executor, municipalityId: number, brigadeId: number): Promise<BrigadeCounts> {
  const [households, kinds, services] = await Promise.all([
    records(db, municipalityId, brigadeId).select(sql<string>`count(distinct r.household_id)`.as("n")).executeTakeFirstOrThrow(),
    records(db, municipalityId, brigadeId).select(["r.kind", (eb) => eb.fn.countAll<string>().as("n")]).groupBy("r.kind").execute(),
    records(db, municipalityId, brigadeId)
      .innerJoin("service_requests as q", (j) => j.onRef("q.municipality_id", "=", "r.municipality_id").onRef("q.id", "=", "r.request_id"))
      .innerJoin("request_services as s", (j) => j.onRef("s.municipality_id", "=", "q.municipality_id").onRef("s.id", "=", "q.service_id"))
      .select(["s.name", (eb) => eb.fn.countAll<string>().as("n")])
      .groupBy("s.name")
      .orderBy(sql`count(*)`, "desc")
      .orderBy("s.name")
      .execute(),
  ]);
  const byKind: Record<BrigadeRecordKind, number> = { solicitud: 0, propuesta: 0, visita: 0 };
  for (const k of kinds) byKind[k.kind] = Number(k.n);
  return { households: Number(households.n), byKind, byService: services.map((s) => ({ label: s.name, count: Number(s.n) })) };
}

export interface StaffBrigadeSummary extends BrigadeCounts {
  /** label null: records without a colonia. */
  byColonia: { label: string | null; count: number }[];
  byMember: { label: string | null; count: number }[];
}

export async function staffBrigadeSummary(db: Executor, municipalityId: number, brigadeId: number): Promise<StaffBrigadeSummary> {
  const [counts, colonias, members] = await Promise.all([
    brigadeCounts(db, municipalityId, brigadeId),
    records(db, municipalityId, brigadeId)
      .leftJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "r.municipality_id").onRef("c.id", "=", "r.colonia_id"))
      .select(["c.name", (eb) => eb.fn.countAll<string>().as("n")])
      .groupBy("c.name")
      .orderBy(sql`count(*)`, "desc")
      .orderBy("c.name")
      .execute(),
    records(db, municipalityId, brigadeId)
      .leftJoin("users as u", "u.id", "r.member_user_id")
      .select(["u.id", "u.display_name", (eb) => eb.fn.countAll<string>().as("n")])
      .groupBy(["u.id", "u.display_name"])
      .orderBy(sql`count(*)`, "desc")
      .orderBy("u.display_name")
      .execute(),
  ]);
  return {
    ...counts,
    byColonia: colonias.map((c) => ({ label: c.name, count: Number(c.n) })),
    byMember: members.map((m) => ({ label: m.display_name, count: Number(m.n) })),
  };
}

export interface FollowUp {
  capturedAt: Date;
  kind: BrigadeRecordKind;
  /** The request's folio (staff page) or the proposal's folio with its process. */
  folio: string | null;
  proposal: { folio: string; number: number; processSlug: string } | null;
  colonia: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  paperForm: string | null;
  member: string | null;
}

/** Staff only: the records whose resident agreed to be contacted, newest first. */
export async function listFollowUp(db: Executor, municipalityId: number, brigadeId: number, page: number, perPage: number): Promise<{ rows: FollowUp[]; total: number }> {
  const q = records(db, municipalityId, brigadeId).where("r.consent", "=", true);
  const { n } = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin("service_requests as q", (j) => j.onRef("q.municipality_id", "=", "r.municipality_id").onRef("q.id", "=", "r.request_id"))
    .leftJoin("proposals as p", (j) => j.onRef("p.municipality_id", "=", "r.municipality_id").onRef("p.id", "=", "r.proposal_id"))
    .leftJoin("participatory_processes as pp", (j) => j.onRef("pp.municipality_id", "=", "p.municipality_id").onRef("pp.id", "=", "p.process_id"))
    .leftJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "r.municipality_id").onRef("c.id", "=", "r.colonia_id"))
    .leftJoin("users as u", "u.id", "r.member_user_id")
    .select(["r.captured_at", "r.kind", "q.folio", "p.number", "pp.slug as process_slug", "c.name as colonia", "r.contact_name", "r.contact_phone", "r.contact_email", "r.paper_form", "u.display_name"])
    .orderBy("r.captured_at", "desc")
    .orderBy("r.client_id")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return {
    total: Number(n),
    rows: rows.map((r) => ({
      capturedAt: new Date(r.captured_at),
      kind: r.kind,
      folio: r.folio,
      proposal: r.number !== null && r.process_slug !== null ? { folio: proposalFolio(r.number), number: r.number, processSlug: r.process_slug } : null,
      colonia: r.colonia,
      name: r.contact_name,
      phone: r.contact_phone,
      email: r.contact_email,
      paperForm: r.paper_form,
      member: r.display_name,
    })),
  };
}
