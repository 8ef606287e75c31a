import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import zlib from "node:zlib";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { createRequest } from "../requests/create.js";
import { login, seedChannelsWorld, ZOCALO, type ChannelsWorld } from "./test-support.js";

/** Response compression for a slow mobile connection (platform/http/app.ts, @fastify/compress). */
describe("compressed responses", () => {
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
  });
  after(async () => t.close());

  it("sends a public page gzipped or in brotli when the browser accepts it, and the same HTML once decompressed", async () => {
    const visitor = new Browser(app);
    const plain = await visitor.get("/cuauhtemoc");
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers["content-encoding"], undefined, "without accept-encoding, plain HTML");
    const gzipped = await visitor.get("/cuauhtemoc", { "accept-encoding": "gzip" });
    assert.equal(gzipped.statusCode, 200);
    assert.equal(gzipped.headers["content-encoding"], "gzip");
    assert.match(String(gzipped.headers.vary), /accept-encoding/i);
    const html = zlib.gunzipSync(gzipped.rawPayload).toString("utf8");
    assert.equal(html, plain.body);
    assert.ok(gzipped.rawPayload.length < plain.rawPayload.length / 2, `${gzipped.rawPayload.length} bytes gzipped for ${plain.rawPayload.length}`);
    const brotli = await visitor.get("/cuauhtemoc", { "accept-encoding": "gzip, deflate, br" });
    assert.equal(brotli.headers["content-encoding"], "br");
    assert.equal(zlib.brotliDecompressSync(brotli.rawPayload).toString("utf8"), plain.body);
  });

  it("compresses styles, scripts and open data, never images or tiny answers", async () => {
    await createRequest(t.services, w.cuauhtemoc, { serviceCode: "alumbrado", description: "Luminaria apagada frente a la catedral", location: ZOCALO, channel: "web" }, anonymous);
    for (const url of ["/static/cabildo.css", "/static/js/report-map.js", "/cuauhtemoc/datos/solicitudes.csv", "/api/v1/municipalities/cuauhtemoc/colonias.geojson"]) {
      const plain = await app.inject({ url });
      const res = await app.inject({ url, headers: { "accept-encoding": "gzip" } });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers["content-encoding"], "gzip", url);
      assert.equal(zlib.gunzipSync(res.rawPayload).toString("utf8"), plain.body, url);
    }
    const png = await app.inject({ url: "/static/vendor/leaflet/images/marker-icon.png", headers: { "accept-encoding": "gzip" } });
    assert.equal(png.statusCode, 200);
    assert.equal(png.headers["content-encoding"], undefined, "a PNG is already compressed");
    const health = await app.inject({ url: "/healthz", headers: { "accept-encoding": "gzip" } });
    assert.equal(health.headers["content-encoding"], undefined, "below 1 KB it is not worth it");
  });

  it("keeps the staff live queue's event stream uncompressed, so each event arrives at once", async () => {
    const staff = new Browser(app);
    await login(staff, w.emails.admin);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as { port: number };
    const headers = await new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port, path: "/cuauhtemoc/admin/solicitudes/eventos", headers: { cookie: staff.cookieHeader, "accept-encoding": "gzip, br" } }, (res) => {
        res.once("data", () => {
          resolve(res.headers);
          req.destroy();
        });
      });
      req.on("error", reject);
    });
    assert.match(String(headers["content-type"]), /text\/event-stream/);
    assert.equal(headers["content-encoding"], undefined);
  });
});
