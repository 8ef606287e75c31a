import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { createTestContext, type TestContext } from "../../platform/testing.js";
import { CliError } from "../../cli/options.js";
import { CUAUHTEMOC, seedTowns } from "../accounts/test-support.js";
import { ogpImportCommand } from "./ogp-cli.js";
import { OgpImportError } from "./ogp-import.js";
import { importOgpCommitments, SHIPPED_OGP_CSV } from "./ogp-import-service.js";

const fixturePath = path.join(path.dirname(fileURLToPath(import.meta.url)), "data/ogp/ogp-fixture-10.csv");
const fixture = fs.readFileSync(fixturePath, "utf8");
const TODAY = "2026-06-01";

describe("OGP importer: storing plans", () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    await seedTowns(t.services.db);
  });

  const db = () => t.services.db;
  const counts = async () => {
    const n = async (table: "action_plans" | "plan_commitments" | "plan_checkpoints" | "plan_assessments") =>
      Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).where("municipality_id", "=", CUAUHTEMOC).executeTakeFirstOrThrow()).n);
    return { plans: await n("action_plans"), commitments: await n("plan_commitments"), checkpoints: await n("plan_checkpoints"), assessments: await n("plan_assessments") };
  };
  const commitmentsPerPlan = async () =>
    Object.fromEntries(
      (await db().selectFrom("action_plans as p").innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "p.municipality_id").onRef("c.plan_id", "=", "p.id"))
        .select(["p.ogp_plan_id", (eb) => eb.fn.countAll<string>().as("n")]).where("p.municipality_id", "=", CUAUHTEMOC).groupBy("p.ogp_plan_id").execute()).map((r) => [r.ogp_plan_id, Number(r.n)]),
    );

  it("stores the fixture as one plan per Action Plan ID, unpublished, with UA0037 as the CSV has it", async () => {
    const lines: string[] = [];
    const result = await importOgpCommitments(t.services, CUAUHTEMOC, fixture, { today: TODAY, log: (l) => lines.push(l) });
    assert.deepEqual(await counts(), { plans: 7, commitments: 10, checkpoints: 6, assessments: 10 });
    assert.deepEqual(await commitmentsPerPlan(), { AP_UKR02: 3, AP_SVK01: 2, AP_KEN05: 1, AP_LKA02: 1, AP_PRY04: 1, AP_MXJL02: 1, AP_MAR02: 1 });
    assert.equal(result.plansCreated, 7);
    assert.ok(lines.includes("Importando AP_UKR02: 3 compromisos…"), lines.join("\n"));

    const plan = await db().selectFrom("action_plans").select(["id", "slug", "title", "published", "status", sql<string>`starts_on::text`.as("starts_on"), sql<string>`ends_on::text`.as("ends_on")]).where("ogp_plan_id", "=", "AP_UKR02").executeTakeFirstOrThrow();
    assert.deepEqual({ ...plan, id: undefined }, { id: undefined, slug: "ogp-ap-ukr02", title: "Plan de acción OGP Ukraine 2.º (AP_UKR02)", published: false, status: "finalizado", starts_on: "2014-01-01", ends_on: "2017-01-01" });
    const c = await db()
      .selectFrom("plan_commitments")
      .select(["id", "number", "title", "problem", "lead_official", "lead_department_id", "relevant_transparency", "relevant_participation", "relevant_accountability", "ogp_data", sql<string>`starts_on::text`.as("starts_on"), sql<string>`ends_on::text`.as("ends_on")])
      .where("ogp_identifier", "=", "UA0037")
      .executeTakeFirstOrThrow();
    // OGP numbers it 5.3, after UA0033 (3) and before UA0048 (16): Cabildo's 1, 2, 3 keep that order.
    assert.deepEqual([c.number, c.title, c.problem, c.lead_official, c.lead_department_id], [2, "Access to Communist-Era Archives", "", "Ukranian Institute of National Remembrance", null]);
    assert.deepEqual([c.relevant_transparency, c.relevant_participation, c.relevant_accountability, c.starts_on, c.ends_on], [true, false, false, "2014-01-01", "2014-12-31"]);
    assert.equal((c.ogp_data as Record<string, string>)["Supporting Institution(s)"], 'Ministry of Culture, State Archive Service, Ministry of Justice, NGO "Centre for Researching Liberation Movement," other unspecified NGOs and international organisations');

    const assessments = await db()
      .selectFrom("plan_assessments as a").innerJoin("plan_checkpoints as k", (j) => j.onRef("k.municipality_id", "=", "a.municipality_id").onRef("k.id", "=", "a.checkpoint_id"))
      .select(["k.title", sql<string>`k.scheduled_on::text`.as("scheduled_on"), "a.author_kind", "a.author_public_name", "a.author_user_id", "a.source", "a.verifiable", "a.potential", "a.completion", "a.opened_government", "a.starred", "a.on_time", sql<string>`a.assessed_on::text`.as("assessed_on")])
      .where("a.commitment_id", "=", c.id).orderBy("k.scheduled_on").execute();
    const irm = { author_kind: "revisor_independiente", author_public_name: "Mecanismo de Revisión Independiente (IRM) de OGP", author_user_id: null, source: "irm", on_time: null };
    assert.deepEqual(assessments, [
      { title: "Informe de avance del IRM (2016)", scheduled_on: "2016-01-01", ...irm, verifiable: true, potential: "sustancial", completion: "completo", opened_government: null, starred: true, assessed_on: "2016-01-01" },
      { title: "Informe de fin de periodo del IRM (2017)", scheduled_on: "2017-01-01", ...irm, verifiable: true, potential: "sustancial", completion: "completo", opened_government: "sobresaliente", starred: true, assessed_on: "2017-01-01" },
    ]);
    const withdrawn = await db().selectFrom("plan_commitments").select(["withdrawn_at", "withdrawn_reason"]).where("ogp_identifier", "=", "SK0013").executeTakeFirstOrThrow();
    assert.ok(withdrawn.withdrawn_at);
    assert.equal(withdrawn.withdrawn_reason, "El IRM de OGP registra este compromiso como retirado («Withdrawn») en su informe de 2014.");
    const audit = await db().selectFrom("audit_log").select("action").where("chain_id", "=", CUAUHTEMOC).where("action", "like", "plans.ogp%").execute();
    assert.equal(audit.length, 7);
  });

  it("imports again without duplicating; a changed IRM rating appends one assessment and keeps the old one", async () => {
    await importOgpCommitments(t.services, CUAUHTEMOC, fixture, { today: TODAY });
    const first = await counts();
    const again = await importOgpCommitments(t.services, CUAUHTEMOC, fixture, { today: TODAY });
    assert.deepEqual(await counts(), first);
    assert.deepEqual([again.plansCreated, again.commitmentsCreated, again.commitmentsUpdated, again.checkpointsCreated, again.assessmentsAdded], [0, 0, 0, 0, 0]);

    const corrected = fixture.replace(",Outstanding,", ",Major,"); // UA0037's "did it open government", the only Outstanding in the fixture
    assert.notEqual(corrected, fixture);
    const third = await importOgpCommitments(t.services, CUAUHTEMOC, corrected, { today: TODAY });
    assert.deepEqual([third.commitmentsUpdated, third.assessmentsAdded], [1, 1]);
    const history = await db().selectFrom("plan_assessments as a").innerJoin("plan_commitments as c", (j) => j.onRef("c.municipality_id", "=", "a.municipality_id").onRef("c.id", "=", "a.commitment_id"))
      .select("a.opened_government").where("c.ogp_identifier", "=", "UA0037").where("a.opened_government", "is not", null).orderBy("a.id").execute();
    assert.deepEqual(history.map((h) => h.opened_government), ["sobresaliente", "mayor"]);
    assert.equal((await counts()).assessments, first.assessments + 1);
  });

  it("leaves commitments staff added alone and numbers new OGP commitments after them; --publicar publishes", async () => {
    await importOgpCommitments(t.services, CUAUHTEMOC, fixture, { today: TODAY, planIds: ["AP_SVK01"] });
    const plan = await db().selectFrom("action_plans").select(["id", "published"]).where("ogp_plan_id", "=", "AP_SVK01").executeTakeFirstOrThrow();
    assert.equal(plan.published, false);
    await db().deleteFrom("plan_commitments").where("ogp_identifier", "=", "SK0021").execute();
    await db().insertInto("plan_commitments").values({ municipality_id: CUAUHTEMOC, plan_id: plan.id, number: 7, title: "Compromiso propio del municipio", starts_on: "2012-01-01", ends_on: "2013-12-31" }).execute();
    await importOgpCommitments(t.services, CUAUHTEMOC, fixture, { today: TODAY, planIds: ["AP_SVK01"], publish: true });
    const rows = await db().selectFrom("plan_commitments").select(["number", "ogp_identifier", "title"]).where("plan_id", "=", plan.id).orderBy("number").execute();
    assert.deepEqual(rows.map((r) => [r.number, r.ogp_identifier]), [[1, "SK0013"], [7, null], [8, "SK0021"]]);
    assert.equal((await db().selectFrom("action_plans").select("published").where("id", "=", plan.id).executeTakeFirstOrThrow()).published, true);
  });

  it("stores nothing for a file missing a column, a truncated row, or a plan slug already taken by hand", async () => {
    await assert.rejects(importOgpCommitments(t.services, CUAUHTEMOC, fixture.replace("Action Plan ID", "Plan"), { today: TODAY }), (e: Error) => e instanceof OgpImportError && /«Action Plan ID»/.test(e.message));
    const truncated = fixture.slice(0, fixture.indexOf("What is the public issue") + 40);
    await assert.rejects(importOgpCommitments(t.services, CUAUHTEMOC, truncated, { today: TODAY }), /^OgpImportError: Línea \d+: comillas sin cerrar/);
    assert.deepEqual(await counts(), { plans: 0, commitments: 0, checkpoints: 0, assessments: 0 });
    await db().insertInto("action_plans").values({ municipality_id: CUAUHTEMOC, slug: "ogp-ap-mar02", title: "Plan hecho a mano", starts_on: "2021-01-01", ends_on: "2023-12-31", ogp_plan_id: null, process_id: null, created_by: null }).execute();
    await assert.rejects(importOgpCommitments(t.services, CUAUHTEMOC, fixture, { today: TODAY }), /ogp-ap-mar02 que no vienen de ese plan de OGP/);
    assert.deepEqual(await counts(), { plans: 1, commitments: 0, checkpoints: 0, assessments: 0 });
  });

  it("imports the whole shipped file (558 commitments, 214 plans) and again with the same counts; no e-mail or telephone stored", async () => {
    const csv = fs.readFileSync(SHIPPED_OGP_CSV, "utf8");
    const result = await importOgpCommitments(t.services, CUAUHTEMOC, csv, { today: TODAY });
    const stored = await counts();
    assert.deepEqual(stored, { plans: 214, commitments: 558, checkpoints: 217, assessments: 550 });
    assert.deepEqual([result.rows, result.plansCreated, result.commitmentsCreated, result.assessmentsAdded], [558, 214, 558, 550]);
    const perPlan = await commitmentsPerPlan();
    assert.deepEqual([perPlan.AP_KGZ01, perPlan.AP_MKD05, perPlan.AP_UKR02, perPlan.AP_MXJL02], [15, 13, 12, 1]);
    const again = await importOgpCommitments(t.services, CUAUHTEMOC, csv, { today: TODAY });
    assert.deepEqual(await counts(), stored);
    assert.deepEqual([again.plansCreated, again.commitmentsCreated, again.commitmentsUpdated, again.assessmentsAdded], [0, 0, 0, 0]);
    const withEmail = await db().selectFrom("plan_commitments").select("ogp_identifier")
      .where((eb) => eb.or([eb("description", "like", "%@%"), eb(sql`ogp_data::text`, "like", "%@%"), eb("lead_official", "like", "%@%"), eb("description", "like", "%312 638783%"), eb(sql`ogp_data::text`, "like", "%639209622158%")]))
      .execute();
    assert.deepEqual(withEmail, []);
    // Every plan's checkpoints and commitments lie within its period.
    const outside = await sql<{ n: string }>`
      select count(*) as n from plan_checkpoints k join action_plans p on p.municipality_id = k.municipality_id and p.id = k.plan_id
      where k.scheduled_on not between p.starts_on and p.ends_on`.execute(db());
    assert.equal(Number(outside.rows[0]!.n), 0);
  });

  it("runs as `cabildo plans import-ogp` with --municipio, --plan-ogp, --pais and --publicar", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ogp-cli-"));
    const file = path.join(dir, "compromisos.csv");
    fs.writeFileSync(file, fixture);
    const { stdout, stderr } = await capture(() => ogpImportCommand.run([file, "--municipio", "cuauhtemoc", "--pais", "ukraine", "--publicar"], t.services));
    assert.match(stderr, /^Importando AP_UKR02: 3 compromisos…$/m);
    assert.doesNotMatch(stderr, /AP_SVK01/);
    assert.match(stdout, /Cuauhtémoc: 3 compromisos leídos en 1 planes \(1 nuevos, 0 ya importados\); 3 compromisos nuevos, 0 actualizados; 2 momentos de revisión nuevos; 6 valoraciones del IRM añadidas\./);
    assert.match(stdout, /\/cuauhtemoc\/admin\/planes\/ogp-ap-ukr02/);
    const second = await capture(() => ogpImportCommand.run([file, "--municipio", "cuauhtemoc", "--plan-ogp", "AP_UKR02", "AP_SVK01"], t.services));
    assert.match(second.stdout, /5 compromisos leídos en 2 planes \(1 nuevos, 1 ya importados\); 2 compromisos nuevos, 0 actualizados/);
    const published = await db().selectFrom("action_plans").select(["ogp_plan_id", "published"]).orderBy("ogp_plan_id").execute();
    assert.deepEqual(published, [{ ogp_plan_id: "AP_SVK01", published: false }, { ogp_plan_id: "AP_UKR02", published: true }]);
    await assert.rejects(ogpImportCommand.run([file, "--municipio", "cuauhtemoc", "--plan-ogp", "AP_SVK01", "--pais", "Ukraine"], t.services), /no tiene compromisos del plan AP_SVK01 de «Ukraine»\. No se guardó nada\./);
    fs.writeFileSync(file, fixture.replace("Full Text", "Texto"));
    await assert.rejects(ogpImportCommand.run([file, "--municipio", "cuauhtemoc"], t.services), (e: Error) => e instanceof CliError && /faltan las columnas «Full Text»\. No se guardó nada\.$/.test(e.message));
    await assert.rejects(ogpImportCommand.run([file], t.services), /Falta la opción --municipality/);
  });
});

async function capture(fn: () => Promise<unknown>): Promise<{ stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  return { stdout: out.join(""), stderr: err.join("") };
}
