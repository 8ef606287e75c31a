import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { openDatabase } from "./db/database.js";
import { migrate } from "./db/migrator.js";
import { createMailer } from "./mail.js";
import { Bus } from "./bus.js";
import { localStorage } from "./storage.js";
import type { Services } from "./services.js";
import { migrationSources } from "../modules/index.js";

/** Open the database (embedded or server), apply migrations, and wire the shared services. */
export async function startServices(config: Config, log: (line: string) => void = () => {}): Promise<Services> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? null : path.join(config.dataDir, "pglite"),
  });
  try {
    await migrate(handle, migrationSources(), (id) => log(`migración aplicada: ${id}`));
  } catch (error) {
    await handle.close();
    throw error;
  }
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: path.join(config.dataDir, "outbox") });
  const storage = localStorage(path.join(config.dataDir, "files"));
  return { config, handle, db: handle.db, mailer, bus: new Bus(handle), storage };
}

/** SESSION_SECRET, or a random one kept in DATA_DIR so sessions survive a restart. */
export function sessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, "session-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
