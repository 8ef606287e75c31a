import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { SYSTEM } from "../../platform/audit/audit.js";
import { parseCsv as readCsv } from "../opinion/polis-export/csv.js";
import { OFFICE_COLUMNS, officeDatasets, PROCEDURE_COLUMNS } from "./opendata-offices.js";
import { createOffice } from "./office-service.js";
import { signedIn } from "../plans/staff-test-support.js";
import { officeForm, officeSuite } from "./office-test-support.js";

const parseCsv = (text: string): string[][] => readCsv(text).map((r) => r.fields);

describe("offices and catalogue: public pages and open data", () => {
  const s = officeSuite();

  const db = () => s.t.services.db;

  it("lists the offices with their state now, a map that needs no JavaScript to be useful, and paginates", async () => {
    const res = await s.app.inject("/cuauhtemoc/oficinas");
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Oficinas y delegaciones<\/h1>/);
    assert.match(res.body, /<caption>Oficinas de atención de Cuauhtémoc<\/caption>/);
    assert.match(res.body, /href="\/cuauhtemoc\/oficinas\/oficina-zocalo">Oficina Zócalo</);
    assert.match(res.body, /(Abierta ahora|Cerrada ahora)/);
    assert.match(res.body, /col\. Centro/);
    assert.match(res.body, /href="\/cuauhtemoc\/oficinas\.geojson"/);

    await db().transaction().execute(async (trx) => {
      for (let i = 1; i <= 21; i++) await createOffice(trx, s.w.cuauhtemoc.id, SYSTEM, officeForm({ name: `Módulo ${String(i).padStart(2, "0")}`, hours: [] }));
    });
    const second = await s.app.inject("/cuauhtemoc/oficinas?pagina=2");
    assert.match(second.body, /Página 2 de 2/);
    assert.match(second.body, /Horario no publicado/);
    // León sees none of Cuauhtémoc's offices.
    const leon = await s.app.inject("/leon/oficinas");
    assert.equal(leon.statusCode, 200);
    assert.doesNotMatch(leon.body, /Oficina Zócalo/);
    assert.match(leon.body, /Aún no hay oficinas publicadas/);
  });

  it("shows an office: address, the week as a table, its public contact and what can be done there", async () => {
    const res = await s.app.inject("/cuauhtemoc/oficinas/oficina-zocalo");
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Oficina Zócalo<\/h1>/);
    assert.match(res.body, /<caption>Horario de Oficina Zócalo por día de la semana<\/caption>/);
    assert.match(res.body, /<th scope="row">Lunes<\/th><td>de 09:00 a 15:00<\/td>/);
    assert.match(res.body, /<th scope="row">Domingo<\/th><td>Cerrado<\/td>/);
    assert.match(res.body, /href="tel:5555550101">55 5555 0101</);
    assert.match(res.body, /mailto:zocalo@oficinas\.test/);
    assert.match(res.body, /Qué puede hacer aquí/);
    assert.match(res.body, /href="\/cuauhtemoc\/tramites\/licencia-de-funcionamiento">Licencia de funcionamiento</);
    assert.match(res.body, /id="mapa-oficina"[^>]*data-lat="19.4326"/);

    const garibaldi = await s.app.inject("/cuauhtemoc/oficinas/modulo-garibaldi");
    assert.match(garibaldi.body, /Aún no se han publicado los trámites que se hacen en esta oficina/);
    assert.equal((await s.app.inject("/cuauhtemoc/oficinas/no-existe")).statusCode, 404);
    assert.equal((await s.app.inject("/leon/oficinas/oficina-zocalo")).statusCode, 404);
  });

  it("shows a procedure: requirements, cost, where it is done, and the nearest-office form with the colonias that have a polygon", async () => {
    const res = await s.app.inject("/cuauhtemoc/tramites/licencia-de-funcionamiento");
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<li>Identificación oficial<\/li><li>Comprobante de domicilio<\/li>/);
    assert.match(res.body, /Consulte la Ley de Ingresos vigente/);
    assert.match(res.body, /5 días hábiles/);
    assert.match(res.body, /Oficina Zócalo<\/a>/);
    assert.match(res.body, /Módulo Parque México<\/a>/);
    assert.doesNotMatch(res.body, /Módulo Garibaldi/);
    assert.match(res.body, /action="\/cuauhtemoc\/tramites\/licencia-de-funcionamiento\/oficina-cercana"/);
    assert.match(res.body, /<option value="hipodromo">Hipódromo<\/option>/);
    assert.equal((res.body.match(/<option value="[a-z0-9-]+">/g) ?? []).length, 33, "Cuauhtémoc's 33 colonias");
    assert.match(res.body, /id="usar-mi-ubicacion" hidden/);
    assert.match(res.body, /<label for="campo-lat">Latitud<\/label>/);

    // No office offers it: said plainly, and no form that could only answer nothing.
    const none = await s.app.inject("/cuauhtemoc/tramites/constancia-de-huerfano");
    assert.match(none.body, /Por ahora ninguna oficina ofrece este trámite o servicio en persona/);
    assert.doesNotMatch(none.body, /oficina-cercana/);
  });

  it("offers León only the location option while it has no colonia polygons", async () => {
    await db().insertInto("municipal_procedures").values({ municipality_id: s.w.leon.id, slug: "licencia", name: "Licencia de León", requirements: "[]" }).execute();
    const leonOffice = await db().transaction().execute((trx) => createOffice(trx, s.w.leon.id, SYSTEM, officeForm({ name: "Presidencia", lat: "21.1221", lon: "-101.6824" })));
    const procedure = await db().selectFrom("municipal_procedures").select("id").where("municipality_id", "=", s.w.leon.id).executeTakeFirstOrThrow();
    await db().insertInto("office_procedures").values({ municipality_id: s.w.leon.id, office_id: leonOffice.id, procedure_id: procedure.id }).execute();
    const page = await s.app.inject("/leon/tramites/licencia");
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /name="colonia"/);
    assert.match(page.body, /aún no tiene los polígonos de sus colonias/);
    const answer = await s.app.inject("/leon/tramites/licencia/oficina-cercana?lat=21.125&lon=-101.68");
    assert.equal(answer.statusCode, 200);
    assert.match(answer.body, /Presidencia<\/a> a \d+ m del punto que indicó/);
  });

  it("publishes offices (CSV, GeoJSON) and the catalogue (CSV, JSON) with the offices' public contact, active rows only, formulas neutralised", async () => {
    await db().updateTable("service_offices").set({ notes: '=HYPERLINK("http://malo.example","clic")' }).where("id", "=", s.w.offices.parque).execute();
    await db().updateTable("service_offices").set({ active: false }).where("id", "=", s.w.offices.garibaldi).execute();

    const csv = await s.app.inject("/cuauhtemoc/datos/oficinas.csv");
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /text\/csv/);
    const rows = parseCsv(csv.body.replace(/^\uFEFF/, ""));
    assert.deepEqual(rows[0], [...OFFICE_COLUMNS]);
    const bySlug = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(OFFICE_COLUMNS.map((c, i) => [c, r[i]]))]));
    assert.deepEqual([...bySlug.keys()].sort(), ["modulo-parque-mexico", "oficina-zocalo", "unidad-sin-ubicacion"]);
    assert.equal(bySlug.get("oficina-zocalo")!.telefono, "55 5555 0101");
    assert.equal(bySlug.get("oficina-zocalo")!.colonia, "Centro");
    assert.equal(bySlug.get("oficina-zocalo")!.tramites, "1");
    assert.match(bySlug.get("oficina-zocalo")!.horario!, /^lunes 09:00-15:00; martes 09:00-15:00/);
    assert.ok(bySlug.get("modulo-parque-mexico")!.notas!.startsWith("'="), "a formula is neutralised");

    const geo = await s.app.inject("/cuauhtemoc/datos/oficinas.geojson");
    const collection = JSON.parse(geo.body);
    assert.deepEqual(collection.features.map((f: { properties: { slug: string } }) => f.properties.slug).sort(), ["modulo-parque-mexico", "oficina-zocalo"]);
    assert.deepEqual(collection.features.find((f: { properties: { slug: string } }) => f.properties.slug === "oficina-zocalo").geometry.coordinates, [-99.1332, 19.4326]);

    const procedures = JSON.parse((await s.app.inject("/cuauhtemoc/datos/tramites.json")).body);
    const licencia = procedures.find((p: { tramite: string }) => p.tramite === "licencia-de-funcionamiento");
    assert.deepEqual(licencia.requisitos, ["Identificación oficial", "Comprobante de domicilio"]);
    assert.deepEqual(licencia.oficinas, ["modulo-parque-mexico", "oficina-zocalo", "unidad-sin-ubicacion"]);
    const procCsv = parseCsv((await s.app.inject("/cuauhtemoc/datos/tramites.csv")).body.replace(/^\uFEFF/, ""));
    assert.deepEqual(procCsv[0], [...PROCEDURE_COLUMNS]);
    assert.equal(procCsv.find((r) => r[0] === "licencia-de-funcionamiento")![4], "Identificación oficial; Comprobante de domicilio");

    const datasets = await officeDatasets(s.t.services, { id: s.w.cuauhtemoc.id, slug: "cuauhtemoc", name: "Cuauhtémoc", timeZone: s.w.cuauhtemoc.timeZone });
    assert.deepEqual(datasets.map((d) => d.distributions.map((x) => x.downloadPath)), [
      ["/cuauhtemoc/datos/oficinas.csv", "/cuauhtemoc/datos/oficinas.geojson"],
      ["/cuauhtemoc/datos/tramites.csv", "/cuauhtemoc/datos/tramites.json"],
    ]);
    assert.deepEqual(await officeDatasets(s.t.services, { id: s.w.leon.id, slug: "leon", name: "León", timeZone: s.w.leon.timeZone }), []);
  });

  it("renders every page in Spanish and in English (the keys themselves are checked in office-locales.test.ts)", async () => {
    const admin = await signedIn(s.app, s.w.emails.admin);
    for (const lang of ["es-MX", "en"]) {
      for (const url of [
        "/cuauhtemoc/oficinas", "/cuauhtemoc/oficinas/oficina-zocalo", "/cuauhtemoc/tramites?q=liscencia", "/cuauhtemoc/tramites/licencia-de-funcionamiento",
        "/cuauhtemoc/tramites/licencia-de-funcionamiento/oficina-cercana?colonia=centro", "/cuauhtemoc/tramites/licencia-de-funcionamiento/oficina-cercana?colonia=x",
        "/cuauhtemoc/admin/oficinas", "/cuauhtemoc/admin/oficinas/oficina-zocalo", "/cuauhtemoc/admin/tramites", "/cuauhtemoc/admin/tramites/licencia-de-funcionamiento",
      ]) {
        const res = await admin.get(`${url}${url.includes("?") ? "&" : "?"}lang=${lang}`);
        assert.ok(res.statusCode === 200 || res.statusCode === 422, `${url} ${res.statusCode}`);
        assert.match(res.body, new RegExp(`<html lang="${lang}"`), `${lang} ${url}`);
      }
    }
    const english = await s.app.inject("/cuauhtemoc/oficinas/oficina-zocalo?lang=en");
    assert.match(english.body, /What you can do here/);
  });

  it("never shows staff accounts or anything from users in a public page, map, API answer or dataset", async () => {
    // Staff of the town edited offices and the catalogue (their ids are in the audit log, not in the rows).
    const staff = [s.w.emails.admin, s.w.emails.servicios, s.w.emails.obras, s.w.emails.observer, s.w.emails.leonAdmin, s.w.clerk.email, s.w.volunteers.ana.email, s.w.volunteers.beto.email];
    const names = (await db().selectFrom("users").select("display_name").execute()).map((u) => u.display_name).filter((n) => n.length > 3);
    const urls = [
      "/cuauhtemoc/oficinas", "/cuauhtemoc/oficinas?pagina=2", "/cuauhtemoc/oficinas.geojson", "/cuauhtemoc/oficinas/oficina-zocalo", "/cuauhtemoc/oficinas/unidad-sin-ubicacion",
      "/cuauhtemoc/tramites", "/cuauhtemoc/tramites?q=licencia", "/cuauhtemoc/tramites/licencia-de-funcionamiento",
      "/cuauhtemoc/tramites/licencia-de-funcionamiento/oficina-cercana?colonia=hipodromo",
      "/api/v1/municipalities/cuauhtemoc/tramites/licencia-de-funcionamiento/oficina-cercana?lat=19.43&lon=-99.14",
      "/cuauhtemoc/datos/oficinas.csv", "/cuauhtemoc/datos/oficinas.geojson", "/cuauhtemoc/datos/tramites.csv", "/cuauhtemoc/datos/tramites.json",
    ];
    let sawContact = false;
    for (const url of urls) {
      const res = await s.app.inject(url);
      assert.equal(res.statusCode, 200, url);
      for (const email of staff) assert.ok(!res.body.includes(email), `${email} in ${url}`);
      for (const name of names) assert.ok(!res.body.includes(`>${name}<`) && !res.body.includes(`"${name}"`), `${name} in ${url}`);
      assert.doesNotMatch(res.body, /"(id|municipality_id|colonia_id|department_id|created_by|actor_user_id)"\s*:/, url);
      if (res.body.includes("zocalo@oficinas.test")) sawContact = true;
    }
    assert.ok(sawContact, "the office's own public contact is published");
  });
});
