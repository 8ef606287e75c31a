/**
 * Kysely types of action plans (migration 001). Date columns (`*_on`) are `date` in SQL: select
 * them as text (sql`x.due_on::text`), since the two drivers would otherwise return Date objects
 * at midnight UTC; write them as 'YYYY-MM-DD' strings.
 */
import type { Generated } from "kysely";
import type { Json, Timestamp } from "../../platform/db/schema.js";

type DateCol = string;

export const PLAN_STATUSES = ["cocreacion", "implementacion", "finalizado"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const TEAM_SECTORS = ["gobierno", "sociedad_civil"] as const;
export type TeamSector = (typeof TEAM_SECTORS)[number];

export const MILESTONE_STATUSES = ["pendiente", "en_curso", "completado", "cancelado"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
/** Milestones still to be delivered: the ones that can be overdue. */
export const OPEN_MILESTONE_STATUSES: MilestoneStatus[] = ["pendiente", "en_curso"];

export const MILESTONE_EVENT_KINDS = ["creado", "estado", "fecha", "evidencia", "editado"] as const;
export type MilestoneEventKind = (typeof MILESTONE_EVENT_KINDS)[number];

export const EVIDENCE_FILE_TYPES = ["pdf", "xlsx", "csv", "docx", "odt", "png", "jpeg"] as const;
export type EvidenceFileType = (typeof EVIDENCE_FILE_TYPES)[number];

export const REVIEWER_KINDS = ["interno", "independiente"] as const;
export type ReviewerKind = (typeof REVIEWER_KINDS)[number];

/** The IRM's scales, in order from worst to best. */
export const ASSESSMENT_AUTHOR_KINDS = ["equipo_interno", "revisor_independiente"] as const;
export type AssessmentAuthorKind = (typeof ASSESSMENT_AUTHOR_KINDS)[number];
export const POTENTIAL_LEVELS = ["poco_claro", "modesto", "sustancial"] as const;
export type PotentialLevel = (typeof POTENTIAL_LEVELS)[number];
export const COMPLETION_LEVELS = ["sin_evidencia", "no_iniciado", "limitado", "sustancial", "completo"] as const;
export type CompletionLevel = (typeof COMPLETION_LEVELS)[number];
export const OPENED_GOVERNMENT_LEVELS = ["empeoro", "sin_cambio", "marginal", "mayor", "sobresaliente"] as const;
export type OpenedGovernmentLevel = (typeof OPENED_GOVERNMENT_LEVELS)[number];
export const ASSESSMENT_SOURCES = ["cabildo", "irm"] as const;
export type AssessmentSource = (typeof ASSESSMENT_SOURCES)[number];

export const OBSERVATORY_ROLES = ["coordinacion", "integrante"] as const;
export type ObservatoryRole = (typeof OBSERVATORY_ROLES)[number];
export const FOLLOW_KINDS = ["compromiso", "servicio"] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];
export const REPORT_KINDS = ["valoracion", "informe"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_VERDICTS = ["en_riesgo", "con_retraso", "avanza", "cumplido", "sin_informacion"] as const;
export type ReportVerdict = (typeof REPORT_VERDICTS)[number];

export const OVERDUE_AUDIENCES = ["observatorios", "suscriptores"] as const;
export type OverdueAudience = (typeof OVERDUE_AUDIENCES)[number];
export const SUBSCRIPTION_TARGETS = ["plan", "compromiso"] as const;
export type SubscriptionTarget = (typeof SUBSCRIPTION_TARGETS)[number];

export interface ActionPlanTable {
  municipality_id: number;
  id: Generated<number>;
  slug: string;
  title: string;
  description: Generated<string>;
  starts_on: DateCol;
  ends_on: DateCol;
  status: Generated<PlanStatus>;
  process_id: number | null;
  source_reference: Generated<string>;
  published: Generated<boolean>;
  ogp_plan_id: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActionPlanTeamTable {
  municipality_id: number;
  plan_id: number;
  id: Generated<number>;
  sector: TeamSector;
  organisation: string;
  role: Generated<string>;
  person_name: Generated<string>;
  name_public: Generated<boolean>;
  position: Generated<number>;
  created_at: Timestamp;
}

export interface SharedCommitmentTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: Generated<string>;
  state_code: string | null;
  convener_municipality_id: number;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SharedCommitmentPartnerTable {
  shared_commitment_id: number;
  municipality_id: number;
  invited_at: Timestamp;
}

export interface PlanCommitmentTable {
  municipality_id: number;
  plan_id: number;
  id: Generated<number>;
  number: number;
  title: string;
  problem: Generated<string>;
  status_quo: Generated<string>;
  description: Generated<string>;
  how_it_solves: Generated<string>;
  relevant_transparency: Generated<boolean>;
  relevant_accountability: Generated<boolean>;
  relevant_participation: Generated<boolean>;
  lead_department_id: number | null;
  lead_official: Generated<string>;
  starts_on: DateCol;
  ends_on: DateCol;
  whole_municipality: Generated<boolean>;
  withdrawn_at: Timestamp | null;
  withdrawn_reason: Generated<string>;
  shared_commitment_id: number | null;
  source_draft_id: number | null;
  ogp_identifier: string | null;
  ogp_data: Json<Record<string, string>> | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanCommitmentColoniaTable {
  municipality_id: number;
  commitment_id: number;
  colonia_id: number;
}

export interface PlanCommitmentProposalTable {
  municipality_id: number;
  commitment_id: number;
  proposal_id: number;
}

export interface PlanCommitmentColeadTable {
  municipality_id: number;
  commitment_id: number;
  id: Generated<number>;
  organisation: string;
  observatory_id: number | null;
}

export interface PlanMilestoneTable {
  municipality_id: number;
  commitment_id: number;
  id: Generated<number>;
  position: Generated<number>;
  deliverable: string;
  description: Generated<string>;
  due_on: DateCol;
  weight: number;
  responsible: Generated<string>;
  status: Generated<MilestoneStatus>;
  completed_on: DateCol | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanMilestoneEvidenceTable {
  municipality_id: number;
  milestone_id: number;
  id: Generated<number>;
  title: string;
  url: string | null;
  file_key: string | null;
  file_type: EvidenceFileType | null;
  file_name: string | null;
  file_bytes: number | null;
  sha256: string | null;
  added_by: number | null;
  added_at: Timestamp;
}

export interface PlanMilestoneEventTable {
  municipality_id: number;
  milestone_id: number;
  id: Generated<string>;
  kind: MilestoneEventKind;
  from_value: string | null;
  to_value: string | null;
  note: Generated<string>;
  by_user_id: number | null;
  at: Timestamp;
}

export interface PlanReviewerTable {
  municipality_id: number;
  plan_id: number;
  user_id: number;
  kind: ReviewerKind;
  public_name: string;
  added_by: number | null;
  added_at: Timestamp;
}

export interface PlanCheckpointTable {
  municipality_id: number;
  plan_id: number;
  id: Generated<number>;
  title: string;
  scheduled_on: DateCol;
  created_by: number | null;
  created_at: Timestamp;
}

export interface PlanAssessmentTable {
  municipality_id: number;
  checkpoint_id: number;
  commitment_id: number;
  id: Generated<number>;
  author_kind: AssessmentAuthorKind;
  author_user_id: number | null;
  author_public_name: string;
  verifiable: boolean;
  potential: PotentialLevel | null;
  completion: CompletionLevel;
  on_time: boolean | null;
  opened_government: OpenedGovernmentLevel | null;
  narrative: string;
  assessed_on: DateCol;
  starred: boolean;
  source: Generated<AssessmentSource>;
  created_at: Timestamp;
}

export interface ObservatoryTable {
  municipality_id: number;
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  website: string | null;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ObservatoryMemberTable {
  municipality_id: number;
  observatory_id: number;
  user_id: number;
  role: Generated<ObservatoryRole>;
  public_name: Generated<string>;
  name_public: Generated<boolean>;
  added_at: Timestamp;
}

export interface ObservatoryFollowTable {
  municipality_id: number;
  observatory_id: number;
  target_kind: FollowKind;
  target_id: number;
  created_at: Timestamp;
}

export interface ObservatoryReportTable {
  municipality_id: number;
  observatory_id: number;
  id: Generated<number>;
  kind: ReportKind;
  commitment_id: number | null;
  service_id: number | null;
  title: string;
  body: string;
  verdict: ReportVerdict | null;
  data_url: string | null;
  author_user_id: number | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ObservatoryReportFileTable {
  municipality_id: number;
  report_id: number;
  id: Generated<number>;
  title: string;
  file_key: string;
  file_type: EvidenceFileType;
  file_name: Generated<string>;
  file_bytes: number;
  sha256: string;
  uploaded_at: Timestamp;
}

export interface PlanOverdueNoticeTable {
  municipality_id: number;
  milestone_id: number;
  due_on: DateCol;
  audience: OverdueAudience;
  sent_at: Timestamp;
}

export interface PlanCommentTable {
  municipality_id: number;
  commitment_id: number;
  id: Generated<number>;
  author_user_id: number | null;
  author_public_name: string;
  body: string;
  hidden_at: Timestamp | null;
  hidden_reason: Generated<string>;
  created_at: Timestamp;
}

export interface PlanSubscriptionTable {
  municipality_id: number;
  id: Generated<string>;
  email: string;
  target_kind: SubscriptionTarget;
  target_id: number;
  token_hash: string;
  confirmed_at: Timestamp | null;
  unsubscribed_at: Timestamp | null;
  created_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    action_plans: ActionPlanTable;
    action_plan_team: ActionPlanTeamTable;
    shared_commitments: SharedCommitmentTable;
    shared_commitment_partners: SharedCommitmentPartnerTable;
    plan_commitments: PlanCommitmentTable;
    plan_commitment_colonias: PlanCommitmentColoniaTable;
    plan_commitment_proposals: PlanCommitmentProposalTable;
    plan_commitment_coleads: PlanCommitmentColeadTable;
    plan_milestones: PlanMilestoneTable;
    plan_milestone_evidence: PlanMilestoneEvidenceTable;
    plan_milestone_events: PlanMilestoneEventTable;
    plan_reviewers: PlanReviewerTable;
    plan_checkpoints: PlanCheckpointTable;
    plan_assessments: PlanAssessmentTable;
    observatories: ObservatoryTable;
    observatory_members: ObservatoryMemberTable;
    observatory_follows: ObservatoryFollowTable;
    observatory_reports: ObservatoryReportTable;
    observatory_report_files: ObservatoryReportFileTable;
    plan_overdue_notices: PlanOverdueNoticeTable;
    plan_comments: PlanCommentTable;
    plan_subscriptions: PlanSubscriptionTable;
  }
}
