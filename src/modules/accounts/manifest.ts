import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../../platform/module.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Citizens' and staff accounts, sessions, roles per municipality, invitations. */
export const accountsModule: ModuleManifest = {
  name: "accounts",
  migrations: path.join(here, "migrations"),
};
