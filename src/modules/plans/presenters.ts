/**
 * The shapes plan data leaves the server in on public pages, feeds and exports. Each field is
 * chosen by name: a team member's name only when marked public, a comment's author only by the
 * public name they chose (never the account), a hidden comment only by its moderation reason, a
 * milestone event without who recorded it, evidence by title and type (the file itself is served
 * by its own route, for published plans only).
 */
import type { EvidenceFileType, MilestoneEventKind, TeamSector } from "./tables.js";

export interface PublicTeamMember {
  sector: TeamSector;
  organisation: string;
  role: string;
  /** Only when the plan's staff marked the name public (a person acting in a public role). */
  personName: string | null;
}

export function presentTeamMember(r: { sector: TeamSector; organisation: string; role: string; person_name: string; name_public: boolean }): PublicTeamMember {
  return { sector: r.sector, organisation: r.organisation, role: r.role, personName: r.name_public && r.person_name.trim() ? r.person_name : null };
}

export interface PublicEvidence {
  id: number;
  milestoneId: number;
  title: string;
  /** A file's type read from its bytes, or "enlace" for a link. */
  kind: EvidenceFileType | "enlace";
  /** A link's address (staff publish it as evidence); null for a file, served by the evidence route. */
  url: string | null;
}

export function presentEvidence(r: { id: number; milestone_id: number; title: string; file_type: EvidenceFileType | null; url: string | null }): PublicEvidence {
  return { id: r.id, milestoneId: r.milestone_id, title: r.title, kind: r.file_type ?? "enlace", url: r.file_type ? null : r.url };
}

export interface PublicMilestoneEvent {
  id: string;
  milestoneId: number;
  deliverable: string;
  kind: MilestoneEventKind;
  fromValue: string | null;
  toValue: string | null;
  note: string;
  at: Date;
}

export function presentMilestoneEvent(r: {
  id: string | number; milestone_id: number; deliverable: string; kind: MilestoneEventKind; from_value: string | null; to_value: string | null; note: string; at: Date | string;
}): PublicMilestoneEvent {
  return { id: String(r.id), milestoneId: r.milestone_id, deliverable: r.deliverable, kind: r.kind, fromValue: r.from_value, toValue: r.to_value, note: r.note, at: new Date(r.at) };
}

export interface PublicComment {
  id: number;
  /** null when hidden by moderation: then only the reason is public. */
  authorName: string | null;
  body: string | null;
  hiddenReason: string | null;
  createdAt: Date;
}

export function presentComment(r: { id: number; author_public_name: string; body: string; hidden_at: Date | string | null; hidden_reason: string; created_at: Date | string }): PublicComment {
  const hidden = r.hidden_at !== null;
  return {
    id: r.id,
    authorName: hidden ? null : r.author_public_name,
    body: hidden ? null : r.body,
    hiddenReason: hidden ? r.hidden_reason : null,
    createdAt: new Date(r.created_at),
  };
}
