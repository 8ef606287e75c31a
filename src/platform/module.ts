import type { FastifyInstance } from "fastify";
import type { Services } from "./services.js";
import type { MunicipalityNavContributor, PageLinkContributors } from "./views/nav.js";
import type { DatasetContributor } from "./datasets.js";
import type { JobDefinition } from "./jobs.js";

/** A command of the `cabildo` CLI. `args` are the words after the command name. */
export interface CliCommand {
  /** e.g. "import colonias" */
  name: string;
  usage: string;
  description: string;
  /** The CLI opens the database and starts the services before running it (the default). */
  needsDatabase?: true;
  run(args: string[], services: Services): Promise<number | void>;
}

/**
 * A command that works on files only (e.g. `opinion analyze DIR`): the CLI runs it without
 * opening the database, so it works with no server and no DATABASE_URL.
 */
export interface StandaloneCliCommand {
  name: string;
  usage: string;
  description: string;
  needsDatabase: false;
  run(args: string[]): Promise<number | void>;
}

/**
 * A module declares itself in one manifest (the Decidim idea): its migrations, its routes,
 * its policy rules and its commands. Adding a capability means adding a folder and one line
 * in src/modules/index.ts.
 */
export interface ModuleManifest {
  name: string;
  /** Folder of numbered SQL migrations, applied in module order. */
  migrations?: string;
  /** Folder with locales/<lang>/<namespace>.json translations. */
  locales?: string;
  /** Register policy rules (called once at start). */
  policies?: () => void;
  /** Register hooks and routes on the root app (not encapsulated, so hooks apply to all). */
  routes?: (app: FastifyInstance, services: Services) => Promise<void> | void;
  commands?: (CliCommand | StandaloneCliCommand)[];
  /** Links this module adds to every municipality page's navigation. */
  municipalityNav?: MunicipalityNavContributor;
  /** Links this module adds to other modules' pages (municipality home, colonia page). */
  pageLinks?: PageLinkContributors;
  /** Public datasets this module publishes per municipality, for the open-data catalogue. */
  datasets?: DatasetContributor;
  /** Background jobs (reminders, clean-ups) the scheduler runs every interval when JOBS is on. */
  jobs?: JobDefinition[];
  /**
   * CPU work the demo seed needs that does not touch the database (e.g. hashing the demo
   * passwords). main.ts starts it while the database opens, so both cores work at once;
   * its result is handed to seedDemo.
   */
  prepareDemo?: () => Promise<unknown>;
  /** Seed demo data on an empty database (in module order). */
  seedDemo?: (services: Services, log: (line: string) => void, prepared?: unknown) => Promise<void>;
}
