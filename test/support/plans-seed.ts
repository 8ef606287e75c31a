/**
 * Action plans seeded for the personal-data crawl: a published plan in Cuauhtémoc with a team
 * member whose name is not public, a commitment with milestones, evidence (a link and a PDF), a
 * checkpoint assessed by an independent reviewer (an account whose e-mail is a marker), an
 * observatory whose member's name is not public and who keeps a draft report next to a published
 * one, a public comment by an account whose e-mail is a marker and one hidden by moderation, an
 * e-mail subscription (through the public form), an unpublished plan, and a shared commitment.
 * Every marker contains "zyx"; the crawl must find none of them.
 */
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import type { Transaction } from "kysely";
import type { Database } from "../../src/platform/db/schema.js";
import { Browser } from "../../src/platform/testing.js";
import { anonymous } from "../../src/platform/policy.js";
import type { Services } from "../../src/platform/services.js";
import { addDays } from "../../src/platform/calendar/dates.js";
import { makeUser } from "../../src/modules/accounts/test-support.js";
import { loadActor } from "../../src/modules/accounts/queries.js";
import { login, type ParticipationWorld } from "../../src/modules/participation/test-support.js";
import { todayIn } from "../../src/modules/participation/processes.js";
import { addTeamMember, createPlan } from "../../src/modules/plans/plans-service.js";
import { createCommitment } from "../../src/modules/plans/commitments-service.js";
import { addEvidenceLink, saveMilestonePlan, setMilestoneStatus } from "../../src/modules/plans/milestones-service.js";
import { addEvidenceFile } from "../../src/modules/plans/evidence.js";
import { addReviewer, recordAssessment, scheduleCheckpoint } from "../../src/modules/plans/review-service.js";
import { addObservatoryMember, followTarget, publishReport, registerObservatory, saveReport } from "../../src/modules/plans/observatory-service.js";
import { createSharedCommitment, invitePartner, linkCommitment } from "../../src/modules/plans/shared-service.js";

export const PLAN_MARKERS = {
  teamName: "Zyxteam7Q Funcionaria Privada",
  reviewerEmail: "zyx.revisor7q@ejemplo.mx",
  memberEmail: "zyx.observa7q@ejemplo.mx",
  memberName: "Zyxobsname7Q Integrante Privado",
  draftReport: "Zyxdraft7Q borrador del observatorio que aún no se publica",
  commenterEmail: "zyx.comenta7q@ejemplo.mx",
  hiddenComment: "Zyxplanhidden7Q mi domicilio es el de la esquina",
  subscriberEmail: "zyx.plansubs7q@ejemplo.mx",
  unpublishedPlan: "Zyxunpub7Q plan en preparación",
};

/** Needles for test/personal-data.test.ts (label → lower-case pieces). */
export const PLAN_NEEDLES: [string, string[]][] = [
  ["nombre no público del equipo del plan", ["zyxteam7q"]],
  ["correo de revisor del plan", ["zyx.revisor7q"]],
  ["correo de integrante de observatorio", ["zyx.observa7q"]],
  ["nombre no público de integrante de observatorio", ["zyxobsname7q"]],
  ["informe de observatorio en borrador", ["zyxdraft7q"]],
  ["correo de quien comenta un compromiso", ["zyx.comenta7q"]],
  ["comentario de compromiso oculto", ["zyxplanhidden7q"]],
  ["correo de suscripción a un plan", ["zyx.plansubs7q"]],
  ["plan sin publicar", ["zyxunpub7q"]],
];

export interface PlansSeed {
  values: Record<string, string[]>;
  mustServe: string[];
  staffSeeds: string[];
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

export async function seedPlans(app: FastifyInstance, services: Services, w: ParticipationWorld): Promise<PlansSeed> {
  const { db } = services;
  const m = w.cuauhtemoc.id;
  const today = todayIn(w.cuauhtemoc.timeZone);
  const tx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => db.transaction().execute(fn);

  const plan = await tx((trx) =>
    createPlan(trx, m, anonymous, {
      slug: "plan-abierto", title: "Plan de acción de prueba", description: "Plan para la prueba de datos personales.",
      startsOn: addDays(today, -200), endsOn: addDays(today, 400), status: "implementacion", processId: w.process.id, sourceReference: "", published: true,
    }),
  );
  await tx((trx) => addTeamMember(trx, m, anonymous, plan.id, { sector: "gobierno", organisation: "Dirección de Gobierno Abierto", role: "Enlace", personName: PLAN_MARKERS.teamName, namePublic: false }));
  await tx((trx) => addTeamMember(trx, m, anonymous, plan.id, { sector: "sociedad_civil", organisation: "Colectivo Vecinal Centro", role: "Vocera", personName: "Lucía Pública Torres", namePublic: true }));
  await tx((trx) =>
    createPlan(trx, m, anonymous, {
      slug: "plan-en-preparacion", title: PLAN_MARKERS.unpublishedPlan, description: "", startsOn: addDays(today, 10), endsOn: addDays(today, 500),
      status: "cocreacion", processId: null, sourceReference: "", published: false,
    }),
  );
  const commitment = await tx((trx) =>
    createCommitment(trx, m, anonymous, plan.id, {
      title: "Obras por colonia en datos abiertos", problem: "Las obras no se conocen por colonia.", statusQuo: "", description: "Publicar cada obra con su avance.",
      howItSolves: "", relevance: { transparency: true, accountability: true, participation: false }, leadDepartmentId: w.departments.obras, leadOfficial: "Dirección de Obras",
      startsOn: addDays(today, -100), endsOn: addDays(today, 300), wholeMunicipality: true, coloniaIds: [], coleads: [{ organisation: "Colectivo Vecinal Centro", observatoryId: null }],
    }),
  );
  const [first, second] = await tx((trx) =>
    saveMilestonePlan(trx, m, anonymous, commitment.id, [
      { deliverable: "Inventario de obras", description: "", dueOn: addDays(today, -60), weight: 40, responsible: "Dirección de Obras" },
      { deliverable: "Mapa de obras", description: "", dueOn: addDays(today, -5), weight: 60, responsible: "Dirección de Obras" },
    ]),
  );
  await tx((trx) => addEvidenceLink(trx, m, anonymous, first!, { title: "Inventario publicado", url: "https://datos.example.mx/obras" }));
  const evidenceFile = await addEvidenceFile(services, m, anonymous, first!, { title: "Acta de entrega", fileName: "acta.pdf", data: PDF });
  await tx((trx) => setMilestoneStatus(trx, m, anonymous, first!, "completado", "Entregado", addDays(today, -61)));
  void second;

  // Review: an independent reviewer's account (marker e-mail) assesses at a checkpoint.
  await makeUser(db, PLAN_MARKERS.reviewerEmail);
  await tx((trx) => addReviewer(trx, m, anonymous, plan.id, { email: PLAN_MARKERS.reviewerEmail, kind: "independiente", publicName: "Revisión Independiente AC" }));
  const checkpoint = await tx((trx) => scheduleCheckpoint(trx, m, anonymous, plan.id, { title: "Revisión intermedia", scheduledOn: addDays(today, -10) }));
  await tx((trx) =>
    recordAssessment(trx, m, anonymous, { checkpointId: checkpoint, commitmentId: commitment.id, authorKind: "revisor_independiente", authorPublicName: "Revisión Independiente AC" }, {
      verifiable: true, potential: "sustancial", completion: "limitado", onTime: false, openedGovernment: null, narrative: "Avance limitado: el mapa sigue pendiente.", assessedOn: addDays(today, -9),
    }),
  );

  // An observatory whose member's name is not public, with a published and a draft report.
  const observatory = await tx((trx) => registerObservatory(trx, m, anonymous, { slug: "observatorio-prueba", name: "Observatorio de Prueba", description: "Da seguimiento al plan.", website: null }));
  const memberId = await makeUser(db, PLAN_MARKERS.memberEmail);
  await tx((trx) => addObservatoryMember(trx, m, anonymous, observatory, { email: PLAN_MARKERS.memberEmail, role: "coordinacion", publicName: PLAN_MARKERS.memberName, namePublic: false }));
  const member = (await loadActor(db, memberId))!;
  await tx((trx) => followTarget(trx, m, member, observatory, "compromiso", commitment.id, true));
  const published = await tx((trx) =>
    saveReport(trx, m, member, observatory, { kind: "valoracion", commitmentId: commitment.id, serviceId: null, title: "El mapa de obras va tarde", body: "El mapa de obras por colonia no se ha publicado y la fecha ya pasó.", verdict: "con_retraso", dataUrl: null }),
  );
  await tx((trx) => publishReport(trx, m, member, published));
  const draft = await tx((trx) =>
    saveReport(trx, m, member, observatory, { kind: "informe", commitmentId: null, serviceId: null, title: "Informe en preparación", body: PLAN_MARKERS.draftReport, verdict: null, dataUrl: null }),
  );

  // Comments through the public form (an account whose e-mail is a marker) and a hidden one.
  const commenter = new Browser(app);
  await makeUser(db, PLAN_MARKERS.commenterEmail);
  await db.updateTable("users").set({ email_verified_at: new Date() }).where("email", "=", PLAN_MARKERS.commenterEmail).execute();
  await login(commenter, PLAN_MARKERS.commenterEmail);
  const commitmentPath = `/cuauhtemoc/planes/plan-abierto/compromisos/${commitment.number}`;
  for (const comentario of ["¿Cuándo estará el mapa de obras?", PLAN_MARKERS.hiddenComment]) {
    const res = await commenter.post(`${commitmentPath}/comentarios`, { nombre: "Vecina del Centro", comentario });
    assert.equal(res.statusCode, 303, res.body);
  }
  const hidden = await db.selectFrom("plan_comments").select("id").where("body", "=", PLAN_MARKERS.hiddenComment).executeTakeFirstOrThrow();
  const team = new Browser(app);
  await login(team, w.team.email);
  const hide = await team.post(`${commitmentPath}/comentarios/${hidden.id}/ocultar`, { [`motivo-${hidden.id}`]: "Datos personales" });
  assert.equal(hide.statusCode, 303, hide.body);

  // An e-mail subscription through the public form.
  const visitor = new Browser(app);
  await visitor.get("/cuauhtemoc/planes/plan-abierto");
  const sub = await visitor.post("/cuauhtemoc/planes/plan-abierto/suscripcion", { email: PLAN_MARKERS.subscriberEmail });
  assert.equal(sub.statusCode, 303, sub.body);

  // A shared commitment convened by Cuauhtémoc with León invited.
  const shared = await tx((trx) => createSharedCommitment(trx, m, anonymous, { slug: "datos-abiertos-metropolitanos", title: "Datos abiertos metropolitanos", description: "Un acuerdo de prueba.", stateCode: null }));
  await tx((trx) => invitePartner(trx, m, anonymous, shared, w.leon.id));
  await tx((trx) => linkCommitment(trx, m, anonymous, shared, commitment.id));

  const evidence = await db.selectFrom("plan_milestone_evidence").select("id").where("municipality_id", "=", m).execute();
  const files = await db.selectFrom("observatory_report_files").select("id").where("municipality_id", "=", m).execute();
  return {
    values: {
      plan: ["plan-abierto", "plan-en-preparacion"],
      number: [String(commitment.number)],
      evidenceId: evidence.map((e) => String(e.id)),
      observatory: ["observatorio-prueba"],
      reportId: [String(published), String(draft)],
      fileId: files.map((f) => String(f.id)),
      checkpointId: [String(checkpoint)],
      shared: ["datos-abiertos-metropolitanos"],
      state: ["ciudad-de-mexico", "guanajuato"],
      memberId: ["1"],
      milestoneId: [String(first), String(second)],
      userId: [String(memberId)],
      draftId: ["1"],
      commentId: [String(hidden.id)],
    },
    mustServe: [
      "/cuauhtemoc/planes",
      "/cuauhtemoc/planes/plan-abierto",
      commitmentPath,
      `/cuauhtemoc/planes/plan-abierto/evidencias/${evidenceFile}`,
      "/cuauhtemoc/planes/plan-abierto/feed.atom",
      "/cuauhtemoc/datos/compromisos.csv",
      "/cuauhtemoc/observatorios/observatorio-prueba",
      `/cuauhtemoc/observatorios/observatorio-prueba/informes/${published}`,
      "/compromisos-intermunicipales/datos-abiertos-metropolitanos",
      "/estados/ciudad-de-mexico/planes",
    ],
    staffSeeds: ["/cuauhtemoc/admin/planes", "/cuauhtemoc/admin/planes/plan-abierto", "/cuauhtemoc/admin/observatorios"],
  };
}
