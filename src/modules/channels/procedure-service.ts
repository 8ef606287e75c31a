/**
 * Operations on the catalogue of procedures and services: create, edit, and set the offices where
 * each can be done. Each runs inside the caller's transaction, checks its input
 * (ChannelInputError: Spanish messages per field, 422, nothing stored) and writes an audit entry.
 */
import { sql } from "kysely";
import { recordAudit, type AuditBy } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { Checker } from "../plans/staff-inputs.js";
import { findServiceByCode } from "../requests/catalogue.js";
import { relink, type LinkChoice } from "./office-links.js";
import { checkSlug, finish, withUniqueSlug } from "./office-inputs.js";
import { PROCEDURE_KINDS, type ProcedureKind } from "./tables.js";

export interface ProcedureInput {
  name: string;
  /** Empty: made from the name. */
  slug: string;
  kind: string;
  summary: string;
  /** One requirement per line. */
  requirements: string;
  costText: string;
  /** Pesos, optional ("245.50", "$1,200"). */
  costMxn: string;
  duration: string;
  howTo: string;
  onlineUrl: string;
  /** null: none; NaN: something that is not an id (refused). */
  departmentId: number | null;
  requestServiceCode: string;
  legalBasis: string;
  active: boolean;
}

const MAX_REQUIREMENTS = 40;

/** "$1,200.50" → "1200.50"; "" → null; anything else → undefined (a mistake). */
export function parsePesos(text: string): string | null | undefined {
  const t = (text ?? "").trim().replace(/^\$\s*/, "").replace(/,(?=\d{3}(\D|$))/g, "");
  if (t === "") return null;
  return /^\d{1,10}(\.\d{1,2})?$/.test(t) ? t : undefined;
}

function checkProcedure(input: ProcedureInput) {
  const c = new Checker();
  const name = c.line("name", input.name, { label: "el nombre del trámite o servicio", min: 3, max: 200 });
  const requirements = (input.requirements ?? "")
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-•*]\s*/, "").replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (requirements.length > MAX_REQUIREMENTS) c.fail("requirements", `Escriba como máximo ${MAX_REQUIREMENTS} requisitos, uno por renglón.`);
  const long = requirements.findIndex((r) => r.length > 300);
  if (long >= 0) c.fail("requirements", `El requisito ${long + 1} es demasiado largo (máximo 300 caracteres).`);
  const costMxn = parsePesos(input.costMxn);
  if (costMxn === undefined) c.fail("costMxn", "El monto debe ser una cantidad en pesos, sin letras (p. ej. 245.50), o déjelo vacío si es gratuito o variable.");
  const onlineText = (input.onlineUrl ?? "").trim();
  const v = {
    name,
    slug: checkSlug(c, input.slug, name, "licencia-de-funcionamiento"),
    kind: c.oneOf("kind", input.kind, PROCEDURE_KINDS, "Elija si es un trámite o un servicio.") as ProcedureKind,
    summary: c.text("summary", input.summary, { label: "la descripción breve", max: 1000 }),
    requirements,
    costText: c.line("costText", input.costText, { label: "el costo (p. ej. «Gratuito» o «Consulte la Ley de Ingresos vigente»)", min: 1, max: 300 }),
    costMxn: costMxn ?? null,
    duration: c.line("duration", input.duration, { label: "el tiempo de respuesta", max: 200 }),
    howTo: c.text("howTo", input.howTo, { label: "cómo se hace", max: 4000 }),
    onlineUrl: onlineText === "" ? null : c.url("onlineUrl", onlineText, "la dirección del trámite en línea"),
    departmentId: input.departmentId,
    requestServiceCode: (input.requestServiceCode ?? "").trim() || null,
    legalBasis: c.line("legalBasis", input.legalBasis, { label: "el fundamento legal", max: 500 }),
    active: input.active === true,
  };
  if (v.onlineUrl && v.onlineUrl.length > 500) c.fail("onlineUrl", "La dirección del trámite en línea es demasiado larga (máximo 500 caracteres).");
  if (v.departmentId !== null && (!Number.isSafeInteger(v.departmentId) || v.departmentId < 1)) c.fail("departmentId", "La dependencia elegida no existe en este municipio.");
  finish(c);
  return v;
}

type CheckedProcedure = ReturnType<typeof checkProcedure>;

const takenSlug = (slug: string) => `Ya hay un trámite o servicio con la dirección corta «${slug}» en este municipio: elija otra.`;

async function checkReferences(trx: Executor, municipalityId: number, v: CheckedProcedure, exceptId: number | null): Promise<void> {
  const c = new Checker();
  let taken = trx.selectFrom("municipal_procedures").select("id").where("municipality_id", "=", municipalityId).where("slug", "=", v.slug);
  if (exceptId !== null) taken = taken.where("id", "<>", exceptId);
  if (await taken.executeTakeFirst()) c.fail("slug", takenSlug(v.slug));
  if (v.departmentId !== null) {
    const d = await trx.selectFrom("departments").select("id").where("municipality_id", "=", municipalityId).where("id", "=", v.departmentId).executeTakeFirst();
    if (!d) c.fail("departmentId", "La dependencia elegida no existe en este municipio.");
  }
  if (v.requestServiceCode !== null && !(await findServiceByCode(trx, municipalityId, v.requestServiceCode))) {
    c.fail("requestServiceCode", "El servicio de solicitudes ciudadanas elegido no existe en este municipio.");
  }
  finish(c);
}

function procedureColumns(v: CheckedProcedure) {
  return {
    slug: v.slug, name: v.name, kind: v.kind, summary: v.summary, requirements: JSON.stringify(v.requirements), cost_text: v.costText, cost_mxn: v.costMxn,
    duration: v.duration, how_to: v.howTo, online_url: v.onlineUrl, department_id: v.departmentId, request_service_code: v.requestServiceCode,
    legal_basis: v.legalBasis, active: v.active,
  };
}

const auditFacts = (v: CheckedProcedure) => ({
  slug: v.slug, name: v.name, kind: v.kind, costText: v.costText, costMxn: v.costMxn, onlineUrl: v.onlineUrl, departmentId: v.departmentId,
  requestServiceCode: v.requestServiceCode, requirements: v.requirements.length, active: v.active,
});

export async function createProcedure(trx: Executor, municipalityId: number, by: AuditBy, input: ProcedureInput): Promise<{ id: number; slug: string }> {
  const v = checkProcedure(input);
  await checkReferences(trx, municipalityId, v, null);
  const row = await withUniqueSlug(
    () => trx.insertInto("municipal_procedures").values({ municipality_id: municipalityId, ...procedureColumns(v) }).returning("id").executeTakeFirstOrThrow(),
    takenSlug(v.slug),
  );
  await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "channels.procedure.create", subjectType: "municipal_procedure", subjectId: row.id, details: auditFacts(v) });
  return { id: row.id, slug: v.slug };
}

export async function updateProcedure(trx: Executor, municipalityId: number, by: AuditBy, procedureId: number, input: ProcedureInput): Promise<{ slug: string }> {
  const v = checkProcedure(input);
  const current = await trx.selectFrom("municipal_procedures").select("slug").where("municipality_id", "=", municipalityId).where("id", "=", procedureId).forUpdate().executeTakeFirst();
  if (!current) throw new HttpProblem(404, "El trámite o servicio no existe en este municipio.");
  await checkReferences(trx, municipalityId, v, procedureId);
  await withUniqueSlug(
    () => trx.updateTable("municipal_procedures").set({ ...procedureColumns(v), updated_at: sql`now()` }).where("municipality_id", "=", municipalityId).where("id", "=", procedureId).execute(),
    takenSlug(v.slug),
  );
  await recordAudit(trx, {
    actor: by.actor, actorLabel: by.label, municipalityId, action: "channels.procedure.update", subjectType: "municipal_procedure", subjectId: procedureId, details: { ...auditFacts(v), previousSlug: current.slug },
  });
  return { slug: v.slug };
}

/** Sets at which of the shown offices the procedure can be done. */
export async function setProcedureOffices(trx: Executor, municipalityId: number, by: AuditBy, procedureId: number, choice: LinkChoice): Promise<void> {
  const procedure = await trx.selectFrom("municipal_procedures").select("id").where("municipality_id", "=", municipalityId).where("id", "=", procedureId).forUpdate().executeTakeFirst();
  if (!procedure) throw new HttpProblem(404, "El trámite o servicio no existe en este municipio.");
  const { added, removed } = await relink(trx, municipalityId, "procedure", procedureId, choice);
  if (added.length === 0 && removed.length === 0) return;
  await trx.updateTable("municipal_procedures").set({ updated_at: sql`now()` }).where("municipality_id", "=", municipalityId).where("id", "=", procedureId).execute();
  await recordAudit(trx, { actor: by.actor, actorLabel: by.label, municipalityId, action: "channels.procedure.offices", subjectType: "municipal_procedure", subjectId: procedureId, details: { added, removed } });
}
