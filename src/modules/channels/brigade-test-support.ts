/**
 * Fixtures for the brigade tests: the channels world plus, in Cuauhtémoc, an active brigade
 * "Mi barrio habla — Centro" (route over Centro, Guerrero and Hipódromo around today, Ana as
 * brigadista, Beto as coordinador, the open process for proposals) and a planned one; in León an
 * active brigade with its own volunteer. Brigades are made through the staff operations.
 */
import crypto from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { addDays } from "../../platform/calendar/dates.js";
import { Browser } from "../../platform/testing.js";
import { anonymous } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { login, makeUser } from "../accounts/test-support.js";
import { todayIn } from "../participation/processes.js";
import { addStop, createBrigade, saveMember } from "./brigade-service.js";
import { seedChannelsWorld, type ChannelsWorld } from "./test-support.js";

export { login, PASSWORD, ZOCALO, PARQUE_MEXICO, COYOACAN } from "./test-support.js";

export interface BrigadeWorld extends ChannelsWorld {
  today: string;
  colonias: { centro: number; guerrero: number; hipodromo: number; leon: number };
  brigade: { id: number; slug: string; name: string };
  planned: { id: number; slug: string };
  leonBrigade: { id: number; slug: string };
  leonVolunteer: { userId: number; email: string };
}

export const BRIGADE_NAME = "Mi barrio habla — Centro";

export async function seedBrigadeWorld(services: Services): Promise<BrigadeWorld> {
  const world = await seedChannelsWorld(services);
  const { db } = services;
  const { cuauhtemoc, leon } = world;
  const today = todayIn(cuauhtemoc.timeZone);
  const coloniaId = async (municipalityId: number, slug?: string) => {
    let q = db.selectFrom("colonias").select("id").where("municipality_id", "=", municipalityId);
    if (slug) q = q.where("slug", "=", slug);
    return (await q.orderBy("id").executeTakeFirstOrThrow()).id;
  };
  const colonias = {
    centro: await coloniaId(cuauhtemoc.id, "centro"),
    guerrero: await coloniaId(cuauhtemoc.id, "guerrero"),
    hipodromo: await coloniaId(cuauhtemoc.id, "hipodromo"),
    // León's demo territory has localities but no colonias: one typed in by hand, as a town hall may.
    leon: (await db.insertInto("colonias").values({ municipality_id: leon.id, name: "Zona Centro", source: "manual", source_key: "prueba-zona-centro", slug: "zona-centro", postal_code: "37000" }).returning("id").executeTakeFirstOrThrow()).id,
  };
  const admin = anonymous;
  const leonEmail = "lu.brigadista@example.test";
  const leonVolunteer = { userId: await makeUser(db, leonEmail), email: leonEmail };
  const made = await db.transaction().execute(async (trx) => {
    const brigade = await createBrigade(trx, cuauhtemoc.id, admin, {
      slug: "centro", name: BRIGADE_NAME, description: "Recorrido casa por casa en el Centro.", startsOn: addDays(today, -5), endsOn: addDays(today, 10), status: "activa", processId: world.process.id,
    });
    await addStop(trx, cuauhtemoc.id, admin, brigade.id, { coloniaId: colonias.centro, visitOn: addDays(today, -1) });
    await addStop(trx, cuauhtemoc.id, admin, brigade.id, { coloniaId: colonias.guerrero, visitOn: today });
    await addStop(trx, cuauhtemoc.id, admin, brigade.id, { coloniaId: colonias.hipodromo, visitOn: addDays(today, 1) });
    await saveMember(trx, cuauhtemoc.id, admin, brigade.id, { email: world.volunteers.ana.email, role: "brigadista" });
    await saveMember(trx, cuauhtemoc.id, admin, brigade.id, { email: world.volunteers.beto.email, role: "coordinador" });
    const planned = await createBrigade(trx, cuauhtemoc.id, admin, {
      slug: "roma-planeada", name: "Brigada Roma (planeada)", description: "", startsOn: addDays(today, 20), endsOn: addDays(today, 25), status: "planeada", processId: null,
    });
    const leonBrigade = await createBrigade(trx, leon.id, admin, {
      slug: "centro", name: "Brigada León Centro", description: "", startsOn: addDays(today, -5), endsOn: addDays(today, 10), status: "activa", processId: null,
    });
    await addStop(trx, leon.id, admin, leonBrigade.id, { coloniaId: colonias.leon, visitOn: today });
    await saveMember(trx, leon.id, admin, leonBrigade.id, { email: leonEmail, role: "brigadista" });
    return { brigade, planned, leonBrigade };
  });
  return {
    ...world,
    today,
    colonias,
    brigade: { id: made.brigade.id, slug: made.brigade.slug, name: BRIGADE_NAME },
    planned: made.planned,
    leonBrigade: made.leonBrigade,
    leonVolunteer,
  };
}

/** A record as the app sends it: a request for a street light in Centro, unless told otherwise. */
export function brigadeRecord(world: BrigadeWorld, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientId: crypto.randomUUID(),
    brigade: world.brigade.slug,
    kind: "solicitud",
    householdId: crypto.randomUUID(),
    capturedAt: new Date().toISOString(),
    coloniaId: world.colonias.centro,
    serviceCode: "alumbrado",
    description: "La luminaria frente al número 12 no enciende desde hace una semana.",
    consent: false,
    ...over,
  };
}

/** POST a batch as the app does (JSON, the CSRF token in a header), with the browser's cookies. */
export async function postBatch(app: FastifyInstance, browser: Browser, body: unknown, slug = "cuauhtemoc"): Promise<LightMyRequestResponse> {
  if (!browser.cookies.has("cabildo_csrf")) await browser.get("/");
  return app.inject({
    method: "POST",
    url: `/${slug}/brigada/sincronizar`,
    payload: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", accept: "application/json", cookie: browser.cookieHeader, "x-csrf-token": browser.csrf },
  });
}

/** A browser signed in as that account. */
export async function signedIn(app: FastifyInstance, email: string): Promise<Browser> {
  const browser = new Browser(app);
  await login(browser, email);
  return browser;
}
