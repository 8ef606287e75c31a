/**
 * Legal profiles (the terms a transparency or personal-data law sets) and the profile each
 * municipality applies. The numbers are rows of `legal_profiles`, seeded by the migration.
 */
import { sql, type Generated } from "kysely";
import type { Executor } from "../../platform/db/database.js";
import type { Timestamp } from "../../platform/db/schema.js";
import { isLocalDate, localDateTimeAt, type LocalDate } from "../../platform/calendar/dates.js";
import { loadCalendarSettings } from "../../platform/calendar/queries.js";

export type RequestKind = "information" | "arco";

interface LegalProfileTable {
  id: string;
  name: string;
  law: string;
  kind: RequestKind;
  in_force_from: string;
  response_days: number;
  response_article: string;
  extension_days: number;
  extension_article: string;
  extension_approved_by: string;
  prevention_days: number;
  prevention_article: string;
  clarify_days: number;
  clarify_article: string;
  incompetence_days: number;
  incompetence_article: string;
  recurso_days: number;
  recurso_article: string;
  made_effective_days: number | null;
  made_effective_article: string | null;
}

interface MunicipalLegalProfileTable {
  municipality_id: number;
  kind: RequestKind;
  since: string;
  profile_id: string;
  created_at: Generated<Timestamp>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    legal_profiles: LegalProfileTable;
    municipal_legal_profiles: MunicipalLegalProfileTable;
  }
}

/** One legal term: how many business days, and the article that sets it. */
export interface LegalTerm {
  days: number;
  article: string;
}

export interface LegalProfile {
  id: string;
  name: string;
  law: string;
  kind: RequestKind;
  inForceFrom: LocalDate;
  response: LegalTerm;
  extension: LegalTerm & { approvedBy: string };
  prevention: LegalTerm;
  clarify: LegalTerm;
  incompetence: LegalTerm;
  recurso: LegalTerm;
  /** ARCO only: days to make a granted right effective once the answer is notified. */
  madeEffective: LegalTerm | null;
}

/** The general laws, applied when a municipality has chosen nothing. */
export const DEFAULT_PROFILE: Record<RequestKind, string> = { information: "lgtaip-2015", arco: "arco-2017" };

function present(r: LegalProfileTable): LegalProfile {
  return {
    id: r.id,
    name: r.name,
    law: r.law,
    kind: r.kind,
    inForceFrom: r.in_force_from,
    response: { days: r.response_days, article: r.response_article },
    extension: { days: r.extension_days, article: r.extension_article, approvedBy: r.extension_approved_by },
    prevention: { days: r.prevention_days, article: r.prevention_article },
    clarify: { days: r.clarify_days, article: r.clarify_article },
    incompetence: { days: r.incompetence_days, article: r.incompetence_article },
    recurso: { days: r.recurso_days, article: r.recurso_article },
    madeEffective: r.made_effective_days === null ? null : { days: r.made_effective_days, article: r.made_effective_article ?? "art. por verificar" },
  };
}

function profileQuery(db: Executor) {
  return db
    .selectFrom("legal_profiles")
    .select([
      "id", "name", "law", "kind", "response_days", "response_article", "extension_days", "extension_article",
      "extension_approved_by", "prevention_days", "prevention_article", "clarify_days", "clarify_article",
      "incompetence_days", "incompetence_article", "recurso_days", "recurso_article", "made_effective_days",
      "made_effective_article", sql<string>`in_force_from::text`.as("in_force_from"),
    ]);
}

/** Every legal profile, by kind then start date. */
export async function listLegalProfiles(db: Executor): Promise<LegalProfile[]> {
  const rows = await profileQuery(db).orderBy("legal_profiles.kind").orderBy("legal_profiles.in_force_from").orderBy("legal_profiles.id").execute();
  return rows.map(present);
}

export async function findLegalProfile(db: Executor, id: string): Promise<LegalProfile | null> {
  const row = await profileQuery(db).where("id", "=", id).executeTakeFirst();
  return row ? present(row) : null;
}

/** A municipality's choice that cannot be stored (unknown profile, wrong kind, date before the law). */
export class LegalProfileError extends Error {}

/**
 * Apply `profileId` to this municipality's requests of `kind` received from `since` on. Earlier
 * requests keep the profile that was in force for them. Run inside the caller's transaction.
 */
export async function chooseLegalProfile(trx: Executor, municipalityId: number, kind: RequestKind, profileId: string, since: LocalDate): Promise<void> {
  if (!isLocalDate(since)) throw new LegalProfileError(`"${since}" no es una fecha válida (use AAAA-MM-DD).`);
  const profile = await findLegalProfile(trx, profileId);
  if (!profile) throw new LegalProfileError(`No existe el perfil legal "${profileId}".`);
  if (profile.kind !== kind) throw new LegalProfileError(`El perfil "${profileId}" no es para solicitudes de tipo ${kind === "arco" ? "ARCO" : "acceso a la información"}.`);
  if (since < profile.inForceFrom) throw new LegalProfileError(`El perfil "${profileId}" rige desde ${profile.inForceFrom}; no puede aplicarse desde ${since}.`);
  await trx
    .insertInto("municipal_legal_profiles")
    .values({ municipality_id: municipalityId, kind, since, profile_id: profileId })
    .onConflict((oc) => oc.columns(["municipality_id", "kind", "since"]).doUpdateSet({ profile_id: profileId }))
    .execute();
}

/** The profile of a request received on `receivedOn` (a local date). */
export async function profileInForceOn(db: Executor, municipalityId: number, kind: RequestKind, receivedOn: LocalDate): Promise<LegalProfile> {
  const chosen = await db
    .selectFrom("municipal_legal_profiles")
    .select("profile_id")
    .where("municipality_id", "=", municipalityId)
    .where("kind", "=", kind)
    .where("since", "<=", receivedOn)
    .orderBy("since", "desc")
    .limit(1)
    .executeTakeFirst();
  const id = chosen?.profile_id ?? DEFAULT_PROFILE[kind];
  const profile = await findLegalProfile(db, id);
  if (!profile) throw new Error(`Falta el perfil legal "${id}" en la base de datos`);
  return profile;
}

/**
 * The profile in force for a request received at `receivedAt`, judged by the date of that
 * instant in the municipality's time zone (the law in force when the person asked).
 */
export async function profileInForce(db: Executor, municipalityId: number, kind: RequestKind, receivedAt: Date): Promise<LegalProfile> {
  const { timeZone } = await loadCalendarSettings(db, municipalityId);
  return profileInForceOn(db, municipalityId, kind, localDateTimeAt(receivedAt, timeZone).date);
}
