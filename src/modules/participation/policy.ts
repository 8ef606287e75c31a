/** Who manages participatory processes: the municipality's administrators and participation team, and platform administrators. */
import { definePolicy, hasRole, isPlatformAdmin, type Actor } from "../../platform/policy.js";

export const PARTICIPATION = {
  /** Create and edit processes, their phases, team, documents and rules; enter in-person input. */
  manage: "participation.manage",
} as const;

/** The subject authorizeInMunicipality passes ({ id, municipalityId }) or { municipalityId }. */
export interface ParticipationSubject {
  municipalityId: number;
}

export function canManageParticipation(actor: Actor, municipalityId: number): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, municipalityId, "administrator", "participation_team");
}

const manageRule = (actor: Actor, s: ParticipationSubject) => canManageParticipation(actor, s.municipalityId);

export function registerParticipationPolicies(): void {
  definePolicy<ParticipationSubject>(PARTICIPATION.manage, manageRule);
}
