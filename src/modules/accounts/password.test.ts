import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from "./password.js";

describe("password hashing", () => {
  it("stores scrypt parameters with a random salt and verifies only the right password", async () => {
    const a = await hashPassword("correcto-caballo-bateria");
    const b = await hashPassword("correcto-caballo-bateria");
    assert.match(a, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, b, "salts differ");
    assert.equal(await verifyPassword("correcto-caballo-bateria", a), true);
    assert.equal(await verifyPassword("correcto-caballo-bateriA", a), false);
    assert.equal(await verifyPassword("x", "no-es-un-hash"), false);
    assert.equal(needsRehash(a), false);
    assert.equal(needsRehash(a.replace("$32768$", "$16384$")), true);
  });

  it("requires 10 characters and refuses the e-mail as password", () => {
    assert.equal(passwordProblem("corta", "ana@x.mx"), "accounts:errors.passwordTooShort");
    assert.equal(passwordProblem("ana.lopez@correo.mx", "Ana.Lopez@correo.mx"), "accounts:errors.passwordIsEmail");
    assert.equal(passwordProblem("una frase bastante larga", "ana@x.mx"), null);
  });
});
