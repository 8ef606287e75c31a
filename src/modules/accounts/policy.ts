import { definePolicy, hasRole, isPlatformAdmin, isStaffOf, isUser, oversees, type Actor } from "../../platform/policy.js";

export interface MunicipalitySubject {
  id: number;
}

export interface AccountSubject {
  userId: number;
}

/**
 * Who may do what with a municipality's staff area and with an account.
 * - viewAdmin: any staff role there (observers included), a state body overseeing it, the platform admin.
 * - manageStaff: its administrators and the platform admin. A state body only looks.
 * - viewPrivate (citizens' personal data): staff who handle cases — every role except observer,
 *   who sees the work but not the people — plus overseeing state bodies (read-only) and the platform admin.
 * - account.manage: only the person themself.
 */
export const accountRules: Record<string, (actor: Actor, subject: any) => boolean> = {
  "municipality.viewAdmin": (actor, m: MunicipalitySubject) => isStaffOf(actor, m.id) || oversees(actor, m.id),
  "municipality.manageStaff": (actor, m: MunicipalitySubject) => hasRole(actor, m.id, "administrator") || isPlatformAdmin(actor),
  "municipality.viewPrivate": (actor, m: MunicipalitySubject) =>
    hasRole(actor, m.id, "administrator", "department_staff", "transparency_unit", "participation_team") || oversees(actor, m.id),
  "account.manage": (actor, a: AccountSubject) => isUser(actor) && actor.userId === a.userId,
};

let registered = false;
export function registerAccountPolicies(): void {
  if (registered) return; // buildApp may run several times in one process (tests)
  registered = true;
  for (const [action, rule] of Object.entries(accountRules)) definePolicy(action, rule);
}
