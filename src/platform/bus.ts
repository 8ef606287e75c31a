/**
 * Publish/subscribe across every app process: messages travel as NOTIFY on one PostgreSQL
 * channel (PGlite's own listen() on the embedded database, a dedicated pg connection on a
 * server) and are fanned out in memory to this process's subscribers (SSE streams…).
 * Publishing inside a transaction delivers the message only if it commits.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { notify, type DatabaseHandle, type Executor } from "./db/database.js";

export const BUS_CHANNEL = "cabildo_bus";

export interface BusMessage {
  /** e.g. "requests.changed" */
  topic: string;
  municipalityId: number;
  data: Record<string, unknown>;
}

type Subscriber = (message: BusMessage) => void;

/** NOTIFY payloads are limited to 8000 bytes: send ids and small facts, let readers query the rest. */
export async function publish(executor: Executor, message: BusMessage): Promise<void> {
  await notify(executor, BUS_CHANNEL, message);
}

export class Bus {
  private subscribers = new Set<Subscriber>();
  private started: Promise<() => Promise<void>> | null = null;

  constructor(private readonly handle: DatabaseHandle) {}

  /** Subscribe to every message (filter in the callback); returns the unsubscribe function. */
  async subscribe(subscriber: Subscriber): Promise<() => void> {
    this.started ??= this.handle.listen(BUS_CHANNEL, (payload) => this.dispatch(payload));
    await this.started;
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  private dispatch(payload: string): void {
    let message: BusMessage;
    try {
      message = JSON.parse(payload) as BusMessage;
    } catch {
      return;
    }
    for (const s of this.subscribers) {
      try {
        s(message);
      } catch {
        /* one broken stream must not stop the others */
      }
    }
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    if (this.started) await (await this.started)();
  }
}

/**
 * Answer a request with a Server-Sent Events stream of the bus messages `accept` lets through,
 * shaped by `format` (which must not leak anything the viewer may not see). A comment line
 * every 25 s keeps proxies from closing an idle stream.
 */
export async function streamBus(
  request: FastifyRequest,
  reply: FastifyReply,
  bus: Bus,
  accept: (message: BusMessage) => boolean,
  format: (message: BusMessage) => Promise<{ event: string; data: unknown } | null> | { event: string; data: unknown } | null,
): Promise<void> {
  const raw = reply.raw;
  // Subscribe before answering: no change is missed between the first byte and the subscription,
  // and a failing LISTEN still gets a normal error reply.
  const unsubscribe = await bus.subscribe((message) => {
    if (!accept(message)) return;
    void Promise.resolve(format(message))
      .then((out) => {
        if (out && !raw.writableEnded) raw.write(`event: ${out.event}\ndata: ${JSON.stringify(out.data)}\n\n`);
      })
      .catch(() => {});
  });
  reply.hijack();
  raw.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  raw.write("retry: 3000\n\n");
  const heartbeat = setInterval(() => raw.write(": sigue\n\n"), 25_000);
  request.raw.on("close", () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
