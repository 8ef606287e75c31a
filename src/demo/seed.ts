import { modules } from "../modules/index.js";
import type { Services } from "../platform/services.js";

/**
 * On the first start with an empty database, every module seeds its part of the demo
 * (territory: the INEGI catalogue and three municipalities; accounts: staff; …).
 * "Empty" means no municipality is active yet, so a restart never seeds twice.
 */
export async function seedDemoIfEmpty(services: Services, log: (line: string) => void): Promise<boolean> {
  const active = await services.db
    .selectFrom("municipalities")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("active", "=", true)
    .executeTakeFirstOrThrow();
  if (Number(active.n) > 0) return false;
  log("base de datos vacía: cargando los municipios de demostración…");
  const started = Date.now();
  for (const m of modules) {
    if (m.seedDemo) await m.seedDemo(services, log);
  }
  log(`demostración lista en ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
