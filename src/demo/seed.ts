import { modules } from "../modules/index.js";
import type { Services } from "../platform/services.js";

export type DemoPreparation = Map<string, Promise<unknown>>;

/** Start every module's database-free demo work (password hashing…) now, in the background. */
export function startDemoPreparation(): DemoPreparation {
  const prepared: DemoPreparation = new Map();
  for (const m of modules) {
    if (!m.prepareDemo) continue;
    const work = m.prepareDemo();
    work.catch(() => {}); // awaited (and reported) by seedDemoIfEmpty; never an unhandled rejection
    prepared.set(m.name, work);
  }
  return prepared;
}

/**
 * On the first start with an empty database, every module seeds its part of the demo
 * (territory: the INEGI catalogue and three municipalities; accounts: staff; …).
 * "Empty" means no municipality is active yet, so a restart never seeds twice.
 */
export async function seedDemoIfEmpty(services: Services, log: (line: string) => void, prepared?: DemoPreparation): Promise<boolean> {
  const active = await services.db
    .selectFrom("municipalities")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("active", "=", true)
    .executeTakeFirstOrThrow();
  if (Number(active.n) > 0) return false;
  log("base de datos vacía: cargando los municipios de demostración…");
  const started = Date.now();
  const preparation = prepared ?? startDemoPreparation();
  for (const m of modules) {
    if (m.seedDemo) await m.seedDemo(services, log, await preparation.get(m.name));
  }
  log(`demostración lista en ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
