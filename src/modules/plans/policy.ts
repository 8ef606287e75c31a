/**
 * Who may do what with action plans. Routes load the facts a rule needs (the commitment's lead
 * department, whether the person reviews this plan or belongs to this observatory) into the
 * subject, so the rules stay pure and testable.
 *
 * - plans.view: staff pages of plans — any staff role (observers included), overseeing state
 *   bodies, platform admins.
 * - plans.manage: create and edit plans, their team, commitments (OGP fields, lead, dates),
 *   the milestone plan (deliverables, dates, weights), checkpoints, reviewers, observatories and
 *   shared commitments — administrators and the participation team.
 * - plans.updateMilestone: a milestone's status and evidence — only staff of the commitment's lead
 *   department, and administrators. Other departments, the participation team, observers,
 *   reviewers and observatories may not.
 * - plans.assess: score a commitment at a checkpoint — the plan's reviewers (internal or
 *   independent) and the plan managers (as the internal team). Reviewers do nothing else.
 * - observatory.publish: write and publish the observatory's reports — its members only;
 *   observatory.editReport: a report's own author only, while still a member.
 */
import { definePolicy, hasRole, isPlatformAdmin, isStaffOf, isUser, oversees, type Actor } from "../../platform/policy.js";
import type { ReviewerKind } from "./tables.js";

export const PLANS = {
  view: "plans.view",
  manage: "plans.manage",
  updateMilestone: "plans.updateMilestone",
  assess: "plans.assess",
  publishObservatoryReport: "observatory.publish",
  editObservatoryReport: "observatory.editReport",
} as const;

export interface PlanSubject {
  municipalityId: number;
}
export interface MilestoneSubject extends PlanSubject {
  leadDepartmentId: number | null;
}
export interface AssessSubject extends PlanSubject {
  /** The person's reviewer row for this plan, if any. */
  reviewerKind: ReviewerKind | null;
}
export interface ObservatorySubject extends PlanSubject {
  isMember: boolean;
}
export interface ReportSubject extends ObservatorySubject {
  authorUserId: number | null;
}

export function canManagePlans(actor: Actor, municipalityId: number): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, municipalityId, "administrator", "participation_team");
}

export function canUpdateMilestone(actor: Actor, s: MilestoneSubject): boolean {
  if (!isUser(actor)) return false;
  if (isPlatformAdmin(actor) || hasRole(actor, s.municipalityId, "administrator")) return true;
  return (
    s.leadDepartmentId !== null &&
    actor.memberships.some((m) => m.municipalityId === s.municipalityId && m.role === "department_staff" && m.departmentId === s.leadDepartmentId)
  );
}

const rules = {
  [PLANS.view]: (actor: Actor, s: PlanSubject) => isStaffOf(actor, s.municipalityId) || oversees(actor, s.municipalityId),
  [PLANS.manage]: (actor: Actor, s: PlanSubject) => canManagePlans(actor, s.municipalityId),
  [PLANS.updateMilestone]: (actor: Actor, s: MilestoneSubject) => canUpdateMilestone(actor, s),
  [PLANS.assess]: (actor: Actor, s: AssessSubject) => isUser(actor) && (s.reviewerKind !== null || canManagePlans(actor, s.municipalityId)),
  [PLANS.publishObservatoryReport]: (actor: Actor, s: ObservatorySubject) => isUser(actor) && s.isMember,
  [PLANS.editObservatoryReport]: (actor: Actor, s: ReportSubject) => isUser(actor) && s.isMember && s.authorUserId === actor.userId,
} as const;

export function registerPlanPolicies(): void {
  for (const [action, rule] of Object.entries(rules)) definePolicy(action, rule as (actor: Actor, subject: unknown) => boolean);
}
