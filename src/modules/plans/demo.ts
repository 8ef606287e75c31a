/**
 * Demo: León's published action plan, linked to its co-creation process, with a government and
 * civil-society team and five commitments at every stage a newcomer should see — under way with
 * evidence, complete and starred at a past checkpoint, late with an overdue milestone, not started
 * (adopted from the proposals demo's draft), and an inter-municipal security commitment whose
 * partners carry it in plans of their own. Also an independent reviewer, internal and independent
 * assessments, and an observatory with a member and a published assessment.
 *
 * The partners are the other demo municipalities (Cuauhtémoc, Tlalnepantla), not Silao and San
 * Francisco del Rincón: activating more municipalities would give the demo tenants without
 * departments, services, staff or a process, and the demo is pinned to three active ones
 * (test/demo.test.ts). Everything goes through the module's own services, as staff would.
 */
import { SYSTEM } from "../../platform/audit/audit.js";
import { addDays } from "../../platform/calendar/dates.js";
import type { Executor } from "../../platform/db/database.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { hashPassword, randomPassword } from "../accounts/password.js";
import { createAccount } from "../accounts/provision.js";
import { loadActor } from "../accounts/queries.js";
import { demoProcess } from "../participation/demo.js";
import { todayIn } from "../participation/processes.js";
import { listCommitmentDrafts } from "../proposals/commitments.js";
import { adoptDraftAsCommitment, createCommitment, updateCommitment } from "./commitments-service.js";
import {
  ADOPTED_MILESTONES, ADOPTED_STARTS, LEON_COMMITMENTS, LEON_PLAN, PARTNERS, PLAN_ENDS, PLAN_SLUG, PLAN_STARTS, SHARED, SHARED_SLUG,
  type DemoCommitment, type DemoMilestone,
} from "./demo-content.js";
import { addEvidenceLink, saveMilestonePlan, setMilestoneStatus } from "./milestones-service.js";
import { addObservatoryMember, followTarget, publishReport, registerObservatory, saveReport } from "./observatory-service.js";
import { addTeamMember, createPlan } from "./plans-service.js";
import { addReviewer, recordAssessment, scheduleCheckpoint } from "./review-service.js";
import { createSharedCommitment, invitePartner, linkCommitment } from "./shared-service.js";

const actor = SYSTEM.actor;
const LABEL = "datos de demostración";
const REVIEWER = { email: "revision@leon.demo.cabildo.mx", name: "Revisión independiente (demostración)" };
const OBSERVER = { email: "observatorio@leon.demo.cabildo.mx", name: "Observatorio Ciudadano del Bajío (demostración)" };

export interface DemoPlanCredentials {
  passwords: string[];
  hashes: string[];
}

/** The two demo accounts' passwords and scrypt hashes, computed before the database is open. */
export async function prepareDemoPlans(): Promise<DemoPlanCredentials> {
  const passwords = [randomPassword(), randomPassword()];
  return { passwords, hashes: await Promise.all(passwords.map((p) => hashPassword(p))) };
}

interface Ctx {
  trx: Executor;
  municipalityId: number;
  today: string;
  publicUrl: string;
  departments: { id: number; name: string }[];
}

const day = (c: Ctx, n: number) => addDays(c.today, n);

async function addCommitment(c: Ctx, planId: number, d: DemoCommitment, observatoryId: number | null): Promise<number> {
  const department = c.departments.find((x) => x.name.includes(d.department));
  const coleads = [
    ...(d.coleadOrganisation ? [{ organisation: d.coleadOrganisation, observatoryId: null }] : []),
    ...(d.coleadObservatory && observatoryId !== null ? [{ organisation: "", observatoryId }] : []),
  ];
  const { id } = await createCommitment(c.trx, c.municipalityId, actor, planId, {
    title: d.title, problem: d.problem, statusQuo: d.statusQuo, description: d.description, howItSolves: d.howItSolves, relevance: d.relevance,
    leadDepartmentId: department?.id ?? null, leadOfficial: d.leadOfficial, startsOn: day(c, d.starts), endsOn: day(c, PLAN_ENDS),
    wholeMunicipality: true, coloniaIds: [], coleads,
  });
  await addMilestones(c, id, d.milestones);
  return id;
}

/** The milestone plan, then each milestone's evidence and status, as the lead department would record them. */
async function addMilestones(c: Ctx, commitmentId: number, milestones: DemoMilestone[]): Promise<void> {
  const ids = await saveMilestonePlan(c.trx, c.municipalityId, actor, commitmentId, milestones.map((m) => ({
    deliverable: m.deliverable, description: m.description ?? "", dueOn: day(c, m.due), weight: m.weight, responsible: m.responsible,
  })));
  for (const [i, m] of milestones.entries()) {
    for (const e of m.evidence ?? []) {
      await addEvidenceLink(c.trx, c.municipalityId, actor, ids[i]!, { title: e.title, url: e.url ?? `${c.publicUrl}${e.path}` });
    }
    if (m.deliveredOn !== undefined) await setMilestoneStatus(c.trx, c.municipalityId, actor, ids[i]!, "completado", "", day(c, m.deliveredOn));
    else if (m.started) await setMilestoneStatus(c.trx, c.municipalityId, actor, ids[i]!, "en_curso", "");
  }
}

async function context(trx: Executor, municipality: { id: number; time_zone: string }, publicUrl: string): Promise<Ctx> {
  const departments = await trx.selectFrom("departments").select(["id", "name"]).where("municipality_id", "=", municipality.id).where("active", "=", true).execute();
  return { trx, municipalityId: municipality.id, today: todayIn(municipality.time_zone), publicUrl, departments };
}

async function demoAccount(trx: Executor, who: { email: string; name: string }, hash: string): Promise<Actor> {
  const id = await createAccount(trx, actor, { email: who.email, displayName: who.name, passwordHash: hash, platformRole: null, oversees: [] }, LABEL);
  return (await loadActor(trx, id))!;
}

export async function seedDemoPlans(services: Services, log: (line: string) => void, prepared?: unknown): Promise<void> {
  const { db, config } = services;
  const started = Date.now();
  const leon = await db.selectFrom("municipalities").select(["id", "time_zone"]).where("slug", "=", "leon").where("active", "=", true).executeTakeFirst();
  if (!leon) return;
  if (await db.selectFrom("action_plans").select("id").where("municipality_id", "=", leon.id).where("slug", "=", PLAN_SLUG).executeTakeFirst()) return;
  const process = await demoProcess(db, leon.id);
  const ready = prepared as DemoPlanCredentials | undefined;
  const credentials = ready?.hashes.length === 2 ? ready : await prepareDemoPlans();

  const { planId, commitments, sharedId } = await db.transaction().execute(async (trx) => {
    const reviewer = await demoAccount(trx, REVIEWER, credentials.hashes[0]!);
    const observer = await demoAccount(trx, OBSERVER, credentials.hashes[1]!);
    const c = await context(trx, leon, config.publicUrl);
    const plan = await createPlan(trx, leon.id, actor, {
      slug: PLAN_SLUG, title: LEON_PLAN.title, description: LEON_PLAN.description, startsOn: day(c, PLAN_STARTS), endsOn: day(c, PLAN_ENDS),
      status: "implementacion", processId: process?.id ?? null, sourceReference: LEON_PLAN.sourceReference, published: true,
    });
    for (const member of LEON_PLAN.team) await addTeamMember(trx, leon.id, actor, plan.id, member);
    const observatoryId = await registerObservatory(trx, leon.id, actor, {
      slug: "observatorio-ciudadano-del-bajio", name: "Observatorio Ciudadano del Bajío (ficticio)", website: null,
      description: "Organización civil que da seguimiento a los compromisos de gobierno abierto de León y publica su propia valoración.",
    });
    const ids: number[] = [];
    for (const d of LEON_COMMITMENTS) ids.push(await addCommitment(c, plan.id, d, observatoryId));
    ids.push(await adoptDemoDraft(c, plan.id, process?.id ?? null));
    const shared = await createSharedCommitment(trx, leon.id, actor, { slug: SHARED_SLUG, title: SHARED.title, description: SHARED.description, stateCode: null });
    await linkCommitment(trx, leon.id, actor, shared, ids[0]!);
    await addObservatoryMember(trx, leon.id, actor, observatoryId, { email: OBSERVER.email, role: "coordinacion", publicName: "Coordinación del Observatorio", namePublic: false });
    await reviewCheckpoint(c, plan.id, ids, reviewer);
    await observatoryAssessment(c, observatoryId, ids[3]!, observer);
    return { planId: plan.id, commitments: ids, sharedId: shared };
  });

  const partners = await seedPartners(services, leon.id, sharedId);
  log(`planes: «${LEON_PLAN.title}» (León) con ${commitments.length} compromisos en todas las etapas, un momento de revisión y un observatorio; compromiso intermunicipal con ${partners.join(" y ") || "ningún otro municipio"} (plan ${planId}, ${Date.now() - started} ms)`);
  log("planes: cuentas de demostración (las contraseñas se muestran solo esta vez):");
  log(`  ${REVIEWER.email}  ${credentials.passwords[0]}  revisión independiente del plan de León`);
  log(`  ${OBSERVER.email}  ${credentials.passwords[1]}  integrante del Observatorio Ciudadano del Bajío`);
}

/**
 * The accepted proposal's draft (proposals demo) becomes commitment 5: adopted with the plan's
 * period, then given its own later start, so it is "not started" until then. Without the draft
 * (proposals demo absent) the same commitment is created directly.
 */
async function adoptDemoDraft(c: Ctx, planId: number, processId: number | null): Promise<number> {
  const draft = processId === null ? undefined : (await listCommitmentDrafts(c.trx, c.municipalityId, { processId })).find((d) => d.status !== "adopted");
  const fields = {
    title: draft?.title ?? "Rutas de recolección de basura por colonia en datos abiertos",
    problem: draft?.problem ?? "El camión de basura no pasa los días anunciados en varias colonias.",
    statusQuo: draft?.statusQuo ?? "", description: draft?.description ?? "Publicar rutas y horarios de recolección por colonia en datos abiertos.",
    howItSolves: draft?.howItSolves ?? "", relevance: draft?.relevance ?? { transparency: true, accountability: true, participation: true },
    leadDepartmentId: draft?.leadDepartment?.id ?? c.departments.find((d) => d.name.includes("Servicios"))?.id ?? null,
    leadOfficial: "Dirección de Aseo Público", startsOn: day(c, ADOPTED_STARTS), endsOn: day(c, PLAN_ENDS),
    wholeMunicipality: draft?.wholeMunicipality ?? true, coloniaIds: draft?.colonias.map((x) => x.id) ?? [], coleads: [],
  };
  let id: number;
  if (draft) {
    id = (await adoptDraftAsCommitment(c.trx, c.municipalityId, actor, planId, draft.id)).id;
    await updateCommitment(c.trx, c.municipalityId, actor, id, fields);
  } else {
    id = (await createCommitment(c.trx, c.municipalityId, actor, planId, fields)).id;
  }
  await addMilestones(c, id, ADOPTED_MILESTONES);
  return id;
}

/** A checkpoint a month ago: the plan team assesses every started commitment, the independent reviewer two of them. */
async function reviewCheckpoint(c: Ctx, planId: number, ids: number[], reviewer: Actor): Promise<void> {
  const reviewerName = "Laboratorio de Datos Urbanos, Universidad del Bajío (ficticio)";
  await addReviewer(c.trx, c.municipalityId, actor, planId, { email: REVIEWER.email, kind: "independiente", publicName: reviewerName });
  const checkpoint = await scheduleCheckpoint(c.trx, c.municipalityId, actor, planId, { title: "Revisión intermedia", scheduledOn: day(c, -30) });
  const team = (commitmentId: number, completion: "limitado" | "sustancial" | "completo", narrative: string, onTime: boolean) =>
    recordAssessment(c.trx, c.municipalityId, actor, { checkpointId: checkpoint, commitmentId, authorKind: "equipo_interno", authorPublicName: "Equipo del plan" }, {
      verifiable: true, potential: "sustancial", completion, onTime, openedGovernment: null, narrative, assessedOn: day(c, -28),
    });
  await team(ids[0]!, "limitado", "El diagnóstico y el convenio intermunicipal están entregados; falta el tablero mensual.", true);
  await team(ids[1]!, "limitado", "El catálogo por colonia está publicado; los reportes en línea están en prueba.", true);
  await team(ids[2]!, "completo", "Padrón de obra, presupuesto y avance mensual publicados en datos abiertos.", true);
  await team(ids[3]!, "limitado", "El programa está aprobado, pero la primera generación no terminó a tiempo.", false);
  const independent = (commitmentId: number, completion: "limitado" | "completo", openedGovernment: "marginal" | "mayor", narrative: string) =>
    recordAssessment(c.trx, c.municipalityId, reviewer, { checkpointId: checkpoint, commitmentId, authorKind: "revisor_independiente", authorPublicName: reviewerName }, {
      verifiable: true, potential: "sustancial", completion, onTime: completion === "completo", openedGovernment, narrative, assessedOn: day(c, -25),
    });
  await independent(ids[2]!, "completo", "mayor", "Los tres conjuntos de datos están publicados, se actualizan cada mes y los usan dos comités vecinales: compromiso estelar.");
  await independent(ids[3]!, "limitado", "marginal", "La primera generación de capacitación está atrasada; se recomienda reprogramar con la Unidad de Transparencia.");
}

async function observatoryAssessment(c: Ctx, observatoryId: number, commitmentId: number, member: Actor): Promise<void> {
  await followTarget(c.trx, c.municipalityId, member, observatoryId, "compromiso", commitmentId, true);
  const report = await saveReport(c.trx, c.municipalityId, member, observatoryId, {
    kind: "valoracion", commitmentId, serviceId: null, verdict: "con_retraso", dataUrl: null,
    title: "La capacitación de servidores públicos va atrasada",
    body: "Asistimos a tres sesiones de la primera generación: el grupo va a la mitad del temario y la fecha comprometida ya pasó. Pedimos publicar el nuevo calendario y la lista de dependencias participantes.",
  });
  await publishReport(c.trx, c.municipalityId, member, report);
}

/** Each other active demo municipality carries the shared commitment in a small plan of its own. */
async function seedPartners(services: Services, leonId: number, sharedId: number): Promise<string[]> {
  const { db, config } = services;
  const names: string[] = [];
  for (const p of PARTNERS) {
    const m = await db.selectFrom("municipalities").select(["id", "name", "time_zone"]).where("slug", "=", p.slug).where("active", "=", true).executeTakeFirst();
    if (!m) continue;
    await db.transaction().execute(async (trx) => {
      await invitePartner(trx, leonId, actor, sharedId, m.id);
      const c = await context(trx, m, config.publicUrl);
      const process = await demoProcess(trx, m.id);
      const plan = await createPlan(trx, m.id, actor, {
        slug: PLAN_SLUG, title: p.planTitle, description: "Primeros compromisos del plan, en implementación.", startsOn: day(c, PLAN_STARTS), endsOn: day(c, PLAN_ENDS),
        status: "implementacion", processId: process?.id ?? null, sourceReference: "", published: true,
      });
      await linkCommitment(trx, m.id, actor, sharedId, await addCommitment(c, plan.id, p.commitment, null));
    });
    names.push(m.name);
  }
  return names;
}
