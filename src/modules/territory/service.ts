import { municipalityBySlug } from "./queries.js";
import { sql } from "kysely";
import type { Executor, Trx } from "../../platform/db/database.js";
import { recordAudit, SYSTEM, type AuditBy } from "../../platform/audit/audit.js";
import { isTimeZone } from "../../platform/calendar/dates.js";
import { TerritoryError } from "./errors.js";
import { slugify, SlugAllocator } from "./slug.js";
import { presentDepartment, type PublicDepartment } from "./presenters.js";

export { listDepartments } from "./queries.js";

export interface ActivationInput {
  /** 5-digit INEGI key, e.g. "11020". */
  inegiKey: string;
  slug: string;
  folioPrefix: string;
  timeZone?: string;
}

/**
 * Turn a catalogue municipality into a Cabildo tenant (re-running updates slug, prefix and zone).
 * Runs in the caller's transaction when given one, otherwise in its own; records the activation
 * in the municipality's audit chain.
 */
export async function activateMunicipality(db: Executor, input: ActivationInput, by: AuditBy = SYSTEM): Promise<{ id: number; name: string; slug: string }> {
  const key = input.inegiKey.trim();
  if (!/^\d{5}$/.test(key)) throw new TerritoryError(`La clave INEGI debe tener 5 dígitos (se recibió "${input.inegiKey}").`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(input.slug) || input.slug.length > 80) {
    throw new TerritoryError(`El slug "${input.slug}" solo puede tener minúsculas sin acentos, números y guiones (p. ej. "leon").`);
  }
  if (!/^[A-Z0-9]{2,12}$/.test(input.folioPrefix)) {
    throw new TerritoryError(`El prefijo de folio "${input.folioPrefix}" debe tener de 2 a 12 mayúsculas o números (p. ej. "LEON").`);
  }
  const timeZone = input.timeZone ?? "America/Mexico_City";
  if (!isTimeZone(timeZone)) throw new TerritoryError(`Zona horaria desconocida: "${timeZone}".`);
  const id = Number(key);
  const run = async (trx: Trx) => {
    const municipality = await trx
      .selectFrom("municipalities")
      .select(["id", "name", "slug", "folio_prefix", "time_zone", "active"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!municipality) throw new TerritoryError(`No existe el municipio con clave ${key}; importe primero el catálogo (cabildo import municipalities).`);
    const clash = await trx.selectFrom("municipalities").select(["id", "name"]).where("slug", "=", input.slug).where("id", "<>", id).executeTakeFirst();
    if (clash) throw new TerritoryError(`El slug "${input.slug}" ya lo usa ${clash.name} (${String(clash.id).padStart(5, "0")}).`);
    await trx
      .updateTable("municipalities")
      .set({
        slug: input.slug,
        folio_prefix: input.folioPrefix,
        time_zone: timeZone,
        active: true,
        activated_at: sql<Date>`coalesce(activated_at, now())`,
        updated_at: sql<Date>`now()`,
      })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actor: by.actor,
      actorLabel: by.label,
      municipalityId: id,
      action: "territory.municipality.activate",
      subjectType: "municipality",
      subjectId: id,
      details: {
        from: { active: municipality.active, slug: municipality.slug, folioPrefix: municipality.folio_prefix, timeZone: municipality.time_zone },
        to: { active: true, slug: input.slug, folioPrefix: input.folioPrefix, timeZone },
      },
    });
    municipalityBySlug.clear();
    return { id, name: municipality.name, slug: input.slug };
  };
  return db.isTransaction ? run(db as Trx) : db.transaction().execute(run);
}

/** A municipality of the catalogue by slug, active or not (for commands); Spanish error when unknown. */
export async function requireMunicipalityBySlug(db: Executor, slug: string): Promise<{ id: number; name: string; slug: string; active: boolean }> {
  const row = await db.selectFrom("municipalities").select(["id", "name", "slug", "active"]).where("slug", "=", slug).executeTakeFirst();
  if (!row) throw new TerritoryError(`No hay un municipio con el slug "${slug}". Actívelo primero con: cabildo municipality activate <clave> --slug ${slug} --prefix <PREFIJO>`);
  return { id: row.id, name: row.name, slug: row.slug!, active: row.active };
}

export interface DepartmentInput {
  name: string;
  description?: string | null;
  officeEmail?: string | null;
  officePhone?: string | null;
}

function cleanOptional(value: string | null | undefined, max: number, label: string): string | null {
  const v = value?.trim() ?? "";
  if (!v) return null;
  if (v.length > max) throw new TerritoryError(`${label} debe tener como máximo ${max} caracteres.`);
  return v;
}

/** Add a department (dependencia) to a municipality and audit it; call inside the caller's transaction. */
export async function createDepartment(trx: Executor, municipalityId: number, input: DepartmentInput, by: AuditBy = SYSTEM): Promise<PublicDepartment> {
  const name = input.name?.trim().replace(/\s+/g, " ") ?? "";
  if (name.length < 2 || name.length > 200) throw new TerritoryError("El nombre de la dependencia debe tener entre 2 y 200 caracteres.");
  const officeEmail = cleanOptional(input.officeEmail, 200, "El correo de la oficina");
  if (officeEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(officeEmail)) throw new TerritoryError(`El correo de la oficina "${officeEmail}" no es válido.`);
  const officePhone = cleanOptional(input.officePhone, 40, "El teléfono de la oficina");
  if (officePhone && !/^[0-9 +()\-.ext]{7,40}$/i.test(officePhone)) throw new TerritoryError(`El teléfono de la oficina "${officePhone}" no es válido.`);
  const description = cleanOptional(input.description, 2000, "La descripción");
  const existing = await trx.selectFrom("departments").select(["slug", "name"]).where("municipality_id", "=", municipalityId).execute();
  if (existing.some((d) => d.name.toLocaleLowerCase("es-MX") === name.toLocaleLowerCase("es-MX"))) {
    throw new TerritoryError(`Ya existe la dependencia "${name}" en este municipio.`);
  }
  const slug = new SlugAllocator(new Map(existing.map((d) => [d.slug, `dep:${d.slug}`]))).allocate(name, `new:${slugify(name)}`);
  const row = await trx
    .insertInto("departments")
    .values({ municipality_id: municipalityId, name, slug, description, office_email: officeEmail, office_phone: officePhone })
    .returningAll()
    .executeTakeFirstOrThrow();
  // Office contacts stay out of the log: an office address can be a person's own.
  await recordAudit(trx, {
    actor: by.actor,
    actorLabel: by.label,
    municipalityId,
    action: "territory.department.create",
    subjectType: "department",
    subjectId: row.id,
    details: { name, slug },
  });
  return presentDepartment(row);
}
