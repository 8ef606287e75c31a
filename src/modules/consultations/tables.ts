/** Kysely types of consultations, their questions, in-person sessions and responses (migration 001). */
import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";

export const QUESTION_KINDS = ["single", "multiple", "scale", "text", "ranking"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const CHANNELS = ["online", "in_person"] as const;
export type Channel = (typeof CHANNELS)[number];

export const ATTENDANCE_SECTORS = ["gobierno", "sociedad_civil", "empresarial", "academia", "ciudadania"] as const;
export type AttendanceSector = (typeof ATTENDANCE_SECTORS)[number];
export const ATTENDANCE_SEXES = ["women", "men", "other"] as const;
export type AttendanceSex = (typeof ATTENDANCE_SEXES)[number];

type DateCol = string;

export interface ConsultationTable {
  municipality_id: number;
  process_id: number;
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  opens_on: DateCol;
  closes_on: DateCol;
  status: Generated<"draft" | "published">;
  results_live: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

export interface ConsultationQuestionTable {
  municipality_id: number;
  consultation_id: number;
  id: Generated<number>;
  position: number;
  kind: QuestionKind;
  prompt: string;
  help: Generated<string>;
  required: Generated<boolean>;
  options: Generated<string[]>;
  max_choices: number | null;
  scale_min: number | null;
  scale_max: number | null;
  scale_min_label: Generated<string>;
  scale_max_label: Generated<string>;
  max_length: number | null;
}

export interface ConsultationSessionTable {
  municipality_id: number;
  process_id: number;
  id: Generated<number>;
  title: string;
  place: string;
  held_on: DateCol;
  colonia_id: number | null;
  attendance_gobierno: Generated<number>;
  attendance_sociedad_civil: Generated<number>;
  attendance_empresarial: Generated<number>;
  attendance_academia: Generated<number>;
  attendance_ciudadania: Generated<number>;
  attendance_women: Generated<number>;
  attendance_men: Generated<number>;
  attendance_other: Generated<number>;
  minutes: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConsultationSessionPhotoTable {
  municipality_id: number;
  session_id: number;
  id: Generated<number>;
  storage_key: string;
  thumbnail_key: string;
  description: string;
  width: number;
  height: number;
  bytes: number;
  created_at: Timestamp;
}

export interface ConsultationResponseTable {
  municipality_id: number;
  consultation_id: number;
  id: Generated<number>;
  participant_id: number;
  respondent_number: number;
  channel: Channel;
  session_id: number | null;
  colonia_id: number | null;
  entered_by: number | null;
  submitted_at: Generated<Timestamp>;
}

export interface ConsultationAnswerTable {
  municipality_id: number;
  response_id: number;
  question_id: number;
  choices: number[] | null;
  scale_value: number | null;
  text_value: string | null;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    consultations: ConsultationTable;
    consultation_questions: ConsultationQuestionTable;
    consultation_sessions: ConsultationSessionTable;
    consultation_session_photos: ConsultationSessionPhotoTable;
    consultation_responses: ConsultationResponseTable;
    consultation_answers: ConsultationAnswerTable;
  }
}
