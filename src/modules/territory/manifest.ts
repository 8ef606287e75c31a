import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";
import "./tables.js";

const here = path.dirname(fileURLToPath(import.meta.url));

export const territoryModule: ModuleManifest = {
  name: "territory",
  migrations: path.join(here, "migrations"),
};
