import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { createTestContext, type TestContext } from "../testing.js";
import { listMigrations, migrate } from "./migrator.js";
import { migrationSources } from "../../modules/index.js";

describe("migrations", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it("records every migration once and applies nothing on a second run", async () => {
    const rows = await t.services.db.selectFrom("schema_migrations").select("id").execute();
    assert.deepEqual(
      rows.map((r) => r.id).sort(),
      listMigrations(migrationSources()).map((m) => m.id).sort(),
    );
    const again = await migrate(t.services.handle, migrationSources());
    assert.deepEqual(again, []);
  });

  it("rolls back a failing migration completely and refuses a changed one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mig-"));
    fs.writeFileSync(path.join(dir, "001_good.sql"), "create table mig_probe (id int primary key);");
    fs.writeFileSync(path.join(dir, "002_bad.sql"), "create table mig_half (id int); insert into nowhere values (1);");
    const source = [{ name: "probe", dir }];
    await assert.rejects(migrate(t.services.handle, source));
    const half = await sql<{ n: number }>`select count(*)::int as n from pg_tables where tablename = 'mig_half'`.execute(t.services.db);
    assert.equal(half.rows[0]!.n, 0, "the failed migration left no table behind");
    const ids = (await t.services.db.selectFrom("schema_migrations").select("id").where("id", "like", "probe/%").execute()).map((r) => r.id);
    assert.deepEqual(ids, ["probe/001_good"]);
    fs.writeFileSync(path.join(dir, "001_good.sql"), "create table mig_probe (id bigint primary key);");
    fs.rmSync(path.join(dir, "002_bad.sql"));
    await assert.rejects(migrate(t.services.handle, source), /cambió después de aplicarse/);
    await sql`drop table mig_probe`.execute(t.services.db);
    await t.services.db.deleteFrom("schema_migrations").where("id", "like", "probe/%").execute();
  });

  it("runs on the engine CI asked for", async () => {
    const v = await sql<{ v: string }>`select version() as v`.execute(t.services.db);
    if (process.env.DATABASE_URL) assert.doesNotMatch(v.rows[0]!.v, /PGlite/);
    else assert.match(v.rows[0]!.v, /PGlite/);
  });
});
