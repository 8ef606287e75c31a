import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CliError } from "../../cli/options.js";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { accountCommands } from "./cli.js";
import { verifyPassword } from "./password.js";
import { seedDemoStaff } from "./seed.js";
import { LEON, seedTowns, type Towns } from "./test-support.js";

describe("accounts: CLI and demo seed", () => {
  let t: TestContext;
  let towns: Towns;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    towns = await seedTowns(t.services.db);
  });

  const run = (name: string, args: string[]) => accountCommands.find((c) => c.name === name)!.run(args, t.services);
  const users = () => t.services.db.selectFrom("users").selectAll().orderBy("id").execute();

  async function quietly<T>(fn: () => Promise<T>): Promise<{ result: T; out: string }> {
    const original = console.log;
    let out = "";
    console.log = (...args: unknown[]) => {
      out += args.join(" ") + "\n";
    };
    try {
      return { result: await fn(), out };
    } finally {
      console.log = original;
    }
  }

  it("creates a state-body account overseeing municipalities and prints a generated password once", async () => {
    const { out } = await quietly(() => run("user create", ["--email", "Estatal@GTO.mx", "--name", "IACIP", "--platform-role", "state_body", "--oversees", "leon"]));
    const [user] = await users();
    assert.equal(user!.email, "estatal@gto.mx");
    assert.equal(user!.platform_role, "state_body");
    assert.notEqual(user!.email_verified_at, null);
    const oversight = await t.services.db.selectFrom("state_body_oversight").selectAll().execute();
    assert.deepEqual(oversight.map((o) => o.municipality_id), [LEON]);
    const password = out.match(/una sola vez\): (\S+)/)![1]!;
    assert.equal(await verifyPassword(password, user!.password_hash), true);
  });

  it("refuses bad options in Spanish and changes nothing", async () => {
    await assert.rejects(run("user create", ["--email", "a@b.mx", "--name", "A", "--platform-role", "rey"]), (e: Error) => e instanceof CliError && /platform_admin o state_body/.test(e.message));
    await assert.rejects(run("user create", ["--email", "a@b.mx", "--name", "A", "--password", "corta"]), (e: Error) => e instanceof CliError && /al menos 10/.test(e.message));
    await assert.rejects(run("user create", ["--email", "a@b.mx", "--name", "A", "--platform-role", "state_body", "--oversees", "atlantida"]), (e: Error) => e instanceof CliError && /atlantida/.test(e.message));
    await assert.rejects(run("user create", ["--name", "A"]), (e: Error) => e instanceof CliError && /Falta la opción --email/.test(e.message));
    assert.equal((await users()).length, 0);
    await quietly(() => run("user create", ["--email", "a@b.mx", "--name", "A", "--password", "contraseña-larga-1"]));
    await assert.rejects(run("user create", ["--email", "A@b.mx", "--name", "A"]), (e: Error) => e instanceof CliError && /Ya existe una cuenta/.test(e.message));
    await assert.rejects(run("user grant", ["--email", "a@b.mx", "--municipality", "leon", "--role", "alcalde"]), (e: Error) => e instanceof CliError && /Elija un rol/.test(e.message));
    await assert.rejects(run("user grant", ["--email", "a@b.mx", "--municipality", "leon", "--role", "department_staff"]), (e: Error) => e instanceof CliError && /necesita una dependencia/.test(e.message));
    await assert.rejects(run("user grant", ["--email", "z@b.mx", "--municipality", "leon", "--role", "observer"]), (e: Error) => e instanceof CliError && /z@b\.mx/.test(e.message));
    assert.equal((await t.services.db.selectFrom("memberships").selectAll().execute()).length, 0);
  });

  it("grants a department role by department slug, with an audit entry", async () => {
    await quietly(() => run("user create", ["--email", "obras@leon.mx", "--name", "Obras", "--password", "contraseña-larga-1"]));
    const { out } = await quietly(() => run("user grant", ["--email", "obras@leon.mx", "--municipality", "leon", "--role", "department_staff", "--department", "obras-publicas"]));
    assert.match(out, /Personal de dependencia/);
    const [m] = await t.services.db.selectFrom("memberships").selectAll().execute();
    assert.equal(m!.department_id, towns.leonDepartment);
    const entries = await t.services.db.selectFrom("audit_log").select(["action", "actor_label"]).where("action", "=", "accounts.membership.grant").execute();
    assert.equal(entries.length, 1);
    assert.match(entries[0]!.actor_label, /línea de comandos/);
  });

  it("seeds demo staff with random passwords printed once, verified", async () => {
    const lines: string[] = [];
    await seedDemoStaff(t.services, (l) => lines.push(l));
    const all = await users();
    // Two demo municipalities exist in this test: 5 staff each, plus the state body and the platform admin.
    assert.equal(all.length, 12);
    assert.ok(all.every((u) => u.email_verified_at !== null));
    const admin = all.find((u) => u.email === "admin@leon.demo.cabildo.mx")!;
    const line = lines.find((l) => l.includes("admin@leon.demo.cabildo.mx"))!;
    const password = line.trim().split(/\s+/)[1]!;
    assert.equal(await verifyPassword(password, admin.password_hash), true);
    const stateBody = all.find((u) => u.platform_role === "state_body")!;
    const oversight = await t.services.db.selectFrom("state_body_oversight").selectAll().where("user_id", "=", stateBody.id).execute();
    assert.equal(oversight.length, 2);
    const dept = await t.services.db.selectFrom("memberships").selectAll().where("role", "=", "department_staff").execute();
    assert.equal(dept.length, 2);
  });
});
