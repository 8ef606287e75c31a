/** Who may see, manage and publish transparency obligations. */
import { definePolicy, hasRole, isPlatformAdmin, type Actor } from "../../platform/policy.js";

export const OBLIGATIONS = {
  /** The staff list (department staff see only their department's obligations). */
  view: "obligations.view",
  /** Assign responsible department and official, load the catalogue: the transparency unit. */
  manage: "obligations.manage",
  /** Publish a period's record of one obligation. */
  publish: "obligations.publish",
} as const;

export interface ObligationSubject {
  municipalityId: number;
  departmentId?: number | null;
}

/** The departments whose obligations a department-staff member works on. */
export function staffDepartments(actor: Actor, municipalityId: number): number[] {
  if (actor.kind !== "user") return [];
  return actor.memberships.filter((m) => m.municipalityId === municipalityId && m.role === "department_staff" && m.departmentId !== null).map((m) => m.departmentId!);
}

function unit(actor: Actor, s: ObligationSubject): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, s.municipalityId, "administrator", "transparency_unit");
}

export function registerObligationPolicies(): void {
  definePolicy<ObligationSubject>(OBLIGATIONS.view, (actor, s) => unit(actor, s) || staffDepartments(actor, s.municipalityId).length > 0);
  definePolicy<ObligationSubject>(OBLIGATIONS.manage, (actor, s) => unit(actor, s));
  definePolicy<ObligationSubject>(
    OBLIGATIONS.publish,
    (actor, s) => unit(actor, s) || (s.departmentId != null && staffDepartments(actor, s.municipalityId).includes(s.departmentId)),
  );
}
