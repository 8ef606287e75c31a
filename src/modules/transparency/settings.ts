/**
 * Transparency settings of a municipality: which legal profile applies to its requests from which
 * date, and the semáforo thresholds. Shared by the staff page and the CLI; each change is one
 * transaction with an audit row.
 */
import { sql } from "kysely";
import { recordAudit, SYSTEM, type AuditBy } from "../../platform/audit/audit.js";
import type { Executor } from "../../platform/db/database.js";
import type { LocalDate } from "../../platform/calendar/dates.js";
import { chooseLegalProfile, DEFAULT_PROFILE, LegalProfileError, type RequestKind } from "./profiles.js";
import type { Thresholds } from "./compliance.js";
import { setThresholds } from "./obligations-settings.js";

export const REQUEST_KINDS: readonly RequestKind[] = ["information", "arco"];

export interface ProfileChoice {
  kind: RequestKind;
  since: LocalDate;
  profileId: string;
  profileName: string;
}

/** Every choice the municipality has made, newest first per kind. */
export async function listProfileChoices(db: Executor, municipalityId: number): Promise<ProfileChoice[]> {
  const rows = await db
    .selectFrom("municipal_legal_profiles as c")
    .innerJoin("legal_profiles as p", "p.id", "c.profile_id")
    .select(["c.kind", sql<string>`c.since::text`.as("since"), "c.profile_id", "p.name"])
    .where("c.municipality_id", "=", municipalityId)
    .orderBy("c.kind")
    .orderBy("c.since", "desc")
    .execute();
  return rows.map((r) => ({ kind: r.kind as RequestKind, since: r.since, profileId: r.profile_id, profileName: r.name }));
}

/** Apply a profile from a date, audited. Throws LegalProfileError (Spanish) when it cannot apply. */
export async function applyLegalProfile(trx: Executor, municipalityId: number, kind: string, profileId: string, since: string, by: AuditBy): Promise<void> {
  if (!REQUEST_KINDS.includes(kind as RequestKind)) throw new LegalProfileError(`"${kind}" no es un tipo de solicitud (information o arco).`);
  await chooseLegalProfile(trx, municipalityId, kind as RequestKind, profileId, since);
  await recordAudit(trx, {
    actor: by.actor,
    actorLabel: by.label,
    municipalityId,
    action: "transparency.profile.choose",
    subjectType: "municipal_legal_profiles",
    subjectId: municipalityId,
    details: { kind, profileId, since },
  });
}

/** Semáforo thresholds from form text: verde desde `green` %, amarillo desde `yellow` %. */
export function parseThresholds(green: string, yellow: string): { thresholds: Thresholds } | { field: "green" | "yellow"; message: string } {
  const valid = (v: string) => /^\d{1,3}([.,]\d{1,2})?$/.test(v.trim()) && Number(v.trim().replace(",", ".")) <= 100;
  if (!valid(green)) return { field: "green", message: `«${green.slice(0, 20)}» no es un porcentaje de 0 a 100.` };
  if (!valid(yellow)) return { field: "yellow", message: `«${yellow.slice(0, 20)}» no es un porcentaje de 0 a 100.` };
  const thresholds = { green: Number(green.trim().replace(",", ".")), yellow: Number(yellow.trim().replace(",", ".")) };
  if (thresholds.yellow > thresholds.green) return { field: "yellow", message: "El umbral amarillo no puede ser mayor que el verde." };
  return { thresholds };
}

export { setThresholds, DEFAULT_PROFILE };

/**
 * Demo: municipalities of the Estado de México (INEGI state 15) answer under the state law,
 * LTAIPEMyM (edomex-2016), since it took effect. Leaves a municipality that chose already alone.
 */
export async function seedDemoLegalProfiles(db: Executor, log: (line: string) => void): Promise<void> {
  const rows = await db
    .selectFrom("municipalities as m")
    .select(["m.id", "m.name"])
    .where("m.active", "=", true)
    .where("m.state_code", "=", "15")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("municipal_legal_profiles as c").select("c.kind").whereRef("c.municipality_id", "=", "m.id"))))
    .execute();
  for (const m of rows) {
    await db.transaction().execute((trx) => applyLegalProfile(trx, m.id, "information", "edomex-2016", "2016-05-05", SYSTEM));
    log(`  ${m.name}: solicitudes de información con el perfil edomex-2016 (LTAIPEMyM)`);
  }
}
