import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Browser } from "../../platform/testing.js";
import { signedIn as signedInAs } from "../plans/staff-test-support.js";
import { SYSTEM } from "../../platform/audit/audit.js";
import { ChannelInputError } from "./errors.js";
import { withUniqueSlug } from "./office-inputs.js";
import { createOffice } from "./office-service.js";
import { officeForm, officeSuite } from "./office-test-support.js";

const ADMIN = "/cuauhtemoc/admin/oficinas";

/** The office form as a browser sends it: weekdays 09:00–15:00, weekend closed. */
function form(overrides: Record<string, string> = {}): Record<string, string> {
  const hours: Record<string, string> = {};
  for (let d = 1; d <= 7; d++) {
    hours[`opens-${d}`] = d <= 5 ? "09:00" : "";
    hours[`closes-${d}`] = d <= 5 ? "15:00" : "";
  }
  return {
    name: "Módulo Tlatelolco", slug: "", kind: "modulo", address: "Ricardo Flores Magón 1, Nonoalco Tlatelolco", lat: "19.4509", lon: "-99.1370",
    phone: "55 1234 5678 ext. 12", email: "Tlatelolco@Oficinas.test", accessibility: "Rampa en la entrada.", notes: "", active: "1", ...hours, ...overrides,
  };
}

describe("offices: staff pages", () => {
  const s = officeSuite();

  const db = () => s.t.services.db;
  const signedIn = (email: string) => signedInAs(s.app, email);
  const offices = async () => Number((await db().selectFrom("service_offices").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);

  it("lets only the channel managers in: anonymous to the login, observers and department staff 403, León's admin 403 here and 404 for Cuauhtémoc's office under León", async () => {
    const anon = new Browser(s.app);
    const res = await anon.get(ADMIN);
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, `/entrar?next=${encodeURIComponent(ADMIN)}`);
    assert.equal((await anon.post(ADMIN, form())).statusCode, 401);

    for (const email of [s.w.emails.observer, s.w.emails.servicios, s.w.clerk.email]) {
      const b = await signedIn(email);
      assert.equal((await b.get(ADMIN)).statusCode, 403, email);
      assert.equal((await b.get(`${ADMIN}/oficina-zocalo`)).statusCode, 403, email);
      assert.equal((await b.post(ADMIN, form())).statusCode, 403, email);
    }
    const leon = await signedIn(s.w.emails.leonAdmin);
    assert.equal((await leon.post(`${ADMIN}/oficina-zocalo`, form({ name: "Tomada por León" }))).statusCode, 403);
    assert.equal((await leon.get("/leon/admin/oficinas/oficina-zocalo")).statusCode, 404);
    assert.equal((await leon.post("/leon/admin/oficinas/oficina-zocalo", form({ name: "Tomada por León" }))).statusCode, 404);
    assert.equal((await db().selectFrom("service_offices").select("name").where("slug", "=", "oficina-zocalo").executeTakeFirstOrThrow()).name, "Oficina Zócalo");
    assert.equal(await offices(), 4);
  });

  it("registers an office in one transaction with its audit entry: slug from the name, colonia from the point, hours per day", async () => {
    const admin = await signedIn(s.w.emails.admin);
    const page = await admin.get(ADMIN);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Oficinas y delegaciones<\/h1>/);
    assert.match(page.body, /Oficina Zócalo/);

    const res = await admin.post(ADMIN, form());
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${ADMIN}/modulo-tlatelolco`);
    const row = await db()
      .selectFrom("service_offices as o")
      .leftJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "o.municipality_id").onRef("c.id", "=", "o.colonia_id"))
      .select(["o.municipality_id", "o.kind", "o.hours", "o.email", "o.phone", "c.slug as colonia"])
      .where("o.slug", "=", "modulo-tlatelolco")
      .executeTakeFirstOrThrow();
    assert.equal(row.municipality_id, s.w.cuauhtemoc.id);
    assert.equal(row.colonia, "nonoalco-tlatelolco");
    assert.equal(row.email, "tlatelolco@oficinas.test");
    assert.deepEqual(row.hours, [1, 2, 3, 4, 5].map((day) => ({ day, opens: "09:00", closes: "15:00" })));
    const audit = await db().selectFrom("audit_log").select(["action", "actor_user_id"]).where("action", "=", "channels.office.create").orderBy("seq", "desc").executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, s.w.users.admin);

    const edit = await admin.get(res.headers.location as string);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /Colonia según la ubicación: /);
    assert.match(edit.body, /name="opens-1"[^>]*value="09:00"|value="09:00"[^>]*name="opens-1"/);
  });

  it("shows Spanish messages beside the fields and stores nothing: missing name, closing before opening, duplicate slug, bad e-mail, one coordinate, a point outside", async () => {
    const admin = await signedIn(s.w.emails.admin);
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ name: "" }, "name", /Escriba el nombre de la oficina\./],
      [{ "opens-1": "09:00", "closes-1": "08:00" }, "hours-1", /El lunes la hora de cierre \(08:00\) debe ser posterior a la de apertura \(09:00\)\./],
      [{ "opens-3": "09:00", "closes-3": "" }, "hours-3", /Escriba la hora de apertura y la de cierre del miércoles/],
      [{ "opens-2": "25:00", "closes-2": "26:00" }, "hours-2", /no es válida: use el formato HH:MM/],
      [{ slug: "oficina-zocalo" }, "slug", /Ya hay una oficina con la dirección corta «oficina-zocalo»/],
      [{ slug: "Con Espacios" }, "slug", /solo admite minúsculas sin acentos/],
      [{ email: "no-es-correo" }, "email", /El correo electrónico no es válido/],
      [{ lon: "" }, "lon", /Escriba la latitud y la longitud/],
      [{ lat: "19.35", lon: "-99.162" }, "lat", /Ese punto está fuera del municipio/],
      [{ kind: "palacio" }, "kind", /Elija el tipo de oficina/],
    ];
    for (const [overrides, field, message] of cases) {
      const res = await admin.post(ADMIN, form(overrides));
      assert.equal(res.statusCode, 422, JSON.stringify(overrides));
      assert.match(res.headers["content-type"] as string, /text\/html/);
      assert.match(res.body, message, field);
      assert.match(res.body, new RegExp(`href="#campo-${field}"`), field);
      // What was typed stays in the form.
      assert.match(res.body, /Ricardo Flores Magón 1, Nonoalco Tlatelolco/);
    }
    assert.equal(await offices(), 4);
    assert.equal(Number((await db().selectFrom("audit_log").select((eb) => eb.fn.countAll<string>().as("n")).where("action", "=", "channels.office.create").executeTakeFirstOrThrow()).n), 4);
  });

  it("turns two simultaneous saves of the same slug into one office and one slug message, never a 500", async () => {
    const create = () => db().transaction().execute((trx) => createOffice(trx, s.w.cuauhtemoc.id, SYSTEM, officeForm({ name: "Módulo Doble", slug: "modulo-doble" })));
    const results = await Promise.allSettled([create(), create()]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    assert.ok(refused.reason instanceof ChannelInputError, String(refused.reason));
    assert.equal(refused.reason.errors[0].field, "slug");
    assert.equal(await offices(), 5);
    // When the check is raced past, the unique index's refusal becomes the same message.
    const raced = withUniqueSlug(
      () => db().insertInto("service_offices").values({ municipality_id: s.w.cuauhtemoc.id, slug: "oficina-zocalo", name: "Otra", address: "Otra dirección", hours: "[]" }).execute(),
      "ocupada",
    );
    await assert.rejects(raced, (e: unknown) => e instanceof ChannelInputError && e.errors[0]!.field === "slug" && e.message === "ocupada");
  });

  it("edits an office (a new slug moves the page) and keeps the old data when the edit is refused", async () => {
    const admin = await signedIn(s.w.emails.admin);
    const refused = await admin.post(`${ADMIN}/oficina-zocalo`, form({ name: "Oficina Zócalo", slug: "modulo-garibaldi" }));
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Ya hay una oficina con la dirección corta «modulo-garibaldi»/);
    const res = await admin.post(`${ADMIN}/oficina-zocalo`, form({ name: "Oficina Zócalo (renovada)", slug: "oficina-zocalo-renovada", lat: "", lon: "", active: "" }));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${ADMIN}/oficina-zocalo-renovada`);
    const row = await db().selectFrom("service_offices").select(["name", "lat", "colonia_id", "active"]).where("id", "=", s.w.offices.zocalo).executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: "Oficina Zócalo (renovada)", lat: null, colonia_id: null, active: false });
    // Inactive: gone from the public, still on the staff page.
    assert.equal((await s.app.inject("/cuauhtemoc/oficinas/oficina-zocalo-renovada")).statusCode, 404);
    assert.equal((await admin.get(`${ADMIN}/oficina-zocalo-renovada`)).statusCode, 200);
  });

  it("ticks the procedures offered on one page of the list, leaving the others as they were, and refuses another town's procedure", async () => {
    const admin = await signedIn(s.w.emails.admin);
    const page = await admin.get(`${ADMIN}/modulo-garibaldi`);
    assert.match(page.body, /Constancia de huérfano \(Trámite\)/);
    const links = async () =>
      (await db().selectFrom("office_procedures").select("procedure_id").where("office_id", "=", s.w.offices.garibaldi).orderBy("procedure_id").execute()).map((r) => r.procedure_id);

    let res = await admin.post(`${ADMIN}/modulo-garibaldi/tramites`, { procedures_shown: [String(s.w.procedures.licencia), String(s.w.procedures.huerfano)], procedures: [String(s.w.procedures.huerfano)] });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await links(), [s.w.procedures.huerfano]);
    // A page that showed only the licence does not touch the orphan's certificate.
    res = await admin.post(`${ADMIN}/modulo-garibaldi/tramites`, { procedures_shown: String(s.w.procedures.licencia), procedures: String(s.w.procedures.licencia) });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await links(), [s.w.procedures.licencia, s.w.procedures.huerfano].sort((a, b) => a - b));

    const leonProcedure = await db()
      .insertInto("municipal_procedures")
      .values({ municipality_id: s.w.leon.id, slug: "ajeno", name: "Trámite de León", requirements: "[]" })
      .returning("id")
      .executeTakeFirstOrThrow();
    res = await admin.post(`${ADMIN}/modulo-garibaldi/tramites`, { procedures_shown: String(leonProcedure.id), procedures: String(leonProcedure.id) });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Uno de los trámites elegidos no existe en este municipio/);
    res = await admin.post(`${ADMIN}/modulo-garibaldi/tramites`, { procedures_shown: "x", procedures: "x" });
    assert.equal(res.statusCode, 422);
    assert.equal((await links()).length, 2);

    const filtered = await admin.get(`${ADMIN}/modulo-garibaldi?filtro=huerfano`);
    assert.match(filtered.body, /Constancia de huérfano/);
    assert.doesNotMatch(filtered.body, /Licencia de funcionamiento \(Trámite\)/);
  });
});
