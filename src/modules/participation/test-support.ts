/**
 * Fixtures for the participation tests and the component modules' tests: the requests world
 * (Cuauhtémoc and León with staff), a participation-team member, and a published process whose
 * one phase covers today with every component open; participants made through the real services.
 */
import { makeUser } from "../accounts/test-support.js";
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { addDays } from "../../platform/calendar/dates.js";
import { seedRequestsWorld, type RequestsWorld } from "../requests/test-support.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { confirmEmailToken, PARTICIPANT_COOKIE, requestEmailConfirmation, verifyIdentity, type Participant } from "./participants.js";
import { createProcess, todayIn, type ProcessView } from "./processes.js";
import { COMPONENTS } from "./tables.js";

export { login, PASSWORD } from "../accounts/test-support.js";

/** Real-format CURPs with correct check digits (fictitious people). */
export const CURPS = {
  ana: "GOMA800101MDFRRN05",
  beto: "PERJ920315HGTRMN06",
  carla: "LOHC010720MJCPRRA8",
} as const;

export interface ParticipationWorld extends RequestsWorld {
  team: { userId: number; email: string };
  process: ProcessView;
}

export async function seedParticipationWorld(services: Services): Promise<ParticipationWorld> {
  const world = await seedRequestsWorld(services);
  const email = "participa@cuauhtemoc.test";
  const userId = await makeUser(services.db, email, { role: "participation_team", municipalityId: world.cuauhtemoc.id });
  const today = todayIn(world.cuauhtemoc.timeZone);
  const process = await createProcess(services.db, world.cuauhtemoc.id, anonymous, {
    slug: "plan-de-accion",
    title: "Plan de Acción Local de Gobierno Abierto",
    summary: "Cocreación de compromisos de gobierno abierto con la ciudadanía.",
    description: "Proceso de prueba con todas las etapas abiertas.",
    status: "published",
    phases: [{ title: "Participación abierta", startsOn: addDays(today, -30), endsOn: addDays(today, 30), components: [...COMPONENTS] }],
  });
  return { ...world, team: { userId, email }, process };
}

/** A confirmed one-time participant and the Cookie header value that identifies it. */
export async function guestParticipant(services: Services, municipality: ActiveMunicipality, email: string): Promise<{ participant: Participant; cookie: string }> {
  const token = await requestEmailConfirmation(services, municipality, { email, processSlug: "prueba", processTitle: "Prueba", volver: `/${municipality.slug}/participa` });
  const result = await confirmEmailToken(services.db, municipality.id, token);
  if (!result.ok) throw new Error(result.message);
  return { participant: result.participant, cookie: `${PARTICIPANT_COOKIE}=${result.cookieToken}` };
}

/** A participant with a verified identity (a confirmed one-time participant who gave the CURP). */
export async function verifiedParticipant(services: Services, municipality: ActiveMunicipality, curp: string): Promise<{ participant: Participant; cookie: string }> {
  const email = `verificada.${curp.toLowerCase()}@correo.test`;
  const guest = await guestParticipant(services, municipality, email);
  const participant = await services.db.transaction().execute((trx) => verifyIdentity(trx, municipality.id, guest.participant.id, curp, anonymous));
  return { participant, cookie: guest.cookie };
}
