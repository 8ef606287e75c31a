import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { addDays } from "../../platform/calendar/dates.js";
import { icalUtc } from "../../platform/ical.js";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { todayIn } from "../participation/processes.js";
import { scheduleTestHearing } from "./hearing-test-support.js";
import { login, seedChannelsWorld, type ChannelsWorld } from "./test-support.js";

interface Property {
  name: string;
  params: string;
  value: string;
}
interface Component {
  name: string;
  props: Property[];
  children: Component[];
}

/** RFC 5545 §3.1: unfold (CRLF followed by one space or tab), then split each content line into name, parameters and value. */
function parseCalendar(text: string): Component {
  const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n");
  assert.equal(lines.pop(), "", "the calendar ends with CRLF");
  const root: Component = { name: "", props: [], children: [] };
  const stack = [root];
  for (const line of lines) {
    const m = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    assert.ok(m, `not a content line: ${JSON.stringify(line)}`);
    const [, name, params, value] = m as unknown as [string, string, string, string];
    if (name === "BEGIN") {
      const c: Component = { name: value, props: [], children: [] };
      stack.at(-1)!.children.push(c);
      stack.push(c);
    } else if (name === "END") {
      assert.equal(stack.pop()!.name, value, "END matches its BEGIN");
    } else stack.at(-1)!.props.push({ name, params, value });
  }
  assert.equal(stack.length, 1, "every BEGIN has its END");
  return root;
}

const prop = (c: Component, name: string) => c.props.find((p) => p.name === name)?.value;
/** TEXT values back to plain text (§3.3.11). */
const unescape = (v: string | undefined) => (v ?? "").replace(/\\([\\;,nN])/g, (_, ch: string) => (ch === "n" || ch === "N" ? "\n" : ch));

describe("the hearings calendar (iCalendar)", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: ChannelsWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedChannelsWorld(t.services);
  });

  it("publishes every hearing from 60 days ago on as an RFC 5545 event with a stable UID, UTC times, escaped text and folded lines", async () => {
    const title = "Audiencia pública: colonias Roma, Condesa y Juárez";
    const place = "Jardín Pushkin, Av. Cuauhtémoc esquina Álvaro Obregón; entrada por la reja norte";
    const h = await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin, {
      title,
      place,
      slug: "roma-condesa",
      description: "Escuchamos a vecinas y vecinos de las colonias Roma, Condesa y Juárez sobre alumbrado, banquetas, recolección de basura y seguridad en los parques públicos de la zona.",
      officials: "Alcaldesa de Cuauhtémoc\nDirectora General de Obras y Desarrollo Urbano",
    });
    const today = todayIn(w.cuauhtemoc.timeZone);
    const cancelled = await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin, { slug: "cancelada", date: addDays(today, 3) });
    const old = await scheduleTestHearing(t.services, w.cuauhtemoc, w.users.admin, { slug: "hace-tres-meses", date: addDays(today, -90) });
    await scheduleTestHearing(t.services, w.leon, w.users.leonAdmin, { slug: "de-leon" });
    const admin = new Browser(app);
    await login(admin, w.emails.admin);
    assert.equal((await admin.post(`/cuauhtemoc/admin/audiencias/${cancelled.slug}/estado`, { accion: "cancelar" })).statusCode, 303);
    assert.equal((await admin.post(`/cuauhtemoc/admin/audiencias/${h.slug}/llegadas`, { topic: "Árbol caído en Orizaba", name: "Filiberta Calendario Secreta", email: "filiberta.secreta@correo.test" })).statusCode, 303);

    const res = await new Browser(app).get("/cuauhtemoc/audiencias.ics");
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/calendar; charset=utf-8/);
    const text = res.body;
    assert.ok(!/[^\r]\n/.test(text), "every line ends with CRLF");
    for (const line of text.split("\r\n")) assert.ok(Buffer.byteLength(line, "utf8") <= 75, `a line of ${Buffer.byteLength(line, "utf8")} octets: ${line}`);
    assert.ok(text.split("\r\n").some((l) => l.startsWith(" ")), "long lines are folded");
    for (const secret of ["Filiberta", "filiberta.secreta", "Árbol caído en Orizaba"]) assert.ok(!text.includes(secret), `the calendar shows ${secret}`);

    const root = parseCalendar(text);
    assert.equal(root.children.length, 1);
    const cal = root.children[0]!;
    assert.equal(cal.name, "VCALENDAR");
    assert.equal(prop(cal, "VERSION"), "2.0");
    assert.match(prop(cal, "PRODID") ?? "", /^-\/\/Cabildo\/\//);
    const events = cal.children.filter((c) => c.name === "VEVENT");
    assert.equal(events.length, 2, "this municipality's hearings from 60 days ago on");
    const stored = await t.services.db.selectFrom("hearings").select(["id", "slug", "starts_at", "ends_at"]).where("municipality_id", "=", w.cuauhtemoc.id).execute();
    const byUid = new Map(events.map((e) => [prop(e, "UID")!, e]));
    for (const s of stored.filter((r) => r.slug !== old.slug)) {
      const e = byUid.get(`audiencia-${w.cuauhtemoc.id}-${s.id}@${new URL(t.config.publicUrl).hostname}`);
      assert.ok(e, `the event of ${s.slug}`);
      assert.equal(prop(e, "DTSTART"), icalUtc(new Date(s.starts_at)));
      assert.equal(prop(e, "DTEND"), icalUtc(new Date(s.ends_at)));
      assert.match(prop(e, "DTSTAMP") ?? "", /^\d{8}T\d{6}Z$/);
      assert.equal(prop(e, "URL"), `${t.config.publicUrl}/cuauhtemoc/audiencias/${s.slug}`);
    }
    const main = events.find((e) => unescape(prop(e, "SUMMARY")) === title)!;
    assert.ok(main, "the summary is the hearing's title");
    assert.equal(prop(main, "SUMMARY"), "Audiencia pública: colonias Roma\\, Condesa y Juárez");
    assert.equal(unescape(prop(main, "LOCATION")), place);
    assert.match(prop(main, "LOCATION")!, /Pushkin\\, Av\. Cuauhtémoc esquina Álvaro Obregón\\; entrada/);
    assert.match(unescape(prop(main, "DESCRIPTION")), /Servidores públicos presentes:\n- Alcaldesa de Cuauhtémoc\n- Directora General de Obras y Desarrollo Urbano/);
    assert.equal(prop(main, "STATUS"), "CONFIRMED");
    assert.equal(prop(events.find((e) => e !== main)!, "STATUS"), "CANCELLED");

    // The UID survives an edit, so calendar apps replace the event instead of adding another.
    const uid = prop(main, "UID");
    const edit = await admin.post(`/cuauhtemoc/admin/audiencias/${h.slug}/editar`, {
      title: "Audiencia pública en la Roma", slug: h.slug, description: "", date: addDays(today, 1), startTime: "11:00", endTime: "14:00", officeId: "", place, officials: "", capacity: "10", onlineCapacity: "5",
    });
    assert.equal(edit.statusCode, 303);
    const one = await new Browser(app).get(`/cuauhtemoc/audiencias/${h.slug}/calendario.ics`);
    assert.equal(one.statusCode, 200);
    const single = parseCalendar(one.body).children[0]!.children.filter((c) => c.name === "VEVENT");
    assert.equal(single.length, 1);
    assert.equal(prop(single[0]!, "UID"), uid);
    assert.equal(prop(single[0]!, "SUMMARY"), "Audiencia pública en la Roma");
    const moved = await t.services.db.selectFrom("hearings").select("starts_at").where("id", "=", h.id).executeTakeFirstOrThrow();
    assert.equal(prop(single[0]!, "DTSTART"), icalUtc(new Date(moved.starts_at)));
    assert.match(prop(single[0]!, "DTSTART")!, /T170000Z$/, "11:00 in Mexico City is 17:00 UTC");
  });
});
