#!/usr/bin/env node
// Installed as the `cabildo` command; runs the TypeScript CLI through tsx.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Resolved from this file, so the command works from any folder (and when linked globally).
const tsx = import.meta.resolve("tsx");
const result = spawnSync(process.execPath, ["--import", tsx, path.join(root, "src/cli/main.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
