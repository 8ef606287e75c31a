import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase } from "./database.js";

describe("the embedded database folder", { skip: process.env.DATABASE_URL ? "only for the embedded database" : false }, () => {
  it("refuses a second process-level opener while the first holds it, and keeps data after reopening", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cabildo-db-")), "pglite");
    const first = await openDatabase({ databaseUrl: null, pgliteDir: dir });
    await sql`create table kept (v text)`.execute(first.db);
    await sql`insert into kept values ('sigue aquí')`.execute(first.db);
    // Pretend another live process (our parent) holds the folder.
    fs.writeFileSync(`${dir}.pid`, String(process.ppid));
    await assert.rejects(openDatabase({ databaseUrl: null, pgliteDir: dir }), /está abierta por otro proceso/);
    fs.writeFileSync(`${dir}.pid`, String(process.pid));
    await first.close();
    assert.equal(fs.existsSync(`${dir}.pid`), false, "closing releases the folder");
    // A stale lock from a crashed process (a pid that no longer exists) is taken over.
    fs.writeFileSync(`${dir}.pid`, "2147483646");
    const again = await openDatabase({ databaseUrl: null, pgliteDir: dir });
    const rows = await sql<{ v: string }>`select v from kept`.execute(again.db);
    assert.deepEqual(rows.rows, [{ v: "sigue aquí" }]);
    await again.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });
});
