/**
 * E-mail notifications of public request events. A bus subscriber hears every change to a
 * request; for each public event not yet notified (created, status, public update, merge) it
 * first claims the event with a row in request_notifications_sent (`on conflict do nothing`), so
 * with several app processes on one database exactly one sends it, then e-mails:
 *  - confirmed subscribers of the request: status changes, public updates, merges;
 *  - confirmed subscribers of the colonia: new requests and closures (atendida, cerrada, rechazada);
 *  - the requester's own e-mail (request_contacts), on status changes of their request.
 * A claimed event whose e-mail fails is not retried (at most once); a mail error never stops the process.
 */
import { sql } from "kysely";
import type { Timestamp } from "../../platform/db/schema.js";
import type { BusMessage } from "../../platform/bus.js";
import type { Services } from "../../platform/services.js";
import { translator } from "../../platform/i18n/index.js";
import { REQUESTS_TOPIC } from "./create.js";
import { unsubscribeUrl } from "./subscriptions.js";
import { ACTIVITY_KINDS } from "./queries-public.js";

interface NotificationSentTable {
  municipality_id: number;
  request_id: string | number;
  event_id: string | number;
  sent_at: Timestamp;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    request_notifications_sent: NotificationSentTable;
  }
}

/** Only fresh events are mailed: a process starting on an old history must not flood anyone. */
const MAX_AGE_MS = 24 * 3600 * 1000;
const CLOSURES = ["atendida", "cerrada", "rechazada"];
/** Bus message kinds that can carry a public event (an assignment may move recibida → asignada). */
const RELEVANT = new Set(["created", "status", "update", "merge", "assignee"]);

const t = (key: string, options?: Record<string, unknown>): string => translator("es-MX")(key, options ?? {}) as string;

interface Recipient {
  email: string;
  unsubscribe: string | null;
}

/** Send what the public events of one request call for; returns the number of e-mails sent. */
export async function deliverRequestNotifications(services: Services, municipalityId: number, requestId: string, now = new Date()): Promise<number> {
  const { db } = services;
  const events = await db
    .selectFrom("request_events as e")
    .select(["e.id", "e.kind", "e.to_value", "e.body", "e.occurred_at"])
    .where("e.municipality_id", "=", municipalityId)
    .where("e.request_id", "=", requestId)
    .where("e.public", "=", true)
    .where("e.kind", "in", [...ACTIVITY_KINDS])
    .where("e.occurred_at", ">", new Date(now.getTime() - MAX_AGE_MS))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("request_notifications_sent as n").select("n.event_id").whereRef("n.municipality_id", "=", "e.municipality_id").whereRef("n.request_id", "=", "e.request_id").whereRef("n.event_id", "=", "e.id"),
        ),
      ),
    )
    .orderBy("e.id")
    .execute();
  if (events.length === 0) return 0;
  const request = await db
    .selectFrom("service_requests as r")
    .innerJoin("request_services as s", (j) => j.onRef("s.municipality_id", "=", "r.municipality_id").onRef("s.id", "=", "r.service_id"))
    .innerJoin("municipalities as m", "m.id", "r.municipality_id")
    .leftJoin("colonias as c", (j) => j.onRef("c.municipality_id", "=", "r.municipality_id").onRef("c.id", "=", "r.colonia_id"))
    .select(["r.folio", "r.colonia_id", "s.name as service_name", "c.name as colonia_name", "m.slug", "m.name as municipality_name"])
    .where("r.municipality_id", "=", municipalityId)
    .where("r.id", "=", requestId)
    .executeTakeFirst();
  if (!request || !request.slug) return 0;
  const municipality = { id: municipalityId, slug: request.slug };
  let sent = 0;
  for (const e of events) {
    const toRequest = e.kind !== "created";
    const toColonia = request.colonia_id !== null && (e.kind === "created" || (e.kind === "status" && CLOSURES.includes(e.to_value ?? "")));
    const recipients = new Map<string, Recipient>();
    const subs = await db
      .selectFrom("request_subscriptions")
      .select(["id", "email"])
      .where("municipality_id", "=", municipalityId)
      .where("confirmed_at", "is not", null)
      .where("confirmed_at", "<=", e.occurred_at)
      .where("unsubscribed_at", "is", null)
      .where((eb) => {
        const targets = [];
        if (toRequest) targets.push(eb.and([eb("target_kind", "=", "request"), eb("target_id", "=", requestId)]));
        if (toColonia) targets.push(eb.and([eb("target_kind", "=", "colonia"), eb("target_id", "=", String(request.colonia_id))]));
        return targets.length ? eb.or(targets) : sql<boolean>`false`;
      })
      .orderBy("id")
      .execute();
    for (const s of subs) if (!recipients.has(s.email)) recipients.set(s.email, { email: s.email, unsubscribe: unsubscribeUrl(services, municipality, s.id, s.email) });
    if (e.kind === "status") {
      // The requester's own address, used for them: their request changed.
      const contact = await db.selectFrom("request_contacts").select("email").where("municipality_id", "=", municipalityId).where("request_id", "=", requestId).executeTakeFirst();
      if (contact?.email && !recipients.has(contact.email)) recipients.set(contact.email, { email: contact.email, unsubscribe: null });
    }
    if (recipients.size === 0) continue;
    // Claim the event before sending, so that of several app processes only one sends it.
    const claimed = await db
      .insertInto("request_notifications_sent")
      .values({ municipality_id: municipalityId, request_id: requestId, event_id: e.id, sent_at: now })
      .onConflict((oc) => oc.doNothing())
      .returning("event_id")
      .executeTakeFirst();
    if (!claimed) continue;
    const folioUrl = `${services.config.publicUrl}/${request.slug}/solicitudes/${request.folio}`;
    const what = describe(e.kind, e.to_value, e.body, request.colonia_name);
    const subject =
      e.kind === "created"
        ? t("reqPublic:mail.newInColoniaSubject", { colonia: request.colonia_name, service: request.service_name })
        : t("reqPublic:mail.changeSubject", { folio: request.folio, what: what.short });
    for (const r of recipients.values()) {
      const text = [
        t("reqPublic:mail.header", { folio: request.folio, service: request.service_name, municipality: request.municipality_name }),
        "",
        what.long,
        "",
        t("reqPublic:mail.seeFolio", { url: folioUrl }),
        ...(r.unsubscribe ? ["", t("reqPublic:mail.unsubscribe", { url: r.unsubscribe })] : []),
      ].join("\n");
      try {
        await services.mailer.send({ to: r.email, subject, text });
        sent++;
      } catch (error) {
        process.stderr.write(`aviso: no se pudo enviar la notificación de ${request.folio} a un suscriptor: ${(error as Error).message}\n`);
      }
    }
  }
  return sent;
}

function describe(kind: string, to: string | null, body: string | null, colonia: string | null): { short: string; long: string } {
  switch (kind) {
    case "created":
      return { short: t("reqPublic:mail.created"), long: t("reqPublic:mail.createdLong", { colonia: colonia ?? "" }) };
    case "status": {
      const label = t(`reqPublic:status.${to}`);
      return { short: label, long: [t("reqPublic:mail.statusLong", { status: label }), body ?? ""].filter(Boolean).join("\n") };
    }
    case "merged":
      return { short: t("reqPublic:mail.merged", { folio: to }), long: t("reqPublic:mail.merged", { folio: to }) };
    default:
      return { short: t("reqPublic:mail.update"), long: `${t("reqPublic:mail.update")}:\n${body ?? ""}` };
  }
}

/**
 * Start sending notifications from this process's bus. Messages are handled one after another
 * (ordered mail, bounded load); returns the function that stops it.
 */
export async function startRequestNotifier(services: Services): Promise<() => void> {
  let chain: Promise<unknown> = Promise.resolve();
  return services.bus.subscribe((message: BusMessage) => {
    if (message.topic !== REQUESTS_TOPIC || !RELEVANT.has(String(message.data.kind))) return;
    const requestId = String(message.data.requestId ?? "");
    if (!/^\d{1,18}$/.test(requestId)) return;
    chain = chain
      .then(() => deliverRequestNotifications(services, message.municipalityId, requestId))
      .catch((error: unknown) => process.stderr.write(`aviso: notificaciones de solicitudes: ${(error as Error).message}\n`));
  });
}
