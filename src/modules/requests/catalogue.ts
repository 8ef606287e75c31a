/** Reading the service catalogue (the admin pages that edit it live in catalogue-admin.ts). */
import type { Executor } from "../../platform/db/database.js";
import { SHARED_ROW_TTL_MS, TtlCache } from "../../platform/cache.js";
import type { AttributeDefinition } from "./attributes.js";
import type { TargetUnit } from "./tables.js";
import "./tables.js";

export interface ServiceDefinition {
  id: number;
  code: string;
  name: string;
  description: string;
  group: string;
  keywords: string;
  departmentId: number | null;
  target: { amount: number; unit: TargetUnit };
  photoRequired: boolean;
  locationRequired: boolean;
  active: boolean;
  attributes: AttributeDefinition[];
}

function toDefinition(row: any, attributes: AttributeDefinition[]): ServiceDefinition {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    group: row.group_name,
    keywords: row.keywords,
    departmentId: row.department_id,
    target: { amount: row.target_amount, unit: row.target_unit },
    photoRequired: row.photo_required,
    locationRequired: row.location_required,
    active: row.active,
    attributes,
  };
}

async function attributesOf(db: Executor, municipalityId: number, serviceIds: number[]): Promise<Map<number, AttributeDefinition[]>> {
  const map = new Map<number, AttributeDefinition[]>();
  if (serviceIds.length === 0) return map;
  const rows = await db
    .selectFrom("request_service_attributes")
    .selectAll()
    .where("municipality_id", "=", municipalityId)
    .where("service_id", "in", serviceIds)
    .orderBy("position")
    .orderBy("code")
    .execute();
  for (const r of rows) {
    const list = map.get(r.service_id) ?? [];
    list.push({
      code: r.code,
      datatype: r.datatype,
      required: r.required,
      variable: r.variable,
      description: r.description,
      datatypeDescription: r.datatype_description,
      values: r.values ?? [],
      position: r.position,
    });
    map.set(r.service_id, list);
  }
  return map;
}

/** The catalogue of a municipality, in display order; inactive services only when asked. */
export async function listServices(db: Executor, municipalityId: number, options: { includeInactive?: boolean } = {}): Promise<ServiceDefinition[]> {
  let query = db.selectFrom("request_services").selectAll().where("municipality_id", "=", municipalityId);
  if (!options.includeInactive) query = query.where("active", "=", true);
  const rows = await query.orderBy("group_name").orderBy("position").orderBy("name").execute();
  const attributes = await attributesOf(db, municipalityId, rows.map((r) => r.id));
  return rows.map((r) => toDefinition(r, attributes.get(r.id) ?? []));
}

/** Read on every filing; cleared by catalogue edits (see src/platform/cache.ts). */
export const serviceByCode = new TtlCache<string, ServiceDefinition | null>(SHARED_ROW_TTL_MS);

export async function findServiceByCode(db: Executor, municipalityId: number, code: string): Promise<ServiceDefinition | null> {
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(code)) return null;
  return serviceByCode.getOrLoad(`${municipalityId}:${code}`, () => loadServiceByCode(db, municipalityId, code));
}

async function loadServiceByCode(db: Executor, municipalityId: number, code: string): Promise<ServiceDefinition | null> {
  const row = await db.selectFrom("request_services").selectAll().where("municipality_id", "=", municipalityId).where("code", "=", code).executeTakeFirst();
  if (!row) return null;
  const attributes = await attributesOf(db, municipalityId, [row.id]);
  return toDefinition(row, attributes.get(row.id) ?? []);
}
