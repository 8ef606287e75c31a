/** Fixtures for the hearing tests: a hearing scheduled through the staff operation, and SSE reading. */
import { addDays } from "../../platform/calendar/dates.js";
import type { Actor } from "../../platform/policy.js";
import type { Services } from "../../platform/services.js";
import { loadActor } from "../accounts/queries.js";
import { todayIn } from "../participation/processes.js";
import type { ActiveMunicipality } from "../territory/queries.js";
import { findHearing, type HearingView } from "./hearing-queries.js";
import { scheduleHearings, type HearingInput } from "./hearing-service.js";

export async function actorOf(services: Services, userId: number): Promise<Actor> {
  return (await loadActor(services.db, userId))!;
}

/** A hearing tomorrow 10:00–13:00 (unless `input` says otherwise), scheduled by `by` (an administrator). */
export async function scheduleTestHearing(services: Services, m: ActiveMunicipality, by: number, input: Partial<HearingInput> = {}): Promise<HearingView> {
  const actor = await actorOf(services, by);
  const [slug] = await services.db.transaction().execute((trx) =>
    scheduleHearings(
      trx,
      m,
      {
        title: "Miércoles abierto",
        slug: "miercoles-abierto",
        description: "Audiencia pública semanal con las direcciones.",
        date: addDays(todayIn(m.timeZone), 1),
        startTime: "10:00",
        endTime: "13:00",
        officeId: "",
        place: "Explanada de la Alcaldía, Aldama y Mina",
        officials: "Alcaldesa\nDirector de Obras",
        capacity: "10",
        onlineCapacity: "5",
        ...input,
      },
      actor,
    ),
  );
  return (await findHearing(services.db, m.id, slug!))!;
}

/** Moves a hearing's start into the past (a session that started or was held). */
export async function startedAgo(services: Services, hearing: HearingView, hours: number): Promise<void> {
  const starts = new Date(Date.now() - hours * 3_600_000);
  await services.db
    .updateTable("hearings")
    .set({ starts_at: starts, ends_at: new Date(starts.getTime() + 3 * 3_600_000) })
    .where("municipality_id", "=", hearing.municipalityId)
    .where("id", "=", hearing.id)
    .execute();
}

export { StreamReader, sseEvents, waitFor } from "../../platform/test-sse.js";
