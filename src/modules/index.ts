import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModuleManifest } from "../platform/module.js";
import type { MigrationSource } from "../platform/db/migrator.js";
import { platformModule } from "../platform/manifest.js";
import { territoryModule } from "./territory/manifest.js";
import { calendarModule } from "../platform/calendar/manifest.js";
import { accountsModule } from "./accounts/manifest.js";
import { requestsModule } from "./requests/manifest.js";
import { transparencyModule } from "./transparency/manifest.js";
import { opendataModule } from "./opendata/manifest.js";
import { participationModule } from "./participation/manifest.js";
import { proposalsModule } from "./proposals/manifest.js";
import { roundtablesModule } from "./roundtables/manifest.js";
import { opinionModule } from "./opinion/manifest.js";
import { consultationsModule } from "./consultations/manifest.js";
import { prioritisationModule } from "./prioritisation/manifest.js";
import { plansModule } from "./plans/manifest.js";
import { channelsModule } from "./channels/manifest.js";

/** Every capability, in dependency order: migrations, routes and demo seeds run in this order. */
export const modules: ModuleManifest[] = [platformModule, territoryModule, calendarModule, accountsModule, requestsModule, transparencyModule, participationModule, proposalsModule, consultationsModule, prioritisationModule, roundtablesModule, opinionModule, plansModule, channelsModule, opendataModule];

const here = path.dirname(fileURLToPath(import.meta.url));
export function migrationSources(): MigrationSource[] {
  return [
    { name: "platform", dir: path.join(here, "../platform/db/migrations") },
    ...modules.filter((m) => m.migrations && m.name !== "platform").map((m) => ({ name: m.name, dir: m.migrations! })),
  ];
}
