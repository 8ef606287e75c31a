import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { Browser, createTestContext, type TestContext } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import { guestParticipant } from "../participation/test-support.js";
import { answerProposal } from "../proposals/answers.js";
import { createCommitmentDraft } from "../proposals/commitments.js";
import { submitProposal } from "../proposals/create.js";
import { translator } from "../../platform/i18n/index.js";
import type { PageContext } from "../../platform/views/context.js";
import { loadActor } from "../accounts/queries.js";
import { plansAdminLinks } from "./routes-staff.js";
import { signedIn } from "./staff-test-support.js";
import { seedPlanWorld, type PlanWorld } from "./test-support.js";

const ADMIN = "/cuauhtemoc/admin/planes";
const PLAN = `${ADMIN}/plan-2026`;
const PRIVATE_NAME = "Leocadia Zubiría Montalvo";

const PLAN_FORM = {
  title: "Plan de Acción Local 2026–2027",
  slug: "plan-2027",
  description: "Compromisos de gobierno abierto.",
  startsOn: "2026-01-01",
  endsOn: "2027-12-31",
  status: "cocreacion",
  processId: "",
  sourceReference: "Sesión de Cabildo del 15 de enero",
};

const COMMITMENT_FORM = {
  title: "Presupuesto abierto por colonia",
  problem: "Nadie sabe cuánto se gasta en cada colonia.",
  statusQuo: "El presupuesto se publica en PDF sin desglose.",
  description: "Publicar cada trimestre el gasto por colonia en datos abiertos.",
  howItSolves: "Con el desglose, las vecinas y los vecinos pueden comparar y vigilar.",
  transparency: "1",
  accountability: "1",
  leadDepartmentId: "",
  leadOfficial: "Tesorería municipal",
  startsOn: "2026-03-01",
  endsOn: "2027-06-30",
  scope: "municipio",
};

describe("action plans: staff pages for plans, team and commitments", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let w: PlanWorld;
  before(async () => {
    t = await createTestContext();
    app = await t.app();
  });
  beforeEach(async () => {
    await t.reset();
    w = await seedPlanWorld(t.services);
  });
  after(async () => t.close());

  const db = () => t.services.db;
  const count = async (table: "action_plans" | "plan_commitments" | "action_plan_team" | "plan_commitment_colonias" | "plan_commitment_coleads") =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);

  it("sends anonymous visitors to the login, refuses other towns' staff (403) and never finds their plans (404); observers read but do not edit", async () => {
    const anon = new Browser(app);
    for (const url of [ADMIN, PLAN, `${PLAN}/compromisos/1`, `${ADMIN}/mis-hitos`]) {
      const res = await anon.get(url);
      assert.equal(res.statusCode, 302, url);
      assert.equal(res.headers.location, `/entrar?next=${encodeURIComponent(url)}`);
    }
    assert.equal((await anon.post(ADMIN, PLAN_FORM)).statusCode, 401);

    const leon = await signedIn(app, w.emails.leonAdmin);
    assert.equal((await leon.get(ADMIN)).statusCode, 403);
    assert.equal((await leon.get(PLAN)).statusCode, 403);
    assert.equal((await leon.post(`${PLAN}/compromisos`, COMMITMENT_FORM)).statusCode, 403);
    // Under León's own address, Cuauhtémoc's plan does not exist.
    assert.equal((await leon.get("/leon/admin/planes/plan-2026")).statusCode, 404);
    assert.equal((await leon.post("/leon/admin/planes/plan-2026/compromisos", COMMITMENT_FORM)).statusCode, 404);
    assert.equal((await leon.get("/leon/admin/planes")).statusCode, 200);
    const cuauhtemocAdmin = await signedIn(app, w.emails.admin);
    assert.equal((await cuauhtemocAdmin.post("/leon/admin/planes", { ...PLAN_FORM })).statusCode, 403);

    const observer = await signedIn(app, w.emails.observer);
    const page = await observer.get(PLAN);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Obra pública abierta por colonia/);
    assert.ok(!page.body.includes(`action="${PLAN}/equipo"`), "observers get no team form");
    assert.equal((await observer.post(ADMIN, PLAN_FORM)).statusCode, 403);
    assert.equal((await observer.post(PLAN, PLAN_FORM)).statusCode, 403);
    assert.equal((await observer.get(`${PLAN}/compromisos/nuevo`)).statusCode, 403);
    const obras = await signedIn(app, w.emails.obras);
    assert.equal((await obras.post(`${PLAN}/compromisos`, COMMITMENT_FORM)).statusCode, 403);
    assert.equal((await obras.post(`${PLAN}/compromisos/1/retirar`, { reason: "Ya no es prioridad del gobierno." })).statusCode, 403);
    assert.equal(await count("action_plans"), 1);
    assert.equal(await count("plan_commitments"), 2);
  });

  it("links the administration dashboard to the plans for staff, and to their milestones for a department", async () => {
    const links = async (userId: number) => {
      const actor = (await loadActor(db(), userId))!;
      const ctx = { t: translator("es-MX"), locale: "es-MX", actor, csrfToken: "", flash: [], path: "/cuauhtemoc/admin", query: new URLSearchParams() } as PageContext;
      return plansAdminLinks(ctx, "cuauhtemoc", w.cuauhtemoc.id);
    };
    assert.deepEqual(await links(w.users.admin), [{ href: ADMIN, label: "Planes de acción" }]);
    assert.deepEqual(await links(w.users.obras), [{ href: ADMIN, label: "Planes de acción" }, { href: `${ADMIN}/mis-hitos`, label: "Hitos de mi dependencia" }]);
    assert.deepEqual(await links(w.users.leonAdmin), []);
  });

  it("lets the participation team create and edit a plan; bad input gets Spanish messages (422) and stores nothing", async () => {
    const team = await signedIn(app, w.team.email);
    const bad = await team.post(ADMIN, { ...PLAN_FORM, slug: "Plan 2027", endsOn: "2025-12-31", processId: "999999" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /La dirección corta solo admite minúsculas/);
    assert.match(bad.body, /La fecha de término del plan debe ser posterior a la de inicio/);
    const taken = await team.post(ADMIN, { ...PLAN_FORM, slug: "plan-2026", processId: "999999" });
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /Ya hay un plan con la dirección corta «plan-2026»/);
    assert.match(taken.body, /El proceso participativo elegido no existe en este municipio/);
    const reserved = await team.post(ADMIN, { ...PLAN_FORM, slug: "mis-hitos" });
    assert.equal(reserved.statusCode, 422);
    assert.match(reserved.body, /palabra reservada/);
    assert.equal(await count("action_plans"), 1);

    const created = await team.post(ADMIN, { ...PLAN_FORM, processId: String(w.process.id) });
    assert.equal(created.statusCode, 303, created.body);
    assert.equal(created.headers.location, `${ADMIN}/plan-2027`);
    const row = await db().selectFrom("action_plans").selectAll().where("slug", "=", "plan-2027").executeTakeFirstOrThrow();
    assert.equal(row.municipality_id, w.cuauhtemoc.id);
    assert.equal(row.process_id, w.process.id);
    assert.equal(row.published, false);
    assert.equal(row.created_by, w.team.userId);
    const audit = await db().selectFrom("audit_log").select("action").where("action", "=", "plans.plan.create").execute();
    assert.equal(audit.length, 1);
    const page = await team.get(`${ADMIN}/plan-2027`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Sin publicar: solo lo ve el personal/);
    assert.match(page.body, /del 1 de enero de 2026 al 31 de diciembre de 2027/);

    // Publishing and renaming: the page moves to its new address.
    const edited = await team.post(`${ADMIN}/plan-2027`, { ...PLAN_FORM, slug: "plan-2026-2027", status: "implementacion", published: "1" });
    assert.equal(edited.statusCode, 303, edited.body);
    assert.equal(edited.headers.location, `${ADMIN}/plan-2026-2027`);
    const after = await db().selectFrom("action_plans").select(["slug", "status", "published"]).where("id", "=", row.id).executeTakeFirstOrThrow();
    assert.deepEqual(after, { slug: "plan-2026-2027", status: "implementacion", published: true });

    // A shorter period may not leave a commitment outside it.
    const shrink = await team.post(PLAN, { ...PLAN_FORM, slug: "plan-2026", startsOn: w.today, endsOn: "2099-01-01" });
    assert.equal(shrink.statusCode, 422);
    assert.match(shrink.body, /El compromiso 1 \(«Obra pública abierta por colonia»\) va del .* y quedaría fuera del periodo del plan/);
    assert.equal((await db().selectFrom("action_plans").select(sql<string>`starts_on::text`.as("starts_on")).where("id", "=", w.plan.id).executeTakeFirstOrThrow()).starts_on, w.plan.startsOn);
  });

  it("keeps the team: a name shows on the staff page with whether it is public; removing takes the member out", async () => {
    const team = await signedIn(app, w.team.email);
    const noName = await team.post(`${PLAN}/equipo`, { sector: "sociedad_civil", organisation: "Colectivo Vecinal Roma", role: "Enlace", personName: "", namePublic: "1" });
    assert.equal(noName.statusCode, 422);
    assert.match(noName.body, /Para publicar el nombre de la persona, escríbalo/);
    const badSector = await team.post(`${PLAN}/equipo`, { sector: "empresa", organisation: "X" });
    assert.equal(badSector.statusCode, 422);
    assert.match(badSector.body, /Elija el sector: gobierno o sociedad civil/);
    assert.equal(await count("action_plan_team"), 0);
    const added = await team.post(`${PLAN}/equipo`, { sector: "sociedad_civil", organisation: "Colectivo Vecinal Roma", role: "Enlace", personName: PRIVATE_NAME });
    assert.equal(added.statusCode, 303, added.body);
    const member = await db().selectFrom("action_plan_team").selectAll().executeTakeFirstOrThrow();
    assert.equal(member.name_public, false);
    const page = await team.get(PLAN);
    assert.match(page.body, new RegExp(`${PRIVATE_NAME} \\(nombre no público\\)`));
    const audit = await db().selectFrom("audit_log").select("details").where("action", "=", "plans.team.add").executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(audit.details).includes(PRIVATE_NAME), "the audit log keeps no person's name");
    assert.equal((await team.post(`${PLAN}/equipo/${member.id}/eliminar`)).statusCode, 303);
    assert.equal(await count("action_plan_team"), 0);
    assert.equal((await team.post(`${PLAN}/equipo/${member.id}/eliminar`)).statusCode, 404);
  });

  it("creates numbered commitments inside the plan's period, in Spanish when the dates, values, department or colonias are wrong", async () => {
    const team = await signedIn(app, w.team.email);
    assert.equal((await team.post(ADMIN, { ...PLAN_FORM, processId: "" })).statusCode, 303);
    const base = `${ADMIN}/plan-2027`;
    const form = await team.get(`${base}/compromisos/nuevo`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="2026-01-01"/);
    const outside = await team.post(`${base}/compromisos`, { ...COMMITMENT_FORM, startsOn: "2025-12-01" });
    assert.equal(outside.statusCode, 422);
    assert.ok(outside.body.includes("Las fechas del compromiso deben estar dentro del periodo del plan (1 de enero de 2026 al 31 de diciembre de 2027)."), outside.body);
    const late = await team.post(`${base}/compromisos`, { ...COMMITMENT_FORM, endsOn: "2028-01-01" });
    assert.equal(late.statusCode, 422);
    assert.ok(late.body.includes("(1 de enero de 2026 al 31 de diciembre de 2027)"));
    const leonDepartment = await db().selectFrom("departments").select("id").where("municipality_id", "=", w.leon.id).executeTakeFirstOrThrow();
    const wrong = await team.post(`${base}/compromisos`, {
      ...COMMITMENT_FORM, title: "Algo", transparency: "", accountability: "", leadDepartmentId: String(leonDepartment.id), scope: "colonias", colonias: ["99999999"],
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /El título del compromiso debe tener al menos 5 caracteres/);
    assert.match(wrong.body, /Marque al menos un valor de gobierno abierto/);
    const refs = await team.post(`${base}/compromisos`, { ...COMMITMENT_FORM, leadDepartmentId: String(leonDepartment.id), scope: "colonias", colonias: ["99999999"] });
    assert.equal(refs.statusCode, 422);
    assert.match(refs.body, /La dependencia responsable elegida no existe en este municipio/);
    assert.match(refs.body, /Alguna de las colonias elegidas no existe en este municipio/);
    assert.equal(await count("plan_commitments"), 2);

    const colonias = await db().selectFrom("colonias").select(["id", "name"]).where("municipality_id", "=", w.cuauhtemoc.id).orderBy("name").limit(2).execute();
    const ok = await team.post(`${base}/compromisos`, {
      ...COMMITMENT_FORM, leadDepartmentId: String(w.departments.obras), scope: "colonias", colonias: colonias.map((c) => String(c.id)),
      "colead-0": "", "coleadObservatory-0": String(w.observatory.id), "colead-1": "", "coleadObservatory-1": "", "colead-2": "Fundación Ciudad Abierta", "coleadObservatory-2": "",
    });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal(ok.headers.location, `${base}/compromisos/1`);
    const second = await team.post(`${base}/compromisos`, COMMITMENT_FORM);
    assert.equal(second.headers.location, `${base}/compromisos/2`);
    const c = await db().selectFrom("plan_commitments").selectAll().where("title", "=", COMMITMENT_FORM.title).orderBy("number").executeTakeFirstOrThrow();
    assert.equal(c.number, 1);
    assert.deepEqual([c.relevant_transparency, c.relevant_accountability, c.relevant_participation], [true, true, false]);
    assert.equal(c.lead_department_id, w.departments.obras);
    assert.equal(c.whole_municipality, false);
    const coleads = await db().selectFrom("plan_commitment_coleads").select(["organisation", "observatory_id"]).where("commitment_id", "=", c.id).orderBy("id").execute();
    assert.deepEqual(coleads, [{ organisation: "Observatorio Ciudadano de Cuauhtémoc", observatory_id: w.observatory.id }, { organisation: "Fundación Ciudad Abierta", observatory_id: null }]);
    assert.equal(await count("plan_commitment_colonias"), 2);
    const page = await team.get(`${base}/compromisos/1`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Compromiso 1: Presupuesto abierto por colonia/);
    assert.ok(page.body.includes(colonias[0]!.name));

    // Editing: the milestones' dates bound the commitment's new dates (world plan, commitment 1).
    const narrow = await team.post(`${PLAN}/compromisos/1`, { ...COMMITMENT_FORM, startsOn: w.plan.startsOn, endsOn: w.today });
    assert.equal(narrow.statusCode, 422);
    assert.match(narrow.body, /El hito «Inventario de obras publicado» vence el .* y quedaría fuera de las nuevas fechas del compromiso/);
    const edit = await team.post(`${PLAN}/compromisos/1`, { ...COMMITMENT_FORM, startsOn: w.plan.startsOn, endsOn: w.plan.endsOn, leadDepartmentId: String(w.departments.obras) });
    assert.equal(edit.statusCode, 303, edit.body);
    assert.equal((await db().selectFrom("plan_commitments").select("title").where("id", "=", w.commitments.obras).executeTakeFirstOrThrow()).title, COMMITMENT_FORM.title);

    // Withdrawing: a reason is needed; afterwards the commitment no longer changes.
    const short = await team.post(`${PLAN}/compromisos/2/retirar`, { reason: "No." });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /El motivo del retiro debe tener al menos 10 caracteres/);
    assert.equal((await team.post(`${PLAN}/compromisos/2/retirar`, { reason: "El programa pasó al gobierno estatal." })).statusCode, 303);
    const withdrawn = await db().selectFrom("plan_commitments").select(["withdrawn_at", "withdrawn_reason"]).where("id", "=", w.commitments.servicios).executeTakeFirstOrThrow();
    assert.ok(withdrawn.withdrawn_at);
    assert.equal(withdrawn.withdrawn_reason, "El programa pasó al gobierno estatal.");
    const again = await team.post(`${PLAN}/compromisos/2`, { ...COMMITMENT_FORM, startsOn: w.plan.startsOn, endsOn: w.plan.endsOn });
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /está retirado/);
    const planPage = await team.get(PLAN);
    assert.match(planPage.body, /Retirado/);
    assert.equal((await team.get(`${PLAN}/compromisos/9`)).statusCode, 404);
  });

  it("adopts a draft commitment of the linked process: the commitment gets its fields, colonias and proposals, and the draft is marked adopted in the same step", async () => {
    const m = w.cuauhtemoc;
    const guest = await guestParticipant(t.services, m, "autora.privada@correo.test");
    const proposal = await submitProposal(t.services, m.id, { actor: anonymous, participantId: guest.participant.id }, w.process.id,
      { kind: "propuesta", title: "Luminarias con datos abiertos", body: "Publicar el estado de cada luminaria de los parques.", channel: "online", coloniaId: null }, null);
    await answerProposal(db(), m.id, w.process.id, proposal.number, anonymous, { status: "aceptada", answer: "Se acepta e integra al plan de acción." });
    const [colonia] = await db().selectFrom("colonias").select(["id", "name"]).where("municipality_id", "=", m.id).limit(1).execute();
    const draft = await createCommitmentDraft(db(), m.id, w.process.id, proposal.number, anonymous, {
      title: "Alumbrado público con datos abiertos", problem: "Los parques están a oscuras por la noche.", statusQuo: "", description: "Reparar y publicar el estado de las luminarias.",
      howItSolves: "", relevance: { transparency: true, accountability: false, participation: true }, leadDepartmentId: w.departments.servicios, wholeMunicipality: false, coloniaIds: [colonia!.id],
    });

    const team = await signedIn(app, w.team.email);
    const page = await team.get(PLAN);
    assert.match(page.body, /Borradores de compromiso de la participación/);
    assert.match(page.body, /Alumbrado público con datos abiertos/);
    assert.ok(page.body.includes(`action="${PLAN}/borradores/${draft.id}/adoptar"`));
    assert.ok(!page.body.includes("autora.privada"));

    const obras = await signedIn(app, w.emails.obras);
    assert.equal((await obras.post(`${PLAN}/borradores/${draft.id}/adoptar`)).statusCode, 403);
    const adopted = await team.post(`${PLAN}/borradores/${draft.id}/adoptar`);
    assert.equal(adopted.statusCode, 303, adopted.body);
    assert.equal(adopted.headers.location, `${PLAN}/compromisos/3`);
    const c = await db().selectFrom("plan_commitments").selectAll().select(sql<string>`starts_on::text`.as("from_on")).where("number", "=", 3).executeTakeFirstOrThrow();
    assert.equal(c.title, "Alumbrado público con datos abiertos");
    assert.equal(c.source_draft_id, draft.id);
    assert.equal(c.lead_department_id, w.departments.servicios);
    assert.deepEqual([c.relevant_transparency, c.relevant_accountability, c.relevant_participation], [true, false, true]);
    assert.equal(c.from_on, w.plan.startsOn);
    const links = await db().selectFrom("plan_commitment_proposals").select("proposal_id").where("commitment_id", "=", c.id).execute();
    assert.deepEqual(links.map((l) => l.proposal_id), [proposal.id]);
    const colonias = await db().selectFrom("plan_commitment_colonias").select("colonia_id").where("commitment_id", "=", c.id).execute();
    assert.deepEqual(colonias.map((x) => x.colonia_id), [colonia!.id]);
    const d = await db().selectFrom("commitment_drafts").select(["status", "adopted_by_plan_ref"]).where("id", "=", draft.id).executeTakeFirstOrThrow();
    assert.deepEqual(d, { status: "adopted", adopted_by_plan_ref: "plan:plan-2026#3" });
    const events = await db().selectFrom("proposal_events").select("kind").where("proposal_id", "=", proposal.id).where("kind", "=", "commitment_adopted").execute();
    assert.equal(events.length, 1);
    // The draft leaves the list; adopting it again creates nothing.
    assert.ok(!(await team.get(PLAN)).body.includes(`/borradores/${draft.id}/adoptar`));
    const twice = await team.post(`${PLAN}/borradores/${draft.id}/adoptar`);
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /ya se adoptó/);
    assert.equal(await count("plan_commitments"), 3);
  });
});
