import { createTestContext, type TestContext } from "../../platform/testing.js";
import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { territoryCommands } from "./commands.js";
import { importMunicipalities, SHIPPED_MUNICIPALITIES_CSV } from "./importers/municipalities.js";
import { parseSepomex } from "./importers/sepomex.js";
import { upsertColonias } from "./importers/colonias.js";
import { activateMunicipality, createDepartment } from "./service.js";
import { listDepartments } from "./queries.js";
import { TerritoryError } from "./errors.js";
import { CliError } from "../../cli/options.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(here, "fixtures", "sepomex_leon_muestra.txt");
const CUAUHTEMOC_COLONIAS = path.join(here, "data", "cuauhtemoc_colonias_seduvi.geojson");

let ctx: TestContext;
let tmp: string;
const quiet = { log: console.log, error: console.error };

async function cli(...argv: string[]): Promise<void> {
  const command = territoryCommands
    .filter((c) => c.name.split(" ").every((w, i) => argv[i] === w))
    .sort((a, b) => b.name.length - a.name.length)[0];
  assert.ok(command, `no command for ${argv.join(" ")}`);
  console.log = () => {};
  try {
    await command.run(argv.slice(command.name.split(" ").length), ctx.services);
  } finally {
    console.log = quiet.log;
  }
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

async function coloniaCount(municipalityId: number): Promise<number> {
  const r = await ctx.services.db.selectFrom("colonias").select((eb) => eb.fn.countAll<string>().as("n")).where("municipality_id", "=", municipalityId).executeTakeFirstOrThrow();
  return Number(r.n);
}

before(async () => {
  ctx = await createTestContext();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cabildo-territory-"));
});
after(async () => {
  await ctx.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(async () => {
  await ctx.reset();
  await importMunicipalities(ctx.services.db);
  await activateMunicipality(ctx.services.db, { inegiKey: "11020", slug: "leon", folioPrefix: "LEON" });
});

describe("INEGI catalogue import", () => {
  it("loads every state and all 2,478 municipalities with proper Spanish names, and re-running updates in place", async () => {
    await cli("import", "municipalities");
    const { db } = ctx.services;
    const n = await db.selectFrom("municipalities").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 2478);
    const cdmx = await db.selectFrom("states").selectAll().where("code", "=", "09").executeTakeFirstOrThrow();
    assert.equal(cdmx.name, "Ciudad de México");
    const leon = await db.selectFrom("municipalities").selectAll().where("id", "=", 11020).executeTakeFirstOrThrow();
    assert.equal(leon.name, "León");
    assert.equal(leon.population, 1721215);
    assert.equal(leon.slug, "leon", "re-import keeps the activation");
    assert.equal(leon.active, true);
    const oaxaca = await db.selectFrom("municipalities").select("name").where("id", "=", 20549).executeTakeFirstOrThrow();
    assert.match(oaxaca.name, /^Heroica Villa Tezoatlán de Segura y Luna, Cuna de la Independencia de Oaxaca$/);
  });

  it("rejects a CSV with a bad row naming the line, and changes nothing", async () => {
    const lines = fs.readFileSync(SHIPPED_MUNICIPALITIES_CSV, "utf8").split("\n");
    lines[1] = lines[1]!.replace("Aguascalientes,01001", "Aguascalientes Cambiado,01001");
    lines[40] = lines[40]!.replace(/,(\d{5}),/, ",99999,");
    const file = write("bad.csv", lines.join("\n"));
    await assert.rejects(cli("import", "municipalities", file), (e: Error) => e instanceof CliError && /Línea 41/.test(e.message));
    const ags = await ctx.services.db.selectFrom("municipalities").select("name").where("id", "=", 1001).executeTakeFirstOrThrow();
    assert.equal(ags.name, "Aguascalientes");
  });

  it("rejects a CSV without the INEGI header", async () => {
    const file = write("noheader.csv", "a,b,c\n1,2,3\n");
    await assert.rejects(cli("import", "municipalities", file), /Encabezado no válido en la línea 1/);
  });
});

describe("SEPOMEX colonias import", () => {
  it("reads the ISO-8859-1 file with its notice line, keeps only León, decodes accents", async () => {
    await cli("import", "colonias", "--municipality", "leon", "--sepomex", FIXTURE);
    const rows = await ctx.services.db.selectFrom("colonias").selectAll().where("municipality_id", "=", 11020).orderBy("source_key").execute();
    assert.equal(rows.length, 15, "the 3 rows of Guanajuato, Silao and Dolores Hidalgo are skipped");
    const names = rows.map((r) => r.name);
    assert.ok(names.includes("León de los Aldama Centro"));
    assert.ok(names.includes("La Ñora"));
    assert.ok(names.includes("Peñitas"));
    assert.ok(!names.some((n) => /Silao|Guanajuato Centro|Ã/.test(n)));
    const nora = rows.find((r) => r.name === "La Ñora")!;
    assert.equal(nora.slug, "la-nora");
    assert.equal(nora.zone, "Semiurbano");
    assert.equal(nora.postal_code, "37170");
    assert.equal(nora.source, "sepomex");
    const moral = rows.filter((r) => r.name === "Jardines del Moral").map((r) => r.slug).sort();
    assert.deepEqual(moral, ["jardines-del-moral", "jardines-del-moral-37120"], "same name, different postal code → distinct slugs");
    assert.equal(rows.find((r) => r.name === "Cañada de Alfaro")!.settlement_type, "Ranchería");
  });

  it("re-importing upserts without duplicates and keeps slugs", async () => {
    await cli("import", "colonias", "--municipality", "leon", "--sepomex", FIXTURE);
    const first = await ctx.services.db.selectFrom("colonias").select(["id", "slug"]).orderBy("id").execute();
    await cli("import", "colonias", "--municipality", "leon", "--sepomex", FIXTURE);
    const second = await ctx.services.db.selectFrom("colonias").select(["id", "slug"]).orderBy("id").execute();
    assert.deepEqual(second, first);
  });

  it("reads the same catalogue saved as UTF-8", () => {
    const utf8 = Buffer.from(fs.readFileSync(FIXTURE).toString("latin1"), "utf8");
    const { drafts, skipped } = parseSepomex(utf8, "11020");
    assert.equal(drafts.length, 15);
    assert.equal(skipped, 3);
    assert.ok(drafts.some((d) => d.name === "La Ñora"));
  });

  it("refuses a file without León's rows or with a broken row, changing nothing", async () => {
    assert.throws(() => parseSepomex(fs.readFileSync(FIXTURE), "15104"), /no contiene asentamientos del municipio 15104/);
    const text = fs.readFileSync(FIXTURE, "latin1").split("\r\n");
    text[5] = text[5]!.split("|").slice(0, 10).join("|");
    const file = write("roto.txt", Buffer.from(text.join("\r\n"), "latin1"));
    await assert.rejects(cli("import", "colonias", "--municipality", "leon", "--sepomex", file), /Línea 6: se esperaban 15 columnas/);
    assert.equal(await coloniaCount(11020), 0);
  });

  it("asks for an activated municipality", async () => {
    await assert.rejects(cli("import", "colonias", "--municipality", "zapopan", "--sepomex", FIXTURE), /No hay un municipio con el slug "zapopan"/);
  });
});

describe("GeoJSON imports", () => {
  beforeEach(async () => {
    await activateMunicipality(ctx.services.db, { inegiKey: "09015", slug: "cuauhtemoc", folioPrefix: "CUAUH" });
  });

  it("imports the 33 SEDUVI polygons of Cuauhtémoc with postal codes and bounding boxes", async () => {
    await cli("import", "colonias", "--municipality", "cuauhtemoc", "--geojson", CUAUHTEMOC_COLONIAS);
    const algarin = await ctx.services.db.selectFrom("colonias").selectAll().where("municipality_id", "=", 9015).where("slug", "=", "algarin").executeTakeFirstOrThrow();
    assert.equal(algarin.name, "Algarín");
    assert.equal(algarin.postal_code, "06880");
    assert.equal(algarin.source_key, "0901500010001");
    assert.equal(algarin.zone, null, "the SEDUVI file has no zone; none is invented");
    assert.ok(algarin.bbox_west! < algarin.bbox_east! && algarin.bbox_south! < algarin.bbox_north!);
    assert.equal(await coloniaCount(9015), 33);
    await cli("import", "colonias", "--municipality", "cuauhtemoc", "--geojson", CUAUHTEMOC_COLONIAS, "--zone", "Urbano");
    assert.equal(await coloniaCount(9015), 33, "re-import upserts");
    const zones = await ctx.services.db.selectFrom("colonias").select("zone").distinct().where("municipality_id", "=", 9015).execute();
    assert.deepEqual(zones, [{ zone: "Urbano" }]);
    await assert.rejects(cli("import", "colonias", "--municipality", "cuauhtemoc", "--geojson", CUAUHTEMOC_COLONIAS, "--zone", "Lunar"), /Zona desconocida/);
  });

  const bad: [string, string, RegExp][] = [
    ["invalid JSON", "{ nope", /no es JSON válido/],
    ["not a FeatureCollection", JSON.stringify({ type: "Feature", properties: {}, geometry: null }), /no es un FeatureCollection/],
    [
      "a point instead of a polygon",
      JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: { nom_asen: "Centro" }, geometry: { type: "Point", coordinates: [-99.13, 19.43] } }] }),
      /"Centro"\) tiene geometría "Point" no válida/,
    ],
    [
      "a feature without a name",
      JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: { cp: "06000" }, geometry: { type: "Polygon", coordinates: [[[-99.1, 19.4], [-99.2, 19.4], [-99.2, 19.5], [-99.1, 19.4]]] } }] }),
      /no tiene nombre \(propiedad "nom_asen"\)/,
    ],
  ];
  for (const [label, content, message] of bad) {
    it(`rejects ${label} with a clear message and no rows`, async () => {
      const file = write("bad.geojson", content);
      await assert.rejects(cli("import", "colonias", "--municipality", "cuauhtemoc", "--geojson", file), (e: Error) => e instanceof CliError && message.test(e.message));
      assert.equal(await coloniaCount(9015), 0);
    });
  }

  it("refuses the whole file when a later feature is bad", async () => {
    const fc = JSON.parse(fs.readFileSync(CUAUHTEMOC_COLONIAS, "utf8"));
    fc.features[30].geometry = { type: "LineString", coordinates: [[-99.1, 19.4], [-99.2, 19.5]] };
    const file = write("casi.geojson", JSON.stringify(fc));
    await assert.rejects(cli("import", "colonias", "--municipality", "cuauhtemoc", "--geojson", file), /El elemento 31/);
    assert.equal(await coloniaCount(9015), 0);
  });

  it("checks the INEGI key of a municipal boundary", async () => {
    const leonBoundary = path.join(here, "data", "leon_municipio_inegi.geojson");
    await assert.rejects(cli("import", "boundaries", "--municipality", "cuauhtemoc", leonBoundary), /no contiene el límite del municipio 09015 \(claves encontradas: 11020\)/);
    await cli("import", "boundaries", "--municipality", "leon", leonBoundary);
    const row = await ctx.services.db.selectFrom("municipal_boundaries").select(["municipality_id", "bbox_west"]).executeTakeFirstOrThrow();
    assert.equal(row.municipality_id, 11020);
    assert.ok(row.bbox_west < -101.5);
  });

  it("imports León's 161 INEGI localities, confidential populations as unknown", async () => {
    await cli("import", "localities", "--municipality", "leon", path.join(here, "data", "leon_localidades_inegi.geojson"));
    const rows = await ctx.services.db.selectFrom("localities").selectAll().where("municipality_id", "=", 11020).execute();
    assert.equal(rows.length, 161);
    const seat = rows.find((r) => r.cvegeo === "110200001")!;
    assert.equal(seat.name, "León de los Aldama");
    assert.equal(seat.ambit, "Urbano");
    assert.equal(seat.population, 1579803);
  });
});

describe("municipality and department commands", () => {
  it("activates with validation in Spanish", async () => {
    await assert.rejects(cli("municipality", "activate", "15104", "--slug", "Tlalne Pantla", "--prefix", "TLALNE"), /solo puede tener minúsculas/);
    await assert.rejects(cli("municipality", "activate", "15104", "--slug", "leon", "--prefix", "TLALNE"), /ya lo usa León/);
    await assert.rejects(cli("municipality", "activate", "15104", "--slug", "tlalnepantla", "--prefix", "TLALNE", "--time-zone", "Marte/Olimpo"), /Zona horaria desconocida/);
    await assert.rejects(cli("municipality", "activate", "99999", "--slug", "x", "--prefix", "XX"), /No existe el municipio con clave 99999/);
    await cli("municipality", "activate", "15104", "--slug", "tlalnepantla", "--prefix", "TLALNE");
    const m = await ctx.services.db.selectFrom("municipalities").selectAll().where("id", "=", 15104).executeTakeFirstOrThrow();
    assert.equal(m.active, true);
    assert.equal(m.folio_prefix, "TLALNE");
    assert.equal(m.time_zone, "America/Mexico_City");
  });

  it("adds departments with unique slugs and refuses duplicates and bad contacts", async () => {
    await cli("department", "add", "--municipality", "leon", "--name", "Obras Públicas", "--email", "obras@leon.gob.mx");
    await assert.rejects(cli("department", "add", "--municipality", "leon", "--name", "obras públicas"), /Ya existe la dependencia/);
    await assert.rejects(
      ctx.services.db.transaction().execute((trx) => createDepartment(trx, 11020, { name: "Tesorería", officeEmail: "no-es-correo" })),
      (e: Error) => e instanceof TerritoryError && /no es válido/.test(e.message),
    );
    const list = await listDepartments(ctx.services.db, 11020);
    assert.deepEqual(list.map((d) => [d.name, d.slug, d.officeEmail]), [["Obras Públicas", "obras-publicas", "obras@leon.gob.mx"]]);
  });

  it("rolls back every batch when the database refuses a row in a later batch", async () => {
    const drafts = Array.from({ length: 250 }, (_, i) => ({
      sourceKey: String(i + 1),
      name: `Colonia ${i + 1}`,
      settlementType: "Colonia",
      postalCode: i === 240 ? "3710X" : "37100",
      zone: null,
      geometry: null,
    }));
    await assert.rejects(upsertColonias(ctx.services.db, 11020, "manual", drafts));
    assert.equal(await coloniaCount(11020), 0, "the first batch of 200 was rolled back too");
  });
});
