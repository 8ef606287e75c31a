import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { seedDemoIfEmpty } from "../../demo/seed.js";
import { seedDemoPlans } from "./demo.js";
import { PLAN_SLUG, SHARED_SLUG } from "./demo-content.js";

describe("action plans demo", { timeout: 180_000 }, () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it("gives León a published plan with a commitment at every stage, a starred one, reviews, an observatory and an inter-municipal commitment — once", async () => {
    const lines: string[] = [];
    // The whole demo chain (territory, staff, processes, proposals with their draft commitment…), then
    // the plans seed: a no-op when the manifest already ran it in the chain.
    await seedDemoIfEmpty(t.services, (l) => lines.push(l));
    await seedDemoPlans(t.services, (l) => lines.push(l));
    await seedDemoPlans(t.services, (l) => lines.push(l));
    const db = t.services.db;
    const leon = await db.selectFrom("municipalities").select("id").where("slug", "=", "leon").executeTakeFirstOrThrow();
    const plans = await db.selectFrom("action_plans").select(["municipality_id", "title", "published", "process_id"]).orderBy("municipality_id").execute();
    assert.equal(plans.length, 3, "León's plan and the two partners' plans, seeded once");
    const leonPlan = plans.find((p) => p.municipality_id === leon.id)!;
    assert.equal(leonPlan.title, "Plan de Acción Local de Gobierno Abierto León 2026–2027");
    assert.ok(leonPlan.published && leonPlan.process_id !== null, "published and linked to the co-creation process");
    assert.equal(lines.filter((l) => l.startsWith("planes: «")).length, 1);
    assert.ok(lines.some((l) => l.includes("revision@leon.demo.cabildo.mx")), "the reviewer's credentials are printed");

    // Weights of every commitment's milestones add up to 100.
    const sums = await db.selectFrom("plan_milestones").select(["commitment_id", (eb) => eb.fn.sum<string>("weight").as("w")]).groupBy("commitment_id").execute();
    assert.ok(sums.length >= 7 && sums.every((s) => Number(s.w) === 100));
    const draft = await db.selectFrom("commitment_drafts").select(["status", "adopted_by_plan_ref"]).where("municipality_id", "=", leon.id).executeTakeFirstOrThrow();
    assert.deepEqual(draft, { status: "adopted", adopted_by_plan_ref: `plan:${PLAN_SLUG}#5` });
    const starred = await db.selectFrom("plan_assessments").select(["commitment_id", "author_kind"]).where("municipality_id", "=", leon.id).where("starred", "=", true).execute();
    assert.deepEqual(new Set(starred.map((s) => s.author_kind)), new Set(["equipo_interno", "revisor_independiente"]));
    assert.equal(new Set(starred.map((s) => s.commitment_id)).size, 1, "one commitment is starred");
    assert.equal((await db.selectFrom("observatory_reports").select("id").where("published_at", "is not", null).execute()).length, 1);

    const app = await t.app();
    const browser = new Browser(app);
    const page = await browser.get(`/leon/planes/${PLAN_SLUG}`);
    assert.equal(page.statusCode, 200);
    for (const stage of ["No iniciado", "En curso", "Con retraso", "Completado"]) assert.ok(page.body.includes(stage), `León's plan page shows «${stage}»`);
    assert.match(page.body, /Red intermunicipal de seguridad ciudadana con datos abiertos/, "the plan's shared commitment");
    assert.ok(page.body.includes("Lic. Mariana Ejemplo Torres"), "a team member whose name is public");
    assert.ok(!page.body.includes("Ing. Ricardo Muestra Ávila"), "a team member whose name is not public");

    const shared = await browser.get(`/compromisos-intermunicipales/${SHARED_SLUG}`);
    assert.equal(shared.statusCode, 200);
    for (const m of ["León", "Cuauhtémoc", "Tlalnepantla de Baz"]) assert.ok(shared.body.includes(`${m}</a>`), `${m} takes part`);
    assert.match(shared.body, /50 %<\/td><td>En curso/, "León: diagnosis and agreement delivered");
    assert.match(shared.body, /0 %<\/td><td>Con retraso/, "Tlalnepantla: its first milestone is overdue");
    const partnerPage = await browser.get(`/cuauhtemoc/planes/${PLAN_SLUG}/compromisos/1`);
    assert.equal(partnerPage.statusCode, 200);
    assert.match(partnerPage.body, /<h2 id="compromiso-intermunicipal">Compromiso intermunicipal<\/h2>/);
    assert.match(partnerPage.body, /León<\/a> \(convoca\)/);
    const state = await browser.get("/estados/guanajuato/planes");
    assert.match(state.body, /<a href="\/leon\/planes\/plan-2026-2027">Plan de Acción Local de Gobierno Abierto León 2026–2027<\/a>/);
  });
});
