import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createTestContext, Browser, type TestContext } from "../src/platform/testing.js";

describe("the HTTP platform", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => t.reset());
  after(async () => t.close());

  it("answers /healthz with 200 JSON once migrations are done", async () => {
    const app = await t.app();
    const res = await app.inject({ method: "GET", url: "/healthz" });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, "ok");
    assert.ok(["pglite", "postgres"].includes(res.json().database));
  });

  it("answers an unknown API path with a Spanish problem+json 404", async () => {
    const app = await t.app();
    const res = await app.inject({ method: "GET", url: "/api/v1/no-existe" });
    assert.equal(res.statusCode, 404);
    assert.match(res.headers["content-type"] as string, /application\/problem\+json/);
    const body = res.json();
    assert.equal(body.status, 404);
    assert.equal(body.title, "No encontrado");
    assert.match(body.detail, /No encontramos/);
  });

  it("answers an unknown page with a Spanish HTML page, not a stack trace", async () => {
    const app = await t.app();
    const res = await app.inject({ method: "GET", url: "/no/existe/esta/pagina", headers: { accept: "text/html" } });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /<html lang="es-MX"/);
    assert.match(res.body, /Página no encontrada/);
    assert.doesNotMatch(res.body, /at .*\.ts:\d+/);
  });

  it("sends security headers: CSP without inline scripts, no framing, no sniffing", async () => {
    const app = await t.app();
    const res = await app.inject({ method: "GET", url: "/healthz" });
    const csp = res.headers["content-security-policy"] as string;
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers["x-content-type-options"], "nosniff");
  });

  it("sets the CSRF cookie HttpOnly and SameSite=Lax, and Secure behind TLS", async () => {
    const app = await t.app();
    const res = await app.inject({ method: "GET", url: "/healthz" });
    const cookie = String(res.headers["set-cookie"]);
    assert.match(cookie, /cabildo_csrf=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/);
    const tls = await createTestContext({ secureCookies: true });
    try {
      const secureApp = await tls.app();
      const r2 = await secureApp.inject({ method: "GET", url: "/healthz" });
      assert.match(String(r2.headers["set-cookie"]), /Secure/);
    } finally {
      await tls.close();
    }
  });

  it("refuses a form post without the CSRF token, and accepts it with the token", async () => {
    const app = await t.app();
    let handled = 0;
    app.post("/prueba-csrf", async () => {
      handled++;
      return { ok: true };
    });
    const browser = new Browser(app);
    const refused = await browser.post("/prueba-csrf", { a: "1" }, { csrf: false });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /El formulario caducó/);
    const forged = await browser.post("/prueba-csrf", { a: "1", _csrf: "x".repeat(32) });
    assert.equal(forged.statusCode, 403);
    assert.equal(handled, 0, "the handler never ran for a refused post");
    const ok = await browser.post("/prueba-csrf", { a: "1" });
    assert.equal(ok.statusCode, 200);
    assert.equal(handled, 1);
  });

  it("turns malformed JSON and schema violations into 400 problem+json in Spanish", async () => {
    const app = await t.app();
    app.post(
      "/api/v1/prueba",
      { config: { csrfExempt: true }, schema: { body: { type: "object", required: ["nombre"], properties: { nombre: { type: "string", minLength: 2 } } } } },
      async () => ({ ok: true }),
    );
    const bad = await app.inject({ method: "POST", url: "/api/v1/prueba", payload: "{no es json", headers: { "content-type": "application/json" } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().detail, "El cuerpo JSON no es válido.");
    const missing = await app.inject({ method: "POST", url: "/api/v1/prueba", payload: { nombre: "x" } });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json().errors, [{ field: "nombre", message: "debe tener al menos 2 caracteres" }]);
  });

  it("speaks English when asked and remembers the choice", async () => {
    const app = await t.app();
    const browser = new Browser(app);
    const en = await browser.get("/no-existe?lang=en", { accept: "text/html" });
    assert.match(en.body, /<html lang="en"/);
    assert.match(en.body, /Page not found/);
    const again = await browser.get("/otra-que-no-existe", { accept: "text/html" });
    assert.match(again.body, /Page not found/);
  });
});

describe("anonymous submissions", () => {
  it("are limited per address: the (N+1)th sign-up or report within the hour gets a Spanish 429", async () => {
    const t = await createTestContext({ submissionRateLimit: 2 });
    try {
      const app = await t.app();
      const browser = new Browser(app);
      for (let i = 0; i < 2; i++) {
        const res = await browser.post("/registro", { name: "", email: "no-es-correo", password: "x", confirm: "y" });
        assert.equal(res.statusCode, 422, "a bad form still counts against the limit");
      }
      const limited = await browser.post("/registro", { name: "Ana", email: "ana@example.org", password: "contraseña-larga-1", confirm: "contraseña-larga-1" });
      assert.equal(limited.statusCode, 429);
      assert.match(limited.body, /Demasiados intentos/);
      const users = await t.services.db.selectFrom("users").select("id").execute();
      assert.equal(users.length, 0, "nothing stored");
    } finally {
      await t.close();
    }
  });
});
