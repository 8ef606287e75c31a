import fs from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the whole database or an open transaction: services accept both. */
export type Executor = Db | Trx;

export type Listener = (payload: string) => void;

/** One handle over either engine: Kysely for queries, plus the few raw operations Kysely lacks. */
export interface DatabaseHandle {
  kind: "pglite" | "postgres";
  db: Db;
  /** Run a multi-statement SQL script (migrations). */
  exec(script: string): Promise<void>;
  /** Run a script inside one transaction on one connection. */
  execInTransaction(script: string): Promise<void>;
  /** Subscribe to a NOTIFY channel; returns an unsubscribe function. */
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  /** Run fn while holding a cluster-wide advisory lock (no-op lock on the single-process embedded database). */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl: string | null;
  /** Folder for the embedded database; null keeps it in memory (tests). */
  pgliteDir: string | null;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.pgliteDir);
}

/**
 * The embedded database is one process's: two processes writing the same folder would corrupt
 * it. A pid file next to it refuses a second opener (a stale file from a crash is taken over).
 */
function lockDataDir(dir: string): () => void {
  const lockFile = `${dir}.pid`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockFile, "utf8").trim());
      let alive = false;
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid) {
        try {
          process.kill(owner, 0);
          alive = true;
        } catch (e) {
          alive = (e as NodeJS.ErrnoException).code === "EPERM";
        }
      }
      if (alive) {
        throw new Error(
          `la base de datos embebida en ${dir} está abierta por otro proceso (pid ${owner}, p. ej. npm start). ` +
            "Deténgalo antes de usar la línea de comandos, o use un servidor PostgreSQL con DATABASE_URL.",
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`no se pudo bloquear ${dir}`);
}

async function openPglite(dir: string | null): Promise<DatabaseHandle> {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const unlock = dir ? lockDataDir(dir) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dir ?? undefined, { extensions: { pg_trgm, unaccent } });
  } catch (error) {
    unlock();
    throw error;
  }
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 } as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "pglite",
    db,
    async exec(script) {
      await pglite.exec(script);
    },
    async execInTransaction(script) {
      // PGlite is one connection; go through the pool so Kysely work queues behind it.
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        try {
          await pglite.exec(script);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      } finally {
        client.release();
      }
    },
    async listen(channel, listener) {
      const unlisten = await pglite.listen(channel, listener);
      return async () => unlisten();
    },
    withAdvisoryLock(_key, fn) {
      return fn();
    },
    async close() {
      await db.destroy();
      await pglite.close();
      unlock();
    },
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE || 10) });
  // Fail early with a readable message when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let listenClient: pg.Client | null = null;
  const listeners = new Map<string, Set<Listener>>();
  async function listenConnection(): Promise<pg.Client> {
    if (listenClient) return listenClient;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on("notification", (msg) => {
      for (const l of listeners.get(msg.channel) ?? []) l(msg.payload ?? "");
    });
    client.on("error", () => {
      /* the pool reconnects on next use; listeners are best-effort live updates */
    });
    listenClient = client;
    return client;
  }
  return {
    kind: "postgres",
    db,
    async exec(script) {
      await pool.query(script);
    },
    async execInTransaction(script) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        try {
          await client.query(script);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      } finally {
        client.release();
      }
    },
    async listen(channel, listener) {
      const client = await listenConnection();
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(listener);
      return async () => {
        set!.delete(listener);
      };
    },
    async withAdvisoryLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [key]);
        try {
          return await fn();
        } finally {
          await client.query("select pg_advisory_unlock($1)", [key]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
      if (listenClient) await listenClient.end();
    },
  };
}

/** Send a NOTIFY inside the caller's transaction so it is delivered only on commit. */
export async function notify(executor: Executor, channel: string, payload: unknown): Promise<void> {
  await sql`select pg_notify(${channel}, ${JSON.stringify(payload)})`.execute(executor);
}
