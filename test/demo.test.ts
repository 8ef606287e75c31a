import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "kysely";
import { createTestContext, type TestContext } from "../src/platform/testing.js";
import { seedDemoIfEmpty } from "../src/demo/seed.js";

async function counts(t: TestContext) {
  const r = await sql<{ municipalities: number; active: number; colonias: number; users: number }>`
    select (select count(*)::int from municipalities) as municipalities,
           (select count(*)::int from municipalities where active) as active,
           (select count(*)::int from colonias) as colonias,
           (select count(*)::int from users) as users`.execute(t.services.db);
  return r.rows[0]!;
}

describe("the demo", { timeout: 120_000 }, () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it("loads the INEGI catalogue, three active municipalities, Cuauhtémoc's 33 colonias and staff — once", async () => {
    const lines: string[] = [];
    assert.equal(await seedDemoIfEmpty(t.services, (l) => lines.push(l)), true);
    const first = await counts(t);
    assert.equal(first.municipalities, 2478);
    assert.equal(first.active, 3);
    assert.equal(first.colonias, 33);
    assert.ok(first.users >= 15, `demo staff accounts created (${first.users})`);
    const slugs = (await t.services.db.selectFrom("municipalities").select("slug").where("active", "=", true).orderBy("slug").execute()).map((r) => r.slug);
    assert.deepEqual(slugs, ["cuauhtemoc", "leon", "tlalnepantla"]);
    assert.ok(lines.some((l) => l.includes("admin@cuauhtemoc.demo.cabildo.mx")), "credentials are printed");
    const profiles = await t.services.db.selectFrom("municipal_legal_profiles").select(["municipality_id", "kind", "profile_id"]).execute();
    assert.deepEqual(profiles, [{ municipality_id: 15104, kind: "information", profile_id: "edomex-2016" }], "Tlalnepantla answers under the Estado de México law");

    assert.equal(await seedDemoIfEmpty(t.services, () => {}), false, "a second start seeds nothing");
    assert.deepEqual(await counts(t), first);
  });
});
