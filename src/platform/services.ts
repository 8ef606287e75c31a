import type { Config } from "../config.js";
import type { DatabaseHandle, Db } from "./db/database.js";
import type { Mailer } from "./mail.js";
import type { Bus } from "./bus.js";
import type { Storage } from "./storage.js";

/** What the running application hands to every module: built once in main.ts (or a test). */
export interface Services {
  config: Config;
  handle: DatabaseHandle;
  db: Db;
  mailer: Mailer;
  /** Cross-process publish/subscribe (LISTEN/NOTIFY). */
  bus: Bus;
  /** Uploaded files. */
  storage: Storage;
}
