/**
 * Find every *.test.ts(x) under src/ and test/ and run them with node's test runner.
 * `npm test -- territory` runs only files whose path contains "territory".
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function find(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) find(full, out);
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const files = [...find("src"), ...find("test")].filter((f) => filters.length === 0 || filters.some((p) => f.includes(p))).sort();
if (files.length === 0) {
  console.error("No se encontraron pruebas.");
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY || "2";
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files],
  { stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } },
);
process.exit(result.status ?? 1);
