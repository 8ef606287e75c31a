import { createTestContext, type TestContext } from "../../platform/testing.js";
import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { territoryCommands } from "./commands.js";
import { importMunicipalities } from "./importers/municipalities.js";
import { upsertColonias } from "./importers/colonias.js";
import { importBoundary } from "./importers/geojson.js";
import { activateMunicipality, createDepartment } from "./service.js";
import { verifyAuditChain } from "../../platform/audit/verify.js";
import { PLATFORM_CHAIN } from "../../platform/audit/audit.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const SEPOMEX = path.join(here, "fixtures", "sepomex_leon_muestra.txt");
const LEON_BOUNDARY = path.join(here, "data", "leon_municipio_inegi.geojson");
const LEON = 11020;

let ctx: TestContext;

async function cli(...argv: string[]): Promise<void> {
  const command = territoryCommands
    .filter((c) => c.name.split(" ").every((w, i) => argv[i] === w))
    .sort((a, b) => b.name.length - a.name.length)[0];
  assert.ok(command, `no command for ${argv.join(" ")}`);
  const log = console.log;
  console.log = () => {};
  try {
    await command.run(argv.slice(command.name.split(" ").length), ctx.services);
  } finally {
    console.log = log;
  }
}

async function entries(action?: string) {
  let q = ctx.services.db
    .selectFrom("audit_log")
    .select(["chain_id", "seq", "action", "actor_user_id", "actor_label", "subject_type", "subject_id", "details"])
    .orderBy("chain_id")
    .orderBy("seq");
  if (action) q = q.where("action", "=", action);
  return (await q.execute()).map((r) => ({ ...r, details: r.details as Record<string, unknown> }));
}

before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  await importMunicipalities(ctx.services.db);
  await activateMunicipality(ctx.services.db, { inegiKey: "11020", slug: "leon", folioPrefix: "LEON" });
});

describe("territory audit trail", () => {
  it("records the catalogue import in the platform chain and the activation in the municipality's, as the system by default", async () => {
    const [catalogue] = await entries("territory.catalogue.import");
    assert.equal(catalogue!.chain_id, PLATFORM_CHAIN);
    assert.equal(catalogue!.actor_label, "sistema");
    assert.equal(catalogue!.actor_user_id, null);
    assert.deepEqual(catalogue!.details, { states: 32, municipalities: 2478 });
    const [activation] = await entries("territory.municipality.activate");
    assert.equal(activation!.chain_id, LEON);
    assert.equal(activation!.subject_type, "municipality");
    assert.equal(activation!.subject_id, "11020");
    assert.deepEqual(activation!.details, {
      from: { active: false, slug: null, folioPrefix: null, timeZone: "America/Mexico_City" },
      to: { active: true, slug: "leon", folioPrefix: "LEON", timeZone: "America/Mexico_City" },
    });
    assert.deepEqual(await verifyAuditChain(ctx.services.db), { ok: true, checked: 2 });
  });

  it("records command-line imports, activations and departments under the operator, without contacts or folders", async () => {
    await cli("import", "colonias", "--municipality", "leon", "--sepomex", SEPOMEX);
    await cli("import", "boundaries", "--municipality", "leon", LEON_BOUNDARY);
    await cli("municipality", "activate", "15104", "--slug", "tlalnepantla", "--prefix", "TLALNE");
    await cli("department", "add", "--municipality", "leon", "--name", "Obras Públicas", "--email", "maria.perez@leon.gob.mx", "--phone", "477 788 0000");

    const colonias = await entries("territory.colonias.import");
    assert.equal(colonias.length, 1);
    assert.equal(colonias[0]!.chain_id, LEON);
    assert.match(colonias[0]!.actor_label, /^línea de comandos \(/);
    assert.deepEqual(colonias[0]!.details, { source: "sepomex", file: "sepomex_leon_muestra.txt", inserted: 15, updated: 0 });

    const [boundary] = await entries("territory.boundary.import");
    assert.equal(boundary!.chain_id, LEON);
    assert.equal(boundary!.details.source, "leon_municipio_inegi.geojson");

    const activations = await entries("territory.municipality.activate");
    assert.deepEqual(activations.map((a) => [a.chain_id, a.actor_label.startsWith("línea de comandos")]), [[LEON, false], [15104, true]]);

    const [department] = await entries("territory.department.create");
    assert.equal(department!.chain_id, LEON);
    assert.equal(department!.subject_type, "department");
    assert.deepEqual(department!.details, { name: "Obras Públicas", slug: "obras-publicas" });

    const all = JSON.stringify(await entries());
    assert.ok(!all.includes("maria.perez") && !all.includes("477 788"), "office contacts stay out of the log");
    assert.ok(!all.includes(here), "no folder paths in the log");
    // León: activation, colonias, boundary, department, in that order, numbered without gaps.
    assert.deepEqual(
      (await entries()).filter((e) => e.chain_id === LEON).map((e) => [Number(e.seq), e.action]),
      [[1, "territory.municipality.activate"], [2, "territory.colonias.import"], [3, "territory.boundary.import"], [4, "territory.department.create"]],
    );
    assert.equal((await verifyAuditChain(ctx.services.db)).ok, true);
    assert.equal((await verifyAuditChain(ctx.services.db, { municipalityId: LEON })).checked, 4);
  });

  it("a failed import or activation leaves no audit entry", async () => {
    const before = await entries();
    const drafts = Array.from({ length: 250 }, (_, i) => ({
      sourceKey: String(i + 1),
      name: `Colonia ${i + 1}`,
      settlementType: "Colonia",
      postalCode: i === 240 ? "3710X" : "37100",
      zone: null,
      geometry: null,
    }));
    // The database refuses a row of the second batch, after the first one was written.
    await assert.rejects(upsertColonias(ctx.services.db, LEON, "manual", drafts));
    await assert.rejects(importBoundary(ctx.services.db, 9015, JSON.stringify({ type: "FeatureCollection", features: [] }), "vacio.geojson"));
    await assert.rejects(cli("import", "municipalities", SEPOMEX), /Encabezado no válido/);
    await assert.rejects(cli("municipality", "activate", "15104", "--slug", "leon", "--prefix", "TLALNE"), /ya lo usa León/);
    await assert.rejects(cli("department", "add", "--municipality", "leon", "--name", "Tesorería", "--email", "no-es-correo"), /no es válido/);
    // Activation inside a caller's transaction that later fails: rolled back with it.
    await assert.rejects(
      ctx.services.db.transaction().execute(async (trx) => {
        await activateMunicipality(trx, { inegiKey: "09015", slug: "cuauhtemoc", folioPrefix: "CUAUH" });
        await createDepartment(trx, 9015, { name: "Gobierno" });
        throw new Error("después");
      }),
      /después/,
    );
    assert.deepEqual(await entries(), before);
    const cuauhtemoc = await ctx.services.db.selectFrom("municipalities").select("active").where("id", "=", 9015).executeTakeFirstOrThrow();
    assert.equal(cuauhtemoc.active, false);
    assert.equal((await verifyAuditChain(ctx.services.db)).ok, true);
  });
});
