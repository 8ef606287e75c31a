/** Demo staff for the demo municipalities: random passwords, printed once, never stored in clear. */
import { anonymous, type MunicipalRole, type PlatformRole } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { findActiveMunicipalityBySlug } from "../territory/queries.js";
import { grantRole } from "./members.js";
import { hashPassword, randomPassword } from "./password.js";
import { createAccount } from "./provision.js";
import { departmentOptions } from "./queries.js";

export const DEMO_SLUGS = ["cuauhtemoc", "leon", "tlalnepantla"];
const LABEL = "datos de demostración";

const STAFF: { local: string; name: string; role: MunicipalRole }[] = [
  { local: "admin", name: "Administración", role: "administrator" },
  { local: "dependencia", name: "Personal de dependencia", role: "department_staff" },
  { local: "transparencia", name: "Unidad de Transparencia", role: "transparency_unit" },
  { local: "participacion", name: "Equipo de Participación", role: "participation_team" },
  { local: "observador", name: "Observador", role: "observer" },
];

interface DemoAccount {
  email: string;
  name: string;
  platformRole: PlatformRole | null;
  oversees: number[];
  grant: { municipalityId: number; role: MunicipalRole; departmentId: number | null } | null;
  roleLabel: string;
  municipalityLabel: string;
}

/** The most demo accounts the seed creates: five per demo municipality, plus state body and platform admin. */
const MAX_DEMO_ACCOUNTS = DEMO_SLUGS.length * STAFF.length + 2;

export interface DemoCredentials {
  passwords: string[];
  hashes: string[];
}

/** Random passwords and their scrypt hashes, computed before the database is even open. */
export async function prepareDemoCredentials(count = MAX_DEMO_ACCOUNTS): Promise<DemoCredentials> {
  const passwords = Array.from({ length: count }, () => randomPassword());
  // scrypt is deliberately slow; hashing in parallel on libuv's threads keeps it around a second.
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  return { passwords, hashes };
}

export async function seedDemoStaff(services: Services, log: (line: string) => void, prepared?: unknown): Promise<void> {
  const { db } = services;
  const accounts: DemoAccount[] = [];
  const active: number[] = [];
  for (const slug of DEMO_SLUGS) {
    const m = await findActiveMunicipalityBySlug(db, slug);
    if (!m) continue;
    active.push(m.id);
    const [firstDepartment] = await departmentOptions(db, m.id);
    for (const s of STAFF) {
      if (s.role === "department_staff" && !firstDepartment) continue;
      const departmentId = s.role === "department_staff" ? firstDepartment!.id : null;
      accounts.push({
        email: `${s.local}@${slug}.demo.cabildo.mx`,
        name: `${s.name} · ${m.name}`,
        platformRole: null,
        oversees: [],
        grant: { municipalityId: m.id, role: s.role, departmentId },
        roleLabel: s.role + (s.role === "department_staff" ? ` (${firstDepartment!.name})` : ""),
        municipalityLabel: m.name,
      });
    }
  }
  if (active.length === 0) return;
  accounts.push(
    { email: "estatal@demo.cabildo.mx", name: "Órgano estatal de transparencia", platformRole: "state_body", oversees: active, grant: null, roleLabel: "state_body", municipalityLabel: "(todos los de demostración)" },
    { email: "plataforma@demo.cabildo.mx", name: "Administración de la plataforma", platformRole: "platform_admin", oversees: [], grant: null, roleLabel: "platform_admin", municipalityLabel: "(todos)" },
  );
  const ready = prepared as DemoCredentials | undefined;
  const credentials = ready && ready.passwords.length >= accounts.length ? ready : await prepareDemoCredentials(accounts.length);
  const { passwords, hashes } = credentials;
  await db.transaction().execute(async (trx) => {
    for (const [i, a] of accounts.entries()) {
      const userId = await createAccount(trx, anonymous, { email: a.email, displayName: a.name, passwordHash: hashes[i]!, platformRole: a.platformRole, oversees: a.oversees }, LABEL);
      if (a.grant) await grantRole(trx, anonymous, { userId, ...a.grant }, LABEL);
    }
  });
  const width = Math.max(...accounts.map((a) => a.email.length));
  log("cuentas de demostración (las contraseñas se muestran solo esta vez):");
  log(`  ${"correo".padEnd(width)}  ${"contraseña".padEnd(16)}  ${"rol".padEnd(40)}  municipio`);
  for (const [i, a] of accounts.entries()) {
    log(`  ${a.email.padEnd(width)}  ${passwords[i]!.padEnd(16)}  ${a.roleLabel.padEnd(40)}  ${a.municipalityLabel}`);
  }
}
