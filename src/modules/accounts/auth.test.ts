import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "kysely";
import { readOutbox } from "../../platform/mail.js";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { PASSWORD, lastLink, login, makeUser, seedTowns } from "./test-support.js";

describe("accounts: sign-up, sign-in, sign-out, password reset", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext({ loginRateLimit: 3 });
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    await seedTowns(t.services.db);
  });

  const users = () => t.services.db.selectFrom("users").selectAll().execute();
  const sessions = () => t.services.db.selectFrom("sessions").selectAll().execute();

  it("signs up, e-mails a verification link, and verifies the address once", async () => {
    const b = new Browser(await t.app());
    const res = await b.post("/registro", { displayName: "Ana López", email: "Ana@Correo.MX", password: PASSWORD, confirm: PASSWORD });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Revise su correo/);
    const [user] = await users();
    assert.equal(user!.email, "ana@correo.mx");
    assert.equal(user!.email_verified_at, null);
    assert.ok(!user!.password_hash.includes(PASSWORD));
    const link = lastLink(t.services, "ana@correo.mx", "/verificar");
    const ok = await b.get(link);
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /Su correo quedó confirmado/);
    assert.notEqual((await users())[0]!.email_verified_at, null);
    const again = await b.get(link);
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /ya se usó o venció/);
  });

  it("carries ?next= through sign-up, the verification e-mail and sign-in, and only same-site paths", async () => {
    const b = new Browser(await t.app());
    const login = await b.get("/entrar?next=%2Fleon%2Fparticipa");
    assert.match(login.body, /href="\/registro\?next=%2Fleon%2Fparticipa"/);
    const form = await b.get("/registro?next=%2Fleon%2Fparticipa");
    assert.match(form.body, /action="\/registro\?next=%2Fleon%2Fparticipa"/);
    const res = await b.post("/registro?next=%2Fleon%2Fparticipa", { displayName: "Bea", email: "bea@correo.mx", password: PASSWORD, confirm: PASSWORD });
    assert.equal(res.statusCode, 200);
    const mail = readOutbox(t.services.mailer.outboxDir!).filter((m) => m.to === "bea@correo.mx").at(-1)!;
    const link = /\/verificar\?token=[A-Za-z0-9_-]+&next=%2Fleon%2Fparticipa/.exec(mail.text)?.[0];
    assert.ok(link, mail.text);
    const verified = await new Browser(await t.app()).get(link);
    assert.match(verified.body, /href="\/entrar\?next=%2Fleon%2Fparticipa"/);
    const signedIn = await b.post("/entrar?next=%2Fleon%2Fparticipa", { email: "bea@correo.mx", password: PASSWORD });
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, "/leon/participa");
    await new Browser(await t.app()).post("/registro?next=https%3A%2F%2Fmalo.example", { displayName: "Eva", email: "eva@correo.mx", password: PASSWORD, confirm: PASSWORD });
    const eva = readOutbox(t.services.mailer.outboxDir!).filter((m) => m.to === "eva@correo.mx").at(-1)!;
    assert.ok(eva.text.includes("/verificar?token=") && !eva.text.includes("malo"), "an off-site next is dropped");
  });

  it("answers a second sign-up with the same address the same way, creates nothing and tells the owner", async () => {
    await makeUser(t.services.db, "ana@correo.mx");
    const b = new Browser(await t.app());
    const res = await b.post("/registro", { displayName: "Otra", email: "ANA@correo.mx", password: PASSWORD, confirm: PASSWORD });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Revise su correo/);
    assert.equal((await users()).length, 1);
    assert.match(readOutbox(t.services.mailer.outboxDir!).at(-1)!.subject, /Ya tiene una cuenta/);
  });

  it("refuses malformed sign-up forms with 422, Spanish messages and nothing stored", async () => {
    const b = new Browser(await t.app());
    const res = await b.post("/registro", { displayName: "", email: "no-es-correo", password: "corta", confirm: "otra" });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Escriba su nombre/);
    assert.match(res.body, /Escriba un correo electrónico válido/);
    assert.match(res.body, /al menos 10 caracteres/);
    assert.match(res.body, /Las contraseñas no coinciden/);
    const same = await b.post("/registro", { displayName: "Ana", email: "ana@correo.mx", password: "ana@correo.mx", confirm: "ana@correo.mx" });
    assert.equal(same.statusCode, 422);
    assert.match(same.body, /no puede ser su correo/);
    assert.equal((await users()).length, 0);
    assert.equal(readOutbox(t.services.mailer.outboxDir!).length, 0);
  });

  it("logs in with a session cookie, shows /cuenta, and logs out deleting the session", async () => {
    await makeUser(t.services.db, "ana@correo.mx");
    const b = new Browser(await t.app());
    assert.equal((await b.get("/cuenta")).statusCode, 302);
    const res = await b.post("/entrar?next=/cuenta", { email: "ANA@correo.mx", password: PASSWORD });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/cuenta");
    const cookie = res.cookies.find((c) => c.name === "cabildo_sesion")!;
    assert.ok(cookie.httpOnly);
    assert.equal(cookie.sameSite, "Lax");
    assert.equal(cookie.path, "/");
    assert.ok(cookie.maxAge! >= 29 * 86400);
    const [session] = await sessions();
    assert.notEqual(session!.id, cookie.value, "only the hash is stored");
    const account = await b.get("/cuenta");
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /Mi cuenta/);
    assert.match(account.body, /ana@correo\.mx/);
    const out = await b.post("/salir");
    assert.equal(out.statusCode, 303);
    assert.equal((await sessions()).length, 0);
    const afterOut = await b.get("/cuenta");
    assert.equal(afterOut.statusCode, 302);
    assert.match(afterOut.headers.location as string, /^\/entrar\?next=/);
  });

  it("rotates the session at login and ignores off-site ?next=", async () => {
    await makeUser(t.services.db, "ana@correo.mx");
    const b = new Browser(await t.app());
    await login(b, "ana@correo.mx");
    const first = b.cookies.get("cabildo_sesion");
    const res = await b.post("/entrar?next=//malo.example/x", { email: "ana@correo.mx", password: PASSWORD });
    assert.equal(res.headers.location, "/cuenta");
    assert.notEqual(b.cookies.get("cabildo_sesion"), first);
    assert.equal((await sessions()).length, 1, "the old session was deleted");
  });

  it("gives the same generic error for a wrong password and an unknown e-mail", async () => {
    await makeUser(t.services.db, "ana@correo.mx");
    const b = new Browser(await t.app());
    const wrong = await b.post("/entrar", { email: "ana@correo.mx", password: "equivocada-123" });
    const unknown = await b.post("/entrar", { email: "nadie@correo.mx", password: "equivocada-123" });
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 401);
      assert.match(res.body, /Correo o contraseña incorrectos/);
      assert.equal(res.cookies.find((c) => c.name === "cabildo_sesion"), undefined);
    }
    assert.equal((await sessions()).length, 0);
  });

  it("treats a disabled user as anonymous", async () => {
    const id = await makeUser(t.services.db, "ana@correo.mx");
    const b = new Browser(await t.app());
    await login(b, "ana@correo.mx");
    await t.services.db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", id).execute();
    assert.equal((await b.get("/cuenta")).statusCode, 302);
  });

  it("refuses a login POST without the CSRF token and opens no session", async () => {
    await makeUser(t.services.db, "ana@correo.mx");
    const b = new Browser(await t.app());
    await b.get("/entrar");
    const res = await b.post("/entrar", { email: "ana@correo.mx", password: PASSWORD }, { csrf: false });
    assert.equal(res.statusCode, 403);
    assert.equal((await sessions()).length, 0);
  });

  it("rate-limits login attempts per address with a Spanish 429", async () => {
    await makeUser(t.services.db, "ana@correo.mx");
    const b = new Browser(await t.app());
    for (let i = 0; i < 3; i++) assert.equal((await b.post("/entrar", { email: "ana@correo.mx", password: "equivocada-123" })).statusCode, 401);
    const blocked = await b.post("/entrar", { email: "ana@correo.mx", password: PASSWORD });
    assert.equal(blocked.statusCode, 429);
    assert.match(blocked.body, /Demasiados intentos de inicio de sesión\. Espere 15 minutos/);
    assert.equal((await sessions()).length, 0);
    // Another address from the same place still gets its own attempts.
    await makeUser(t.services.db, "beto@correo.mx");
    assert.equal((await b.post("/entrar", { email: "beto@correo.mx", password: PASSWORD })).statusCode, 303);
  });

  it("resets a password end to end: same answer for unknown e-mails, single-use link, old password dead, sessions closed", async () => {
    await makeUser(t.services.db, "ana@correo.mx");
    const b = new Browser(await t.app());
    const other = new Browser(await t.app());
    await login(other, "ana@correo.mx");
    const unknown = await b.post("/recuperar", { email: "nadie@correo.mx" });
    const known = await b.post("/recuperar", { email: "ana@correo.mx" });
    assert.equal(unknown.statusCode, 200);
    assert.equal(known.statusCode, 200);
    const strip = (s: string) => s.replace(/value="[^"]*"/g, "");
    assert.equal(strip(unknown.body), strip(known.body));
    assert.equal(readOutbox(t.services.mailer.outboxDir!).length, 1);
    const link = lastLink(t.services, "ana@correo.mx", "/restablecer");
    assert.equal((await b.get(link)).statusCode, 200);
    const token = link.split("token=")[1]!;
    const bad = await b.post("/restablecer", { token, password: "nueva-contraseña-2", confirm: "distinta-contraseña" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /no coinciden/);
    const ok = await b.post("/restablecer", { token, password: "nueva-contraseña-2", confirm: "nueva-contraseña-2" });
    assert.equal(ok.statusCode, 303);
    assert.equal((await sessions()).length, 0, "every session was closed");
    assert.equal((await other.get("/cuenta")).statusCode, 302);
    const reused = await b.post("/restablecer", { token, password: "otra-contraseña-3", confirm: "otra-contraseña-3" });
    assert.equal(reused.statusCode, 400);
    assert.equal((await b.post("/entrar", { email: "ana@correo.mx", password: PASSWORD })).statusCode, 401);
    await login(b, "ana@correo.mx", "nueva-contraseña-2");
  });

  it("refuses an expired reset link", async () => {
    await makeUser(t.services.db, "ana@correo.mx");
    const b = new Browser(await t.app());
    await b.post("/recuperar", { email: "ana@correo.mx" });
    const link = lastLink(t.services, "ana@correo.mx", "/restablecer");
    await t.services.db.updateTable("one_time_tokens").set({ expires_at: sql`now() - interval '1 minute'` }).execute();
    assert.equal((await b.get(link)).statusCode, 400);
    const res = await b.post("/restablecer", { token: link.split("token=")[1]!, password: "nueva-contraseña-2", confirm: "nueva-contraseña-2" });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /venció/);
    await login(b, "ana@correo.mx");
  });

  it("changes the password from /cuenta knowing the current one", async () => {
    await makeUser(t.services.db, "ana@correo.mx");
    const b = new Browser(await t.app());
    await login(b, "ana@correo.mx");
    const wrong = await b.post("/cuenta/contrasena", { current: "no-es-esta-123", password: "nueva-contraseña-2", confirm: "nueva-contraseña-2" });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /La contraseña actual no es correcta/);
    const ok = await b.post("/cuenta/contrasena", { current: PASSWORD, password: "nueva-contraseña-2", confirm: "nueva-contraseña-2" });
    assert.equal(ok.statusCode, 303);
    assert.equal((await b.get("/cuenta")).statusCode, 200, "this session stays open");
  });
});
