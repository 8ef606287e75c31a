import type { Config } from "../config.js";
import type { DatabaseHandle, Db } from "./db/database.js";
import type { Mailer } from "./mail.js";

/** What the running application hands to every module: built once in main.ts (or a test). */
export interface Services {
  config: Config;
  handle: DatabaseHandle;
  db: Db;
  mailer: Mailer;
}
