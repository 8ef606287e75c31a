/** Start `src/main.ts` as a real process on a free port, as `npm start` would, and wait for it. */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface RunningCabildo {
  url: string;
  output: () => string;
  /** Milliseconds from spawn until /healthz answered 200. */
  readyAfterMs: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function spawnCabildo(env: Record<string, string> = {}, timeoutMs = 60_000): Promise<RunningCabildo> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cabildo-start-"));
  let dropDb: (() => Promise<void>) | null = null;
  const extra: Record<string, string> = {};
  if (process.env.DATABASE_URL) {
    const name = `cabildo_s_${crypto.randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    extra.DATABASE_URL = u.toString();
    extra.CABILDO_DEMO = "1";
    dropDb = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", ...extra, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    if (dropDb) await dropDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`Cabildo terminó al arrancar (código ${child.exitCode}):\n${out}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return { url, output: () => out, readyAfterMs: Date.now() - started, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`Cabildo no respondió en ${timeoutMs} ms:\n${out}`);
}
