/**
 * Operations of civil-society observatories: staff register them and their members (existing
 * accounts; a member's name is public only when marked so); members follow commitments (of
 * published plans) and citizen-attention services, write reports — an assessment of a commitment
 * or service with a verdict, or a general report — and publish them. Each runs inside the caller's
 * transaction with its audit entry; a person's mistake is a PlanInputError (422, nothing stored).
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { PlanInputError } from "./errors.js";
import { activeServiceName, isFollowableCommitment } from "./observatory-queries.js";
import { actorUserId } from "./staff-inputs.js";
import { existingAccount, FormChecker } from "./review-checks.js";
import { FOLLOW_KINDS, OBSERVATORY_ROLES, REPORT_KINDS, REPORT_VERDICTS, type FollowKind, type ObservatoryRole, type ReportKind, type ReportVerdict } from "./tables.js";

async function observatoryExists(trx: Executor, municipalityId: number, observatoryId: number): Promise<void> {
  const row = await trx.selectFrom("observatories").select("id").where("municipality_id", "=", municipalityId).where("id", "=", observatoryId).executeTakeFirst();
  if (!row) throw new HttpProblem(404, "El observatorio no existe.");
}

export async function registerObservatory(
  trx: Executor, municipalityId: number, actor: Actor,
  input: { slug: string; name: string; description: string; website: string | null },
): Promise<number> {
  const c = new FormChecker();
  const slug = c.slug("slug", input.slug, "la dirección del observatorio");
  const name = c.text("name", input.name, { label: "el nombre del observatorio", min: 3, max: 200 });
  const description = c.text("description", input.description, { label: "la descripción", max: 4000 });
  const website = c.optionalUrl("website", input.website, { label: "el sitio web", max: 500 });
  c.done();
  const taken = await trx.selectFrom("observatories").select("id").where("municipality_id", "=", municipalityId).where("slug", "=", slug).executeTakeFirst();
  if (taken) throw PlanInputError.single("slug", "Ya hay un observatorio con esa dirección: elija otra.", 409);
  const row = await trx
    .insertInto("observatories")
    .values({ municipality_id: municipalityId, slug, name, description, website, created_by: actorUserId(actor) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { actor, municipalityId, action: "plans.observatory.register", subjectType: "observatory", subjectId: row.id, details: { slug, name, website } });
  return row.id;
}

/** Adds a member (or changes an existing member's role and public name). Returns the account's id. */
export async function addObservatoryMember(
  trx: Executor, municipalityId: number, actor: Actor, observatoryId: number,
  input: { email: string; role: ObservatoryRole; publicName: string; namePublic: boolean },
): Promise<number> {
  await observatoryExists(trx, municipalityId, observatoryId);
  const c = new FormChecker();
  const userId = await existingAccount(trx, c, "email", input.email);
  const role = c.oneOf("role", input.role, OBSERVATORY_ROLES, "Elija el papel de la persona en el observatorio.");
  const publicName = c.text("publicName", input.publicName, { label: "el nombre público", max: 160 });
  if (input.namePublic && publicName.length < 2 && !c.has("publicName")) c.fail("publicName", "Escriba el nombre que se mostrará, o no lo marque como público.");
  c.done();
  const namePublic = input.namePublic === true;
  const before = await trx.selectFrom("observatory_members").select(["role", "name_public"])
    .where("municipality_id", "=", municipalityId).where("observatory_id", "=", observatoryId).where("user_id", "=", userId!).executeTakeFirst();
  await trx
    .insertInto("observatory_members")
    .values({ municipality_id: municipalityId, observatory_id: observatoryId, user_id: userId!, role, public_name: publicName, name_public: namePublic })
    .onConflict((oc) => oc.columns(["municipality_id", "observatory_id", "user_id"]).doUpdateSet({ role, public_name: publicName, name_public: namePublic }))
    .execute();
  await recordAudit(trx, {
    actor, municipalityId, action: before ? "plans.observatory.member.update" : "plans.observatory.member.add", subjectType: "observatory", subjectId: observatoryId,
    details: { userId, role, namePublic, ...(before ? { from: { role: before.role, namePublic: before.name_public } } : {}) },
  });
  return userId!;
}

/** Ends a membership; the reports the person wrote stay with the observatory (they can no longer edit them). */
export async function removeObservatoryMember(trx: Executor, municipalityId: number, actor: Actor, observatoryId: number, userId: number): Promise<void> {
  const row = await trx.deleteFrom("observatory_members")
    .where("municipality_id", "=", municipalityId).where("observatory_id", "=", observatoryId).where("user_id", "=", userId)
    .returning("role").executeTakeFirst();
  if (!row) throw new HttpProblem(404, "Esa persona no es integrante del observatorio.");
  await recordAudit(trx, { actor, municipalityId, action: "plans.observatory.member.remove", subjectType: "observatory", subjectId: observatoryId, details: { userId, role: row.role } });
}

/** Follows (or stops following) a commitment of a published plan or an active service. */
export async function followTarget(trx: Executor, municipalityId: number, actor: Actor, observatoryId: number, kind: FollowKind, targetId: number, follow: boolean): Promise<void> {
  await observatoryExists(trx, municipalityId, observatoryId);
  const c = new FormChecker();
  c.oneOf("kind", kind, FOLLOW_KINDS, "Elija si sigue un compromiso o un servicio.");
  c.done();
  const key = { municipality_id: municipalityId, observatory_id: observatoryId, target_kind: kind, target_id: targetId };
  if (follow) {
    const exists = Number.isInteger(targetId) && (kind === "compromiso" ? await isFollowableCommitment(trx, municipalityId, targetId) : (await activeServiceName(trx, municipalityId, targetId)) !== null);
    if (!exists) throw PlanInputError.single(kind === "compromiso" ? "commitmentId" : "serviceId", kind === "compromiso" ? "Elija un compromiso de un plan publicado." : "Elija un servicio del catálogo.");
    await trx.insertInto("observatory_follows").values(key).onConflict((oc) => oc.doNothing()).execute();
  } else {
    await trx.deleteFrom("observatory_follows")
      .where("municipality_id", "=", municipalityId).where("observatory_id", "=", observatoryId).where("target_kind", "=", kind).where("target_id", "=", targetId)
      .execute();
  }
  await recordAudit(trx, { actor, municipalityId, action: follow ? "plans.observatory.follow" : "plans.observatory.unfollow", subjectType: "observatory", subjectId: observatoryId, details: { kind, targetId } });
}

export interface ReportInput {
  kind: ReportKind;
  commitmentId: number | null;
  serviceId: number | null;
  title: string;
  body: string;
  verdict: ReportVerdict | null;
  dataUrl: string | null;
}

async function checkReport(trx: Executor, municipalityId: number, input: ReportInput) {
  const c = new FormChecker();
  const kind = c.oneOf("kind", input.kind, REPORT_KINDS, "Elija si es la valoración de un compromiso o servicio, o un informe general.");
  const title = c.text("title", input.title, { label: "el título", min: 5, max: 200 });
  const body = c.text("body", input.body, { label: "el texto del informe", min: 20, max: 30000 });
  const verdict = c.optionalOneOf("verdict", input.verdict, REPORT_VERDICTS, "Elija un veredicto de la lista.");
  const dataUrl = c.optionalUrl("dataUrl", input.dataUrl, { label: "la liga a los datos", max: 1000 });
  const { commitmentId, serviceId } = input;
  if (commitmentId !== null && serviceId !== null) c.fail("commitmentId", "Un informe trata de un compromiso o de un servicio, no de ambos.");
  else if (commitmentId !== null && !(Number.isInteger(commitmentId) && (await isFollowableCommitment(trx, municipalityId, commitmentId)))) c.fail("commitmentId", "Elija un compromiso de un plan publicado.");
  else if (serviceId !== null && !(Number.isInteger(serviceId) && (await activeServiceName(trx, municipalityId, serviceId)) !== null)) c.fail("serviceId", "Elija un servicio del catálogo.");
  if (kind === "valoracion") {
    if (commitmentId === null && serviceId === null && !c.has("commitmentId")) c.fail("commitmentId", "Una valoración trata de un compromiso o de un servicio: elija cuál.");
    if (verdict === null && !c.has("verdict")) c.fail("verdict", "Una valoración lleva el veredicto del observatorio.");
  } else if (verdict !== null && commitmentId === null && serviceId === null && !c.has("verdict")) {
    c.fail("verdict", "El veredicto se da sobre un compromiso o un servicio: elija cuál, o quite el veredicto.");
  }
  c.done();
  return { kind, title, body, verdict, data_url: dataUrl, commitment_id: commitmentId, service_id: serviceId };
}

/** Creates a draft report (its author: the actor) or, with `reportId`, saves changes to one of the observatory's reports. */
export async function saveReport(trx: Executor, municipalityId: number, actor: Actor, observatoryId: number, input: ReportInput, reportId?: number): Promise<number> {
  await observatoryExists(trx, municipalityId, observatoryId);
  const v = await checkReport(trx, municipalityId, input);
  if (reportId === undefined) {
    const row = await trx
      .insertInto("observatory_reports")
      .values({ municipality_id: municipalityId, observatory_id: observatoryId, ...v, author_user_id: actorUserId(actor) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, municipalityId, action: "plans.observatory.report.create", subjectType: "observatory_report", subjectId: row.id, details: { observatoryId, kind: v.kind, commitmentId: v.commitment_id, serviceId: v.service_id, verdict: v.verdict } });
    return row.id;
  }
  const updated = await trx
    .updateTable("observatory_reports")
    .set({ ...v, updated_at: sql`now()` })
    .where("municipality_id", "=", municipalityId).where("observatory_id", "=", observatoryId).where("id", "=", reportId)
    .returning("published_at")
    .executeTakeFirst();
  if (!updated) throw new HttpProblem(404, "El informe no existe.");
  await recordAudit(trx, { actor, municipalityId, action: "plans.observatory.report.update", subjectType: "observatory_report", subjectId: reportId, details: { observatoryId, kind: v.kind, commitmentId: v.commitment_id, serviceId: v.service_id, verdict: v.verdict, published: updated.published_at !== null } });
  return reportId;
}

/** Makes a report public (publishing again keeps the first publication date). */
export async function publishReport(trx: Executor, municipalityId: number, actor: Actor, reportId: number): Promise<void> {
  const row = await trx
    .updateTable("observatory_reports")
    .set({ published_at: sql`coalesce(published_at, now())` })
    .where("municipality_id", "=", municipalityId).where("id", "=", reportId)
    .returning(["observatory_id", "kind", "verdict"])
    .executeTakeFirst();
  if (!row) throw new HttpProblem(404, "El informe no existe.");
  await recordAudit(trx, { actor, municipalityId, action: "plans.observatory.report.publish", subjectType: "observatory_report", subjectId: reportId, details: { observatoryId: row.observatory_id, kind: row.kind, verdict: row.verdict } });
}
