/**
 * Fixtures for the plans tests: the participation world (Cuauhtémoc and León with staff, a
 * participation-team member) plus a published plan in Cuauhtémoc with two commitments — one led by
 * Obras (three milestones, 20 + 30 + 50), one led by Servicios (two milestones, 40 + 60) — a plan
 * reviewer (independent), and an observatory with one member. The plan rows are written directly
 * (the write services are under test themselves); accounts go through the real services.
 */
import type { Services } from "../../platform/services.js";
import { addDays } from "../../platform/calendar/dates.js";
import { makeUser } from "../accounts/test-support.js";
import { todayIn } from "../participation/processes.js";
import { seedParticipationWorld, type ParticipationWorld } from "../participation/test-support.js";
import "./tables.js";

export { login, PASSWORD } from "../accounts/test-support.js";

export interface PlanWorld extends ParticipationWorld {
  plan: { id: number; slug: string; startsOn: string; endsOn: string };
  commitments: { obras: number; servicios: number };
  milestones: { obras: number[]; servicios: number[] };
  reviewer: { userId: number; email: string };
  observatory: { id: number; slug: string; memberId: number; memberEmail: string; outsiderId: number; outsiderEmail: string };
  today: string;
}

export async function seedPlanWorld(services: Services): Promise<PlanWorld> {
  const world = await seedParticipationWorld(services);
  const { db } = services;
  const m = world.cuauhtemoc.id;
  const today = todayIn(world.cuauhtemoc.timeZone);
  const startsOn = addDays(today, -180);
  const endsOn = addDays(today, 540);
  const plan = await db
    .insertInto("action_plans")
    .values({ municipality_id: m, slug: "plan-2026", title: "Plan de Acción Local 2026–2027", description: "Compromisos de gobierno abierto.", starts_on: startsOn, ends_on: endsOn, status: "implementacion", published: true, process_id: world.process.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  const commitment = (number: number, title: string, department: number) =>
    db
      .insertInto("plan_commitments")
      .values({
        municipality_id: m, plan_id: plan.id, number, title, lead_department_id: department, lead_official: "Dirección responsable",
        problem: "La información no se publica a tiempo.", description: "Publicar la información en formatos abiertos.",
        relevant_transparency: true, starts_on: startsOn, ends_on: endsOn,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  const obras = (await commitment(1, "Obra pública abierta por colonia", world.departments.obras)).id;
  const servicios = (await commitment(2, "Servicios urbanos con datos abiertos", world.departments.servicios)).id;
  const milestone = async (commitmentId: number, position: number, deliverable: string, dueOn: string, weight: number) =>
    (await db.insertInto("plan_milestones").values({ municipality_id: m, commitment_id: commitmentId, position, deliverable, due_on: dueOn, weight, responsible: "Unidad responsable" }).returning("id").executeTakeFirstOrThrow()).id;
  const milestones = {
    obras: [
      await milestone(obras, 1, "Inventario de obras publicado", addDays(today, 30), 20),
      await milestone(obras, 2, "Mapa de obras por colonia", addDays(today, 90), 30),
      await milestone(obras, 3, "Informe de avance físico y financiero", addDays(today, 200), 50),
    ],
    servicios: [
      await milestone(servicios, 1, "Catálogo de servicios en datos abiertos", addDays(today, 60), 40),
      await milestone(servicios, 2, "Tablero de atención por colonia", addDays(today, 300), 60),
    ],
  };
  const reviewerEmail = "revisora@irm.test";
  const reviewerId = await makeUser(db, reviewerEmail);
  await db.insertInto("plan_reviewers").values({ municipality_id: m, plan_id: plan.id, user_id: reviewerId, kind: "independiente", public_name: "Revisora independiente (Observatorio Ciudadano)" }).execute();
  const observatory = await db.insertInto("observatories").values({ municipality_id: m, slug: "observatorio-ciudadano", name: "Observatorio Ciudadano de Cuauhtémoc", description: "Organización civil que da seguimiento a los compromisos." }).returning("id").executeTakeFirstOrThrow();
  const memberEmail = "integrante@observatorio.test";
  const memberId = await makeUser(db, memberEmail);
  await db.insertInto("observatory_members").values({ municipality_id: m, observatory_id: observatory.id, user_id: memberId, role: "coordinacion", public_name: "Integrante del observatorio", name_public: false }).execute();
  const outsiderEmail = "vecina@correo.test";
  const outsiderId = await makeUser(db, outsiderEmail);
  return {
    ...world,
    plan: { id: plan.id, slug: "plan-2026", startsOn, endsOn },
    commitments: { obras, servicios },
    milestones,
    reviewer: { userId: reviewerId, email: reviewerEmail },
    observatory: { id: observatory.id, slug: "observatorio-ciudadano", memberId, memberEmail, outsiderId, outsiderEmail },
    today,
  };
}
