import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { addDays } from "../../platform/calendar/dates.js";
import { createProcess, todayIn } from "../participation/processes.js";
import { COMPONENTS } from "../participation/tables.js";
import { guestParticipant, login, seedParticipationWorld, type ParticipationWorld } from "../participation/test-support.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { answerProposal } from "./answers.js";
import { adoptCommitmentDraft, createCommitmentDraft, listCommitmentDrafts, type CommitmentDraftInput } from "./commitments.js";
import { submitProposal } from "./create.js";
import { seedDemoProposals } from "./demo.js";
import { DEMO_PROCESS_SLUG } from "../participation/demo.js";

const PUBLIC = "/cuauhtemoc/participa/plan-de-accion/propuestas";
const ADMIN = "/cuauhtemoc/admin/participa/plan-de-accion/propuestas";
const DRAFTS = "/cuauhtemoc/admin/participa/plan-de-accion/compromisos";
const AUTHOR_EMAIL = "autora.privada@correo.test";

const FORM = {
  title: "Alumbrado público con datos abiertos por colonia",
  problem: "Los parques de la colonia están a oscuras por la noche y la gente evita usarlos.",
  status_quo: "El municipio no publica qué luminarias funcionan ni cuándo se reparan.",
  description: "Reparar las luminarias de los parques y publicar cada mes su estado como datos abiertos.",
  how_it_solves: "Con el inventario público, vecinas y vecinos pueden reportar y vigilar las reparaciones.",
  transparency: "1",
  participation: "1",
};

const INPUT: CommitmentDraftInput = {
  title: "Compromiso de prueba", problem: "Un problema descrito con detalle.", statusQuo: "", description: "Lo que hará el compromiso de prueba.", howItSolves: "",
  relevance: { transparency: false, accountability: true, participation: false }, leadDepartmentId: null, wholeMunicipality: true, coloniaIds: [],
};

describe("proposals → draft commitments", () => {
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

  /** A proposal filed by a private participant, answered with `status` (or left published). */
  async function proposal(m: ActiveMunicipality, processId: number, title: string, status: "aceptada" | "no_viable" | "en_evaluacion" | null, coloniaId: number | null = null) {
    const g = await guestParticipant(t.services, m, AUTHOR_EMAIL);
    const p = await submitProposal(t.services, m.id, { actor: anonymous, participantId: g.participant.id }, processId, { kind: "propuesta", title, body: `Descripción de la propuesta «${title}» con detalle suficiente.`, channel: "online", coloniaId }, null);
    if (status) await answerProposal(t.services.db, m.id, processId, p.number, anonymous, { status, answer: "Respuesta oficial razonada de la propuesta." });
    return p;
  }

  const count = async (table: "commitment_drafts" | "commitment_draft_proposals" | "commitment_draft_colonias") =>
    Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);

  async function staff(email = w.team.email) {
    const b = new Browser(app);
    await login(b, email);
    return b;
  }

  async function colonias() {
    return t.services.db.selectFrom("colonias").select(["id", "name"]).where("municipality_id", "=", w.cuauhtemoc.id).orderBy("name").limit(2).execute();
  }

  it("turns an accepted proposal (and another one) into a draft with the OGP fields, a history row and an audit entry; the public page names the draft, never people", async () => {
    const [c1, c2] = await colonias();
    await proposal(w.cuauhtemoc, w.process.id, "Luminarias en el parque", "aceptada", c1!.id);
    await proposal(w.cuauhtemoc, w.process.id, "Más luz en los jardines", "aceptada");
    const processPage = async () => (await new Browser(app).get("/cuauhtemoc/participa/plan-de-accion")).body;
    assert.match(await processPage(), /2 aportaciones; 2 con respuesta oficial razonada/);
    const b = await staff();
    const staffPage = await b.get(`${ADMIN}/1`);
    assert.match(staffPage.body, /Convertir en borrador de compromiso/);
    const form = await b.get(`${ADMIN}/1/compromiso`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="Luminarias en el parque"/);
    assert.match(form.body, /Descripción de la propuesta «Luminarias en el parque»/);
    assert.match(form.body, new RegExp(`<option value="${c1!.id}" selected`));
    const res = await b.post(`${ADMIN}/1/compromiso`, { ...FORM, department: String(w.departments.servicios), scope: "colonias", colonias: [String(c1!.id), String(c2!.id)], also: "PROP-0002" });
    assert.equal(res.statusCode, 303, res.body);
    const draft = await t.services.db.selectFrom("commitment_drafts").selectAll().executeTakeFirstOrThrow();
    assert.equal(res.headers.location, `${DRAFTS}/${draft.id}`);
    assert.equal(draft.municipality_id, w.cuauhtemoc.id);
    assert.equal(draft.process_id, w.process.id);
    assert.equal(draft.title, FORM.title);
    assert.equal(draft.problem, FORM.problem);
    assert.equal(draft.status_quo, FORM.status_quo);
    assert.equal(draft.description, FORM.description);
    assert.equal(draft.how_it_solves, FORM.how_it_solves);
    assert.deepEqual([draft.relevant_transparency, draft.relevant_accountability, draft.relevant_participation], [true, false, true]);
    assert.equal(draft.lead_department_id, w.departments.servicios);
    assert.equal(draft.whole_municipality, false);
    assert.equal(draft.status, "draft");
    assert.equal(draft.adopted_by_plan_ref, null);
    assert.equal(draft.created_by, w.team.userId);
    assert.equal(await count("commitment_draft_proposals"), 2);
    assert.equal(await count("commitment_draft_colonias"), 2);
    const events = await t.services.db.selectFrom("proposal_events").select(["proposal_id", "body"]).where("kind", "=", "commitment").execute();
    assert.equal(events.length, 2);
    assert.ok(events.every((e) => e.body === FORM.title));
    const audit = await t.services.db.selectFrom("audit_log").select(["action", "subject_id"]).where("action", "=", "proposals.commitmentDraft.create").execute();
    assert.equal(audit.length, 1);
    assert.equal(String(audit[0]!.subject_id), String(draft.id));
    // The draft page and the list.
    const page = await b.get(`${DRAFTS}/${draft.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /PROP-0001/);
    assert.match(page.body, /PROP-0002/);
    const list = await b.get(DRAFTS);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Alumbrado público con datos abiertos por colonia/);
    assert.match((await b.get(`${ADMIN}/1`)).body, /ya se convirtió en el borrador de compromiso/);
    const again = await b.get(`${ADMIN}/2/compromiso`);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, `${DRAFTS}/${draft.id}`);
    // Public: the proposal names the draft, its history says so; no author, no staff.
    for (const n of [1, 2]) {
      const pub = await new Browser(app).get(`${PUBLIC}/${n}`);
      assert.equal(pub.statusCode, 200);
      assert.match(pub.body, /Convertida en borrador de compromiso del plan de acción/);
      assert.match(pub.body, /Alumbrado público con datos abiertos por colonia/);
      assert.match(pub.body, /Se convirtió en borrador de compromiso/);
      for (const secret of [AUTHOR_EMAIL, w.team.email, w.emails.admin, "autora.privada"]) assert.ok(!pub.body.includes(secret), secret);
    }
    // The reasoned-response count is unchanged.
    assert.match(await processPage(), /2 aportaciones; 2 con respuesta oficial razonada/);
  });

  it("only accepted proposals convert: 422 for the others (or an accepted one already converted), bad input gets Spanish messages, nothing is stored", async () => {
    await proposal(w.cuauhtemoc, w.process.id, "Propuesta publicada sin respuesta", null);
    await proposal(w.cuauhtemoc, w.process.id, "Propuesta en evaluación", "en_evaluacion");
    await proposal(w.cuauhtemoc, w.process.id, "Propuesta no viable", "no_viable");
    await proposal(w.cuauhtemoc, w.process.id, "Propuesta aceptada de verdad", "aceptada");
    const b = await staff();
    for (const n of [1, 2, 3]) {
      const get = await b.get(`${ADMIN}/${n}/compromiso`);
      assert.equal(get.statusCode, 422);
      const post = await b.post(`${ADMIN}/${n}/compromiso`, FORM);
      assert.equal(post.statusCode, 422);
      assert.match(post.body, /Solo las propuestas aceptadas/);
    }
    assert.doesNotMatch((await b.get(`${ADMIN}/1`)).body, /Convertir en borrador de compromiso/);
    assert.equal((await b.post(`${ADMIN}/99/compromiso`, FORM)).statusCode, 404);
    const withOther = await b.post(`${ADMIN}/4/compromiso`, { ...FORM, also: "PROP-0003" });
    assert.equal(withOther.statusCode, 422);
    assert.match(withOther.body, /PROP-0003 no está aceptada/);
    const notFolio = await b.post(`${ADMIN}/4/compromiso`, { ...FORM, also: "lámparas" });
    assert.equal(notFolio.statusCode, 422);
    assert.match(notFolio.body, /no es un folio de propuesta/);
    const bad = await b.post(`${ADMIN}/4/compromiso`, { title: "x", problem: "", description: "corto", scope: "colonias" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /al menos 5 caracteres/);
    assert.match(bad.body, /Marque al menos un valor de gobierno abierto/);
    assert.match(bad.body, /Elija al menos una colonia/);
    const badDept = await b.post(`${ADMIN}/4/compromiso`, { ...FORM, department: "999999" });
    assert.equal(badDept.statusCode, 422);
    assert.match(badDept.body, /dependencia responsable/);
    const leonDept = await t.services.db.selectFrom("departments").select("id").where("municipality_id", "=", w.leon.id).executeTakeFirst();
    if (leonDept) assert.equal((await b.post(`${ADMIN}/4/compromiso`, { ...FORM, department: String(leonDept.id) })).statusCode, 422);
    assert.equal(await count("commitment_drafts"), 0);
    assert.equal(await count("commitment_draft_proposals"), 0);
    assert.equal((await t.services.db.selectFrom("proposal_events").select("id").where("kind", "=", "commitment").execute()).length, 0);
    assert.equal((await b.post(`${ADMIN}/4/compromiso`, FORM)).statusCode, 303);
    const twice = await b.post(`${ADMIN}/4/compromiso`, FORM);
    assert.equal(twice.statusCode, 422);
    assert.match(twice.body, /Ya se convirtió en borrador de compromiso: PROP-0004/);
    assert.equal(await count("commitment_drafts"), 1);
    // A source proposal stays accepted and cannot be merged away.
    const reanswer = await b.post(`${ADMIN}/4/respuesta`, { status: "no_viable", answer: "Cambio de opinión sin fundamento suficiente." });
    assert.equal(reanswer.statusCode, 422);
    assert.match(reanswer.body, /debe seguir siendo «aceptada»/);
    const merge = await b.post(`${ADMIN}/4/fusion`, { into: "PROP-0001" });
    assert.equal(merge.statusCode, 422);
    assert.equal((await t.services.db.selectFrom("proposals").select("status").where("number", "=", 4).executeTakeFirstOrThrow()).status, "aceptada");
  });

  it("permissions: anonymous is sent to sign in (JSON: 401), observers get 403, other municipalities' staff 403 and their drafts 404", async () => {
    await proposal(w.cuauhtemoc, w.process.id, "Propuesta aceptada de Cuauhtémoc", "aceptada");
    const today = todayIn(w.leon.timeZone);
    const leonProcess = await createProcess(t.services.db, w.leon.id, anonymous, {
      slug: "plan-leon", title: "Plan de acción de León", summary: "", description: "", status: "published",
      phases: [{ title: "Abierta", startsOn: addDays(today, -3), endsOn: addDays(today, 3), components: [...COMPONENTS] }],
    });
    const leonProposal = await proposal(w.leon, leonProcess.id, "Propuesta aceptada de León", "aceptada");
    const leonDraft = await createCommitmentDraft(t.services.db, w.leon.id, leonProcess.id, leonProposal.number, anonymous, { ...INPUT, title: "Borrador secreto de León" });
    const anon = new Browser(app);
    const redirect = await anon.get(`${ADMIN}/1/compromiso`);
    assert.ok([302, 303].includes(redirect.statusCode));
    assert.match(String(redirect.headers.location), /entrar|login|sesion/i);
    assert.equal((await anon.get(`${DRAFTS}.json`)).statusCode, 401);
    const observer = await staff(w.emails.observer);
    for (const url of [`${ADMIN}/1/compromiso`, DRAFTS, `${DRAFTS}.json`]) assert.equal((await observer.get(url)).statusCode, 403, url);
    assert.equal((await observer.post(`${ADMIN}/1/compromiso`, FORM)).statusCode, 403);
    const leonAdmin = await staff(w.emails.leonAdmin);
    assert.equal((await leonAdmin.get(`${DRAFTS}.json`)).statusCode, 403);
    assert.equal((await leonAdmin.post(`${ADMIN}/1/compromiso`, FORM)).statusCode, 403);
    assert.equal(await count("commitment_drafts"), 1);
    const admin = await staff(w.emails.admin);
    assert.equal((await admin.get(`${DRAFTS}/${leonDraft.id}`)).statusCode, 404);
    assert.equal((await admin.post(`${DRAFTS}/${leonDraft.id}`, FORM)).statusCode, 404);
    const json = await admin.get(`${DRAFTS}.json`);
    assert.equal(json.statusCode, 200);
    assert.equal(json.json().total, 0);
    assert.doesNotMatch(json.body, /Borrador secreto de León/);
    assert.deepEqual(await listCommitmentDrafts(t.services.db, w.cuauhtemoc.id), []);
    await assert.rejects(t.services.db.transaction().execute((trx) => adoptCommitmentDraft(trx, w.cuauhtemoc.id, leonDraft.id, "plan:1")), /no existe/);
    // León's own admin sees it.
    const leonJson = await leonAdmin.get("/leon/admin/participa/plan-leon/compromisos.json");
    assert.equal(leonJson.json().total, 1);
  });

  it("the demo turns León's accepted proposal into a draft commitment that its public page names", async () => {
    const today = todayIn(w.leon.timeZone);
    await createProcess(t.services.db, w.leon.id, anonymous, {
      slug: DEMO_PROCESS_SLUG, title: "León participa", summary: "", description: "", status: "published",
      phases: [{ title: "Propuestas", startsOn: addDays(today, -20), endsOn: addDays(today, 20), components: [...COMPONENTS] }],
    });
    const lines: string[] = [];
    await seedDemoProposals(t.services, (l) => lines.push(l));
    assert.match(lines.join("\n"), /una convertida en borrador de compromiso/);
    const drafts = await listCommitmentDrafts(t.services.db, w.leon.id);
    assert.equal(drafts.length, 1);
    assert.deepEqual(drafts[0]!.sourceProposals.map((s) => s.folio), ["PROP-0002"]);
    const page = await new Browser(app).get(`/leon/participa/${DEMO_PROCESS_SLUG}/propuestas/2`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Convertida en borrador de compromiso del plan de acción/);
    assert.match(page.body, /Rutas de recolección de basura por colonia en datos abiertos/);
  });

  it("adoptCommitmentDraft sets the plan reference once (same again: no change; another plan: 409); listings filter by process and status; adopted drafts are read-only", async () => {
    for (const title of ["Primera aceptada", "Segunda aceptada", "Tercera aceptada"]) await proposal(w.cuauhtemoc, w.process.id, title, "aceptada");
    const other = await createProcess(t.services.db, w.cuauhtemoc.id, anonymous, {
      slug: "presupuesto", title: "Presupuesto participativo", summary: "", description: "", status: "published",
      phases: [{ title: "Abierta", startsOn: addDays(todayIn(w.cuauhtemoc.timeZone), -3), endsOn: addDays(todayIn(w.cuauhtemoc.timeZone), 3), components: [...COMPONENTS] }],
    });
    const otherProposal = await proposal(w.cuauhtemoc, other.id, "Aceptada en otro proceso", "aceptada");
    const a = await createCommitmentDraft(t.services.db, w.cuauhtemoc.id, w.process.id, 1, anonymous, { ...INPUT, title: "Borrador A" }, [2]);
    const b = await createCommitmentDraft(t.services.db, w.cuauhtemoc.id, w.process.id, 3, anonymous, { ...INPUT, title: "Borrador B" });
    await createCommitmentDraft(t.services.db, w.cuauhtemoc.id, other.id, otherProposal.number, anonymous, { ...INPUT, title: "Borrador C" });
    await assert.rejects(createCommitmentDraft(t.services.db, w.cuauhtemoc.id, w.process.id, 1, anonymous, INPUT), /Ya se convirtió/);

    const adopted = await t.services.db.transaction().execute((trx) => adoptCommitmentDraft(trx, w.cuauhtemoc.id, a.id, "plan:7/compromiso:1"));
    assert.equal(adopted.status, "adopted");
    assert.equal(adopted.adoptedByPlanRef, "plan:7/compromiso:1");
    assert.ok(adopted.adoptedAt);
    assert.deepEqual(adopted.sourceProposals.map((s) => s.folio), ["PROP-0001", "PROP-0002"]);
    const row = await t.services.db.selectFrom("commitment_drafts").select(["status", "adopted_by_plan_ref"]).where("id", "=", a.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: "adopted", adopted_by_plan_ref: "plan:7/compromiso:1" });
    const adoptedEvents = async () => (await t.services.db.selectFrom("proposal_events").select("id").where("kind", "=", "commitment_adopted").execute()).length;
    assert.equal(await adoptedEvents(), 2);
    await t.services.db.transaction().execute((trx) => adoptCommitmentDraft(trx, w.cuauhtemoc.id, a.id, "plan:7/compromiso:1"));
    assert.equal(await adoptedEvents(), 2);
    await assert.rejects(t.services.db.transaction().execute((trx) => adoptCommitmentDraft(trx, w.cuauhtemoc.id, a.id, "plan:8/compromiso:1")), (e: { status?: number }) => e.status === 409);
    await assert.rejects(t.services.db.transaction().execute((trx) => adoptCommitmentDraft(trx, w.cuauhtemoc.id, b.id, "  ")), (e: { status?: number }) => e.status === 422);
    assert.equal((await t.services.db.selectFrom("audit_log").select("seq").where("action", "=", "proposals.commitmentDraft.adopt").execute()).length, 1);

    const titles = (ds: { title: string }[]) => ds.map((d) => d.title);
    assert.deepEqual(titles(await listCommitmentDrafts(t.services.db, w.cuauhtemoc.id)), ["Borrador A", "Borrador B", "Borrador C"]);
    assert.deepEqual(titles(await listCommitmentDrafts(t.services.db, w.cuauhtemoc.id, { processId: w.process.id })), ["Borrador A", "Borrador B"]);
    assert.deepEqual(titles(await listCommitmentDrafts(t.services.db, w.cuauhtemoc.id, { status: "draft" })), ["Borrador B", "Borrador C"]);
    assert.deepEqual(titles(await listCommitmentDrafts(t.services.db, w.cuauhtemoc.id, { processId: w.process.id, status: "adopted" })), ["Borrador A"]);

    const staffBrowser = await staff();
    const json = await staffBrowser.get(`${DRAFTS}.json?estado=adoptado`);
    assert.equal(json.statusCode, 200);
    const body = json.json();
    assert.equal(body.total, 1);
    assert.equal(body.drafts[0].adoptedByPlanRef, "plan:7/compromiso:1");
    assert.equal(body.drafts[0].relevance.accountability, true);
    assert.equal(body.drafts[0].createdBy, undefined);
    assert.equal((await staffBrowser.get(`${DRAFTS}.json?estado=cualquiera`)).statusCode, 400);
    assert.equal((await staffBrowser.get(`${DRAFTS}.json`)).json().total, 2);
    const listPage = await staffBrowser.get(`${DRAFTS}?estado=borrador`);
    assert.match(listPage.body, /Borrador B/);
    assert.doesNotMatch(listPage.body, /Borrador A/);

    // The public page says adopted; an adopted draft can no longer be edited, a draft can.
    const pub = await new Browser(app).get(`${PUBLIC}/1`);
    assert.match(pub.body, /compromiso adoptado en el plan de acción/);
    assert.match(pub.body, /Su borrador de compromiso se adoptó en el plan de acción/);
    assert.doesNotMatch(pub.body, /plan:7/);
    const locked = await staffBrowser.post(`${DRAFTS}/${a.id}`, FORM);
    assert.equal(locked.statusCode, 422);
    assert.match(locked.body, /ya se adoptó/);
    const saved = await staffBrowser.post(`${DRAFTS}/${b.id}`, { ...FORM, accountability: "1" });
    assert.equal(saved.statusCode, 303);
    const edited = await t.services.db.selectFrom("commitment_drafts").selectAll().where("id", "=", b.id).executeTakeFirstOrThrow();
    assert.equal(edited.title, FORM.title);
    assert.equal(edited.relevant_accountability, true);
    assert.equal((await t.services.db.selectFrom("audit_log").select("seq").where("action", "=", "proposals.commitmentDraft.update").execute()).length, 1);
    const invalid = await staffBrowser.post(`${DRAFTS}/${b.id}`, { ...FORM, title: "" });
    assert.equal(invalid.statusCode, 422);
    assert.equal((await t.services.db.selectFrom("commitment_drafts").select("title").where("id", "=", b.id).executeTakeFirstOrThrow()).title, FORM.title);
  });
});
