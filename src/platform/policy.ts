/**
 * The one authorization door: can(actor, action, subject). Modules register rules
 * for their subjects; routes ask, never decide. A rule set with no matching rule denies.
 */

/** Staff roles a person can hold in one municipality. */
export const MUNICIPAL_ROLES = ["administrator", "department_staff", "transparency_unit", "participation_team", "observer"] as const;
export type MunicipalRole = (typeof MUNICIPAL_ROLES)[number];

/** Roles above municipalities: a state body that oversees several, and the platform operator. */
export const PLATFORM_ROLES = ["state_body", "platform_admin"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export interface Membership {
  municipalityId: number;
  role: MunicipalRole;
  departmentId: number | null;
}

export type Actor =
  | { kind: "anonymous" }
  | {
      kind: "user";
      userId: number;
      email: string;
      displayName: string;
      emailVerified: boolean;
      platformRole: PlatformRole | null;
      /** Municipalities a state-body account oversees (empty for platform admins: they oversee all). */
      oversees: number[];
      memberships: Membership[];
    };

export const anonymous: Actor = { kind: "anonymous" };

export type Rule<S> = (actor: Actor, subject: S) => boolean;

const rules = new Map<string, Rule<any>>();

/**
 * Register the rule for one action, e.g. definePolicy("municipality.manageStaff", (actor, m) => …).
 * Registering the same rule again is harmless (every app built in a process registers its
 * modules' rules); a different rule for an existing action is a programming error.
 */
export function definePolicy<S>(action: string, rule: Rule<S>): void {
  const existing = rules.get(action);
  if (existing && existing !== rule && existing.toString() !== rule.toString()) {
    throw new Error(`La regla "${action}" ya está definida con otro contenido`);
  }
  rules.set(action, rule);
}

export function can<S>(actor: Actor, action: string, subject: S): boolean {
  const rule = rules.get(action);
  if (!rule) return false;
  return rule(actor, subject);
}

export function definedActions(): string[] {
  return [...rules.keys()].sort();
}

// Helpers shared by module rules.

export function isUser(actor: Actor): actor is Extract<Actor, { kind: "user" }> {
  return actor.kind === "user";
}

export function rolesIn(actor: Actor, municipalityId: number): MunicipalRole[] {
  if (!isUser(actor)) return [];
  return actor.memberships.filter((m) => m.municipalityId === municipalityId).map((m) => m.role);
}

export function hasRole(actor: Actor, municipalityId: number, ...roles: MunicipalRole[]): boolean {
  return rolesIn(actor, municipalityId).some((r) => roles.includes(r));
}

export function isPlatformAdmin(actor: Actor): boolean {
  return isUser(actor) && actor.platformRole === "platform_admin";
}

/** A state body sees (read-only) the private records of the municipalities it oversees. */
export function oversees(actor: Actor, municipalityId: number): boolean {
  if (!isUser(actor)) return false;
  if (actor.platformRole === "platform_admin") return true;
  return actor.platformRole === "state_body" && actor.oversees.includes(municipalityId);
}

/** Any staff role in the municipality (observers included). */
export function isStaffOf(actor: Actor, municipalityId: number): boolean {
  return rolesIn(actor, municipalityId).length > 0;
}
