import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { SYSTEM } from "../../platform/audit/audit.js";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { seedDemoOffices } from "./office-demo.js";
import { procedureForm } from "./office-test-support.js";
import { sql } from "kysely";
import { DOCUMENT, searchProcedures } from "./procedure-search.js";
import { createProcedure } from "./procedure-service.js";
import { seedChannelsWorld, type ChannelsWorld } from "./test-support.js";

describe("searching the catalogue in Spanish", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ChannelsWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedChannelsWorld(t.services);
    await seedDemoOffices(t.services, () => {});
  });
  after(async () => t.close());

  const search = (q: string, kind: "tramite" | "servicio" | null = null, page = 1) =>
    searchProcedures(t.services.db, w.cuauhtemoc.id, { q, kind, page, perPage: 20 });
  const names = async (q: string, kind: "tramite" | "servicio" | null = null) => (await search(q, kind)).rows.map((r) => r.name);

  it("finds by Spanish stems and ranks the name first: «licencias», «pago predial», «predial»", async () => {
    const licencias = await search("licencias");
    assert.equal(licencias.approximate, false);
    // Both licences by name first; the alineamiento only mentions the building licence in how to do it.
    assert.deepEqual(licencias.rows.slice(0, 2).map((r) => r.name).sort(), ["Licencia de construcción", "Licencia de funcionamiento"]);
    assert.deepEqual(licencias.rows.slice(2).map((r) => r.name), ["Alineamiento y número oficial"]);
    assert.equal((await names("licencia de funcionamiento"))[0], "Licencia de funcionamiento");
    assert.equal((await names("pago predial"))[0], "Pago del impuesto predial");
    const predial = await names("predial");
    assert.equal(predial[0], "Pago del impuesto predial", "a match in the name outranks one in a summary");
    assert.ok(predial.includes("Certificado de no adeudo"), "the summary is searched too");
    assert.ok((await names("número oficial")).includes("Alineamiento y número oficial"));
  });

  it("falls back to the name, accents and misspellings forgiven, and says the results are approximate", async () => {
    const misspelt = await search("liscencia");
    assert.equal(misspelt.approximate, true);
    assert.ok(misspelt.rows.some((r) => r.name === "Licencia de funcionamiento"), misspelt.rows.map((r) => r.name).join(", "));
    assert.ok((await names("arbol")).includes("Poda o retiro de árbol"));
    assert.ok((await names("vacunacion")).includes("Vacunación antirrábica de perros y gatos"));
    assert.ok((await names("precart")).includes("Cartilla del Servicio Militar (precartilla)"), "a fragment of a word");
    assert.deepEqual(await names("xyzzy quux"), []);

    const page = await app.inject("/cuauhtemoc/tramites?q=liscencia");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /No encontramos «liscencia» tal cual/);
    assert.match(page.body, /Licencia de funcionamiento/);
    const none = await app.inject("/cuauhtemoc/tramites?q=xyzzy");
    assert.match(none.body, /No encontramos trámites ni servicios para «xyzzy»/);
  });

  it("filters by kind, lists everything alphabetically without a query, and hides inactive procedures", async () => {
    const servicios = await names("", "servicio");
    assert.deepEqual(servicios, ["Alumbrado público", "Bacheo", "Poda o retiro de árbol", "Recolección de residuos voluminosos", "Vacunación antirrábica de perros y gatos"]);
    assert.deepEqual(await names("licencia", "servicio"), []);
    const all = await names("");
    assert.equal(all.length, 15);
    assert.deepEqual(all, [...all].sort((a, b) => a.localeCompare(b, "es")));

    await t.services.db.updateTable("municipal_procedures").set({ active: false }).where("slug", "=", "licencia-de-construccion").execute();
    assert.ok(!(await names("licencias")).includes("Licencia de construcción"));
    const page = await app.inject("/cuauhtemoc/tramites?tipo=servicio");
    assert.match(page.body, /Bacheo/);
    assert.doesNotMatch(page.body, /Licencia de funcionamiento/);
    assert.equal((await app.inject("/cuauhtemoc/tramites/licencia-de-construccion")).statusCode, 404);
  });

  it("paginates: 30 matches are 20 on the first page and 10 on the second", async () => {
    await t.services.db.transaction().execute(async (trx) => {
      for (let i = 1; i <= 30; i++) await createProcedure(trx, w.cuauhtemoc.id, SYSTEM, procedureForm({ name: `Permiso de prueba ${String(i).padStart(2, "0")}` }));
    });
    const first = await search("permisos de prueba");
    assert.equal(first.total, 30);
    assert.equal(first.rows.length, 20);
    assert.equal((await search("permisos de prueba", null, 2)).rows.length, 10);
    const html = await app.inject("/cuauhtemoc/tramites?q=permisos+de+prueba&pagina=2");
    assert.equal(html.statusCode, 200);
    assert.match(html.body, /Página 2 de 2/);
    assert.match(html.body, /Mostrando 21/);
  });

  it("searches the very expression the migration indexes, so the gin index can serve it", async () => {
    const plan = await t.services.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const r = await sql<Record<string, string>>`explain select p.id from municipal_procedures p where ${DOCUMENT} @@ websearch_to_tsquery('spanish', ${"licencias"})`.execute(trx);
      return r.rows.map((row) => Object.values(row)[0]).join("\n");
    });
    assert.match(plan, /municipal_procedures_search/);
  });

  it("never fails on odd input: quotes, operators, very long text, other towns' words", async () => {
    for (const q of ['"licencia', "-", "or or or", "licencia & | ! :*", "'; drop table municipal_procedures; --", "ñ".repeat(500), "%_\\"]) {
      const res = await app.inject(`/cuauhtemoc/tramites?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, q);
    }
    // León's catalogue is its own.
    await t.services.db.updateTable("municipal_procedures").set({ name: "Licencia exclusiva de León" }).where("municipality_id", "=", w.leon.id).where("slug", "=", "licencia-de-funcionamiento").execute();
    assert.doesNotMatch((await app.inject("/cuauhtemoc/tramites?q=exclusiva")).body, /exclusiva de León/);
  });
});
