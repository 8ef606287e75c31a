import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { CUAUHTEMOC, LEON, login, makeUser, seedTowns } from "../accounts/test-support.js";
import { profileInForceOn } from "./profiles.js";
import { loadThresholds } from "./compliance.js";
import { legalProfileCommand } from "./settings-cli.js";

describe("transparency settings (legal profile and semáforo)", () => {
  let t: TestContext;
  let app: FastifyInstance;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    await seedTowns(t.services.db);
    await makeUser(t.services.db, "unidad@leon.gob.mx", { role: "transparency_unit", municipalityId: LEON });
    await makeUser(t.services.db, "observa@leon.gob.mx", { role: "observer", municipalityId: LEON });
    await makeUser(t.services.db, "admin@cuauhtemoc.gob.mx", { role: "administrator", municipalityId: CUAUHTEMOC });
  });

  const as = async (email: string) => {
    const b = new Browser(app);
    await login(b, email);
    return b;
  };
  const choices = async () => t.services.db.selectFrom("municipal_legal_profiles").selectAll().execute();
  const audits = async (action: string) => Number((await t.services.db.selectFrom("audit_log").select(t.services.db.fn.countAll().as("n")).where("action", "=", action).executeTakeFirstOrThrow()).n);

  it("lets the transparency unit apply a profile from a date; earlier requests keep the old one", async () => {
    const unit = await as("unidad@leon.gob.mx");
    const page = await unit.get("/leon/admin/transparencia/ajustes");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ajustes de transparencia/);
    assert.match(page.body, /se aplican las leyes generales \(lgtaip-2015/);
    const res = await unit.post("/leon/admin/transparencia/ajustes/perfil", { kind: "information", profile: "edomex-2016", since: "2026-12-01" });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal((await profileInForceOn(t.services.db, LEON, "information", "2026-12-01")).id, "edomex-2016");
    assert.equal((await profileInForceOn(t.services.db, LEON, "information", "2026-11-30")).id, "lgtaip-2015");
    assert.equal(await audits("transparency.profile.choose"), 1);
    const after = await unit.get("/leon/admin/transparencia/ajustes");
    assert.match(after.body, /Perfil edomex-2016 aplicado desde 2026-12-01/);
    assert.match(after.body, /Ley de Transparencia del Estado de México \(2016\) \(edomex-2016\)/);
  });

  it("refuses a profile that does not exist, of the other kind, before its law, or a malformed date — nothing stored", async () => {
    const unit = await as("unidad@leon.gob.mx");
    const cases: [Record<string, string>, RegExp][] = [
      [{ kind: "information", profile: "no-existe", since: "2026-12-01" }, /No existe el perfil legal/],
      [{ kind: "information", profile: "arco-2017", since: "2026-12-01" }, /no es para solicitudes de tipo acceso/],
      [{ kind: "information", profile: "edomex-2016", since: "2010-01-01" }, /rige desde 2016-05-05/],
      [{ kind: "information", profile: "edomex-2016", since: "01/12/2026" }, /no es una fecha válida/],
      [{ kind: "otra", profile: "edomex-2016", since: "2026-12-01" }, /Elija el tipo de solicitud/],
    ];
    for (const [form, message] of cases) {
      const res = await unit.post("/leon/admin/transparencia/ajustes/perfil", form);
      assert.equal(res.statusCode, 422, JSON.stringify(form));
      assert.match(res.body, message);
      assert.match(res.body, /class="error-summary"/);
    }
    assert.deepEqual(await choices(), []);
    assert.equal(await audits("transparency.profile.choose"), 0);
  });

  it("saves the semáforo thresholds and rejects yellow above green", async () => {
    const unit = await as("unidad@leon.gob.mx");
    assert.equal((await unit.post("/leon/admin/transparencia/ajustes/semaforo", { green: "85", yellow: "60,5" })).statusCode, 303);
    assert.deepEqual(await loadThresholds(t.services.db, LEON), { green: 85, yellow: 60.5 });
    const bad = await unit.post("/leon/admin/transparencia/ajustes/semaforo", { green: "50", yellow: "70" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /El umbral amarillo no puede ser mayor que el verde/);
    const notNumber = await unit.post("/leon/admin/transparencia/ajustes/semaforo", { green: "mucho", yellow: "70" });
    assert.equal(notNumber.statusCode, 422);
    assert.deepEqual(await loadThresholds(t.services.db, LEON), { green: 85, yellow: 60.5 });
  });

  it("is closed to observers and to other municipalities' staff; the dashboard links only what one may open", async () => {
    const observer = await as("observa@leon.gob.mx");
    assert.equal((await observer.get("/leon/admin/transparencia/ajustes")).statusCode, 403);
    assert.equal((await observer.post("/leon/admin/transparencia/ajustes/semaforo", { green: "10", yellow: "5" })).statusCode, 403);
    const dashboard = await observer.get("/leon/admin");
    assert.equal(dashboard.statusCode, 200);
    assert.ok(!dashboard.body.includes("/leon/admin/transparencia/ajustes"));
    const other = await as("admin@cuauhtemoc.gob.mx");
    assert.equal((await other.post("/leon/admin/transparencia/ajustes/perfil", { kind: "information", profile: "edomex-2016", since: "2026-12-01" })).statusCode, 403);
    assert.deepEqual(await choices(), []);
    const unitDashboard = await (await as("unidad@leon.gob.mx")).get("/leon/admin");
    assert.match(unitDashboard.body, /href="\/leon\/admin\/transparencia\/ajustes"/);
    assert.match(unitDashboard.body, /href="\/leon\/admin\/transparencia\/solicitudes"/);
  });

  it("has a CLI command with the same checks", async () => {
    await legalProfileCommand.run(["--municipality", "leon", "--kind", "information", "--profile", "edomex-2016", "--since", "2026-12-01"], t.services);
    assert.equal((await profileInForceOn(t.services.db, LEON, "information", "2027-01-04")).id, "edomex-2016");
    await assert.rejects(legalProfileCommand.run(["--municipality", "leon", "--kind", "arco", "--profile", "edomex-2016", "--since", "2026-12-01"], t.services), /no es para solicitudes de tipo ARCO/);
    assert.equal((await choices()).length, 1);
  });
});
