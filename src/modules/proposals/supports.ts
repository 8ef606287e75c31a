/**
 * Supports: one per participant and proposal while the process's current phase opens supports.
 * Reaching the process's threshold moves a published proposal to "en evaluación" by itself (a
 * history row), and the participation team hears about it by e-mail after the commit.
 */
import { sql } from "kysely";
import type { Db, Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { publish } from "../../platform/bus.js";
import { HttpProblem } from "../../platform/http/problem.js";
import { PROPOSALS_TOPIC, proposalFolio } from "./create.js";
import { supportThreshold } from "./settings.js";

export interface SupportOutcome {
  /** false when this participant had already supported it (nothing changed). */
  counted: boolean;
  supports: number;
  /** The support made it reach the threshold: the proposal is now en evaluación. */
  reachedThreshold: boolean;
}

async function supportableProposal(trx: Executor, municipalityId: number, processId: number, proposalId: number) {
  const p = await trx
    .selectFrom("proposals")
    .select(["id", "number", "title", "status", "hidden_at"])
    .where("municipality_id", "=", municipalityId)
    .where("process_id", "=", processId)
    .where("id", "=", proposalId)
    .forUpdate()
    .executeTakeFirst();
  if (!p || p.hidden_at) throw new HttpProblem(404, "La propuesta no existe o fue ocultada por moderación.");
  if (p.status === "fusionada") throw new HttpProblem(422, "Esta propuesta se fusionó con otra: apoye la propuesta en la que se fusionó.");
  return p;
}

/** Recount from the supports table: the stored counter is a cache of it. */
export async function recountSupports(trx: Executor, municipalityId: number, proposalId: number): Promise<number> {
  const r = await sql<{ n: number }>`
    update proposals set supports_count = (select count(*) from proposal_supports s where s.municipality_id = ${municipalityId} and s.proposal_id = ${proposalId})
     where municipality_id = ${municipalityId} and id = ${proposalId} returning supports_count as n`.execute(trx);
  return Number(r.rows[0]?.n ?? 0);
}

/** Moves a published proposal at or over the threshold to en evaluación; true when it moved. */
export async function applyThreshold(trx: Executor, municipalityId: number, processId: number, proposalId: number, supports: number): Promise<boolean> {
  const threshold = await supportThreshold(trx, municipalityId, processId);
  if (supports < threshold) return false;
  const moved = await trx
    .updateTable("proposals")
    .set({ status: "en_evaluacion", updated_at: new Date() })
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", proposalId)
    .where("status", "=", "publicada")
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) return false;
  await trx
    .insertInto("proposal_events")
    .values({
      municipality_id: municipalityId, proposal_id: proposalId, kind: "threshold", from_status: "publicada", to_status: "en_evaluacion",
      body: `Alcanzó ${supports} apoyos (umbral: ${threshold}).`, other_proposal_id: null, actor_user_id: null,
    })
    .execute();
  return true;
}

export async function supportProposal(
  services: Services,
  municipalityId: number,
  processId: number,
  proposalId: number,
  participantId: number,
  actor: Actor,
): Promise<SupportOutcome> {
  const outcome = await services.db.transaction().execute(async (trx) => {
    const p = await supportableProposal(trx, municipalityId, processId, proposalId);
    const inserted = await trx
      .insertInto("proposal_supports")
      .values({ municipality_id: municipalityId, proposal_id: proposalId, participant_id: participantId })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    const counted = Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
    if (!counted) {
      const supports = (await trx.selectFrom("proposals").select("supports_count").where("municipality_id", "=", municipalityId).where("id", "=", proposalId).executeTakeFirstOrThrow()).supports_count;
      return { counted, supports, reachedThreshold: false, number: p.number, title: p.title };
    }
    const supports = await recountSupports(trx, municipalityId, proposalId);
    const reachedThreshold = await applyThreshold(trx, municipalityId, processId, proposalId, supports);
    await recordAudit(trx, {
      actor, actorLabel: actor.kind === "user" ? undefined : "participante", municipalityId, action: "proposals.support",
      subjectType: "proposal", subjectId: proposalId, details: { supports, reachedThreshold },
    });
    await publish(trx, { topic: PROPOSALS_TOPIC, municipalityId, data: { processId, proposalId, kind: "support", supports } });
    return { counted, supports, reachedThreshold, number: p.number, title: p.title };
  });
  if (outcome.reachedThreshold) await notifyTeamOfThreshold(services, municipalityId, processId, outcome.number, outcome.title, outcome.supports);
  return { counted: outcome.counted, supports: outcome.supports, reachedThreshold: outcome.reachedThreshold };
}

/** Withdraw a support; false when there was none. The status a threshold gave is kept (it is history). */
export async function withdrawSupport(db: Db, municipalityId: number, processId: number, proposalId: number, participantId: number, actor: Actor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await supportableProposal(trx, municipalityId, processId, proposalId);
    const removed = await trx
      .deleteFrom("proposal_supports")
      .where("municipality_id", "=", municipalityId)
      .where("proposal_id", "=", proposalId)
      .where("participant_id", "=", participantId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return false;
    const supports = await recountSupports(trx, municipalityId, proposalId);
    await recordAudit(trx, {
      actor, actorLabel: actor.kind === "user" ? undefined : "participante", municipalityId, action: "proposals.support.withdraw",
      subjectType: "proposal", subjectId: proposalId, details: { supports },
    });
    await publish(trx, { topic: PROPOSALS_TOPIC, municipalityId, data: { processId, proposalId, kind: "support", supports } });
    return true;
  });
}

export async function hasSupported(db: Executor, municipalityId: number, proposalId: number, participantId: number): Promise<boolean> {
  const row = await db
    .selectFrom("proposal_supports")
    .select("proposal_id")
    .where("municipality_id", "=", municipalityId)
    .where("proposal_id", "=", proposalId)
    .where("participant_id", "=", participantId)
    .executeTakeFirst();
  return Boolean(row);
}

/** The participation team and the administrators of the municipality (active accounts). */
export async function teamEmails(db: Executor, municipalityId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("u.email")
    .distinct()
    .where("m.municipality_id", "=", municipalityId)
    .where("m.role", "in", ["participation_team", "administrator"])
    .where("u.disabled_at", "is", null)
    .orderBy("u.email")
    .execute();
  return rows.map((r) => r.email);
}

/** A mail failure never undoes the support: it is logged on stderr and the support stands. */
async function notifyTeamOfThreshold(services: Services, municipalityId: number, processId: number, number: number, title: string, supports: number): Promise<void> {
  const { db, mailer, config } = services;
  const where = await db
    .selectFrom("participatory_processes as p")
    .innerJoin("municipalities as m", "m.id", "p.municipality_id")
    .select(["p.slug", "p.title", "m.slug as municipality_slug"])
    .where("p.municipality_id", "=", municipalityId)
    .where("p.id", "=", processId)
    .executeTakeFirst();
  if (!where) return;
  const url = `${config.publicUrl}/${where.municipality_slug}/admin/participa/${where.slug}/propuestas/${number}`;
  for (const to of await teamEmails(db, municipalityId)) {
    try {
      await mailer.send({
        to,
        subject: `La propuesta ${proposalFolio(number)} alcanzó el umbral de apoyos`,
        text: [
          `La propuesta ${proposalFolio(number)} «${title}» del proceso «${where.title}» alcanzó ${supports} apoyos y pasó a «en evaluación».`,
          "",
          "Publique una respuesta oficial razonada (aceptada, en evaluación o no viable):",
          url,
        ].join("\n"),
      });
    } catch (error) {
      console.error(`No se pudo avisar del umbral a ${to}:`, (error as Error).message);
    }
  }
}
