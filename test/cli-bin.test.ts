import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const bin = path.resolve("bin/cabildo.js");

describe("the cabildo command", { timeout: 60_000 }, () => {
  it("runs from any folder and prints the legal dates as JSON", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cabildo-bin-"));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    try {
      const ok = spawnSync(process.execPath, [bin, "deadline", "--profile", "lgtaip-2015", "--received", "2026-11-13T19:00", "--json"], { cwd: os.tmpdir(), env, encoding: "utf8" });
      assert.equal(ok.status, 0, ok.stderr);
      // Friday 13 after 18:00 → received Tuesday 17 (Monday 16 is a rest day).
      assert.deepEqual(JSON.parse(ok.stdout), { preventionBy: "2026-11-24", due: "2026-12-15", extendedDue: "2026-12-30" });
      const bad = spawnSync(process.execPath, [bin, "deadline", "--profile", "no-existe", "--received", "2026-11-13T19:00"], { cwd: os.tmpdir(), env, encoding: "utf8" });
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /No existe el perfil legal "no-existe"/);
      assert.doesNotMatch(bad.stderr, /at .*\.ts:\d+/, "no stack trace");
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
