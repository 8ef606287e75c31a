import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { signedIn as signedInAs } from "../plans/staff-test-support.js";
import { officeSuite } from "./office-test-support.js";

const ADMIN = "/cuauhtemoc/admin/tramites";

function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: "Permiso de anuncio", slug: "", kind: "tramite", summary: "Colocar un anuncio en la fachada de un negocio.",
    requirements: "Identificación oficial\r\n\r\n- Fotografía de la fachada\r\n", costText: "Según las medidas del anuncio", costMxn: "$1,245.50",
    duration: "10 días hábiles", howTo: "En la ventanilla de la oficina sede.", onlineUrl: "https://tramites.example.gob.mx/anuncios", departmentId: "",
    requestServiceCode: "", legalBasis: "Reglamento de Anuncios, art. 5", active: "1", ...overrides,
  };
}

describe("procedures catalogue: staff pages", () => {
  const s = officeSuite();

  const db = () => s.t.services.db;
  const signedIn = (email: string) => signedInAs(s.app, email);
  const procedures = async () => Number((await db().selectFrom("municipal_procedures").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);

  it("refuses observers (403) and other towns' administrators (403 here, 404 under their own address)", async () => {
    const observer = await signedIn(s.w.emails.observer);
    assert.equal((await observer.get(ADMIN)).statusCode, 403);
    assert.equal((await observer.post(ADMIN, form())).statusCode, 403);
    assert.equal((await observer.get(`${ADMIN}/licencia-de-funcionamiento`)).statusCode, 403);
    const leon = await signedIn(s.w.emails.leonAdmin);
    assert.equal((await leon.post(`${ADMIN}/licencia-de-funcionamiento`, form())).statusCode, 403);
    assert.equal((await leon.get("/leon/admin/tramites/licencia-de-funcionamiento")).statusCode, 404);
    assert.equal(await procedures(), 2);
  });

  it("registers a procedure: requirements one per line, the amount in pesos, the department, the related request service, with an audit entry", async () => {
    const admin = await signedIn(s.w.emails.admin);
    const res = await admin.post(ADMIN, form({ departmentId: String(s.w.departments.obras), requestServiceCode: "bache" }));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${ADMIN}/permiso-de-anuncio`);
    const row = await db().selectFrom("municipal_procedures").selectAll().where("slug", "=", "permiso-de-anuncio").executeTakeFirstOrThrow();
    assert.deepEqual(row.requirements, ["Identificación oficial", "Fotografía de la fachada"]);
    assert.equal(Number(row.cost_mxn), 1245.5);
    assert.equal(row.department_id, s.w.departments.obras);
    assert.equal(row.request_service_code, "bache");
    assert.equal(row.online_url, "https://tramites.example.gob.mx/anuncios");
    const audit = await db().selectFrom("audit_log").select(["actor_user_id", "details"]).where("action", "=", "channels.procedure.create").orderBy("seq", "desc").executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, s.w.users.admin);

    // Its public page: the requirements as a list, the amount, the link to file a request.
    const page = await s.app.inject("/cuauhtemoc/tramites/permiso-de-anuncio");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<li>Identificación oficial<\/li>/);
    assert.match(page.body, /1,245\.50/);
    assert.match(page.body, /href="\/cuauhtemoc\/solicitudes\/nueva\?servicio=bache"/);
    assert.match(page.body, /href="https:\/\/tramites\.example\.gob\.mx\/anuncios"/);
    // The request form really accepts that address.
    assert.equal((await s.app.inject("/cuauhtemoc/solicitudes/nueva?servicio=bache")).statusCode, 200);
  });

  it("shows Spanish messages beside the fields and stores nothing: missing name, a URL that is not http(s), duplicate slug, a bad amount, unknown service, another town's department", async () => {
    const admin = await signedIn(s.w.emails.admin);
    const leonDepartment = (await db().selectFrom("departments").select("id").where("municipality_id", "=", s.w.leon.id).executeTakeFirstOrThrow()).id;
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ name: "  " }, "name", /Escriba el nombre del trámite o servicio\./],
      [{ onlineUrl: "javascript:alert(1)" }, "onlineUrl", /debe empezar con https:\/\/ o http:\/\//],
      [{ onlineUrl: "ftp://archivos.example.mx" }, "onlineUrl", /debe empezar con https:\/\/ o http:\/\//],
      [{ onlineUrl: "no es una dirección" }, "onlineUrl", /no es una dirección web válida/],
      [{ slug: "licencia-de-funcionamiento" }, "slug", /Ya hay un trámite o servicio con la dirección corta «licencia-de-funcionamiento»/],
      [{ costMxn: "doscientos" }, "costMxn", /El monto debe ser una cantidad en pesos/],
      [{ costText: "" }, "costText", /Escriba el costo/],
      [{ requestServiceCode: "no-existe" }, "requestServiceCode", /El servicio de solicitudes ciudadanas elegido no existe/],
      [{ departmentId: String(leonDepartment) }, "departmentId", /La dependencia elegida no existe en este municipio/],
      [{ departmentId: "abc" }, "departmentId", /La dependencia elegida no existe en este municipio/],
      [{ kind: "otro" }, "kind", /Elija si es un trámite o un servicio/],
    ];
    for (const [overrides, field, message] of cases) {
      const res = await admin.post(ADMIN, form(overrides));
      assert.equal(res.statusCode, 422, JSON.stringify(overrides));
      assert.match(res.body, message, field);
      assert.match(res.body, new RegExp(`href="#campo-${field}"`), field);
      assert.match(res.body, /Colocar un anuncio en la fachada de un negocio\./, "what was typed stays");
    }
    assert.equal(await procedures(), 2);
  });

  it("edits a procedure and ticks the offices where it is done", async () => {
    const admin = await signedIn(s.w.emails.admin);
    const page = await admin.get(`${ADMIN}/constancia-de-huerfano`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Oficina Zócalo/);
    const res = await admin.post(`${ADMIN}/constancia-de-huerfano`, form({ name: "Constancia de orfandad", slug: "constancia-de-orfandad", onlineUrl: "", costMxn: "" }));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${ADMIN}/constancia-de-orfandad`);
    const all = [s.w.offices.zocalo, s.w.offices.parque, s.w.offices.garibaldi, s.w.offices.sinUbicacion].map(String);
    const tick = await admin.post(`${ADMIN}/constancia-de-orfandad/oficinas`, { offices_shown: all, offices: String(s.w.offices.garibaldi) });
    assert.equal(tick.statusCode, 303);
    const linked = await db().selectFrom("office_procedures").select("office_id").where("procedure_id", "=", s.w.procedures.huerfano).execute();
    assert.deepEqual(linked.map((l) => l.office_id), [s.w.offices.garibaldi]);
    const nearest = await s.app.inject("/api/v1/municipalities/cuauhtemoc/tramites/constancia-de-orfandad/oficina-cercana?colonia=centro");
    assert.equal(nearest.json().nearest.slug, "modulo-garibaldi");
  });
});
