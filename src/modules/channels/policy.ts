/**
 * Who may do what with the channels. Routes load the facts a rule needs (is the person a member
 * of this brigade) into the subject, so the rules stay pure.
 *
 * - channels.manage: offices, the procedures catalogue, hearings (schedule, close, summary),
 *   brigades (route, members) — administrators and the participation team.
 * - hearings.attend: run a hearing in the room (register arrivals, call turns, record petitions
 *   as requests or proposals) — any staff role except observers, and administrators.
 * - requests.fileAssisted: file a request on behalf of a person at an office, a hearing or on
 *   the phone — any staff role except observers.
 * - brigades.capture: synchronise records of a brigade — its members (staff or volunteers with
 *   an account), while the brigade is active; coordinators and managers too.
 * - brigades.view: a brigade's staff summary with its follow-up list (the contacts residents gave
 *   with consent) — the brigade's coordinators and the channel managers.
 * - channels.viewStats: the staff dashboard by channel and colonia — any staff role, overseeing
 *   state bodies.
 */
import { definePolicy, hasRole, isPlatformAdmin, isStaffOf, isUser, oversees, rolesIn, type Actor } from "../../platform/policy.js";
import type { BrigadeRole } from "./tables.js";

export const CHANNELS = {
  manage: "channels.manage",
  attendHearing: "hearings.attend",
  fileAssisted: "requests.fileAssisted",
  captureBrigade: "brigades.capture",
  viewBrigade: "brigades.view",
  viewStats: "channels.viewStats",
} as const;

export interface ChannelSubject {
  municipalityId: number;
}
export interface BrigadeSubject extends ChannelSubject {
  /** The person's role in this brigade, if a member. */
  memberRole: BrigadeRole | null;
  active: boolean;
}

export function canManageChannels(actor: Actor, municipalityId: number): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, municipalityId, "administrator", "participation_team");
}

/** Staff who work with the public: every municipal role but observer. */
export function isFrontDesk(actor: Actor, municipalityId: number): boolean {
  return isPlatformAdmin(actor) || rolesIn(actor, municipalityId).some((r) => r !== "observer");
}

const rules = {
  [CHANNELS.manage]: (actor: Actor, s: ChannelSubject) => canManageChannels(actor, s.municipalityId),
  [CHANNELS.attendHearing]: (actor: Actor, s: ChannelSubject) => isFrontDesk(actor, s.municipalityId),
  [CHANNELS.fileAssisted]: (actor: Actor, s: ChannelSubject) => isFrontDesk(actor, s.municipalityId),
  [CHANNELS.captureBrigade]: (actor: Actor, s: BrigadeSubject) =>
    isUser(actor) && s.active && (s.memberRole !== null || canManageChannels(actor, s.municipalityId)),
  [CHANNELS.viewBrigade]: (actor: Actor, s: BrigadeSubject) => isUser(actor) && (s.memberRole === "coordinador" || canManageChannels(actor, s.municipalityId)),
  [CHANNELS.viewStats]: (actor: Actor, s: ChannelSubject) => isStaffOf(actor, s.municipalityId) || oversees(actor, s.municipalityId),
} as const;

export function registerChannelPolicies(): void {
  for (const [action, rule] of Object.entries(rules)) definePolicy(action, rule as (actor: Actor, subject: unknown) => boolean);
}
