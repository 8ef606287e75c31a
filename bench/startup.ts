/**
 * How long a fresh `npm start` takes to answer, demo seeding included.
 * Run: npx tsx bench/startup.ts [runs]   (DATABASE_URL=… to measure on a PostgreSQL server)
 */
import { spawnCabildo } from "../test/support/spawn-cabildo.js";

const runs = Number(process.argv[2] || 3);
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const c = await spawnCabildo();
  const t0 = Date.now();
  for (const p of ["/", "/leon", "/cuauhtemoc"]) {
    const r = await fetch(c.url + p);
    if (r.status !== 200) throw new Error(`${p} → ${r.status}`);
  }
  times.push(c.readyAfterMs + (Date.now() - t0));
  await c.stop();
}
times.sort((a, b) => a - b);
console.log(`engine: ${process.env.DATABASE_URL ? "postgres" : "pglite"}`);
console.log(`fresh start → /, /leon, /cuauhtemoc served (ms): ${times.join(", ")}; median ${times[Math.floor(times.length / 2)]}`);
