import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous, type Actor } from "../../platform/policy.js";
import { loadActor } from "../accounts/queries.js";
import { inPersonParticipant } from "../participation/participants.js";
import { createProposal } from "../proposals/create.js";
import type { ProposalChannel } from "../proposals/tables.js";
import { createRequest } from "../requests/create.js";
import type { Channel } from "../requests/tables.js";
import { applyStaffChange } from "../requests/workflow.js";
import { fileAssistedRequest } from "./assisted-filing.js";
import { channelStatsDatasets } from "./opendata-stats.js";
import { login, seedChannelsWorld, ZOCALO, PARQUE_MEXICO, type ChannelsWorld } from "./test-support.js";

const STATS = "/cuauhtemoc/admin/canales";
/** 10:00 in Mexico City (UTC−6 all year since 2022) on a March 2026 day. */
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 2, day, hour + 6));
const SECRET = { name: "Zyxstats Persona", email: "zyx.stats@ejemplo.mx", phone: "55 7788 9900" };

/** The text of each cell of a table's body rows (th and td), found by its caption. */
function tableRows(html: string, caption: string): string[][] {
  const start = html.indexOf(`<caption>${caption}</caption>`);
  assert.ok(start >= 0, `a table captioned «${caption}»`);
  const table = html.slice(start, html.indexOf("</table>", start));
  const body = table.slice(table.indexOf("</thead>"));
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, "")));
}

describe("the channel dashboard and open data by channel and colonia", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ChannelsWorld;
  let clerk: Actor;
  let officeId: number;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedChannelsWorld(t.services);
    clerk = (await loadActor(t.services.db, w.clerk.userId))!;
    officeId = (
      await t.services.db
        .insertInto("service_offices")
        .values({ municipality_id: w.cuauhtemoc.id, slug: "delegacion-roma", name: "Delegación Roma-Condesa", address: "Jalapa 15, Roma Norte", hours: "[]" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => t.close());

  const as = async (email: string) => {
    const b = new Browser(app);
    await login(b, email);
    return b;
  };
  const file = (channel: Channel, now: Date, opts: { service?: string; location?: { lat: number; lon: number } | null; coloniaId?: number; municipality?: ChannelsWorld["cuauhtemoc"] } = {}) =>
    createRequest(
      t.services,
      opts.municipality ?? w.cuauhtemoc,
      {
        serviceCode: opts.service ?? "alumbrado",
        description: "La luminaria de la esquina no enciende desde hace días.",
        location: opts.location === undefined ? ZOCALO : opts.location,
        coloniaId: opts.coloniaId ?? null,
        channel,
        contact: SECRET,
      },
      anonymous,
      now,
    );
  const attend = async (id: string, when: Date) => {
    const admin = (await loadActor(t.services.db, w.users.admin))!;
    await applyStaffChange(t.services, w.cuauhtemoc.id, [id], { kind: "status", to: "atendida" }, admin, when);
  };

  /**
   * 3 by web in Centro (two attended: one in 3 business days, on time; one in 7 — a weekend and the
   * 16 March rest day in between —, late), 2 by a brigade in Centro, 1 at a hearing in Hipódromo
   * and 1 on the phone without a colonia (both filed by the clerk), and one in León that must not count.
   */
  async function handMadeSet() {
    const w1 = await file("web", at(2));
    await attend(w1.id, at(5, 12));
    const w2 = await file("web", at(6));
    await attend(w2.id, at(18, 12));
    await file("web", at(3));
    await file("brigade", at(10));
    await file("brigade", at(10), { service: "basura" });
    await fileAssistedRequest(t.services, w.cuauhtemoc, { serviceCode: "alumbrado", description: "Luminaria apagada frente al parque México.", location: PARQUE_MEXICO, channel: "hearing", officeId, contact: SECRET }, clerk, [], at(4));
    await fileAssistedRequest(t.services, w.cuauhtemoc, { serviceCode: "alumbrado", description: "Luminaria apagada, la persona no sabe la colonia.", channel: "phone", officeId: null, contact: SECRET }, clerk, [], at(4));
    await file("web", at(4), { municipality: w.leon, location: null });
  }

  it("counts requests by channel with their state, on-time share and median business days, from the stored rows", async () => {
    await handMadeSet();
    const admin = await as(w.emails.admin);
    const res = await admin.get(STATS);
    assert.equal(res.statusCode, 200);
    const rows = tableRows(res.body, "Solicitudes recibidas por canal, su estado, cuántas se atendieron a tiempo y en cuántos días hábiles");
    assert.deepEqual(rows, [
      ["Sitio web", "3", "1", "2", "1 (50 %)", "5"],
      ["API (Open311)", "0", "0", "0", "—", "—"],
      ["Teléfono", "1", "1", "0", "—", "—"],
      ["Brigada", "2", "2", "0", "—", "—"],
      ["Audiencia pública", "1", "1", "0", "—", "—"],
      ["Oficina", "0", "0", "0", "—", "—"],
      ["Total", "7", "5", "2", "1 (50 %)", "5"],
    ]);
    assert.deepEqual(tableRows(res.body, "Solicitudes asistidas por canal"), [["Teléfono", "1"], ["Audiencia pública", "1"]]);
    assert.deepEqual(tableRows(res.body, "Solicitudes asistidas por oficina"), [["Delegación Roma-Condesa", "1"], ["Sin oficina (por teléfono)", "1"]]);
    const colonias = tableRows(res.body, "Solicitudes por colonia (las que más tienen primero) y canal");
    assert.deepEqual(colonias, [
      ["Centro", "5", "3", "0", "0", "2", "0", "0"],
      ["Hipódromo", "1", "0", "0", "0", "0", "1", "0"],
      ["Sin colonia", "1", "0", "0", "1", "0", "0", "0"],
    ]);
    for (const secret of Object.values(SECRET)) assert.ok(!res.body.includes(secret), `the dashboard names nobody (${secret})`);
    assert.ok(!res.body.includes(w.clerk.email), "nor the clerk");

    // The CSV is the table by colonia and channel, every row.
    const csv = await admin.get(`${STATS}.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    assert.equal(lines[0], "colonia,total,web,open311,telefono,brigada,audiencia,oficina");
    assert.deepEqual(lines.slice(1).map((l) => l.split(",")), colonias);

    // Filters: the period by local filing date, and the service.
    const since = await admin.get(`${STATS}?desde=2026-03-05&hasta=2026-03-31`);
    assert.deepEqual(tableRows(since.body, "Solicitudes recibidas por canal, su estado, cuántas se atendieron a tiempo y en cuántos días hábiles")[0], ["Sitio web", "1", "0", "1", "0 (0 %)", "7"]);
    assert.match(since.body, /href="\/cuauhtemoc\/admin\/canales\.csv\?desde=2026-03-05&amp;hasta=2026-03-31"/);
    const sinceCsv = await admin.get(`${STATS}.csv?desde=2026-03-05&hasta=2026-03-31`);
    assert.deepEqual(sinceCsv.body.replace(/^\uFEFF/, "").trim().split("\r\n").slice(1), ["Centro,3,1,0,0,2,0,0"]);
    const basura = await admin.get(`${STATS}?servicio=basura`);
    assert.deepEqual(tableRows(basura.body, "Solicitudes por colonia (las que más tienen primero) y canal"), [["Centro", "1", "0", "0", "0", "1", "0", "0"]]);
  });

  it("paginates the colonias, breaks proposals down by process and channel, and explains bad filters in Spanish (422)", async () => {
    const colonias = await t.services.db.selectFrom("colonias").select(["id", "name"]).where("municipality_id", "=", w.cuauhtemoc.id).orderBy("name").limit(27).execute();
    for (const c of colonias) await file("office", at(2), { location: null, coloniaId: c.id });
    await file("web", at(2), { location: null, coloniaId: colonias[26]!.id });
    const team = (await loadActor(t.services.db, w.team.userId))!;
    const channels: ProposalChannel[] = ["online", "online", "in_person", "brigade", "hearing", "office", "phone"];
    await t.services.db.transaction().execute(async (trx) => {
      for (const [i, channel] of channels.entries()) {
        const participant = await inPersonParticipant(trx, w.cuauhtemoc.id, null, team);
        await createProposal(trx, w.cuauhtemoc.id, { actor: team, participantId: participant.id }, w.process.id, { kind: "idea", title: `Idea número ${i + 1} para la colonia`, body: "Una propuesta recogida para el tablero por canal.", channel }, null, at(3));
      }
    });
    const observer = await as(w.emails.observer);
    const page = await observer.get(STATS);
    assert.equal(page.statusCode, 200, "observers see the dashboard");
    assert.deepEqual(tableRows(page.body, "Propuestas de cada proceso de participación por canal"), [[w.process.title, "7", "2", "1", "1", "1", "1", "1"]]);

    const caption = "Solicitudes por colonia (las que más tienen primero) y canal";
    const first = tableRows(page.body, caption);
    assert.equal(first.length, 25, "25 colonias a page");
    assert.deepEqual(first[0], [colonias[26]!.name, "2", "1", "0", "0", "0", "0", "1"], "the colonia with most requests first");
    assert.match(page.body, /aria-label="Páginas de la tabla por colonia"/);
    const second = await observer.get(`${STATS}?pagina=2`);
    assert.equal(tableRows(second.body, caption).length, 2);
    const csv = await observer.get(`${STATS}.csv`);
    assert.equal(csv.body.trim().split("\r\n").length, 1 + 27, "the CSV has every colonia");

    const bad = await observer.get(`${STATS}?desde=2026-02-30&hasta=2026-01-01&servicio=nada`);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Escriba una fecha válida como 2026-03-31\./);
    assert.match(bad.body, /Ese servicio no existe en este municipio\./);
    assert.match(bad.body, /id="error-desde"/);
    assert.match(bad.body, /Corrija los filtros para ver las cifras\./);
    const range = await observer.get(`${STATS}?desde=2026-03-10&hasta=2026-03-01`);
    assert.equal(range.statusCode, 422);
    assert.match(range.body, /La fecha «hasta» debe ser igual o posterior a «desde»\./);
    assert.equal((await observer.get(`${STATS}.csv?desde=ayer`)).statusCode, 422);
  });

  it("is for the municipality's staff: anonymous visitors to the login, volunteers and other towns' staff 403", async () => {
    const anon = await new Browser(app).get(STATS);
    assert.equal(anon.statusCode, 302);
    assert.equal(anon.headers.location, `/entrar?next=${encodeURIComponent(STATS)}`);
    assert.equal((await new Browser(app).get(`${STATS}.csv`)).statusCode, 302);
    assert.equal((await (await as(w.volunteers.ana.email)).get(STATS)).statusCode, 403);
    const leon = await as(w.emails.leonAdmin);
    assert.equal((await leon.get(STATS)).statusCode, 403);
    assert.equal((await leon.get(`${STATS}.csv`)).statusCode, 403);
    assert.equal((await leon.get("/leon/admin/canales")).statusCode, 200);
  });

  it("publishes requests by month, colonia and channel as open data, with no personal data, and the channel in every export", async () => {
    await handMadeSet();
    const visitor = new Browser(app);
    const res = await visitor.get("/cuauhtemoc/datos/solicitudes-por-canal.csv");
    assert.equal(res.statusCode, 200);
    assert.match(res.headers["content-type"] as string, /text\/csv/);
    assert.deepEqual(res.body.replace(/^\uFEFF/, "").trim().split("\r\n"), [
      "mes,colonia,canal,recibidas,atendidas,mediana_dias",
      "2026-03,Centro,web,3,2,5",
      "2026-03,Centro,brigada,2,0,",
      "2026-03,Hipódromo,audiencia,1,0,",
      "2026-03,,telefono,1,0,",
    ]);
    const requests = await visitor.get("/cuauhtemoc/datos/solicitudes.csv");
    const canal = requests.body.split("\r\n")[0]!.split(",").indexOf("canal");
    assert.ok(canal > 0);
    const values = requests.body.trim().split("\r\n").slice(1).map((l) => l.split(",")[canal]);
    assert.deepEqual(values.sort(), ["audiencia", "brigada", "brigada", "telefono", "web", "web", "web"]);
    for (const body of [res.body, requests.body]) {
      for (const secret of [...Object.values(SECRET), w.clerk.email, "ventanilla", "assisted"]) assert.ok(!body.includes(secret), `open data does not contain ${secret}`);
    }

    const [dataset] = await channelStatsDatasets(t.services, { id: w.cuauhtemoc.id, slug: "cuauhtemoc", name: "Cuauhtémoc", timeZone: w.cuauhtemoc.timeZone });
    assert.equal(dataset!.id, "cuauhtemoc-solicitudes-por-canal");
    assert.equal(dataset!.distributions[0]!.downloadPath, "/cuauhtemoc/datos/solicitudes-por-canal.csv");
    assert.deepEqual(dataset!.temporal, { start: "2026-03-02", end: "2026-03-10" });
  });

  it("shows and exports every proposal channel", async () => {
    const team = (await loadActor(t.services.db, w.team.userId))!;
    await t.services.db.transaction().execute(async (trx) => {
      for (const channel of ["brigade", "phone", "online"] as const) {
        const participant = await inPersonParticipant(trx, w.cuauhtemoc.id, null, team);
        await createProposal(trx, w.cuauhtemoc.id, { actor: team, participantId: participant.id }, w.process.id, { kind: "idea", title: `Idea recogida por ${channel}`, body: "Una propuesta recogida fuera del sitio web.", channel });
      }
    });
    const visitor = new Browser(app);
    const csv = await visitor.get("/cuauhtemoc/datos/propuestas.csv");
    const header = csv.body.replace(/^\uFEFF/, "").split("\r\n")[0]!.split(",");
    const canal = header.indexOf("canal");
    const values = csv.body.replace(/^\uFEFF/, "").trim().split("\r\n").slice(1).map((l) => l.split(",")[canal]);
    assert.deepEqual(values, ["brigada", "telefono", "en_linea"]);
    const page = await visitor.get(`/cuauhtemoc/participa/${w.process.slug}/propuestas/1`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<dt>Canal<\/dt><dd>Brigada<\/dd>/);
    const list = await visitor.get(`/cuauhtemoc/participa/${w.process.slug}/propuestas`);
    assert.match(list.body, / · Teléfono/);
  });
});
