/**
 * Inter-municipal (shared) commitments: one agreement that several municipalities carry, each in
 * its own plan with its own commitment, milestones and lead. The municipality that creates it
 * convenes it: only the convener edits it and invites partners; each invited partner links one of
 * its own commitments (or unlinks it). Every operation is one transaction with its audit entry.
 * Who may call these (PLANS.manage in the acting municipality) is the routes' question; which
 * municipality may touch which shared commitment is checked here, because it is the data's rule.
 */
import { recordAudit } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import { PlanInputError } from "./errors.js";
import { actorUserId, Checker } from "./staff-inputs.js";
import "./tables.js";

export interface SharedCommitmentInput {
  slug: string;
  title: string;
  description: string;
  /** The state whose view compares the partners; null when the partners span states. */
  stateCode: string | null;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

async function checkInput(trx: Executor, c: Checker, input: Omit<SharedCommitmentInput, "slug">) {
  const title = c.line("title", input.title, { label: "el título", min: 5, max: 200 });
  const description = c.text("description", input.description, { label: "la descripción", max: 8000 });
  const stateCode = input.stateCode === null || input.stateCode.trim() === "" ? null : input.stateCode.trim();
  if (stateCode !== null) {
    const state = /^\d{2}$/.test(stateCode) ? await trx.selectFrom("states").select("code").where("code", "=", stateCode).executeTakeFirst() : undefined;
    if (!state) c.fail("stateCode", "Elija un estado de la lista, o «Varios estados».");
  }
  return { title, description, stateCode };
}

/** Creates the shared commitment with the creating municipality as its convener (and first partner). */
export async function createSharedCommitment(trx: Executor, municipalityId: number, actor: Actor, input: SharedCommitmentInput): Promise<number> {
  const c = new Checker();
  const slug = input.slug.trim().toLowerCase();
  if (slug.length === 0) c.fail("slug", "Escriba la dirección (identificador) del compromiso intermunicipal.");
  else if (slug.length > 80 || !SLUG.test(slug)) {
    c.fail("slug", "La dirección admite solo minúsculas sin acentos, números y guiones (máximo 80 caracteres), p. ej. seguridad-metropolitana.");
  } else if (await trx.selectFrom("shared_commitments").select("id").where("slug", "=", slug).executeTakeFirst()) {
    c.fail("slug", `Ya existe un compromiso intermunicipal con la dirección «${slug}»; elija otra.`);
  }
  const v = await checkInput(trx, c, input);
  c.done();
  const row = await trx
    .insertInto("shared_commitments")
    .values({ slug, title: v.title, description: v.description, state_code: v.stateCode, convener_municipality_id: municipalityId, created_by: actorUserId(actor) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx.insertInto("shared_commitment_partners").values({ shared_commitment_id: row.id, municipality_id: municipalityId }).execute();
  await recordAudit(trx, {
    actor, municipalityId, action: "plans.shared.create", subjectType: "shared_commitment", subjectId: row.id,
    details: { slug, title: v.title, stateCode: v.stateCode },
  });
  return row.id;
}

async function sharedOr404(trx: Executor, sharedId: number) {
  const shared = await trx.selectFrom("shared_commitments").select(["id", "slug", "convener_municipality_id"]).where("id", "=", sharedId).forUpdate().executeTakeFirst();
  if (!shared) throw PlanInputError.single("shared", "El compromiso intermunicipal no existe.", 404);
  return shared;
}

function assertConvener(shared: { convener_municipality_id: number }, municipalityId: number): void {
  if (shared.convener_municipality_id !== municipalityId) {
    throw PlanInputError.single("shared", "Solo el municipio que convoca el compromiso intermunicipal puede editarlo e invitar municipios.", 403);
  }
}

/** The convener edits the agreement's title, description and state (the slug, its address, stays). */
export async function updateSharedCommitment(
  trx: Executor, conveningMunicipalityId: number, actor: Actor, sharedId: number, input: Omit<SharedCommitmentInput, "slug">,
): Promise<void> {
  const shared = await sharedOr404(trx, sharedId);
  assertConvener(shared, conveningMunicipalityId);
  const c = new Checker();
  const v = await checkInput(trx, c, input);
  c.done();
  await trx.updateTable("shared_commitments").set({ title: v.title, description: v.description, state_code: v.stateCode, updated_at: new Date() }).where("id", "=", sharedId).execute();
  await recordAudit(trx, {
    actor, municipalityId: conveningMunicipalityId, action: "plans.shared.update", subjectType: "shared_commitment", subjectId: sharedId,
    details: { title: v.title, stateCode: v.stateCode },
  });
}

/** The convener invites an active municipality; the invitation lets that municipality link a commitment. */
export async function invitePartner(trx: Executor, conveningMunicipalityId: number, actor: Actor, sharedId: number, partnerMunicipalityId: number): Promise<void> {
  const shared = await sharedOr404(trx, sharedId);
  assertConvener(shared, conveningMunicipalityId);
  const partner = await trx.selectFrom("municipalities").select(["id", "name", "active"]).where("id", "=", partnerMunicipalityId).executeTakeFirst();
  if (!partner || !partner.active) throw PlanInputError.single("partner", "Elija un municipio activo en Cabildo.");
  const already = await trx
    .selectFrom("shared_commitment_partners").select("municipality_id")
    .where("shared_commitment_id", "=", sharedId).where("municipality_id", "=", partnerMunicipalityId)
    .executeTakeFirst();
  if (already) throw PlanInputError.single("partner", `${partner.name} ya participa en este compromiso intermunicipal.`, 409);
  await trx.insertInto("shared_commitment_partners").values({ shared_commitment_id: sharedId, municipality_id: partnerMunicipalityId }).execute();
  await recordAudit(trx, {
    actor, municipalityId: conveningMunicipalityId, action: "plans.shared.invite", subjectType: "shared_commitment", subjectId: sharedId,
    details: { partnerMunicipalityId, partner: partner.name },
  });
}

/**
 * An invited municipality links one of its own commitments (replacing the one it had linked) or,
 * with null, unlinks it. The commitment keeps its own milestones, lead and plan.
 */
export async function linkCommitment(trx: Executor, municipalityId: number, actor: Actor, sharedId: number, commitmentId: number | null): Promise<void> {
  await sharedOr404(trx, sharedId);
  const invited = await trx
    .selectFrom("shared_commitment_partners").select("municipality_id")
    .where("shared_commitment_id", "=", sharedId).where("municipality_id", "=", municipalityId)
    .executeTakeFirst();
  if (!invited) throw PlanInputError.single("commitmentId", "Su municipio no está invitado a este compromiso intermunicipal: pida la invitación al municipio que lo convoca.", 403);
  const previous = await trx
    .selectFrom("plan_commitments").select("id")
    .where("municipality_id", "=", municipalityId).where("shared_commitment_id", "=", sharedId)
    .execute();
  if (commitmentId !== null) {
    const commitment = await trx
      .selectFrom("plan_commitments").select(["id", "shared_commitment_id"])
      .where("municipality_id", "=", municipalityId).where("id", "=", commitmentId)
      .forUpdate().executeTakeFirst();
    if (!commitment) throw PlanInputError.single("commitmentId", "Elija uno de los compromisos de los planes de su municipio.");
    if (commitment.shared_commitment_id !== null && commitment.shared_commitment_id !== sharedId) {
      throw PlanInputError.single("commitmentId", "Ese compromiso ya forma parte de otro compromiso intermunicipal; desvincúlelo primero.");
    }
  }
  const unlinked = previous.map((p) => p.id).filter((id) => id !== commitmentId);
  if (unlinked.length) {
    await trx.updateTable("plan_commitments").set({ shared_commitment_id: null, updated_at: new Date() }).where("municipality_id", "=", municipalityId).where("id", "in", unlinked).execute();
  }
  if (commitmentId !== null) {
    await trx.updateTable("plan_commitments").set({ shared_commitment_id: sharedId, updated_at: new Date() }).where("municipality_id", "=", municipalityId).where("id", "=", commitmentId).execute();
  }
  await recordAudit(trx, {
    actor, municipalityId, action: commitmentId === null ? "plans.shared.unlink" : "plans.shared.link", subjectType: "shared_commitment", subjectId: sharedId,
    details: { commitmentId, unlinked },
  });
}
