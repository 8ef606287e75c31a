/**
 * The OGP importer on the shipped sheet (src/modules/plans/data/ogp, 558 commitments in 214 action
 * plans): reading and checking the file alone, then the first import (one transaction per plan,
 * as `cabildo plans import-ogp` does) and a second import of the same file (every row compared,
 * nothing written). Prints rows per second and total milliseconds of each.
 * Run: npx tsx bench/plans-ogp-import.ts   (DATABASE_URL=… for a PostgreSQL server)
 */
import fs from "node:fs";
import { createTestContext } from "../src/platform/testing.js";
import { CUAUHTEMOC, seedTowns } from "../src/modules/accounts/test-support.js";
import { draftOgpPlans, readOgpCsv } from "../src/modules/plans/ogp-import.js";
import { importOgpCommitments, SHIPPED_OGP_CSV } from "../src/modules/plans/ogp-import-service.js";

const csv = fs.readFileSync(SHIPPED_OGP_CSV, "utf8");
const t = await createTestContext();
await seedTowns(t.services.db);
console.log(`engine: ${process.env.DATABASE_URL ? "postgres" : "pglite"}; file: ${(csv.length / 1e6).toFixed(1)} MB`);
console.log("step | rows | plans | created | assessments added | ms | rows/s");

const line = (step: string, rows: number, plans: number, created: number, assessments: number, ms: number) =>
  console.log(`${step} | ${rows} | ${plans} | ${created} | ${assessments} | ${Math.round(ms)} | ${Math.round((rows / ms) * 1000)}`);

let t0 = performance.now();
const rows = readOgpCsv(csv);
const drafts = draftOgpPlans(rows, "2026-06-01");
line("read + map (no database)", rows.length, drafts.length, 0, drafts.reduce((s, p) => s + p.commitments.reduce((a, c) => a + c.irm.assessments.length, 0), 0), performance.now() - t0);

for (const step of ["first import", "second import (no change)"]) {
  t0 = performance.now();
  const result = await importOgpCommitments(t.services, CUAUHTEMOC, csv);
  line(step, result.rows, result.plans.length, result.commitmentsCreated, result.assessmentsAdded, performance.now() - t0);
}
await t.close();
