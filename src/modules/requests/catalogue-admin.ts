/** Editing the service catalogue (administrators): services, their Open311 attributes and per-colonia routes. */
import type { Executor } from "../../platform/db/database.js";
import { recordAudit, type AuditBy } from "../../platform/audit/audit.js";
import type { AttributeDefinition } from "./attributes.js";
import { RequestInputError } from "./errors.js";
import { serviceByCode } from "./catalogue.js";
import { ATTRIBUTE_TYPES, type TargetUnit } from "./tables.js";

export interface ServiceInput {
  code: string;
  name: string;
  description: string;
  group: string;
  keywords: string;
  departmentId: number | null;
  target: { amount: number; unit: TargetUnit };
  photoRequired: boolean;
  locationRequired: boolean;
  active?: boolean;
  position?: number;
  attributes: Omit<AttributeDefinition, "position">[];
}

type Problems = { field: string; message: string }[];

function checkAttributesDefinition(attributes: ServiceInput["attributes"], errors: Problems): void {
  const seen = new Set<string>();
  for (const [i, a] of attributes.entries()) {
    const field = `attributes[${i}]`;
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(a.code)) errors.push({ field, message: `El código del atributo "${a.code}" solo admite letras, números, - y _.` });
    if (seen.has(a.code)) errors.push({ field, message: `El atributo "${a.code}" está repetido.` });
    seen.add(a.code);
    if (!ATTRIBUTE_TYPES.includes(a.datatype)) errors.push({ field, message: `Tipo de atributo desconocido: "${a.datatype}".` });
    if (!a.description.trim()) errors.push({ field, message: `Escriba la pregunta del atributo "${a.code}".` });
    const isList = a.datatype === "singlevaluelist" || a.datatype === "multivaluelist";
    if (isList && a.values.length < 2) errors.push({ field, message: `El atributo "${a.code}" necesita al menos dos opciones.` });
    if (!isList && a.values.length > 0) errors.push({ field, message: `Solo los atributos de opción llevan opciones ("${a.code}").` });
    const keys = new Set(a.values.map((v) => v.key));
    if (keys.size !== a.values.length || a.values.some((v) => !v.key.trim() || !v.name.trim())) {
      errors.push({ field, message: `Las opciones de "${a.code}" necesitan clave y nombre, sin claves repetidas.` });
    }
  }
}

async function validate(db: Executor, municipalityId: number, input: ServiceInput, exceptId: number | null): Promise<void> {
  const errors: Problems = [];
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(input.code)) errors.push({ field: "code", message: "El código solo admite minúsculas sin acentos, números, - y _ (p. ej. bache)." });
  if (input.name.trim().length < 2 || input.name.trim().length > 120) errors.push({ field: "name", message: "El nombre debe tener entre 2 y 120 caracteres." });
  if (input.description.length > 2000) errors.push({ field: "description", message: "La descripción admite hasta 2000 caracteres." });
  if (!input.group.trim() || input.group.length > 80) errors.push({ field: "group", message: "Indique el grupo (hasta 80 caracteres)." });
  if (!Number.isInteger(input.target.amount) || input.target.amount < 1 || input.target.amount > 1000) errors.push({ field: "targetAmount", message: "El tiempo objetivo debe ser un número entero entre 1 y 1000." });
  if (input.target.unit !== "business_days" && input.target.unit !== "hours") errors.push({ field: "targetUnit", message: "Elija días hábiles u horas." });
  checkAttributesDefinition(input.attributes, errors);
  if (input.departmentId !== null) {
    const d = await db.selectFrom("departments").select("id").where("municipality_id", "=", municipalityId).where("id", "=", input.departmentId).executeTakeFirst();
    if (!d) errors.push({ field: "departmentId", message: "La dependencia no existe en este municipio." });
  }
  let clash = db.selectFrom("request_services").select("id").where("municipality_id", "=", municipalityId).where("code", "=", input.code);
  if (exceptId !== null) clash = clash.where("id", "<>", exceptId);
  if (await clash.executeTakeFirst()) errors.push({ field: "code", message: `Ya existe un servicio con el código "${input.code}".` });
  if (errors.length) throw new RequestInputError(errors, 422);
}

async function writeAttributes(trx: Executor, municipalityId: number, serviceId: number, attributes: ServiceInput["attributes"]): Promise<void> {
  await trx.deleteFrom("request_service_attributes").where("municipality_id", "=", municipalityId).where("service_id", "=", serviceId).execute();
  if (attributes.length === 0) return;
  await trx
    .insertInto("request_service_attributes")
    .values(
      attributes.map((a, i) => ({
        municipality_id: municipalityId,
        service_id: serviceId,
        code: a.code,
        position: i,
        datatype: a.datatype,
        required: a.required,
        variable: a.variable,
        description: a.description.trim(),
        datatype_description: a.datatypeDescription.trim(),
        values: JSON.stringify(a.values),
      })),
    )
    .execute();
}

function row(input: ServiceInput) {
  return {
    code: input.code,
    name: input.name.trim(),
    description: input.description.trim(),
    group_name: input.group.trim(),
    keywords: input.keywords.trim(),
    department_id: input.departmentId,
    target_amount: input.target.amount,
    target_unit: input.target.unit,
    photo_required: input.photoRequired,
    location_required: input.locationRequired,
    active: input.active ?? true,
    position: input.position ?? 0,
  };
}

/** Add a service; call inside the caller's transaction. */
export async function createService(trx: Executor, municipalityId: number, input: ServiceInput, by: AuditBy): Promise<number> {
  await validate(trx, municipalityId, input, null);
  const created = await trx
    .insertInto("request_services")
    .values({ municipality_id: municipalityId, ...row(input) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeAttributes(trx, municipalityId, created.id, input.attributes);
  serviceByCode.clear();
  await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "requests.service.create", subjectType: "request_service", subjectId: input.code, details: { name: input.name } });
  return created.id;
}

/** Replace a service's definition and attributes; existing requests keep their answers. */
export async function updateService(trx: Executor, municipalityId: number, serviceId: number, input: ServiceInput, by: AuditBy): Promise<void> {
  const before = await trx.selectFrom("request_services").selectAll().where("municipality_id", "=", municipalityId).where("id", "=", serviceId).executeTakeFirst();
  if (!before) throw RequestInputError.single("service", "El servicio no existe.", 404);
  await validate(trx, municipalityId, input, serviceId);
  await trx.updateTable("request_services").set({ ...row(input), updated_at: new Date() }).where("municipality_id", "=", municipalityId).where("id", "=", serviceId).execute();
  await writeAttributes(trx, municipalityId, serviceId, input.attributes);
  serviceByCode.clear();
  await recordAudit(trx, {
    actor: by.actor,
    actorLabel: by.label,
    municipalityId,
    action: "requests.service.update",
    subjectType: "request_service",
    subjectId: input.code,
    details: { from: { code: before.code, name: before.name, active: before.active, department: before.department_id }, to: { code: input.code, name: input.name, active: input.active ?? true, department: input.departmentId } },
  });
}

/** Send this service's requests from one colonia to another department (or remove the exception with null). */
export async function setRoute(trx: Executor, municipalityId: number, serviceId: number, coloniaId: number, departmentId: number | null, by: AuditBy): Promise<void> {
  if (departmentId === null) {
    await trx.deleteFrom("request_routes").where("municipality_id", "=", municipalityId).where("service_id", "=", serviceId).where("colonia_id", "=", coloniaId).execute();
  } else {
    await trx
      .insertInto("request_routes")
      .values({ municipality_id: municipalityId, service_id: serviceId, colonia_id: coloniaId, department_id: departmentId })
      .onConflict((oc) => oc.columns(["municipality_id", "service_id", "colonia_id"]).doUpdateSet({ department_id: departmentId }))
      .execute();
  }
  await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "requests.route.set", subjectType: "request_service", subjectId: serviceId, details: { colonia: coloniaId, department: departmentId } });
}
