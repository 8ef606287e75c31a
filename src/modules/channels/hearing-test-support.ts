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

/** Reads an SSE response body, collecting text until a predicate holds or time runs out. */
export class StreamReader {
  private text = "";
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private decoder = new TextDecoder();
  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }
  async until(found: (text: string) => boolean, ms = 5000): Promise<string> {
    const deadline = Date.now() + ms;
    while (!found(this.text)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`nothing matched in the stream within ${ms} ms; got: ${JSON.stringify(this.text)}`);
      const chunk = await Promise.race([this.reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
      if (chunk === null) continue;
      if (chunk.done) throw new Error(`the stream ended; got: ${JSON.stringify(this.text)}`);
      this.text += this.decoder.decode(chunk.value, { stream: true });
    }
    return this.text;
  }
}

export async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The data of every `event: <name>` message in a stream's text. */
export function sseEvents<T>(text: string, name: string): T[] {
  return [...text.matchAll(new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`, "g"))].map((m) => JSON.parse(m[1]!) as T);
}
