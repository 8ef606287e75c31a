/**
 * (b) Latency of Open311 `GET requests.json` — the newest open requests of one service — with
 * 1,000,000 requests stored in PostgreSQL. Loads the rows once with generate_series (kept in the
 * database `cabildo_bench_1m` between runs; pass --fresh to rebuild), then measures sequential
 * requests (1 connection) and 10 connections. Run:
 *   npx tsx bench/open311-read.ts [--fresh] [--rows 1000000] [--page-size 100]
 */
import { sql } from "kysely";
import pg from "pg";
import { benchWorld } from "./lib/setup.js";
import { loadInWorker } from "./lib/worker-load.js";

const args = process.argv.slice(2);
const rows = Number(args[args.indexOf("--rows") + 1] || 1_000_000) || 1_000_000;
const dbName = "cabildo_bench_1m";
if (args.includes("--fresh")) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres" });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
const world = await benchWorld("postgres", { keepDatabase: dbName });
const { db } = world.services;
const m = await db.selectFrom("municipalities").select(["id"]).where("slug", "=", "cuauhtemoc").executeTakeFirstOrThrow();
const have = Number((await sql<{ n: string }>`select count(*) as n from service_requests where municipality_id = ${m.id}`.execute(db)).rows[0]!.n);
if (have < rows) {
  const t0 = Date.now();
  console.log(`cargando ${rows - have} solicitudes…`);
  // Spread over two years, 8 services, 33 colonias; about a third still open.
  await sql`
    insert into service_requests (municipality_id, folio, service_id, status, department_id, colonia_id, colonia_source, description,
      lat, lon, attributes, channel, received_on, due_at, created_at, updated_at, tracking_token_hash, supporters_count)
    select ${m.id}, 'CUAUH-B-' || lpad(g::text, 8, '0'), s.ids[1 + (g % array_length(s.ids, 1))],
      (array['recibida','asignada','en_proceso','atendida','cerrada','cerrada','cerrada','rechazada','cerrada'])[1 + (g % 9)],
      null, c.ids[1 + (g % array_length(c.ids, 1))], 'polygon',
      'Solicitud de prueba número ' || g,
      19.40 + (g % 1000) * 0.00004, -99.17 + (g % 997) * 0.00005, '{}'::jsonb, 'web',
      (now() - ((g % 730) || ' days')::interval)::date, now() - ((g % 730) || ' days')::interval + interval '10 days',
      now() - ((g % 730) || ' days')::interval - ((g % 86400) || ' seconds')::interval, now(), md5(g::text || 'bench'), 0
    from generate_series(${have + 1}::int, ${rows}::int) g,
      (select array_agg(id order by id) ids from request_services where municipality_id = ${m.id}) s,
      (select array_agg(id order by id) ids from colonias where municipality_id = ${m.id}) c`.execute(db);
  await sql`analyze service_requests`.execute(db);
  console.log(`cargadas en ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
const { url } = await world.app();
const pageSize = args.includes("--page-size") ? `&page_size=${Number(args[args.indexOf("--page-size") + 1])}` : "";
const target = `${url}/open311/v2/requests.json?jurisdiction_id=cuauhtemoc&service_code=bache&status=open${pageSize}`;
const probe = await fetch(target);
const sample = (await probe.json()) as unknown[];
console.log(`respuesta: ${probe.status}, ${sample.length} solicitudes por página`);
await loadInWorker({ url: target, connections: 1, durationMs: 2000 });
const one = await loadInWorker({ url: target, connections: 1, durationMs: 10_000 });
const ten = await loadInWorker({ url: target, connections: 10, durationMs: 10_000 });
console.log(`rows: ${rows.toLocaleString("en")} in PostgreSQL`);
console.log(`1 connection:   p50 ${one.p50.toFixed(1)} ms, p99 ${one.p99.toFixed(1)} ms, ${one.perSecond.toFixed(0)} req/s, ${one.errors} errors`);
console.log(`10 connections: p50 ${ten.p50.toFixed(1)} ms, p99 ${ten.p99.toFixed(1)} ms, ${ten.perSecond.toFixed(0)} req/s, ${ten.errors} errors`);
await world.close();
process.exit(0);
