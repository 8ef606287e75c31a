import { definePolicy, hasRole, isPlatformAdmin } from "../policy.js";

/** Who may declare días inhábiles and the cut-off hour of a municipality. */
export const MANAGE_CALENDAR = "calendar.manage";

export function registerCalendarPolicies(): void {
  definePolicy<{ municipalityId: number }>(
    MANAGE_CALENDAR,
    (actor, subject) => isPlatformAdmin(actor) || hasRole(actor, subject.municipalityId, "administrator"),
  );
}
