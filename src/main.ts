import { loadConfig } from "./config.js";
import { sessionSecret, startServices } from "./platform/boot.js";
import { buildApp } from "./platform/http/app.js";
import { modules } from "./modules/index.js";
import fs from "node:fs";
import path from "node:path";
import { seedDemoIfEmpty, startDemoPreparation } from "./demo/seed.js";
import { seedDemoOpen311Key } from "./modules/requests/open311/keys.js";
import { startJobScheduler } from "./platform/jobs.js";

const started = Date.now();
const config = loadConfig();
const log = (line: string) => console.log(`[cabildo] ${line}`);

// A brand-new database will be seeded: start the demo's CPU work (password hashing) on the
// thread pool while the main thread opens and migrates the database.
const freshDatabase = config.databaseUrl !== null || !fs.existsSync(path.join(config.dataDir, "pglite"));
const demoPreparation = config.demo && freshDatabase ? startDemoPreparation() : undefined;
const services = await startServices(config, log);
log(`base de datos: ${services.handle.kind === "pglite" ? `embebida (PGlite) en ${config.dataDir}` : "servidor PostgreSQL"}`);
if (config.demo) {
  const seeded = await seedDemoIfEmpty(services, log, demoPreparation);
  // A known demo Open311 key (CABILDO_DEMO_OPEN311_KEY) is ensured and printed on every start.
  if (!seeded && process.env.CABILDO_DEMO_OPEN311_KEY) await seedDemoOpen311Key(services, log);
}

const app = await buildApp({
  services,
  modules,
  sessionSecret: sessionSecret(config),
  logger: { level: config.logLevel },
});
await app.listen({ port: config.port, host: config.host });
log(`Cabildo escucha en ${config.publicUrl} (listo en ${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (services.mailer.outboxDir) log(`correo sin SMTP: los mensajes se guardan en ${services.mailer.outboxDir}`);
const jobs = config.jobs ? startJobScheduler(services, modules.flatMap((m) => m.jobs ?? []), log) : null;

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    log("cerrando…");
    await jobs?.stop();
    await app.close();
    await services.bus.close();
    await services.handle.close();
    process.exit(0);
  });
}
