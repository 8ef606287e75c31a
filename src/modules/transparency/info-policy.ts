/**
 * Who may see and work on information and ARCO requests. The transparency unit and the
 * administrators manage every request; department staff see only the information requests
 * turned to their department. ARCO requests are visible only to the unit and administrators.
 */
import { can, definePolicy, hasRole, isPlatformAdmin, type Actor } from "../../platform/policy.js";
import { staffDepartments } from "./obligations-policy.js";

export const INFO_REQUESTS = {
  /** The staff list and request pages. */
  view: "infoRequests.view",
  /** Register requests (any channel, ARCO included), every workflow step, ARCO requests. */
  manage: "infoRequests.manage",
} as const;

interface Subject {
  municipalityId: number;
}

export function registerInfoRequestPolicies(): void {
  const unit = (actor: Actor, s: Subject) => isPlatformAdmin(actor) || hasRole(actor, s.municipalityId, "administrator", "transparency_unit");
  definePolicy<Subject>(INFO_REQUESTS.manage, unit);
  definePolicy<Subject>(INFO_REQUESTS.view, (actor, s) => unit(actor, s) || staffDepartments(actor, s.municipalityId).length > 0);
}

export function canManageInfoRequests(actor: Actor, municipalityId: number): boolean {
  return can(actor, INFO_REQUESTS.manage, { id: municipalityId, municipalityId });
}
