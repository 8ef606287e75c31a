import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../module.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Business-day calendar: statutory rest days plus each municipality's días inhábiles. */
export const calendarModule: ModuleManifest = {
  name: "calendar",
  migrations: path.join(here, "migrations"),
};
