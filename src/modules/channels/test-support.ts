/**
 * Fixtures for the channels tests: the participation world (real demo territory — Cuauhtémoc with
 * its 33 SEDUVI colonias, León —, the demo service catalogue, staff accounts, a process open for
 * proposals) plus a front-desk clerk and two brigade volunteers (accounts without a staff role).
 */
import type { Services } from "../../platform/services.js";
import { makeUser } from "../accounts/test-support.js";
import { seedParticipationWorld, type ParticipationWorld } from "../participation/test-support.js";

export { login, PASSWORD } from "../accounts/test-support.js";
export { ZOCALO, PARQUE_MEXICO, COYOACAN } from "../requests/test-support.js";

export interface ChannelsWorld extends ParticipationWorld {
  /** department_staff of Servicios Urbanos who works the front desk. */
  clerk: { userId: number; email: string };
  /** Volunteers with an account and no municipal role. */
  volunteers: { ana: { userId: number; email: string }; beto: { userId: number; email: string } };
}

export async function seedChannelsWorld(services: Services): Promise<ChannelsWorld> {
  const world = await seedParticipationWorld(services);
  const clerkEmail = "ventanilla@cuauhtemoc.test";
  const clerk = { userId: await makeUser(services.db, clerkEmail, { role: "department_staff", municipalityId: world.cuauhtemoc.id, departmentId: world.departments.servicios }), email: clerkEmail };
  const ana = { userId: await makeUser(services.db, "ana.brigadista@example.test"), email: "ana.brigadista@example.test" };
  const beto = { userId: await makeUser(services.db, "beto.brigadista@example.test"), email: "beto.brigadista@example.test" };
  return { ...world, clerk, volunteers: { ana, beto } };
}
