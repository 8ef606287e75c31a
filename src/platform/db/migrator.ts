import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { DatabaseHandle } from "./database.js";

/** A folder of numbered `NNN_name.sql` files owned by one module. */
export interface MigrationSource {
  name: string;
  dir: string;
}

export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

export function listMigrations(sources: MigrationSource[]): Migration[] {
  const all: Migration[] = [];
  for (const source of sources) {
    if (!fs.existsSync(source.dir)) continue;
    const files = fs
      .readdirSync(source.dir)
      .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
      .sort();
    for (const file of files) {
      const text = fs.readFileSync(path.join(source.dir, file), "utf8");
      all.push({
        id: `${source.name}/${file.replace(/\.sql$/, "")}`,
        sql: text,
        checksum: crypto.createHash("sha256").update(text).digest("hex").slice(0, 16),
      });
    }
  }
  return all;
}

const LOCK_KEY = 727_001; // arbitrary constant shared by every Cabildo process

/**
 * Apply pending migrations in order, each in its own transaction, recording it in
 * schema_migrations. Safe to re-run and safe to start several processes at once:
 * an advisory lock serialises them and applied migrations are skipped.
 */
export async function migrate(
  handle: DatabaseHandle,
  sources: MigrationSource[],
  onApplied: (id: string) => void = () => {},
): Promise<string[]> {
  await handle.exec(`create table if not exists schema_migrations (
    id text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const applied: string[] = [];
  const run = async () => {
    const done = new Map(
      (await handle.db.selectFrom("schema_migrations").select(["id", "checksum"]).execute()).map((r) => [r.id, r.checksum]),
    );
    for (const m of listMigrations(sources)) {
      const previous = done.get(m.id);
      if (previous !== undefined) {
        if (previous !== m.checksum) {
          throw new Error(`La migración ${m.id} cambió después de aplicarse; agregue una nueva migración en su lugar.`);
        }
        continue;
      }
      const record = `insert into schema_migrations (id, checksum) values ('${m.id.replace(/'/g, "''")}', '${m.checksum}');`;
      await handle.execInTransaction(`${m.sql}\n;\n${record}`);
      applied.push(m.id);
      onApplied(m.id);
    }
  };
  await handle.withAdvisoryLock(LOCK_KEY, run);
  return applied;
}
