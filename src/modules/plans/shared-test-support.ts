/**
 * Fixtures for the inter-municipal and state-view tests: a plan of any municipality with
 * commitments and milestones written directly (the plan services are tested on their own), with
 * the test's own dates and statuses.
 */
import type { Executor } from "../../platform/db/database.js";
import type { MilestoneStatus } from "./tables.js";
import "./tables.js";

export interface PlanFixture {
  slug: string;
  title: string;
  published: boolean;
  startsOn: string;
  endsOn: string;
  commitments: {
    title: string;
    departmentId?: number | null;
    milestones: { deliverable: string; dueOn: string; weight: number; status?: MilestoneStatus; completedOn?: string }[];
  }[];
}

export async function insertPlan(db: Executor, municipalityId: number, plan: PlanFixture): Promise<{ planId: number; commitmentIds: number[] }> {
  const { id: planId } = await db
    .insertInto("action_plans")
    .values({ municipality_id: municipalityId, slug: plan.slug, title: plan.title, starts_on: plan.startsOn, ends_on: plan.endsOn, status: "implementacion", published: plan.published })
    .returning("id")
    .executeTakeFirstOrThrow();
  const commitmentIds: number[] = [];
  for (const [i, c] of plan.commitments.entries()) {
    const { id } = await db
      .insertInto("plan_commitments")
      .values({ municipality_id: municipalityId, plan_id: planId, number: i + 1, title: c.title, lead_department_id: c.departmentId ?? null, starts_on: plan.startsOn, ends_on: plan.endsOn, relevant_transparency: true })
      .returning("id")
      .executeTakeFirstOrThrow();
    commitmentIds.push(id);
    for (const [position, m] of c.milestones.entries()) {
      await db
        .insertInto("plan_milestones")
        .values({ municipality_id: municipalityId, commitment_id: id, position, deliverable: m.deliverable, due_on: m.dueOn, weight: m.weight, status: m.status ?? "pendiente", completed_on: m.completedOn ?? null })
        .execute();
    }
  }
  return { planId, commitmentIds };
}
