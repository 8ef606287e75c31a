/** Who manages conversations: the municipality's administrators and participation team (as for processes), and platform administrators. */
import { definePolicy } from "../../platform/policy.js";
import { canManageParticipation } from "../participation/policy.js";

export const OPINION_MANAGE = "opinion.manage";

export function registerOpinionPolicies(): void {
  definePolicy<{ municipalityId: number }>(OPINION_MANAGE, (actor, s) => canManageParticipation(actor, s.municipalityId));
}
