import type { ModuleManifest } from "./module.js";

/** Platform-wide tables (extensions, audit log, calendar) and routes (landing is territory's). */
export const platformModule: ModuleManifest = {
  name: "platform",
};
