import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { createTestContext, type TestContext } from "../../../platform/testing.js";
import { anonymous } from "../../../platform/policy.js";
import { loadActor } from "../../accounts/queries.js";
import { createRequest, type NewRequest } from "../create.js";
import { applyStaffChange } from "../workflow.js";
import { PARQUE_MEXICO, seedRequestsWorld, ZOCALO, type RequestsWorld } from "../test-support.js";
import { xmlElements, xmlRoot, xmlTexts } from "./test-xml.js";

const DAY = 86_400_000;

describe("Open311 GET requests: filters, limits, single requests and tokens", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: RequestsWorld;
  /** old: bache 120 days ago; lamp: alumbrado 10 days ago; trash: basura 5 days ago, rejected; recent: bache yesterday, with a photo. */
  let f: { old: string; lamp: string; trash: string; recent: string };
  const J = "jurisdiction_id=cuauhtemoc";

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(() => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedRequestsWorld(t.services);
    const now = Date.now();
    const file = async (input: Omit<NewRequest, "channel">, daysAgo: number) =>
      (await createRequest(t.services, w.cuauhtemoc, { ...input, channel: "open311" }, anonymous, new Date(now - daysAgo * DAY))).folio;
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#a33" } }).jpeg().toBuffer();
    f = {
      old: await file({ serviceCode: "bache", description: "Bache antiguo en la esquina", location: ZOCALO, attributes: { tamano: "1" } }, 120),
      lamp: await file({ serviceCode: "alumbrado", description: "Luminaria apagada toda la noche", location: PARQUE_MEXICO }, 10),
      trash: await file({ serviceCode: "basura", description: "Basura acumulada en el camellón", location: PARQUE_MEXICO }, 5),
      recent: await file({ serviceCode: "bache", description: "Bache nuevo frente al Zócalo", location: ZOCALO, attributes: { tamano: "3" }, photos: [photo] }, 1),
    };
    const admin = (await loadActor(t.services.db, w.users.admin))!;
    const trash = await t.services.db.selectFrom("service_requests").select("id").where("folio", "=", f.trash).executeTakeFirstOrThrow();
    await applyStaffChange(t.services, w.cuauhtemoc.id, [trash.id], { kind: "status", to: "rechazada", reason: "Fuera de la ruta de recolección municipal" }, admin);
  });

  const folios = async (query: string) => {
    const res = await app.inject(`/open311/v2/requests.json?${J}&${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return (JSON.parse(res.body) as { service_request_id: string }[]).map((r) => r.service_request_id);
  };
  const iso = (daysAgo: number) => encodeURIComponent(new Date(Date.now() - daysAgo * DAY).toISOString());
  const error = async (url: string, code: number, fragment: RegExp) => {
    const res = await app.inject(url);
    assert.equal(res.statusCode, code, res.body);
    const body = url.includes(".xml") ? xmlTexts(res.body, "description").join(" ") : (JSON.parse(res.body) as { description: string }[]).map((e) => e.description).join(" ");
    if (url.includes(".xml")) assert.equal(xmlRoot(res.body), "errors");
    assert.match(body, fragment);
  };

  it("defaults to the last 90 days, newest first", async () => {
    assert.deepEqual(await folios(""), [f.recent, f.trash, f.lamp]);
  });

  it("filters by status (open, closed or both) and refuses other words", async () => {
    assert.deepEqual(await folios("status=open"), [f.recent, f.lamp]);
    assert.deepEqual(await folios("status=closed"), [f.trash]);
    assert.deepEqual(await folios("status=open,closed"), [f.recent, f.trash, f.lamp]);
    await error(`/open311/v2/requests.json?${J}&status=abierta`, 400, /status/);
    const [trash] = JSON.parse((await app.inject(`/open311/v2/requests.json?${J}&status=closed`)).body);
    assert.equal(trash.status_notes, "Fuera de la ruta de recolección municipal");
  });

  it("filters by service_code and by date range, W3C dates only, 90 days at most", async () => {
    assert.deepEqual(await folios("service_code=bache"), [f.recent]);
    assert.deepEqual(await folios("service_code=bache,alumbrado"), [f.recent, f.lamp]);
    assert.deepEqual(await folios(`service_code=bache&start_date=${iso(130)}&end_date=${iso(60)}`), [f.old]);
    assert.deepEqual(await folios(`end_date=${iso(100)}`), [f.old], "end_date alone: the 90 days before it");
    assert.deepEqual(await folios(`start_date=${iso(7)}`), [f.recent, f.trash]);
    assert.deepEqual(await folios(`start_date=2020-01-01T00:00:00-06:00&end_date=2020-02-01T00:00:00-06:00`), []);
    await error(`/open311/v2/requests.json?${J}&start_date=ayer`, 400, /start_date.*ISO 8601/);
    await error(`/open311/v2/requests.xml?${J}&start_date=ayer`, 400, /start_date/);
    await error(`/open311/v2/requests.json?${J}&end_date=2026-02-30`, 400, /end_date/);
    await error(`/open311/v2/requests.json?${J}&start_date=2026-01-01T10:00:00`, 400, /zona horaria/);
    await error(`/open311/v2/requests.json?${J}&start_date=${iso(200)}&end_date=${iso(1)}`, 400, /90 días/);
    await error(`/open311/v2/requests.json?${J}&start_date=${iso(1)}&end_date=${iso(5)}`, 400, /anterior/);
  });

  it("looks folios up by service_request_id, ignoring the other filters", async () => {
    assert.deepEqual(await folios(`service_request_id=${f.old},${f.recent.toLowerCase()}&status=closed&service_code=alumbrado`), [f.recent, f.old]);
    await error(`/open311/v2/requests.json?${J}&service_request_id=<script>`, 400, /folio/);
  });

  it("pages with page_size and page, never more than 1000", async () => {
    assert.deepEqual(await folios("page_size=2"), [f.recent, f.trash]);
    assert.deepEqual(await folios("page_size=2&page=2"), [f.lamp]);
    await error(`/open311/v2/requests.json?${J}&page_size=5000`, 400, /page_size/);
  });

  it("lists in XML with GeoReport's elements and the public photo as media_url", async () => {
    const res = await app.inject(`/open311/v2/requests.xml?${J}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /application\/xml/);
    assert.equal(xmlRoot(res.body), "service_requests");
    assert.equal(xmlElements(res.body, "request").length, 3);
    assert.deepEqual(xmlTexts(res.body, "service_request_id"), [f.recent, f.trash, f.lamp]);
    assert.deepEqual(xmlTexts(res.body, "status"), ["open", "closed", "open"]);
    const [media] = xmlTexts(res.body, "media_url");
    assert.match(media!, new RegExp(`/cuauhtemoc/solicitudes/${f.recent}/fotos/\\d+\\.jpg$`));
    const photo = await app.inject(new URL(media!).pathname);
    assert.equal(photo.statusCode, 200, "media_url serves the photo");
    assert.equal(xmlTexts(res.body, "media_url")[1], "");
  });

  it("returns one request by folio, and 404 in the error array when unknown", async () => {
    const json = await app.inject(`/open311/v2/requests/${f.lamp}.json?${J}`);
    const [lamp] = JSON.parse(json.body);
    assert.equal(lamp.service_request_id, f.lamp);
    assert.equal(lamp.address, "Hipódromo");
    assert.equal(lamp.long, -99.169);
    const xml = await app.inject(`/open311/v2/requests/${f.lamp}.xml?${J}`);
    assert.deepEqual(xmlTexts(xml.body, "service_code"), ["alumbrado"]);
    await error(`/open311/v2/requests/CUAUH-1999-000001.json?${J}`, 404, /CUAUH-1999-000001/);
    await error(`/open311/v2/requests/CUAUH-1999-000001.xml?${J}`, 404, /no existe/);
    await error(`/open311/v2/requests/${f.lamp}.json`, 400, /jurisdiction_id/);
    await error(`/open311/v2/requests/${f.lamp}.json?jurisdiction_id=leon`, 404, /no existe/);
  });

  it("answers tokens with the folio, since requests are created at once", async () => {
    const [json] = JSON.parse((await app.inject(`/open311/v2/tokens/${f.recent}.json?${J}`)).body);
    assert.deepEqual(json, { service_request_id: f.recent, token: f.recent });
    const xml = await app.inject(`/open311/v2/tokens/${f.recent}.xml?${J}`);
    assert.equal(xmlRoot(xml.body), "service_requests");
    assert.deepEqual(xmlTexts(xml.body, "token"), [f.recent]);
    await error(`/open311/v2/tokens/NO-EXISTE-1.json?${J}`, 404, /token/);
  });

  it("refuses unknown formats and resources with a 404 error array", async () => {
    const csv = await app.inject(`/open311/v2/requests.csv?${J}`);
    assert.equal(csv.statusCode, 404);
    assert.match(JSON.parse(csv.body)[0].description, /\.json o \.xml/);
    await error(`/open311/v2/personas.xml`, 404, /inexistente/);
  });
});
