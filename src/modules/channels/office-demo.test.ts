import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { seedDemoCatalogue } from "../requests/seed.js";
import { findColoniaAt, isInsideMunicipality } from "../territory/lookup.js";
import { findActiveMunicipalityBySlug } from "../territory/queries.js";
import { seedTerritoryDemo } from "../territory/seed.js";
import { seedDemoOffices } from "./office-demo.js";
import { DEMO_PROCEDURES } from "./procedure-demo-content.js";

describe("demo offices and catalogue", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    await t.reset();
    await seedTerritoryDemo(t.services, () => {});
    await seedDemoCatalogue(t.services, () => {});
  });
  after(async () => t.close());

  it("seeds Cuauhtémoc and León once, with real places where we know them, approximate ones said so, and no invented contact or amount", async () => {
    const db = t.services.db;
    const lines: string[] = [];
    await seedDemoOffices(t.services, (l) => lines.push(l));
    await seedDemoOffices(t.services, (l) => lines.push(l));
    assert.match(lines.at(-1)!, /0 oficinas nuevas/);

    const cuauhtemoc = (await findActiveMunicipalityBySlug(db, "cuauhtemoc"))!;
    const leon = (await findActiveMunicipalityBySlug(db, "leon"))!;
    const offices = await db.selectFrom("service_offices").selectAll().orderBy("municipality_id").orderBy("slug").execute();
    assert.equal(offices.filter((o) => o.municipality_id === cuauhtemoc.id).length, 7);
    assert.equal(offices.filter((o) => o.municipality_id === leon.id).length, 2);
    assert.ok(offices.every((o) => o.phone === null && o.email === null), "no phone or e-mail is invented");
    assert.ok(offices.every((o) => /Datos de demostración/.test(o.notes)));

    const sede = offices.find((o) => o.slug === "alcaldia-cuauhtemoc")!;
    assert.equal(sede.address, "Aldama y Mina s/n, colonia Buenavista");
    assert.equal((await findColoniaAt(db, cuauhtemoc.id, sede.lon!, sede.lat!))?.slug, "buenavista");
    const roma = offices.find((o) => o.slug === "modulo-roma-norte")!;
    assert.equal((await findColoniaAt(db, cuauhtemoc.id, roma.lon!, roma.lat!))?.slug, "roma-norte");
    const presidencia = offices.find((o) => o.slug === "presidencia-municipal")!;
    assert.equal(presidencia.address, "Plaza Principal s/n, Zona Centro");
    assert.equal(await isInsideMunicipality(db, leon.id, presidencia.lon!, presidencia.lat!), true);
    const movil = offices.find((o) => o.slug === "unidad-movil-de-atencion" && o.municipality_id === leon.id)!;
    assert.equal(movil.lat, null);

    for (const m of [cuauhtemoc, leon]) {
      const procedures = await db.selectFrom("municipal_procedures").selectAll().where("municipality_id", "=", m.id).execute();
      assert.equal(procedures.length, DEMO_PROCEDURES.length);
      assert.ok(procedures.length >= 15);
      assert.ok(procedures.every((p) => p.cost_mxn === null && p.online_url === null), "no amount or web address is invented");
      assert.equal(procedures.find((p) => p.slug === "bacheo")!.request_service_code, "bache");
    }
    // The headquarters offer the whole catalogue; a module, its part.
    const offered = async (officeId: number) => Number((await db.selectFrom("office_procedures").select((eb) => eb.fn.countAll<string>().as("n")).where("office_id", "=", officeId).executeTakeFirstOrThrow()).n);
    assert.equal(await offered(sede.id), DEMO_PROCEDURES.length);
    assert.equal(await offered(roma.id), 6);
    // Every write went through the services, with its audit entry.
    const audit = await db.selectFrom("audit_log").select(["action", "actor_label"]).where("action", "like", "channels.%").execute();
    assert.equal(audit.filter((a) => a.action === "channels.office.create").length, 9);
    assert.ok(audit.every((a) => a.actor_label === "datos de demostración"));
  });

  it("answers the nearest office for bacheo from colonia Hipódromo with a module nearby", async () => {
    await seedDemoOffices(t.services, () => {});
    const app = await t.app();
    const res = await app.inject("/api/v1/municipalities/cuauhtemoc/tramites/bacheo/oficina-cercana?colonia=hipodromo");
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.ok(body.nearest);
    assert.ok(body.nearest.distanceKm < 3, `${body.nearest.slug} a ${body.nearest.distanceKm} km`);
    assert.equal(body.alternatives.length, 2);
  });
});
