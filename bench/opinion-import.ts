/**
 * Import every Polis open-data conversation shipped in src/modules/opinion/data/polis into a
 * database (one transaction each, as `cabildo import polis` does), then recompute its opinion map
 * through the module (reading votes, analysing, storing the result). Prints the stored counts and
 * the times. Run: npx tsx bench/opinion-import.ts   (DATABASE_URL=… for a PostgreSQL server)
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestContext } from "../src/platform/testing.js";
import { LEON, seedTowns } from "../src/modules/accounts/test-support.js";
import { readPolisExport } from "../src/modules/opinion/polis-export/index.js";
import { importPolisExport } from "../src/modules/opinion/import-polis.js";
import { recomputeWhenFree } from "../src/modules/opinion/analysis-runner.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "../src/modules/opinion/data/polis");
const t = await createTestContext();
await seedTowns(t.services.db);
console.log(`engine: ${process.env.DATABASE_URL ? "postgres" : "pglite"}`);
console.log("conversation | statements | voters | votes stored | import ms | recompute ms | groups");
for (const name of fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory()).sort()) {
  const data = readPolisExport(path.join(root, name));
  const t0 = performance.now();
  const summary = await importPolisExport(t.services.db, LEON, data, name, { title: name });
  const t1 = performance.now();
  const outcome = await recomputeWhenFree(t.services, LEON, summary.conversationId);
  const t2 = performance.now();
  const stored = await t.services.db.selectFrom("opinion_analyses").select("result").where("municipality_id", "=", LEON).where("conversation_id", "=", summary.conversationId).executeTakeFirst();
  const groups = stored ? (JSON.parse(typeof stored.result === "string" ? stored.result : JSON.stringify(stored.result)) as { groups: { size: number }[] }).groups.map((g) => g.size).join("/") : `(${outcome.status})`;
  console.log(`${name} | ${summary.statements} | ${summary.voters} | ${summary.votes} | ${Math.round(t1 - t0)} | ${Math.round(t2 - t1)} | ${groups}`);
}
await t.close();
