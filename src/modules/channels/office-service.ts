/**
 * Operations on the service offices: create, edit, and set the procedures offered there. Each
 * runs inside the caller's transaction, checks its input (ChannelInputError: Spanish messages per
 * field, 422, nothing stored) and writes an audit entry. The colonia is computed from the map
 * location. Who may call them is the route's question (CHANNELS.manage); the demo calls them too.
 */
import { sql } from "kysely";
import { recordAudit, type AuditBy } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { Checker } from "../plans/staff-inputs.js";
import { findColoniaAt, isInsideMunicipality } from "../territory/lookup.js";
import { checkHours, type DayInput } from "./office-hours.js";
import { relink, type LinkChoice } from "./office-links.js";
import { checkLocation, checkSlug, finish, withUniqueSlug } from "./office-inputs.js";
import { OFFICE_KINDS, type OfficeKind } from "./tables.js";

export interface OfficeInput {
  name: string;
  /** Empty: made from the name. */
  slug: string;
  kind: string;
  address: string;
  /** Decimal degrees as typed; both empty when the office has no map location. */
  lat: string;
  lon: string;
  hours: DayInput[];
  phone: string;
  email: string;
  accessibility: string;
  notes: string;
  active: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9()\-.\s]{7,30}(\s*(ext\.?|extensión)\s*[0-9]{1,6})?$/i;

function checkOffice(input: OfficeInput) {
  const c = new Checker();
  const name = c.line("name", input.name, { label: "el nombre de la oficina", min: 3, max: 200 });
  const v = {
    name,
    slug: checkSlug(c, input.slug, name, "modulo-roma-norte"),
    kind: c.oneOf("kind", input.kind, OFFICE_KINDS, "Elija el tipo de oficina: delegación, módulo, oficina o unidad móvil.") as OfficeKind,
    address: c.line("address", input.address, { label: "la dirección de la oficina", min: 5, max: 300 }),
    location: checkLocation(c, input.lat, input.lon),
    hours: checkHours(c, input.hours),
    phone: c.line("phone", input.phone, { label: "el teléfono", max: 40 }),
    email: c.line("email", input.email, { label: "el correo electrónico", max: 254 }).toLowerCase(),
    accessibility: c.text("accessibility", input.accessibility, { label: "las notas de accesibilidad", max: 2000 }),
    notes: c.text("notes", input.notes, { label: "las notas", max: 2000 }),
    active: input.active === true,
  };
  if (v.phone && !c.has("phone") && !PHONE.test(v.phone)) c.fail("phone", "Escriba el teléfono con números, espacios, guiones o paréntesis (p. ej. 55 1234 5678 ext. 101).");
  if (v.email && !c.has("email") && !EMAIL.test(v.email)) c.fail("email", "El correo electrónico no es válido (p. ej. atencion@municipio.gob.mx).");
  finish(c);
  return v;
}

type CheckedOffice = ReturnType<typeof checkOffice>;

const takenSlug = (slug: string) => `Ya hay una oficina con la dirección corta «${slug}» en este municipio: elija otra.`;

/** The slug is free, the point inside the municipality; then the colonia under it. */
async function placeOffice(trx: Executor, municipalityId: number, v: CheckedOffice, exceptId: number | null): Promise<number | null> {
  const c = new Checker();
  let taken = trx.selectFrom("service_offices").select("id").where("municipality_id", "=", municipalityId).where("slug", "=", v.slug);
  if (exceptId !== null) taken = taken.where("id", "<>", exceptId);
  if (await taken.executeTakeFirst()) c.fail("slug", takenSlug(v.slug));
  let coloniaId: number | null = null;
  if (v.location) {
    const { lat, lon } = v.location;
    if ((await isInsideMunicipality(trx, municipalityId, lon, lat)) === false) c.fail("lat", "Ese punto está fuera del municipio: revise la latitud y la longitud.");
    else coloniaId = (await findColoniaAt(trx, municipalityId, lon, lat))?.id ?? null;
  }
  finish(c);
  return coloniaId;
}

function officeColumns(v: CheckedOffice, coloniaId: number | null) {
  return {
    slug: v.slug, name: v.name, kind: v.kind, address: v.address, colonia_id: coloniaId, lat: v.location?.lat ?? null, lon: v.location?.lon ?? null,
    hours: JSON.stringify(v.hours), phone: v.phone || null, email: v.email || null, accessibility: v.accessibility, notes: v.notes, active: v.active,
  };
}

/** What the audit entry keeps of an office (all of it is public). */
const auditFacts = (v: CheckedOffice, coloniaId: number | null) => ({
  slug: v.slug, name: v.name, kind: v.kind, address: v.address, lat: v.location?.lat ?? null, lon: v.location?.lon ?? null, coloniaId, hours: v.hours, active: v.active,
});

export async function createOffice(trx: Executor, municipalityId: number, by: AuditBy, input: OfficeInput): Promise<{ id: number; slug: string }> {
  const v = checkOffice(input);
  const coloniaId = await placeOffice(trx, municipalityId, v, null);
  const row = await withUniqueSlug(
    () => trx.insertInto("service_offices").values({ municipality_id: municipalityId, ...officeColumns(v, coloniaId) }).returning("id").executeTakeFirstOrThrow(),
    takenSlug(v.slug),
  );
  await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "channels.office.create", subjectType: "service_office", subjectId: row.id, details: auditFacts(v, coloniaId) });
  return { id: row.id, slug: v.slug };
}

export async function updateOffice(trx: Executor, municipalityId: number, by: AuditBy, officeId: number, input: OfficeInput): Promise<{ slug: string }> {
  const v = checkOffice(input);
  const current = await trx.selectFrom("service_offices").select(["slug"]).where("municipality_id", "=", municipalityId).where("id", "=", officeId).forUpdate().executeTakeFirst();
  if (!current) throw new HttpProblem(404, "La oficina no existe en este municipio.");
  const coloniaId = await placeOffice(trx, municipalityId, v, officeId);
  await withUniqueSlug(
    () => trx.updateTable("service_offices").set({ ...officeColumns(v, coloniaId), updated_at: sql`now()` }).where("municipality_id", "=", municipalityId).where("id", "=", officeId).execute(),
    takenSlug(v.slug),
  );
  await recordAudit(trx, {
    actor: by.actor, actorLabel: by.label, municipalityId, action: "channels.office.update", subjectType: "service_office", subjectId: officeId, details: { ...auditFacts(v, coloniaId), previousSlug: current.slug },
  });
  return { slug: v.slug };
}

/** Sets which of the shown procedures can be done at the office. */
export async function setOfficeProcedures(trx: Executor, municipalityId: number, by: AuditBy, officeId: number, choice: LinkChoice): Promise<void> {
  const office = await trx.selectFrom("service_offices").select("id").where("municipality_id", "=", municipalityId).where("id", "=", officeId).forUpdate().executeTakeFirst();
  if (!office) throw new HttpProblem(404, "La oficina no existe en este municipio.");
  const { added, removed } = await relink(trx, municipalityId, "office", officeId, choice);
  if (added.length === 0 && removed.length === 0) return;
  await trx.updateTable("service_offices").set({ updated_at: sql`now()` }).where("municipality_id", "=", municipalityId).where("id", "=", officeId).execute();
  await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "channels.office.procedures", subjectType: "service_office", subjectId: officeId, details: { added, removed } });
}
