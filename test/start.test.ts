import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnCabildo } from "./support/spawn-cabildo.js";

describe("npm start on an empty database", { timeout: 120_000 }, () => {
  it("migrates, seeds the demo, serves /, /leon and /cuauhtemoc and prints staff credentials", async () => {
    const cabildo = await spawnCabildo();
    try {
      for (const path of ["/", "/leon", "/cuauhtemoc", "/tlalnepantla"]) {
        const res = await fetch(cabildo.url + path);
        assert.equal(res.status, 200, `${path} answers 200`);
        assert.match(await res.text(), /<html lang="es-MX"/);
      }
      const home = await (await fetch(`${cabildo.url}/cuauhtemoc`)).text();
      const colonia = home.match(/href="(\/cuauhtemoc\/colonias\/[a-z0-9-]+)"/);
      assert.ok(colonia, "the municipality page links to a colonia page");
      assert.equal((await fetch(cabildo.url + colonia[1])).status, 200);
      assert.equal((await fetch(`${cabildo.url}/no-existe-este-municipio`)).status, 404);
      assert.match(cabildo.output(), /admin@leon\.demo\.cabildo\.mx/, "the console lists the demo staff accounts");
      console.log(`# listo en ${cabildo.readyAfterMs} ms (con la carga de la demostración)`);
    } finally {
      await cabildo.stop();
    }
  });
});
