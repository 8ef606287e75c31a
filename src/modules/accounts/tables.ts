import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";
import type { MunicipalRole, PlatformRole } from "../../platform/policy.js";

export interface UserTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  email_verified_at: Timestamp | null;
  platform_role: PlatformRole | null;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
}

export interface StateBodyOversightTable {
  municipality_id: number;
  user_id: number;
  created_at: Timestamp;
}

export interface MembershipTable {
  municipality_id: number;
  id: Generated<number>;
  user_id: number;
  role: MunicipalRole;
  department_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  user_agent: string | null;
}

export type OneTimeTokenPurpose = "verify_email" | "reset_password";

export interface OneTimeTokenTable {
  id: string;
  user_id: number;
  purpose: OneTimeTokenPurpose;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface InvitationTable {
  municipality_id: number;
  id: Generated<number>;
  email: string;
  role: MunicipalRole;
  department_id: number | null;
  invited_by: number | null;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: number | null;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    users: UserTable;
    state_body_oversight: StateBodyOversightTable;
    memberships: MembershipTable;
    sessions: SessionTable;
    one_time_tokens: OneTimeTokenTable;
    invitations: InvitationTable;
  }
}
