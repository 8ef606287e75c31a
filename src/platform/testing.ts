/**
 * Test support: one database per test file (PGlite in memory, or a fresh database on the
 * PostgreSQL server named by DATABASE_URL), migrated once, emptied between tests.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { loadConfig, type Config } from "../config.js";
import { openDatabase } from "./db/database.js";
import { migrate } from "./db/migrator.js";
import { createMailer } from "./mail.js";
import { Bus } from "./bus.js";
import { localStorage } from "./storage.js";
import { clearAllCaches } from "./cache.js";
import type { Services } from "./services.js";
import { buildApp } from "./http/app.js";
import { migrationSources, modules } from "../modules/index.js";

export interface TestContext {
  services: Services;
  config: Config;
  /** Empty every table (keeps the schema and tables commented 'reference data'); call in beforeEach. */
  reset(): Promise<void>;
  /** Build a fresh app on this database. */
  app(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const serverUrl = process.env.DATABASE_URL || null;
  let databaseUrl: string | null = null;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (serverUrl) {
    const name = `cabildo_t_${crypto.randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      // pg's Pool.end() resolves before its connections finish closing; a forced drop right away
      // kills them mid-close and they throw uncaught errors. Wait for them, force only as a last resort.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`drop database if exists ${name}${attempt < 40 ? "" : " with (force)"}`);
          break;
        } catch (error) {
          if (attempt >= 40 || (error as { code?: string }).code !== "55006") throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      await c.end();
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cabildo-test-"));
  const config: Config = {
    // Background jobs off unless a test asks for them (overrides.jobs): they would act on other tests' rows.
    ...loadConfig({ DATA_DIR: dataDir, CABILDO_DEMO: "0", JOBS: "0" }),
    databaseUrl,
    ...overrides,
  };
  const handle = await openDatabase({ databaseUrl, pgliteDir: null });
  await migrate(handle, migrationSources());
  const mailer = createMailer({ smtpUrl: null, from: config.mailFrom, outboxDir: path.join(dataDir, "outbox") });
  const bus = new Bus(handle);
  const services: Services = { config, handle, db: handle.db, mailer, bus, storage: localStorage(path.join(dataDir, "files")) };
  const apps: FastifyInstance[] = [];
  return {
    services,
    config,
    async reset() {
      const tables = await sql<{ tablename: string }>`
        select tablename from pg_tables where schemaname = 'public' and tablename <> 'schema_migrations'
          and coalesce(obj_description(format('public.%I', tablename)::regclass, 'pg_class'), '') <> 'reference data'`.execute(handle.db);
      if (tables.rows.length) {
        const truncate = sql.raw(`truncate ${tables.rows.map((r) => `"${r.tablename}"`).join(", ")} restart identity cascade`);
        // Background work of the previous test (e-mail notifier, a closing SSE stream) may still hold
        // a lock: a deadlock here is retried, never reported as the next test's failure.
        for (let attempt = 1; ; attempt++) {
          try {
            await truncate.execute(handle.db);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== "40P01" || attempt >= 5) throw error;
            await new Promise((r) => setTimeout(r, 50 * attempt));
          }
        }
      }
      fs.rmSync(path.join(dataDir, "outbox"), { recursive: true, force: true });
      fs.rmSync(path.join(dataDir, "files"), { recursive: true, force: true });
      clearAllCaches();
    },
    async app() {
      const app = await buildApp({ services, modules, sessionSecret: "test-secret-test-secret-test-secret" });
      apps.push(app);
      return app;
    },
    async close() {
      for (const a of apps) await a.close();
      await bus.close();
      await handle.close();
      if (dropDatabase) await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Listen on a free loopback port (for SSE streams and browsers) and give the base URL, http://127.0.0.1:<port>. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address !== "object") throw new Error("the app is not listening on a TCP port");
  return `http://127.0.0.1:${address.port}`;
}

/** A cookie jar for app.inject(): keeps cookies across requests like a browser. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(private app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === "";
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** The CSRF token a form on this site would carry. */
  get csrf(): string {
    return this.cookies.get("cabildo_csrf") ?? "";
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: "GET", url, headers: { cookie: this.cookieHeader, ...headers } });
    this.remember(res);
    return res;
  }

  /** Submit a form like a browser, CSRF token included unless given explicitly. */
  async post(url: string, form: Record<string, string | string[]> = {}, options: { csrf?: boolean; headers?: Record<string, string> } = {}) {
    if (!this.cookies.has("cabildo_csrf")) await this.get("/");
    const body = new URLSearchParams();
    if (options.csrf !== false && !("_csrf" in form)) body.append("_csrf", this.csrf);
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const res = await this.app.inject({
      method: "POST",
      url,
      payload: body.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader, ...(options.headers ?? {}) },
    });
    this.remember(res);
    return res;
  }
}
