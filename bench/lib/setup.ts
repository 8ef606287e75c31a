/** Bench setup: a fresh database (PGlite in memory or a new database on the server), migrated, with the demo territory and catalogue. */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { FastifyInstance } from "fastify";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/platform/db/database.js";
import { migrate } from "../../src/platform/db/migrator.js";
import { createMailer } from "../../src/platform/mail.js";
import { Bus } from "../../src/platform/bus.js";
import { localStorage } from "../../src/platform/storage.js";
import type { Services } from "../../src/platform/services.js";
import { buildApp } from "../../src/platform/http/app.js";
import { migrationSources, modules } from "../../src/modules/index.js";
import { seedTerritoryDemo } from "../../src/modules/territory/seed.js";
import { seedDemoCatalogue } from "../../src/modules/requests/seed.js";

export interface BenchWorld {
  services: Services;
  engine: "pglite" | "postgres";
  app(): Promise<{ app: FastifyInstance; url: string }>;
  close(): Promise<void>;
}

/** `engine` postgres uses DATABASE_URL (default the local server) and creates/drops its own database. */
export async function benchWorld(engine: "pglite" | "postgres", options: { keepDatabase?: string } = {}): Promise<BenchWorld> {
  let databaseUrl: string | null = null;
  let drop: (() => Promise<void>) | null = null;
  if (engine === "postgres") {
    const server = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const name = options.keepDatabase ?? `cabildo_bench_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    if (!options.keepDatabase) {
      drop = async () => {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      };
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cabildo-bench-"));
  const config = { ...loadConfig({ DATA_DIR: dataDir, CABILDO_DEMO: "0", SUBMISSION_RATE_LIMIT: "100000000", OPEN311_READ_RATE_LIMIT: "0", OPEN311_WRITE_RATE_LIMIT: "0" }), databaseUrl };
  const handle = await openDatabase({ databaseUrl, pgliteDir: null });
  await migrate(handle, migrationSources());
  const services: Services = {
    config,
    handle,
    db: handle.db,
    mailer: createMailer({ smtpUrl: null, from: config.mailFrom, outboxDir: path.join(dataDir, "outbox") }),
    bus: new Bus(handle),
    storage: localStorage(path.join(dataDir, "files")),
  };
  const seeded = await handle.db.selectFrom("municipalities").select("id").where("active", "=", true).executeTakeFirst();
  if (!seeded) {
    await seedTerritoryDemo(services, () => {});
    await seedDemoCatalogue(services, () => {});
  }
  const apps: FastifyInstance[] = [];
  return {
    services,
    engine,
    async app() {
      const app = await buildApp({ services, modules, sessionSecret: "bench-secret-bench-secret-bench-secret" });
      await app.listen({ port: 0, host: "127.0.0.1" });
      apps.push(app);
      const address = app.server.address() as { port: number };
      return { app, url: `http://127.0.0.1:${address.port}` };
    },
    async close() {
      for (const a of apps) await a.close();
      await services.bus.close();
      await handle.close();
      if (drop) await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
