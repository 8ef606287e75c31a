/** The level each action of a process requires: stored overrides over the defaults below. */
import { recordAudit } from "../../platform/audit/audit.js";
import type { Db, Executor } from "../../platform/db/database.js";
import { HttpProblem } from "../../platform/http/problem.js";
import type { Actor } from "../../platform/policy.js";
import { ParticipationInputError } from "./errors.js";
import { PARTICIPATION_ACTIONS, PARTICIPATION_LEVELS, type ParticipationAction, type ParticipationLevel } from "./tables.js";

/** Low-stakes actions need only a confirmed e-mail; proposing and supporting an account; votes a verified identity. */
export const DEFAULT_LEVELS: Record<ParticipationAction, ParticipationLevel> = {
  comment: "guest",
  answer_consultation: "guest",
  report: "guest",
  propose: "account",
  support: "account",
  approval_vote: "identity",
  budget_vote: "identity",
  pairwise: "guest",
};

export const ACTION_LABELS: Record<ParticipationAction, { verb: string; noun: string }> = {
  comment: { verb: "comentar", noun: "Comentar" },
  answer_consultation: { verb: "responder consultas", noun: "Responder consultas" },
  report: { verb: "reportar contenido inapropiado", noun: "Reportar contenido" },
  propose: { verb: "presentar propuestas", noun: "Presentar propuestas" },
  support: { verb: "apoyar propuestas", noun: "Apoyar propuestas" },
  approval_vote: { verb: "votar en la priorización", noun: "Votar (aprobación)" },
  budget_vote: { verb: "votar el presupuesto participativo", noun: "Votar el presupuesto participativo" },
  pairwise: { verb: "comparar prioridades por pares", noun: "Comparar por pares" },
};

export const LEVEL_LABELS: Record<ParticipationLevel, string> = {
  guest: "correo electrónico confirmado (sin crear cuenta)",
  account: "cuenta con correo verificado",
  identity: "identidad verificada con CURP",
};

/** The rule in plain Spanish, e.g. "Para apoyar propuestas necesitas una cuenta con correo verificado…". */
export function ruleSentence(action: ParticipationAction, level: ParticipationLevel): string {
  const verb = ACTION_LABELS[action].verb;
  switch (level) {
    case "guest":
      return `Para ${verb} basta con confirmar tu correo electrónico: no necesitas crear una cuenta.`;
    case "account":
      return `Para ${verb} necesitas una cuenta con correo verificado; puedes crearla en un minuto.`;
    case "identity":
      return `Para ${verb} necesitas verificar tu identidad con tu CURP (solo guardamos una huella cifrada, nunca la CURP), para que cada persona cuente una sola vez, en línea o en persona.`;
  }
}

export async function loadRules(db: Executor, municipalityId: number, processId: number): Promise<Record<ParticipationAction, ParticipationLevel>> {
  const rows = await db.selectFrom("process_participation_rules").select(["action", "level"]).where("municipality_id", "=", municipalityId).where("process_id", "=", processId).execute();
  const rules = { ...DEFAULT_LEVELS };
  for (const r of rows) rules[r.action] = r.level;
  return rules;
}

/** Store the level of every action given (one transaction, audited with what changed). */
export async function setRules(db: Db, municipalityId: number, actor: Actor, processId: number, input: Record<string, unknown>): Promise<Record<ParticipationAction, ParticipationLevel>> {
  const errors: { field: string; message: string }[] = [];
  const wanted: Partial<Record<ParticipationAction, ParticipationLevel>> = {};
  for (const action of PARTICIPATION_ACTIONS) {
    const value = input[action];
    if (value === undefined) continue;
    if (typeof value !== "string" || !(PARTICIPATION_LEVELS as readonly string[]).includes(value)) {
      errors.push({ field: action, message: `Elija el nivel requerido para «${ACTION_LABELS[action].noun}».` });
    } else wanted[action] = value as ParticipationLevel;
  }
  if (errors.length) throw new ParticipationInputError(errors);
  return db.transaction().execute(async (trx) => {
    const process = await trx.selectFrom("participatory_processes").select("id").where("municipality_id", "=", municipalityId).where("id", "=", processId).forUpdate().executeTakeFirst();
    if (!process) throw new HttpProblem(404, "El proceso no existe.");
    const before = await loadRules(trx, municipalityId, processId);
    const changes: Record<string, { from: ParticipationLevel; to: ParticipationLevel }> = {};
    for (const [action, level] of Object.entries(wanted) as [ParticipationAction, ParticipationLevel][]) {
      if (before[action] !== level) changes[action] = { from: before[action], to: level };
      await trx
        .insertInto("process_participation_rules")
        .values({ municipality_id: municipalityId, process_id: processId, action, level })
        .onConflict((oc) => oc.columns(["municipality_id", "process_id", "action"]).doUpdateSet({ level }))
        .execute();
    }
    if (Object.keys(changes).length) {
      await recordAudit(trx, { actor, municipalityId, action: "participation.rules.update", subjectType: "participatory_process", subjectId: processId, details: { changes } });
    }
    return loadRules(trx, municipalityId, processId);
  });
}
