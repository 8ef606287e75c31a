/**
 * (a) Creating citizen requests through Open311 (POST /open311/v2/requests.json) with 50
 * connections, against a bare node:http server that does the same INSERT (folio counter + the
 * service_requests row, in one transaction) through the same Kysely/pg driver and database.
 * Prints requests/s of both and their ratio. Run:
 *   npx tsx bench/create-throughput.ts pglite|postgres [seconds]
 */
import crypto from "node:crypto";
import http from "node:http";
import { benchWorld } from "./lib/setup.js";
import { loadInWorker } from "./lib/worker-load.js";
import { issueApiKey } from "../src/modules/requests/open311/keys.js";
import { SYSTEM } from "../src/platform/audit/audit.js";
import { nextFolio } from "../src/modules/requests/folio.js";

const engine = (process.argv[2] ?? "pglite") as "pglite" | "postgres";
const seconds = Number(process.argv[3] ?? 10);
const world = await benchWorld(engine);
const { db } = world.services;
const m = await db.selectFrom("municipalities").select(["id", "folio_prefix"]).where("slug", "=", "cuauhtemoc").executeTakeFirstOrThrow();
const service = await db.selectFrom("request_services").select("id").where("municipality_id", "=", m.id).where("code", "=", "alumbrado").executeTakeFirstOrThrow();
const { key } = await issueApiKey(db, m.id, "bench", SYSTEM);

const body =
  `api_key=${key}&jurisdiction_id=cuauhtemoc&service_code=alumbrado&lat=19.43{{jitter}}&long=-99.13{{jitter}}` +
  `&description=${encodeURIComponent("Luminaria apagada número {{i}} en la calle")}`;
const headers = { "content-type": "application/x-www-form-urlencoded" };

// Baseline: the same INSERT, no framework, no validation, no routing.
const bare = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    const form = new URLSearchParams(Buffer.concat(chunks).toString());
    try {
      const folio = await db.transaction().execute(async (trx) => {
        const f = await nextFolio(trx, m.id, m.folio_prefix!, 2026);
        await trx
          .insertInto("service_requests")
          .values({
            municipality_id: m.id, folio: f, service_id: service.id, department_id: null, colonia_id: null, colonia_source: null,
            address: null, description: form.get("description") ?? "", lat: Number(form.get("lat")), lon: Number(form.get("long")),
            attributes: "{}", channel: "open311", received_on: "2026-11-25", due_at: new Date(Date.now() + 86_400_000),
            created_at: new Date(), updated_at: new Date(), tracking_token_hash: crypto.randomBytes(32).toString("hex"),
            status_reason: null, assignee_user_id: null, attended_at: null, closed_at: null, rating: null, rating_comment: null, rated_at: null,
          })
          .execute();
        return f;
      });
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify([{ service_request_id: folio }]));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
});
await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/`;
const { url } = await world.app();

const opts = { method: "POST" as const, headers, connections: 50, durationMs: seconds * 1000 };
// Warm up both (JIT, pools, caches).
await loadInWorker({ ...opts, url: bareUrl, durationMs: 1500 }, body);
await loadInWorker({ ...opts, url: `${url}/open311/v2/requests.json`, durationMs: 1500 }, body);
const baseline = await loadInWorker({ ...opts, url: bareUrl }, body);
const cabildo = await loadInWorker({ ...opts, url: `${url}/open311/v2/requests.json` }, body);
const fmt = (r: typeof baseline) => `${r.perSecond.toFixed(0)} req/s (p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errores${r.firstError ? `: ${r.firstError}` : ""})`;
console.log(`engine: ${engine}, 50 connections, ${seconds} s each`);
console.log(`bare node:http + same INSERT: ${fmt(baseline)}`);
console.log(`Cabildo Open311 POST:         ${fmt(cabildo)}`);
console.log(`ratio: ${(cabildo.perSecond / baseline.perSecond).toFixed(2)}`);
bare.close();
await world.close();
process.exit(0);
