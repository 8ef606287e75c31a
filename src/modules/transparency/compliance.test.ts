import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { instantAtLocal } from "../../platform/calendar/dates.js";
import { createDepartment } from "../territory/service.js";
import { LEON, seedTowns } from "../accounts/test-support.js";
import { complianceReport } from "./compliance.js";
import { latestDuePeriod, isPeriodName } from "./obligations-periods.js";
import { seedDemoObligations } from "./obligations-seed.js";

const TZ = "America/Mexico_City";
const at = (date: string) => instantAtLocal(date, { hour: 12, minute: 0, second: 0 }, TZ);

describe("obligation periods", () => {
  it("asks for the quarter whose 30 natural days have run out", () => {
    assert.equal(latestDuePeriod("quarterly", 30, "2026-10-30").name, "2026-Q3");
    assert.equal(latestDuePeriod("quarterly", 30, "2026-10-29").name, "2026-Q2");
    assert.equal(latestDuePeriod("monthly", 30, "2026-03-30").name, "2026-02");
    assert.equal(latestDuePeriod("monthly", 30, "2026-03-02").name, "2026-01");
    assert.equal(latestDuePeriod("monthly", 30, "2026-03-01").name, "2025-12");
    assert.equal(latestDuePeriod("yearly", 30, "2026-01-31").name, "2025");
    assert.equal(latestDuePeriod("semiannual", 30, "2026-07-29").name, "2025-S2");
  });
  it("checks period names against the update period", () => {
    assert.ok(isPeriodName("quarterly", "2026-Q3"));
    assert.ok(!isPeriodName("quarterly", "2026-03"));
    assert.ok(!isPeriodName("monthly", "2026-13"));
    assert.ok(isPeriodName("triennial", "2024-2026"));
  });
});

describe("the compliance index", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  beforeEach(async () => t.reset());

  /**
   * Four quarterly obligations on 2026-11-15 (Q3 due 2026-10-30): weight 3 on time, weight 1 on
   * time, weight 2 late, weight 4 missing. Up to date 3+1+2 = 6 of 10 → 60 %. Department A has
   * the weights 3 (on time) and 2 (late) → 100 %; department B 1 (on time) and 4 (missing) → 20 %.
   */
  async function handExample() {
    const { db } = t.services;
    await seedTowns(db);
    const [a, b] = await db.transaction().execute(async (trx) => [
      (await createDepartment(trx, LEON, { name: "Tesorería" })).id,
      (await createDepartment(trx, LEON, { name: "Desarrollo Urbano" })).id,
    ]);
    const make = async (fraction: string, weight: number, department: number) =>
      (
        await db
          .insertInto("obligations")
          .values({ municipality_id: LEON, article: "70", fraction, title: `Fracción ${fraction}`, legal_reference: `LGTAIP art. 70, fracc. ${fraction}`, update_period: "quarterly", weight, due_days: 30, department_id: department, official_name: `Titular ${fraction}` })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const o1 = await make("I", 3, a);
    const o2 = await make("II", 1, b);
    const o3 = await make("III", 2, a);
    await make("IV", 4, b);
    const publish = (obligationId: number, date: string) =>
      db.insertInto("obligation_records").values({ municipality_id: LEON, obligation_id: obligationId, period: "2026-Q3", published_at: at(date), published_by: null, published_by_label: "prueba", link: "https://example.org/datos.csv" }).execute();
    await publish(o1, "2026-10-20");
    await publish(o2, "2026-10-30");
    await publish(o3, "2026-11-05");
    return { a, b };
  }

  it("weighs on-time and late records as up to date and missing ones as vencidas", async () => {
    const { a, b } = await handExample();
    const report = await complianceReport(t.services.db, { id: LEON, timeZone: TZ }, "2026-11-15");
    assert.equal(report.index, 60);
    assert.equal(report.light, "rojo");
    const byDept = new Map(report.departments.map((d) => [d.departmentId, d]));
    assert.equal(byDept.get(a)!.index, 100);
    assert.equal(byDept.get(a)!.light, "verde");
    assert.equal(byDept.get(b)!.index, 20);
    assert.equal(byDept.get(b)!.light, "rojo");
    const states = new Map(report.states.map((s) => [s.fraction, s]));
    assert.equal(states.get("I")!.status, "on_time");
    assert.equal(states.get("II")!.status, "on_time"); // published on the due date itself
    assert.equal(states.get("III")!.status, "late");
    assert.equal(states.get("III")!.daysLate, 6);
    assert.equal(report.overdue.length, 1);
    assert.equal(report.overdue[0]!.fraction, "IV");
    assert.equal(report.overdue[0]!.daysLate, 16);
    assert.equal(report.overdue[0]!.officialName, "Titular IV");
  });

  it("takes the semáforo thresholds from the municipality's settings", async () => {
    const { b } = await handExample();
    await t.services.db.insertInto("obligation_settings").values({ municipality_id: LEON, green_min: 50, yellow_min: 20 }).execute();
    const report = await complianceReport(t.services.db, { id: LEON, timeZone: TZ }, "2026-11-15");
    assert.equal(report.light, "verde");
    assert.equal(report.departments.find((d) => d.departmentId === b)!.light, "amarillo");
  });

  it("counts a record of an older period for nothing once the next one is due", async () => {
    await handExample();
    // On 2027-01-30 the fourth quarter is due and nobody has published it.
    const report = await complianceReport(t.services.db, { id: LEON, timeZone: TZ }, "2027-01-30");
    assert.equal(report.index, 0);
    assert.equal(report.overdue.length, 4);
  });

  it("seeds a demo with a mixed semáforo: on time, late and missing records", async () => {
    const { db } = t.services;
    await seedTowns(db);
    await db.transaction().execute(async (trx) => {
      for (const name of ["Tesorería", "Desarrollo Urbano", "Secretaría del Ayuntamiento"]) await createDepartment(trx, LEON, { name });
    });
    await seedDemoObligations(t.services, () => {});
    await seedDemoObligations(t.services, () => {}); // twice: nothing doubles
    const report = await complianceReport(db, { id: LEON, timeZone: TZ });
    const statuses = new Set(report.states.map((s) => s.status));
    assert.deepEqual([...statuses].sort(), ["late", "on_time", "overdue"]);
    assert.deepEqual(new Set(report.departments.map((d) => d.light)), new Set(["verde", "amarillo", "rojo"]));
    assert.ok(report.overdue.every((o) => o.departmentName && o.officialName));
    assert.equal((await db.selectFrom("obligations").select("id").where("municipality_id", "=", LEON).execute()).length, 56);
  });
});
