import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "kysely";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { CUAUHTEMOC, LEON, PASSWORD, lastLink, login, makeUser, seedTowns, type Towns } from "./test-support.js";

describe("accounts: staff area, tenant isolation, invitations", () => {
  let t: TestContext;
  let towns: Towns;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    towns = await seedTowns(t.services.db);
    await makeUser(t.services.db, "admin@leon.mx", { role: "administrator", municipalityId: LEON });
  });

  const memberships = (municipalityId: number) =>
    t.services.db.selectFrom("memberships").selectAll().where("municipality_id", "=", municipalityId).orderBy("id").execute();
  const audit = (action: string) => t.services.db.selectFrom("audit_log").selectAll().where("action", "=", action).execute();

  it("keeps León staff out of Cuauhtémoc's admin pages and lets León's admin manage León", async () => {
    const b = new Browser(await t.app());
    await login(b, "admin@leon.mx");
    assert.equal((await b.get("/cuauhtemoc/admin")).statusCode, 403);
    assert.equal((await b.get("/cuauhtemoc/admin/personal")).statusCode, 403);
    const invite = await b.post("/cuauhtemoc/admin/personal/invitar", { email: "x@y.mx", role: "observer" });
    assert.equal(invite.statusCode, 403);
    assert.equal((await t.services.db.selectFrom("invitations").selectAll().execute()).length, 0);
    const dash = await b.get("/leon/admin");
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /Administración/);
    const staff = await b.get("/leon/admin/personal");
    assert.equal(staff.statusCode, 200);
    assert.match(staff.body, /admin@leon\.mx/);
    assert.equal((await b.get("/nowhere/admin")).statusCode, 404);
  });

  it("sends anonymous visitors to the login page and forbids observers the staff page", async () => {
    const anon = new Browser(await t.app());
    const res = await anon.get("/leon/admin");
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, "/entrar?next=%2Fleon%2Fadmin");
    assert.equal((await anon.post("/leon/admin/personal/invitar", { email: "x@y.mx", role: "observer" })).statusCode, 401);
    await makeUser(t.services.db, "obs@leon.mx", { role: "observer", municipalityId: LEON });
    const obs = new Browser(await t.app());
    await login(obs, "obs@leon.mx");
    assert.equal((await obs.get("/leon/admin")).statusCode, 200);
    assert.equal((await obs.get("/leon/admin/personal")).statusCode, 403);
  });

  it("lets a state body see the dashboard of what it oversees but not manage staff", async () => {
    await makeUser(t.services.db, "estatal@gto.mx", { platformRole: "state_body", oversees: [LEON] });
    const b = new Browser(await t.app());
    await login(b, "estatal@gto.mx");
    const dash = await b.get("/leon/admin");
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /solo lectura/);
    assert.equal((await b.get("/leon/admin/personal")).statusCode, 403);
    assert.equal((await b.get("/cuauhtemoc/admin")).statusCode, 403);
  });

  it("invites by e-mail, and the invitee creates an account, gets the role and is signed in", async () => {
    const admin = new Browser(await t.app());
    await login(admin, "admin@leon.mx");
    const res = await admin.post("/leon/admin/personal/invitar", { email: "Obras@Leon.mx", role: "department_staff", departmentId: String(towns.leonDepartment) });
    assert.equal(res.statusCode, 303);
    const [invitation] = await t.services.db.selectFrom("invitations").selectAll().execute();
    assert.equal(invitation!.email, "obras@leon.mx");
    assert.equal((await audit("accounts.invitation.create")).length, 1);
    const link = lastLink(t.services, "obras@leon.mx", "/invitacion");
    const guest = new Browser(await t.app());
    const page = await guest.get(link);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /León/);
    assert.match(page.body, /Personal de dependencia/);
    const token = link.split("token=")[1]!;
    const short = await guest.post("/invitacion", { token, displayName: "Obras", password: "corta", confirm: "corta" });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /al menos 10 caracteres/);
    assert.equal((await memberships(LEON)).length, 1);
    const ok = await guest.post("/invitacion", { token, displayName: "Obras Públicas", password: PASSWORD, confirm: PASSWORD });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, "/leon/admin");
    const member = (await memberships(LEON)).find((m) => m.role === "department_staff")!;
    assert.equal(member.department_id, towns.leonDepartment);
    assert.equal((await guest.get("/leon/admin")).statusCode, 200);
    assert.equal((await audit("accounts.invitation.accept")).length, 1);
    assert.equal((await guest.post("/invitacion", { token, displayName: "X", password: PASSWORD, confirm: PASSWORD })).statusCode, 400, "single use");
  });

  it("links an invitation to the signed-in account with the invited address", async () => {
    await makeUser(t.services.db, "ana@correo.mx");
    const admin = new Browser(await t.app());
    await login(admin, "admin@leon.mx");
    await admin.post("/leon/admin/personal/invitar", { email: "ana@correo.mx", role: "transparency_unit" });
    const link = lastLink(t.services, "ana@correo.mx", "/invitacion");
    const ana = new Browser(await t.app());
    const anonymousView = await ana.get(link);
    assert.match(anonymousView.body, /Inicie sesión para aceptar/);
    await login(ana, "ana@correo.mx");
    const res = await ana.post("/invitacion", { token: link.split("token=")[1]! });
    assert.equal(res.statusCode, 303);
    assert.ok((await memberships(LEON)).some((m) => m.role === "transparency_unit"));
    assert.equal((await t.services.db.selectFrom("users").selectAll().execute()).length, 2, "no new account");
  });

  it("refuses malformed invitations with 422 and stores nothing", async () => {
    const b = new Browser(await t.app());
    await login(b, "admin@leon.mx");
    const noDept = await b.post("/leon/admin/personal/invitar", { email: "x@leon.mx", role: "department_staff" });
    assert.equal(noDept.statusCode, 422);
    assert.match(noDept.body, /necesita una dependencia/);
    const foreignDept = await b.post("/leon/admin/personal/invitar", { email: "x@leon.mx", role: "department_staff", departmentId: String(towns.cuauhtemocDepartment) });
    assert.equal(foreignDept.statusCode, 422);
    assert.match(foreignDept.body, /dependencia de este municipio/);
    const badRole = await b.post("/leon/admin/personal/invitar", { email: "x@leon.mx", role: "alcalde" });
    assert.equal(badRole.statusCode, 422);
    const badEmail = await b.post("/leon/admin/personal/invitar", { email: "no", role: "observer" });
    assert.equal(badEmail.statusCode, 422);
    assert.equal((await t.services.db.selectFrom("invitations").selectAll().execute()).length, 0);
  });

  it("changes a role and removes a member, with audit entries, but never the last administrator", async () => {
    await makeUser(t.services.db, "obs@leon.mx", { role: "observer", municipalityId: LEON });
    const b = new Browser(await t.app());
    await login(b, "admin@leon.mx");
    const [admin, observer] = await memberships(LEON);
    const change = await b.post(`/leon/admin/personal/${observer!.id}/rol`, { role: "department_staff", departmentId: String(towns.leonDepartment) });
    assert.equal(change.statusCode, 303);
    assert.equal((await memberships(LEON))[1]!.role, "department_staff");
    assert.equal((await audit("accounts.membership.changeRole")).length, 1);
    const demote = await b.post(`/leon/admin/personal/${admin!.id}/rol`, { role: "observer", departmentId: "" });
    assert.equal(demote.statusCode, 422);
    assert.match(demote.body, /última persona con rol de administración/);
    const removed = await b.post(`/leon/admin/personal/${observer!.id}/quitar`);
    assert.equal(removed.statusCode, 303);
    assert.equal((await memberships(LEON)).length, 1);
    assert.equal((await audit("accounts.membership.remove")).length, 1);
    assert.equal((await b.post("/leon/admin/personal/abc/quitar")).statusCode, 400);
  });

  it("cannot touch another municipality's membership through its own URL", async () => {
    await makeUser(t.services.db, "admin@cuauh.mx", { role: "administrator", municipalityId: CUAUHTEMOC });
    await makeUser(t.services.db, "obs@cuauh.mx", { role: "observer", municipalityId: CUAUHTEMOC });
    const b = new Browser(await t.app());
    await login(b, "admin@leon.mx");
    const target = (await memberships(CUAUHTEMOC))[1]!;
    const res = await b.post(`/leon/admin/personal/${target.id}/quitar`);
    assert.equal(res.statusCode, 422);
    assert.equal((await memberships(CUAUHTEMOC)).length, 2);
  });

  it("refuses an expired invitation", async () => {
    const b = new Browser(await t.app());
    await login(b, "admin@leon.mx");
    await b.post("/leon/admin/personal/invitar", { email: "tarde@leon.mx", role: "observer" });
    await t.services.db.updateTable("invitations").set({ expires_at: sql`now() - interval '1 second'` }).execute();
    const link = lastLink(t.services, "tarde@leon.mx", "/invitacion");
    assert.equal((await new Browser(await t.app()).get(link)).statusCode, 400);
  });
});
