/**
 * (c) Delay from a status change to 1,000 connected SSE watchers of the staff live queue.
 * 1,000 EventSource-like connections (signed-in staff, in a worker thread so the watchers do not
 * share the server's event loop) listen on /cuauhtemoc/admin/solicitudes/eventos; the bench then
 * changes a request's status 20 times through the real service (applyStaffChange: transaction →
 * NOTIFY → bus → every stream) and records, per watcher, the time from the commit to the event.
 * Run: npx tsx bench/sse-watchers.ts pglite|postgres [watchers]
 */
import { Worker } from "node:worker_threads";
import { benchWorld } from "./lib/setup.js";
import { percentile } from "./lib/load.js";
import { createRequest } from "../src/modules/requests/create.js";
import { applyStaffChange } from "../src/modules/requests/workflow.js";
import { createAccount } from "../src/modules/accounts/provision.js";
import { grantRole } from "../src/modules/accounts/members.js";
import { createSession } from "../src/modules/accounts/sessions.js";
import { loadActor } from "../src/modules/accounts/queries.js";
import { findActiveMunicipalityBySlug } from "../src/modules/territory/queries.js";
import { anonymous } from "../src/platform/policy.js";

const engine = (process.argv[2] ?? "pglite") as "pglite" | "postgres";
const watchers = Number(process.argv[3] ?? 1000);
const world = await benchWorld(engine);
const { db } = world.services;
const m = (await findActiveMunicipalityBySlug(db, "cuauhtemoc"))!;
const userId = await db.transaction().execute((trx) =>
  createAccount(trx, anonymous, { email: "bench@cuauhtemoc.test", displayName: "Bench", passwordHash: "x", platformRole: null, oversees: [] }),
);
await grantRole(db, anonymous, { userId, municipalityId: m.id, role: "administrator", departmentId: null });
const actor = (await loadActor(db, userId))!;
const token = await createSession(db, userId, "bench");
const { url } = await world.app();

const worker = new Worker(new URL("./lib/sse-worker-boot.mjs", import.meta.url), {
  workerData: { url: `${url}/cuauhtemoc/admin/solicitudes/eventos`, cookie: `cabildo_sesion=${token}`, watchers },
});
const fromWorker = <T>(type: string) =>
  new Promise<T>((resolve) => {
    const listener = (msg: { type: string; value: T }) => {
      if (msg.type !== type) return;
      worker.off("message", listener);
      resolve(msg.value);
    };
    worker.on("message", listener);
  });
const connected = fromWorker<number>("connected");
worker.postMessage({ type: "connect" });
const open = await connected;
console.log(`engine: ${engine}; ${open} watchers connected (bus subscribers: ${world.services.bus.subscriberCount})`);

const request = await createRequest(world.services, m, { serviceCode: "alumbrado", description: "Luminaria para medir el retraso", channel: "web" }, anonymous);
const statuses = ["en_proceso", "asignada"] as const;
const delays: number[] = [];
let missing = 0;
for (let round = 0; round < 20; round++) {
  const to = statuses[round % 2]!;
  const done = fromWorker<{ arrivals: number[]; missing: number }>("round");
  worker.postMessage({ type: "expect", status: to });
  await new Promise((r) => setTimeout(r, 50));
  const committed = performance.timeOrigin + performance.now();
  await applyStaffChange(world.services, m.id, [request.id], { kind: "status", to }, actor);
  const result = await done;
  for (const at of result.arrivals) delays.push(at - committed);
  missing += result.missing;
}
delays.sort((a, b) => a - b);
console.log(`status changes: 20 → ${delays.length} deliveries, ${missing} missed`);
console.log(`delay commit → watcher: p50 ${percentile(delays, 50).toFixed(1)} ms, p99 ${percentile(delays, 99).toFixed(1)} ms, max ${delays.at(-1)!.toFixed(1)} ms`);
await worker.terminate();
await world.close();
process.exit(0);
