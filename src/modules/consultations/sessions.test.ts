import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { todayIn } from "../participation/processes.js";
import { login, seedParticipationWorld, type ParticipationWorld } from "../participation/test-support.js";

/** A browser's multipart form post: text fields and files, CSRF token included. */
async function postMultipart(app: FastifyInstance, browser: Browser, url: string, fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = "----cabildoconsulta" + Math.random().toString(36).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: browser.csrf, ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="foto.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), file.data, Buffer.from("\r\n"));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({ method: "POST", url, payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: browser.cookieHeader } });
}

describe("in-person sessions", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ParticipationWorld;

  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedParticipationWorld(t.services);
  });
  after(async () => t.close());

  it("records place, date, colonia, attendance by sector and sex, minutes and EXIF-free photos, shown publicly as counts", async () => {
    const staff = new Browser(app);
    await login(staff, w.team.email);
    const base = `/cuauhtemoc/admin/participa/${w.process.slug}/sesiones`;
    assert.equal((await staff.get(`${base}/nueva`)).statusCode, 200);
    const today = todayIn(w.cuauhtemoc.timeZone);
    const form = {
      title: "Sesión vecinal en Tlatelolco", place: "Explanada de la alcaldía", heldOn: today, colonia: "", minutes: "Se acordó <b>revisar</b> el alumbrado.",
      attendance_gobierno: "2", attendance_sociedad_civil: "3", attendance_empresarial: "1", attendance_academia: "0", attendance_ciudadania: "14",
      attendance_women: "11", attendance_men: "8", attendance_other: "0",
    };
    const mismatch = await staff.post(base, form);
    assert.equal(mismatch.statusCode, 422);
    assert.match(mismatch.body, /La asistencia por sexo suma 19 y por sector 20/);
    const negative = await staff.post(base, { ...form, attendance_gobierno: "-1", attendance_women: "0", attendance_men: "0" });
    assert.equal(negative.statusCode, 422);
    assert.match(negative.body, /Escriba un número entero de personas/);
    const created = await staff.post(base, { ...form, attendance_men: "9" });
    assert.equal(created.statusCode, 303);
    const editPath = created.headers.location as string;
    const id = Number(editPath.split("/").at(-1));

    const withExif = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#806040" } }).jpeg().withExif({ IFD0: { Artist: "Zyxexif Fotógrafa" } }).toBuffer();
    assert.ok(withExif.includes(Buffer.from("Zyxexif")));
    const noDescription = await postMultipart(app, staff, `${editPath}/fotos`, { description: "" }, { name: "photo", data: withExif });
    assert.equal(noDescription.statusCode, 422);
    const notPhoto = await postMultipart(app, staff, `${editPath}/fotos`, { description: "Asistentes en la explanada" }, { name: "photo", data: Buffer.from("no soy una foto") });
    assert.equal(notPhoto.statusCode, 422);
    assert.match(notPhoto.body, /no es una foto/);
    const uploaded = await postMultipart(app, staff, `${editPath}/fotos`, { description: "Asistentes en la explanada" }, { name: "photo", data: withExif });
    assert.equal(uploaded.statusCode, 303, uploaded.body);

    const anon = new Browser(app);
    const page = await anon.get(`/cuauhtemoc/participa/${w.process.slug}/sesiones/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Sesión vecinal en Tlatelolco/);
    assert.match(page.body, /Se acordó &lt;b>revisar&lt;\/b> el alumbrado\./);
    assert.match(page.body, /<td class="num">20<\/td>/);
    assert.match(page.body, /alt="Asistentes en la explanada"/);
    const photo = await t.services.db.selectFrom("consultation_session_photos").select("id").executeTakeFirstOrThrow();
    const image = await anon.get(`/cuauhtemoc/participa/${w.process.slug}/sesiones/${id}/fotos/${photo.id}.jpg`);
    assert.equal(image.statusCode, 200);
    assert.equal(image.headers["content-type"], "image/jpeg");
    assert.ok(!image.rawPayload.includes(Buffer.from("Zyxexif")), "EXIF removed");
    assert.equal((await anon.get(`/cuauhtemoc/participa/${w.process.slug}/sesiones/${id}/fotos/999.jpg`)).statusCode, 404);
    assert.equal((await anon.get(`/leon/participa/${w.process.slug}/sesiones/${id}`)).statusCode, 404);
    const list = await anon.get(`/cuauhtemoc/participa/${w.process.slug}/consultas`);
    assert.match(list.body, /Explanada de la alcaldía/);

    const edited = await staff.post(editPath, { ...form, attendance_women: "0", attendance_men: "0", minutes: "Minuta corregida." });
    assert.equal(edited.statusCode, 303);
    const row = await t.services.db.selectFrom("consultation_sessions").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.minutes, "Minuta corregida.");
    assert.equal(row.attendance_ciudadania, 14);
    const audit = await t.services.db.selectFrom("audit_log").select("action").where("action", "like", "consultation.session.%").execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ["consultation.session.create", "consultation.session.photo", "consultation.session.update"]);
    assert.equal((await new Browser(app).get(`${base}/nueva`)).statusCode, 302, "anonymous visitors are sent to sign in");
  });
});
