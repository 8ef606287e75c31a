/**
 * Archive search speed: `npx tsx bench/archive-search.ts [postgres|pglite|both]` (default both).
 * Loads 100,000 answered information requests (bulk insert with generate_series, bodies and
 * answers combined from varied Spanish municipal phrases, each turned to a department) into one
 * demo municipality, then times searchArchive — the query behind /:slug/transparencia/archivo —
 * for several terms and filters and prints p50/p95. PostgreSQL uses DATABASE_URL (default the
 * local server) in its own database, created and dropped. Goal: p95 < 50 ms.
 */
import { sql } from "kysely";
import { benchWorld } from "./lib/setup.js";
import { searchArchive, type ArchiveFilter } from "../src/modules/transparency/archive-queries.js";

const N = Number(process.env.ARCHIVE_BENCH_ROWS ?? 100_000);
const RUNS = 40;

const PHRASES = [
  "inundaciones en la colonia", "alumbrado público de la avenida", "presupuesto de obra pública", "nómina de la policía municipal",
  "contratos de recolección de basura", "crédito con la banca de desarrollo", "permisos de construcción", "bacheo de calles",
  "mercado municipal y sus locatarios", "agua potable y drenaje", "parques y jardines", "licencias de funcionamiento",
  "impuesto predial", "seguridad pública y patrullas", "cámaras de videovigilancia", "protección civil y refugios temporales",
  "gastos de comunicación social", "viajes del presidente municipal", "sesiones de cabildo", "panteones municipales",
  "rastro municipal", "transporte público concesionado", "programas sociales y becas", "desarrollo urbano y uso de suelo",
  "deuda pública", "adquisiciones y proveedores", "sueldos de regidores", "obras de pavimentación", "escuelas y bibliotecas",
  "campañas de vacunación de mascotas", "multas de tránsito", "auditorías de la contraloría", "relleno sanitario",
  "árboles talados en la vía pública", "vehículos oficiales y combustible", "eventos culturales y ferias", "tianguis y comercio ambulante",
  "reglamentos municipales", "plazas comunitarias y deportivas", "licitaciones de luminarias LED",
];
const ANSWERS = [
  "Se entrega el informe solicitado", "Se anexa la relación de contratos con sus montos", "No se localizó la información tras una búsqueda exhaustiva",
  "La información se encuentra publicada en el portal de obligaciones", "Se entrega versión pública del expediente", "Se adjuntan las estimaciones pagadas",
  "Se entrega la nómina con puestos y sueldos brutos", "La información es competencia del gobierno estatal",
];

const TERMS: { label: string; filter: Partial<ArchiveFilter> }[] = [
  { label: "inundación", filter: { q: "inundación" } },
  { label: "credito", filter: { q: "credito" } },
  { label: "alumbrado público", filter: { q: "alumbrado público" } },
  { label: "\"presupuesto de obra\"", filter: { q: "\"presupuesto de obra\"" } },
  { label: "nómina policía", filter: { q: "nómina policía" } },
  { label: "bacheo -pavimentación", filter: { q: "bacheo -pavimentación" } },
  { label: "videovigilancia 2025 clasificada", filter: { q: "videovigilancia", year: 2025, outcome: "clasificada" } },
  { label: "(sin texto, página 50)", filter: { page: 50 } },
  { label: "(sin texto, un área)", filter: {} },
  { label: "palabrainexistente", filter: { q: "palabrainexistente" } },
];

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(engine: "pglite" | "postgres"): Promise<void> {
  // ARCHIVE_BENCH_DB=name keeps (and reuses) a PostgreSQL database, to study query plans between runs.
  const keep = engine === "postgres" ? process.env.ARCHIVE_BENCH_DB : undefined;
  const world = await benchWorld(engine, keep ? { keepDatabase: keep } : {});
  try {
    const { db } = world.services;
    const m = await db.selectFrom("municipalities").select("id").where("active", "=", true).where("slug", "=", "leon").executeTakeFirstOrThrow();
    const departments = (await db.selectFrom("departments").select("id").where("municipality_id", "=", m.id).orderBy("id").execute()).map((d) => d.id);
    const loadStarted = Date.now();
    const P = PHRASES.length;
    const A = ANSWERS.length;
    const batch = 10_000;
    const loaded = await db.selectFrom("information_requests").select("id").where("municipality_id", "=", m.id).where("folio", "=", "LEON-UT-BENCH-000001").executeTakeFirst();
    for (let from = 1; !loaded && from <= N; from += batch) {
      const to = Math.min(N, from + batch - 1);
      await sql`
        insert into information_requests (municipality_id, folio, kind, profile_id, channel, body, received_at, received_on, prevention_by,
          incompetence_by, due_on, status, answer_text, answered_on, comite_resolution_number, comite_resolution_date)
        select ${m.id}, 'LEON-UT-BENCH-' || lpad(g::text, 6, '0'), 'information', 'lgtaip-2015', 'web',
          'Solicito información sobre ' || (${sql.val(PHRASES)}::text[])[1 + g % ${P}] || ', ' || (${sql.val(PHRASES)}::text[])[1 + (g / ${P}) % ${P}]
            || ' y ' || (${sql.val(PHRASES)}::text[])[1 + (g * 7 + 3) % ${P}] || ' del periodo ' || (2019 + g % 7) || '.',
          d::timestamptz + interval '16 hours', d, d + 5, d + 3, d + 28,
          (array['respondida','respondida','respondida','respondida_parcial','inexistente','clasificada','incompetente'])[1 + g % 7],
          (${sql.val(ANSWERS)}::text[])[1 + g % ${A}] || ' sobre ' || (${sql.val(PHRASES)}::text[])[1 + g % ${P}] || '.',
          d + (5 + g % 30), 'CT-' || g, d + 4
        from generate_series(${from}::int, ${to}::int) g, lateral (select (date '2019-01-02' + (g % 2500)) as d) x`.execute(db);
      await sql`
        insert into information_request_turns (municipality_id, request_id, department_id)
        select r.municipality_id, r.id, (${sql.val(departments)}::int[])[1 + (r.id % ${departments.length})]
        from information_requests r where r.municipality_id = ${m.id} and r.folio between ${`LEON-UT-BENCH-${String(from).padStart(6, "0")}`} and ${`LEON-UT-BENCH-${String(to).padStart(6, "0")}`}`.execute(db);
    }
    await sql`vacuum analyze information_requests`.execute(db);
    await sql`vacuum analyze information_request_turns`.execute(db);
    console.log(`\n${engine}: ${N.toLocaleString("es-MX")} solicitudes respondidas cargadas en ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
    let worst = 0;
    for (const term of TERMS) {
      const filter: ArchiveFilter = { page: 1, perPage: 20, ...term.filter, ...(term.label.includes("un área") ? { departmentId: departments[0] } : {}) };
      let total = 0;
      for (let i = 0; i < 3; i++) total = (await searchArchive(db, m.id, filter)).total; // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = process.hrtime.bigint();
        await searchArchive(db, m.id, filter);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      times.sort((a, b) => a - b);
      worst = Math.max(worst, pct(times, 95));
      console.log(`  ${term.label.padEnd(36)} ${String(total).padStart(6)} resultados  p50 ${pct(times, 50).toFixed(1).padStart(6)} ms  p95 ${pct(times, 95).toFixed(1).padStart(6)} ms`);
    }
    console.log(`  peor p95: ${worst.toFixed(1)} ms (meta < 50 ms) ${worst < 50 ? "✔" : "✘"}`);
  } finally {
    await world.close();
  }
}

const which = process.argv[2] ?? "both";
if (!["postgres", "pglite", "both"].includes(which)) {
  console.error("Uso: npx tsx bench/archive-search.ts [postgres|pglite|both]");
  process.exit(2);
}
if (which !== "pglite") await run("postgres");
if (which !== "postgres") await run("pglite");
