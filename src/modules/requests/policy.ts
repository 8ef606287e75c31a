/** Who may do what with citizen requests. Subjects carry the municipality (and the request's department). */
import { definePolicy, hasRole, isPlatformAdmin, isStaffOf, oversees, type Actor } from "../../platform/policy.js";

export const REQUESTS = {
  /** See the staff queue (without contact data unless viewContact). */
  viewQueue: "requests.viewQueue",
  /** Change status, assignee, priority, notes of a request of this department. */
  work: "requests.work",
  /** Move a request to another department, merge duplicates, bulk changes. */
  triage: "requests.triage",
  /** Read the requester's name, e-mail and phone. */
  viewContact: "requests.viewContact",
  /** Edit the service catalogue and routing; issue Open311 API keys. */
  manageCatalogue: "requests.manageCatalogue",
} as const;

export interface RequestSubject {
  municipalityId: number;
  /** The request's department; undefined when asking about the municipality as a whole. */
  departmentId?: number | null;
}

function departmentStaff(actor: Actor, s: RequestSubject): boolean {
  if (actor.kind !== "user") return false;
  return actor.memberships.some(
    (m) => m.municipalityId === s.municipalityId && m.role === "department_staff" && (s.departmentId === undefined || s.departmentId === null || m.departmentId === s.departmentId),
  );
}

export function registerRequestPolicies(): void {
  definePolicy<RequestSubject>(REQUESTS.viewQueue, (actor, s) => isStaffOf(actor, s.municipalityId) || oversees(actor, s.municipalityId));
  definePolicy<RequestSubject>(REQUESTS.work, (actor, s) => isPlatformAdmin(actor) || hasRole(actor, s.municipalityId, "administrator") || departmentStaff(actor, s));
  definePolicy<RequestSubject>(REQUESTS.triage, (actor, s) => isPlatformAdmin(actor) || hasRole(actor, s.municipalityId, "administrator"));
  definePolicy<RequestSubject>(
    REQUESTS.viewContact,
    (actor, s) => isPlatformAdmin(actor) || hasRole(actor, s.municipalityId, "administrator") || departmentStaff(actor, s),
  );
  definePolicy<RequestSubject>(REQUESTS.manageCatalogue, (actor, s) => isPlatformAdmin(actor) || hasRole(actor, s.municipalityId, "administrator"));
}
