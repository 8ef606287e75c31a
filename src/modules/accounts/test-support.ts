/** Fixtures for the accounts tests: two active municipalities with a department each, and accounts made through the real services. */
import assert from "node:assert/strict";
import type { Db } from "../../platform/db/database.js";
import { readOutbox } from "../../platform/mail.js";
import { anonymous, type MunicipalRole, type PlatformRole } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import type { Browser } from "../../platform/testing.js";
import { createDepartment } from "../territory/service.js";
import { grantRole } from "./members.js";
import { hashPassword } from "./password.js";
import { createAccount } from "./provision.js";

export const LEON = 11020;
export const CUAUHTEMOC = 9015;
export const PASSWORD = "contraseña-segura-1";

export interface Towns {
  leonDepartment: number;
  cuauhtemocDepartment: number;
}

export async function seedTowns(db: Db): Promise<Towns> {
  await db
    .insertInto("states")
    .values([
      { code: "09", name: "Ciudad de México", abbreviation: "CDMX" },
      { code: "11", name: "Guanajuato", abbreviation: "GTO" },
    ])
    .execute();
  await db
    .insertInto("municipalities")
    .values([
      { id: CUAUHTEMOC, state_code: "09", code: "015", name: "Cuauhtémoc", seat_name: null, population: null, dwellings: null, slug: "cuauhtemoc", active: true, folio_prefix: "CUAUH", activated_at: new Date() },
      { id: LEON, state_code: "11", code: "020", name: "León", seat_name: null, population: null, dwellings: null, slug: "leon", active: true, folio_prefix: "LEON", activated_at: new Date() },
    ])
    .execute();
  return db.transaction().execute(async (trx) => ({
    leonDepartment: (await createDepartment(trx, LEON, { name: "Obras Públicas" })).id,
    cuauhtemocDepartment: (await createDepartment(trx, CUAUHTEMOC, { name: "Servicios Urbanos" })).id,
  }));
}

export async function makeUser(
  db: Db,
  email: string,
  options: { role?: MunicipalRole; municipalityId?: number; departmentId?: number; platformRole?: PlatformRole; oversees?: number[]; password?: string } = {},
): Promise<number> {
  const passwordHash = await hashPassword(options.password ?? PASSWORD);
  const id = await db.transaction().execute((trx) =>
    createAccount(trx, anonymous, { email, displayName: email.split("@")[0]!, passwordHash, platformRole: options.platformRole ?? null, oversees: options.oversees ?? [] }),
  );
  if (options.role) await grantRole(db, anonymous, { userId: id, municipalityId: options.municipalityId!, role: options.role, departmentId: options.departmentId ?? null });
  return id;
}

export async function login(browser: Browser, email: string, password = PASSWORD): Promise<void> {
  const res = await browser.post("/entrar", { email, password });
  assert.equal(res.statusCode, 303, `login of ${email} failed: ${res.statusCode}`);
}

/** The link of the last e-mail sent to an address. */
export function lastLink(services: Services, to: string, path: string): string {
  const mail = readOutbox(services.mailer.outboxDir!).filter((m) => m.to === to).at(-1);
  assert.ok(mail, `no e-mail to ${to}`);
  const match = mail.text.match(new RegExp(`https?://[^\\s]+${path}\\?token=([A-Za-z0-9_-]+)`));
  assert.ok(match, `no ${path} link in: ${mail.text}`);
  return `${path}?token=${match[1]}`;
}
