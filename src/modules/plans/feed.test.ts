import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { seedPlanWorld, type PlanWorld } from "./test-support.js";

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A strict little XML reader for the test: tags must nest and close, only XML's own entities, one root. */
function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, "");
  const token = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const decode = (s: string) => {
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(s)) throw new Error(`entidad no válida en: ${s}`);
    return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (token.lastIndex < body.length) {
    const start = token.lastIndex;
    const m = token.exec(body);
    if (!m) throw new Error(`XML mal formado cerca de: ${body.slice(start, start + 40)}`);
    const [, closing, name, attrs, selfClosing, text] = m;
    if (text !== undefined) {
      if (stack.length) stack[stack.length - 1]!.text += decode(text);
      else if (text.trim()) throw new Error("texto fuera del elemento raíz");
      continue;
    }
    if (closing) {
      if (stack.pop()?.name !== name) throw new Error(`cierre inesperado </${name}>`);
      continue;
    }
    const el: XmlElement = { name: name!, attrs: Object.fromEntries([...(attrs ?? "").matchAll(/([\w:.-]+)="([^"]*)"/g)].map((a) => [a[1]!, decode(a[2]!)])), children: [], text: "" };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else if (root) throw new Error("más de un elemento raíz");
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  if (stack.length || !root) throw new Error("documento incompleto");
  return root;
}
const child = (el: XmlElement, name: string) => el.children.find((c) => c.name === name);

describe("the plan's Atom feed", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: PlanWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
  });

  it("lists milestone events and commitments added and withdrawn, newest first, as valid Atom without who recorded them", async () => {
    const db = t.services.db;
    const m = w.cuauhtemoc.id;
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    await db.updateTable("plan_commitments").set({ created_at: at(300) }).where("id", "=", w.commitments.obras).execute();
    await db.updateTable("plan_commitments").set({ created_at: at(200) }).where("id", "=", w.commitments.servicios).execute();
    await db.insertInto("plan_milestone_events").values([
      { municipality_id: m, milestone_id: w.milestones.obras[0]!, kind: "estado", from_value: "pendiente", to_value: "completado", note: "Publicado en <datos> & más", by_user_id: w.users.obras, at: at(60) },
      { municipality_id: m, milestone_id: w.milestones.obras[0]!, kind: "evidencia", to_value: "Inventario en CSV", by_user_id: w.users.obras, at: at(30) },
    ]).execute();
    await db.updateTable("plan_commitments").set({ withdrawn_at: at(10), withdrawn_reason: "Lo absorbe el compromiso 1." }).where("id", "=", w.commitments.servicios).execute();

    const res = await app.inject("/cuauhtemoc/planes/plan-2026/feed.atom");
    assert.equal(res.statusCode, 200);
    assert.match(res.headers["content-type"] as string, /^application\/atom\+xml/);
    const feed = parseXml(res.body);
    assert.equal(feed.name, "feed");
    assert.equal(feed.attrs.xmlns, "http://www.w3.org/2005/Atom");
    assert.match(child(feed, "title")!.text, /Plan de Acción Local 2026–2027 · Cuauhtémoc/);
    assert.ok(child(feed, "id")!.text.startsWith("tag:"));
    const self = feed.children.find((c) => c.name === "link" && c.attrs.rel === "self");
    assert.match(self!.attrs.href!, /\/cuauhtemoc\/planes\/plan-2026\/feed\.atom$/);
    const entries = feed.children.filter((c) => c.name === "entry");
    assert.deepEqual(
      entries.map((e) => child(e, "title")!.text),
      [
        "Compromiso 2 retirado: Servicios urbanos con datos abiertos",
        "Compromiso 1 · Inventario de obras publicado: Evidencia agregada: Inventario en CSV",
        "Compromiso 1 · Inventario de obras publicado: Estado: Pendiente → Completado",
        "Nuevo compromiso 2: Servicios urbanos con datos abiertos",
        "Nuevo compromiso 1: Obra pública abierta por colonia",
      ],
    );
    for (const e of entries) {
      assert.ok(child(e, "id")!.text.startsWith("tag:"));
      assert.ok(!Number.isNaN(Date.parse(child(e, "updated")!.text)));
      assert.match(child(e, "link")!.attrs.href!, /^http:\/\/.+\/cuauhtemoc\/planes\/plan-2026\/compromisos\/[12]$/);
    }
    assert.ok(entries.some((e) => child(e, "summary")!.text.includes("Publicado en <datos> & más")));
    assert.ok(entries.some((e) => child(e, "summary")!.text.includes("Lo absorbe el compromiso 1.")));
    assert.ok(!res.body.includes(w.emails.obras));
    assert.equal(new Set(entries.map((e) => child(e, "id")!.text)).size, entries.length);
  });
});
